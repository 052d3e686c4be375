/* fd-case-report-render.h: drawing a case report with cairo (charts and PDF)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Charts are horizontal bars, each with its text label on the left and its
 * number on the right, so nothing depends on colour: they stay readable in
 * high contrast and in black-and-white print. Everything is drawn with the
 * source colour that is set on the cairo_t when called (the UI passes its
 * foreground colour), on whatever background the caller painted.
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

/* Draws the buckets of @by as a bar chart filling @width x @height from the
 * current point's origin (0, 0) of @cr, with @title on top. Returns the
 * height actually used (bars are at most 28 px high). */
double   fd_case_report_draw_chart (FdCaseReport          *report,
                                    FdCaseReportBy         by,
                                    const char            *title,
                                    FdCaseReportLabelFunc  label_func,
                                    gpointer               user_data,
                                    cairo_t               *cr,
                                    double                 width,
                                    double                 height);

/* Writes an A4 PDF: summary figures, then charts by month (or week/day for
 * short ranges), need, outcome, staff and language. Black on white. */
gboolean fd_case_report_write_pdf  (FdCaseReport          *report,
                                    const char            *path,
                                    const char            *title,
                                    GError               **error);

G_END_DECLS
