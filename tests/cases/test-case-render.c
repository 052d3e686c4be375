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
test_chart (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(FdCaseReport) report = make_report (&dir);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
  cairo_t *cr = cairo_create (s);
  guint labels = 0;
  double used;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  used = fd_case_report_draw_chart (report, FD_CASE_REPORT_BY_NEED, "By need", label_for, &labels,
                                    cr, 400, 300);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  /* A title and nine bars (one per need), each labelled. */
  g_assert_cmpfloat (used, >, 24);
  g_assert_cmpfloat (used, <=, 300);
  g_assert_cmpuint (labels, >=, FD_CASE_N_NEEDS);
  /* Bars were drawn right of the labels: the right half has dark pixels. */
  g_assert_cmpuint (count_dark (s, 200, 400), >, 100);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  {
    g_autofree char *db = g_build_filename (dir, "cases.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

static void
test_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(FdCaseReport) report = make_report (&dir);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (fd_case_report_write_pdf (report, pdf, "Escort cases 陪同服务", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));

  /* A folder that does not exist: a clear error, no crash. */
  g_assert_false (fd_case_report_write_pdf (report, "/nonexistent/folder/r.pdf", NULL, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent/folder/r.pdf"));
  {
    g_autofree char *db = g_build_filename (dir, "cases.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (pdf);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cases/render/chart", test_chart);
  g_test_add_func ("/cases/render/pdf", test_pdf);
  return g_test_run ();
}
