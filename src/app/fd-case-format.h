/* fd-case-format.h: display text for escort cases (labels, durations, chart scale)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free helpers shared by the case widgets and unit-tested on their own.
 * Every returned label is translated with the process UI language.
 */
#pragma once

#include <glib.h>

#include "fd-case.h"
#include "fd-case-report.h"

G_BEGIN_DECLS

/* The need with index @i (0 … FD_CASE_N_NEEDS-1) in display order. */
FdCaseNeed   fd_case_need_nth            (guint          i);
/* Translated label ("Wheelchair or mobility") and a symbolic icon name. */
const char  *fd_case_need_label          (FdCaseNeed     need);
const char  *fd_case_need_icon           (FdCaseNeed     need);
/* "Deaf, Elderly" (newly allocated; "No need recorded" when 0). */
char        *fd_case_needs_label         (FdCaseNeed     needs);

/* Translated outcome label; "Open" for FD_CASE_OUTCOME_NONE. */
const char  *fd_case_outcome_label       (FdCaseOutcome  outcome);

/* Visitor languages offered in the editor: codes and translated labels.
 * fd_case_language_label() returns the code itself when unknown, and
 * "Not recorded" for NULL or "". */
const char * const *fd_case_language_codes (void);
const char  *fd_case_language_label      (const char    *code);

/* Display label of a report bucket key (translated need, outcome and
 * language names; dates as they are; "Not recorded" for ""). Newly allocated. */
char        *fd_case_bucket_label        (FdCaseReportBy by,
                                          const char    *key);

/* A duration for people: "less than a minute", "12 minutes", "1 hour",
 * "2 h 05 min" (newly allocated, plural forms of the UI language). */
char        *fd_case_format_duration     (gint64         seconds);
/* The running timer "01:02:03" (h:mm:ss, newly allocated). */
char        *fd_case_format_clock        (gint64         seconds);
/* "Open for 12 minutes" (newly allocated). */
char        *fd_case_format_open_for     (gint64         seconds);

G_END_DECLS
