/* test-relay-faults.c: frontdesk-relay under bad input and failures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside a private network namespace (netns-run.sh); starts the relay itself. The
 * "interpreter killed" cases run an interpreter in a child process (this program with
 * --child-interpreter) and kill or freeze it.
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "relay-harness.h"
#include "relay-wire.h"

static const char * const csl_only[] = { "csl", NULL };

/* Another desk and interpreter still get a call through. */
static void
check_still_serving (RelayFixture *fx, const char *desk_id, const char *interp_id)
{
  TestClient *desk = test_client_new (fx, desk_id, NULL);
  TestClient *interp = test_client_new (fx, interp_id, csl_only);

  test_place_call (desk, interp, "csl");
  test_client_free (desk);
  test_client_free (interp);
}

/* The relay's close code for an oversized frame, read byte by byte by a hand-made client. */
static gushort
oversize_close_code (RelayFixture *fx, const char *id)
{
  g_autoptr(GSocketConnection) conn = wire_connect (fx->port);
  g_autofree char *token = test_token (id);
  g_autofree char *hello = NULL;
  g_autofree char *welcome = NULL;
  g_autofree char *big = g_strnfill (8000, 'x');

  g_assert_cmpuint (wire_upgrade (conn, fx->port, NULL), ==, 101);
  hello = g_strdup_printf ("{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"%s\"}", token);
  wire_send_text (conn, hello);
  welcome = wire_wait_text (conn, "\"welcome\"");
  wire_send_text (conn, big);
  return wire_read_close (conn);
}

static void
test_oversize (void)
{
  RelayFixture fx;
  RawClient *rc;
  TestClient *desk, *interp;
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;

  relay_fixture_init (&fx);
  fx.max_message_size = 4096;
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);

  /* The relay refuses the frame: close code 1009. */
  g_assert_cmpuint (oversize_close_code (&fx, "desk-3"), ==, 1009);

  /* The same seen through libsoup's client. */
  rc = raw_client_new (&fx);
  raw_client_hello (rc, "desk-2", "desk");
  big = g_strdup_printf ("{\"type\":\"chat\",\"call\":\"c-x\",\"text\":\"%0*d\"}", 8000, 0);
  raw_client_send (rc, big);
  raw_client_wait_closed (rc, 10);
  g_assert_cmpuint (rc->close_code, ==, 1009);
  raw_client_free (rc);

  /* The others were not disturbed. */
  g_assert_cmpint (fd_signal_client_get_state (desk->client), ==, FD_SIGNAL_STATE_CONNECTED);
  test_place_call (desk, interp, "csl");
  g_assert_true (fd_signal_client_send_chat (desk->client, "after the big one", &error));
  g_assert_cmpstr (test_client_wait (interp, "chat", 10)->a, ==, "after the big one");
  test_client_free (desk);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

static void
test_malformed (void)
{
  RelayFixture fx;
  RawClient *rc;
  static const struct {
    const char *frame;
    const char *code;
  } cases[] = {
    { "{not json", "\"bad-json\"" },
    { "[1,2,3]", "\"bad-json\"" },
    { "\"hello\"", "\"bad-json\"" },
    { "{\"type\":42}", "\"bad-message\"" },
    { "{\"type\":\"launch-rockets\"}", "\"unknown-type\"" },
    { "{\"type\":\"welcome\",\"v\":1}", "\"unknown-type\"" },
    { "{\"type\":\"call-request\"}", "\"bad-message\"" },
    { "{\"type\":\"call-request\",\"language\":\"fr\"}", "\"bad-language\"" },
    { "{\"type\":\"call-request\",\"language\":7}", "\"bad-message\"" },
    { "{\"type\":\"sdp\",\"call\":\"c-1\",\"sdp_type\":\"pranswer\",\"sdp\":\"x\"}", "\"bad-message\"" },
    { "{\"type\":\"ice\",\"call\":\"c-1\",\"candidate\":\"x\",\"mline_index\":-1}", "\"bad-message\"" },
    { "{\"type\":\"hang-up\",\"call\":\"c-unknown\"}", "\"no-such-call\"" },
    { "{\"type\":\"presence\",\"presence\":\"available\"}", "\"forbidden\"" },
    { "{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"again-and-again\"}", "\"bad-state\"" },
  };

  relay_fixture_init (&fx);
  relay_start (&fx);
  rc = raw_client_new (&fx);
  raw_client_hello (rc, "desk-3", "desk");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("sending %s", cases[i].frame);
      raw_client_send (rc, cases[i].frame);
      raw_client_wait (rc, cases[i].code, 10);
    }
  /* Binary frames are refused the same way. */
  soup_websocket_connection_send_binary (rc->ws, "\x01\x02", 2);
  raw_client_wait (rc, "\"bad-json\"", 10);
  /* The session goes on. */
  raw_client_send (rc, "{\"type\":\"ping\"}");
  raw_client_wait (rc, "\"pong\"", 10);
  g_assert_false (rc->closed);
  check_still_serving (&fx, "desk-1", "int-a");
  raw_client_free (rc);
  relay_fixture_clear (&fx);
}

static void
test_unauthenticated (void)
{
  RelayFixture fx;
  RawClient *rc;

  relay_fixture_init (&fx);
  fx.hello_timeout = 1;
  relay_start (&fx);

  /* Silent: closed when the hello timeout passes. */
  rc = raw_client_new (&fx);
  raw_client_wait_closed (rc, 10);
  g_assert_cmpuint (rc->close_code, ==, 1008);
  raw_client_free (rc);

  rc = raw_client_new (&fx);
  raw_client_send (rc, "{\"type\":\"call-request\",\"language\":\"csl\"}");
  raw_client_wait (rc, "\"not-authenticated\"", 10);
  raw_client_wait_closed (rc, 10);
  g_assert_cmpuint (rc->close_code, ==, 1008);
  raw_client_free (rc);

  rc = raw_client_new (&fx);
  raw_client_send (rc, "garbage before hello");
  raw_client_wait_closed (rc, 10);
  g_assert_cmpuint (rc->close_code, ==, 1008);
  raw_client_free (rc);

  rc = raw_client_new (&fx);
  raw_client_send (rc, "{\"type\":\"hello\",\"v\":2,\"role\":\"desk\",\"token\":\"whatever-token\"}");
  raw_client_wait (rc, "\"unsupported-version\"", 10);
  raw_client_wait_closed (rc, 10);
  g_assert_cmpuint (rc->close_code, ==, 4002);
  raw_client_free (rc);

  rc = raw_client_new (&fx);
  raw_client_send (rc, "{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"wrong-token-123\"}");
  raw_client_wait (rc, "\"auth-failed\"", 10);
  raw_client_wait_closed (rc, 10);
  g_assert_cmpuint (rc->close_code, ==, 4001);
  raw_client_free (rc);

  check_still_serving (&fx, "desk-1", "int-a");
  relay_fixture_clear (&fx);
}

static void
test_rate_limit (void)
{
  RelayFixture fx;
  RawClient *rc;

  relay_fixture_init (&fx);
  fx.rate_per_second = 1;
  fx.rate_burst = 5;
  fx.rate_strikes = 10;
  relay_start (&fx);
  rc = raw_client_new (&fx);
  raw_client_hello (rc, "desk-3", "desk");
  for (guint i = 0; i < 40; i++)
    raw_client_send (rc, "{\"type\":\"ping\"}");
  raw_client_wait (rc, "\"rate-limited\"", 10);
  raw_client_wait_closed (rc, 10);
  g_assert_cmpuint (rc->close_code, ==, 1008);
  raw_client_free (rc);
  check_still_serving (&fx, "desk-1", "int-a");
  relay_fixture_clear (&fx);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn_child_interpreter (RelayFixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  GSubprocess *child;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  child = g_subprocess_launcher_spawn (launcher, &error, "/proc/self/exe",
                                       "--child-interpreter", fx->url, NULL);

  g_assert_no_error (error);
  return child;
}

/* GONE_KILLED: SIGKILL (the kernel closes the socket: the call ends at once). GONE_FROZEN: SIGSTOP
 * (the socket stays open, silent: found by the idle timeout, then the call waits resume-grace
 * seconds for the interpreter to come back, and ends). GONE_BLIP: SIGSTOP, then SIGCONT within the
 * grace: the interpreter reconnects and resumes the call, same call id (network blip). */
enum { GONE_KILLED, GONE_FROZEN, GONE_BLIP };

static void
test_interpreter_gone (gconstpointer data)
{
  int how = GPOINTER_TO_INT (data);
  gboolean freeze = how != GONE_KILLED;
  RelayFixture fx;
  TestClient *desk;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) health = NULL;
  TestEvent *ev;
  const char *call;

  relay_fixture_init (&fx);
  fx.idle_timeout = 4;
  fx.ping_interval = 1;
  /* A killed program's socket ends with a FIN, or with a reset when it held unread data; a reset
   * looks like a network fault and waits the grace: keep it short so both end within 10 s. */
  if (how != GONE_BLIP)
    fx.resume_grace = 3;
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  child = spawn_child_interpreter (&fx);
  /* The child may need a moment to sign in: the request waits in the queue until then. */
  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  ev = test_client_wait (desk, "call-accepted", 20);
  call = ev->call;
  g_assert_cmpstr (ev->a, ==, "int-c");

  g_subprocess_send_signal (child, freeze ? SIGSTOP : SIGKILL);
  if (freeze)
    {
      /* Found by the idle timeout: the desk hears that its peer's signalling is lost, the call
       * goes on (its media is peer to peer). */
      ev = test_client_wait (desk, "peer-signal:lost", 10);
      g_assert_cmpstr (ev->call, ==, call);
      health = relay_health (&fx);
      g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 1);
      g_clear_pointer (&health, json_object_unref);
    }
  if (how == GONE_BLIP)
    {
      /* Back within the grace: it reconnects, resumes the same call, the desk hears so. */
      g_subprocess_send_signal (child, SIGCONT);
      ev = test_client_wait (desk, "peer-signal:back", 15);
      g_assert_cmpstr (ev->call, ==, call);
      health = relay_health (&fx);
      g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 1);
      g_assert_cmpint (json_path_int (health, "interpreters.busy"), ==, 1);
      g_assert_cmpint (json_path_int (health, "calls_today"), ==, 1);
      g_clear_pointer (&health, json_object_unref);
      /* The resumed call is the one in hand: a hang-up ends it for both. */
      g_assert_true (fd_signal_client_hang_up (desk->client, &error));
      fd_test_run_for (500);
      health = relay_health (&fx);
      g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 0);
      g_assert_cmpint (json_path_int (health, "interpreters.available"), ==, 1);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, NULL);
      test_client_free (desk);
      relay_fixture_clear (&fx);
      return;
    }
  /* Bound of the documented promise: told within 10 s (killed), or when the grace is over. */
  ev = test_client_wait (desk, "call-ended", 10);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_cmpstr (ev->a, ==, FD_END_PEER_GONE);
  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "interpreters.total"), ==, 0);
  g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 0);

  /* The desk can ask again at once: it waits, with no estimate while nobody is signed in. */
  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  ev = test_client_wait (desk, "queued", 10);
  g_assert_cmpint (ev->n, ==, 1);
  g_assert_cmpint (ev->m, ==, -1);

  if (freeze)
    g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);
  test_client_free (desk);
  relay_fixture_clear (&fx);
}

/* The same token signs in again (a client that came back before its old socket died): the old
 * connection is closed with 4003 and the old client does not retry. The new connection does not
 * resume the call (it has no secret), so the call ends for the peer when the grace is over, and
 * the new connection, busy meanwhile, is available again. */
static void
test_replaced (void)
{
  RelayFixture fx;
  TestClient *desk, *interp, *again;
  TestEvent *ev;
  g_autoptr(JsonObject) health = NULL;

  relay_fixture_init (&fx);
  fx.resume_grace = 2;
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);
  test_place_call (desk, interp, "csl");

  again = test_client_new (&fx, "int-a", csl_only);
  test_client_wait (desk, "peer-signal:lost", 10);
  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "interpreters.busy"), ==, 1);
  g_clear_pointer (&health, json_object_unref);
  ev = test_client_wait (desk, "call-ended", 10);
  g_assert_cmpstr (ev->a, ==, FD_END_PEER_GONE);
  test_client_wait (interp, "state:disconnected", 10);
  fd_test_run_for (1000);
  g_assert_cmpint (fd_signal_client_get_state (interp->client), ==, FD_SIGNAL_STATE_DISCONNECTED);
  g_assert_cmpint (fd_signal_client_get_state (again->client), ==, FD_SIGNAL_STATE_CONNECTED);
  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "interpreters.total"), ==, 1);
  g_assert_cmpint (json_path_int (health, "interpreters.available"), ==, 1);
  test_place_call (desk, again, "csl");

  test_client_free (desk);
  test_client_free (interp);
  test_client_free (again);
  relay_fixture_clear (&fx);
}

static void
test_relay_restart (void)
{
  RelayFixture fx;
  TestClient *desk, *interp;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) health = NULL;
  TestEvent *ev;
  static const char * const en_only[] = { "en", NULL };

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", en_only);
  test_place_call (desk, interp, "en");
  /* Away once this call is over. */
  g_assert_true (fd_signal_client_set_presence (interp->client, FD_PRESENCE_AWAY, &error));

  /* The clients hold the call (its media would go on) and resume it once the relay is back: the
   * new process rebuilds it from its record (tests/relay/test-relay-resume.c has the details). */
  relay_kill (&fx, SIGKILL);
  test_client_wait (desk, "call-held", 10);
  test_client_wait (interp, "call-held", 10);
  test_client_wait (desk, "state:reconnecting", 15);
  test_client_wait (interp, "state:reconnecting", 15);
  fd_test_run_for (500);
  for (guint i = 0; i < desk->events->len; i++)
    g_assert_cmpstr (((TestEvent *) g_ptr_array_index (desk->events, i))->kind, !=, "call-ended");
  relay_start (&fx);
  test_client_wait (desk, "state:connected", 20);
  test_client_wait (interp, "state:connected", 20);
  test_client_wait (desk, "call-resumed", 10);
  test_client_wait (interp, "call-resumed", 10);
  g_assert_true (fd_signal_client_hang_up (desk->client, &error));
  ev = test_client_wait (interp, "call-ended", 10);
  g_assert_cmpstr (ev->a, ==, FD_END_HANG_UP);

  /* Presence and languages were announced again. */
  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "interpreters.total"), ==, 1);
  g_assert_cmpint (json_path_int (health, "interpreters.away"), ==, 1);
  g_assert_cmpint (fd_signal_client_get_presence (interp->client), ==, FD_PRESENCE_AWAY);
  g_assert_true (fd_signal_client_set_presence (interp->client, FD_PRESENCE_AVAILABLE, &error));
  test_client_wait (interp, "presence:available", 10);
  test_place_call (desk, interp, "en");

  test_client_free (desk);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

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

/* wss:// with the relay's own certificate; a client that does not trust it cannot connect. */
static void
test_tls (void)
{
  RelayFixture fx;
  TestClient *desk, *interp;
  g_autoptr(FdSignalClient) untrusting = fd_signal_client_new ();
  g_autofree char *token = test_token ("desk-2");
  g_autoptr(JsonObject) health = NULL;
  g_autoptr(GError) error = NULL;
  ConnectWait w = { 0 };

  relay_fixture_init (&fx);
  fx.tls = TRUE;
  relay_start (&fx);
  g_assert_true (g_str_has_prefix (fx.url, "wss://"));
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-a", csl_only);
  test_place_call (desk, interp, "csl");
  g_assert_true (fd_signal_client_send_chat (interp->client, "over TLS", &error));
  g_assert_cmpstr (test_client_wait (desk, "chat", 10)->a, ==, "over TLS");
  health = relay_health (&fx);
  g_assert_cmpint (json_path_int (health, "calls_connected"), ==, 1);

  fd_signal_client_start (untrusting, fx.url, token, FD_SIGNAL_ROLE_DESK, NULL);
  fd_signal_client_wait_async (untrusting, NULL, on_connected, &w);
  g_assert_true (fd_test_wait_until (connect_done, &w, 10 * 1000));
  g_assert_false (w.ok);
  g_assert_error (w.error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_CONNECTION_FAILED);
  g_clear_error (&w.error);

  test_client_free (desk);
  test_client_free (interp);
  relay_fixture_clear (&fx);
}

/* SIGHUP reloads the tokens: a revoked interpreter is cut off (4001, no retry), a broken file
 * keeps the tokens in force. */
static void
test_reload_tokens (void)
{
  RelayFixture fx;
  TestClient *desk, *interp, *other;
  g_autoptr(FdSignalClient) retry = fd_signal_client_new ();
  g_autofree char *token = test_token ("int-b");
  g_autoptr(GError) error = NULL;
  TestEvent *ev;
  ConnectWait w = { 0 };

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = test_client_new (&fx, "int-b", csl_only);
  test_place_call (desk, interp, "csl");

  fx.omit_id = "int-b";
  relay_reload (&fx);
  ev = test_client_wait (desk, "call-ended", 10);
  g_assert_cmpstr (ev->a, ==, FD_END_PEER_GONE);
  test_client_wait (interp, "state:disconnected", 10);
  fd_signal_client_start (retry, fx.url, token, FD_SIGNAL_ROLE_INTERPRETER, csl_only);
  fd_signal_client_wait_async (retry, NULL, on_connected, &w);
  g_assert_true (fd_test_wait_until (connect_done, &w, 10 * 1000));
  g_assert_error (w.error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_AUTH_FAILED);
  g_clear_error (&w.error);
  g_assert_cmpint (fd_signal_client_get_state (desk->client), ==, FD_SIGNAL_STATE_CONNECTED);

  /* A broken file: the relay keeps the tokens it has. */
  g_file_set_contents (fx.config_path, "[relay]\nport=banana\n", -1, &error);
  g_assert_no_error (error);
  g_subprocess_send_signal (fx.relay, SIGHUP);
  fd_test_run_for (300);
  other = test_client_new (&fx, "int-a", csl_only);
  test_place_call (desk, other, "csl");

  test_client_free (desk);
  test_client_free (interp);
  test_client_free (other);
  relay_fixture_clear (&fx);
}

static void
on_child_incoming (FdSignalClient *client, const char *call, const char *lang, const char *desk,
                   gpointer data)
{
  fd_signal_client_accept_call (client, call, NULL);
}

/* The interpreter in a child process: accepts every call, lives at most 60 s. */
static int
child_interpreter (const char *url)
{
  g_autoptr(FdSignalClient) client = fd_signal_client_new ();
  g_autofree char *token = test_token ("int-c");

  g_signal_connect (client, "incoming-call", G_CALLBACK (on_child_incoming), NULL);
  fd_signal_client_start (client, url, token, FD_SIGNAL_ROLE_INTERPRETER, csl_only);
  fd_test_run_for (60 * 1000);
  return 0;
}

int
main (int argc, char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--child-interpreter") == 0)
    return child_interpreter (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/relay/faults/oversize", test_oversize);
  g_test_add_func ("/relay/faults/malformed", test_malformed);
  g_test_add_func ("/relay/faults/unauthenticated", test_unauthenticated);
  g_test_add_func ("/relay/faults/rate-limit", test_rate_limit);
  g_test_add_data_func ("/relay/faults/interpreter-killed", GINT_TO_POINTER (FALSE),
                        test_interpreter_gone);
  g_test_add_data_func ("/relay/faults/interpreter-frozen", GINT_TO_POINTER (TRUE),
                        test_interpreter_gone);
  g_test_add_data_func ("/relay/faults/interpreter-blip", GINT_TO_POINTER (GONE_BLIP),
                        test_interpreter_gone);
  g_test_add_func ("/relay/faults/relay-restart", test_relay_restart);
  g_test_add_func ("/relay/faults/replaced", test_replaced);
  g_test_add_func ("/relay/reload-tokens", test_reload_tokens);
  g_test_add_func ("/relay/tls", test_tls);
  return g_test_run ();
}
