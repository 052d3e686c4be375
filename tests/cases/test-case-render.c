/* test-case-render.c: report charts draw labelled bars; the PDF is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fd-case-report-render.h"
#include "fd-case-store.h"

static FdCaseReport *
make_report (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-cases-render-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autoptr(FdCaseStore) store = fd_case_store_open (path, &error);
  FdCaseReport *report;

  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(FdCase) c = fd_case_new ();
      fd_case_set_needs (c, i % 2 ? FD_CASE_NEED_DEAF : FD_CASE_NEED_MOBILITY);
      fd_case_set_staff (c, i % 3 ? "王丽" : "Ivanova");
      g_assert_true (fd_case_store_create (store, c, &error));
    }
  report = fd_case_store_report (store, NULL, NULL, &error);
  g_assert_no_error (error);
  *out_dir = g_steal_pointer (&dir);
  return report;
}

static const char *
label_for (FdCaseReportBy by, const char *key, gpointer user_data)
{
  (*(guint *) user_data)++;
  return g_str_equal (key, "deaf") ? "聋人 / глухой" : NULL;
}

static guint
count_dark (cairo_surface_t *s, int x0, int x1)
{
  unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint n = 0;

  cairo_surface_flush (s);
  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = x0; x < x1; x++)
      if (data[y * stride + x * 4 + 1] < 128)
        n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
count_str (const char *data,
           gsize       len,
           const char *needle)
{
  gsize n = strlen (needle);
  guint count = 0;

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      count++;
  return count;
}

static void
test_scale (void)
{
  g_assert_cmpuint (fd_case_report_scale_max (0), ==, 1);
  g_assert_cmpuint (fd_case_report_scale_max (1), ==, 1);
  g_assert_cmpuint (fd_case_report_scale_max (2), ==, 2);
  g_assert_cmpuint (fd_case_report_scale_max (3), ==, 5);
  g_assert_cmpuint (fd_case_report_scale_max (7), ==, 10);
  g_assert_cmpuint (fd_case_report_scale_max (11), ==, 20);
  g_assert_cmpuint (fd_case_report_scale_max (21), ==, 50);
  g_assert_cmpuint (fd_case_report_scale_max (501), ==, 1000);
  g_assert_cmpuint (fd_case_report_scale_max (G_MAXUINT), ==, G_MAXUINT);

  g_assert_cmpint (fd_case_report_bar_length (0, 10, 200), ==, 0);
  g_assert_cmpint (fd_case_report_bar_length (10, 10, 200), ==, 200);
  g_assert_cmpint (fd_case_report_bar_length (5, 10, 200), ==, 100);
  /* A small count stays visible. */
  g_assert_cmpint (fd_case_report_bar_length (1, 1000, 200), ==, 2);
  /* Values over the axis are clipped to it. */
  g_assert_cmpint (fd_case_report_bar_length (30, 20, 200), ==, 200);
  g_assert_cmpint (fd_case_report_bar_length (3, 0, 200), ==, 0);
  g_assert_cmpint (fd_case_report_bar_length (3, 10, 0), ==, 0);
  /* Bars keep their order: a larger value is never shorter. */
  for (guint v = 0; v < 50; v++)
    g_assert_cmpint (fd_case_report_bar_length (v, 50, 173), <=,
                     fd_case_report_bar_length (v + 1, 50, 173));
}

static void
test_chart (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(FdCaseReport) report = make_report (&dir);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 400);
  cairo_t *cr = cairo_create (s);
  guint labels = 0;
  FdCaseReportLayout layout = { .label_func = label_for, .user_data = &labels,
                                .headings = { [FD_CASE_REPORT_BY_NEED] = "By need" } };
  double used;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  used = fd_case_report_draw_chart (report, FD_CASE_REPORT_BY_NEED, &layout, cr, 400);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  /* A heading and nine rows (one per need), each labelled. */
  g_assert_cmpfloat (used, >, 9 * 16);
  g_assert_cmpfloat (used, <=, 400);
  g_assert_cmpuint (labels, >=, 2 * FD_CASE_N_NEEDS);
  /* Bars were drawn right of the labels: the right half has dark pixels. */
  g_assert_cmpuint (count_dark (s, 200, 400), >, 100);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  remove_dir (dir);
}

static void
test_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(FdCaseReport) report = make_report (&dir);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *part = g_strconcat (pdf, ".part", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;
  guint labels = 0;
  const char *lines[] = { "期间 / период", NULL };
  FdCaseReportLayout layout = { .title = "Escort cases 陪同服务", .lines = lines,
                                .label_func = label_for, .user_data = &labels };

  g_assert_true (fd_case_report_write_pdf (report, pdf, &layout, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  /* Laid out by Pango: the Chinese text is set in a CJK font, embedded. */
  g_assert_cmpuint (count_str (data, len, "CJK"), >, 0);
  g_assert_cmpuint (labels, >, 0);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  /* English defaults (the CLI's report): still a PDF. */
  g_clear_pointer (&data, g_free);
  g_assert_true (fd_case_report_write_pdf (report, pdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));

  /* A folder that does not exist: a clear error, no crash, nothing left. */
  g_assert_false (fd_case_report_write_pdf (report, "/nonexistent/folder/r.pdf", NULL, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder/r.pdf"));
  remove_dir (dir);
}

/* A year by day: 366 rows do not fit one A4 page; the PDF breaks pages. */
static void
test_pdf_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-cases-render-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "year.pdf", NULL);
  g_autoptr(FdCaseStore) store = fd_case_store_open (path, &error);
  g_autoptr(GDateTime) from = g_date_time_new_local (2025, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_local (2026, 1, 1, 0, 0, 0);
  g_autoptr(FdCaseReport) report = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  FdCaseReportLayout layout = { .fixed_time = TRUE, .time_by = FD_CASE_REPORT_BY_DAY };

  g_assert_no_error (error);
  report = fd_case_store_report (store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fd_case_report_get_buckets (report, FD_CASE_REPORT_BY_DAY)->len, ==, 365);
  g_assert_cmpint (fd_case_report_time_by (report), ==, FD_CASE_REPORT_BY_MONTH);
  g_assert_true (fd_case_report_write_pdf (report, pdf, &layout, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  /* 365 rows of 16 pt on pages of 730 pt: at least 8 pages. */
  g_assert_cmpuint (count_str (data, len, "/Type /Page\n") + count_str (data, len, "/Type /Page "),
                    >=, 8);
  g_clear_object (&store);
  remove_dir (dir);
}

static void
test_png (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(FdCaseReport) report = make_report (&dir);
  g_autofree char *png = g_build_filename (dir, "report.png", NULL);
  cairo_surface_t *s;

  g_assert_true (fd_case_report_write_png (report, png, NULL, 1240, &error));
  g_assert_no_error (error);
  s = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1240);
  /* Title, four lines and six charts: longer than wide, not a whole A4 page of blank. */
  g_assert_cmpint (cairo_image_surface_get_height (s), >, 1240);
  /* Ink on the left (labels) and right (bars) halves, white margins. */
  g_assert_cmpuint (count_dark (s, 0, 620), >, 1000);
  g_assert_cmpuint (count_dark (s, 620, 1240), >, 1000);
  g_assert_cmpuint (count_dark (s, 0, 60), ==, 0);
  cairo_surface_destroy (s);

  g_assert_false (fd_case_report_write_png (report, png, NULL, 10, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fd_case_report_write_png (report, "/nonexistent/folder/r.png", NULL, 800, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_FAILED);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cases/render/scale", test_scale);
  g_test_add_func ("/cases/render/chart", test_chart);
  g_test_add_func ("/cases/render/pdf", test_pdf);
  g_test_add_func ("/cases/render/pdf-pages", test_pdf_pages);
  g_test_add_func ("/cases/render/png", test_png);
  return g_test_run ();
}
