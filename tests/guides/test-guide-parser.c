/* test-guide-parser.c: the one guide parser — loads every shipped and
 * fixture guide, rejects bad files with FILE:LINE:COL, reads
 * status="unverified", and survives hostile input within its bounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fd-guide.h"
#include "fd-guide-test.h"
#include "fd-guide-strings.h"

static gboolean
has_error (GPtrArray *messages)
{
  for (guint i = 0; i < messages->len; i++)
    if (strstr (g_ptr_array_index (messages, i), ": error: ") != NULL)
      return TRUE;
  return FALSE;
}

static guint
load_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(FdGuide) guide = NULL;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      guide = fd_guide_new_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (guide);
      /* checking and loading are the same code: no error either way */
      g_assert_true (fd_guide_validate_file (path, messages));
      g_assert_false (has_error (messages));
      n++;
    }
  return n;
}

static void
test_fixtures_and_content (void)
{
  const char *subdirs[] = { "matters", "packages" };
  const char *roots[] = { g_getenv ("FD_GUIDES_FIXTURES"), g_getenv ("FD_GUIDES_DATA") };
  guint n = 0;

  for (guint r = 0; r < G_N_ELEMENTS (roots); r++)
    for (guint s = 0; s < G_N_ELEMENTS (subdirs); s++)
      {
        g_autofree char *dir = g_build_filename (roots[r], subdirs[s], NULL);
        n += load_dir (dir);
      }
  g_assert_cmpuint (n, >=, 6 + 60);
}

#define BASE_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<matter id=\"m1\" category=\"c1\" type=\"permit\" visits=\"0\" extended=\" morning  saturday\">\n"
#define BASE_NAME "  <name>企业 名称</name><name xml:lang=\"en\">Company\n name</name>\n"
#define BASE_DEPT "  <department>区市场监管局</department>\n"
#define BASE_MATERIALS "  <materials><material form=\"copy\" quantity=\"2\"><name>身份证</name>" \
  "<name xml:lang=\"ru\">Паспорт</name><note>原件</note></material></materials>\n"
#define BASE_FEE "  <fee free=\"true\"/>\n"
#define BASE_TAIL "</matter>\n"

/* Variants of a small guide: the first N_VALID load; every other one is
 * rejected with a positioned error, by loading and by checking alike. */
#define N_VALID 6

static void
test_variants (void)
{
  const char *variants[] = {
    /* valid */
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
    "<basis>A</basis><code> X-1 </code><basis>B &amp; C</basis><basis xml:lang=\"en\">B-en</basis>"
    "<keywords>核名 <!-- c --> 银行</keywords><location windows=\" A01  A02 \"><place>一层</place>"
    "<place xml:lang=\"en\">1F</place></location><online url=\"https://example.org/a\"><channel>网</channel></online>"
    "<time-limit statutory=\"20\" promised=\"0\"/><faq><q>问</q><a>答</a><q xml:lang=\"en\">Q</q></faq>"
    "<steps><step>一</step><step xml:lang=\"ru\">Один</step><step>二</step></steps>"
    "<eligibility><item>人</item></eligibility><description>说明</description><phone>12345</phone>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS "<fee free=\"false\"><item>10 元</item></fee>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<name xml:lang=\"en\">Second English</name>" BASE_TAIL,
    "<package id=\"p1\" category=\"c1\">" BASE_NAME BASE_MATERIALS BASE_FEE
    "<matters><matter ref=\"m1\"/><matter ref=\"m2\"/></matters></package>",
    /* a language we do not show is ignored */
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<name xml:lang=\"de\">Firma</name>" BASE_TAIL,
    /* invalid */
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<code>1</code><code>2</code>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<time-limit statutory=\"1\" promised=\"1\"><x/></time-limit>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<materials/>" BASE_TAIL,
    BASE_HEAD "<name>名<b>粗</b></name>" BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<fee xml:lang=\"en\" free=\"true\"/>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL "<matter/>",
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_MATERIALS BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    BASE_HEAD "<name xml:lang=\"en\">X</name>" BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    BASE_HEAD "<name> </name>" BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<nmae>x</nmae>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT "<materials><material form=\"scan\"><name>x</name></material></materials>" BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT "<materials><material quantity=\"0\"><name>x</name></material></materials>" BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT "<materials><material><note>x</note></material></materials>" BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS "<fee free=\"true\"><item>1</item></fee>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS "<fee/>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<time-limit statutory=\"2\" promised=\"5\"/>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
    "<time-limit statutory=\"5\" statutory-unit=\"weeks\" promised=\"1\"/>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
    "<time-limit statutory-unit=\"calendar-days\" promised=\"1\"/>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
    "<time-limit statutory=\"2\" statutory-unit=\"calendar-days\" promised=\"5\"/>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<time-limit statutory=\"\" promised=\"1\"/>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<result>甲</result><result>乙</result>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT "<materials><material form=\"original  copy\"><name>x</name></material></materials>"
    BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<complaint>甲<b/></complaint>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<online url=\"ftp://x\"/>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<faq><q>1</q></faq>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<matters><matter ref=\"m1\"/></matters>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<steps><item>x</item></steps>" BASE_TAIL,
    "<matter id=\"M1\" category=\"c1\" type=\"permit\">" BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    "<matter id=\"m1\" category=\"c1\">" BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    "<matter id=\"m1\" category=\"c1\" type=\"permit\" visits=\"2\">" BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    "<matter id=\"m1\" category=\"c1\" type=\"permit\" extended=\"night\">" BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    "<package id=\"p1\" category=\"c1\">" BASE_NAME BASE_MATERIALS BASE_FEE "<matters/></package>",
    "<guide id=\"m1\" category=\"c1\" type=\"permit\">" BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "</guide>",
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<name>unclosed" BASE_TAIL,
  };
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *name = g_strdup_printf ("variant-%u.xml", i);
      g_autofree char *dir = g_dir_make_tmp ("fd-guide-parser-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(FdGuide) guide = fd_guide_new_from_data (variants[i], -1, name, &error);
      gboolean valid;

      g_assert_true (g_file_set_contents (path, variants[i], -1, NULL));
      valid = fd_guide_validate_file (path, messages);
      g_test_message ("variant %u: %s", i, error != NULL ? error->message : "ok");
      if (i < N_VALID)
        {
          g_assert_no_error (error);
          g_assert_nonnull (guide);
          g_assert_true (valid);
        }
      else
        {
          g_autofree char *prefix = g_strdup_printf ("%s:", name);
          g_autofree char *path_prefix = g_strdup_printf ("%s:", path);
          int line = 0, col = 0;

          g_assert_null (guide);
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, prefix));
          g_assert_cmpint (sscanf (error->message + strlen (prefix), "%d:%d:", &line, &col), ==, 2);
          g_assert_cmpint (line, >=, 1);
          g_assert_cmpint (col, >=, 1);
          g_assert_false (valid);
          g_assert_cmpuint (messages->len, >=, 1);
          for (guint m = 0; m < messages->len; m++)
            g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, m), path_prefix));
          g_assert_true (has_error (messages));
        }
      g_unlink (path);
      g_rmdir (dir);
    }

  /* the model of the fullest valid variant */
  {
    g_autoptr(FdGuide) g = fd_guide_new_from_data (variants[1], -1, "v1", NULL);
    guint statutory, promised;

    g_assert_nonnull (g);
    g_assert_cmpstr (fd_guide_get_code (g), ==, "X-1");
    g_assert_cmpuint (fd_guide_get_n_basis (g), ==, 2);
    g_assert_cmpstr (fd_guide_get_basis (g, 1, FD_LANG_ZH_CN), ==, "B & C");
    g_assert_cmpstr (fd_guide_get_basis (g, 1, FD_LANG_EN), ==, "B-en");
    g_assert_cmpstr (fd_guide_get_basis (g, 0, FD_LANG_EN), ==, "A");
    g_assert_cmpstr (fd_guide_get_name (g, FD_LANG_EN), ==, "Company name");
    g_assert_cmpstr (fd_guide_get_keywords (g, FD_LANG_ZH_CN), ==, "核名 银行");
    g_assert_cmpstrv (fd_guide_get_windows (g), ((const char *[]) { "A01", "A02", NULL }));
    g_assert_cmpstr (fd_guide_get_place (g, FD_LANG_EN), ==, "1F");
    g_assert_true (fd_guide_get_time_limit (g, &statutory, &promised));
    g_assert_cmpuint (statutory, ==, 20);
    g_assert_cmpuint (promised, ==, 0);
    g_assert_cmpuint (fd_guide_get_n_faq (g), ==, 1);
    g_assert_cmpstr (fd_guide_get_faq_question (g, 0, FD_LANG_EN), ==, "Q");
    g_assert_cmpuint (fd_guide_get_n_steps (g), ==, 2);
    g_assert_cmpstr (fd_guide_get_step (g, 0, FD_LANG_RU), ==, "Один");
    g_assert_cmpstr (fd_guide_get_step (g, 1, FD_LANG_RU), ==, "二");
    g_assert_cmpint (fd_guide_get_extended (g), ==, FD_EXTENDED_MORNING | FD_EXTENDED_SATURDAY);
    g_assert_cmpuint (fd_guide_get_visits (g), ==, 0);
    g_assert_cmpint (fd_guide_material_get_form (fd_guide_get_material (g, 0)), ==, FD_MATERIAL_COPY);
    g_assert_cmpuint (fd_guide_material_get_quantity (fd_guide_get_material (g, 0)), ==, 2);
    g_assert_false (fd_guide_has_unverified (g));
  }
}

#define UNVERIFIED \
  BASE_HEAD BASE_NAME BASE_DEPT \
  "<basis>甲</basis><basis status=\"unverified\">乙</basis><basis xml:lang=\"en\" status=\"unverified\">B</basis>" \
  "<materials><material><name>身份证</name></material><material status=\"unverified\"><name>照片</name></material></materials>" \
  "<steps><step status=\"unverified\">一</step><step>二</step></steps>" \
  "<time-limit status=\"unverified\" statutory=\"20\" promised=\"5\"/>" \
  "<fee status=\"unverified\"><item>10 元</item></fee>" \
  "<location status=\"unverified\" windows=\"A01\"><place>一层</place></location>" \
  "<online url=\"https://example.org/\"><channel status=\"unverified\">网</channel></online>" BASE_TAIL

static void
test_status_unverified (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) g = fd_guide_new_from_data (UNVERIFIED, -1, "unverified.xml", &error);
  g_autoptr(FdGuide) plain = fd_guide_new_from_data (BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
                                                     "<basis>甲</basis>" BASE_TAIL, -1, "plain.xml", NULL);
  const char *bad[] = {
    BASE_HEAD "<name status=\"unverified\">名</name>" BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<basis status=\"unsure\">甲</basis>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS "<fee free=\"true\" status=\"\"/>" BASE_TAIL,
  };

  g_assert_no_error (error);
  g_assert_true (fd_guide_has_unverified (g));
  g_assert_false (fd_guide_is_unverified (g, FD_GUIDE_FIELD_BASIS, 0));
  g_assert_true (fd_guide_is_unverified (g, FD_GUIDE_FIELD_BASIS, 1));
  g_assert_false (fd_guide_is_unverified (g, FD_GUIDE_FIELD_BASIS, 2));
  g_assert_cmpstr (fd_guide_get_basis (g, 1, FD_LANG_EN), ==, "B");
  g_assert_false (fd_guide_is_unverified (g, FD_GUIDE_FIELD_MATERIAL, 0));
  g_assert_true (fd_guide_is_unverified (g, FD_GUIDE_FIELD_MATERIAL, 1));
  g_assert_true (fd_guide_material_is_unverified (fd_guide_get_material (g, 1)));
  g_assert_true (fd_guide_is_unverified (g, FD_GUIDE_FIELD_STEP, 0));
  g_assert_false (fd_guide_is_unverified (g, FD_GUIDE_FIELD_STEP, 1));
  g_assert_true (fd_guide_is_unverified (g, FD_GUIDE_FIELD_TIME_LIMIT, 0));
  g_assert_true (fd_guide_is_unverified (g, FD_GUIDE_FIELD_FEE, 0));
  g_assert_true (fd_guide_is_unverified (g, FD_GUIDE_FIELD_LOCATION, 0));
  g_assert_true (fd_guide_is_unverified (g, FD_GUIDE_FIELD_CHANNEL, 0));

  g_assert_nonnull (plain);
  g_assert_false (fd_guide_has_unverified (plain));
  for (FdGuideField f = FD_GUIDE_FIELD_BASIS; f <= FD_GUIDE_FIELD_LOCATION; f++)
    g_assert_false (fd_guide_is_unverified (plain, f, 0));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(FdGuide) none = fd_guide_new_from_data (bad[i], -1, "bad.xml", &e);

      g_assert_null (none);
      g_assert_error (e, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID);
      g_assert_nonnull (strstr (e->message, "status"));
    }
}

/* Hostile input: every bound gives a clear error, nothing crashes or hangs. */
static void
test_bounds (void)
{
  g_autoptr(GString) deep = g_string_new (BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE);
  g_autoptr(GString) wide = g_string_new (BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<steps>");
  g_autoptr(GString) many = g_string_new (BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE);
  g_autoptr(GString) longtext = g_string_new (BASE_HEAD BASE_DEPT BASE_MATERIALS BASE_FEE "<name>");
  g_autoptr(GString) big = g_string_new (BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<!--");
  struct { GString *s; const char *needle; } cases[] = {
    { deep, "nested deeper" }, { wide, "more than 500 <step>" }, { many, "more than 5000 elements" },
    { longtext, "text longer than" }, { big, "larger than" },
  };

  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "<x>");
  for (guint i = 0; i < 600; i++)
    g_string_append (wide, "<step>步</step>");
  g_string_append (wide, "</steps>" BASE_TAIL);
  for (guint i = 0; i < 6000; i++)
    g_string_append (many, "<x/>");
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (longtext, 'a');
  g_string_append (longtext, "</name>" BASE_TAIL);
  while (big->len <= FD_GUIDE_MAX_FILE_SIZE)
    g_string_append (big, "0123456789abcdef");
  g_string_append (big, "-->" BASE_TAIL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(FdGuide) g = fd_guide_parse (cases[i].s->str, cases[i].s->len, "hostile.xml", messages, &error);
      gboolean found = FALSE;

      g_assert_null (g);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "hostile.xml:"));
      for (guint m = 0; m < messages->len; m++)
        {
          g_test_message ("%s", (char *) g_ptr_array_index (messages, m));
          found = found || strstr (g_ptr_array_index (messages, m), cases[i].needle) != NULL;
        }
      g_assert_true (found);
    }
}

/* statutory-unit="calendar-days", the working-day default, and a limit
 * with no statutory= at all; and the strings every output shows for them. */
static void
test_time_limit_units (void)
{
  static const char *calendar = BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
                                "<time-limit statutory=\"15\" statutory-unit=\"calendar-days\" promised=\"10\"/>" BASE_TAIL;
  static const char *working = BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
                               "<time-limit statutory=\"21\" statutory-unit=\"working-days\" promised=\"2\"/>" BASE_TAIL;
  static const char *no_statutory = BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
                                    "<time-limit promised=\"0\"/>" BASE_TAIL;
  guint days, promised;
  FdDayUnit unit;

  {
    g_autoptr(FdGuide) g = fd_guide_new_from_data (calendar, -1, "cal", NULL);
    g_autofree char *zh = NULL, *en = NULL, *ru = NULL;

    g_assert_nonnull (g);
    g_assert_true (fd_guide_get_statutory_limit (g, &days, &unit));
    g_assert_cmpuint (days, ==, 15);
    g_assert_cmpint (unit, ==, FD_DAYS_CALENDAR);
    g_assert_true (fd_guide_get_time_limit (g, NULL, &promised));
    g_assert_cmpuint (promised, ==, 10);
    zh = fd_guide_format_statutory (g, FD_LANG_ZH_CN);
    en = fd_guide_format_statutory (g, FD_LANG_EN);
    ru = fd_guide_format_statutory (g, FD_LANG_RU);
    g_assert_cmpstr (zh, ==, "15 个自然日");
    g_assert_cmpstr (en, ==, "15 calendar days");
    g_assert_cmpstr (ru, ==, "15 календарных дней");
  }
  {
    g_autoptr(FdGuide) g = fd_guide_new_from_data (working, -1, "work", NULL);
    g_autofree char *ru = NULL;

    g_assert_nonnull (g);
    g_assert_true (fd_guide_get_statutory_limit (g, &days, &unit));
    g_assert_cmpint (unit, ==, FD_DAYS_WORKING);
    ru = fd_guide_format_statutory (g, FD_LANG_RU);
    g_assert_cmpstr (ru, ==, "21 рабочий день");
  }
  {
    g_autoptr(FdGuide) g = fd_guide_new_from_data (no_statutory, -1, "none", NULL);
    g_autofree char *en = NULL;

    g_assert_nonnull (g);
    g_assert_true (fd_guide_get_time_limit (g, NULL, &promised));
    g_assert_false (fd_guide_get_statutory_limit (g, NULL, NULL));
    en = fd_guide_format_statutory (g, FD_LANG_EN);
    g_assert_null (en);
  }
  {
    /* the shipped data: the ID card's 60 days are calendar days */
    g_autofree char *path = g_build_filename (g_getenv ("FD_GUIDES_DATA"), "matters", "id-card-renewal.xml", NULL);
    g_autoptr(FdGuide) g = fd_guide_new_from_file (path, NULL);

    g_assert_nonnull (g);
    g_assert_true (fd_guide_get_statutory_limit (g, &days, &unit));
    g_assert_cmpuint (days, ==, 60);
    g_assert_cmpint (unit, ==, FD_DAYS_CALENDAR);
  }
}

/* <result> and <complaint>: one translatable text each */
static void
test_result_complaint (void)
{
  static const char *data = BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE
                            "<result>营业执照</result><result xml:lang=\"en\">Business licence</result>"
                            "<result xml:lang=\"ru\">Лицензия</result>"
                            "<complaint>拨打 12345</complaint><complaint xml:lang=\"ru\">Звоните 12345</complaint>" BASE_TAIL;
  g_autoptr(FdGuide) g = fd_guide_new_from_data (data, -1, "rc", NULL);
  g_autoptr(FdGuide) plain = fd_guide_new_from_data (BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE BASE_TAIL,
                                                     -1, "plain", NULL);

  g_assert_nonnull (g);
  g_assert_cmpstr (fd_guide_get_result (g, FD_LANG_ZH_CN), ==, "营业执照");
  g_assert_cmpstr (fd_guide_get_result (g, FD_LANG_EN), ==, "Business licence");
  g_assert_cmpstr (fd_guide_get_result (g, FD_LANG_RU), ==, "Лицензия");
  g_assert_cmpstr (fd_guide_get_complaint (g, FD_LANG_RU), ==, "Звоните 12345");
  /* no English complaint: the Chinese source stands in */
  g_assert_cmpstr (fd_guide_get_complaint (g, FD_LANG_EN), ==, "拨打 12345");
  g_assert_nonnull (plain);
  g_assert_null (fd_guide_get_result (plain, FD_LANG_EN));
  g_assert_null (fd_guide_get_complaint (plain, FD_LANG_ZH_CN));
  {
    g_autoptr(FdGuide) both = fd_guide_new_from_data (BASE_HEAD BASE_NAME BASE_DEPT
                                                      "<materials><material form=\"original copy\" quantity=\"1\"><name>身份证</name></material></materials>"
                                                      BASE_FEE BASE_TAIL, -1, "both", NULL);

    g_assert_nonnull (both);
    g_assert_cmpint (fd_guide_material_get_form (fd_guide_get_material (both, 0)), ==, FD_MATERIAL_ORIGINAL_AND_COPY);
    g_assert_cmpstr (fd_material_form_label (FD_MATERIAL_ORIGINAL_AND_COPY, FD_LANG_RU), ==, "оригинал и копия");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guides/parser/fixtures-and-content", test_fixtures_and_content);
  g_test_add_func ("/guides/parser/variants", test_variants);
  g_test_add_func ("/guides/parser/time-limit-units", test_time_limit_units);
  g_test_add_func ("/guides/parser/result-complaint", test_result_complaint);
  g_test_add_func ("/guides/parser/status-unverified", test_status_unverified);
  g_test_add_func ("/guides/parser/bounds", test_bounds);
  return g_test_run ();
}
