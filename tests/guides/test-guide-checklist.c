/* test-guide-checklist.c: the printed checklist is a valid PDF in the right language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text is read back with pdftotext (poppler-utils).
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fd-guide-catalog.h"
#include "fd-guide-checklist.h"

static FdGuideCatalog *catalog;

static char *last_fonts; /* pdffonts output of the last export */

static char *
export_text (const char *id,
             FdLang      lang,
             guint      *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuideChecklist) checklist = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-checklist-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *txt = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  int wait_status = 0;
  FdGuide *guide = fd_guide_catalog_lookup (catalog, id);

  g_assert_no_error (error);
  g_assert_nonnull (guide);
  pdf = g_build_filename (dir, "checklist.pdf", NULL);
  txt = g_build_filename (dir, "checklist.txt", NULL);
  checklist = fd_guide_checklist_new (guide, catalog, NULL, lang);
  g_assert_true (fd_guide_checklist_export_pdf (checklist, pdf, &error));
  g_assert_no_error (error);
  *n_pages = fd_guide_checklist_get_n_pages (checklist);

  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_nonnull (memmem (data + len - MIN (len, 64), MIN (len, 64), "%%EOF", 5));

  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", pdf, txt, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &wait_status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
  {
    const char *argv[] = { "pdffonts", pdf, NULL };
    g_clear_pointer (&last_fonts, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &last_fonts, NULL, &wait_status, &error));
    g_assert_no_error (error);
  }
  g_unlink (pdf);
  g_unlink (txt);
  g_rmdir (dir);
  /* lines wrap where the page ends: compare with whitespace collapsed */
  {
    g_auto(GStrv) words = g_strsplit_set (text, " \n\t\f", -1);
    GString *out = g_string_new (NULL);
    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
    return g_string_free (out, FALSE);
  }
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("\"%s\" not found in:\n%s", needle, text);
}

static void
test_russian (void)
{
  guint pages = 0;
  g_autofree char *text = export_text ("real-estate-registration", FD_LANG_RU, &pages);

  g_assert_cmpuint (pages, ==, 1);
  assert_contains (text, "Регистрация перехода права на недвижимость");
  assert_contains (text, "Список документов");
  assert_contains (text, "Свидетельство о праве на недвижимость");
  assert_contains (text, "Договор купли-продажи");
  /* Russian plurals: 11 → рабочих дней, 5 → рабочих дней; 21 copies → экземпляр */
  assert_contains (text, "11 рабочих дней");
  assert_contains (text, "5 рабочих дней");
  assert_contains (text, "21 экземпляр)");
  assert_contains (text, "B01 B02");
  assert_contains (text, "Суббота 9:00–13:00 (по записи)");
  /* the Chinese name is printed too, for the window staff, tagged zh-CN so
   * fontconfig picks Simplified Chinese glyphs (untagged or ja would give
   * the Japanese variant of Noto CJK) */
  assert_contains (text, "不动产转移登记");
  assert_contains (last_fonts, "CJKsc");
  g_assert_null (strstr (last_fonts, "CJKjp"));
  g_assert_null (strstr (text, "Documents to bring"));
}

/* status="unverified" facts carry the mark in the applicant's language;
 * confirmed ones do not */
static void
test_unverified_mark (void)
{
  guint pages = 0;
  g_autofree char *en = export_text ("maternity-allowance", FD_LANG_EN, &pages);
  g_autofree char *ru = export_text ("maternity-allowance", FD_LANG_RU, &pages);
  g_autofree char *zh = export_text ("maternity-allowance", FD_LANG_ZH_CN, &pages);
  g_autofree char *plain = export_text ("real-estate-registration", FD_LANG_EN, &pages);
  guint n = 0;

  for (const char *p = en; (p = strstr (p, "(to be confirmed at the window)")) != NULL; p++)
    n++;
  /* time limit (2 lines), material, step, windows, place */
  g_assert_cmpuint (n, ==, 6);
  assert_contains (ru, "(уточняется в окне приёма)");
  assert_contains (zh, "（待窗口确认）");
  g_assert_null (strstr (plain, "to be confirmed"));
}

/* a limit the law counts in calendar days prints as calendar days, the
 * hall's promise stays in working days; with no statutory limit only the
 * promise is printed */
static void
test_calendar_days (void)
{
  guint pages = 0;
  g_autofree char *ru = export_text ("residence-permit", FD_LANG_RU, &pages);
  g_autofree char *en = export_text ("residence-permit", FD_LANG_EN, &pages);
  g_autofree char *zh = export_text ("residence-permit", FD_LANG_ZH_CN, &pages);
  g_autofree char *bank = export_text ("bank-account-opening", FD_LANG_EN, &pages);

  assert_contains (ru, "Срок по закону: 15 календарных дней");
  assert_contains (ru, "10 рабочих дней");
  assert_contains (en, "Statutory time limit: 15 calendar days");
  assert_contains (en, "Promised time limit: 10 working days");
  assert_contains (zh, "15 个自然日");
  assert_contains (zh, "10 个工作日");
  g_assert_null (strstr (en, "15 working days"));
  /* <result> and <complaint>, in the applicant's language */
  assert_contains (en, "What you receive: Beijing residence permit (can be sent by post)");
  assert_contains (en, "Complaints and suggestions: Call the 12345 citizen service hotline");
  assert_contains (ru, "Что вы получите: Вид на жительство Пекина");
  assert_contains (ru, "Жалобы и предложения: Позвоните на горячую линию 12345");
  assert_contains (zh, "办结结果：北京市居住证（可邮寄）");
  g_assert_null (strstr (bank, "What you receive"));
  /* form="original copy": the original is shown, a copy kept */
  assert_contains (en, "original and a copy");
  assert_contains (ru, "оригинал и копия");
  assert_contains (zh, "原件及复印件");
  assert_contains (bank, "Promised time limit: 1 working day");
  g_assert_null (strstr (bank, "Statutory"));
}

static void
test_russian_plural_few (void)
{
  guint pages = 0;
  g_autofree char *text = export_text ("company-establishment", FD_LANG_RU, &pages);

  assert_contains (text, "2 рабочих дня");
  assert_contains (text, "2 экземпляра");
  assert_contains (text, "1 экземпляр");
}

static void
test_english_package_with_qr (void)
{
  guint pages = 0;
  g_autofree char *text = export_text ("company-startup", FD_LANG_EN, &pages);

  assert_contains (text, "Company start-up package");
  assert_contains (text, "Services included");
  assert_contains (text, "Company name reservation");
  assert_contains (text, "Bank account appointment");
  assert_contains (text, "1 working day");
  assert_contains (text, "https://ect.scjgj.beijing.gov.cn/");
  assert_contains (text, "Scan to apply online");
}

static void
test_chinese (void)
{
  guint pages = 0;
  g_autofree char *text = export_text ("company-name-reservation", FD_LANG_ZH_CN, &pages);

  assert_contains (text, "企业名称自主申报");
  assert_contains (text, "申请材料清单");
  assert_contains (text, "投资人身份证件");
  assert_contains (text, "即办");
  assert_contains (text, "不收费");
  assert_contains (last_fonts, "CJKsc");
  g_assert_null (strstr (last_fonts, "CJKjp"));
}

/* Drawing on any cairo_t (as GtkPrintOperation does) paginates a long
 * checklist on small pages and draws each page. */
static void
test_any_cairo_pagination (void)
{
  FdGuide *guide = fd_guide_catalog_lookup (catalog, "company-startup");
  g_autoptr(FdGuideChecklist) checklist = fd_guide_checklist_new (guide, catalog, NULL, FD_LANG_RU);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 300);
  cairo_t *cr = cairo_create (surface);
  guint pages;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  pages = fd_guide_checklist_layout (checklist, cr, 300, 300);
  g_assert_cmpuint (pages, >, 1);
  for (guint p = 0; p < pages; p++)
    fd_guide_checklist_draw_page (checklist, cr, p);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_unwritable (void)
{
  FdGuide *guide = fd_guide_catalog_lookup (catalog, "company-startup");
  g_autoptr(FdGuideChecklist) checklist = fd_guide_checklist_new (guide, catalog, NULL, FD_LANG_EN);
  g_autoptr(GError) error = NULL;

  g_assert_false (fd_guide_checklist_export_pdf (checklist, "/nonexistent/dir/out.pdf", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
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

  g_test_add_func ("/guides/checklist/russian", test_russian);
  g_test_add_func ("/guides/checklist/unverified-mark", test_unverified_mark);
  g_test_add_func ("/guides/checklist/russian-plural-few", test_russian_plural_few);
  g_test_add_func ("/guides/checklist/calendar-days", test_calendar_days);
  g_test_add_func ("/guides/checklist/english-package-qr", test_english_package_with_qr);
  g_test_add_func ("/guides/checklist/chinese", test_chinese);
  g_test_add_func ("/guides/checklist/any-cairo-pagination", test_any_cairo_pagination);
  g_test_add_func ("/guides/checklist/unwritable", test_unwritable);

  status = g_test_run ();
  g_object_unref (catalog);
  g_free (last_fonts);
  return status;
}
