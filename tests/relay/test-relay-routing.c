/* test-relay-routing.c: frontdesk-relay authentication, routing, queueing, relaying, records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside a private network namespace (netns-run.sh); starts the relay itself.
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "relay-harness.h"

static const char * const csl_only[] = { "csl", NULL };

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} ConnectWait;

static void
on_connected (GObject *source, GAsyncResult *result, gpointer data)
{
  ConnectWait *w = data;

  w->ok = fd_signal_client_wait_finish (FD_SIGNAL_CLIENT (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
connect_done (gpointer data)
{
  return ((ConnectWait *) data)->done;
}

static void
test_wrong_token (void)
{
  RelayFixture fx;
  g_autoptr(FdSignalClient) client = fd_signal_client_new ();
  g_autofree char *desk_token = test_token ("desk-1");
  ConnectWait w = { 0 };
  ConnectWait w2 = { 0 };
  ConnectWait w3 = { 0 };
  ConnectWait w4 = { 0 };
  ConnectWait w5 = { 0 };

  relay_fixture_init (&fx);
  relay_start (&fx);

  /* An unknown token. */
  fd_signal_client_start (client, fx.url, "not-a-valid-token-at-all", FD_SIGNAL_ROLE_DESK, NULL);
  fd_signal_client_wait_async (client, NULL, on_connected, &w);
  g_assert_true (fd_test_wait_until (connect_done, &w, 10 * 1000));
  g_assert_false (w.ok);
  g_assert_error (w.error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_AUTH_FAILED);
  g_clear_error (&w.error);
  g_assert_cmpint (fd_signal_client_get_state (client), ==, FD_SIGNAL_STATE_DISCONNECTED);

  /* A desk's token used for the interpreter role. */
  fd_signal_client_start (client, fx.url, desk_token, FD_SIGNAL_ROLE_INTERPRETER, csl_only);
  fd_signal_client_wait_async (client, NULL, on_connected, &w2);
  g_assert_true (fd_test_wait_until (connect_done, &w2, 10 * 1000));
  g_assert_false (w2.ok);
  g_assert_error (w2.error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_AUTH_FAILED);
  g_clear_error (&w2.error);

  /* The right one. */
  fd_signal_client_start (client, fx.url, desk_token, FD_SIGNAL_ROLE_DESK, NULL);
  fd_signal_client_wait_async (client, NULL, on_connected, &w3);
  g_assert_true (fd_test_wait_until (connect_done, &w3, 10 * 1000));
  g_assert_no_error (w3.error);
  g_assert_true (w3.ok);
  g_assert_cmpint (fd_signal_client_get_state (client), ==, FD_SIGNAL_STATE_CONNECTED);
  g_assert_cmpstr (fd_signal_client_get_user_id (client), ==, "desk-1");
  g_assert_cmpstr (fd_signal_client_get_user_name (client), ==, "Name of desk-1");

  /* Waiting on a session that is already up completes at once; on none, fails. */
  fd_signal_client_wait_async (client, NULL, on_connected, &w4);
  g_assert_true (fd_test_wait_until (connect_done, &w4, 10 * 1000));
  g_assert_no_error (w4.error);
  g_assert_true (w4.ok);
  fd_signal_client_disconnect (client);
  fd_signal_client_wait_async (client, NULL, on_connected, &w5);
  g_assert_true (fd_test_wait_until (connect_done, &w5, 10 * 1000));
  g_assert_false (w5.ok);
  g_assert_error (w5.error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_NOT_CONNECTED);
  g_clear_error (&w5.error);
  relay_fixture_clear (&fx);
}

static void
test_queue (void)
{
  RelayFixture fx;
  TestClient *desk1, *desk2, *interp;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) health = NULL;
  g_autofree char *first = NULL;
  TestEvent *ev;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk1 = test_client_new (&fx, "desk-1", NULL);
  desk2 = test_client_new (&fx, "desk-2", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);

  first = g_strdup (test_place_call (desk1, interp, "csl"));
  g_assert_cmpint (fd_signal_client_get_presence (interp->client), ==, FD_PRESENCE_BUSY);

  /* Nobody free: the second desk waits first in line, with an estimate. */
  g_assert_true (fd_signal_client_request_call (desk2->client, "csl", &error));
  ev = test_client_wait (desk2, "queued", 10);
  g_assert_cmpint (ev->n, ==, 1);
  g_assert_cmpint (ev->m, >, 0);
  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "queues.csl"), ==, 1);
  g_assert_cmpint (json_path_int (health, "desks"), ==, 2);
  g_assert_cmpint (json_path_int (health, "interpreters.busy"), ==, 1);
  g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 1);

  /* The first call ends: the interpreter is rung for the waiting desk. */
  g_assert_true (fd_signal_client_hang_up (desk1->client, &error));
  ev = test_client_wait (desk1, "call-ended", 10);
  g_assert_cmpstr (ev->call, ==, first);
  g_assert_cmpstr (ev->a, ==, FD_END_HANG_UP);
  ev = test_client_wait (interp, "call-ended", 10);
  g_assert_cmpstr (ev->a, ==, FD_END_HANG_UP);
  ev = test_client_wait (interp, "incoming-call", 10);
  g_assert_cmpstr (ev->b, ==, "Name of desk-2");
  test_client_wait (desk2, "ringing", 10);
  g_assert_true (fd_signal_client_accept_call (interp->client, NULL, &error));
  test_client_wait (desk2, "call-accepted", 10);

  /* Cancelling while queued: a third request waits, then is withdrawn. */
  g_assert_true (fd_signal_client_request_call (desk1->client, "csl", &error));
  ev = test_client_wait (desk1, "queued", 10);
  g_assert_cmpint (ev->n, ==, 1);
  g_assert_true (fd_signal_client_cancel_call (desk1->client, &error));
  ev = test_client_wait (desk1, "call-ended", 10);
  g_assert_cmpstr (ev->a, ==, FD_END_CANCELLED);
  g_assert_null (fd_signal_client_get_call_id (desk1->client));

  test_client_free (desk1);
  test_client_free (desk2);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

static void
test_ring_timeout_and_decline (gconstpointer data)
{
  gboolean decline = GPOINTER_TO_INT (data);
  RelayFixture fx;
  TestClient *desk, *a, *b;
  g_autoptr(GError) error = NULL;
  TestEvent *ev;
  const char *call;

  relay_fixture_init (&fx);
  /* int-b must accept within it too: 1 s (g_timeout_add_seconds: possibly less) was missed under
   * ASan at a load average of 41, and the call went back to the queue. */
  fx.ring_timeout = decline ? 20 : 3;
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  a = test_client_new (&fx, "int-a", csl_only);
  fd_test_run_for (50);
  b = test_client_new (&fx, "int-b", csl_only);

  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  /* int-a has been idle longest: rung first. */
  ev = test_client_wait (a, "incoming-call", 10);
  call = ev->call;
  g_assert_false (test_client_has (b, "incoming-call"));
  if (decline)
    {
      g_assert_true (fd_signal_client_decline_call (a->client, NULL, &error));
      ev = test_client_wait (a, "call-ended", 10);
      g_assert_cmpstr (ev->a, ==, FD_END_DECLINED);
    }
  else
    {
      ev = test_client_wait (a, "call-ended", 10);
      g_assert_cmpstr (ev->a, ==, FD_END_RING_TIMEOUT);
      test_client_wait (a, "presence:away", 10);
    }
  ev = test_client_wait (b, "incoming-call", 10);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_true (fd_signal_client_accept_call (b->client, NULL, &error));
  ev = test_client_wait (desk, "call-accepted", 10);
  g_assert_cmpstr (ev->a, ==, "int-b");
  g_assert_false (test_client_has (a, "incoming-call"));

  test_client_free (desk);
  test_client_free (a);
  test_client_free (b);
  relay_fixture_clear (&fx);
}

/* Who is rung next: the interpreter free longest. One freed by a cancelled call, or back from
 * away, waits behind those free before it. */
static gboolean
one_interpreter (gpointer data)
{
  g_autoptr(JsonObject) health = relay_health (data);

  return json_path_int (health, "interpreters.total") == 1;
}

static void
test_idle_order (void)
{
  RelayFixture fx;
  TestClient *desk, *a, *b;
  g_autoptr(GError) error = NULL;
  TestEvent *ev;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  a = test_client_new (&fx, "int-a", csl_only);
  fd_test_run_for (50);
  b = test_client_new (&fx, "int-b", csl_only);
  fd_test_run_for (50);

  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  ev = test_client_wait (desk, "ringing", 10);
  g_assert_cmpstr (ev->a, ==, "Name of int-a");
  g_assert_true (fd_signal_client_cancel_call (desk->client, &error));
  test_client_wait (a, "call-ended", 10);
  test_client_wait (a, "presence:available", 10);

  /* int-a is free again, but int-b has been free longer. */
  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  ev = test_client_wait (desk, "ringing", 10);
  g_assert_cmpstr (ev->a, ==, "Name of int-b");
  g_assert_true (fd_signal_client_cancel_call (desk->client, &error));
  test_client_wait (b, "call-ended", 10);
  test_client_wait (b, "presence:available", 10);

  /* int-a goes away and comes back: now behind int-b. */
  g_assert_true (fd_signal_client_set_presence (a->client, FD_PRESENCE_AWAY, &error));
  test_client_wait (a, "presence:away", 10);
  g_assert_true (fd_signal_client_set_presence (a->client, FD_PRESENCE_AVAILABLE, &error));
  test_client_wait (a, "presence:available", 10);
  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  ev = test_client_wait (desk, "ringing", 10);
  g_assert_cmpstr (ev->a, ==, "Name of int-b");
  g_assert_true (fd_signal_client_cancel_call (desk->client, &error));
  test_client_wait (desk, "call-ended", 10);

  /* An interpreter that leaves is never rung. */
  test_client_free (b);
  g_assert_true (fd_test_wait_until (one_interpreter, &fx, 10 * 1000));
  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  ev = test_client_wait (desk, "ringing", 10);
  g_assert_cmpstr (ev->a, ==, "Name of int-a");

  test_client_free (desk);
  test_client_free (a);
  relay_fixture_clear (&fx);
}

static void
test_relay_only_within_call (void)
{
  RelayFixture fx;
  TestClient *desk, *interp, *other_desk, *other_interp;
  g_autoptr(GError) error = NULL;
  g_autofree char *call = NULL;
  g_autoptr(JsonObject) inject = NULL;
  TestEvent *ev;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);
  other_desk = test_client_new (&fx, "desk-2", NULL);
  other_interp = test_client_new (&fx, "int-b", (const char *[]) { "en", NULL });
  call = g_strdup (test_place_call (desk, interp, "csl"));

  g_assert_true (fd_signal_client_send_sdp (desk->client, "offer", "v=0\r\no=- 1 1 IN IP4 0\r\n",
                                            &error));
  g_assert_true (fd_signal_client_send_ice (desk->client, 1, "candidate:1 1 UDP 1 127.0.0.1 9 typ host",
                                            &error));
  g_assert_true (fd_signal_client_send_chat (desk->client, "你好 hello привет", &error));
  ev = test_client_wait (interp, "sdp", 10);
  g_assert_cmpstr (ev->a, ==, "offer");
  g_assert_cmpstr (ev->b, ==, "v=0\r\no=- 1 1 IN IP4 0\r\n");
  ev = test_client_wait (interp, "ice", 10);
  g_assert_cmpint (ev->n, ==, 1);
  g_assert_cmpstr (ev->a, ==, "candidate:1 1 UDP 1 127.0.0.1 9 typ host");
  ev = test_client_wait (interp, "chat", 10);
  g_assert_cmpstr (ev->a, ==, "你好 hello привет");
  g_assert_cmpstr (ev->b, ==, "Name of desk-1");
  g_assert_true (fd_signal_client_send_sdp (interp->client, "answer", "v=0\r\nanswer\r\n", &error));
  ev = test_client_wait (desk, "sdp", 10);
  g_assert_cmpstr (ev->a, ==, "answer");

  /* Outsiders who know the call id cannot inject anything. */
  inject = fd_protocol_message_new (FD_MSG_SDP);
  json_object_set_string_member (inject, "call", call);
  json_object_set_string_member (inject, "sdp_type", "offer");
  json_object_set_string_member (inject, "sdp", "v=0\r\ninjected\r\n");
  g_assert_true (fd_signal_client_send_message (other_desk->client, inject, &error));
  g_assert_true (fd_signal_client_send_message (other_interp->client, inject, &error));
  json_object_set_string_member (inject, "type", "chat");
  json_object_set_string_member (inject, "text", "injected");
  g_assert_true (fd_signal_client_send_message (other_desk->client, inject, &error));
  g_assert_true (fd_signal_client_send_message (other_interp->client, inject, &error));
  json_object_set_string_member (inject, "type", "hang-up");
  g_assert_true (fd_signal_client_send_message (other_desk->client, inject, &error));
  test_client_wait (other_desk, "error:no-such-call", 10);
  test_client_wait (other_desk, "error:no-such-call", 10);
  test_client_wait (other_desk, "error:no-such-call", 10);
  test_client_wait (other_interp, "error:no-such-call", 10);
  test_client_wait (other_interp, "error:no-such-call", 10);
  /* A round trip on the peers' own connections shows nothing else was queued for them. */
  g_assert_true (fd_signal_client_send_chat (interp->client, "still here", &error));
  ev = test_client_wait (desk, "chat", 10);
  g_assert_cmpstr (ev->a, ==, "still here");
  g_assert_true (fd_signal_client_send_chat (desk->client, "me too", &error));
  ev = test_client_wait (interp, "chat", 10);
  g_assert_cmpstr (ev->a, ==, "me too");
  g_assert_false (test_client_has (interp, "sdp"));
  g_assert_false (test_client_has (desk, "sdp"));
  g_assert_false (test_client_has (desk, "call-ended"));
  g_assert_false (test_client_has (interp, "call-ended"));

  /* A desk may not act as an interpreter. */
  json_object_set_string_member (inject, "type", "call-accept");
  g_assert_true (fd_signal_client_send_message (other_desk->client, inject, &error));
  test_client_wait (other_desk, "error:forbidden", 10);
  test_client_free (desk);
  test_client_free (interp);
  test_client_free (other_desk);
  test_client_free (other_interp);
  relay_fixture_clear (&fx);
}

static void
test_queue_positions (void)
{
  RelayFixture fx;
  TestClient *desk1, *desk2, *desk3, *interp;
  g_autoptr(GError) error = NULL;
  TestEvent *ev;
  gint eta2, eta3;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk1 = test_client_new (&fx, "desk-1", NULL);
  desk2 = test_client_new (&fx, "desk-2", NULL);
  desk3 = test_client_new (&fx, "desk-3", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);
  test_place_call (desk1, interp, "csl");

  g_assert_true (fd_signal_client_request_call (desk2->client, "csl", &error));
  ev = test_client_wait (desk2, "queued", 10);
  g_assert_cmpint (ev->n, ==, 1);
  eta2 = ev->m;
  g_assert_true (fd_signal_client_request_call (desk3->client, "csl", &error));
  ev = test_client_wait (desk3, "queued", 10);
  g_assert_cmpint (ev->n, ==, 2);
  eta3 = ev->m;
  g_assert_cmpint (eta3, >, eta2);

  /* The one ahead gives up: the other moves to the front, with a shorter estimate. */
  g_assert_true (fd_signal_client_cancel_call (desk2->client, &error));
  ev = test_client_wait (desk3, "queued", 10);
  g_assert_cmpint (ev->n, ==, 1);
  g_assert_cmpint (ev->m, ==, eta2);

  /* The only interpreter signs out: no estimate any more. */
  /* (Both on the interpreter's connection, so the relay sees them in this order.) */
  g_assert_true (fd_signal_client_set_presence (interp->client, FD_PRESENCE_AWAY, &error));
  g_assert_true (fd_signal_client_hang_up (interp->client, &error));
  test_client_wait (desk1, "call-ended", 10);
  test_client_wait (interp, "presence:away", 10);
  ev = test_client_wait (desk3, "queued", 10);
  g_assert_cmpint (ev->n, ==, 1);
  g_assert_cmpint (ev->m, ==, -1);
  g_assert_false (test_client_has (interp, "incoming-call"));

  /* Back: rung at once for the waiting desk. */
  g_assert_true (fd_signal_client_set_presence (interp->client, FD_PRESENCE_AVAILABLE, &error));
  ev = test_client_wait (interp, "incoming-call", 10);
  g_assert_cmpstr (ev->b, ==, "Name of desk-3");

  test_client_free (desk1);
  test_client_free (desk2);
  test_client_free (desk3);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

/* Hang up and call again 20 times: nothing piles up in the relay. */
static void
test_repeat_calls (void)
{
  RelayFixture fx;
  TestClient *desk, *interp;
  g_autoptr(JsonObject) health = NULL;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", NULL);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("message %u", i);
      TestClient *hanger = i % 2 == 0 ? desk : interp;
      TestEvent *ev;

      test_place_call (desk, interp, fd_protocol_languages ()[i % 3]);
      g_assert_true (fd_signal_client_send_chat (desk->client, text, &error));
      g_assert_cmpstr (test_client_wait (interp, "chat", 10)->a, ==, text);
      g_assert_true (fd_signal_client_hang_up (hanger->client, &error));
      ev = test_client_wait (desk, "call-ended", 10);
      g_assert_cmpstr (ev->a, ==, FD_END_HANG_UP);
      ev = test_client_wait (interp, "call-ended", 10);
      g_assert_cmpstr (ev->a, ==, FD_END_HANG_UP);
      test_client_wait (interp, "presence:available", 10);
    }
  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "calls_today"), ==, 20);
  g_assert_cmpint (json_path_int (health, "answered_today"), ==, 20);
  g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 0);
  g_assert_cmpint (json_path_int (health, "calls_ringing"), ==, 0);
  g_assert_cmpint (json_path_int (health, "connections"), ==, 2);
  g_assert_cmpint (json_path_int (health, "interpreters.available"), ==, 1);
  test_client_free (desk);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

static void
test_records_and_health (void)
{
  RelayFixture fx;
  TestClient *desk, *interp;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) health = NULL;
  g_autofree char *call1 = NULL;
  g_autofree char *call2 = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 max_wait = 0;
  guint rows = 0;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", NULL);

  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "calls_today"), ==, 0);
  g_assert_cmpint (json_path_int (health, "answer_time_ms.p50"), ==, -1);
  g_clear_pointer (&health, json_object_unref);

  call1 = g_strdup (test_place_call (desk, interp, "en"));
  fd_test_run_for (30);
  g_assert_true (fd_signal_client_hang_up (interp->client, &error));
  test_client_wait (desk, "call-ended", 10);
  test_client_wait (interp, "presence:available", 10);
  call2 = g_strdup (test_place_call (desk, interp, "ru"));
  g_assert_true (fd_signal_client_hang_up (desk->client, &error));
  test_client_wait (interp, "call-ended", 10);
  /* A third request nobody answers: cancelled. */
  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  test_client_wait (interp, "incoming-call", 10);
  test_client_wait (desk, "ringing", 10);
  g_assert_true (fd_signal_client_cancel_call (desk->client, &error));
  test_client_wait (interp, "call-ended", 10);

  relay_wait_rows (&fx, "SELECT count(*) FROM calls WHERE ended_at IS NOT NULL", 3, 10);
  g_assert_cmpint (sqlite3_open_v2 (fx.db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, desk_id, interpreter_id, language, asked_at,"
                                       " answered_at, ended_at, end_reason FROM calls"
                                       " ORDER BY asked_at, rowid", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      gint64 asked = sqlite3_column_int64 (stmt, 4);
      gint64 answered = sqlite3_column_int64 (stmt, 5);
      gint64 ended = sqlite3_column_int64 (stmt, 6);
      const char *reason = (const char *) sqlite3_column_text (stmt, 7);

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "desk-1");
      g_assert_cmpint (ended, >=, asked);
      if (rows < 2)
        {
          g_assert_cmpstr (id, ==, rows == 0 ? call1 : call2);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "int-a");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, rows == 0 ? "en" : "ru");
          g_assert_cmpint (answered, >=, asked);
          g_assert_cmpint (ended, >=, answered);
          g_assert_cmpstr (reason, ==, FD_END_HANG_UP);
          max_wait = MAX (max_wait, answered - asked);
        }
      else
        {
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "csl");
          g_assert_cmpint (sqlite3_column_type (stmt, 5), ==, SQLITE_NULL);
          g_assert_cmpstr (reason, ==, FD_END_CANCELLED);
        }
      rows++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (rows, ==, 3);

  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "calls_today"), ==, 3);
  g_assert_cmpint (json_path_int (health, "answered_today"), ==, 2);
  g_assert_cmpint (json_path_int (health, "desks"), ==, 1);
  g_assert_cmpint (json_path_int (health, "interpreters.total"), ==, 1);
  g_assert_cmpint (json_path_int (health, "interpreters.available"), ==, 1);
  g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 0);
  g_assert_cmpint (json_path_int (health, "answer_time_ms.p50"), >=, 0);
  g_assert_cmpint (json_path_int (health, "answer_time_ms.p90"), >=,
                   json_path_int (health, "answer_time_ms.p50"));
  g_assert_cmpint (json_path_int (health, "answer_time_ms.p90"), ==, max_wait);
  g_assert_cmpint (json_path_int (health, "db_errors"), ==, 0);

  test_client_free (desk);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/relay/auth/wrong-token", test_wrong_token);
  g_test_add_func ("/relay/routing/queue", test_queue);
  g_test_add_func ("/relay/routing/queue-positions", test_queue_positions);
  g_test_add_func ("/relay/routing/repeat-calls", test_repeat_calls);
  g_test_add_data_func ("/relay/routing/ring-timeout", GINT_TO_POINTER (FALSE),
                        test_ring_timeout_and_decline);
  g_test_add_data_func ("/relay/routing/decline", GINT_TO_POINTER (TRUE),
                        test_ring_timeout_and_decline);
  g_test_add_func ("/relay/routing/idle-order", test_idle_order);
  g_test_add_func ("/relay/relaying/only-within-call", test_relay_only_within_call);
  g_test_add_func ("/relay/records-and-health", test_records_and_health);
  return g_test_run ();
}
