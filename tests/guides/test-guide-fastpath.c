/* test-guide-fastpath.c: the fast loading path builds the same model as the
 * checked path, and never accepts a file the checked path rejects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fd-guide.h"
#include "fd-guide-private.h"

static void
assert_same_text (const char *a,
                  const char *b,
                  const char *what)
{
  if (g_strcmp0 (a, b) != 0)
    g_error ("%s differs: \"%s\" (fast) vs \"%s\" (checked)", what, a ? a : "(null)", b ? b : "(null)");
}

static void
assert_same_guide (FdGuide *f,
                   FdGuide *c)
{
  guint fs, fp, cs, cp;

  assert_same_text (fd_guide_get_id (f), fd_guide_get_id (c), "id");
  g_assert_cmpint (fd_guide_get_kind (f), ==, fd_guide_get_kind (c));
  assert_same_text (fd_guide_get_code (f), fd_guide_get_code (c), "code");
  assert_same_text (fd_guide_get_category (f), fd_guide_get_category (c), "category");
  g_assert_cmpint (fd_guide_get_guide_type (f), ==, fd_guide_get_guide_type (c));
  g_assert_cmpuint (fd_guide_get_visits (f), ==, fd_guide_get_visits (c));
  g_assert_cmpint (fd_guide_get_extended (f), ==, fd_guide_get_extended (c));
  g_assert_cmpint (fd_guide_get_time_limit (f, &fs, &fp), ==, fd_guide_get_time_limit (c, &cs, &cp));
  g_assert_cmpuint (fs, ==, cs);
  g_assert_cmpuint (fp, ==, cp);
  g_assert_cmpint (fd_guide_get_fee_free (f), ==, fd_guide_get_fee_free (c));
  g_assert_cmpstrv (fd_guide_get_windows (f), fd_guide_get_windows (c));
  assert_same_text (fd_guide_get_online_url (f), fd_guide_get_online_url (c), "url");
  assert_same_text (fd_guide_get_phone (f), fd_guide_get_phone (c), "phone");
  g_assert_cmpstrv (fd_guide_get_matter_refs (f), fd_guide_get_matter_refs (c));
  g_assert_cmpuint (fd_guide_get_n_basis (f), ==, fd_guide_get_n_basis (c));
  g_assert_cmpuint (fd_guide_get_n_eligibility (f), ==, fd_guide_get_n_eligibility (c));
  g_assert_cmpuint (fd_guide_get_n_materials (f), ==, fd_guide_get_n_materials (c));
  g_assert_cmpuint (fd_guide_get_n_steps (f), ==, fd_guide_get_n_steps (c));
  g_assert_cmpuint (fd_guide_get_n_fees (f), ==, fd_guide_get_n_fees (c));
  g_assert_cmpuint (fd_guide_get_n_faq (f), ==, fd_guide_get_n_faq (c));

  for (FdLang l = 0; l < FD_N_LANGS; l++)
    {
      g_assert_cmpint (fd_guide_is_translated (f, l), ==, fd_guide_is_translated (c, l));
      assert_same_text (fd_guide_get_name (f, l), fd_guide_get_name (c, l), "name");
      assert_same_text (fd_guide_get_department (f, l), fd_guide_get_department (c, l), "department");
      assert_same_text (fd_guide_get_keywords (f, l), fd_guide_get_keywords (c, l), "keywords");
      assert_same_text (fd_guide_get_description (f, l), fd_guide_get_description (c, l), "description");
      assert_same_text (fd_guide_get_place (f, l), fd_guide_get_place (c, l), "place");
      assert_same_text (fd_guide_get_online_channel (f, l), fd_guide_get_online_channel (c, l), "channel");
      for (guint i = 0; i < fd_guide_get_n_basis (c); i++)
        assert_same_text (fd_guide_get_basis (f, i, l), fd_guide_get_basis (c, i, l), "basis");
      for (guint i = 0; i < fd_guide_get_n_eligibility (c); i++)
        assert_same_text (fd_guide_get_eligibility (f, i, l), fd_guide_get_eligibility (c, i, l), "eligibility");
      for (guint i = 0; i < fd_guide_get_n_steps (c); i++)
        assert_same_text (fd_guide_get_step (f, i, l), fd_guide_get_step (c, i, l), "step");
      for (guint i = 0; i < fd_guide_get_n_fees (c); i++)
        assert_same_text (fd_guide_get_fee (f, i, l), fd_guide_get_fee (c, i, l), "fee");
      for (guint i = 0; i < fd_guide_get_n_faq (c); i++)
        {
          assert_same_text (fd_guide_get_faq_question (f, i, l), fd_guide_get_faq_question (c, i, l), "q");
          assert_same_text (fd_guide_get_faq_answer (f, i, l), fd_guide_get_faq_answer (c, i, l), "a");
        }
      for (guint i = 0; i < fd_guide_get_n_materials (c); i++)
        {
          const FdGuideMaterial *mf = fd_guide_get_material (f, i);
          const FdGuideMaterial *mc = fd_guide_get_material (c, i);

          assert_same_text (fd_guide_material_get_name (mf, l), fd_guide_material_get_name (mc, l), "material");
          assert_same_text (fd_guide_material_get_note (mf, l), fd_guide_material_get_note (mc, l), "note");
          g_assert_cmpint (fd_guide_material_get_form (mf), ==, fd_guide_material_get_form (mc));
          g_assert_cmpuint (fd_guide_material_get_quantity (mf), ==, fd_guide_material_get_quantity (mc));
        }
    }
}

/* Returns whether the fast path took the file. */
static gboolean
compare_data (const char *data,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) fast = fd_guide_parse_fast (data, strlen (data));
  g_autoptr(FdGuide) checked = fd_guide_parse_checked (data, strlen (data), name, &error);

  if (checked == NULL)
    {
      if (fast != NULL)
        g_error ("%s: the fast path accepted a file the checked path rejects (%s)", name, error->message);
      return FALSE;
    }
  if (fast != NULL)
    assert_same_guide (fast, checked);
  return fast != NULL;
}

static guint
compare_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      /* every valid shipped or fixture guide takes the fast path */
      g_assert_true (compare_data (data, path));
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
        n += compare_dir (dir);
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

/* Variants of a small guide: valid ones must give the same model, invalid
 * ones must be left to the checked path. */
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
    /* unusual but valid: the fast path may leave them to the checked path */
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<name xml:lang=\"de\">Firma</name>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<code>1</code><code>2</code>" BASE_TAIL,
    BASE_HEAD BASE_NAME BASE_DEPT BASE_MATERIALS BASE_FEE "<time-limit statutory=\"1\" promised=\"1\"><x/></time-limit>" BASE_TAIL,
    /* invalid */
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
  guint fast = 0;

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *name = g_strdup_printf ("variant-%u.xml", i);

      if (compare_data (variants[i], name))
        fast++;
    }
  /* the five plain valid variants take the fast path */
  g_assert_cmpuint (fast, >=, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guides/fastpath/fixtures-and-content", test_fixtures_and_content);
  g_test_add_func ("/guides/fastpath/variants", test_variants);
  return g_test_run ();
}
