/* frontdesk-cases: headless tool for the escort case log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   frontdesk-cases [--db URI] report [--from DATE] [--to DATE] [--by day|week|month|need|outcome|staff|language]
 *   frontdesk-cases [--db URI] export [-o FILE.csv] [--from DATE] [--to DATE]
 *   frontdesk-cases [--db URI] import FILE.csv
 *   frontdesk-cases [--db URI] purge [--retention-days N] [--dry-run]
 *   frontdesk-cases [--db URI] check
 *   frontdesk-cases [--db URI] list [--open] [--from DATE] [--to DATE]
 *
 * Exit codes: 0 success, 1 database or I/O failure, 2 usage error,
 * 3 bad input data (CSV rows) or a failed integrity check.
 */
#define G_LOG_DOMAIN "frontdesk-cases"

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fd-case-report-render.h"
#include "fd-case-store.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_DATA = 3 };

static char *opt_db;
static char *opt_from;
static char *opt_to;
static char *opt_by;
static char *opt_output;
static char *opt_pdf;
static char *opt_png;
static char *opt_actor;
static int opt_retention = FD_CASE_DEFAULT_RETENTION_DAYS;
static gboolean opt_dry_run;
static gboolean opt_open;

static const GOptionEntry global_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_STRING, &opt_db, "Case database: a path, sqlite:///path or postgresql://… without a password (default: $FRONTDESK_CASES_DB, else the desk's SQLite file)", "URI" },
  { "actor", 0, 0, G_OPTION_ARG_STRING, &opt_actor, "Name recorded in the audit trail (default: the user name)", "NAME" },
  { NULL }
};

static const GOptionEntry range_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, "First day (YYYY-MM-DD, local time), inclusive", "DATE" },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to, "Last day (YYYY-MM-DD), inclusive", "DATE" },
  { NULL }
};

static const GOptionEntry report_entries[] = {
  { "by", 0, 0, G_OPTION_ARG_STRING, &opt_by, "Group by day, week, month, need, outcome, staff or language (default: all)", "WHAT" },
  { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &opt_pdf, "Also write the report with charts as a PDF file", "FILE" },
  { "png", 0, 0, G_OPTION_ARG_FILENAME, &opt_png, "Also write the report with charts as a PNG image (1240 px wide)", "FILE" },
  { NULL }
};

static const GOptionEntry export_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (default: standard output)", "FILE" },
  { NULL }
};

static const GOptionEntry purge_entries[] = {
  { "retention-days", 0, 0, G_OPTION_ARG_INT, &opt_retention, "Keep notes and contact phone this many days (default 90)", "N" },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &opt_dry_run, "Only count the cases that would be purged", NULL },
  { NULL }
};

static const GOptionEntry list_entries[] = {
  { "open", 0, 0, G_OPTION_ARG_NONE, &opt_open, "Only cases still open (e.g. after a crash)", NULL },
  { NULL }
};

static int
fail (GError *error)
{
  g_printerr ("frontdesk-cases: %s\n", error->message);
  if (error->domain == FD_CASE_ERROR
      && (error->code == FD_CASE_ERROR_CSV || error->code == FD_CASE_ERROR_CORRUPT))
    return EXIT_DATA;
  return EXIT_FAIL;
}

static int
usage (const char *message)
{
  g_printerr ("frontdesk-cases: %s\nTry “frontdesk-cases --help”.\n", message);
  return EXIT_USAGE;
}

static gboolean
parse_day (const char *s, gboolean end, GDateTime **out)
{
  int y, m, d;
  char tail;
  GDateTime *dt;

  *out = NULL;
  if (s == NULL)
    return TRUE;
  if (sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (dt && end)
    {
      GDateTime *next = g_date_time_add_days (dt, 1);
      g_date_time_unref (dt);
      dt = next;
    }
  *out = dt;
  return dt != NULL;
}

static FdCaseStore *
open_store (GError **error)
{
  FdCaseStore *store = fd_case_store_open (opt_db, error);

  if (store && opt_actor)
    fd_case_store_set_actor (store, opt_actor);
  return store;
}

static void
print_buckets (FdCaseReport *report, FdCaseReportBy by)
{
  GPtrArray *buckets = fd_case_report_get_buckets (report, by);

  g_print ("\nby %s:\n", fd_case_report_by_to_code (by));
  for (guint i = 0; i < buckets->len; i++)
    {
      FdCaseReportBucket *b = g_ptr_array_index (buckets, i);
      g_print ("  %-24s %8u\n", *b->key ? b->key : "(not recorded)", b->count);
    }
}

static int
cmd_report (GDateTime *from, GDateTime *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseStore) store = NULL;
  g_autoptr(FdCaseReport) report = NULL;
  FdCaseReportBy by = 0;

  if (opt_by && !fd_case_report_by_from_code (opt_by, &by))
    return usage ("--by must be day, week, month, need, outcome, staff or language");
  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  report = fd_case_store_report (store, from, to, &error);
  if (report == NULL)
    return fail (error);
  g_print ("cases: %u (closed %u)\n", fd_case_report_get_total (report),
           fd_case_report_get_n_closed (report));
  g_print ("duration: mean %.1f min, median %.1f min\n",
           fd_case_report_get_mean_duration (report) / 60.0,
           fd_case_report_get_median_duration (report) / 60.0);
  g_print ("with interpreter calls: %u (%.1f%%)\n", fd_case_report_get_n_with_calls (report),
           100.0 * fd_case_report_get_share_with_calls (report));
  if (opt_by)
    print_buckets (report, by);
  else
    for (guint i = 0; i < FD_CASE_REPORT_N_BY; i++)
      if (i != FD_CASE_REPORT_BY_DAY)
        print_buckets (report, i);
  if (opt_pdf && !fd_case_report_write_pdf (report, opt_pdf, NULL, &error))
    return fail (error);
  if (opt_png && !fd_case_report_write_png (report, opt_png, NULL, 1240, &error))
    return fail (error);
  return EXIT_OK;
}

static int
cmd_export (GDateTime *from, GDateTime *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseStore) store = open_store (&error);
  g_autoptr(GOutputStream) out = NULL;
  guint n = 0;

  if (store == NULL)
    return fail (error);
  if (opt_output)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (opt_output);
      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE
                                             | G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error));
      if (out == NULL)
        return fail (error);
    }
  else
    out = g_unix_output_stream_new (1, FALSE);
  if (!fd_case_store_export_csv (store, out, from, to, &n, NULL, &error)
      || !g_output_stream_close (out, NULL, &error))
    return fail (error);
  g_printerr ("exported %u cases\n", n);
  return EXIT_OK;
}

static int
cmd_import (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, &error);
  g_autoptr(FdCaseStore) store = NULL;
  guint n = 0;

  if (in == NULL)
    return fail (error);
  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  if (!fd_case_store_import_csv (store, G_INPUT_STREAM (in), &n, NULL, &error))
    return fail (error);
  g_print ("imported %u cases\n", n);
  return EXIT_OK;
}

static int
cmd_purge (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseStore) store = NULL;
  guint n = 0;

  if (opt_retention < 0)
    return usage ("--retention-days must be 0 or more");
  store = open_store (&error);
  if (store == NULL)
    return fail (error);
  if (!fd_case_store_purge (store, opt_retention, opt_dry_run, &n, &error))
    return fail (error);
  g_print ("%s notes and contact phone of %u cases older than %d days\n",
           opt_dry_run ? "would purge" : "purged", n, opt_retention);
  return EXIT_OK;
}

/* No notes and no phone: this listing is for finding cases, not reading them. */
static int
cmd_list (GDateTime *from, GDateTime *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseStore) store = open_store (&error);
  g_autoptr(GPtrArray) cases = NULL;
  FdCaseFilter filter = { .from = from, .to = to, .open_only = opt_open };

  if (store == NULL)
    return fail (error);
  cases = fd_case_store_list (store, &filter, &error);
  if (cases == NULL)
    return fail (error);
  for (guint i = 0; i < cases->len; i++)
    {
      FdCase *c = g_ptr_array_index (cases, i);
      g_autofree char *opened = g_date_time_format (fd_case_get_opened_at (c), "%Y-%m-%d %H:%M");
      g_autofree char *closed = fd_case_get_closed_at (c)
                                ? g_date_time_format (fd_case_get_closed_at (c), "%H:%M") : g_strdup ("open");
      g_autofree char *needs = fd_case_needs_to_string (fd_case_get_needs (c));

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\n", fd_case_get_id (c), opened, closed,
               fd_case_outcome_to_code (fd_case_get_outcome (c)), needs,
               fd_case_get_staff (c) ? fd_case_get_staff (c) : "",
               fd_case_get_language (c) ? fd_case_get_language (c) : "");
    }
  g_printerr ("%u cases\n", cases->len);
  return EXIT_OK;
}

static int
cmd_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseStore) store = open_store (&error);
  g_autofree char *report = NULL;

  if (store == NULL)
    return fail (error);
  if (!fd_case_store_check (store, &report, &error))
    return fail (error);
  g_print ("%sok\n", report);
  return EXIT_OK;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOptionGroup) range = NULL;
  g_autoptr(GOptionGroup) report = NULL;
  g_autoptr(GOptionGroup) export = NULL;
  g_autoptr(GOptionGroup) purge = NULL;
  g_autoptr(GOptionGroup) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  const char *command;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("COMMAND — report | export | import FILE.csv | purge | check | list");
  g_option_context_set_summary (context,
    "Reports, CSV export and import, retention purge and integrity check of the\n"
    "Frontdesk escort case log (SQLite or PostgreSQL).");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 database or file failure, 2 usage error,\n"
                                    "3 bad CSV rows (nothing imported) or a failed integrity check.\n\n"
                                    "Passwords are never read from the command line: PostgreSQL takes them from\n"
                                    "PGPASSWORD or a pgpass file (PGPASSFILE, ~/.pgpass), or the URI comes whole\n"
                                    "from FRONTDESK_CASES_DB. Connections to another machine are encrypted\n"
                                    "(sslmode=verify-full unless the URI says sslmode=require or verify-ca).");
  g_option_context_add_main_entries (context, global_entries, NULL);
  range = g_option_group_new ("range", "Date range (report, export):", "Show date range options", NULL, NULL);
  g_option_group_add_entries (range, range_entries);
  g_option_context_add_group (context, g_steal_pointer (&range));
  report = g_option_group_new ("report", "Report options:", "Show report options", NULL, NULL);
  g_option_group_add_entries (report, report_entries);
  g_option_context_add_group (context, g_steal_pointer (&report));
  export = g_option_group_new ("export", "Export options:", "Show export options", NULL, NULL);
  g_option_group_add_entries (export, export_entries);
  g_option_context_add_group (context, g_steal_pointer (&export));
  purge = g_option_group_new ("purge", "Purge options:", "Show purge options", NULL, NULL);
  g_option_group_add_entries (purge, purge_entries);
  g_option_context_add_group (context, g_steal_pointer (&purge));
  list = g_option_group_new ("list", "List options:", "Show list options", NULL, NULL);
  g_option_group_add_entries (list, list_entries);
  g_option_context_add_group (context, g_steal_pointer (&list));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  /* A password on the command line is visible to every user (ps, /proc). */
  if (opt_db != NULL && fd_case_store_uri_has_password (opt_db))
    return usage ("--db must not hold a password (any user can read command lines): give it "
                  "in PGPASSWORD or a pgpass file (PGPASSFILE, ~/.pgpass, mode 0600), or put "
                  "the whole URI in FRONTDESK_CASES_DB");
  if (opt_db == NULL && g_getenv ("FRONTDESK_CASES_DB") != NULL)
    opt_db = g_strdup (g_getenv ("FRONTDESK_CASES_DB"));
  if (argc < 2)
    return usage ("no command given");
  command = argv[1];
  if (!parse_day (opt_from, FALSE, &from))
    return usage ("--from must be a date YYYY-MM-DD");
  if (!parse_day (opt_to, TRUE, &to))
    return usage ("--to must be a date YYYY-MM-DD");
  if (from && to && g_date_time_compare (from, to) >= 0)
    return usage ("--from must not be after --to");

  if (g_str_equal (command, "import"))
    {
      if (argc != 3)
        return usage ("import needs exactly one FILE.csv");
      return cmd_import (argv[2]);
    }
  if (argc != 2)
    return usage ("unexpected arguments after the command");
  if (g_str_equal (command, "report"))
    return cmd_report (from, to);
  if (g_str_equal (command, "export"))
    return cmd_export (from, to);
  if (g_str_equal (command, "purge"))
    return cmd_purge ();
  if (g_str_equal (command, "check"))
    return cmd_check ();
  if (g_str_equal (command, "list"))
    return cmd_list (from, to);
  return usage ("unknown command (report, export, import, purge, check, list)");
}
