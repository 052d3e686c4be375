/* fd-case-chart.h: a horizontal bar chart drawn with GtkSnapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per bar: its label, an outlined bar in the widget's foreground
 * colour (so it follows dark and high-contrast styles) and the value printed
 * as text. The data is also the accessible description ("Title: A 3, B 1"),
 * so a screen reader gets every figure.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FD_TYPE_CASE_CHART (fd_case_chart_get_type ())

G_DECLARE_FINAL_TYPE (FdCaseChart, fd_case_chart, FD, CASE_CHART, GtkWidget)

GtkWidget  *fd_case_chart_new        (void);
/* Replaces the bars: @labels and @values of @n_bars each (copied). */
void        fd_case_chart_set_data   (FdCaseChart        *self,
                                      const char         *title,
                                      const char * const *labels,
                                      const guint        *values,
                                      guint               n_bars);
guint       fd_case_chart_get_n_bars (FdCaseChart        *self);
/* The text given to screen readers (owned by the chart). */
const char *fd_case_chart_get_summary (FdCaseChart       *self);

G_END_DECLS
