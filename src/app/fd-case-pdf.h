/* fd-case-pdf.h: a case report as a printable PDF (cairo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes one A4 document: title, period, the summary figures and a bar
 * chart with printed values for each dimension (time, need, outcome,
 * staff, language). Black on white with outlined bars, so it prints and
 * photocopies legibly. Labels are in the UI language, laid out with Pango
 * (Chinese and Russian text shape correctly); the core's
 * fd_case_report_write_pdf() is the English, toy-font variant for the CLI.
 */
#pragma once

#include <gio/gio.h>

#include "fd-case-report.h"

G_BEGIN_DECLS

gboolean fd_case_pdf_write_report (FdCaseReport    *report,
                                   FdCaseReportBy   time_by,
                                   const char      *title,
                                   const char      *path,
                                   GError         **error);

G_END_DECLS
