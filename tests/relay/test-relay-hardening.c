/* test-relay-hardening.c: frontdesk-relay against the attacks of issue 12
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside a private network namespace (netns-run.sh) and starts the relay itself. Each test
 * is a finding of the security review; every loop is bounded in count and time.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <sqlite3.h>

#include "relay-harness.h"
#include "relay-wire.h"

static const char * const csl_only[] = { "csl", NULL };

static void
check_still_serving (RelayFixture *fx)
{
  TestClient *desk = test_client_new (fx, "desk-1", NULL);
  TestClient *interp = test_client_new (fx, "int-a", csl_only);

  test_place_call (desk, interp, "csl");
  test_client_free (desk);
  test_client_free (interp);
}

static GSocketConnection *
wire_signed_in (RelayFixture *fx,
                const char   *id,
                const char   *role)
{
  GSocketConnection *conn = wire_connect (fx->port);
  g_autofree char *token = test_token (id);
  g_autofree char *hello = NULL;
  g_autofree char *welcome = NULL;

  g_assert_cmpuint (wire_upgrade (conn, fx->port, NULL), ==, 101);
  hello = g_strdup_printf ("{\"type\":\"hello\",\"v\":1,\"role\":\"%s\",\"token\":\"%s\"%s}",
                           role, token,
                           g_str_equal (role, "interpreter") ? ",\"languages\":[\"csl\"]" : "");
  wire_send_text (conn, hello);
  welcome = wire_wait_text (conn, "\"welcome\"");
  return conn;
}

/* Continuation frames without FIN: the relay closes (1009) once their total passes
 * max-message-size, signed in or not, instead of buffering until memory runs out. */
static void
test_fragments (void)
{
  RelayFixture fx;
  g_autofree char *chunk = g_strnfill (1000, 'a');

  relay_fixture_init (&fx);
  relay_start (&fx);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GSocketConnection) conn = NULL;

      if (pass == 0)
        {
          conn = wire_connect (fx.port);
          g_assert_cmpuint (wire_upgrade (conn, fx.port, NULL), ==, 101);
        }
      else
        conn = wire_signed_in (&fx, "desk-2", "desk");
      /* 200 × 1000 bytes against the default limit of 64 KiB. */
      wire_send_frame (conn, 0x1, FALSE, "{\"type\":\"chat\",\"text\":\"", 23);
      for (guint i = 0; i < 200; i++)
        wire_send_frame (conn, 0x0, FALSE, chunk, 1000);
      g_assert_cmpuint (wire_read_close (conn), ==, 1009);
    }
  check_still_serving (&fx);
  relay_fixture_clear (&fx);
}

/* The relay's own WebSocket layer (fd-relay-ws.c): a ping is answered between the fragments of
 * a hello, the fragments make one message; a close is answered with its code; unmasked frames,
 * oversized control frames and text that is not UTF-8 fail the connection (1002, 1002, 1007). */
static void
test_frames (void)
{
  RelayFixture fx;
  g_autofree char *token = test_token ("desk-2");
  g_autofree char *hello = g_strdup_printf ("{\"type\":\"hello\",\"v\":1,\"role\":\"desk\","
                                            "\"token\":\"%s\"}", token);
  gsize third = strlen (hello) / 3;
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GBytes) pong = NULL;
  g_autofree char *welcome = NULL;
  g_autofree char *big_ping = g_strnfill (126, 'p');
  static const guint8 close_1000[] = { 0x03, 0xe8 };
  static const guint8 unmasked[] = { 0x81, 0x02, 'h', 'i' };
  static const guint8 not_utf8[] = { 0xff, 0xfe, 0xfd };

  relay_fixture_init (&fx);
  relay_start (&fx);
  conn = wire_connect (fx.port);
  g_assert_cmpuint (wire_upgrade (conn, fx.port, NULL), ==, 101);
  wire_send_frame (conn, 0x1, FALSE, hello, third);
  wire_send_frame (conn, 0x9, TRUE, "abc", 3);
  pong = wire_read_frame (conn, 0xA);
  g_assert_nonnull (pong);
  g_assert_cmpmem (g_bytes_get_data (pong, NULL), g_bytes_get_size (pong), "abc", 3);
  wire_send_frame (conn, 0x0, FALSE, hello + third, third);
  wire_send_frame (conn, 0x0, TRUE, hello + 2 * third, strlen (hello) - 2 * third);
  welcome = wire_wait_text (conn, "\"welcome\"");
  wire_send_frame (conn, 0x8, TRUE, close_1000, sizeof close_1000);
  g_assert_cmpuint (wire_read_close (conn), ==, 1000);
  g_assert_true (wire_peer_closed (conn));
  g_clear_object (&conn);

  conn = wire_connect (fx.port);
  g_assert_cmpuint (wire_upgrade (conn, fx.port, NULL), ==, 101);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), unmasked,
                             sizeof unmasked, NULL, NULL, NULL);
  g_assert_cmpuint (wire_read_close (conn), ==, 1002);
  g_clear_object (&conn);

  conn = wire_connect (fx.port);
  g_assert_cmpuint (wire_upgrade (conn, fx.port, NULL), ==, 101);
  wire_send_frame (conn, 0x9, TRUE, big_ping, 126);
  g_assert_cmpuint (wire_read_close (conn), ==, 1002);
  g_clear_object (&conn);

  conn = wire_connect (fx.port);
  g_assert_cmpuint (wire_upgrade (conn, fx.port, NULL), ==, 101);
  wire_send_frame (conn, 0x1, TRUE, not_utf8, sizeof not_utf8);
  g_assert_cmpuint (wire_read_close (conn), ==, 1007);
  g_clear_object (&conn);

  check_still_serving (&fx);
  relay_fixture_clear (&fx);
}

/* Half-sent requests: the per-address cap refuses more, the request timeout closes them. */
static void
test_connection_caps (void)
{
  RelayFixture fx;
  GSocketConnection *held[5];
  g_autoptr(GSocketConnection) extra = NULL;
  g_autoptr(GSocketConnection) late = NULL;
  const char *half = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";

  relay_fixture_init (&fx);
  fx.extra_config = "max-connections-per-address=5\nrequest-timeout=3\n";
  relay_start (&fx);
  fd_test_run_for (200);   /* relay_start's own probe connections are gone */
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      held[i] = wire_connect (fx.port);
      g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (held[i])), half,
                                 strlen (half), NULL, NULL, NULL);
    }
  /* The sixth from the same address is closed at once. */
  extra = wire_connect (fx.port);
  g_assert_true (wire_peer_closed (extra));
  /* The five are closed when request-timeout (3 s) passes (the socket timeout is 10 s). */
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    {
      g_assert_true (wire_peer_closed (held[i]));
      g_object_unref (held[i]);
    }
  fd_test_run_for (200);
  late = wire_connect (fx.port);
  g_assert_cmpuint (wire_upgrade (late, fx.port, NULL), ==, 101);
  relay_fixture_clear (&fx);
}

/* With the defaults (request-timeout 10 s): a half-sent request does not stay open. */
static void
test_request_timeout_default (void)
{
  RelayFixture fx;
  g_autoptr(GSocketConnection) conn = NULL;
  const char *half = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr";

  relay_fixture_init (&fx);
  relay_start (&fx);
  conn = wire_connect (fx.port);
  g_socket_set_timeout (g_socket_connection_get_socket (conn), 20);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), half,
                             strlen (half), NULL, NULL, NULL);
  g_assert_true (wire_peer_closed (conn));
  relay_fixture_clear (&fx);
}

static char *
nested (const char *before,
        guint       depth,
        const char *after)
{
  GString *s = g_string_new (before);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append (s, after);
  return g_string_free (s, FALSE);
}

/* 500,000 levels in one 1 MB message: refused as bad JSON, nothing crashes. */
static void
test_deep_json (void)
{
  RelayFixture fx;
  g_autoptr(GSocketConnection) conn = NULL;
  g_autofree char *deep = nested ("{\"type\":\"ping\",\"x\":", 500000, "}");
  g_autofree char *answer = NULL;
  g_autofree char *pong = NULL;

  relay_fixture_init (&fx);
  fx.max_message_size = 2 * 1024 * 1024;
  relay_start (&fx);
  conn = wire_signed_in (&fx, "desk-2", "desk");
  wire_send_text (conn, deep);
  answer = wire_wait_text (conn, "\"bad-json\"");
  wire_send_text (conn, "{\"type\":\"ping\"}");
  pong = wire_wait_text (conn, "\"pong\"");
  check_still_serving (&fx);
  relay_fixture_clear (&fx);
}

/* Browsers may open /ws only from the relay's own origin or allowed-origins; clients without an
 * Origin (the desktop app, the agent) are let in. */
static void
test_origin (void)
{
  RelayFixture fx;
  g_autofree char *own = NULL;
  static const struct {
    const char *origin;
    guint status;
  } cases[] = {
    { NULL, 101 },
    { "http://evil.example", 403 },
    { "https://console.hall.example", 101 },
    { "http://127.0.0.1:1", 403 },
    { "null", 403 },
  };

  relay_fixture_init (&fx);
  fx.extra_config = "allowed-origins=https://console.hall.example\n";
  relay_start (&fx);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSocketConnection) conn = wire_connect (fx.port);

      g_test_message ("Origin: %s", cases[i].origin ? cases[i].origin : "(none)");
      g_assert_cmpuint (wire_upgrade (conn, fx.port, cases[i].origin), ==, cases[i].status);
    }
  own = g_strdup_printf ("http://127.0.0.1:%u", fx.port);
  {
    g_autoptr(GSocketConnection) conn = wire_connect (fx.port);

    g_assert_cmpuint (wire_upgrade (conn, fx.port, own), ==, 101);
  }
  relay_fixture_clear (&fx);
}

/* SIGHUP: a session whose token was rotated is closed (4001); a renamed interpreter keeps its
 * session but takes the new name and loses the languages no longer allowed. */
static void
test_reload_rotated (void)
{
  RelayFixture fx;
  TestClient *desk, *renamed, *other;
  g_autoptr(GError) error = NULL;
  static const char * const all[] = { "csl", "en", "ru", NULL };
  TestEvent *ev;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  other = test_client_new (&fx, "desk-2", NULL);
  renamed = test_client_new (&fx, "int-a", all);

  fx.rotated_id = "desk-1";
  fx.renamed_id = "int-a";
  relay_reload (&fx);
  test_client_wait (desk, "state:disconnected", 10);
  fd_test_run_for (1500);   /* a 4001 close is final: no reconnection (backoff is 200 ms) */
  g_assert_cmpint (fd_signal_client_get_state (desk->client), ==, FD_SIGNAL_STATE_DISCONNECTED);
  fd_test_run_for (500);
  g_assert_cmpint (fd_signal_client_get_state (renamed->client), ==, FD_SIGNAL_STATE_CONNECTED);

  /* Only English is left: a csl request queues, an English one rings with the new name. */
  g_assert_true (fd_signal_client_request_call (other->client, "csl", &error));
  test_client_wait (other, "queued", 10);
  g_assert_true (fd_signal_client_cancel_call (other->client, &error));
  test_client_wait (other, "call-ended", 10);
  g_assert_true (fd_signal_client_request_call (other->client, "en", &error));
  ev = test_client_wait (other, "ringing", 10);
  g_assert_cmpstr (ev->a, ==, "New name of int-a");

  test_client_free (desk);
  test_client_free (other);
  test_client_free (renamed);
  relay_fixture_clear (&fx);
}

typedef struct {
  TestClient *tc;
  const char * const *kinds;
  TestEvent *found;
} AnyWait;

static gboolean
any_event (gpointer data)
{
  AnyWait *w = data;

  for (guint i = w->tc->cursor; i < w->tc->events->len; i++)
    {
      TestEvent *ev = g_ptr_array_index (w->tc->events, i);

      if (g_strv_contains (w->kinds, ev->kind))
        {
          w->found = ev;
          w->tc->cursor = i + 1;
          return TRUE;
        }
    }
  return FALSE;
}

/* A desk looping call-request/call-cancel: after call-requests-per-minute (6) cancelled calls it
 * is refused, so interpreters stop ringing in turn and records stop growing. */
static void
test_cancel_loop (void)
{
  RelayFixture fx;
  TestClient *desk;
  TestClient *interps[3];
  g_autoptr(GError) error = NULL;
  static const char * const kinds[] = { "ringing", "error:rate-limited", NULL };
  guint rung = 0, refused = 0;

  relay_fixture_init (&fx);
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interps[0] = test_client_new (&fx, "int-a", csl_only);
  interps[1] = test_client_new (&fx, "int-b", csl_only);
  interps[2] = test_client_new (&fx, "int-c", csl_only);
  for (guint i = 0; i < 20; i++)
    {
      AnyWait w = { desk, kinds, NULL };

      g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
      g_assert_no_error (error);
      g_assert_true (fd_test_wait_until (any_event, &w, 10 * 1000));
      if (g_str_equal (w.found->kind, "ringing"))
        {
          rung++;
          g_assert_true (fd_signal_client_cancel_call (desk->client, &error));
          test_client_wait (desk, "call-ended", 10);
        }
      else
        refused++;
    }
  g_test_message ("rung %u, refused %u", rung, refused);
  /* A full bucket of 6, plus at most one token refilled while the test runs (10 s per token). */
  g_assert_cmpuint (rung, >=, 6);
  g_assert_cmpuint (rung, <=, 7);
  g_assert_cmpuint (refused, ==, 20 - rung);
  relay_wait_rows (&fx, "SELECT count(*) FROM calls", rung, 10);

  /* An answered call costs nothing: the desk still gets through once the bucket refills, and
   * calls that are answered are never refused (test_repeat_calls in test-relay-routing). */
  for (guint k = 0; k < 3; k++)
    test_client_free (interps[k]);
  test_client_free (desk);
  relay_fixture_clear (&fx);
}

/* Records older than record-days go at start; the ETA mean reads an index, not the table. */
static void
test_record_expiry (void)
{
  RelayFixture fx;
  sqlite3 *db = NULL;
  g_autofree char *sql = NULL;
  gint64 now_ms = g_get_real_time () / 1000;

  relay_fixture_init (&fx);
  relay_start (&fx);
  check_still_serving (&fx);
  relay_kill (&fx, SIGTERM);
  g_assert_cmpint (sqlite3_open_v2 (fx.db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sql = g_strdup_printf ("INSERT INTO calls (id, desk_id, desk_name, language, asked_at) VALUES "
                         "('c-old', 'desk-1', 'x', 'csl', %" G_GINT64_FORMAT "), "
                         "('c-recent', 'desk-1', 'x', 'csl', %" G_GINT64_FORMAT ")",
                         now_ms - (gint64) 400 * 24 * 3600 * 1000,
                         now_ms - (gint64) 300 * 24 * 3600 * 1000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  relay_start (&fx);    /* default record-days: 366 */
  check_still_serving (&fx);
  g_assert_cmpint (relay_count_rows (&fx, "SELECT count(*) FROM calls WHERE id = 'c-old'"), ==, 0);
  g_assert_cmpint (relay_count_rows (&fx, "SELECT count(*) FROM calls WHERE id = 'c-recent'"), ==, 1);
  /* c-recent and the calls of the two checks (the second's record written from a thread). */
  relay_wait_rows (&fx, "SELECT count(*) FROM calls", 3, 10);
  g_assert_cmpint (relay_count_rows (&fx, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                               "AND sql LIKE '%(language, ended_at)%'"), ==, 1);
  relay_fixture_clear (&fx);
}

/* A client that never reads: once max-send-queue bytes wait for it, it is cut off and its call
 * ends for the desk; the relay does not queue without bound. */
static void
test_slow_consumer (void)
{
  RelayFixture fx;
  TestClient *desk;
  g_autoptr(GSocketConnection) interp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *incoming = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *text = g_strnfill (3900, 'z');
  const char *call;
  int rcvbuf = 4096;
  guint sent = 0;

  relay_fixture_init (&fx);
  fx.rate_per_second = 100000;
  fx.rate_burst = 100000;
  fx.idle_timeout = 120;   /* the silent reader must not be dropped as idle instead */
  relay_start (&fx);
  desk = test_client_new (&fx, "desk-1", NULL);
  interp = wire_signed_in (&fx, "int-a", "interpreter");
  setsockopt (g_socket_get_fd (g_socket_connection_get_socket (interp)), SOL_SOCKET, SO_RCVBUF,
              &rcvbuf, sizeof rcvbuf);
  g_assert_true (fd_signal_client_request_call (desk->client, "csl", &error));
  incoming = wire_wait_text (interp, "\"incoming-call\"");
  call = strstr (incoming, "\"call\":\"") + 8;
  accept = g_strdup_printf ("{\"type\":\"call-accept\",\"call\":\"%.*s\"}",
                            (int) (strchr (call, '"') - call), call);
  wire_send_text (interp, accept);
  test_client_wait (desk, "call-accepted", 10);

  /* The interpreter reads nothing more but keeps pinging. At most 4,000 chats (about 16 MB). */
  while (!test_client_has (desk, "call-ended") && sent < 4000)
    {
      for (guint i = 0; i < 50; i++, sent++)
        fd_signal_client_send_chat (desk->client, text, NULL);
      wire_send_text (interp, "{\"type\":\"ping\"}");
      fd_test_run_for (20);
    }
  g_test_message ("%u chats of 3,900 bytes sent before the relay cut the reader off", sent);
  g_assert_cmpstr (test_client_wait (desk, "call-ended", 20)->a, ==, FD_END_PEER_GONE);
  test_client_free (desk);
  check_still_serving (&fx);
  relay_fixture_clear (&fx);
}

/* /health answers anyone without touching the database, and only with the monitoring token
 * shows counts; every response carries the security headers. */
static void
test_health_and_headers (void)
{
  RelayFixture fx;
  g_autofree char *monitor = test_token ("monitor");
  guint status = 0;

  relay_fixture_init (&fx);
  relay_start (&fx);
  {
    g_autoptr(SoupMessageHeaders) headers = NULL;
    g_autofree char *body = relay_http_request (&fx, "/health", NULL, &status, NULL, &headers);

    g_assert_cmpuint (status, ==, 200);
    g_assert_null (strstr (body, "desks"));
    g_assert_null (strstr (body, "calls_today"));
    g_assert_nonnull (strstr (body, "\"status\":\"ok\""));
    g_assert_nonnull (soup_message_headers_get_one (headers, "Content-Security-Policy"));
  }
  {
    g_autofree char *body = relay_http_request (&fx, "/health", "not-the-monitor-token", &status,
                                                NULL, NULL);

    g_assert_cmpuint (status, ==, 401);
    g_assert_null (strstr (body, "desks"));
  }
  {
    g_autofree char *body = relay_http_request (&fx, "/health", monitor, &status, NULL, NULL);

    g_assert_cmpuint (status, ==, 200);
    g_assert_nonnull (strstr (body, "\"desks\""));
    g_assert_nonnull (strstr (body, "\"calls_today\""));
  }
  /* /metrics (Prometheus text) likewise needs the monitoring token. */
  {
    g_autofree char *body = relay_http_request (&fx, "/metrics", NULL, &status, NULL, NULL);

    g_assert_cmpuint (status, ==, 401);
    g_assert_null (strstr (body, "frontdesk_relay_"));
  }
  {
    g_autofree char *ctype = NULL;
    g_autofree char *body = relay_http_request (&fx, "/metrics", monitor, &status, &ctype, NULL);

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (g_str_has_prefix (ctype, "text/plain; version=0.0.4"));
    g_assert_nonnull (strstr (body, "# TYPE frontdesk_relay_websockets gauge\n"));
    g_assert_nonnull (strstr (body, "frontdesk_relay_interpreters{presence=\"available\"} 0\n"));
    g_assert_nonnull (strstr (body, "frontdesk_relay_queued_calls{language=\"csl\"} 0\n"));
  }
  {
    g_autoptr(SoupMessageHeaders) headers = NULL;
    g_autofree char *body = relay_http_request (&fx, "/index.html", NULL, &status, NULL, &headers);
    const char *csp = soup_message_headers_get_one (headers, "Content-Security-Policy");

    g_assert_nonnull (csp);
    g_assert_nonnull (strstr (csp, "default-src 'none'"));
    g_assert_nonnull (strstr (csp, "frame-ancestors 'none'"));
    g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==,
                     "nosniff");
    g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Frame-Options"), ==, "DENY");
    g_assert_cmpstr (soup_message_headers_get_one (headers, "Referrer-Policy"), ==, "no-referrer");
  }
  relay_fixture_clear (&fx);
}

/* The listening socket's backlog (ss shows it as Send-Q) is listen-backlog (default 4096,
 * capped by net.core.somaxconn), not GSocketListener's 10; a storm of 2,000 connections at
 * once is queued, not reset, and every one is upgraded. */
static void
test_backlog_storm (void)
{
  RelayFixture fx;
  g_autofree char *out = NULL;
  g_autofree char *somaxconn_text = NULL;
  g_autofree char *filter = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  guint64 somaxconn;
  g_autoptr(GPtrArray) conns = g_ptr_array_new_with_free_func (g_object_unref);
  guint upgraded = 0;
  int status = 0;

  relay_fixture_init (&fx);
  fx.extra_config = "max-connections-per-address=5000\n";
  relay_start (&fx);
  g_assert_true (g_file_get_contents ("/proc/sys/net/core/somaxconn", &somaxconn_text, NULL,
                                      NULL));
  somaxconn = g_ascii_strtoull (somaxconn_text, NULL, 10);
  filter = g_strdup_printf ("sport = :%u", fx.port);
  g_spawn_sync (NULL, (char *[]) { "ss", "-Hltn", filter, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("ss: %s", out);
  fields = g_strsplit_set (g_strstrip (out), " \t", -1);
  {
    guint64 values[2] = { 0 };
    guint got = 0;

    for (guint i = 1; fields[i] != NULL && got < 2; i++)
      if (*fields[i] != '\0')
        values[got++] = g_ascii_strtoull (fields[i], NULL, 10);
    g_assert_cmpuint (got, ==, 2);
    g_assert_cmpuint (values[1], ==, MIN (4096, somaxconn));   /* Send-Q */
  }

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      GSocketConnection *conn = g_socket_client_connect_to_host (client, "127.0.0.1", fx.port,
                                                                 NULL, &error);

      g_assert_no_error (error);
      g_socket_set_timeout (g_socket_connection_get_socket (conn), 30);
      wire_send_upgrade (conn, fx.port, NULL);
      g_ptr_array_add (conns, conn);
    }
  for (guint i = 0; i < conns->len; i++)
    upgraded += wire_read_status (g_ptr_array_index (conns, i)) == 101;
  g_assert_cmpuint (upgraded, ==, 2000);
  g_ptr_array_set_size (conns, 0);
  check_still_serving (&fx);
  relay_fixture_clear (&fx);
}

int
main (int   argc,
      char *argv[])
{
  struct rlimit limit;

  g_test_init (&argc, &argv, NULL);
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
  g_test_add_func ("/relay/hardening/fragments", test_fragments);
  g_test_add_func ("/relay/hardening/frames", test_frames);
  g_test_add_func ("/relay/hardening/connection-caps", test_connection_caps);
  g_test_add_func ("/relay/hardening/request-timeout", test_request_timeout_default);
  g_test_add_func ("/relay/hardening/deep-json", test_deep_json);
  g_test_add_func ("/relay/hardening/origin", test_origin);
  g_test_add_func ("/relay/hardening/reload-rotated", test_reload_rotated);
  g_test_add_func ("/relay/hardening/cancel-loop", test_cancel_loop);
  g_test_add_func ("/relay/hardening/record-expiry", test_record_expiry);
  g_test_add_func ("/relay/hardening/slow-consumer", test_slow_consumer);
  g_test_add_func ("/relay/hardening/health-and-headers", test_health_and_headers);
  g_test_add_func ("/relay/hardening/backlog-storm", test_backlog_storm);
  return g_test_run ();
}
