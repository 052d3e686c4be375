/* test-case-store.c: the same store suite on SQLite and on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-case-store [sqlite|pg] [GTest options]. With "pg" the test
 * starts a throwaway PostgreSQL cluster itself and drops it at the end.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fd-case-store-test.h"
#include "fd-test-util.h"
#include "fd-test-pg.h"

static gboolean use_pg;
static FdTestPg *pg;
static char *skip_reason;
static guint db_counter;

typedef struct
{
  char        *dir;
  char        *uri;
  FdCaseStore *store;
} Fixture;

static char *
new_uri (Fixture *f)
{
  if (use_pg)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("t%u", ++db_counter);
      char *uri = fd_test_pg_create_db (pg, name, &error);
      g_assert_no_error (error);
      return uri;
    }
  return g_strdup_printf ("sqlite://%s/cases-%u.db", f->dir, ++db_counter);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  if (skip_reason)
    return;
  f->dir = g_dir_make_tmp ("fd-cases-XXXXXX", &error);
  g_assert_no_error (error);
  f->uri = new_uri (f);
  f->store = fd_case_store_open (f->uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  fd_case_store_set_actor (f->store, "desk-3");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  if (f->dir)
    {
      g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *p = g_build_filename (f->dir, name, NULL);
          g_unlink (p);
        }
      g_rmdir (f->dir);
    }
  g_free (f->dir);
  g_free (f->uri);
}

#define SKIP_IF_NEEDED() G_STMT_START { if (skip_reason) { g_test_skip (skip_reason); return; } } G_STMT_END

static GDateTime *
local_time (int y, int mo, int d, int h, int mi)
{
  return g_date_time_new_local (y, mo, d, h, mi, 0);
}

static FdCase *
sample_case (void)
{
  FdCase *c = fd_case_new ();
  g_autoptr(FdCaseCall) call = fd_case_call_new ("call-17", "csl", 245);

  fd_case_set_hall (c, "Tongzhou");
  fd_case_set_desk (c, "service desk 1");
  fd_case_set_needs (c, FD_CASE_NEED_DEAF | FD_CASE_NEED_ELDERLY);
  fd_case_set_language (c, "zh");
  fd_case_set_staff (c, "wang.l");
  fd_case_add_matter (c, "company-startup");
  fd_case_add_matter (c, "seal-engraving");
  fd_case_add_call (c, call);
  fd_case_set_notes (c, "需要手语翻译; ID 11010519491231002X, tel 13812345678, \"quoted\"");
  return c;
}

static void
test_crud (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) c = NULL;
  g_autoptr(FdCase) got = NULL;
  g_autoptr(GPtrArray) open = NULL;
  gint64 id;

  SKIP_IF_NEEDED ();
  c = sample_case ();
  g_assert_true (fd_case_store_create (f->store, c, &error));
  g_assert_no_error (error);
  id = fd_case_get_id (c);
  g_assert_cmpint (id, >, 0);
  /* Notes were masked on save and the caller's case shows it. */
  g_assert_cmpstr (fd_case_get_notes (c), ==,
                   "需要手语翻译; ID 1****************X, tel 138****5678, \"quoted\"");

  got = fd_case_store_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (fd_case_equal (c, got));
  g_assert_true (fd_case_is_open (got));

  open = fd_case_store_list_open (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (fd_case_get_id (g_ptr_array_index (open, 0)), ==, id);

  /* Update: more matters, a longer call, another staff member. */
  {
    g_autoptr(FdCaseCall) longer = fd_case_call_new ("call-17", "csl", 300);
    fd_case_add_matter (c, "housing-fund");
    fd_case_remove_matter (c, "seal-engraving");
    fd_case_add_call (c, longer);
    fd_case_set_staff (c, "li.m");
  }
  g_assert_true (fd_case_store_update (f->store, c, &error));
  g_assert_no_error (error);
  g_clear_object (&got);
  got = fd_case_store_get (f->store, id, &error);
  g_assert_true (fd_case_equal (c, got));
  g_assert_cmpuint (fd_case_get_calls (got)->len, ==, 1);

  /* Close. */
  g_assert_true (fd_case_store_close_case (f->store, c, FD_CASE_OUTCOME_REFERRED, &error));
  g_assert_no_error (error);
  g_assert_false (fd_case_is_open (c));
  g_clear_object (&got);
  got = fd_case_store_get (f->store, id, &error);
  g_assert_true (fd_case_equal (c, got));
  g_assert_cmpint (fd_case_get_outcome (got), ==, FD_CASE_OUTCOME_REFERRED);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = fd_case_store_list_open (f->store, &error);
  g_assert_cmpuint (open->len, ==, 0);

  /* Closing twice is refused. */
  g_assert_false (fd_case_store_close_case (f->store, got, FD_CASE_OUTCOME_LEFT, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Delete. */
  g_assert_true (fd_case_store_delete (f->store, id, &error));
  g_assert_no_error (error);
  g_clear_object (&got);
  got = fd_case_store_get (f->store, id, &error);
  g_assert_null (got);
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (fd_case_store_delete (f->store, id, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_NOT_FOUND);
}

static void
test_validation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) c = sample_case ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) before = NULL;

  SKIP_IF_NEEDED ();
  fd_case_set_contact_phone (c, "13912345678");
  g_assert_false (fd_case_store_create (f->store, c, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CONSENT);
  g_assert_nonnull (strstr (error->message, "consent"));
  g_clear_error (&error);
  g_assert_cmpint (fd_case_get_id (c), ==, 0);

  /* A closed case without outcome, closed before opened, bad phone. */
  fd_case_set_contact_consent (c, TRUE);
  fd_case_set_contact_phone (c, "call me=1");
  g_assert_false (fd_case_store_create (f->store, c, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID);
  g_clear_error (&error);
  fd_case_set_contact_phone (c, "+86 139-1234-5678");
  before = g_date_time_add_hours (fd_case_get_opened_at (c), -1);
  fd_case_set_closed_at (c, before);
  fd_case_set_outcome (c, FD_CASE_OUTCOME_COMPLETED);
  g_assert_false (fd_case_store_create (f->store, c, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID);
  g_clear_error (&error);
  fd_case_set_closed_at (c, NULL);
  g_assert_false (fd_case_store_create (f->store, c, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID);
  g_clear_error (&error);

  all = fd_case_store_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);

  /* With consent and a valid phone it is stored, phone unmasked. */
  fd_case_set_outcome (c, FD_CASE_OUTCOME_NONE);
  g_assert_true (fd_case_store_create (f->store, c, &error));
  g_assert_no_error (error);
  {
    g_autoptr(FdCase) got = fd_case_store_get (f->store, fd_case_get_id (c), &error);
    g_assert_cmpstr (fd_case_get_contact_phone (got), ==, "+86 139-1234-5678");
    g_assert_true (fd_case_get_contact_consent (got));
  }
}

static void
test_restart (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) c = sample_case ();
  g_autoptr(GPtrArray) open = NULL;

  SKIP_IF_NEEDED ();
  g_assert_true (fd_case_store_create (f->store, c, &error));
  g_clear_object (&f->store);
  f->store = fd_case_store_open (f->uri, &error);
  g_assert_no_error (error);
  open = fd_case_store_list_open (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (fd_case_equal (c, g_ptr_array_index (open, 0)));
}

static void
test_migration (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseStore) v1 = NULL;
  g_autoptr(FdCase) got = NULL;
  g_autoptr(FdCaseReport) report = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GDateTime) opened = local_time (2026, 3, 2, 9, 0);
  g_autofree char *o = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (opened));
  g_autofree char *cl = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (opened) + 600);
  const char *params[] = { o, cl };
  g_autofree char *report_text = NULL;

  SKIP_IF_NEEDED ();
  uri = new_uri (f);
  v1 = _fd_case_store_open_at_version (uri, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd_case_store_get_schema_version (v1, &error), ==, 1);
  /* A row as version 1 wrote it. */
  g_assert_true (_fd_case_store_exec (v1, "INSERT INTO cases (hall, opened_at, closed_at, needs, "
                                      "staff, outcome) VALUES ('old hall', $1, $2, 2, 'zhao', 1)",
                                      params, 2, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_fd_case_store_exec (v1, "INSERT INTO case_calls (case_id, position, call_id, "
                                      "duration_s) SELECT id, 0, 'c1', 30 FROM cases",
                                      NULL, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&v1);

  g_clear_object (&f->store);
  f->store = fd_case_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd_case_store_get_schema_version (f->store, &error), ==, FD_CASE_SCHEMA_VERSION);
  g_assert_true (fd_case_store_check (f->store, &report_text, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report_text, "schema version: 2"));

  got = fd_case_store_get (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fd_case_get_hall (got), ==, "old hall");
  g_assert_cmpint (fd_case_get_duration (got), ==, 600);
  /* The report columns were filled by the migration. */
  report = fd_case_store_report (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fd_case_report_get_total (report), ==, 1);
  g_assert_cmpfloat (fd_case_report_get_median_duration (report), ==, 600);
  g_assert_cmpuint (fd_case_report_get_n_with_calls (report), ==, 1);
  g_assert_cmpstr (((FdCaseReportBucket *) g_ptr_array_index (
                      fd_case_report_get_buckets (report, FD_CASE_REPORT_BY_DAY), 0))->key,
                   ==, "2026-03-02");
}

static gpointer
open_thread (gpointer uri)
{
  GError *error = NULL;
  FdCaseStore *store = fd_case_store_open (uri, &error);

  if (store == NULL)
    return error;
  g_object_unref (store);
  return NULL;
}

/* Several desks starting at once on a new database: one migrates, all open. */
static void
test_concurrent_open (Fixture *f, gconstpointer data)
{
  g_autofree char *uri = NULL;
  GThread *threads[4];

  SKIP_IF_NEEDED ();
  uri = new_uri (f);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_thread, uri);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GError) error = g_thread_join (threads[i]);
      g_assert_no_error (error);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FdCaseStore) store = fd_case_store_open (uri, &error);
    g_assert_no_error (error);
    g_assert_cmpint (fd_case_store_get_schema_version (store, &error), ==, FD_CASE_SCHEMA_VERSION);
  }
}

static void
test_purge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) old = sample_case ();
  g_autoptr(FdCase) recent = sample_case ();
  g_autoptr(FdCase) got = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) opened = g_date_time_add_days (now, -100);
  g_autoptr(GDateTime) closed = g_date_time_add_days (now, -99);
  g_autoptr(FdCaseReport) report = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  guint n = 99;

  SKIP_IF_NEEDED ();
  fd_case_set_opened_at (old, opened);
  fd_case_set_closed_at (old, closed);
  fd_case_set_outcome (old, FD_CASE_OUTCOME_COMPLETED);
  fd_case_set_contact_consent (old, TRUE);
  fd_case_set_contact_phone (old, "13700001111");
  g_assert_true (fd_case_store_create (f->store, old, &error));
  g_assert_true (fd_case_store_create (f->store, recent, &error));
  g_assert_no_error (error);

  g_assert_true (fd_case_store_purge (f->store, 90, TRUE, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  got = fd_case_store_get (f->store, fd_case_get_id (old), &error);
  g_assert_cmpstr (fd_case_get_contact_phone (got), ==, "13700001111");
  g_clear_object (&got);

  /* 100 days old: kept with a 120-day retention, purged with the default. */
  g_assert_true (fd_case_store_purge (f->store, 120, FALSE, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (fd_case_store_purge (f->store, FD_CASE_DEFAULT_RETENTION_DAYS, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  got = fd_case_store_get (f->store, fd_case_get_id (old), &error);
  g_assert_null (fd_case_get_notes (got));
  g_assert_null (fd_case_get_contact_phone (got));
  g_assert_true (fd_case_get_purged (got));
  /* Statistics stay. */
  g_assert_cmpint (fd_case_get_needs (got), ==, FD_CASE_NEED_DEAF | FD_CASE_NEED_ELDERLY);
  g_assert_cmpint (fd_case_get_outcome (got), ==, FD_CASE_OUTCOME_COMPLETED);
  g_clear_object (&got);
  got = fd_case_store_get (f->store, fd_case_get_id (recent), &error);
  g_assert_nonnull (fd_case_get_notes (got));
  g_assert_false (fd_case_get_purged (got));
  report = fd_case_store_report (f->store, NULL, NULL, &error);
  g_assert_cmpuint (fd_case_report_get_total (report), ==, 2);

  /* Purging again finds nothing; the purge is in the audit trail. */
  g_assert_true (fd_case_store_purge (f->store, 90, FALSE, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  audit = fd_case_store_list_audit (f->store, 0, 0, &error);
  g_assert_no_error (error);
  {
    guint purges = 0;
    for (guint i = 0; i < audit->len; i++)
      {
        FdCaseAuditEntry *e = g_ptr_array_index (audit, i);
        if (e->action == FD_CASE_AUDIT_PURGE)
          {
            purges++;
            g_assert_cmpstr (e->actor, ==, "desk-3");
          }
      }
    g_assert_cmpuint (purges, ==, 3);
  }
}

static guint
count_audit (FdCaseStore *store)
{
  g_autoptr(GPtrArray) a = fd_case_store_list_audit (store, 0, 0, NULL);
  return a->len;
}

static void
test_audit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) c = sample_case ();
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  FdCaseAuditEntry *e;
  guint before;

  SKIP_IF_NEEDED ();
  g_assert_true (fd_case_store_create (f->store, c, &error));
  fd_case_set_notes (c, "changed");
  fd_case_store_set_actor (f->store, "li.m");
  g_assert_true (fd_case_store_update (f->store, c, &error));
  g_assert_true (fd_case_store_close_case (f->store, c, FD_CASE_OUTCOME_COMPLETED, &error));
  g_assert_true (fd_case_store_export_csv (f->store, out, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  audit = fd_case_store_list_audit (f->store, fd_case_get_id (c), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 3);
  e = g_ptr_array_index (audit, 0);
  g_assert_cmpint (e->action, ==, FD_CASE_AUDIT_CREATE);
  g_assert_cmpstr (e->actor, ==, "desk-3");
  e = g_ptr_array_index (audit, 1);
  g_assert_cmpint (e->action, ==, FD_CASE_AUDIT_UPDATE);
  g_assert_cmpstr (e->actor, ==, "li.m");
  g_assert_cmpstr (e->detail, ==, "fields: notes");
  e = g_ptr_array_index (audit, 2);
  g_assert_cmpint (e->action, ==, FD_CASE_AUDIT_CLOSE);
  g_assert_nonnull (strstr (e->detail, "outcome"));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = fd_case_store_list_audit (f->store, 0, 0, &error);
  g_assert_cmpint (((FdCaseAuditEntry *) g_ptr_array_index (audit, 3))->action, ==,
                   FD_CASE_AUDIT_EXPORT);

  /* Append-only: the database itself refuses changes. */
  before = count_audit (f->store);
  g_assert_false (_fd_case_store_exec (f->store, "UPDATE audit SET actor = 'someone else'",
                                       NULL, 0, NULL, NULL, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_AUDIT);
  g_clear_error (&error);
  g_assert_false (_fd_case_store_exec (f->store, "DELETE FROM audit", NULL, 0, NULL, NULL, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_AUDIT);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (f->store), ==, before);
  /* Deleting the case keeps its audit rows. */
  g_assert_true (fd_case_store_delete (f->store, fd_case_get_id (c), &error));
  g_assert_cmpuint (count_audit (f->store), ==, before + 1);
}

static FdCaseReportBucket *
bucket (FdCaseReport *r, FdCaseReportBy by, guint i)
{
  GPtrArray *b = fd_case_report_get_buckets (r, by);
  g_assert_cmpuint (i, <, b->len);
  return g_ptr_array_index (b, i);
}

static void
add_case (FdCaseStore *store, int day, int hour, guint minutes, FdCaseNeed needs,
          FdCaseOutcome outcome, const char *staff, const char *lang, gboolean with_call)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) c = fd_case_new ();
  g_autoptr(GDateTime) opened = local_time (2026, 11, day, hour, 0);
  g_autoptr(GDateTime) closed = g_date_time_add_minutes (opened, minutes);

  fd_case_set_opened_at (c, opened);
  if (outcome)
    {
      fd_case_set_closed_at (c, closed);
      fd_case_set_outcome (c, outcome);
    }
  fd_case_set_needs (c, needs);
  fd_case_set_staff (c, staff);
  fd_case_set_language (c, lang);
  if (with_call)
    {
      g_autoptr(FdCaseCall) call = fd_case_call_new ("x", "csl", 60);
      fd_case_add_call (c, call);
    }
  g_assert_true (fd_case_store_create (store, c, &error));
  g_assert_no_error (error);
}

static void
test_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseReport) r = NULL;
  g_autoptr(GDateTime) from = local_time (2026, 11, 2, 0, 0);
  g_autoptr(GDateTime) to = local_time (2026, 11, 6, 0, 0);

  SKIP_IF_NEEDED ();
  add_case (f->store, 2, 9, 10, FD_CASE_NEED_MOBILITY, FD_CASE_OUTCOME_COMPLETED, "wang", "zh", FALSE);
  add_case (f->store, 2, 10, 20, FD_CASE_NEED_DEAF | FD_CASE_NEED_ELDERLY, FD_CASE_OUTCOME_COMPLETED, "wang", "zh", TRUE);
  add_case (f->store, 3, 9, 30, FD_CASE_NEED_FOREIGN, FD_CASE_OUTCOME_ESCALATED, "li", "ru", FALSE);
  add_case (f->store, 5, 15, 40, FD_CASE_NEED_DEAF, FD_CASE_OUTCOME_NONE, "wang", "zh", TRUE);
  add_case (f->store, 5, 16, 60, FD_CASE_NEED_BLIND, FD_CASE_OUTCOME_LEFT, "zhao", "en", FALSE);
  /* Outside the range. */
  add_case (f->store, 6, 9, 5, FD_CASE_NEED_OTHER, FD_CASE_OUTCOME_COMPLETED, "li", "zh", FALSE);
  add_case (f->store, 1, 23, 5, FD_CASE_NEED_OTHER, FD_CASE_OUTCOME_COMPLETED, "li", "zh", FALSE);

  r = fd_case_store_report (f->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fd_case_report_get_total (r), ==, 5);
  g_assert_cmpuint (fd_case_report_get_n_closed (r), ==, 4);
  /* Closed durations 10, 20, 30, 60 minutes. */
  g_assert_cmpfloat (fd_case_report_get_mean_duration (r), ==, 30 * 60);
  g_assert_cmpfloat (fd_case_report_get_median_duration (r), ==, 25 * 60);
  g_assert_cmpuint (fd_case_report_get_n_with_calls (r), ==, 2);
  g_assert_cmpfloat_with_epsilon (fd_case_report_get_share_with_calls (r), 0.4, 1e-9);

  /* Days 2, 3, 4 (empty), 5. */
  g_assert_cmpuint (fd_case_report_get_buckets (r, FD_CASE_REPORT_BY_DAY)->len, ==, 4);
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_DAY, 0)->key, ==, "2026-11-02");
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_DAY, 0)->count, ==, 2);
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_DAY, 2)->count, ==, 0);
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_DAY, 3)->count, ==, 2);
  /* 2026-11-02 is a Monday: one ISO week, one month. */
  g_assert_cmpuint (fd_case_report_get_buckets (r, FD_CASE_REPORT_BY_WEEK)->len, ==, 1);
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_WEEK, 0)->key, ==, "2026-W45");
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_WEEK, 0)->count, ==, 5);
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_MONTH, 0)->key, ==, "2026-11");
  /* Needs in enum order: mobility 1, deaf 2, blind 1, …, elderly 1, foreign 1. */
  g_assert_cmpuint (fd_case_report_get_buckets (r, FD_CASE_REPORT_BY_NEED)->len, ==, FD_CASE_N_NEEDS);
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_NEED, 1)->key, ==, "deaf");
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_NEED, 1)->count, ==, 2);
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_NEED, 8)->count, ==, 0);
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_OUTCOME, 0)->key, ==, "none");
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_OUTCOME, 0)->count, ==, 1);
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_OUTCOME, FD_CASE_OUTCOME_COMPLETED)->count, ==, 2);
  /* Staff by count: wang 3, then li 1 and zhao 1 by name. */
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_STAFF, 0)->key, ==, "wang");
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_STAFF, 0)->count, ==, 3);
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_STAFF, 1)->key, ==, "li");
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_STAFF, 2)->key, ==, "zhao");
  g_assert_cmpstr (bucket (r, FD_CASE_REPORT_BY_LANGUAGE, 0)->key, ==, "zh");
  g_assert_cmpuint (bucket (r, FD_CASE_REPORT_BY_LANGUAGE, 0)->count, ==, 3);

  /* A filtered list agrees. */
  {
    FdCaseFilter filter = { .from = from, .to = to, .needs = FD_CASE_NEED_DEAF };
    g_autoptr(GPtrArray) deaf = fd_case_store_list (f->store, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (deaf->len, ==, 2);
  }
}

static const char *hostile_notes[] = {
  "=HYPERLINK(\"http://x\",\"y\")",
  "+1+2",
  "-3",
  "@SUM(A1)",
  "'=already quoted",
  "line one\r\nline two, with comma\nand \"quotes\"",
  "中文备注，需要轮椅；Русский текст «ёлка»; English",
  "\tstarts with a tab",
};

static void
test_csv_roundtrip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(FdCaseStore) other = NULL;
  g_autofree char *other_uri = NULL;
  guint n = 0;

  SKIP_IF_NEEDED ();
  for (guint i = 0; i < G_N_ELEMENTS (hostile_notes); i++)
    {
      g_autoptr(FdCase) c = sample_case ();
      fd_case_set_notes (c, hostile_notes[i]);
      fd_case_set_staff (c, i % 2 ? "=cmd|' /C calc'!A0" : "王丽");
      fd_case_set_hall (c, "Тунчжоу, \"hall\"");
      if (i % 3 == 0)
        {
          fd_case_set_contact_consent (c, TRUE);
          fd_case_set_contact_phone (c, "+86 138 0000 1111");
        }
      g_assert_true (fd_case_store_create (f->store, c, &error));
      g_assert_no_error (error);
      if (i % 2)
        g_assert_true (fd_case_store_close_case (f->store, c, FD_CASE_OUTCOME_APPOINTMENT, &error));
    }
  g_assert_true (fd_case_store_export_csv (f->store, out, NULL, NULL, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (hostile_notes));
  g_output_stream_close (out, NULL, NULL);

  other_uri = new_uri (f);
  other = fd_case_store_open (other_uri, &error);
  g_assert_no_error (error);
  in = g_memory_input_stream_new_from_data (
    g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), NULL);
  g_assert_true (fd_case_store_import_csv (other, in, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (hostile_notes));

  before = fd_case_store_list (f->store, NULL, &error);
  after = fd_case_store_list (other, NULL, &error);
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    {
      FdCase *a = g_ptr_array_index (before, i), *b = g_ptr_array_index (after, i);
      fd_case_set_id (b, fd_case_get_id (a));
      if (!fd_case_equal (a, b))
        g_error ("case %u differs after the CSV round trip: notes “%s” vs “%s”", i,
                 fd_case_get_notes (a), fd_case_get_notes (b));
    }
}

static void
test_import_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *csv =
    "opened_at,closed_at,needs,outcome,notes,contact_phone\r\n"
    "2026-11-02 09:00,2026-11-02 09:30,deaf,completed,ok,\r\n"
    "2026-11-02 10:00,,wheelchair,,bad need,\r\n"
    "not a date,,,,,\r\n"
    "2026-11-02 11:00,,,,phone without consent,13812345678\r\n";
  guint audit_before;

  SKIP_IF_NEEDED ();
  audit_before = count_audit (f->store);
  in = g_memory_input_stream_new_from_data (csv, -1, NULL);
  g_assert_false (fd_case_store_import_csv (f->store, in, NULL, NULL, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV);
  g_assert_nonnull (strstr (error->message, "line 3: needs"));
  g_assert_nonnull (strstr (error->message, "line 4: opened_at"));
  g_assert_nonnull (strstr (error->message, "line 5: contact_phone"));
  g_assert_null (strstr (error->message, "line 2"));
  all = fd_case_store_list (f->store, NULL, NULL);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_cmpuint (count_audit (f->store), ==, audit_before);
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) c = sample_case ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  FdTestAsync w;
  GAsyncResult *result;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(FdCaseReport) report = NULL;

  SKIP_IF_NEEDED ();
  fd_test_async_init (&w);
  fd_case_store_create_async (f->store, c, NULL, fd_test_async_done, &w);
  g_assert_true (fd_case_store_create_finish (f->store, (result = fd_test_async_wait (&w)), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (fd_case_get_id (c), >, 0);
  g_assert_nonnull (strstr (fd_case_get_notes (c), "138****5678"));

  fd_test_async_init (&w);
  fd_case_store_close_case_async (f->store, c, FD_CASE_OUTCOME_COMPLETED, NULL, fd_test_async_done, &w);
  g_assert_true (fd_case_store_close_case_finish (f->store, (result = fd_test_async_wait (&w)), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_false (fd_case_is_open (c));

  fd_test_async_init (&w);
  fd_case_store_list_async (f->store, NULL, NULL, fd_test_async_done, &w);
  list = fd_case_store_list_finish (f->store, (result = fd_test_async_wait (&w)), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (list->len, ==, 1);

  fd_test_async_init (&w);
  fd_case_store_report_async (f->store, NULL, NULL, NULL, fd_test_async_done, &w);
  report = fd_case_store_report_finish (f->store, (result = fd_test_async_wait (&w)), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (fd_case_report_get_n_closed (report), ==, 1);

  /* The history of the case: create, then close, oldest first. */
  {
    g_autoptr(GPtrArray) audit = NULL;
    FdCaseAuditEntry *last;

    fd_test_async_init (&w);
    fd_case_store_list_audit_async (f->store, fd_case_get_id (c), 0, NULL, fd_test_async_done, &w);
    audit = fd_case_store_list_audit_finish (f->store, (result = fd_test_async_wait (&w)), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpuint (audit->len, ==, 2);
    g_assert_cmpint (((FdCaseAuditEntry *) audit->pdata[0])->action, ==, FD_CASE_AUDIT_CREATE);
    last = audit->pdata[1];
    g_assert_cmpint (last->action, ==, FD_CASE_AUDIT_CLOSE);
    g_assert_cmpint (last->case_id, ==, fd_case_get_id (c));
    g_assert_nonnull (strstr (last->detail, "outcome"));
  }

  /* Purge (nothing old enough) and delete. */
  {
    guint n = 99;
    fd_test_async_init (&w);
    fd_case_store_purge_async (f->store, 90, FALSE, NULL, fd_test_async_done, &w);
    g_assert_true (fd_case_store_purge_finish (f->store, (result = fd_test_async_wait (&w)), &n, &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpuint (n, ==, 0);
    fd_test_async_init (&w);
    fd_case_store_delete_async (f->store, fd_case_get_id (c), NULL, fd_test_async_done, &w);
    g_assert_true (fd_case_store_delete_finish (f->store, (result = fd_test_async_wait (&w)), &error));
    g_assert_no_error (error);
    g_clear_object (&result);
  }

  /* Cancelled before it starts: an error, nothing written. */
  {
    g_autoptr(FdCase) d = sample_case ();
    g_cancellable_cancel (cancelled);
    fd_test_async_init (&w);
    fd_case_store_create_async (f->store, d, cancelled, fd_test_async_done, &w);
    g_assert_false (fd_case_store_create_finish (f->store, (result = fd_test_async_wait (&w)), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_object (&result);
    g_assert_cmpint (fd_case_get_id (d), ==, 0);
  }
}

/* Issue 12: `check` notices an audit trail that is no longer append-only. */
static void
expect_check_fails (FdCaseStore *store,
                    const char  *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  g_assert_false (fd_case_store_check (store, &report, &error));
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CORRUPT);
  if (strstr (error->message, what) == NULL)
    g_error ("check says “%s”, expected “%s”", error->message, what);
}

static void
run_sql (FdCaseStore *store,
         const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_fd_case_store_exec (store, sql, NULL, 0, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_check_triggers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  SKIP_IF_NEEDED ();
  g_assert_true (fd_case_store_check (f->store, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report, "audit append-only triggers: ok"));

  if (!use_pg)
    {
      run_sql (f->store, "DROP TRIGGER audit_no_delete");
      expect_check_fails (f->store, "audit_no_delete missing");
      /* The same name, doing nothing. */
      run_sql (f->store, "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END");
      expect_check_fails (f->store, "audit_no_delete changed");
      return;
    }
  run_sql (f->store, "ALTER TABLE audit DISABLE TRIGGER audit_no_change");
  expect_check_fails (f->store, "audit_no_change disabled");
  run_sql (f->store, "ALTER TABLE audit ENABLE TRIGGER audit_no_change");
  g_assert_true (fd_case_store_check (f->store, NULL, &error));
  g_assert_no_error (error);
  run_sql (f->store, "CREATE OR REPLACE FUNCTION fd_audit_append_only () RETURNS trigger "
           "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$");
  expect_check_fails (f->store, "calls a changed function");
  run_sql (f->store, "DROP TRIGGER audit_no_truncate ON audit");
  expect_check_fails (f->store, "audit_no_truncate missing");
}

/* Issue 12: the export is in the audit trail before the first byte leaves.
 * The memory stream's realloc hook runs at the first write. */
static FdCaseStore *export_store;
static gboolean export_audited_at_write;

static gpointer
realloc_checking_audit (gpointer mem,
                        gsize    size)
{
  if (!export_audited_at_write && size > 0)
    {
      g_autoptr(GPtrArray) audit = fd_case_store_list_audit (export_store, 0, 0, NULL);
      FdCaseAuditEntry *last = audit && audit->len ? g_ptr_array_index (audit, audit->len - 1) : NULL;

      export_audited_at_write = last != NULL && last->action == FD_CASE_AUDIT_EXPORT;
    }
  return g_realloc (mem, size);
}

static void
test_export_audit_first (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) c = sample_case ();
  g_autoptr(GOutputStream) out = NULL;
  guint n = 0;

  SKIP_IF_NEEDED ();
  g_assert_true (fd_case_store_create (f->store, c, &error));
  export_store = f->store;
  export_audited_at_write = FALSE;
  out = g_memory_output_stream_new (NULL, 0, realloc_checking_audit, g_free);
  g_assert_true (fd_case_store_export_csv (f->store, out, NULL, NULL, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (export_audited_at_write);
  export_store = NULL;

  /* Fail closed: when the audit row cannot be written, no data leaves. */
  {
    g_autoptr(GOutputStream) out2 = g_memory_output_stream_new_resizable ();

    run_sql (f->store, use_pg ? "ALTER TABLE audit ADD CONSTRAINT no_more CHECK (id < 0) NOT VALID"
                              : "CREATE TRIGGER no_more BEFORE INSERT ON audit "
             "BEGIN SELECT RAISE (ABORT, 'audit full'); END");
    g_assert_false (fd_case_store_export_csv (f->store, out2, NULL, NULL, &n, NULL, &error));
    g_assert_nonnull (error);
    g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out2)), ==, 0);
  }
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0, n = strlen (needle);

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Issue 12: purged (and deleted) notes are not readable from the SQLite files
 * afterwards, the write-ahead log included. */
static void
test_purge_leaves_no_trace (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) old = sample_case ();
  g_autoptr(FdCase) gone = sample_case ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) opened = g_date_time_add_days (now, -100);
  g_autoptr(GDateTime) closed = g_date_time_add_days (now, -99);
  g_autofree char *db = NULL, *wal = NULL;
  guint n = 0;

  SKIP_IF_NEEDED ();
  if (use_pg)
    {
      g_test_skip ("SQLite files only (PostgreSQL's files are the server's)");
      return;
    }
  db = g_strdup (f->uri + strlen ("sqlite://"));
  wal = g_strconcat (db, "-wal", NULL);
  fd_case_set_notes (old, "escorted to window 7, PURGEMARKER-4711 said the visitor");
  fd_case_set_opened_at (old, opened);
  fd_case_set_closed_at (old, closed);
  fd_case_set_outcome (old, FD_CASE_OUTCOME_COMPLETED);
  fd_case_set_contact_consent (old, TRUE);
  fd_case_set_contact_phone (old, "13755501234");
  g_assert_true (fd_case_store_create (f->store, old, &error));
  fd_case_set_notes (gone, "DELETEMARKER-0815 asked for a wheelchair");
  g_assert_true (fd_case_store_create (f->store, gone, &error));
  g_assert_no_error (error);
  /* Committed, so in the WAL now. */
  g_assert_true (file_contains (wal, "PURGEMARKER-4711") || file_contains (db, "PURGEMARKER-4711"));

  g_assert_true (fd_case_store_purge (f->store, 90, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (fd_case_store_delete (f->store, fd_case_get_id (gone), &error));
  g_assert_no_error (error);
  /* While the store is still open: no copy in the WAL or the database file. */
  g_assert_false (file_contains (wal, "PURGEMARKER-4711"));
  g_assert_false (file_contains (wal, "13755501234"));
  g_assert_false (file_contains (db, "PURGEMARKER-4711"));
  g_assert_false (file_contains (db, "13755501234"));
  g_assert_false (file_contains (wal, "DELETEMARKER-0815"));
  g_assert_false (file_contains (db, "DELETEMARKER-0815"));
}

int
main (int argc, char **argv)
{
  const char *backend = "sqlite";
  g_autoptr(GError) error = NULL;
  int rc;

  if (argc > 1 && argv[1][0] != '-')
    {
      backend = argv[1];
      memmove (&argv[1], &argv[2], (argc - 2) * sizeof (char *));
      argc--;
      argv[argc] = NULL;
    }
  use_pg = g_str_equal (backend, "pg");
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (use_pg)
    {
      pg = fd_test_pg_start (&error);
      if (pg == NULL)
        skip_reason = g_strdup_printf ("no PostgreSQL server available: %s", error->message);
      else
        g_test_message ("throwaway PostgreSQL %s cluster started", fd_test_pg_version (pg));
    }

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cases/store/crud", test_crud);
  ADD ("/cases/store/validation", test_validation);
  ADD ("/cases/store/restart", test_restart);
  ADD ("/cases/store/migration-v1", test_migration);
  ADD ("/cases/store/concurrent-open", test_concurrent_open);
  ADD ("/cases/store/purge", test_purge);
  ADD ("/cases/store/audit", test_audit);
  ADD ("/cases/store/report", test_report);
  ADD ("/cases/store/csv-roundtrip", test_csv_roundtrip);
  ADD ("/cases/store/import-all-or-nothing", test_import_all_or_nothing);
  ADD ("/cases/store/async", test_async);
  ADD ("/cases/store/check-audit-triggers", test_check_triggers);
  ADD ("/cases/store/export-audited-first", test_export_audit_first);
  ADD ("/cases/store/purge-leaves-no-trace", test_purge_leaves_no_trace);
#undef ADD

  rc = g_test_run ();
  g_clear_pointer (&pg, fd_test_pg_free);
  return rc;
}
