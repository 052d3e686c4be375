/* fd-relay-server.c: frontdesk-relay's HTTP/WebSocket server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "fd-relay-gate.h"
#include "fd-relay-health.h"
#include "fd-relay-router.h"
#include "fd-relay-server.h"
#include "fd-relay-static.h"
#include "fd-relay-store.h"
#include "fd-relay-ws.h"

#define PING_TEXT "{\"type\":\"ping\"}"
#define PONG_TEXT "{\"type\":\"pong\"}"

typedef struct {
  FdRelayServer *server;
  FdRelayWs *ws;
  FdRelayPeer *peer;
  char *token;            /* kept to check it again when the tokens are reloaded */
  char *remote;
  double tokens;
  gint64 refill_us;
  guint strikes;
  gint64 opened_us;
  gint64 last_rx_us;
  gboolean closing;
} Conn;

struct _FdRelayServer
{
  FdRelayConfig *config;
  SoupServer *soup;
  FdRelayGate *gate;
  FdRelayStore *store;
  FdRelayRouter *router;
  FdRelayPoller *poller;
  GPtrArray *conns;
  GHashTable *signed_in;  /* identity id (the peer's) → Conn: a hello finds its older session */
  guint tick_source;
  gint64 started_us;
  gint64 purged_us;
};

/* Call records older than record-days go, at start and then hourly. */
static void
purge_records (FdRelayServer *server)
{
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000
                  - (gint64) server->config->record_days * 24 * 3600 * 1000;
  gint64 n;

  server->purged_us = g_get_monotonic_time ();
  if (server->config->record_days == 0)
    return;
  n = fd_relay_store_purge (server->store, before, &error);
  if (n < 0)
    g_message ("%s", error->message);
  else if (n > 0)
    g_message ("deleted %" G_GINT64_FORMAT " call records older than %u days", n,
               server->config->record_days);
}

static void conn_close (Conn *conn, gushort code, const char *reason);

/* Before the peer leaves the router (its id is the key). */
static void
conn_unlist (Conn *conn)
{
  if (g_hash_table_lookup (conn->server->signed_in, conn->peer->id) == conn)
    g_hash_table_remove (conn->server->signed_in, conn->peer->id);
}

/* A server frame's size on the wire (unmasked). */
static guint64
frame_size (gsize payload)
{
  return payload + (payload < 126 ? 2 : (payload < 65536 ? 4 : 10));
}

/* A client that does not read cannot make the relay queue without bound: past max-send-queue
 * bytes not yet written, it is cut off (no close frame could reach it anyway). */
static void
conn_send_text (Conn       *conn,
                const char *text,
                gsize       length)
{
  guint64 pending;

  if (conn->closing || !fd_relay_ws_is_open (conn->ws))
    return;
  pending = fd_relay_ws_get_queued (conn->ws) + frame_size (length);
  if (pending > conn->server->config->max_send_queue)
    {
      g_message ("%s: %" G_GUINT64_FORMAT " bytes not read by the client: closing",
                 conn->peer != NULL ? conn->peer->id : conn->remote, pending);
      conn_close (conn, FD_CLOSE_POLICY, "not reading");
      fd_relay_ws_abort (conn->ws);
      return;
    }
  fd_relay_ws_send_text (conn->ws, text, length);
}

static void
conn_send (gpointer    connection,
           JsonObject *message)
{
  Conn *conn = connection;
  g_autofree char *text = NULL;

  if (conn->closing || !fd_relay_ws_is_open (conn->ws))
    return;
  text = fd_protocol_to_string (message);
  conn_send_text (conn, text, strlen (text));
}

static void
conn_send_error (Conn *conn, GError *error, const char *ref, const char *call)
{
  g_autoptr(JsonObject) message = NULL;
  FdSignalError code = error->domain == FD_SIGNAL_ERROR ? (FdSignalError) error->code
                                                          : FD_SIGNAL_ERROR_INTERNAL;

  message = fd_protocol_error_new (code, error->message, ref);
  if (call != NULL && fd_protocol_get_string (message, "call") == NULL && strlen (call) <= 64)
    json_object_set_string_member (message, "call", call);
  conn_send (conn, message);
}

/* Leaves the router at once (so a call peer learns promptly), then closes the socket. */
static void
conn_close (Conn *conn, gushort code, const char *reason)
{
  if (conn->peer != NULL)
    {
      g_message ("%s (%s) leaves: %s", conn->peer->id, conn->remote, reason);
      conn_unlist (conn);
      /* Silent or replaced: maybe a network blip; its call may be resumed (call-resume). */
      if (code == FD_CLOSE_IDLE_TIMEOUT || code == FD_CLOSE_REPLACED)
        fd_relay_router_lose_peer (conn->server->router, conn->peer);
      else
        fd_relay_router_remove_peer (conn->server->router, conn->peer);
      conn->peer = NULL;
    }
  if (conn->closing)
    return;
  conn->closing = TRUE;
  fd_relay_ws_close (conn->ws, code, reason);
}

static void
conn_free (Conn *conn)
{
  if (conn->token != NULL)
    memset (conn->token, 0, strlen (conn->token));
  g_free (conn->token);
  g_free (conn->remote);
  g_free (conn);
}

static gboolean
rate_allows (Conn *conn)
{
  FdRelayConfig *config = conn->server->config;
  gint64 now = g_get_monotonic_time ();

  conn->tokens += (now - conn->refill_us) / 1e6 * config->rate_per_second;
  conn->refill_us = now;
  if (conn->tokens >= config->rate_burst)
    {
      conn->tokens = config->rate_burst;
      conn->strikes = 0;
    }
  if (conn->tokens < 1.0)
    return FALSE;
  conn->tokens -= 1.0;
  return TRUE;
}

static void
send_welcome (Conn *conn, const FdRelayIdentity *identity)
{
  FdRelayConfig *config = conn->server->config;
  g_autoptr(JsonObject) welcome = fd_protocol_message_new (FD_MSG_WELCOME);
  g_autofree char *session = g_uuid_string_random ();
  FdRelayPeer *peer = conn->peer;

  json_object_set_int_member (welcome, "v", FD_PROTOCOL_VERSION);
  json_object_set_string_member (welcome, "session", session);
  json_object_set_string_member (welcome, "id", identity->id);
  json_object_set_string_member (welcome, "name", identity->name);
  json_object_set_string_member (welcome, "role", fd_signal_role_to_string (identity->role));
  json_object_set_int_member (welcome, "ping_interval", config->ping_interval);
  json_object_set_int_member (welcome, "idle_timeout", config->idle_timeout);
  json_object_set_int_member (welcome, "ring_timeout", config->ring_timeout);
  if (peer->role == FD_SIGNAL_ROLE_INTERPRETER)
    {
      JsonArray *langs = json_array_new ();

      json_object_set_string_member (welcome, "presence", fd_presence_to_string (peer->presence));
      for (guint i = 0; peer->languages[i] != NULL; i++)
        json_array_add_string_element (langs, peer->languages[i]);
      json_object_set_array_member (welcome, "languages", langs);
    }
  conn_send (conn, welcome);
}

static void
handle_hello (Conn *conn, JsonObject *message)
{
  FdRelayServer *server = conn->server;
  const FdRelayIdentity *identity;
  FdSignalRole role = FD_SIGNAL_ROLE_DESK;
  FdPresence presence = FD_PRESENCE_AVAILABLE;
  g_auto(GStrv) languages = fd_protocol_get_strv (message, "languages");
  g_autoptr(GError) error = NULL;
  Conn *old_conn;

  if (fd_protocol_get_int (message, "v", 0) != FD_PROTOCOL_VERSION)
    {
      error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_UNSUPPORTED_VERSION,
                           "this relay speaks protocol version %d", FD_PROTOCOL_VERSION);
      conn_send_error (conn, error, "hello", NULL);
      conn_close (conn, FD_CLOSE_BAD_VERSION, "unsupported protocol version");
      return;
    }
  fd_signal_role_from_string (fd_protocol_get_string (message, "role"), &role);
  identity = fd_relay_config_verify (server->config, fd_protocol_get_string (message, "token"));
  if (identity == NULL || identity->role != role)
    {
      g_message ("authentication failed from %s (role %s)", conn->remote,
                 fd_signal_role_to_string (role));
      error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_AUTH_FAILED,
                           "unknown token, or not a token for this role");
      conn_send_error (conn, error, "hello", NULL);
      conn_close (conn, FD_CLOSE_AUTH_FAILED, "authentication failed");
      return;
    }
  if (role == FD_SIGNAL_ROLE_INTERPRETER && languages != NULL && identity->languages != NULL)
    {
      for (guint i = 0; languages[i] != NULL; i++)
        {
          if (!g_strv_contains ((const char * const *) identity->languages, languages[i]))
            {
              error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_LANGUAGE,
                                   "language %s is not allowed for this token", languages[i]);
              conn_send_error (conn, error, "hello", NULL);
              conn_close (conn, FD_CLOSE_AUTH_FAILED, "language not allowed");
              return;
            }
        }
    }
  fd_presence_from_string (fd_protocol_get_string (message, "presence"), &presence);

  old_conn = g_hash_table_lookup (server->signed_in, identity->id);
  if (old_conn != NULL)
    {
      g_message ("%s connected again from %s: closing the older connection", identity->id,
                 conn->remote);
      conn_close (old_conn, FD_CLOSE_REPLACED, "replaced by a newer connection");
    }
  conn->token = g_strdup (fd_protocol_get_string (message, "token"));
  conn->peer = fd_relay_router_add_peer (server->router, identity, (const char * const *) languages,
                                         presence, conn);
  g_hash_table_insert (server->signed_in, conn->peer->id, conn);
  g_message ("%s “%s” (%s) signed in from %s", fd_signal_role_to_string (role), identity->id,
             identity->name, conn->remote);
  send_welcome (conn, identity);
  fd_relay_router_announce (server->router, conn->peer);
}

static void
on_ws_message (FdRelayWs  *ws,
               gboolean    text,
               const char *data,
               gsize       length,
               gpointer    user_data)
{
  Conn *conn = user_data;
  FdRelayConfig *config = conn->server->config;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) message = NULL;
  FdMsgType type = FD_MSG_UNKNOWN;

  if (conn->closing)
    return;
  conn->last_rx_us = g_get_monotonic_time ();
  if (length > config->max_message_size)
    {
      g_message ("%s: message of %" G_GSIZE_FORMAT " bytes is over the limit of %" G_GUINT64_FORMAT,
                 conn->peer != NULL ? conn->peer->id : conn->remote, length,
                 config->max_message_size);
      conn_close (conn, FD_CLOSE_TOO_BIG, "message too big");
      return;
    }
  if (!rate_allows (conn))
    {
      conn->strikes++;
      if (conn->strikes >= config->rate_strikes || conn->peer == NULL)
        {
          conn_close (conn, FD_CLOSE_POLICY, "rate limit exceeded");
          return;
        }
      error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_RATE_LIMITED,
                           "too many messages; this one was dropped");
      conn_send_error (conn, error, NULL, NULL);
      return;
    }
  /* The commonest message (every client, every ping-interval), as FdSignalClient and the console
   * write it: answered without a JSON parser; any other spelling takes the path below. */
  if (conn->peer != NULL && text && length == strlen (PING_TEXT)
      && memcmp (data, PING_TEXT, length) == 0)
    {
      conn_send_text (conn, PONG_TEXT, strlen (PONG_TEXT));
      return;
    }
  if (text)
    message = fd_protocol_parse (data, length, FD_PROTOCOL_TO_RELAY, &type, &error);
  else
    error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_JSON, "binary frames are not used");

  if (conn->peer == NULL)
    {
      if (message != NULL && type == FD_MSG_HELLO)
        {
          handle_hello (conn, message);
          return;
        }
      if (error == NULL)
        error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_NOT_AUTHENTICATED,
                             "the first message must be hello");
      else
        g_prefix_error (&error, "before hello: ");
      g_debug ("%s: %s", conn->remote, error->message);
      conn_send_error (conn, error, NULL, NULL);
      conn_close (conn, FD_CLOSE_POLICY, "hello expected");
      return;
    }
  if (message == NULL)
    {
      g_debug ("%s: %s", conn->peer->id, error->message);
      conn_send_error (conn, error, type != FD_MSG_UNKNOWN ? fd_msg_type_to_string (type) : NULL,
                       NULL);
      return;
    }
  switch (type)
    {
    case FD_MSG_PING:
      {
        g_autoptr(JsonObject) pong = fd_protocol_message_new (FD_MSG_PONG);

        conn_send (conn, pong);
      }
      return;
    case FD_MSG_HELLO:
      error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE, "already signed in");
      break;
    default:
      fd_relay_router_handle (conn->server->router, conn->peer, type, message, &error);
      break;
    }
  if (error != NULL)
    conn_send_error (conn, error, fd_msg_type_to_string (type),
                     fd_protocol_get_string (message, "call"));
}

static void
on_ws_closed (FdRelayWs *ws,
              gpointer   user_data)
{
  Conn *conn = user_data;
  FdRelayServer *server = conn->server;

  if (conn->peer != NULL)
    {
      g_message ("%s (%s) disconnected (close code %u)", conn->peer->id, conn->remote,
                 fd_relay_ws_get_close_code (ws));
      conn_unlist (conn);
      /* 1001: the client lost its connection and comes back (FdSignalClient, the console);
       * a reset: a network fault (a NAT or a moved address). Both may resume their call. */
      if (fd_relay_ws_get_close_code (ws) == FD_CLOSE_GOING_AWAY || fd_relay_ws_was_reset (ws))
        fd_relay_router_lose_peer (server->router, conn->peer);
      else
        fd_relay_router_remove_peer (server->router, conn->peer);
      conn->peer = NULL;
    }
  g_ptr_array_remove_fast (server->conns, conn);
  conn->ws = NULL;   /* freed by the poller */
  conn_free (conn);
}

/* A bound or the protocol broken (the connection closes itself): out of the router at once. */
static void
on_ws_failed (FdRelayWs  *ws,
              gushort     code,
              const char *reason,
              gpointer    user_data)
{
  Conn *conn = user_data;

  if (code == FD_CLOSE_TOO_BIG)
    g_message ("%s: message over %" G_GUINT64_FORMAT " bytes (in one frame or several)",
               conn->peer != NULL ? conn->peer->id : conn->remote,
               conn->server->config->max_message_size);
  else
    g_debug ("%s: %s", conn->peer != NULL ? conn->peer->id : conn->remote, reason);
  conn_close (conn, code, reason);
}

static const FdRelayWsFuncs ws_funcs = {
  .message = on_ws_message,
  .failed = on_ws_failed,
  .closed = on_ws_closed,
};

static void
start_connection (FdRelayServer *server,
                  FdRelayStream *stream,
                  GIOStream     *io)
{
  Conn *conn = g_new0 (Conn, 1);

  conn->server = server;
  conn->remote = g_strdup (fd_relay_stream_get_address (stream));
  conn->tokens = server->config->rate_burst;
  conn->refill_us = conn->opened_us = conn->last_rx_us = g_get_monotonic_time ();
  /* The WebSocket layer bounds a message (one frame or several) by max-message-size from its
   * frame headers, before it buffers the payload. */
  conn->ws = fd_relay_ws_new (server->poller, io, stream, server->config->max_message_size,
                              &ws_funcs, conn);
  if (!fd_relay_stream_upgrade (stream))
    {
      g_message ("%s: data sent before the WebSocket upgrade was answered: closing",
                 conn->remote);
      conn->closing = TRUE;
      fd_relay_ws_abort (conn->ws);
    }
  g_ptr_array_add (server->conns, conn);
  g_debug ("connection from %s", conn->remote);
}

/* After the 101 went out: the connection is ours (as soup's own WebSocket handler does it, but
 * over our stream and without extensions). */
static void
on_wrote_upgrade (SoupServerMessage *msg,
                  gpointer           data)
{
  FdRelayServer *server = data;
  FdRelayStream *stream = fd_relay_gate_stream_for (msg);
  g_autoptr(GIOStream) io = NULL;

  g_signal_handlers_disconnect_by_func (msg, on_wrote_upgrade, data);
  io = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_io_stream_close (io, NULL, NULL);
      return;
    }
  start_connection (server, stream, io);
}

static void
on_ws_request (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  FdRelayServer *server = user_data;
  g_autoptr(GError) error = NULL;

  fd_relay_security_headers (msg);
  if (!fd_relay_origin_allowed (msg, server->config))
    {
      g_message ("%s: WebSocket from origin %s refused", soup_server_message_get_remote_host (msg),
                 soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                               "Origin"));
      soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
      return;
    }
  if (!soup_websocket_server_check_handshake (msg, NULL, NULL, NULL, &error)
      || fd_relay_gate_stream_for (msg) == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      return;
    }
  if (soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL))
    g_signal_connect (msg, "wrote-informational", G_CALLBACK (on_wrote_upgrade), server);
}

static gboolean
on_tick (gpointer data)
{
  FdRelayServer *server = data;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GPtrArray) snapshot = g_ptr_array_copy (server->conns, NULL, NULL);

  if (now - server->purged_us > (gint64) 3600 * G_USEC_PER_SEC)
    purge_records (server);
  for (guint i = 0; i < snapshot->len; i++)
    {
      Conn *conn = g_ptr_array_index (snapshot, i);

      gboolean no_hello, idle;

      fd_relay_ws_tick (conn->ws, now, server->config->ping_interval);
      if (conn->closing)
        continue;
      no_hello = conn->peer == NULL
                 && now - conn->opened_us > (gint64) server->config->hello_timeout * G_USEC_PER_SEC;
      idle = conn->peer != NULL
             && now - conn->last_rx_us > (gint64) server->config->idle_timeout * G_USEC_PER_SEC;
      /* Bytes still unread: the relay is behind (a restart storm), not the client silent. */
      if ((no_hello || idle) && fd_relay_ws_has_unread (conn->ws))
        continue;
      if (no_hello)
        conn_close (conn, FD_CLOSE_POLICY, "no hello");
      else if (idle)
        conn_close (conn, FD_CLOSE_IDLE_TIMEOUT, "idle timeout");
    }
  return G_SOURCE_CONTINUE;
}

static void
on_http (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  FdRelayServer *server = user_data;

  fd_relay_security_headers (msg);
  if (g_strcmp0 (path, "/health") == 0)
    {
      fd_relay_serve_health (msg, server->config, server->router, server->conns->len,
                             fd_relay_gate_count (server->gate), server->started_us);
      return;
    }
  if (g_strcmp0 (path, "/metrics") == 0)
    {
      fd_relay_serve_metrics (msg, server->config, server->router, server->conns->len,
                              fd_relay_gate_count (server->gate),
                              fd_relay_gate_refused (server->gate), server->started_us);
      return;
    }
  fd_relay_serve_console (msg, g_uri_get_path (soup_server_message_get_uri (msg)));
}

FdRelayServer *
fd_relay_server_new (FdRelayConfig *config, GError **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GInetAddress) address = NULL;
  FdRelayGateLimits limits = { 0 };
  FdRelayServer *server;

  address = g_inet_address_new_from_string (config->listen);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "listen address “%s” is not an IP address", config->listen);
      return NULL;
    }
  if (config->tls_certificate != NULL)
    {
      certificate = g_tls_certificate_new_from_files (config->tls_certificate, config->tls_key,
                                                      error);
      if (certificate == NULL)
        {
          g_prefix_error (error, "TLS certificate %s: ", config->tls_certificate);
          return NULL;
        }
    }

  server = g_new0 (FdRelayServer, 1);
  server->config = config;
  server->started_us = g_get_monotonic_time ();
  server->conns = g_ptr_array_new ();
  server->signed_in = g_hash_table_new (g_str_hash, g_str_equal);
  server->store = fd_relay_store_open (config->database, config->relay_name, error);
  if (server->store != NULL)
    server->poller = fd_relay_poller_new (error);
  if (server->store == NULL || server->poller == NULL)
    {
      fd_relay_server_free (server);
      return NULL;
    }
  purge_records (server);
  server->router = fd_relay_router_new (server->store, config->ring_timeout,
                                        config->call_requests_per_minute, conn_send);
  if (!fd_relay_router_configure (server->router, config, error))
    {
      fd_relay_server_free (server);
      return NULL;
    }
  server->soup = soup_server_new ("server-header", "frontdesk-relay", NULL);
  /* No WebSocket extensions (no permessage-deflate): the size limit applies to what we process. */
  soup_server_add_handler (server->soup, "/ws", on_ws_request, server, NULL);
  soup_server_add_handler (server->soup, NULL, on_http, server, NULL);

  limits.backlog = config->listen_backlog;
  limits.max_connections = config->max_connections;
  limits.max_per_address = config->max_per_address;
  limits.request_timeout_s = config->request_timeout;
  server->gate = fd_relay_gate_new (server->soup, address, config->port, certificate, &limits,
                                    error);
  if (server->gate == NULL)
    {
      g_prefix_error (error, "cannot listen on %s port %u: ", config->listen, config->port);
      fd_relay_server_free (server);
      return NULL;
    }
  g_message ("listening on %s://%s:%u/ (WebSocket at /ws, health at /health)",
             certificate != NULL ? "https" : "http", config->listen,
             fd_relay_gate_get_port (server->gate));
  server->tick_source = g_timeout_add_seconds (1, on_tick, server);
  return server;
}

void
fd_relay_server_reload_identities (FdRelayServer *server, GPtrArray *identities)
{
  g_autoptr(GPtrArray) snapshot = g_ptr_array_copy (server->conns, NULL, NULL);
  guint revoked = 0;

  fd_relay_config_set_identities (server->config, identities);
  for (guint i = 0; i < snapshot->len; i++)
    {
      Conn *conn = g_ptr_array_index (snapshot, i);
      const FdRelayIdentity *identity;

      if (conn->peer == NULL)
        continue;
      /* The session's own token, checked again: gone, rotated or given another role → out. */
      identity = fd_relay_config_verify (server->config, conn->token);
      if (identity == NULL || g_strcmp0 (identity->id, conn->peer->id) != 0
          || identity->role != conn->peer->role)
        {
          revoked++;
          conn_close (conn, FD_CLOSE_AUTH_FAILED, "token revoked");
          continue;
        }
      fd_relay_router_update_peer (server->router, conn->peer, identity->name,
                                   (const char * const *) identity->languages);
    }
  g_message ("reloaded %u tokens; %u connections closed", identities->len, revoked);
}

void
fd_relay_server_shutdown (FdRelayServer *server)
{
  g_autoptr(GPtrArray) snapshot = NULL;

  if (server->router != NULL)
    fd_relay_router_shutdown (server->router);
  snapshot = g_ptr_array_copy (server->conns, NULL, NULL);
  for (guint i = 0; i < snapshot->len; i++)
    conn_close (g_ptr_array_index (snapshot, i), FD_CLOSE_GOING_AWAY, "relay stopping");
  g_clear_pointer (&server->gate, fd_relay_gate_free);
  if (server->soup != NULL)
    soup_server_disconnect (server->soup);
}

void
fd_relay_server_free (FdRelayServer *server)
{
  if (server == NULL)
    return;
  g_clear_handle_id (&server->tick_source, g_source_remove);
  for (guint i = 0; i < server->conns->len; i++)
    {
      Conn *conn = g_ptr_array_index (server->conns, i);

      conn->peer = NULL;   /* the router frees the peers */
      g_clear_pointer (&conn->ws, fd_relay_ws_free);
      conn_free (conn);
    }
  g_ptr_array_set_size (server->conns, 0);
  g_clear_pointer (&server->router, fd_relay_router_free);
  g_clear_pointer (&server->gate, fd_relay_gate_free);
  g_clear_object (&server->soup);
  g_clear_pointer (&server->store, fd_relay_store_free);
  g_clear_pointer (&server->poller, fd_relay_poller_free);
  g_ptr_array_unref (server->conns);
  g_hash_table_unref (server->signed_in);
  g_free (server);
}
