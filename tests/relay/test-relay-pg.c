/* test-relay-pg.c: call records in PostgreSQL shared by two relays (issue 12, item 5)
 *
 * A throwaway PostgreSQL cluster (tests/cases/fd-test-pg.c, on a Unix socket) and two
 * frontdesk-relay processes ("hall-a", "hall-b") with the same postgresql:// URI: each records
 * its calls tagged with its name, reports only its own in /health, closes only its own calls
 * left open at a restart; a password on --database is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "fd-test-pg.h"
#include "relay-harness.h"

static const char * const csl_only[] = { "csl", NULL };

static PGresult *
query (PGconn     *conn,
       const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_TUPLES_OK && PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  return res;
}

static char *
scalar (PGconn     *conn,
        const char *sql)
{
  PGresult *res = query (conn, sql);
  char *value = PQntuples (res) == 1 ? g_strdup (PQgetvalue (res, 0, 0)) : NULL;

  PQclear (res);
  return value;
}

typedef struct {
  PGconn *conn;
  const char *sql;
  const char *expected;
} ScalarWait;

static gboolean
scalar_reached (gpointer data)
{
  ScalarWait *w = data;
  g_autofree char *value = scalar (w->conn, w->sql);

  return g_strcmp0 (value, w->expected) == 0;
}

static void
test_shared_records (void)
{
  g_autoptr(GError) error = NULL;
  FdTestPg *pg = fd_test_pg_start (&error);
  g_autofree char *uri = NULL;
  g_autofree char *row = NULL;
  g_autofree char *count = NULL;
  g_autofree char *call_a = NULL;
  g_autoptr(JsonObject) health = NULL;
  RelayFixture a, b;
  TestClient *desk, *interp;
  PGconn *conn;
  TestEvent *ev;

  if (pg == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  uri = fd_test_pg_create_db (pg, "calls", &error);
  g_assert_no_error (error);
  relay_fixture_init (&a);
  relay_fixture_init (&b);
  a.database = b.database = uri;
  a.extra_config = "name=hall-a\n";
  b.extra_config = "name=hall-b\n";
  relay_start (&a);
  relay_start (&b);
  conn = PQconnectdb (uri);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);

  /* hall-a: a call answered and hung up */
  desk = test_client_new (&a, "desk-1", NULL);
  interp = test_client_new (&a, "int-a", csl_only);
  call_a = g_strdup (test_place_call (desk, interp, "csl"));
  g_assert_true (fd_signal_client_hang_up (desk->client, &error));
  g_assert_no_error (error);
  test_client_wait (interp, "call-ended", 10);
  test_client_free (desk);
  test_client_free (interp);

  /* hall-b: a request cancelled while queued (no interpreter there) */
  desk = test_client_new (&b, "desk-1", NULL);
  g_assert_true (fd_signal_client_request_call (desk->client, "ru", &error));
  test_client_wait (desk, "queued", 10);
  g_assert_true (fd_signal_client_cancel_call (desk->client, &error));
  ev = test_client_wait (desk, "call-ended", 10);
  g_assert_cmpstr (ev->a, ==, FD_END_CANCELLED);
  test_client_free (desk);

  /* The relays write their records from a thread, within milliseconds of telling the clients. */
  {
    ScalarWait w = { conn, "SELECT count(*) FROM calls WHERE end_reason IS NOT NULL", "2" };

    fd_test_wait_until (scalar_reached, &w, 10 * 1000);
  }
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT relay || '|' || desk_id || '|' || interpreter_id || '|' || language || '|' || "
      "end_reason || '|' || (answered_at >= asked_at AND ended_at >= answered_at) "
      "FROM calls WHERE id = '%s'", call_a);

    row = scalar (conn, sql);
  }
  g_assert_cmpstr (row, ==, "hall-a|desk-1|int-a|csl|hang-up|true");
  g_free (row);
  row = scalar (conn, "SELECT relay || '|' || language || '|' || end_reason || '|' || "
                "(interpreter_id IS NULL) FROM calls WHERE relay = 'hall-b'");
  g_assert_cmpstr (row, ==, "hall-b|ru|cancelled|true");
  count = scalar (conn, "SELECT count(*) FROM calls");
  g_assert_cmpstr (count, ==, "2");

  /* Each relay's /health counts its own calls only. */
  health = relay_health (&a);
  g_assert_cmpint (json_path_int (health, "calls_today"), ==, 1);
  g_assert_cmpint (json_path_int (health, "answered_today"), ==, 1);
  g_assert_cmpint (json_path_int (health, "db_errors"), ==, 0);
  g_clear_pointer (&health, json_object_unref);
  health = relay_health (&b);
  g_assert_cmpint (json_path_int (health, "calls_today"), ==, 1);
  g_assert_cmpint (json_path_int (health, "answered_today"), ==, 0);
  g_clear_pointer (&health, json_object_unref);

  /* Calls left open an hour ago (as after a crash): a restart of hall-a closes its own, not
   * hall-b's. */
  PQclear (query (conn, "INSERT INTO calls (id, relay, desk_id, desk_name, language, asked_at) "
                  "SELECT id, relay, 'desk-2', 'D', 'en', "
                  "(extract(epoch FROM now()) * 1000)::bigint - 3600000 FROM (VALUES "
                  "('c-open-a', 'hall-a'), ('c-open-b', 'hall-b')) AS v (id, relay)"));
  /* A connected call of hall-a open a minute ago (as after a crash): the restart rebuilds it and
   * waits for its two sides to resume it (test-relay-resume.c), the record still open. */
  PQclear (query (conn, "INSERT INTO calls (id, relay, desk_id, desk_name, interpreter_id, "
                  "interpreter_name, language, asked_at, answered_at) "
                  "SELECT 'c-live-a', 'hall-a', 'desk-3', 'D', 'int-c', 'I', 'en', t - 70000, "
                  "t - 60000 FROM (SELECT (extract(epoch FROM now()) * 1000)::bigint AS t) AS n"));
  relay_kill (&a, SIGTERM);
  relay_start (&a);
  g_free (row);
  row = scalar (conn, "SELECT coalesce(end_reason, 'open') FROM calls WHERE id = 'c-live-a'");
  g_assert_cmpstr (row, ==, "open");
  health = relay_health (&a);
  g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 1);
  g_clear_pointer (&health, json_object_unref);
  g_free (row);
  row = scalar (conn, "SELECT coalesce(end_reason, 'open') FROM calls WHERE id = 'c-open-a'");
  g_assert_cmpstr (row, ==, "relay-restart");
  g_free (row);
  row = scalar (conn, "SELECT coalesce(end_reason, 'open') FROM calls WHERE id = 'c-open-b'");
  g_assert_cmpstr (row, ==, "open");

  PQfinish (conn);
  relay_fixture_clear (&a);
  relay_fixture_clear (&b);
  fd_test_pg_free (pg);
}

/* A password on the command line is refused before anything connects (argv is world-readable). */
static void
test_password_not_on_argv (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *relay = g_build_filename (g_getenv ("FD_BUILD_ROOT"), "src", "relay",
                                             "frontdesk-relay", NULL);
  g_autofree char *dir = g_dir_make_tmp ("fd-relay-pg-XXXXXX", &error);
  g_autofree char *conf = g_build_filename (dir, "relay.conf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (conf, "[relay]\ndatabase=calls.sqlite\n", -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char *[]) { relay, "--config", conf, "--database",
                                                  "postgresql://fd:s3cret-pw@db.example/calls",
                                                  NULL },
                               NULL, 0, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "password"));
  g_assert_null (strstr (err, "s3cret-pw"));
  g_unlink (conf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/relay/pg/shared-records", test_shared_records);
  g_test_add_func ("/relay/pg/password-not-on-argv", test_password_not_on_argv);
  return g_test_run ();
}
