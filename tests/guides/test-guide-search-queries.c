/* test-guide-search-queries.c: the forgiving search on the shipped guides,
 * with the queries of issue 13 as a new user typed them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the merged guides of the build (FD_GUIDES_DATA) the way the app
 * does (fd_guide_catalog_load_dir, synonyms.tsv included) and checks the
 * first hit of each query.
 */
#include "config.h"

#include <string.h>

#include "fd-guide-catalog.h"
#include "fd-guide-search.h"

static FdGuideCatalog *catalog;

static char *
ids (const char *query,
     guint       limit)
{
  g_autoptr(GArray) hits = fd_guide_catalog_search (catalog, query, limit);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            fd_guide_get_id (g_array_index (hits, FdGuideSearchHit, i).guide));
  return g_string_free (out, FALSE);
}

/* The first hit of @query is @id. */
static void
first (const char *query,
       const char *id)
{
  g_autofree char *got = ids (query, 5);

  g_test_message ("query \"%s\" → %s", query, got);
  if (!g_str_has_prefix (got, id) || (got[strlen (id)] != '\0' && got[strlen (id)] != ' '))
    g_error ("query \"%s\": expected %s first, got \"%s\"", query, id, got);
}

/* One of A and B first and the other among the first three. */
static void
first_of (const char *query,
          const char *a,
          const char *b)
{
  g_autofree char *got = ids (query, 3);
  g_auto(GStrv) top = g_strsplit (got, " ", -1);

  g_test_message ("query \"%s\" → %s", query, got);
  if (top[0] == NULL || (!g_str_equal (top[0], a) && !g_str_equal (top[0], b)) ||
      !g_strv_contains ((const char * const *) top, a) || !g_strv_contains ((const char * const *) top, b))
    g_error ("query \"%s\": expected %s and %s in the lead, got \"%s\"", query, a, b, got);
}

static void
test_pinyin_with_spaces (void)
{
  first ("qiye kaiban", "company-startup");
  first ("qiyekaiban", "company-startup");
  first ("qykb", "company-startup");
  first ("xiangmu daima", "investment-project-code");
  first ("waishang touzi", "foreign-invested-company-establishment");
  /* tone marks, as an input method with tones types them */
  first ("qǐyè kāibàn", "company-startup");
  first ("wàishāng tóuzī", "foreign-invested-company-establishment");
}

static void
test_terms_any_order (void)
{
  first ("company startup", "company-startup");
  first ("start company", "company-startup");
  first ("企业 开办", "company-startup");
  first ("开办 企业", "company-startup");
  /* Two guides are titled "residence permit" (the foreign nationals' one and
   * Beijing's for residents from elsewhere): either may lead, both must show. */
  first_of ("permit residence", "foreigner-residence-permit", "residence-permit-application");
}

static void
test_hyphen_space (void)
{
  first ("start-up", "company-startup");
  first ("startup", "company-startup");
  first ("start up company", "company-startup");
}

static void
test_stems (void)
{
  /* Russian accusative and genitive against the nominative of the title */
  {
    g_autofree char *got = ids ("регистрацию компании", 10);

    g_test_message ("регистрацию компании → %s", got);
    g_assert_nonnull (strstr (got, "company-establishment"));
  }
  /* English plural */
  {
    g_autofree char *got = ids ("residence permits", 3);
    g_auto(GStrv) top = g_strsplit (got, " ", -1);

    /* the first hit is one of the residence permit guides */
    g_assert_nonnull (top[0]);
    g_assert_nonnull (strstr (top[0], "residence-permit"));
  }
}

static void
test_typos (void)
{
  first_of ("resdence permit", "foreigner-residence-permit", "residence-permit-application");
  first_of ("residense", "foreigner-residence-permit", "residence-permit-application");
  /* two edits from 9 letters */
  first_of ("resedense permit", "foreigner-residence-permit", "residence-permit-application");
}

static void
test_chinese_sentence (void)
{
  first ("身份证丢了", "id-card-renewal");
  first ("我的身份证丢了怎么办", "id-card-renewal");
}

static void
test_synonyms (void)
{
  first ("hukou", "birth-registration");
  first ("fapiao", "invoice-first-application");
}

/* A package is listed right after one of its own matters when it ranks no
 * better than that matter. */
static void
test_packages_beside_matters (void)
{
  const char *queries[] = { "社会保险", "银行", "登记", "公积金", "残疾人", "营业执照", "发票", "company" };
  guint moved = 0;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) hits = fd_guide_catalog_search (catalog, queries[q], 0);

      for (guint i = 0; i < hits->len; i++)
        {
          FdGuideSearchHit *h = &g_array_index (hits, FdGuideSearchHit, i);
          g_autoptr(GPtrArray) matters = NULL;
          gboolean ranked_first = TRUE;

          if (fd_guide_get_kind (h->guide) != FD_GUIDE_KIND_PACKAGE)
            continue;
          matters = fd_guide_catalog_get_package_matters (catalog, h->guide);
          /* is one of its matters listed before it, ranking better? */
          for (guint j = 0; j < i; j++)
            {
              FdGuideSearchHit *m = &g_array_index (hits, FdGuideSearchHit, j);

              if (g_ptr_array_find (matters, m->guide, NULL) && m->match < h->match)
                ranked_first = FALSE;
            }
          if (ranked_first)
            continue;
          /* then it follows one of its matters, or another package that does */
          {
            guint k = i;

            while (k > 0 && fd_guide_get_kind (g_array_index (hits, FdGuideSearchHit, k - 1).guide) == FD_GUIDE_KIND_PACKAGE)
              k--;
            g_assert_cmpuint (k, >, 0);
            g_assert_true (g_ptr_array_find (matters, g_array_index (hits, FdGuideSearchHit, k - 1).guide, NULL) ||
                           k < i);
          }
          moved++;
        }
    }
  /* the rule was exercised */
  g_assert_cmpuint (moved, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  catalog = fd_guide_catalog_new ();
  if (!fd_guide_catalog_load_dir (catalog, g_getenv ("FD_GUIDES_DATA"), NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/guides/search-queries/pinyin-with-spaces", test_pinyin_with_spaces);
  g_test_add_func ("/guides/search-queries/terms-any-order", test_terms_any_order);
  g_test_add_func ("/guides/search-queries/hyphen-space", test_hyphen_space);
  g_test_add_func ("/guides/search-queries/stems", test_stems);
  g_test_add_func ("/guides/search-queries/typos", test_typos);
  g_test_add_func ("/guides/search-queries/chinese-sentence", test_chinese_sentence);
  g_test_add_func ("/guides/search-queries/synonyms", test_synonyms);
  g_test_add_func ("/guides/search-queries/packages-beside-matters", test_packages_beside_matters);

  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
