/* fd-relay-stats.c: the router's running figures, kept in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include "fd-protocol.h"
#include "fd-relay-stats.h"

#define DEFAULT_MEAN_CALL_S 300.0
#define MEAN_OVER_CALLS 20
#define MAX_WAITS_KEPT 100000

struct _FdRelayStats
{
  /* last MEAN_OVER_CALLS call durations per language (seconds) */
  double durations[FD_RELAY_N_LANGS][MEAN_OVER_CALLS];
  guint n_durations[FD_RELAY_N_LANGS];
  guint next_duration[FD_RELAY_N_LANGS];
  double mean_call_s[FD_RELAY_N_LANGS];
  /* today (local time) */
  gint64 day_start_ms;
  gint64 next_day_start_ms;
  guint calls_today;
  GArray *waits_today;    /* gint64 ms, answered − asked */
};

/* At each call request: the local day's bounds are worked out (time zone, DST) only when the
 * clock leaves the day last seen. */
static void
roll_day (FdRelayStats *stats)
{
  gint64 now_ms = g_get_real_time () / 1000;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) next = NULL;
  gint64 start_ms;

  if (now_ms >= stats->day_start_ms && now_ms < stats->next_day_start_ms)
    return;
  now = g_date_time_new_from_unix_local (now_ms / 1000);
  start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  next = g_date_time_add_days (start, 1);
  start_ms = g_date_time_to_unix (start) * 1000;
  stats->next_day_start_ms = g_date_time_to_unix (next) * 1000;
  if (start_ms == stats->day_start_ms)
    return;
  stats->day_start_ms = start_ms;
  stats->calls_today = 0;
  g_array_set_size (stats->waits_today, 0);
}

FdRelayStats *
fd_relay_stats_new (FdRelayStore  *store,
                    GError       **error)
{
  FdRelayStats *stats = g_new0 (FdRelayStats, 1);
  const char * const *langs = fd_protocol_languages ();

  stats->waits_today = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int l = 0; l < FD_RELAY_N_LANGS; l++)
    {
      g_autoptr(GArray) recent = fd_relay_store_recent_durations (store, langs[l],
                                                                  MEAN_OVER_CALLS);

      stats->mean_call_s[l] = DEFAULT_MEAN_CALL_S;
      for (guint i = recent->len; i > 0; i--)
        fd_relay_stats_call_ended (stats, l, g_array_index (recent, double, i - 1));
    }
  roll_day (stats);
  if (!fd_relay_store_day_waits (store, stats->day_start_ms, &stats->calls_today,
                                 stats->waits_today, error))
    {
      stats->calls_today = 0;
      g_array_set_size (stats->waits_today, 0);
    }
  return stats;
}

void
fd_relay_stats_free (FdRelayStats *stats)
{
  if (stats == NULL)
    return;
  g_array_unref (stats->waits_today);
  g_free (stats);
}

void
fd_relay_stats_call_asked (FdRelayStats *stats)
{
  roll_day (stats);
  stats->calls_today++;
}

void
fd_relay_stats_call_answered (FdRelayStats *stats,
                              gint64        wait_ms)
{
  roll_day (stats);
  if (stats->waits_today->len < MAX_WAITS_KEPT)
    g_array_append_val (stats->waits_today, wait_ms);
}

void
fd_relay_stats_call_ended (FdRelayStats *stats,
                           int           lang,
                           double        seconds)
{
  double sum = 0;

  g_return_if_fail (lang >= 0 && lang < FD_RELAY_N_LANGS);

  stats->durations[lang][stats->next_duration[lang]] = seconds;
  stats->next_duration[lang] = (stats->next_duration[lang] + 1) % MEAN_OVER_CALLS;
  stats->n_durations[lang] = MIN (stats->n_durations[lang] + 1, MEAN_OVER_CALLS);
  for (guint i = 0; i < stats->n_durations[lang]; i++)
    sum += stats->durations[lang][i];
  if (sum > 0)
    stats->mean_call_s[lang] = sum / stats->n_durations[lang];
}

double
fd_relay_stats_mean_call (FdRelayStats *stats,
                          int           lang)
{
  g_return_val_if_fail (lang >= 0 && lang < FD_RELAY_N_LANGS, DEFAULT_MEAN_CALL_S);
  return stats->mean_call_s[lang];
}

static int
compare_ms (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

static gint64
percentile (GArray *sorted,
            double  p)
{
  guint rank;

  if (sorted->len == 0)
    return -1;
  /* Nearest-rank method. */
  rank = (guint) ((p * sorted->len) + 0.999999);
  rank = CLAMP (rank, 1, sorted->len);
  return g_array_index (sorted, gint64, rank - 1);
}

void
fd_relay_stats_day (FdRelayStats    *stats,
                    FdRelayDayStats *out)
{
  g_autoptr(GArray) sorted = NULL;

  roll_day (stats);
  sorted = g_array_copy (stats->waits_today);
  g_array_sort (sorted, compare_ms);
  out->calls = stats->calls_today;
  out->answered = sorted->len;
  out->answer_p50_ms = percentile (sorted, 0.5);
  out->answer_p90_ms = percentile (sorted, 0.9);
}
