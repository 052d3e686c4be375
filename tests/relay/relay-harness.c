/* relay-harness.c: starts frontdesk-relay for a test and records what clients receive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fd-relay-config.h"
#include "relay-harness.h"

static const char * const desks[] = { "desk-1", "desk-2", "desk-3", NULL };
static const char * const interpreters[] = { "int-a", "int-b", "int-c", NULL };

char *
test_token (const char *id)
{
  return g_strdup_printf ("test-token-%s-7d1f0c9a2b", id);
}

void
relay_fixture_init (RelayFixture *fx)
{
  memset (fx, 0, sizeof *fx);
  fx->ring_timeout = 20;
  fx->idle_timeout = 10;
  fx->resume_grace = 30;
  fx->ping_interval = 2;
  fx->rate_per_second = 50;
  fx->rate_burst = 100;
  fx->rate_strikes = 50;
  fx->max_message_size = 65536;
  fx->hello_timeout = 10;
}

static guint
free_port (void)
{
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                          G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sock);
  g_assert_true (g_socket_bind (sock, any, TRUE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (sock, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
write_config (RelayFixture *fx)
{
  g_autoptr(GString) s = g_string_new ("[relay]\n");
  g_autoptr(GError) error = NULL;
  char rate[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "listen=127.0.0.1\nport=%u\ndatabase=%s\n",
                          fx->port, fx->database != NULL ? fx->database : fx->db_path);
  g_string_append_printf (s, "ring-timeout=%u\nidle-timeout=%u\nping-interval=%u\n",
                          fx->ring_timeout, fx->idle_timeout, fx->ping_interval);
  g_string_append_printf (s, "rate-per-second=%s\nrate-burst=%u\nrate-strikes=%u\n",
                          g_ascii_dtostr (rate, sizeof rate, fx->rate_per_second),
                          fx->rate_burst, fx->rate_strikes);
  g_string_append_printf (s, "max-message-size=%u\nhello-timeout=%u\nresume-grace=%u\n",
                          fx->max_message_size, fx->hello_timeout, fx->resume_grace);
  {
    g_autofree char *monitor = test_token ("monitor");
    g_autofree char *monitor_hash = fd_relay_hash_token (monitor);

    g_string_append_printf (s, "monitor-hash=%s\n", monitor_hash);
  }
  if (fx->extra_config != NULL)
    g_string_append (s, fx->extra_config);
  if (fx->tls)
    g_string_append_printf (s, "tls-certificate=%s\ntls-key=%s\n", fx->tls_certificate,
                            fx->tls_key);
  g_string_append (s, "\n");
  for (guint pass = 0; pass < 2; pass++)
    {
      const char * const *ids = pass == 0 ? desks : interpreters;

      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_autofree char *plain = test_token (ids[i]);
          g_autofree char *token = g_strcmp0 (ids[i], fx->rotated_id) == 0
                                   ? g_strconcat (plain, "-rotated", NULL) : g_strdup (plain);
          g_autofree char *hash = fd_relay_hash_token (token);
          gboolean renamed = g_strcmp0 (ids[i], fx->renamed_id) == 0;

          if (g_strcmp0 (ids[i], fx->omit_id) == 0)
            continue;
          g_string_append_printf (s, "[token %s]\nrole=%s\nname=%s of %s\nhash=%s\n%s\n",
                                  ids[i], pass == 0 ? "desk" : "interpreter",
                                  renamed ? "New name" : "Name", ids[i], hash,
                                  renamed ? "languages=en\n" : "");
        }
    }
  g_file_set_contents (fx->config_path, s->str, -1, &error);
  g_assert_no_error (error);
}

static void
make_certificate (RelayFixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint status = 0;

  fx->tls_certificate = g_build_filename (fx->dir, "cert.pem", NULL);
  fx->tls_key = g_build_filename (fx->dir, "key.pem", NULL);
  g_spawn_sync (NULL, (char *[]) { "openssl", "req", "-x509", "-newkey", "ec",
                                   "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                   "-days", "2", "-subj", "/CN=127.0.0.1",
                                   "-addext", "subjectAltName=IP:127.0.0.1",
                                   "-keyout", fx->tls_key, "-out", fx->tls_certificate, NULL },
                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (status != 0)
    g_test_message ("openssl: %s", err);
  g_assert_cmpint (status, ==, 0);
}

static gboolean
port_open (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return conn != NULL;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
relay_start (RelayFixture *fx)
{
  g_autofree char *relay_bin = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log_path = NULL;
  const char *build_root = g_getenv ("FD_BUILD_ROOT");

  g_assert_nonnull (build_root);
  if (fx->dir == NULL)
    {
      fx->dir = g_dir_make_tmp ("fd-relay-test-XXXXXX", &error);
      g_assert_no_error (error);
      fx->config_path = g_build_filename (fx->dir, "relay.conf", NULL);
      fx->db_path = g_build_filename (fx->dir, "calls.sqlite", NULL);
      fx->port = free_port ();
      fx->url = g_strdup_printf ("%s://127.0.0.1:%u/ws", fx->tls ? "wss" : "ws", fx->port);
      if (fx->tls)
        make_certificate (fx);
    }
  write_config (fx);
  relay_bin = g_build_filename (build_root, "src", "relay", "frontdesk-relay", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  /* All log levels, into a file that relay_fixture_clear checks for secrets. */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  log_path = g_strdup_printf ("%s/relay-%u.log", fx->dir, fx->starts++);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  /* The relay must not outlive a test that crashes. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fx->relay = g_subprocess_launcher_spawn (launcher, &error, relay_bin,
                                           "--config", fx->config_path, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !port_open (fx->port); i++)
    g_usleep (25000);
  g_assert_true (port_open (fx->port));
}

void
relay_reload (RelayFixture *fx)
{
  write_config (fx);
  g_subprocess_send_signal (fx->relay, SIGHUP);
}

void
relay_kill (RelayFixture *fx, int signum)
{
  g_autoptr(GError) error = NULL;

  if (fx->relay == NULL)
    return;
  g_subprocess_send_signal (fx->relay, signum);
  g_subprocess_wait (fx->relay, NULL, &error);
  g_assert_no_error (error);
  /* A relay asked to stop exits cleanly (under ASan: with no leak or error report). */
  if (signum == SIGTERM)
    {
      g_assert_true (g_subprocess_get_if_exited (fx->relay));
      g_assert_cmpint (g_subprocess_get_exit_status (fx->relay), ==, 0);
    }
  g_clear_object (&fx->relay);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

/* The relay must never log a token or an SDP body, at any level. */
static void
check_logs (RelayFixture *fx)
{
  static const char * const ids[] = { "desk-1", "desk-2", "desk-3", "int-a", "int-b", "int-c" };
  static const char * const secrets[] = { "wrong-token-123", "not-a-valid-token", "v=0", NULL };

  for (guint n = 0; n < fx->starts; n++)
    {
      g_autofree char *path = g_strdup_printf ("%s/relay-%u.log", fx->dir, n);
      g_autofree char *log = NULL;

      if (!g_file_get_contents (path, &log, NULL, NULL))
        continue;
      g_printerr ("%s", log);   /* kept in the test log */
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autofree char *token = test_token (ids[i]);

          g_assert_null (strstr (log, token));
        }
      for (guint i = 0; secrets[i] != NULL; i++)
        g_assert_null (strstr (log, secrets[i]));
      /* The sanitizer build: any report in the relay's log fails the test. */
      g_assert_null (strstr (log, "Sanitizer"));
      g_assert_null (strstr (log, "runtime error:"));
    }
}

void
relay_fixture_clear (RelayFixture *fx)
{
  relay_kill (fx, SIGTERM);
  if (fx->dir != NULL)
    check_logs (fx);
  if (fx->dir != NULL)
    remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->config_path);
  g_free (fx->db_path);
  g_free (fx->url);
  g_free (fx->tls_certificate);
  g_free (fx->tls_key);
}

static void
event_free (gpointer data)
{
  TestEvent *ev = data;

  g_free (ev->kind);
  g_free (ev->call);
  g_free (ev->a);
  g_free (ev->b);
  g_free (ev);
}

static void
add_event (TestClient *tc, const char *kind, const char *call, const char *a, const char *b,
           gint n, gint m)
{
  TestEvent *ev = g_new0 (TestEvent, 1);

  ev->kind = g_strdup (kind);
  ev->call = g_strdup (call);
  ev->a = g_strdup (a);
  ev->b = g_strdup (b);
  ev->n = n;
  ev->m = m;
  g_ptr_array_add (tc->events, ev);
}

static void
on_state (GObject *object, GParamSpec *pspec, gpointer data)
{
  TestClient *tc = data;
  GEnumClass *klass = g_type_class_ref (FD_TYPE_SIGNAL_STATE);
  g_autofree char *kind = g_strconcat ("state:", g_enum_get_value (klass,
                                        fd_signal_client_get_state (tc->client))->value_nick, NULL);

  g_type_class_unref (klass);
  add_event (tc, kind, NULL, NULL, NULL, 0, 0);
}

static void
on_presence (GObject *object, GParamSpec *pspec, gpointer data)
{
  TestClient *tc = data;
  g_autofree char *kind = g_strconcat ("presence:", fd_presence_to_string (
                                        fd_signal_client_get_presence (tc->client)), NULL);

  add_event (tc, kind, NULL, NULL, NULL, 0, 0);
}

static void
on_queued (FdSignalClient *c, const char *call, guint position, gint eta, TestClient *tc)
{
  add_event (tc, "queued", call, NULL, NULL, (gint) position, eta);
}

static void
on_ringing (FdSignalClient *c, const char *call, const char *name, TestClient *tc)
{
  add_event (tc, "ringing", call, name, NULL, 0, 0);
}

static void
on_incoming (FdSignalClient *c, const char *call, const char *lang, const char *desk,
             TestClient *tc)
{
  add_event (tc, "incoming-call", call, lang, desk, 0, 0);
}

static void
on_accepted (FdSignalClient *c, const char *call, const char *lang, const char *peer_id,
             const char *peer_name, gboolean offerer, TestClient *tc)
{
  add_event (tc, "call-accepted", call, peer_id, lang, offerer, 0);
}

static void
on_sdp (FdSignalClient *c, const char *type, const char *sdp, TestClient *tc)
{
  add_event (tc, "sdp", NULL, type, sdp, 0, 0);
}

static void
on_ice (FdSignalClient *c, guint index, const char *candidate, TestClient *tc)
{
  add_event (tc, "ice", NULL, candidate, NULL, (gint) index, 0);
}

static void
on_chat (FdSignalClient *c, const char *text, const char *from, TestClient *tc)
{
  add_event (tc, "chat", NULL, text, from, 0, 0);
}

static void
on_ended (FdSignalClient *c, const char *call, const char *reason, TestClient *tc)
{
  add_event (tc, "call-ended", call, reason, NULL, 0, 0);
}

static void
on_held (FdSignalClient *c,
         const char     *call,
         TestClient     *tc)
{
  add_event (tc, "call-held", call, NULL, NULL, 0, 0);
}

static void
on_resumed (FdSignalClient *c,
            const char     *call,
            TestClient     *tc)
{
  add_event (tc, "call-resumed", call, NULL, NULL, 0, 0);
}

static void
on_peer_signal (FdSignalClient *c,
                const char     *call,
                gboolean        connected,
                TestClient     *tc)
{
  add_event (tc, connected ? "peer-signal:back" : "peer-signal:lost", call, NULL, NULL, 0, 0);
}

static void
on_error (FdSignalClient *c, GError *error, TestClient *tc)
{
  g_autofree char *kind = g_strconcat ("error:", error->domain == FD_SIGNAL_ERROR
                                       ? fd_signal_error_to_code (error->code) : "other", NULL);

  g_test_message ("client error: %s", error->message);
  add_event (tc, kind, NULL, error->message, NULL, error->code, 0);
}

TestClient *
test_client_new (RelayFixture *fx, const char *id, const char * const *languages)
{
  TestClient *tc = g_new0 (TestClient, 1);
  g_autofree char *token = test_token (id);
  FdSignalRole role = g_str_has_prefix (id, "int-") ? FD_SIGNAL_ROLE_INTERPRETER
                                                    : FD_SIGNAL_ROLE_DESK;
  static const char * const all[] = { "csl", "en", "ru", NULL };

  tc->events = g_ptr_array_new_with_free_func (event_free);
  tc->client = fd_signal_client_new ();
  fd_signal_client_set_backoff (tc->client, 200, 2000);
  if (fx->tls)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (fd_signal_client_set_ca_file (tc->client, fx->tls_certificate, &error));
      g_assert_no_error (error);
    }
  g_signal_connect (tc->client, "notify::state", G_CALLBACK (on_state), tc);
  g_signal_connect (tc->client, "notify::presence", G_CALLBACK (on_presence), tc);
  g_signal_connect (tc->client, "queued", G_CALLBACK (on_queued), tc);
  g_signal_connect (tc->client, "ringing", G_CALLBACK (on_ringing), tc);
  g_signal_connect (tc->client, "incoming-call", G_CALLBACK (on_incoming), tc);
  g_signal_connect (tc->client, "call-accepted", G_CALLBACK (on_accepted), tc);
  g_signal_connect (tc->client, "sdp", G_CALLBACK (on_sdp), tc);
  g_signal_connect (tc->client, "ice", G_CALLBACK (on_ice), tc);
  g_signal_connect (tc->client, "chat", G_CALLBACK (on_chat), tc);
  g_signal_connect (tc->client, "call-ended", G_CALLBACK (on_ended), tc);
  g_signal_connect (tc->client, "error", G_CALLBACK (on_error), tc);
  g_signal_connect (tc->client, "call-held", G_CALLBACK (on_held), tc);
  g_signal_connect (tc->client, "call-resumed", G_CALLBACK (on_resumed), tc);
  g_signal_connect (tc->client, "peer-signal", G_CALLBACK (on_peer_signal), tc);
  fd_signal_client_start (tc->client, fx->url, token, role,
                          role == FD_SIGNAL_ROLE_INTERPRETER
                          ? (languages != NULL ? languages : all) : NULL);
  /* A bound, not a timing check: the sanitizer build with full malloc stacks is slow (TLS). */
  test_client_wait_state (tc, FD_SIGNAL_STATE_CONNECTED, 30);
  return tc;
}

void
test_client_free (TestClient *tc)
{
  g_signal_handlers_disconnect_by_data (tc->client, tc);
  fd_signal_client_disconnect (tc->client);
  g_object_unref (tc->client);
  g_ptr_array_unref (tc->events);
  g_free (tc);
}

typedef struct {
  TestClient *tc;
  const char *kind;
  TestEvent *found;
} Search;

static gboolean
search_event (gpointer data)
{
  Search *s = data;

  for (guint i = s->tc->cursor; i < s->tc->events->len; i++)
    {
      TestEvent *ev = g_ptr_array_index (s->tc->events, i);

      if (g_strcmp0 (ev->kind, s->kind) == 0)
        {
          s->found = ev;
          s->tc->cursor = i + 1;
          return TRUE;
        }
    }
  return FALSE;
}

TestEvent *
test_client_wait (TestClient *tc, const char *kind, guint timeout_s)
{
  Search s = { tc, kind, NULL };

  if (!fd_test_wait_until (search_event, &s, timeout_s * 1000))
    {
      g_test_message ("no “%s” within %u s; events seen:", kind, timeout_s);
      for (guint i = 0; i < tc->events->len; i++)
        {
          TestEvent *ev = g_ptr_array_index (tc->events, i);

          g_test_message ("  %s%s %s %s", i == tc->cursor ? "→ " : "", ev->kind,
                          ev->a ? ev->a : "", ev->b ? ev->b : "");
        }
      g_assert_nonnull (s.found);
    }
  return s.found;
}

gboolean
test_client_has (TestClient *tc, const char *kind)
{
  for (guint i = tc->cursor; i < tc->events->len; i++)
    {
      TestEvent *ev = g_ptr_array_index (tc->events, i);

      if (g_strcmp0 (ev->kind, kind) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  TestClient *tc;
  FdSignalState state;
} StateWait;

static gboolean
state_reached (gpointer data)
{
  StateWait *w = data;

  return fd_signal_client_get_state (w->tc->client) == w->state;
}

void
test_client_wait_state (TestClient *tc, FdSignalState state, guint timeout_s)
{
  StateWait w = { tc, state };

  g_assert_true (fd_test_wait_until (state_reached, &w, timeout_s * 1000));
}

typedef struct {
  GBytes *body;
  GError *error;
  gboolean done;
} HttpWait;

static void
on_http_done (GObject *source, GAsyncResult *result, gpointer data)
{
  HttpWait *w = data;

  w->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
http_done (gpointer data)
{
  return ((HttpWait *) data)->done;
}

char *
relay_http_get (RelayFixture *fx, const char *path, guint *out_status, char **out_content_type)
{
  return relay_http_request (fx, path, NULL, out_status, out_content_type, NULL);
}

char *
relay_http_request (RelayFixture        *fx,
                    const char          *path,
                    const char          *bearer,
                    guint               *out_status,
                    char               **out_content_type,
                    SoupMessageHeaders **out_headers)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("%s://127.0.0.1:%u%s", fx->tls ? "https" : "http",
                                          fx->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  HttpWait w = { 0 };
  gsize len;
  const char *data;
  char *text;

  g_assert_nonnull (msg);
  if (bearer != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", bearer, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  if (fx->tls)
    {
      g_autoptr(GTlsDatabase) db = g_tls_file_database_new (fx->tls_certificate, NULL);

      g_assert_nonnull (db);
      soup_session_set_tls_database (session, db);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_http_done, &w);
  g_assert_true (fd_test_wait_until (http_done, &w, 10 * 1000));
  g_assert_no_error (w.error);
  *out_status = soup_message_get_status (msg);
  if (out_headers != NULL)
    *out_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (out_content_type != NULL)
    *out_content_type = g_strdup (soup_message_headers_get_one (
                                    soup_message_get_response_headers (msg), "Content-Type"));
  data = g_bytes_get_data (w.body, &len);
  text = data != NULL ? g_strndup (data, len) : g_strdup ("");
  g_bytes_unref (w.body);
  return text;
}

JsonObject *
relay_health (RelayFixture *fx)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ctype = NULL;
  guint status = 0;
  g_autofree char *monitor = test_token ("monitor");
  g_autofree char *body = relay_http_request (fx, "/health", monitor, &status, &ctype, NULL);

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (ctype, ==, "application/json");
  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

gint64
json_path_int (JsonObject *object, const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *current = object;

  for (guint i = 0; parts[i + 1] != NULL; i++)
    current = json_object_get_object_member (current, parts[i]);
  if (json_object_get_null_member (current, parts[g_strv_length (parts) - 1]))
    return -1;
  return json_object_get_int_member (current, parts[g_strv_length (parts) - 1]);
}

static void
on_raw_message (SoupWebsocketConnection *ws, gint type, GBytes *bytes, RawClient *rc)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_ptr_array_add (rc->frames, g_strndup (data, len));
}

static void
on_raw_closed (SoupWebsocketConnection *ws, RawClient *rc)
{
  rc->closed = TRUE;
  rc->close_code = soup_websocket_connection_get_close_code (ws);
}

typedef struct {
  SoupWebsocketConnection *ws;
  GError *error;
  gboolean done;
} WsWait;

static void
on_raw_connected (GObject *source, GAsyncResult *result, gpointer data)
{
  WsWait *w = data;

  w->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
ws_done (gpointer data)
{
  return ((WsWait *) data)->done;
}

RawClient *
raw_client_new (RelayFixture *fx)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", fx->url);
  RawClient *rc = g_new0 (RawClient, 1);
  WsWait w = { 0 };

  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_raw_connected, &w);
  g_assert_true (fd_test_wait_until (ws_done, &w, 10 * 1000));
  g_assert_no_error (w.error);
  rc->ws = w.ws;
  rc->frames = g_ptr_array_new_with_free_func (g_free);
  soup_websocket_connection_set_max_incoming_payload_size (rc->ws, 1024 * 1024);
  g_signal_connect (rc->ws, "message", G_CALLBACK (on_raw_message), rc);
  g_signal_connect (rc->ws, "closed", G_CALLBACK (on_raw_closed), rc);
  return rc;
}

void
raw_client_send (RawClient *rc, const char *text)
{
  g_assert_cmpint (soup_websocket_connection_get_state (rc->ws), ==, SOUP_WEBSOCKET_STATE_OPEN);
  soup_websocket_connection_send_text (rc->ws, text);
}

void
raw_client_hello (RawClient *rc, const char *id, const char *role)
{
  g_autofree char *token = test_token (id);
  g_autofree char *hello = g_strdup_printf ("{\"type\":\"hello\",\"v\":1,\"role\":\"%s\","
                                            "\"token\":\"%s\"}", role, token);

  raw_client_send (rc, hello);
  raw_client_wait (rc, "\"welcome\"", 10);
}

typedef struct {
  RawClient *rc;
  const char *needle;
  guint start;
  const char *found;
} FrameWait;

static gboolean
frame_found (gpointer data)
{
  FrameWait *w = data;

  for (guint i = w->start; i < w->rc->frames->len; i++)
    {
      const char *frame = g_ptr_array_index (w->rc->frames, i);

      if (strstr (frame, w->needle) != NULL)
        {
          w->found = frame;
          return TRUE;
        }
    }
  return FALSE;
}

void
raw_client_wait (RawClient *rc, const char *needle, guint timeout_s)
{
  FrameWait w = { rc, needle, 0, NULL };

  if (!fd_test_wait_until (frame_found, &w, timeout_s * 1000))
    {
      g_test_message ("no frame with %s; frames:", needle);
      for (guint i = 0; i < rc->frames->len; i++)
        g_test_message ("  %s", (char *) g_ptr_array_index (rc->frames, i));
      g_assert_nonnull (w.found);
    }
  /* Later waits for the same needle look at newer frames only. */
  g_ptr_array_remove (rc->frames, (gpointer) w.found);
  g_ptr_array_add (rc->frames, g_strdup ("(seen)"));
}

static gboolean
raw_closed (gpointer data)
{
  return ((RawClient *) data)->closed;
}

void
raw_client_wait_closed (RawClient *rc, guint timeout_s)
{
  g_assert_true (fd_test_wait_until (raw_closed, rc, timeout_s * 1000));
}

void
raw_client_free (RawClient *rc)
{
  g_signal_handlers_disconnect_by_data (rc->ws, rc);
  if (soup_websocket_connection_get_state (rc->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (rc->ws, 1000, NULL);
  g_object_unref (rc->ws);
  g_ptr_array_unref (rc->frames);
  g_free (rc);
}

/* Connects a desk call to @interp; returns the call id (owned by the event). */
const char *
test_place_call (TestClient *desk, TestClient *interp, const char *language)
{
  g_autoptr(GError) error = NULL;
  TestEvent *ev;
  const char *call;

  g_assert_true (fd_signal_client_request_call (desk->client, language, &error));
  g_assert_no_error (error);
  ev = test_client_wait (interp, "incoming-call", 10);
  call = ev->call;
  g_assert_cmpstr (ev->a, ==, language);
  ev = test_client_wait (desk, "ringing", 10);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_true (fd_signal_client_accept_call (interp->client, NULL, &error));
  g_assert_no_error (error);
  ev = test_client_wait (desk, "call-accepted", 10);
  g_assert_cmpstr (ev->call, ==, call);
  g_assert_cmpint (ev->n, ==, TRUE);            /* the desk offers */
  g_assert_cmpstr (ev->a, ==, fd_signal_client_get_user_id (interp->client));
  ev = test_client_wait (interp, "call-accepted", 10);
  g_assert_cmpint (ev->n, ==, FALSE);
  g_assert_cmpstr (fd_signal_client_get_call_id (desk->client), ==, call);
  return call;
}


gint64
relay_count_rows (RelayFixture *fx,
                  const char   *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (fx->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef struct {
  RelayFixture *fx;
  const char *sql;
  gint64 expected;
} RowsWait;

static gboolean
rows_reached (gpointer data)
{
  RowsWait *w = data;

  return relay_count_rows (w->fx, w->sql) == w->expected;
}

void
relay_wait_rows (RelayFixture *fx,
                 const char   *sql,
                 gint64        expected,
                 guint         timeout_s)
{
  RowsWait w = { fx, sql, expected };

  fd_test_wait_until (rows_reached, &w, timeout_s * 1000);
  g_assert_cmpint (relay_count_rows (fx, sql), ==, expected);
}
