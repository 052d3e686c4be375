/* fd-case-report-render.c: bar charts and a PDF of a case report, with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-report"

#include "config.h"

#include <cairo-pdf.h>

#include "fd-case-report-render.h"
#include "fd-case-store.h"

#define FONT "Noto Sans CJK SC"
#define A4_WIDTH 595.0
#define A4_HEIGHT 842.0
#define MARGIN 48.0

double
fd_case_report_draw_chart (FdCaseReport *report, FdCaseReportBy by, const char *title,
                           FdCaseReportLabelFunc label_func, gpointer user_data,
                           cairo_t *cr, double width, double height)
{
  GPtrArray *buckets = fd_case_report_get_buckets (report, by);
  double title_h = 24, label_w = 0, value_w = 0, bar_h, y;
  guint max = 0;

  g_return_val_if_fail (FD_IS_CASE_REPORT (report), 0);
  g_return_val_if_fail (cr != NULL, 0);

  cairo_save (cr);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 0, 16);
  cairo_show_text (cr, title ? title : fd_case_report_by_to_code (by));
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

  if (buckets->len == 0)
    {
      cairo_set_font_size (cr, 11);
      cairo_move_to (cr, 0, title_h + 14);
      cairo_show_text (cr, "(no cases)");
      cairo_restore (cr);
      return title_h + 20;
    }
  bar_h = MIN (28, (height - title_h) / buckets->len);
  cairo_set_font_size (cr, CLAMP (bar_h * 0.6, 6, 12));
  for (guint i = 0; i < buckets->len; i++)
    {
      FdCaseReportBucket *b = g_ptr_array_index (buckets, i);
      const char *label = label_func ? label_func (by, b->key, user_data) : NULL;
      g_autofree char *value = g_strdup_printf ("%u", b->count);
      cairo_text_extents_t ext;

      cairo_text_extents (cr, label ? label : (*b->key ? b->key : "—"), &ext);
      label_w = MAX (label_w, ext.x_advance);
      cairo_text_extents (cr, value, &ext);
      value_w = MAX (value_w, ext.x_advance);
      max = MAX (max, b->count);
    }
  label_w = MIN (label_w + 8, width * 0.4);
  value_w += 8;

  y = title_h;
  for (guint i = 0; i < buckets->len; i++)
    {
      FdCaseReportBucket *b = g_ptr_array_index (buckets, i);
      const char *label = label_func ? label_func (by, b->key, user_data) : NULL;
      g_autofree char *value = g_strdup_printf ("%u", b->count);
      double avail = MAX (0, width - label_w - value_w);
      double w = max ? avail * b->count / max : 0;
      double baseline = y + bar_h * 0.72;

      cairo_move_to (cr, 0, baseline);
      cairo_show_text (cr, label ? label : (*b->key ? b->key : "—"));
      /* A filled bar; an outline keeps tiny values visible. */
      cairo_rectangle (cr, label_w, y + bar_h * 0.15, MAX (w, 1), bar_h * 0.7);
      cairo_fill (cr);
      cairo_move_to (cr, label_w + MAX (w, 1) + 4, baseline);
      cairo_show_text (cr, value);
      y += bar_h;
    }
  cairo_restore (cr);
  return y;
}

static void
text_line (cairo_t *cr, double *y, double size, const char *text)
{
  cairo_set_font_size (cr, size);
  *y += size * 1.5;
  cairo_move_to (cr, MARGIN, *y);
  cairo_show_text (cr, text);
}

static void
chart_page_part (cairo_t *cr, FdCaseReport *report, FdCaseReportBy by, const char *title,
                 double *y)
{
  guint n = fd_case_report_get_buckets (report, by)->len;
  double h = 24 + MIN (n, 40) * 16 + 8;

  if (*y + h > A4_HEIGHT - MARGIN)
    {
      cairo_show_page (cr);
      *y = MARGIN;
    }
  cairo_save (cr);
  cairo_translate (cr, MARGIN, *y);
  *y += fd_case_report_draw_chart (report, by, title, NULL, NULL, cr,
                                   A4_WIDTH - 2 * MARGIN, h - 8) + 16;
  cairo_restore (cr);
}

gboolean
fd_case_report_write_pdf (FdCaseReport *report, const char *path, const char *title,
                          GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double y = MARGIN;
  guint n_days = fd_case_report_get_buckets (report, FD_CASE_REPORT_BY_DAY)->len;
  guint n_weeks = fd_case_report_get_buckets (report, FD_CASE_REPORT_BY_WEEK)->len;
  FdCaseReportBy time_by = n_days <= 31 ? FD_CASE_REPORT_BY_DAY
                           : n_weeks <= 30 ? FD_CASE_REPORT_BY_WEEK : FD_CASE_REPORT_BY_MONTH;
  g_autofree char *range = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (FD_IS_CASE_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  text_line (cr, &y, 18, title ? title : "Escort cases");
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  {
    GDateTime *from = fd_case_report_get_from (report), *to = fd_case_report_get_to (report);
    g_autoptr(GDateTime) last = to ? g_date_time_add_seconds (to, -1) : NULL;
    g_autofree char *a = from ? g_date_time_format (from, "%Y-%m-%d") : g_strdup ("start");
    g_autofree char *b = last ? g_date_time_format (last, "%Y-%m-%d") : g_strdup ("today");
    range = g_strdup_printf ("Cases opened %s to %s", a, b);
  }
  text_line (cr, &y, 11, range);
  line = g_strdup_printf ("Cases: %u, closed: %u", fd_case_report_get_total (report),
                          fd_case_report_get_n_closed (report));
  text_line (cr, &y, 11, line);
  g_free (line);
  line = g_strdup_printf ("Duration: mean %.1f min, median %.1f min",
                          fd_case_report_get_mean_duration (report) / 60,
                          fd_case_report_get_median_duration (report) / 60);
  text_line (cr, &y, 11, line);
  g_free (line);
  line = g_strdup_printf ("With interpreter calls: %u (%.1f%%)",
                          fd_case_report_get_n_with_calls (report),
                          100 * fd_case_report_get_share_with_calls (report));
  text_line (cr, &y, 11, line);
  y += 16;

  chart_page_part (cr, report, time_by, time_by == FD_CASE_REPORT_BY_DAY ? "By day"
                   : time_by == FD_CASE_REPORT_BY_WEEK ? "By week" : "By month", &y);
  chart_page_part (cr, report, FD_CASE_REPORT_BY_NEED, "By need", &y);
  chart_page_part (cr, report, FD_CASE_REPORT_BY_OUTCOME, "By outcome", &y);
  chart_page_part (cr, report, FD_CASE_REPORT_BY_STAFF, "By staff member", &y);
  chart_page_part (cr, report, FD_CASE_REPORT_BY_LANGUAGE, "By language", &y);
  cairo_show_page (cr);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_FAILED, "Cannot write the PDF %s: %s",
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
