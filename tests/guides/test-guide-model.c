/* test-guide-model.c: merged guide files, the model, the validator, the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fd-guide.h"
#include "fd-guide-catalog.h"
#include "fd-guide-strings.h"

static char *
fixture (const char *rel)
{
  return g_build_filename (g_getenv ("FD_GUIDES_FIXTURES"), rel, NULL);
}

static char *
fixture_src (const char *rel)
{
  return g_build_filename (g_getenv ("FD_GUIDES_FIXTURES_SRC"), rel, NULL);
}

/* The build merged the en/ru catalogues into xml:lang siblings. */
static void
test_merge_siblings (void)
{
  g_autofree char *path = fixture ("matters/company-name-reservation.xml");
  g_autofree char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, "<name>企业名称自主申报</name>"));
  g_assert_nonnull (strstr (data, "<name xml:lang=\"en\">Company name reservation</name>"));
  g_assert_nonnull (strstr (data, "<name xml:lang=\"ru\">Резервирование названия компании</name>"));
  /* identifiers and attributes are not translated */
  g_assert_nonnull (strstr (data, "id=\"company-name-reservation\""));
  g_assert_null (strstr (data, "<phone xml:lang"));
}

static void
test_model_languages (void)
{
  g_autofree char *path = fixture ("matters/company-name-reservation.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) g = fd_guide_new_from_file (path, &error);
  const FdGuideMaterial *m;
  guint statutory, promised;

  g_assert_no_error (error);
  g_assert_cmpstr (fd_guide_get_id (g), ==, "company-name-reservation");
  g_assert_cmpint (fd_guide_get_kind (g), ==, FD_GUIDE_KIND_MATTER);
  g_assert_cmpstr (fd_guide_get_code (g), ==, "FX-SC-001");
  g_assert_cmpint (fd_guide_get_guide_type (g), ==, FD_GUIDE_TYPE_REGISTRATION);
  g_assert_cmpuint (fd_guide_get_visits (g), ==, 0);
  g_assert_cmpint (fd_guide_get_extended (g), ==,
                   FD_EXTENDED_MORNING | FD_EXTENDED_EVENING | FD_EXTENDED_SATURDAY);
  g_assert_cmpstr (fd_guide_get_name (g, FD_LANG_ZH_CN), ==, "企业名称自主申报");
  g_assert_cmpstr (fd_guide_get_name (g, FD_LANG_EN), ==, "Company name reservation");
  g_assert_cmpstr (fd_guide_get_name (g, FD_LANG_RU), ==, "Резервирование названия компании");
  g_assert_cmpstr (fd_guide_get_department (g, FD_LANG_EN), ==, "District Market Regulation Bureau");
  g_assert_cmpuint (fd_guide_get_n_materials (g), ==, 1);
  m = fd_guide_get_material (g, 0);
  g_assert_cmpstr (fd_guide_material_get_name (m, FD_LANG_RU), ==, "Документ, удостоверяющий личность учредителя");
  g_assert_cmpstr (fd_guide_material_get_note (m, FD_LANG_EN), ==, "Foreign nationals bring their passport");
  g_assert_cmpint (fd_guide_material_get_form (m), ==, FD_MATERIAL_ORIGINAL);
  g_assert_cmpuint (fd_guide_material_get_quantity (m), ==, 1);
  g_assert_cmpuint (fd_guide_get_n_steps (g), ==, 2);
  g_assert_cmpstr (fd_guide_get_step (g, 0, FD_LANG_EN), ==, "Enter the proposed name on the e-Window platform");
  g_assert_true (fd_guide_get_time_limit (g, &statutory, &promised));
  g_assert_cmpuint (statutory, ==, 3);
  g_assert_cmpuint (promised, ==, 0);
  g_assert_true (fd_guide_get_fee_free (g));
  g_assert_cmpstrv (fd_guide_get_windows (g), ((const char *[]) { "A01", "A02", NULL }));
  g_assert_cmpstr (fd_guide_get_online_url (g), ==, "https://ect.scjgj.beijing.gov.cn/");
  g_assert_cmpstr (fd_guide_get_online_channel (g, FD_LANG_RU), ==, "платформа e-Window");
  g_assert_cmpstr (fd_guide_get_phone (g), ==, "12345");
  g_assert_cmpuint (fd_guide_get_n_faq (g), ==, 1);
  g_assert_cmpstr (fd_guide_get_faq_answer (g, 0, FD_LANG_EN), ==, "An approved name is kept for 2 months.");
  g_assert_true (fd_guide_is_translated (g, FD_LANG_EN));
  g_assert_true (fd_guide_is_translated (g, FD_LANG_RU));
}

/* A missing translation falls back to the Chinese source. */
static void
test_model_fallback (void)
{
  g_autofree char *path = fixture ("matters/residence-permit.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) g = fd_guide_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (fd_guide_get_step (g, 0, FD_LANG_RU), ==, "现场采集照片");
  g_assert_cmpstr (fd_guide_get_step (g, 0, FD_LANG_EN), ==, "Photo taken at the window");
  g_assert_false (fd_guide_is_translated (g, FD_LANG_RU));
  g_assert_true (fd_guide_is_translated (g, FD_LANG_EN));
  g_assert_cmpstr (fd_guide_get_name (g, FD_LANG_RU), ==, "Вид на жительство");
}

static gboolean
has_message (GPtrArray  *messages,
             const char *prefix,
             const char *needle)
{
  for (guint i = 0; i < messages->len; i++)
    {
      const char *m = g_ptr_array_index (messages, i);
      if (g_str_has_prefix (m, prefix) && strstr (m, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_validator_not_well_formed (void)
{
  g_autofree char *path = fixture_src ("broken/not-well-formed.xml");
  g_autofree char *prefix = g_strdup_printf ("%s:6:", path);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) g = NULL;

  g_assert_false (fd_guide_validate_file (path, messages));
  g_assert_cmpuint (messages->len, ==, 1);
  /* </materials> on line 6 closes while <material> is open */
  g_assert_true (has_message (messages, prefix, "error: not well-formed XML"));

  g = fd_guide_new_from_file (path, &error);
  g_assert_null (g);
  g_assert_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

static void
test_validator_invalid_fields (void)
{
  g_autofree char *path = fixture_src ("broken/invalid.xml");
  g_autofree char *l2 = g_strdup_printf ("%s:2:", path);
  g_autofree char *l6 = g_strdup_printf ("%s:6:", path);
  g_autofree char *l8 = g_strdup_printf ("%s:8:", path);
  g_autofree char *l9 = g_strdup_printf ("%s:9:", path);
  g_autofree char *l10 = g_strdup_printf ("%s:10:", path);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) g = NULL;

  g_assert_false (fd_guide_validate_file (path, messages));
  for (guint i = 0; i < messages->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (messages, i));
  g_assert_true (has_message (messages, l2, "id=\"Bad_Id\""));
  g_assert_true (has_message (messages, l2, "type=\"licence\""));
  g_assert_true (has_message (messages, l2, "visits=\"2\""));
  g_assert_true (has_message (messages, l2, "needs <fee>"));
  g_assert_true (has_message (messages, l6, "form=\"photocopy\""));
  g_assert_true (has_message (messages, l6, "quantity=\"zero\""));
  g_assert_true (has_message (messages, l8, "promised (5) exceeds statutory (3)"));
  g_assert_true (has_message (messages, l9, "must be an http(s) URL"));
  g_assert_true (has_message (messages, l10, "unknown element <colour>"));

  g = fd_guide_new_from_file (path, &error);
  g_assert_null (g);
  g_assert_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_validator_good_files (void)
{
  static const char *files[] = {
    "matters/company-name-reservation.xml", "matters/company-establishment.xml",
    "matters/bank-account-opening.xml", "matters/real-estate-registration.xml",
    "packages/company-startup.xml",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *rel = g_build_filename ("src", files[i], NULL);
      g_autofree char *src = fixture_src (rel);
      g_autofree char *built = fixture (files[i]);
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);

      g_assert_true (fd_guide_validate_file (src, messages));
      g_assert_cmpuint (messages->len, ==, 0);
      g_assert_true (fd_guide_validate_file (built, messages));
      g_assert_cmpuint (messages->len, ==, 0);
    }
}

static void
test_catalog (void)
{
  g_autoptr(FdGuideCatalog) catalog = fd_guide_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matters = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GPtrArray) bundled = NULL;
  g_autoptr(GPtrArray) in_packages = NULL;
  g_autoptr(GPtrArray) by_dept = NULL;
  g_autoptr(GPtrArray) by_cat = NULL;
  g_autoptr(FdGuide) first = NULL;
  FdGuide *pkg;

  g_assert_true (fd_guide_catalog_load_dir (catalog, g_getenv ("FD_GUIDES_FIXTURES"), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fd_guide_catalog_get_load_errors (catalog)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 7);
  first = g_list_model_get_item (G_LIST_MODEL (catalog), 0);
  g_assert_cmpint (fd_guide_get_kind (first), ==, FD_GUIDE_KIND_PACKAGE);

  matters = fd_guide_catalog_list_matters (catalog);
  packages = fd_guide_catalog_list_packages (catalog);
  g_assert_cmpuint (matters->len, ==, 6);
  g_assert_cmpuint (packages->len, ==, 1);

  pkg = fd_guide_catalog_lookup (catalog, "company-startup");
  g_assert_nonnull (pkg);
  g_assert_null (fd_guide_catalog_lookup (catalog, "no-such-guide"));
  bundled = fd_guide_catalog_get_package_matters (catalog, pkg);
  g_assert_cmpuint (bundled->len, ==, 3);
  g_assert_cmpstr (fd_guide_get_id (g_ptr_array_index (bundled, 0)), ==, "company-name-reservation");
  g_assert_cmpstr (fd_guide_get_id (g_ptr_array_index (bundled, 2)), ==, "bank-account-opening");
  in_packages = fd_guide_catalog_get_matter_packages (catalog, g_ptr_array_index (bundled, 1));
  g_assert_cmpuint (in_packages->len, ==, 1);
  g_assert_true (g_ptr_array_index (in_packages, 0) == pkg);

  g_assert_cmpstrv (fd_guide_catalog_get_categories (catalog),
                    ((const char *[]) { "business-startup", "real-estate", "household-residence", NULL }));
  g_assert_cmpstr (fd_guide_catalog_get_category_title (catalog, "real-estate", FD_LANG_RU), ==,
                   "Регистрация недвижимости");
  by_cat = fd_guide_catalog_list_by_category (catalog, "business-startup");
  g_assert_cmpuint (by_cat->len, ==, 4);

  g_assert_true (g_strv_contains (fd_guide_catalog_get_departments (catalog), "区市场监督管理局"));
  g_assert_cmpstr (fd_guide_catalog_get_department_name (catalog, "区市场监督管理局", FD_LANG_EN), ==,
                   "District Market Regulation Bureau");
  by_dept = fd_guide_catalog_list_by_department (catalog, "区市场监督管理局");
  g_assert_cmpuint (by_dept->len, ==, 2);
}

/* A bad file is skipped and reported with file:line; the good one loads. */
static void
test_catalog_skips_bad_file (void)
{
  g_autoptr(FdGuideCatalog) catalog = fd_guide_catalog_new ();
  g_autofree char *dir = fixture_src ("mixed");
  g_autofree char *broken = fixture_src ("mixed/matters/broken.xml:6:");
  g_autofree char *invalid = fixture_src ("mixed/matters/invalid.xml:2:");
  g_autoptr(GError) error = NULL;
  GPtrArray *errors;

  g_assert_true (fd_guide_catalog_load_dir (catalog, dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 1);
  g_assert_nonnull (fd_guide_catalog_lookup (catalog, "residence-permit"));
  errors = fd_guide_catalog_get_load_errors (catalog);
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_true (g_str_has_prefix (((GError *) g_ptr_array_index (errors, 0))->message, broken));
  g_assert_true (g_str_has_prefix (((GError *) g_ptr_array_index (errors, 1))->message, invalid));
}

static void
test_catalog_missing_dir (void)
{
  g_autoptr(FdGuideCatalog) catalog = fd_guide_catalog_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (fd_guide_catalog_load_dir (catalog, "/nonexistent/guides", NULL, &error));
  g_assert_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 0);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (fd_guide_catalog_load_dir_finish (FD_GUIDE_CATALOG (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  *(guint *) user_data = added;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_catalog_async (void)
{
  g_autoptr(FdGuideCatalog) catalog = fd_guide_catalog_new ();
  gboolean done = FALSE;
  guint added = 0;

  guint loaded_notes = 0;

  g_signal_connect (catalog, "items-changed", G_CALLBACK (on_items_changed), &added);
  g_signal_connect (catalog, "notify::loaded", G_CALLBACK (count_notify), &loaded_notes);
  g_assert_false (fd_guide_catalog_get_loaded (catalog));
  fd_guide_catalog_load_dir_async (catalog, g_getenv ("FD_GUIDES_FIXTURES"), NULL, on_loaded, &done);
  g_assert_false (fd_guide_catalog_get_loaded (catalog));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (added, ==, 7);
  g_assert_true (fd_guide_catalog_get_loaded (catalog));
  g_assert_cmpuint (loaded_notes, ==, 1);
  g_assert_nonnull (fd_guide_catalog_lookup (catalog, "real-estate-registration"));
}

typedef struct { guint n; const char *ru; const char *en; } PluralCase;

/* @cases in @unit, in the three languages; Chinese is "%u <zh_unit>" */
static void
check_days (const PluralCase *cases,
            guint             n_cases,
            FdDayUnit         unit,
            const char       *zh_unit)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *ru = fd_format_days (cases[i].n, unit, FD_LANG_RU);
      g_autofree char *en = fd_format_days (cases[i].n, unit, FD_LANG_EN);
      g_autofree char *zh = fd_format_days (cases[i].n, unit, FD_LANG_ZH_CN);
      g_autofree char *zh_want = g_strdup_printf ("%u %s", cases[i].n, zh_unit);

      g_assert_cmpstr (ru, ==, cases[i].ru);
      g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_cmpstr (zh, ==, zh_want);
    }
}

static void
test_plurals (void)
{
  static const PluralCase working[] = {
    { 1, "1 рабочий день", "1 working day" },
    { 2, "2 рабочих дня", "2 working days" },
    { 4, "4 рабочих дня", "4 working days" },
    { 5, "5 рабочих дней", "5 working days" },
    { 11, "11 рабочих дней", "11 working days" },
    { 12, "12 рабочих дней", "12 working days" },
    { 21, "21 рабочий день", "21 working days" },
    { 22, "22 рабочих дня", "22 working days" },
    { 111, "111 рабочих дней", "111 working days" },
  };
  /* calendar days (自然日), as the law counts some limits */
  static const PluralCase calendar[] = {
    { 1, "1 календарный день", "1 calendar day" },
    { 2, "2 календарных дня", "2 calendar days" },
    { 5, "5 календарных дней", "5 calendar days" },
    { 11, "11 календарных дней", "11 calendar days" },
    { 21, "21 календарный день", "21 calendar days" },
    { 23, "23 календарных дня", "23 calendar days" },
    { 60, "60 календарных дней", "60 calendar days" },
  };

  check_days (working, G_N_ELEMENTS (working), FD_DAYS_WORKING, "个工作日");
  check_days (calendar, G_N_ELEMENTS (calendar), FD_DAYS_CALENDAR, "个自然日");
  {
    g_autofree char *w = fd_format_working_days (5, FD_LANG_RU);
    g_assert_cmpstr (w, ==, "5 рабочих дней");
  }
  {
    g_autofree char *spot = fd_format_working_days (0, FD_LANG_RU);
    g_autofree char *q = fd_format_quantity (3, FD_LANG_RU);
    g_assert_cmpstr (spot, ==, "В день обращения");
    g_assert_cmpstr (q, ==, "3 экземпляра");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guides/merge/xml-lang-siblings", test_merge_siblings);
  g_test_add_func ("/guides/model/languages", test_model_languages);
  g_test_add_func ("/guides/model/fallback-to-chinese", test_model_fallback);
  g_test_add_func ("/guides/validator/not-well-formed", test_validator_not_well_formed);
  g_test_add_func ("/guides/validator/invalid-fields", test_validator_invalid_fields);
  g_test_add_func ("/guides/validator/good-files", test_validator_good_files);
  g_test_add_func ("/guides/catalog/load", test_catalog);
  g_test_add_func ("/guides/catalog/skips-bad-file", test_catalog_skips_bad_file);
  g_test_add_func ("/guides/catalog/missing-dir", test_catalog_missing_dir);
  g_test_add_func ("/guides/catalog/async", test_catalog_async);
  g_test_add_func ("/guides/strings/plurals", test_plurals);

  return g_test_run ();
}
