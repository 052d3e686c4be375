/* fd-case-report.c: statistics over escort cases, and the store query building them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-report"

#include "config.h"

#include <stdlib.h>

#include "fd-case-report.h"
#include "fd-case-store-private.h"
#include "fd-case-sql-private.h"

struct _FdCaseReport
{
  GObject       parent_instance;

  GDateTime    *from;
  GDateTime    *to;
  guint         total;
  guint         n_closed;
  guint         n_with_calls;
  double        mean;
  double        median;
  GPtrArray    *buckets[FD_CASE_REPORT_N_BY];
  GStringChunk *keys;
};

G_DEFINE_FINAL_TYPE (FdCaseReport, fd_case_report, G_TYPE_OBJECT)

static const char *by_codes[FD_CASE_REPORT_N_BY] = {
  "day", "week", "month", "need", "outcome", "staff", "language",
};

/* Accumulation while scanning rows. */
typedef struct
{
  FdCaseReport *report;
  GHashTable   *days;        /* GINT_TO_POINTER (yyyymmdd) -> guint* count */
  GHashTable   *staff;       /* char* -> count */
  GHashTable   *languages;   /* char* -> count */
  guint         needs[FD_CASE_N_NEEDS];
  guint         outcomes[FD_CASE_N_OUTCOMES];
  GArray       *durations;   /* gint64 */
  int           min_day;
  int           max_day;
  int           last_day;
  guint        *last_day_count;
} Scan;

static void
add_bucket (FdCaseReport *self, FdCaseReportBy by, const char *key, guint count)
{
  FdCaseReportBucket *b = g_new (FdCaseReportBucket, 1);

  b->key = g_string_chunk_insert_const (self->keys, key);
  b->count = count;
  g_ptr_array_add (self->buckets[by], b);
}

static void
count_string (GHashTable *table, const char *key)
{
  guint *count;

  if (key == NULL)
    key = "";
  count = g_hash_table_lookup (table, key);
  if (count == NULL)
    {
      count = g_new0 (guint, 1);
      g_hash_table_insert (table, g_strdup (key), count);
    }
  (*count)++;
}

/* One row: packed (day, needs, outcome, has calls), staff, language,
 * duration. Packing in SQL saves most of the per-row text conversions. */
static gboolean
scan_row (const char * const *cells, guint n_cells, gpointer user_data)
{
  Scan *scan = user_data;
  FdCaseReport *self = scan->report;
  gint64 packed = _fd_case_sql_parse_int (cells[0]);
  gboolean has_calls = packed & 1;
  guint outcome = (packed >> 1) & 7;
  guint needs = (packed >> 4) & 1023;
  int day = (int) (packed >> 14);

  self->total++;
  if (day != scan->last_day || scan->last_day_count == NULL)
    {
      scan->last_day_count = g_hash_table_lookup (scan->days, GINT_TO_POINTER (day));
      if (scan->last_day_count == NULL)
        {
          scan->last_day_count = g_new0 (guint, 1);
          g_hash_table_insert (scan->days, GINT_TO_POINTER (day), scan->last_day_count);
        }
      scan->last_day = day;
      scan->min_day = scan->min_day ? MIN (scan->min_day, day) : day;
      scan->max_day = MAX (scan->max_day, day);
    }
  (*scan->last_day_count)++;
  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    if (needs & (1u << i))
      scan->needs[i]++;
  if (outcome < FD_CASE_N_OUTCOMES)
    scan->outcomes[outcome]++;
  count_string (scan->staff, cells[1]);
  count_string (scan->languages, cells[2]);
  if (cells[3])
    {
      gint64 d = _fd_case_sql_parse_int (cells[3]);
      g_array_append_val (scan->durations, d);
    }
  if (has_calls)
    self->n_with_calls++;
  return TRUE;
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

static int
compare_bucket (gconstpointer a, gconstpointer b)
{
  const FdCaseReportBucket *x = *(FdCaseReportBucket * const *) a;
  const FdCaseReportBucket *y = *(FdCaseReportBucket * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

static void
add_string_buckets (FdCaseReport *self, FdCaseReportBy by, GHashTable *table)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    add_bucket (self, by, key, *(guint *) value);
  g_ptr_array_sort (self->buckets[by], compare_bucket);
}

static GDateTime *
local_noon (int yyyymmdd)
{
  return g_date_time_new_local (yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100, 12, 0, 0);
}

static int
day_of (GDateTime *dt)
{
  return g_date_time_get_year (dt) * 10000 + g_date_time_get_month (dt) * 100
         + g_date_time_get_day_of_month (dt);
}

/* Day, week and month buckets over every day of the range, empty ones included. */
static void
add_time_buckets (FdCaseReport *self, Scan *scan)
{
  g_autoptr(GDateTime) day = NULL;
  int first, last;
  guint guard = 0;
  static const char *formats[] = { "%Y-%m-%d", "%G-W%V", "%Y-%m" };

  first = self->from ? day_of (self->from) : scan->min_day;
  if (self->to)
    {
      g_autoptr(GDateTime) before = g_date_time_add_seconds (self->to, -1);
      last = day_of (before);
    }
  else
    last = scan->max_day;
  if (first == 0 || last == 0 || last < first)
    return;
  if (scan->min_day)
    first = MIN (first, scan->min_day);
  if (scan->max_day)
    last = MAX (last, scan->max_day);

  day = local_noon (first);
  while (day && day_of (day) <= last && guard++ < 366 * 50)
    {
      guint *counter = g_hash_table_lookup (scan->days, GINT_TO_POINTER (day_of (day)));
      guint count = counter ? *counter : 0;
      GDateTime *next;

      for (guint by = FD_CASE_REPORT_BY_DAY; by <= FD_CASE_REPORT_BY_MONTH; by++)
        {
          g_autofree char *key = g_date_time_format (day, formats[by]);
          GPtrArray *buckets = self->buckets[by];
          FdCaseReportBucket *lastb = buckets->len ? g_ptr_array_index (buckets, buckets->len - 1) : NULL;

          if (lastb && g_str_equal (lastb->key, key))
            lastb->count += count;
          else
            add_bucket (self, by, key, count);
        }
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
}

static void
fd_case_report_finalize (GObject *object)
{
  FdCaseReport *self = FD_CASE_REPORT (object);

  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  for (guint i = 0; i < FD_CASE_REPORT_N_BY; i++)
    g_clear_pointer (&self->buckets[i], g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_string_chunk_free);

  G_OBJECT_CLASS (fd_case_report_parent_class)->finalize (object);
}

static void
fd_case_report_class_init (FdCaseReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_case_report_finalize;
}

static void
fd_case_report_init (FdCaseReport *self)
{
  for (guint i = 0; i < FD_CASE_REPORT_N_BY; i++)
    self->buckets[i] = g_ptr_array_new_with_free_func (g_free);
  self->keys = g_string_chunk_new (256);
}

const char *
fd_case_report_by_to_code (FdCaseReportBy by)
{
  return (guint) by < FD_CASE_REPORT_N_BY ? by_codes[by] : NULL;
}

gboolean
fd_case_report_by_from_code (const char *code, FdCaseReportBy *out_by)
{
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; i < FD_CASE_REPORT_N_BY; i++)
    if (g_ascii_strcasecmp (code, by_codes[i]) == 0)
      {
        if (out_by)
          *out_by = i;
        return TRUE;
      }
  return FALSE;
}

GDateTime *
fd_case_report_get_from (FdCaseReport *self)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), NULL);
  return self->from;
}

GDateTime *
fd_case_report_get_to (FdCaseReport *self)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), NULL);
  return self->to;
}

guint
fd_case_report_get_total (FdCaseReport *self)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), 0);
  return self->total;
}

guint
fd_case_report_get_n_closed (FdCaseReport *self)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), 0);
  return self->n_closed;
}

double
fd_case_report_get_mean_duration (FdCaseReport *self)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), 0);
  return self->mean;
}

double
fd_case_report_get_median_duration (FdCaseReport *self)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), 0);
  return self->median;
}

guint
fd_case_report_get_n_with_calls (FdCaseReport *self)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), 0);
  return self->n_with_calls;
}

double
fd_case_report_get_share_with_calls (FdCaseReport *self)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), 0);
  return self->total ? (double) self->n_with_calls / self->total : 0.0;
}

GPtrArray *
fd_case_report_get_buckets (FdCaseReport *self, FdCaseReportBy by)
{
  g_return_val_if_fail (FD_IS_CASE_REPORT (self), NULL);
  g_return_val_if_fail ((guint) by < FD_CASE_REPORT_N_BY, NULL);
  return self->buckets[by];
}

FdCaseReport *
fd_case_store_report (FdCaseStore *self, GDateTime *from, GDateTime *to, GError **error)
{
  g_autoptr(FdCaseReport) report = NULL;
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *p_from = NULL;
  g_autofree char *p_to = NULL;
  const char *params[2];
  Scan scan = { 0 };
  gboolean ok;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), NULL);

  report = g_object_new (FD_TYPE_CASE_REPORT, NULL);
  report->from = from ? g_date_time_ref (from) : NULL;
  report->to = to ? g_date_time_ref (to) : NULL;
  p_from = _fd_case_sql_int (from ? g_date_time_to_unix (from) : G_MININT64 / 2);
  p_to = _fd_case_sql_int (to ? g_date_time_to_unix (to) : G_MAXINT64 / 2);
  params[0] = p_from;
  params[1] = p_to;

  scan.report = report;
  scan.days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  scan.staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scan.languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scan.durations = g_array_new (FALSE, FALSE, sizeof (gint64));

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  ok = _fd_case_store_exec (self, "SELECT ((CAST (day AS BIGINT) * 1024 + needs) * 8 + outcome) * 2 "
                            "+ CASE WHEN n_calls > 0 THEN 1 ELSE 0 END, staff, language, "
                            "duration_s FROM cases WHERE opened_at >= $1 AND opened_at < $2",
                            params, 2, scan_row, &scan, error);
  g_clear_pointer (&locker, g_rec_mutex_locker_free);
  if (ok)
    {
      GArray *d = scan.durations;
      double sum = 0;

      report->n_closed = d->len;
      if (d->len)
        {
          g_array_sort (d, compare_int64);
          for (guint i = 0; i < d->len; i++)
            sum += g_array_index (d, gint64, i);
          report->mean = sum / d->len;
          report->median = d->len % 2
                           ? g_array_index (d, gint64, d->len / 2)
                           : (g_array_index (d, gint64, d->len / 2 - 1)
                              + g_array_index (d, gint64, d->len / 2)) / 2.0;
        }
      add_time_buckets (report, &scan);
      for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
        add_bucket (report, FD_CASE_REPORT_BY_NEED, fd_case_need_to_code (1u << i), scan.needs[i]);
      for (guint i = 0; i < FD_CASE_N_OUTCOMES; i++)
        add_bucket (report, FD_CASE_REPORT_BY_OUTCOME, fd_case_outcome_to_code (i), scan.outcomes[i]);
      add_string_buckets (report, FD_CASE_REPORT_BY_STAFF, scan.staff);
      add_string_buckets (report, FD_CASE_REPORT_BY_LANGUAGE, scan.languages);
    }
  g_hash_table_unref (scan.days);
  g_hash_table_unref (scan.staff);
  g_hash_table_unref (scan.languages);
  g_array_unref (scan.durations);
  return ok ? g_steal_pointer (&report) : NULL;
}
