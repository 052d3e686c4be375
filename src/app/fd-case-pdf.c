/* fd-case-pdf.c: a case report as a printable PDF (cairo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-pdf"

#include "config.h"

#include <errno.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "fd-case-format.h"
#include "fd-case-pdf.h"

/* A4 in points, with 2 cm margins */
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 56.0
#define ROW_H 16.0

typedef struct
{
  cairo_t *cr;
  double   y;
} Pen;

static void
new_page_if_needed (Pen    *pen,
                    double  needed)
{
  if (pen->y + needed <= PAGE_H - MARGIN)
    return;
  cairo_show_page (pen->cr);
  pen->y = MARGIN;
}

static double
draw_text (Pen        *pen,
           const char *text,
           const char *font,
           double      x,
           double      width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int h;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, NULL, &h);
  new_page_if_needed (pen, h);
  cairo_move_to (pen->cr, x, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  return h;
}

static void
draw_line (Pen        *pen,
           const char *text,
           const char *font)
{
  pen->y += draw_text (pen, text, font, MARGIN, PAGE_W - 2 * MARGIN) + 4;
}

static void
draw_chart (Pen            *pen,
            FdCaseReport   *report,
            FdCaseReportBy  by,
            const char     *heading)
{
  GPtrArray *buckets = fd_case_report_get_buckets (report, by);
  double label_w = 170, bar_x = MARGIN + label_w + 8;
  double bar_space = PAGE_W - MARGIN - bar_x - 40;
  guint max_value = 0, axis_max;

  pen->y += 10;
  new_page_if_needed (pen, 40);
  draw_line (pen, heading, "Sans Bold 12");
  if (buckets == NULL || buckets->len == 0)
    {
      draw_line (pen, _("No data."), "Sans 10");
      return;
    }
  for (guint i = 0; i < buckets->len; i++)
    max_value = MAX (max_value, ((FdCaseReportBucket *) g_ptr_array_index (buckets, i))->count);
  axis_max = fd_case_chart_nice_max (max_value);

  for (guint i = 0; i < buckets->len; i++)
    {
      FdCaseReportBucket *bucket = g_ptr_array_index (buckets, i);
      g_autofree char *label = fd_case_bucket_label (by, bucket->key);
      g_autofree char *value = g_strdup_printf ("%u", bucket->count);
      int w = fd_case_chart_bar_height (bucket->count, axis_max, (int) bar_space);
      double h;

      new_page_if_needed (pen, ROW_H);
      h = draw_text (pen, label, "Sans 9", MARGIN, label_w);
      if (w > 0)
        {
          cairo_rectangle (pen->cr, bar_x, pen->y + 2, w, ROW_H - 5);
          cairo_set_source_rgb (pen->cr, 0.6, 0.6, 0.6);
          cairo_fill_preserve (pen->cr);
          cairo_set_source_rgb (pen->cr, 0, 0, 0);
          cairo_set_line_width (pen->cr, 0.8);
          cairo_stroke (pen->cr);
        }
      draw_text (pen, value, "Sans 9", bar_x + MAX (w, 1) + 4, 40);
      /* A long label wraps: the next row starts below it. */
      pen->y += MAX (ROW_H, h + 3);
    }
}

gboolean
fd_case_pdf_write_report (FdCaseReport    *report,
                          FdCaseReportBy   time_by,
                          const char      *title,
                          const char      *path,
                          GError         **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  Pen pen = { NULL, MARGIN };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *period = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *median = NULL;
  g_autofree char *line = NULL;
  g_autofree char *part = NULL;
  static const struct { FdCaseReportBy by; const char *heading; } dims[] = {
    { FD_CASE_REPORT_BY_NEED, N_("Cases by need") },
    { FD_CASE_REPORT_BY_OUTCOME, N_("Cases by outcome") },
    { FD_CASE_REPORT_BY_STAFF, N_("Cases by staff member") },
    { FD_CASE_REPORT_BY_LANGUAGE, N_("Cases by visitor language") },
  };

  g_return_val_if_fail (FD_IS_CASE_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Written beside the target and renamed over it once complete, so a
   * failure never leaves a truncated file in place of a good one. */
  part = g_strconcat (path, ".part", NULL);
  surface = cairo_pdf_surface_create (part, PAGE_W, PAGE_H);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Frontdesk");
  pen.cr = cairo_create (surface);
  cairo_set_source_rgb (pen.cr, 0, 0, 0);

  draw_line (&pen, title, "Sans Bold 18");
  from = fd_case_report_get_from (report) != NULL
         ? g_date_time_format (fd_case_report_get_from (report), "%Y-%m-%d") : g_strdup ("…");
  to = fd_case_report_get_to (report) != NULL
       ? g_date_time_format (fd_case_report_get_to (report), "%Y-%m-%d") : g_strdup ("…");
  /* Translators: the report's period; the end date is not included */
  if (fd_case_report_get_from (report) == NULL && fd_case_report_get_to (report) == NULL)
    period = g_strdup (_("All cases"));
  else
    period = g_strdup_printf (_("Cases opened from %s to before %s"), from, to);
  draw_line (&pen, period, "Sans 10");
  pen.y += 8;

  line = g_strdup_printf (_("Cases: %u (closed: %u)"), fd_case_report_get_total (report),
                          fd_case_report_get_n_closed (report));
  draw_line (&pen, line, "Sans 11");
  g_clear_pointer (&line, g_free);
  mean = fd_case_format_duration ((gint64) fd_case_report_get_mean_duration (report));
  median = fd_case_format_duration ((gint64) fd_case_report_get_median_duration (report));
  line = g_strdup_printf (_("Mean duration: %s; median duration: %s"), mean, median);
  draw_line (&pen, line, "Sans 11");
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf (_("Cases with interpreter calls: %u (%.0f%%)"),
                          fd_case_report_get_n_with_calls (report),
                          100.0 * fd_case_report_get_share_with_calls (report));
  draw_line (&pen, line, "Sans 11");

  draw_chart (&pen, report, time_by, time_by == FD_CASE_REPORT_BY_DAY ? _("Cases by day")
                                     : time_by == FD_CASE_REPORT_BY_WEEK ? _("Cases by week")
                                     : _("Cases by month"));
  for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
    draw_chart (&pen, report, dims[i].by, _(dims[i].heading));

  cairo_show_page (pen.cr);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_remove (part);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_remove (part);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
