/* fd-case-report-render.h: the one renderer of case reports (Pango + cairo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Behind every report picture: the CLI's PDF and PNG (English) and the app's
 * (in the UI language, the caller passing translated text). Text is laid out
 * with Pango, so Chinese and Russian shape correctly and long labels wrap.
 * Charts are horizontal bars, each with its label on the left and its number
 * on the right, outlined, black on white: nothing depends on colour, and the
 * print survives a photocopier. The chart widget of the app draws with
 * GtkSnapshot but takes its scale from fd_case_report_scale_max() and
 * fd_case_report_bar_length(), so screen and paper agree.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "fd-case-report.h"

G_BEGIN_DECLS

/* Maps a bucket key to the label shown (e.g. a translated need name); may
 * return NULL to show the key itself. */
typedef const char *(*FdCaseReportLabelFunc) (FdCaseReportBy  by,
                                              const char     *key,
                                              gpointer        user_data);

/**
 * FdCaseReportLayout:
 * What a rendered report says. Zero-initialise; every NULL (and time_by 0
 * with auto_time TRUE…) falls back to the English default.
 */
typedef struct
{
  const char            *title;      /* NULL: "Escort cases" */
  /* Lines under the title (period, figures), NULL-terminated; NULL: English. */
  const char * const    *lines;
  /* Chart headings indexed by FdCaseReportBy; a NULL entry: English. */
  const char            *headings[FD_CASE_REPORT_N_BY];
  const char            *no_data;    /* NULL: "No data." */
  FdCaseReportLabelFunc  label_func; /* NULL: keys as they are ("" -> "—") */
  gpointer               user_data;
  gboolean               fixed_time; /* TRUE: chart time by @time_by, else by the range */
  FdCaseReportBy         time_by;    /* DAY, WEEK or MONTH */
} FdCaseReportLayout;

/* The axis end for a largest value: 1, 2, 5, 10, 20, 50… at or above it. */
guint    fd_case_report_scale_max   (guint                     max_value);
/* The length of a bar for @value on an axis of @axis_max drawn over @space
 * units: 0 for 0, at least 2 (so a small count stays visible), at most @space. */
int      fd_case_report_bar_length  (guint                     value,
                                     guint                     axis_max,
                                     int                       space);
/* The time dimension charted for a report: day up to 31 days, week up to 30
 * weeks, else month. */
FdCaseReportBy fd_case_report_time_by (FdCaseReport           *report);

/* Draws the chart of @by (heading, then one row per bucket) from (0, 0) of
 * @cr over @width, in the cr's current source colour. Returns the height
 * used. @layout may be NULL. */
double   fd_case_report_draw_chart  (FdCaseReport             *report,
                                     FdCaseReportBy            by,
                                     const FdCaseReportLayout *layout,
                                     cairo_t                  *cr,
                                     double                    width);

/* Writes an A4 PDF (title, lines, then the charts of time, need, outcome,
 * staff and language, breaking pages between rows). The file is written
 * beside @path and renamed over it once complete. @layout may be NULL. */
gboolean fd_case_report_write_pdf   (FdCaseReport             *report,
                                     const char               *path,
                                     const FdCaseReportLayout *layout,
                                     GError                  **error);
/* The same report as one PNG image, @width_px wide (the A4 page width scaled,
 * as long as the content), white background. Written atomically as above. */
gboolean fd_case_report_write_png   (FdCaseReport             *report,
                                     const char               *path,
                                     const FdCaseReportLayout *layout,
                                     int                       width_px,
                                     GError                  **error);

G_END_DECLS
