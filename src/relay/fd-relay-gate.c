/* fd-relay-gate.c: the relay's listening socket and what it lets in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "fd-relay-gate.h"

#define ACCEPT_BATCH 256

struct _FdRelayGate
{
  SoupServer *soup;
  GSocket *listener;
  GSource *accept_source;
  GTlsCertificate *certificate;
  FdRelayGateLimits limits;
  guint port;
  GHashTable *live;          /* FdRelayStream* (no reference) */
  GHashTable *per_address;   /* address → count (GUINT_TO_POINTER) */
  guint64 refused;
  gint64 refused_logged_us;
  guint tick_source;
};

static GQuark
stream_quark (void)
{
  return g_quark_from_static_string ("fd-relay-stream");
}

static void
on_stream_released (FdRelayStream *stream,
                    gpointer       data)
{
  FdRelayGate *gate = data;
  const char *address = fd_relay_stream_get_address (stream);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (gate->per_address, address));

  g_hash_table_remove (gate->live, stream);
  if (n <= 1)
    g_hash_table_remove (gate->per_address, address);
  else
    g_hash_table_insert (gate->per_address, g_strdup (address), GUINT_TO_POINTER (n - 1));
}

static void
hand_to_soup (FdRelayGate       *gate,
              FdRelayStream     *stream,
              GSocketConnection *connection)
{
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  if (local == NULL || remote == NULL)
    {
      g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
      return;
    }
  /* soup keeps this address object with the connection's messages: it leads back to us. */
  g_object_set_qdata (G_OBJECT (remote), stream_quark (), stream);
  if (!soup_server_accept_iostream (gate->soup, G_IO_STREAM (stream), local, remote, &error))
    {
      g_debug ("%s: %s", fd_relay_stream_get_address (stream), error->message);
      g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
    }
}

typedef struct {
  FdRelayGate *gate;
  FdRelayStream *stream;
  GSocketConnection *connection;
} Handshake;

static void
on_handshake (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Handshake *hs = data;
  g_autoptr(GError) error = NULL;

  if (g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    hand_to_soup (hs->gate, hs->stream, hs->connection);
  else
    {
      g_debug ("%s: TLS handshake failed: %s", fd_relay_stream_get_address (hs->stream),
               error->message);
      g_io_stream_close (G_IO_STREAM (hs->stream), NULL, NULL);
    }
  g_object_unref (hs->stream);
  g_object_unref (hs->connection);
  g_free (hs);
}

static void
on_incoming (FdRelayGate       *gate,
             GSocketConnection *connection)
{
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autofree char *address = NULL;
  g_autoptr(FdRelayStream) stream = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (remote != NULL && G_IS_INET_SOCKET_ADDRESS (remote))
    address = g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  else
    address = g_strdup ("?");
  n = GPOINTER_TO_UINT (g_hash_table_lookup (gate->per_address, address));
  if (g_hash_table_size (gate->live) >= gate->limits.max_connections
      || n >= gate->limits.max_per_address)
    {
      gint64 now = g_get_monotonic_time ();

      gate->refused++;
      if (now - gate->refused_logged_us > 10 * G_USEC_PER_SEC)
        {
          gate->refused_logged_us = now;
          g_message ("refusing connections (from %s: %u open, %u in total; %" G_GUINT64_FORMAT
                     " refused so far)", address, n, g_hash_table_size (gate->live),
                     gate->refused);
        }
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }
  g_socket_set_keepalive (g_socket_connection_get_socket (connection), TRUE);
  /* Messages are small and answer other messages: without this, Nagle's algorithm holds a reply
   * back until the client's delayed ACK (up to 40 ms on Linux) whenever an earlier one is still
   * unacknowledged. bench/relay measured request → ringing at a median of 26 ms without it. */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY, 1,
                       NULL);
  if (gate->certificate != NULL)
    {
      /* As g_tls_server_connection_new, but with no certificate database: the relay asks no
       * client for a certificate, and the default one (the system's trust store, 140-odd CA
       * certificates) was otherwise parsed at the first connection, on the main loop: over 30 s
       * under ASan on a loaded machine (relay-faults /relay/tls timed out). */
      tls = G_IO_STREAM (g_initable_new (g_tls_backend_get_server_connection_type (
                                           g_tls_backend_get_default ()),
                                         NULL, &error, "base-io-stream", connection,
                                         "certificate", gate->certificate, "database", NULL,
                                         NULL));
      if (tls == NULL)
        {
          g_message ("TLS: %s", error->message);
          g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
          return;
        }
    }
  stream = fd_relay_stream_new (tls != NULL ? tls : G_IO_STREAM (connection), connection, address);
  g_hash_table_add (gate->live, stream);
  g_hash_table_insert (gate->per_address, g_steal_pointer (&address), GUINT_TO_POINTER (n + 1));
  fd_relay_stream_set_release (stream, on_stream_released, gate);
  if (tls != NULL)
    {
      Handshake *hs = g_new0 (Handshake, 1);

      hs->gate = gate;
      hs->stream = g_object_ref (stream);
      hs->connection = g_object_ref (connection);
      g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                        on_handshake, hs);
      return;
    }
  hand_to_soup (gate, stream, connection);
}

/* A storm of connects (every desk of a district after a relay restart) is taken from the backlog
 * in batches, not one connection per main-loop iteration as GSocketService does; the caps above
 * still decide on each. */
static gboolean
on_acceptable (GSocket      *listener,
               GIOCondition  condition,
               gpointer      data)
{
  FdRelayGate *gate = data;

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);
      g_autoptr(GSocketConnection) connection = NULL;

      if (socket == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_debug ("accept: %s", error->message);   /* ECONNABORTED, EMFILE…: try again later */
          break;
        }
      connection = g_socket_connection_factory_create_connection (socket);
      on_incoming (gate, connection);
    }
  return G_SOURCE_CONTINUE;
}

/* Connections that are not WebSockets yet get request-timeout seconds in all. */
static gboolean
on_tick (gpointer data)
{
  FdRelayGate *gate = data;
  gint64 deadline = g_get_monotonic_time ()
                    - (gint64) gate->limits.request_timeout_s * G_USEC_PER_SEC;
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GPtrArray) expired = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, gate->live);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      FdRelayStream *stream = key;

      if (!fd_relay_stream_is_upgraded (stream)
          && fd_relay_stream_get_accepted_us (stream) < deadline)
        g_ptr_array_add (expired, stream);
    }
  for (guint i = 0; i < expired->len; i++)
    {
      FdRelayStream *stream = g_ptr_array_index (expired, i);

      g_debug ("%s: no WebSocket within %u s: closing", fd_relay_stream_get_address (stream),
               gate->limits.request_timeout_s);
      fd_relay_stream_abort (stream);
    }
  return G_SOURCE_CONTINUE;
}

FdRelayGate *
fd_relay_gate_new (SoupServer               *soup,
                   GInetAddress             *address,
                   guint                     port,
                   GTlsCertificate          *certificate,
                   const FdRelayGateLimits  *limits,
                   GError                  **error)
{
  FdRelayGate *gate = g_new0 (FdRelayGate, 1);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (address, port);
  g_autoptr(GSocketAddress) effective = NULL;

  gate->soup = soup;
  gate->limits = *limits;
  gate->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  gate->live = g_hash_table_new (NULL, NULL);
  gate->per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gate->listener = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, error);
  if (gate->listener == NULL)
    {
      fd_relay_gate_free (gate);
      return NULL;
    }
  g_socket_set_blocking (gate->listener, FALSE);
  /* The default would be 10. The kernel caps it at net.core.somaxconn. */
  g_socket_set_listen_backlog (gate->listener, (int) limits->backlog);
  if (!g_socket_bind (gate->listener, socket_address, TRUE, error)
      || !g_socket_listen (gate->listener, error))
    {
      fd_relay_gate_free (gate);
      return NULL;
    }
  effective = g_socket_get_local_address (gate->listener, error);
  if (effective == NULL)
    {
      fd_relay_gate_free (gate);
      return NULL;
    }
  gate->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  gate->accept_source = g_socket_create_source (gate->listener, G_IO_IN, NULL);
  g_source_set_callback (gate->accept_source, G_SOURCE_FUNC (on_acceptable), gate, NULL);
  g_source_attach (gate->accept_source, g_main_context_get_thread_default ());
  gate->tick_source = g_timeout_add_seconds (1, on_tick, gate);
  return gate;
}

void
fd_relay_gate_free (FdRelayGate *gate)
{
  GHashTableIter iter;
  gpointer key;

  if (gate == NULL)
    return;
  g_clear_handle_id (&gate->tick_source, g_source_remove);
  if (gate->accept_source != NULL)
    {
      g_source_destroy (gate->accept_source);
      g_clear_pointer (&gate->accept_source, g_source_unref);
    }
  if (gate->listener != NULL)
    g_socket_close (gate->listener, NULL);
  g_hash_table_iter_init (&iter, gate->live);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    fd_relay_stream_set_release (key, NULL, NULL);
  g_clear_object (&gate->listener);
  g_clear_object (&gate->certificate);
  g_hash_table_unref (gate->live);
  g_hash_table_unref (gate->per_address);
  g_free (gate);
}

guint
fd_relay_gate_get_port (FdRelayGate *gate)
{
  return gate->port;
}

guint
fd_relay_gate_count (FdRelayGate *gate)
{
  return g_hash_table_size (gate->live);
}

guint64
fd_relay_gate_refused (FdRelayGate *gate)
{
  return gate->refused;
}

FdRelayStream *
fd_relay_gate_stream_for (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (remote == NULL)
    return NULL;
  return g_object_get_qdata (G_OBJECT (remote), stream_quark ());
}
