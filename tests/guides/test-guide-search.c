/* test-guide-search.c: pinyin, initials, ranking, short Chinese queries, en/ru
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fd-guide-catalog.h"
#include "fd-guide-search.h"
#include "fd-guide-test.h"

static FdGuideCatalog *catalog;

/* Ids of the hits, space-separated, in rank order. */
static char *
search_ids (const char *query)
{
  g_autoptr(GArray) hits = fd_guide_catalog_search (catalog, query, 0);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      FdGuideSearchHit *h = &g_array_index (hits, FdGuideSearchHit, i);
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, fd_guide_get_id (h->guide));
    }
  return g_string_free (out, FALSE);
}

static FdGuideSearchHit
first_hit (const char *query)
{
  g_autoptr(GArray) hits = fd_guide_catalog_search (catalog, query, 1);
  FdGuideSearchHit none = { NULL, 0, 0 };

  return hits->len > 0 ? g_array_index (hits, FdGuideSearchHit, 0) : none;
}

static void
check (const char *query,
       const char *expected)
{
  g_autofree char *ids = search_ids (query);

  g_test_message ("query \"%s\" → %s", query, ids);
  g_assert_cmpstr (ids, ==, expected);
}

static void
test_pinyin_readings (void)
{
  static const struct { const char *text; const char *pinyin; const char *initials; } cases[] = {
    { "银行", "yin hang", "yh" },
    { "重庆", "chong qing", "cq" },
    { "不动产", "bu dong chan", "bdc" },
    { "长城", "chang cheng", "cc" },
    { "企业开办", "qi ye kai ban", "qykb" },
    { "行政给付", "xing zheng ji fu", "xzjf" },
    { "重要", "zhong yao", "zy" },
    { "登录 e窗通 平台", "deng lu e chuang tong ping tai", "dlectpt" },
    { "绿色", "lv se", "ls" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pinyin = fd_pinyin_from_text (cases[i].text);
      g_autofree char *initials = fd_pinyin_initials (cases[i].text);

      g_assert_cmpstr (pinyin, ==, cases[i].pinyin);
      g_assert_cmpstr (initials, ==, cases[i].initials);
    }
}

static void
test_full_pinyin (void)
{
  check ("yinhang", "bank-account-opening");
  check ("YinHang", "bank-account-opening");
  /* an unfinished last syllable, as typed */
  check ("yinh", "bank-account-opening");
  check ("budongchan", "real-estate-registration");
  check ("juzhuzheng", "residence-permit");
  /* not from the middle of a syllable: "inhang" is no pinyin start */
  check ("inhang", "");
  /* keywords' pinyin: 过户 guohu */
  check ("guohu", "real-estate-registration");
}

static void
test_initials (void)
{
  check ("qykb", "company-startup");
  check ("bdc", "real-estate-registration");
  check ("jzz", "residence-permit");
  /* keywords' initials: 核名 hm */
  check ("hm", "company-name-reservation");
}

static void
test_short_chinese (void)
{
  /* 1 character */
  check ("银", "bank-account-opening");
  /* name, then keyword 房产证, then materials (身份证件, 使用证明) in catalogue order */
  check ("证", "residence-permit real-estate-registration company-startup company-establishment company-name-reservation maternity-allowance");
  /* 2 characters: name matches first (package first in catalogue order),
   * then the category title 企业开办 of the bank matter */
  check ("企业", "company-startup company-establishment company-name-reservation bank-account-opening");
  check ("登记", "company-establishment real-estate-registration");
  check ("居住", "residence-permit maternity-allowance"); /* name, then category 户籍居住 */
  check ("不存在的", "");
}

static void
test_ranking (void)
{
  FdGuideSearchHit h;

  /* exact name beats prefix beats substring beats keywords beats other */
  check ("不动产转移登记", "real-estate-registration");
  h = first_hit ("不动产转移登记");
  g_assert_cmpint (h.match, ==, FD_GUIDE_MATCH_NAME_EXACT);
  h = first_hit ("企业设立");
  g_assert_cmpint (h.match, ==, FD_GUIDE_MATCH_NAME_PREFIX);
  h = first_hit ("转移");
  g_assert_cmpint (h.match, ==, FD_GUIDE_MATCH_NAME);
  h = first_hit ("房产证");
  g_assert_cmpint (h.match, ==, FD_GUIDE_MATCH_KEYWORDS);
  g_assert_cmpstr (fd_guide_get_id (h.guide), ==, "real-estate-registration");
  h = first_hit ("公安");
  g_assert_cmpint (h.match, ==, FD_GUIDE_MATCH_OTHER);

  /* 营业执照: a keyword of company-establishment, a material of the bank
   * matter; the keyword ranks first */
  check ("营业执照", "company-establishment bank-account-opening");
  /* name prefix (company-establishment 企业设立登记 "Company establishment")
   * before name containing the word (company-startup "Company start-up")?
   * both start with "company": catalogue order decides (stable) */
  check ("company", "company-startup company-establishment company-name-reservation");
  check ("company est", "company-establishment");
  /* limit */
  {
    g_autoptr(GArray) hits = fd_guide_catalog_search (catalog, "company", 2);
    g_assert_cmpuint (hits->len, ==, 2);
  }
  check ("", "");
  check ("   ", "");
}

static void
test_english_russian (void)
{
  FdGuideSearchHit h;

  check ("reservation", "company-name-reservation");
  check ("RESERV", "company-name-reservation");
  /* word prefixes only: "ervation" is inside a word (and 3 edits away
   * from "reservation", more than typo tolerance allows for 8 letters) */
  check ("ervation", "");
  check ("licence", "company-establishment bank-account-opening");
  check ("вид на", "residence-permit");
  check ("ВИД", "residence-permit");
  check ("недвиж", "real-estate-registration");
  /* ё is searched as е */
  check ("счет", "bank-account-opening");
  h = first_hit ("вид на жительство");
  g_assert_cmpint (h.match, ==, FD_GUIDE_MATCH_NAME_EXACT);
  g_assert_cmpint (h.lang, ==, FD_LANG_RU);
  h = first_hit ("real estate");
  g_assert_cmpint (h.lang, ==, FD_LANG_EN);
}

/* Issue 13: terms in any order, synonyms (fixtures/src/synonyms.tsv),
 * stems, typos, Chinese sentences; the shipped guides are searched with
 * the issue's own queries in test-guide-search-queries.c. */
static void
test_forgiving (void)
{
  FdGuideSearchHit h;

  /* a maternity matter: by its name, and by synonyms only */
  check ("生育", "maternity-allowance");
  check ("baby", "maternity-allowance");
  check ("роды", "maternity-allowance");
  h = first_hit ("baby");
  g_assert_cmpint (h.match, ==, FD_GUIDE_MATCH_NAME);
  check ("hukou", "residence-permit");
  /* terms in any order, every one must match */
  check ("name company", "company-name-reservation");
  check ("reservation company name", "company-name-reservation");
  check ("company nothing-like-it", "");
  /* pinyin typed apart, with tones */
  check ("juzhu zheng", "residence-permit");
  check ("jūzhùzhèng", "residence-permit");
  h = first_hit ("qiye kaiban");
  g_assert_cmpstr (fd_guide_get_id (h.guide), ==, "company-startup");
  /* hyphen and space variants of "start-up" */
  h = first_hit ("startup");
  g_assert_cmpstr (fd_guide_get_id (h.guide), ==, "company-startup");
  h = first_hit ("start up");
  g_assert_cmpstr (fd_guide_get_id (h.guide), ==, "company-startup");
  /* stems: plural and Russian cases */
  check ("reservations", "company-name-reservation");
  check ("регистрацию недвижимости", "real-estate-registration");
  /* typos: one edit from 5 letters, two from 9, none below 5 */
  check ("reservaton", "company-name-reservation");
  check ("reservtaion", "company-name-reservation");
  check ("bnak", "");
  /* a sentence: the known term inside it (居住证, a synonym) */
  check ("我想办居住证", "residence-permit");
  check ("我想办点事", "");
}

/* The byte-by-byte folding of common scripts gives what the general path
 * (g_utf8_strdown and Unicode tables) gives: every BMP character alone and
 * between other characters, and mixed texts that take either path. */
static void
test_normalize_paths (void)
{
  static const char *texts[] = {
    "Company  Start-Up\tREGISTRATION\n", "  ЁЛКА ёлка Ѐ Џ Ў ў  ", "企业开办　（一件事）、登记",
    "ＡＢＣ　ａｂｃ１２３！", "qǐyè kāibàn", "Σίσυφος ΣΑΣ", "e窗通/ID_card—x", "a\x01b", "İstanbul I",
    "〆〇〪x", "", " ", "-_/", "Регистрацию ПРЕДПРИЯТИЯ, e-mail", "ü ǜ Ü",
  };
  const char *contexts[][2] = { { "", "" }, { "A", "b" }, { "Я", " " }, { "中", "-" }, { " ", "Σ" } };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *fast = fd_search_normalize (texts[i]);
      g_autofree char *general = _fd_search_normalize_general (texts[i]);

      g_assert_cmpstr (fast, ==, general);
    }
  for (gunichar c = 1; c < 0x10000; c++)
    {
      char utf8[8] = { 0 };

      if (c >= 0xD800 && c <= 0xDFFF)
        continue;
      g_unichar_to_utf8 (c, utf8);
      for (guint k = 0; k < G_N_ELEMENTS (contexts); k++)
        {
          g_autofree char *text = g_strconcat (contexts[k][0], utf8, contexts[k][1], NULL);
          g_autofree char *fast = fd_search_normalize (text);
          g_autofree char *general = _fd_search_normalize_general (text);

          if (g_strcmp0 (fast, general) != 0)
            g_error ("U+%04X in \"%s\": \"%s\" but the general path gives \"%s\"", c, text, fast, general);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  catalog = fd_guide_catalog_new ();
  if (!fd_guide_catalog_load_dir (catalog, g_getenv ("FD_GUIDES_FIXTURES"), NULL, &error))
    g_error ("%s", error->message);
  g_assert_cmpuint (fd_guide_catalog_get_load_errors (catalog)->len, ==, 0);

  g_test_add_func ("/guides/search/pinyin-readings", test_pinyin_readings);
  g_test_add_func ("/guides/search/normalize-paths", test_normalize_paths);
  g_test_add_func ("/guides/search/full-pinyin", test_full_pinyin);
  g_test_add_func ("/guides/search/initials", test_initials);
  g_test_add_func ("/guides/search/short-chinese", test_short_chinese);
  g_test_add_func ("/guides/search/ranking", test_ranking);
  g_test_add_func ("/guides/search/english-russian", test_english_russian);
  g_test_add_func ("/guides/search/forgiving", test_forgiving);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
