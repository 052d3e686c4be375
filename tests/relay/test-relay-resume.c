/* test-relay-resume.c: connected calls through a relay restart, and hostile resumes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside a private network namespace (netns-run.sh); starts the relay itself, kills it
 * (SIGKILL, as a crash; SIGTERM, as systemctl restart) during a connected call and starts it again
 * on the same port, configuration, database and key: both sides resume the same call id and the
 * call record stays one open row until the call really ends. Also: a restored call that only one
 * side comes back to, and one nobody comes back to; forged, other-call, other-side, replayed and
 * expired tokens; the key file's checks; a hang-up made while the connection was down.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fd-relay-resume.h"
#include "relay-harness.h"

static const char * const csl_only[] = { "csl", NULL };

static char *
record (RelayFixture *fx,
        const char   *call)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fx->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT desk_id || '|' || interpreter_id || '|' || "
                                       "coalesce(end_reason, 'open') FROM calls WHERE id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, call, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return out;
}

typedef struct {
  RelayFixture *fx;
  const char   *call;
  const char   *expected;
} RecordWait;

static gboolean
record_reached (gpointer data)
{
  RecordWait *w = data;
  g_autofree char *row = record (w->fx, w->call);

  return g_strcmp0 (row, w->expected) == 0;
}

/* The store's writer thread writes within about 50 ms of an event: waits up to 10 s. */
static void
assert_record (RelayFixture *fx,
               const char   *call,
               const char   *expected)
{
  RecordWait w = { fx, call, expected };
  g_autofree char *row = NULL;

  fd_test_wait_until (record_reached, &w, 10000);
  row = record (fx, call);
  g_assert_cmpstr (row, ==, expected);
}

static void
assert_counts (RelayFixture *fx,
               gint64        connected,
               gint64        today)
{
  g_autoptr(JsonObject) health = relay_health (fx);

  g_assert_cmpint (json_path_int (health, "calls_connected"), ==, connected);
  g_assert_cmpint (json_path_int (health, "calls_today"), ==, today);
}

/* Kill the relay (@data: the signal) during a connected call, start it again: the same call. */
static void
test_restart (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  RelayFixture fx;
  TestClient *desk, *interp;
  g_autofree char *call = NULL;
  g_autoptr(GError) error = NULL;
  TestEvent *ev;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);
  call = g_strdup (test_place_call (desk, interp, "csl"));
  assert_record (&fx, call, "desk-1|int-a|open");

  relay_kill (&fx, signum);
  test_client_wait (desk, "call-held", 10);
  test_client_wait (interp, "call-held", 10);
  /* The record is kept as it was: still open, nothing written by the stop. */
  assert_record (&fx, call, "desk-1|int-a|open");
  relay_start (&fx);
  ev = test_client_wait (desk, "call-resumed", 20);
  g_assert_cmpstr (ev->call, ==, call);
  ev = test_client_wait (interp, "call-resumed", 20);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_false (test_client_has (desk, "call-ended"));
  g_assert_false (test_client_has (interp, "call-ended"));
  assert_counts (&fx, 1, 1);
  assert_record (&fx, call, "desk-1|int-a|open");

  /* Signalling works again between the two: chat, then the hang-up ends it for the peer. */
  g_assert_true (fd_signal_client_send_chat (desk->client, "still there?", &error));
  g_assert_no_error (error);
  ev = test_client_wait (interp, "chat", 10);
  g_assert_cmpstr (ev->a, ==, "still there?");
  g_assert_true (fd_signal_client_hang_up (desk->client, &error));
  ev = test_client_wait (interp, "call-ended", 10);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_cmpstr (ev->a, ==, FD_END_HANG_UP);
  assert_record (&fx, call, "desk-1|int-a|hang-up");
  assert_counts (&fx, 0, 1);

  test_client_free (desk);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

/* After a restart only the desk comes back: the call ends when the grace is over (peer-gone),
 * for the desk and in the record. A second call nobody comes back to: relay-restart. */
static void
test_restart_one_side (void)
{
  RelayFixture fx;
  TestClient *desk, *interp, *desk2, *interp2;
  g_autofree char *call = NULL;
  g_autofree char *call2 = NULL;
  TestEvent *ev;

  relay_fixture_init (&fx);
  fx.resume_grace = 3;
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);
  call = g_strdup (test_place_call (desk, interp, "csl"));
  desk2 = test_client_new (&fx, "desk-2", NULL);
  interp2 = test_client_new (&fx, "int-b", csl_only);
  call2 = g_strdup (test_place_call (desk2, interp2, "csl"));

  relay_kill (&fx, SIGKILL);
  test_client_free (interp);
  test_client_free (desk2);
  test_client_free (interp2);
  test_client_wait (desk, "call-held", 10);
  relay_start (&fx);
  ev = test_client_wait (desk, "call-resumed", 20);
  g_assert_cmpstr (ev->call, ==, call);
  /* Told that its peer is not back yet. */
  ev = test_client_wait (desk, "peer-signal:lost", 10);
  g_assert_cmpstr (ev->call, ==, call);
  ev = test_client_wait (desk, "call-ended", 10);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_cmpstr (ev->a, ==, FD_END_PEER_GONE);
  assert_record (&fx, call, "desk-1|int-a|peer-gone");
  fd_test_run_for (1000);
  assert_record (&fx, call2, "desk-2|int-b|relay-restart");
  assert_counts (&fx, 0, 2);

  test_client_free (desk);
  relay_fixture_clear (&fx);
}

/* Hung up while the relay was away: the call ends here at once, and for the peer as soon as the
 * desk is back, with hang-up in the record. */
static void
test_hang_up_held (void)
{
  RelayFixture fx;
  TestClient *desk, *interp;
  g_autofree char *call = NULL;
  g_autoptr(GError) error = NULL;
  TestEvent *ev;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);
  call = g_strdup (test_place_call (desk, interp, "csl"));

  relay_kill (&fx, SIGKILL);
  test_client_wait (desk, "call-held", 10);
  test_client_wait (interp, "call-held", 10);
  /* Queued, not refused: the caller (FdRelayCall) ends the call in its UI at once. */
  g_assert_true (fd_signal_client_hang_up (desk->client, &error));
  g_assert_no_error (error);
  g_assert_null (fd_signal_client_get_call_id (desk->client));
  relay_start (&fx);
  /* Both come back at once, in either order: the interpreter hears hang-up, from the call it
   * resumed or, if the desk's hang-up got there first, in answer to its resume. The record says
   * hang-up. (tests/nat/nat-blips: the peer stays connected.) */
  ev = test_client_wait (interp, "call-ended", 20);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_cmpstr (ev->a, ==, FD_END_HANG_UP);
  g_assert_false (test_client_has (interp, "error:no-such-call"));
  assert_record (&fx, call, "desk-1|int-a|hang-up");
  g_assert_false (test_client_has (desk, "error:no-such-call"));
  /* The desk hears the relay confirm it (as after any hang-up), never a lost connection. */
  ev = test_client_wait (desk, "call-ended", 10);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_cmpstr (ev->a, ==, FD_END_HANG_UP);
  assert_counts (&fx, 0, 1);
  /* And both are free for the next call. */
  fd_test_run_for (500);
  test_place_call (desk, interp, "csl");

  test_client_free (desk);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

/* ---- hostile resumes -------------------------------------------------------------------------- */

typedef struct {
  RawClient *rc;
  const char *needle;
  char *found;
} Take;

static gboolean
take_frame (gpointer data)
{
  Take *t = data;

  for (guint i = 0; i < t->rc->frames->len; i++)
    {
      const char *frame = g_ptr_array_index (t->rc->frames, i);

      if (strstr (frame, t->needle) != NULL)
        {
          t->found = g_strdup (frame);
          g_ptr_array_remove_index (t->rc->frames, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* The next frame with @needle, as JSON (fails the test if none comes within 10 s). */
static JsonObject *
raw_take (RawClient  *rc,
          const char *needle)
{
  Take t = { rc, needle, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *found = NULL;

  g_assert_true (fd_test_wait_until (take_frame, &t, 10 * 1000));
  found = t.found;
  g_assert_true (json_parser_load_from_data (parser, found, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A raw desk in a call with @interp; returns the call id and the desk's token in @out_token. */
static char *
raw_call (RelayFixture  *fx,
          RawClient     *desk,
          const char    *desk_id,
          TestClient    *interp,
          char         **out_token)
{
  g_autoptr(JsonObject) accepted = NULL;
  TestEvent *ev;

  raw_client_hello (desk, desk_id, "desk");
  raw_client_send (desk, "{\"type\":\"call-request\",\"language\":\"csl\"}");
  ev = test_client_wait (interp, "incoming-call", 10);
  g_assert_true (fd_signal_client_accept_call (interp->client, ev->call, NULL));
  accepted = raw_take (desk, "\"call-accepted\"");
  *out_token = g_strdup (json_object_get_string_member (accepted, "resume"));
  g_assert_cmpuint (strlen (*out_token), ==, 55);
  return g_strdup (json_object_get_string_member (accepted, "call"));
}

static void
raw_resume (RawClient  *rc,
            const char *call,
            const char *token)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"call-resume\",\"call\":\"%s\","
                                           "\"resume\":\"%s\"}", call, token);

  raw_client_send (rc, text);
}

static void
assert_refused (RawClient *rc)
{
  g_autoptr(JsonObject) error = raw_take (rc, "\"error\"");

  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "no-such-call");
  g_assert_cmpstr (json_object_get_string_member (error, "ref"), ==, "call-resume");
}

static void
drop (RawClient *rc)
{
  soup_websocket_connection_close (rc->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  raw_client_wait_closed (rc, 10);
  raw_client_free (rc);
}

static void
test_hostile (void)
{
  RelayFixture fx;
  TestClient *int_a, *int_b;
  RawClient *d1, *d2, *again;
  g_autofree char *call_a = NULL, *call_b = NULL, *token_a = NULL, *token_b = NULL;
  g_autofree char *forged = NULL;

  relay_fixture_init (&fx);
  relay_start (&fx);
  int_a = test_client_new (&fx, "int-a", csl_only);
  int_b = test_client_new (&fx, "int-b", csl_only);
  d1 = raw_client_new (&fx);
  call_a = raw_call (&fx, d1, "desk-1", int_a, &token_a);
  d2 = raw_client_new (&fx);
  call_b = raw_call (&fx, d2, "desk-2", int_b, &token_b);
  drop (d1);
  drop (d2);
  test_client_wait (int_a, "peer-signal:lost", 10);
  test_client_wait (int_b, "peer-signal:lost", 10);

  /* Across a restart too: the same checks against the rebuilt calls. */
  for (guint round = 0; round < 2; round++)
    {
      d1 = raw_client_new (&fx);
      raw_client_hello (d1, "desk-1", "desk");
      /* Forged: the right shape, a made-up MAC. */
      forged = g_strdup (token_a);
      forged[30] = forged[30] == 'A' ? 'B' : 'A';
      raw_resume (d1, call_a, forged);
      assert_refused (d1);
      g_clear_pointer (&forged, g_free);
      /* Another call's token, and another call with one's own token. */
      raw_resume (d1, call_a, token_b);
      assert_refused (d1);
      raw_resume (d1, call_b, token_a);
      assert_refused (d1);
      /* The interpreter's side of call A with the desk's token. */
      if (round == 0)
        {
          RawClient *ri = raw_client_new (&fx);

          raw_client_hello (ri, "int-c", "interpreter");
          raw_resume (ri, call_a, token_a);
          assert_refused (ri);
          raw_client_free (ri);
        }
      /* The real one works; presented by another desk meanwhile, it is refused. */
      raw_resume (d1, call_a, token_a);
      json_object_unref (raw_take (d1, "\"call-resumed\""));
      again = raw_client_new (&fx);
      raw_client_hello (again, "desk-2", "desk");
      raw_resume (again, call_a, token_a);
      assert_refused (again);
      raw_client_free (again);
      drop (d1);
      test_client_wait (int_a, "peer-signal:lost", 10);
      if (round == 0)
        {
          relay_kill (&fx, SIGKILL);
          relay_start (&fx);
          /* The interpreters' clients come back and resume on their own. */
          test_client_wait (int_a, "call-resumed", 20);
          test_client_wait (int_b, "call-resumed", 20);
        }
    }

  /* The interpreter hangs up call B while its desk is away: the desk, back within the grace,
   * hears hang-up in answer to its resume (once; then the call is simply unknown). */
  g_assert_true (fd_signal_client_hang_up (int_b->client, NULL));
  test_client_wait (int_b, "call-ended", 10);
  assert_record (&fx, call_b, "desk-2|int-b|hang-up");
  d2 = raw_client_new (&fx);
  raw_client_hello (d2, "desk-2", "desk");
  raw_resume (d2, call_b, token_b);
  {
    g_autoptr(JsonObject) ended = raw_take (d2, "\"call-ended\"");

    g_assert_cmpstr (json_object_get_string_member (ended, "call"), ==, call_b);
    g_assert_cmpstr (json_object_get_string_member (ended, "reason"), ==, FD_END_HANG_UP);
  }
  raw_resume (d2, call_b, token_b);
  assert_refused (d2);
  raw_client_free (d2);

  /* Replayed after the call ended: refused, before and after a restart. */
  d1 = raw_client_new (&fx);
  raw_client_hello (d1, "desk-1", "desk");
  raw_resume (d1, call_a, token_a);
  json_object_unref (raw_take (d1, "\"call-resumed\""));
  {
    g_autofree char *hang_up = g_strdup_printf ("{\"type\":\"hang-up\",\"call\":\"%s\"}",
                                                call_a);

    raw_client_send (d1, hang_up);
  }
  test_client_wait (int_a, "call-ended", 10);
  assert_record (&fx, call_a, "desk-1|int-a|hang-up");
  raw_resume (d1, call_a, token_a);
  assert_refused (d1);
  raw_client_free (d1);
  relay_kill (&fx, SIGTERM);
  relay_start (&fx);
  d1 = raw_client_new (&fx);
  raw_client_hello (d1, "desk-1", "desk");
  raw_resume (d1, call_a, token_a);
  assert_refused (d1);
  raw_client_free (d1);
  assert_record (&fx, call_a, "desk-1|int-a|hang-up");

  test_client_free (int_a);
  test_client_free (int_b);
  relay_fixture_clear (&fx);
}

/* The token and key functions themselves: expiry, every field bound, malformed input, and the
 * key file's permissions. */
static void
test_tokens (void)
{
  guint8 key[FD_RELAY_RESUME_KEY_BYTES], other[FD_RELAY_RESUME_KEY_BYTES], again[FD_RELAY_RESUME_KEY_BYTES];
  g_autofree char *dir = g_dir_make_tmp ("fd-resume-key-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "resume.key", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.key", NULL);
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  const gint64 now = 1800000000;

  g_assert_true (fd_relay_resume_key_load (path, key, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (fd_relay_resume_key_load (path, again, &error));
  g_assert_cmpmem (key, sizeof key, again, sizeof again);
  memcpy (other, key, sizeof key);
  other[0] ^= 1;

  token = fd_relay_resume_token (key, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1", now + 60);
  g_assert_true (fd_relay_resume_token_check (key, token, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1", now));
  g_assert_true (fd_relay_resume_token_check (key, token, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1",
                                              now + 60));
  /* Expired. */
  g_assert_false (fd_relay_resume_token_check (key, token, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1",
                                               now + 61));
  /* Another key, call, role, party. */
  g_assert_false (fd_relay_resume_token_check (other, token, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1", now));
  g_assert_false (fd_relay_resume_token_check (key, token, "c-2", FD_SIGNAL_ROLE_DESK, "desk-1", now));
  g_assert_false (fd_relay_resume_token_check (key, token, "c-1", FD_SIGNAL_ROLE_INTERPRETER,
                                               "desk-1", now));
  g_assert_false (fd_relay_resume_token_check (key, token, "c-1", FD_SIGNAL_ROLE_DESK, "desk-2", now));
  /* A later expiry written into a token does not pass its MAC. */
  {
    g_autofree char *later = fd_relay_resume_token (key, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1",
                                                    now + 3600);
    g_autofree char *spliced = g_strdup (token);

    memcpy (spliced, later, 12);
    g_assert_false (fd_relay_resume_token_check (key, spliced, "c-1", FD_SIGNAL_ROLE_DESK,
                                                 "desk-1", now + 120));
  }
  /* Malformed: short, long, other characters, NULL, padding. */
  g_assert_false (fd_relay_resume_token_check (key, "AAAA", "c-1", FD_SIGNAL_ROLE_DESK, "desk-1", now));
  {
    g_autofree char *longer = g_strconcat (token, "A", NULL);
    g_autofree char *bad = g_strdup (token);

    g_assert_false (fd_relay_resume_token_check (key, longer, "c-1", FD_SIGNAL_ROLE_DESK,
                                                 "desk-1", now));
    bad[3] = '+';
    g_assert_false (fd_relay_resume_token_check (key, bad, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1", now));
    bad[3] = '=';
    g_assert_false (fd_relay_resume_token_check (key, bad, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1", now));
  }
  g_assert_false (fd_relay_resume_token_check (key, NULL, "c-1", FD_SIGNAL_ROLE_DESK, "desk-1", now));

  /* A key others may read is refused (they could mint tokens); so is a symbolic link. */
  g_assert_cmpint (chmod (path, 0644), ==, 0);
  g_assert_false (fd_relay_resume_key_load (path, again, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (chmod (path, 0600), ==, 0);
  g_assert_cmpint (symlink (path, link_path), ==, 0);
  g_assert_false (fd_relay_resume_key_load (link_path, again, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* A truncated key. */
  g_assert_cmpint (truncate (path, 16), ==, 0);
  g_assert_false (fd_relay_resume_key_load (path, again, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  unlink (link_path);
  unlink (path);
  rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/relay/resume/tokens", test_tokens);
  g_test_add_data_func ("/relay/resume/restart-killed", GINT_TO_POINTER (SIGKILL), test_restart);
  g_test_add_data_func ("/relay/resume/restart-stopped", GINT_TO_POINTER (SIGTERM), test_restart);
  g_test_add_func ("/relay/resume/restart-one-side", test_restart_one_side);
  g_test_add_func ("/relay/resume/hang-up-held", test_hang_up_held);
  g_test_add_func ("/relay/resume/hostile", test_hostile);
  return g_test_run ();
}
