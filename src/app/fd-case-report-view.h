/* fd-case-report-view.h: the Reports window of the escort case log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A period (last 7 days, 30 days, 12 months), a dimension (day, week, month,
 * need, outcome, staff, language), the summary figures (cases, mean and
 * median duration, share with interpreter calls), a native bar chart with a
 * companion table for screen readers, and export to CSV (the store's
 * audited export) and PDF or PNG (fd-case-report-render.h).
 */
#pragma once

#include <adwaita.h>

#include "fd-case-store.h"

G_BEGIN_DECLS

#define FD_TYPE_CASE_REPORT_VIEW (fd_case_report_view_get_type ())

G_DECLARE_FINAL_TYPE (FdCaseReportView, fd_case_report_view, FD, CASE_REPORT_VIEW, AdwWindow)

GtkWidget *fd_case_report_view_new (FdCaseStore *store);

G_END_DECLS
