/* bench-cases: monthly report and durable insert on 1,000,000 cases,
 * SQLite and PostgreSQL side by side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Goals (issue 6): a monthly report <= 50 ms, a durable insert p99 <= 2 ms.
 * Usage: bench-cases [--cases N] [--reports N] [--inserts N] [--no-pg] [--dir DIR]
 * The PostgreSQL figures come from a throwaway cluster the benchmark starts
 * (fsync=on, synchronous_commit=on) on a Unix socket and drops at the end.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "fd-case-store-test.h"
#include "fd-test-pg.h"

#define REPORT_GOAL_MS 50.0
#define INSERT_P99_GOAL_MS 2.0
#define DAYS 730

static int opt_cases = 1000000;
static int opt_reports = 50;
static int opt_inserts = 1000;
static gboolean opt_no_pg;
static char *opt_dir;

static const GOptionEntry entries[] = {
  { "cases", 0, 0, G_OPTION_ARG_INT, &opt_cases, "Cases to generate (default 1000000)", "N" },
  { "reports", 0, 0, G_OPTION_ARG_INT, &opt_reports, "Monthly reports to time (default 50)", "N" },
  { "inserts", 0, 0, G_OPTION_ARG_INT, &opt_inserts, "Durable inserts to time (default 1000)", "N" },
  { "no-pg", 0, 0, G_OPTION_ARG_NONE, &opt_no_pg, "Skip PostgreSQL", NULL },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Folder for the SQLite file (default: a temporary folder under /var/tmp)", "DIR" },
  { NULL }
};

/* Both generators make the same rows: cases over DAYS days from 2025-01-01
 * (Asia/Shanghai), opened 8:30-17:30, 5-60 minutes, a spread of needs,
 * outcomes, 40 staff and 4 languages, a call on one case in four and a matter
 * on every other case. */
static const char *sqlite_generate[] = {
  "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $1 - 1) "
  "INSERT INTO cases (hall, desk, opened_at, closed_at, needs, language, staff, outcome, "
  " contact_consent, day, duration_s, n_calls) "
  "SELECT 'Tongzhou', 'desk ' || (i % 4), o, o + d, nd, lang, 'staff' || (i * 17 % 40), "
  " 1 + (i * 13 % 5), 0, CAST (strftime ('%Y%m%d', date ('2025-01-01', '+' || di || ' days')) AS INTEGER), "
  " d, CASE WHEN i % 4 = 0 THEN 1 ELSE 0 END "
  "FROM (SELECT i, i * " G_STRINGIFY (DAYS) " / $1 AS di, "
  " $2 + (i * " G_STRINGIFY (DAYS) " / $1) * 86400 + 30600 + (i * 7919 % 32400) AS o, "
  " 300 + (i * 104729 % 3300) AS d, "
  " (1 << (i * 31 % 9)) | (CASE WHEN i % 7 = 0 THEN 32 ELSE 0 END) AS nd, "
  " CASE i % 10 WHEN 0 THEN 'en' WHEN 1 THEN 'ru' WHEN 2 THEN 'csl' ELSE 'zh' END AS lang "
  " FROM n)",
  "INSERT INTO case_calls (case_id, position, call_id, language, duration_s) "
  "SELECT id, 0, 'call-' || id, 'csl', 120 FROM cases WHERE n_calls = 1",
  "INSERT INTO case_matters (case_id, position, guide_id) "
  "SELECT id, 0, 'guide-' || (id % 300) FROM cases WHERE id % 2 = 0",
  NULL
};

static const char *pg_generate[] = {
  "INSERT INTO cases (hall, desk, opened_at, closed_at, needs, language, staff, outcome, "
  " contact_consent, day, duration_s, n_calls) "
  "SELECT 'Tongzhou', 'desk ' || (i % 4), o, o + d, nd, lang, 'staff' || (i * 17 % 40), "
  " 1 + (i * 13 % 5), 0, to_char (date '2025-01-01' + di::int, 'YYYYMMDD')::int, d, "
  " CASE WHEN i % 4 = 0 THEN 1 ELSE 0 END "
  "FROM (SELECT i, i * " G_STRINGIFY (DAYS) " / $1::bigint AS di, "
  " $2::bigint + (i * " G_STRINGIFY (DAYS) " / $1::bigint) * 86400 + 30600 + (i * 7919 % 32400) AS o, "
  " 300 + (i * 104729 % 3300) AS d, "
  " (1 << (i * 31 % 9)::int) | (CASE WHEN i % 7 = 0 THEN 32 ELSE 0 END) AS nd, "
  " CASE i % 10 WHEN 0 THEN 'en' WHEN 1 THEN 'ru' WHEN 2 THEN 'csl' ELSE 'zh' END AS lang "
  " FROM generate_series (0::bigint, $1::bigint - 1) AS i) AS g",
  "INSERT INTO case_calls (case_id, position, call_id, language, duration_s) "
  "SELECT id, 0, 'call-' || id, 'csl', 120 FROM cases WHERE n_calls = 1",
  "INSERT INTO case_matters (case_id, position, guide_id) "
  "SELECT id, 0, 'guide-' || (id % 300) FROM cases WHERE id % 2 = 0",
  NULL
};

typedef struct
{
  double median, p99, min, max;
} Stats;

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static Stats
stats_of (GArray *ms)
{
  Stats s;
  guint n = ms->len;

  g_array_sort (ms, compare_double);
  s.min = g_array_index (ms, double, 0);
  s.max = g_array_index (ms, double, n - 1);
  s.median = n % 2 ? g_array_index (ms, double, n / 2)
                   : (g_array_index (ms, double, n / 2 - 1) + g_array_index (ms, double, n / 2)) / 2;
  /* Nearest-rank percentile. */
  s.p99 = g_array_index (ms, double, MIN (n - 1, (guint) ceil (0.99 * n) - 1));
  return s;
}

static void
print_line (const char *backend, const char *what, Stats s, guint n, double goal)
{
  g_print ("%-10s %-15s n=%-5u median %8.3f ms  p99 %8.3f ms  min %8.3f ms  max %8.3f ms  "
           "goal p99 <= %.0f ms: %s\n", backend, what, n, s.median, s.p99, s.min, s.max,
           goal, s.p99 <= goal ? "MET" : "MISSED");
}

static void
generate (FdCaseStore *store, const char * const *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *n = g_strdup_printf ("%d", opt_cases);
  g_autoptr(GDateTime) base = g_date_time_new_local (2025, 1, 1, 0, 0, 0);
  g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (base));
  const char *params[] = { n, b };
  gint64 t0 = g_get_monotonic_time ();

  g_assert (_fd_case_store_exec (store, "BEGIN", NULL, 0, NULL, NULL, &error));
  for (guint i = 0; sql[i]; i++)
    if (!_fd_case_store_exec (store, sql[i], params, i == 0 ? 2 : 0, NULL, NULL, &error))
      g_error ("generate: %s", error->message);
  g_assert (_fd_case_store_exec (store, "COMMIT", NULL, 0, NULL, NULL, &error));
  g_print ("%-10s generated %d cases in %.1f s\n", fd_case_store_get_backend_name (store),
           opt_cases, (g_get_monotonic_time () - t0) / 1e6);
}

static void
run_backend (FdCaseStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) report_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) insert_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) from = g_date_time_new_local (2026, 6, 1, 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_new_local (2026, 7, 1, 0, 0, 0);
  const char *name = fd_case_store_get_backend_name (store);
  guint month_total = 0;

  for (int i = 0; i < opt_reports + 3; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(FdCaseReport) r = fd_case_store_report (store, from, to, &error);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      if (r == NULL)
        g_error ("report: %s", error->message);
      month_total = fd_case_report_get_total (r);
      if (i >= 3)   /* the first runs warm the caches */
        g_array_append_val (report_ms, ms);
    }
  g_print ("%-10s monthly report covers %u cases (June 2026)\n", name, month_total);
  print_line (name, "monthly report", stats_of (report_ms), report_ms->len, REPORT_GOAL_MS);

  for (int i = 0; i < opt_inserts; i++)
    {
      g_autoptr(FdCase) c = fd_case_new ();
      g_autoptr(FdCaseCall) call = fd_case_call_new ("call-b", "csl", 240);
      gint64 t0;
      double ms;

      fd_case_set_hall (c, "Tongzhou");
      fd_case_set_desk (c, "desk 1");
      fd_case_set_needs (c, FD_CASE_NEED_DEAF);
      fd_case_set_language (c, "zh");
      fd_case_set_staff (c, "staff1");
      fd_case_add_matter (c, "company-startup");
      fd_case_add_matter (c, "seal-engraving");
      fd_case_add_call (c, call);
      fd_case_set_notes (c, "visitor asked for sign language; tel 13812345678");
      t0 = g_get_monotonic_time ();
      if (!fd_case_store_create (store, c, &error))
        g_error ("insert: %s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (insert_ms, ms);
    }
  print_line (name, "durable insert", stats_of (insert_ms), insert_ms->len, INSERT_P99_GOAL_MS);
}

/* The machine is shared: say how busy it was. */
static void
print_load (void)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    g_print ("load average: %s", load);
}

static void
print_machine (const char *sqlite_dir)
{
  struct utsname u;
  g_autofree char *cpuinfo = NULL;
  g_autofree char *meminfo = NULL;
  g_autofree char *cpu = g_strdup ("unknown CPU");
  g_autofree char *fs = NULL;
  const char *argv[] = { "findmnt", "-n", "-o", "FSTYPE,SOURCE", "-T", sqlite_dir, NULL };
  guint64 mem_kb = 0;

  uname (&u);
  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      const char *p = strstr (cpuinfo, "model name");
      if (p && (p = strchr (p, ':')))
        {
          g_free (cpu);
          cpu = g_strndup (p + 2, strcspn (p + 2, "\n"));
        }
    }
  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL))
    sscanf (meminfo, "MemTotal: %" G_GUINT64_FORMAT, &mem_kb);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &fs, NULL, NULL, NULL);
  g_print ("machine: %s %s, %s, %u cores, %" G_GUINT64_FORMAT " MB RAM\n", u.sysname, u.release,
           cpu, g_get_num_processors (), mem_kb / 1024);
  g_print ("SQLite %s file system: %s\n", sqlite3_libversion (), fs ? g_strstrip (fs) : "?");
  print_load ();
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— escort case store benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(FdCaseStore) store = NULL;
  FdTestPg *pg = NULL;

  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_cases < 1000 || opt_reports < 1 || opt_inserts < 1)
    {
      g_printerr ("--cases must be >= 1000, --reports and --inserts >= 1\n");
      return 2;
    }
  /* /var/tmp: a real disk, not a tmpfs, so fsync costs what it costs. */
  dir = opt_dir ? g_strdup (opt_dir) : g_build_filename ("/var/tmp", "fd-bench-cases-XXXXXX", NULL);
  if (!opt_dir && g_mkdtemp (dir) == NULL)
    g_error ("mkdtemp %s failed", dir);
  path = g_build_filename (dir, "bench-cases.db", NULL);

  print_machine (dir);
  g_print ("goals: monthly report <= %.0f ms, durable insert p99 <= %.0f ms "
           "(%d cases over %d days, %d reports, %d inserts)\n\n",
           REPORT_GOAL_MS, INSERT_P99_GOAL_MS, opt_cases, DAYS, opt_reports, opt_inserts);

  store = fd_case_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  generate (store, sqlite_generate);
  _fd_case_store_exec (store, "ANALYZE", NULL, 0, NULL, NULL, NULL);
  _fd_case_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, 0, NULL, NULL, NULL);
  run_backend (store);
  g_clear_object (&store);

  if (!opt_no_pg)
    {
      pg = fd_test_pg_start (&error);
      if (pg == NULL)
        g_print ("\npostgresql: not measured: %s\n", error->message);
      else
        {
          g_autofree char *uri = fd_test_pg_create_db (pg, "bench", &error);
          if (uri == NULL)
            g_error ("%s", error->message);
          store = fd_case_store_open (uri, &error);
          if (store == NULL)
            g_error ("%s", error->message);
          g_print ("\nPostgreSQL %s (throwaway cluster, fsync=on, synchronous_commit=on)\n",
                   fd_test_pg_version (pg));
          generate (store, pg_generate);
          _fd_case_store_exec (store, "VACUUM ANALYZE", NULL, 0, NULL, NULL, NULL);
          run_backend (store);
          g_clear_object (&store);
          fd_test_pg_free (pg);
        }
    }
  print_load ();

  if (!opt_dir)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
