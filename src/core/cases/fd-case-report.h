/* fd-case-report.h: statistics over escort cases in a date range, ready to chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by fd_case_store_report(). Immutable once built, so it may be handed
 * between threads. Buckets carry a stable key (a date, a code or a name) and a
 * count; the UI picks its own translated labels for need and outcome codes.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum /*< prefix=FD_CASE_REPORT_BY >*/
{
  FD_CASE_REPORT_BY_DAY,      /*< nick=day >*/       /* key "2026-11-26" */
  FD_CASE_REPORT_BY_WEEK,     /*< nick=week >*/      /* key "2026-W48" (ISO 8601 week) */
  FD_CASE_REPORT_BY_MONTH,    /*< nick=month >*/     /* key "2026-11" */
  FD_CASE_REPORT_BY_NEED,     /*< nick=need >*/      /* key fd_case_need_to_code(); a case counts once per need */
  FD_CASE_REPORT_BY_OUTCOME,  /*< nick=outcome >*/   /* key fd_case_outcome_to_code(); "none" = still open */
  FD_CASE_REPORT_BY_STAFF,    /*< nick=staff >*/     /* key staff handle ("" = not recorded) */
  FD_CASE_REPORT_BY_LANGUAGE, /*< nick=language >*/  /* key language tag ("" = not recorded) */
} FdCaseReportBy;

#define FD_CASE_REPORT_N_BY 7

const char *fd_case_report_by_to_code   (FdCaseReportBy  by);
gboolean    fd_case_report_by_from_code (const char     *code,
                                         FdCaseReportBy *out_by);

/**
 * FdCaseReportBucket:
 * One bar of a chart. Owned by the report.
 */
typedef struct
{
  const char *key;
  guint       count;
} FdCaseReportBucket;

#define FD_TYPE_CASE_REPORT (fd_case_report_get_type ())
G_DECLARE_FINAL_TYPE (FdCaseReport, fd_case_report, FD, CASE_REPORT, GObject)

/* The range asked for: cases opened in [from, to) (local dates). */
GDateTime  *fd_case_report_get_from          (FdCaseReport   *self);
GDateTime  *fd_case_report_get_to            (FdCaseReport   *self);
/* Cases opened in the range. */
guint       fd_case_report_get_total         (FdCaseReport   *self);
/* Closed cases among them (durations are over closed cases only). */
guint       fd_case_report_get_n_closed      (FdCaseReport   *self);
/* Mean and median duration of closed cases in seconds (0 when none). */
double      fd_case_report_get_mean_duration   (FdCaseReport *self);
double      fd_case_report_get_median_duration (FdCaseReport *self);
/* Cases with at least one linked interpreter call, and their share of the
 * total (0.0 … 1.0; 0 when there are no cases). */
guint       fd_case_report_get_n_with_calls  (FdCaseReport   *self);
double      fd_case_report_get_share_with_calls (FdCaseReport *self);
/* The buckets of one dimension. Time buckets are in date order and include
 * empty days/weeks/months of the range; need and outcome buckets list every
 * code in enum order (zeros included); staff and language are by count,
 * descending, then key. Element type FdCaseReportBucket, transfer none. */
GPtrArray  *fd_case_report_get_buckets       (FdCaseReport   *self,
                                              FdCaseReportBy  by);

G_END_DECLS
