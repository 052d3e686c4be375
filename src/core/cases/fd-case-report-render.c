/* fd-case-report-render.c: case reports as PDF, PNG and charts (Pango + cairo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-report"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "fd-case-report-render.h"
#include "fd-case-store.h"

#define A4_W 595.0
#define A4_H 842.0
#define MARGIN 56.0
#define ROW_H 16.0
#define FONT "Sans"
#define MAX_PNG_SIDE 32000

static const char *default_headings[FD_CASE_REPORT_N_BY] = {
  "Cases by day", "Cases by week", "Cases by month", "Cases by need", "Cases by outcome",
  "Cases by staff member", "Cases by visitor language",
};

/* Where the next line goes. page_h 0: one unbounded page (PNG, charts). */
typedef struct
{
  cairo_t                  *cr;
  const FdCaseReportLayout *layout;
  double                    x0;
  double                    width;
  double                    y;
  double                    top;
  double                    page_h;
} Pen;

guint
fd_case_report_scale_max (guint max_value)
{
  guint step = 1;

  for (;;)
    {
      if (max_value <= step)
        return step;
      if (max_value <= 2 * step)
        return 2 * step;
      if (max_value <= 5 * step)
        return 5 * step;
      if (step > G_MAXUINT / 10)
        return G_MAXUINT;
      step *= 10;
    }
}

int
fd_case_report_bar_length (guint value,
                           guint axis_max,
                           int   space)
{
  double h;

  if (value == 0 || axis_max == 0 || space <= 0)
    return 0;
  if (value > axis_max)
    value = axis_max;
  h = round ((double) value * space / axis_max);
  return (int) MAX (h, MIN (2, space));
}

FdCaseReportBy
fd_case_report_time_by (FdCaseReport *report)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (report), FD_CASE_REPORT_BY_MONTH);

  if (fd_case_report_get_buckets (report, FD_CASE_REPORT_BY_DAY)->len <= 31)
    return FD_CASE_REPORT_BY_DAY;
  if (fd_case_report_get_buckets (report, FD_CASE_REPORT_BY_WEEK)->len <= 30)
    return FD_CASE_REPORT_BY_WEEK;
  return FD_CASE_REPORT_BY_MONTH;
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (FONT);

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
need_space (Pen    *pen,
            double  h)
{
  if (pen->page_h <= 0 || pen->y + h <= pen->page_h - MARGIN || pen->y <= pen->top)
    return;
  cairo_show_page (pen->cr);
  pen->y = pen->top;
}

/* Draws @text at @x (relative to the pen's left) without moving the pen;
 * returns its height. */
static double
put_text (Pen        *pen,
          const char *text,
          double      size,
          gboolean    bold,
          double      x,
          double      width)
{
  g_autoptr(PangoLayout) layout = make_layout (pen->cr, text, size, bold, width);
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  cairo_move_to (pen->cr, pen->x0 + x, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  return h;
}

static void
line (Pen        *pen,
      const char *text,
      double      size,
      gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (pen->cr, text, size, bold, pen->width);
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  need_space (pen, h);
  put_text (pen, text, size, bold, 0, pen->width);
  pen->y += h + 4;
}

static const char *
bucket_label (const FdCaseReportLayout *layout,
              FdCaseReportBy            by,
              const char               *key)
{
  const char *label = layout && layout->label_func ? layout->label_func (by, key, layout->user_data)
                                                   : NULL;

  return label ? label : (*key ? key : "—");
}

static double
text_width (cairo_t    *cr,
            const char *text,
            double      size)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, FALSE, -1);
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

static void
chart (Pen            *pen,
       FdCaseReport   *report,
       FdCaseReportBy  by)
{
  const FdCaseReportLayout *layout = pen->layout;
  GPtrArray *buckets = fd_case_report_get_buckets (report, by);
  const char *heading = layout && layout->headings[by] ? layout->headings[by] : default_headings[by];
  double label_w = 0, value_w = 0, bar_x, bar_space;
  guint max_value = 0, axis_max;

  need_space (pen, 40);
  line (pen, heading, 12, TRUE);
  if (buckets->len == 0)
    {
      line (pen, layout && layout->no_data ? layout->no_data : "No data.", 10, FALSE);
      pen->y += 10;
      return;
    }
  for (guint i = 0; i < buckets->len; i++)
    {
      FdCaseReportBucket *b = g_ptr_array_index (buckets, i);
      g_autofree char *value = g_strdup_printf ("%u", b->count);

      label_w = MAX (label_w, text_width (pen->cr, bucket_label (layout, by, b->key), 9));
      value_w = MAX (value_w, text_width (pen->cr, value, 9));
      max_value = MAX (max_value, b->count);
    }
  label_w = MIN (label_w + 8, pen->width * 0.4);
  bar_x = label_w + 8;
  bar_space = MAX (10, pen->width - bar_x - value_w - 8);
  axis_max = fd_case_report_scale_max (max_value);

  for (guint i = 0; i < buckets->len; i++)
    {
      FdCaseReportBucket *b = g_ptr_array_index (buckets, i);
      g_autofree char *value = g_strdup_printf ("%u", b->count);
      int w = fd_case_report_bar_length (b->count, axis_max, (int) bar_space);
      double h;

      need_space (pen, ROW_H);
      h = put_text (pen, bucket_label (layout, by, b->key), 9, FALSE, 0, label_w);
      /* Filled at half strength in the source colour and outlined; a zero
       * count is still marked by a thin tick. */
      cairo_save (pen->cr);
      cairo_rectangle (pen->cr, pen->x0 + bar_x, pen->y + 2, MAX (w, 1), ROW_H - 5);
      cairo_clip_preserve (pen->cr);
      cairo_paint_with_alpha (pen->cr, 0.45);
      cairo_set_line_width (pen->cr, 0.8);
      cairo_stroke (pen->cr);
      cairo_restore (pen->cr);
      put_text (pen, value, 9, FALSE, bar_x + MAX (w, 1) + 4, value_w + 4);
      /* A long label wraps: the next row starts below it. */
      pen->y += MAX (ROW_H, h + 3);
    }
  pen->y += 10;
}

double
fd_case_report_draw_chart (FdCaseReport             *report,
                           FdCaseReportBy            by,
                           const FdCaseReportLayout *layout,
                           cairo_t                  *cr,
                           double                    width)
{
  Pen pen = { cr, layout, 0, width, 0, 0, 0 };

  g_return_val_if_fail (FD_IS_CASE_REPORT (report), 0);
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail ((guint) by < FD_CASE_REPORT_N_BY, 0);

  cairo_save (cr);
  chart (&pen, report, by);
  cairo_restore (cr);
  return pen.y;
}

static char **
default_lines (FdCaseReport *report)
{
  GDateTime *from = fd_case_report_get_from (report), *to = fd_case_report_get_to (report);
  g_autofree char *a = from ? g_date_time_format (from, "%Y-%m-%d") : g_strdup ("…");
  g_autofree char *b = to ? g_date_time_format (to, "%Y-%m-%d") : g_strdup ("…");
  GPtrArray *lines = g_ptr_array_new ();

  g_ptr_array_add (lines, from == NULL && to == NULL ? g_strdup ("All cases")
                   : g_strdup_printf ("Cases opened from %s to before %s", a, b));
  g_ptr_array_add (lines, g_strdup_printf ("Cases: %u (closed: %u)",
                                           fd_case_report_get_total (report),
                                           fd_case_report_get_n_closed (report)));
  g_ptr_array_add (lines, g_strdup_printf ("Mean duration: %.1f min; median duration: %.1f min",
                                           fd_case_report_get_mean_duration (report) / 60,
                                           fd_case_report_get_median_duration (report) / 60));
  g_ptr_array_add (lines, g_strdup_printf ("Cases with interpreter calls: %u (%.0f%%)",
                                           fd_case_report_get_n_with_calls (report),
                                           100.0 * fd_case_report_get_share_with_calls (report)));
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

/* The whole report from the pen's position. */
static void
render (Pen          *pen,
        FdCaseReport *report)
{
  const FdCaseReportLayout *layout = pen->layout;
  g_auto(GStrv) english = NULL;
  const char * const *lines = layout ? layout->lines : NULL;
  FdCaseReportBy time_by = layout && layout->fixed_time && layout->time_by <= FD_CASE_REPORT_BY_MONTH
                           ? layout->time_by : fd_case_report_time_by (report);

  if (lines == NULL)
    lines = (const char * const *) (english = default_lines (report));
  line (pen, layout && layout->title ? layout->title : "Escort cases", 18, TRUE);
  for (guint i = 0; lines[i]; i++)
    line (pen, lines[i], i == 0 ? 10 : 11, FALSE);
  pen->y += 8;
  chart (pen, report, time_by);
  for (FdCaseReportBy by = FD_CASE_REPORT_BY_NEED; by < FD_CASE_REPORT_N_BY; by++)
    chart (pen, report, by);
}

static gboolean
finish_file (cairo_status_t   status,
             const char      *part,
             const char      *path,
             GError         **error)
{
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_remove (part);
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_FAILED, "Cannot write %s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_remove (part);
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_FAILED, "Cannot write %s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
fd_case_report_write_pdf (FdCaseReport              *report,
                          const char                *path,
                          const FdCaseReportLayout  *layout,
                          GError                   **error)
{
  g_autofree char *part = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Pen pen = { NULL, layout, MARGIN, A4_W - 2 * MARGIN, MARGIN, MARGIN, A4_H };

  g_return_val_if_fail (FD_IS_CASE_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  part = g_strconcat (path, ".part", NULL);
  surface = cairo_pdf_surface_create (part, A4_W, A4_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  layout && layout->title ? layout->title : "Escort cases");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Frontdesk");
  pen.cr = cairo_create (surface);
  cairo_set_source_rgb (pen.cr, 0, 0, 0);
  render (&pen, report);
  cairo_show_page (pen.cr);
  status = cairo_status (pen.cr);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return finish_file (status, part, path, error);
}

gboolean
fd_case_report_write_png (FdCaseReport              *report,
                          const char                *path,
                          const FdCaseReportLayout  *layout,
                          int                        width_px,
                          GError                   **error)
{
  g_autofree char *part = NULL;
  cairo_surface_t *recording, *image;
  cairo_t *cr;
  cairo_status_t status;
  Pen pen = { NULL, layout, MARGIN, A4_W - 2 * MARGIN, MARGIN, MARGIN, 0 };
  double scale, height;

  g_return_val_if_fail (FD_IS_CASE_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (width_px < 100 || width_px > MAX_PNG_SIDE)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                   "A PNG report is 100 to %d pixels wide, not %d", MAX_PNG_SIDE, width_px);
      return FALSE;
    }
  /* Drawn once into a recording to learn its height, then replayed. */
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  pen.cr = cairo_create (recording);
  cairo_set_source_rgb (pen.cr, 0, 0, 0);
  render (&pen, report);
  cairo_destroy (pen.cr);
  scale = width_px / A4_W;
  height = ceil ((pen.y + MARGIN) * scale);
  if (height > MAX_PNG_SIDE)
    {
      cairo_surface_destroy (recording);
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                   "The report is too long for one PNG image (%.0f pixels); use PDF", height);
      return FALSE;
    }
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width_px, (int) height);
  cr = cairo_create (image);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  part = g_strconcat (path, ".part", NULL);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (image, part);
  cairo_surface_destroy (image);
  return finish_file (status, part, path, error);
}
