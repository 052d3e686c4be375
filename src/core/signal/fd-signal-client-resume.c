/* fd-signal-client-resume.c: a connected call outlives a dropped relay connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The relay gives each side of a connected call a resume token with call-accepted. When the
 * connection drops during the call, the client holds the call ("call-held": the media goes on
 * peer to peer), reconnects with its usual backoff and, once welcomed, sends call-resume (before
 * the "welcome" signal: a handler's call-request would give the call up); the relay, restarted
 * or not, answers call-resumed ("call-resumed"), or an error for call-resume (the grace passed,
 * the call ended): the call then ends locally (connection-lost), as it does when the grace (plus
 * a margin for the relay's own timer) passes without a reconnect. A hang-up while held forgets
 * the call at once and goes with the call-resume (hang_up) after the reconnect.
 *
 * A change of the machine's addresses or routes (GNetworkMonitor) that removes the address the
 * relay connection was made from makes the client reconnect at once instead of waiting for the
 * idle timeout: packets from a vanished address get no answer, so TCP would only notice after
 * `idle_timeout` seconds.
 */
#define G_LOG_DOMAIN "fd-signal"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "fd-signal-client-private.h"

/* Seconds past the relay's grace before a held call is given up locally. */
#define RESUME_MARGIN_S 5

enum {
  SIG_CALL_HELD,
  SIG_CALL_RESUMED,
  SIG_PEER_SIGNAL,
  SIG_MEDIA_RESTART,
  SIG_RELAY_ALIVE,
  SIG_ADDRESS_LOST,
  N_RESUME_SIGNALS
};

static guint resume_signals[N_RESUME_SIGNALS];

void
_fd_signal_client_class_init_resume (FdSignalClientClass *klass)
{
  GType type = G_TYPE_FROM_CLASS (klass);

  resume_signals[SIG_CALL_HELD] = g_signal_new ("call-held", type, G_SIGNAL_RUN_LAST, 0, NULL,
                                                NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  resume_signals[SIG_CALL_RESUMED] = g_signal_new ("call-resumed", type, G_SIGNAL_RUN_LAST, 0,
                                                   NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                   G_TYPE_STRING);
  resume_signals[SIG_PEER_SIGNAL] = g_signal_new ("peer-signal", type, G_SIGNAL_RUN_LAST, 0,
                                                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                                                  G_TYPE_STRING, G_TYPE_BOOLEAN);
  resume_signals[SIG_MEDIA_RESTART] = g_signal_new ("media-restart", type, G_SIGNAL_RUN_LAST, 0,
                                                    NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                    G_TYPE_STRING);
  resume_signals[SIG_RELAY_ALIVE] = g_signal_new ("relay-alive", type, G_SIGNAL_RUN_LAST, 0,
                                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  resume_signals[SIG_ADDRESS_LOST] = g_signal_new ("address-lost", type, G_SIGNAL_RUN_LAST, 0,
                                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
_fd_signal_client_keep_resume (FdSignalClient *self,
                               JsonObject     *accepted)
{
  const char *secret = accepted != NULL ? fd_protocol_get_string (accepted, "resume") : NULL;

  g_clear_handle_id (&self->resume_source, g_source_remove);
  self->resuming = FALSE;
  if (self->resume != NULL)
    memset (self->resume, 0, strlen (self->resume));
  g_clear_pointer (&self->resume, g_free);
  self->resume_grace = 0;
  if (secret == NULL)
    return;
  self->resume = g_strdup (secret);
  self->resume_grace = (guint) CLAMP (fd_protocol_get_int (accepted, "resume_grace",
                                                           FD_PROTOCOL_RESUME_GRACE), 1, 600);
}

static gboolean
on_resume_over (gpointer data)
{
  FdSignalClient *self = data;

  self->resume_source = 0;
  g_debug ("the held call was not resumed within %u s", self->resume_grace);
  _fd_signal_client_end_call_locally (self);
  return G_SOURCE_REMOVE;
}

gboolean
_fd_signal_client_hold_call (FdSignalClient *self)
{
  g_autofree char *call = NULL;

  if (self->call_id == NULL || self->resume == NULL)
    return FALSE;
  if (self->resuming)
    return TRUE;   /* a reconnect attempt failed: still held, the timer runs on */
  self->resuming = TRUE;
  self->resume_source = g_timeout_add_seconds (self->resume_grace + RESUME_MARGIN_S,
                                               on_resume_over, self);
  call = g_strdup (self->call_id);
  g_debug ("call %s held while the relay connection is down", call);
  g_signal_emit (self, resume_signals[SIG_CALL_HELD], 0, call);
  return TRUE;
}

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

void
_fd_signal_client_drop_hang_up (FdSignalClient *self)
{
  g_clear_handle_id (&self->hangup_source, g_source_remove);
  g_clear_pointer (&self->hangup_call, g_free);
  clear_secret (&self->hangup_resume);
  g_clear_pointer (&self->hungup_away, g_free);
}

static gboolean
on_hang_up_over (gpointer data)
{
  FdSignalClient *self = data;

  self->hangup_source = 0;
  g_debug ("call %s: no reconnect within the grace; the relay ended it itself",
           self->hangup_call);
  _fd_signal_client_drop_hang_up (self);
  return G_SOURCE_REMOVE;
}

gboolean
_fd_signal_client_queue_hang_up (FdSignalClient *self)
{
  guint grace = self->resume_grace;

  if (!self->resuming || self->call_id == NULL || self->resume == NULL)
    return FALSE;
  _fd_signal_client_drop_hang_up (self);
  self->hangup_call = g_strdup (self->call_id);
  self->hangup_resume = g_strdup (self->resume);
  /* Bounded: after the grace the relay has ended the call and told the peer (peer-gone). */
  self->hangup_source = g_timeout_add_seconds (grace + RESUME_MARGIN_S, on_hang_up_over, self);
  g_debug ("call %s: hung up while held; the relay hears it after the reconnect",
           self->hangup_call);
  _fd_signal_client_forget_call (self);
  return TRUE;
}

gboolean
_fd_signal_client_hang_up_refused (FdSignalClient *self,
                                   JsonObject     *message)
{
  if (self->hungup_away == NULL ||
      g_strcmp0 (fd_protocol_get_string (message, "ref"), "call-resume") != 0 ||
      g_strcmp0 (fd_protocol_get_string (message, "call"), self->hungup_away) != 0)
    return FALSE;
  g_debug ("call %s: the relay had ended it already", self->hungup_away);
  g_clear_pointer (&self->hungup_away, g_free);
  return TRUE;
}

/* Sends the queued hang-up; TRUE if there was one. */
static gboolean
send_queued_hang_up (FdSignalClient *self)
{
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call = NULL;

  if (self->hangup_call == NULL)
    return FALSE;
  message = fd_protocol_message_new (FD_MSG_CALL_RESUME);
  json_object_set_string_member (message, "call", self->hangup_call);
  json_object_set_string_member (message, "resume", self->hangup_resume);
  json_object_set_boolean_member (message, "hang_up", TRUE);
  if (!fd_signal_client_send_object (self, message, &error))
    {
      g_debug ("could not send the hang-up: %s", error->message);
      return TRUE;   /* kept for the next connection */
    }
  call = g_steal_pointer (&self->hangup_call);
  _fd_signal_client_drop_hang_up (self);
  self->hungup_away = g_steal_pointer (&call);
  return TRUE;
}

void
_fd_signal_client_resume_call (FdSignalClient *self)
{
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(GError) error = NULL;

  if (send_queued_hang_up (self))
    return;
  if (!self->resuming || self->call_id == NULL || self->resume == NULL)
    return;
  message = fd_protocol_message_new (FD_MSG_CALL_RESUME);
  json_object_set_string_member (message, "call", self->call_id);
  json_object_set_string_member (message, "resume", self->resume);
  if (!fd_signal_client_send_object (self, message, &error))
    g_debug ("could not send call-resume: %s", error->message);
}

void
_fd_signal_client_resume_refused (FdSignalClient *self,
                                  JsonObject     *message)
{
  if (self->resuming && g_strcmp0 (fd_protocol_get_string (message, "ref"), "call-resume") == 0)
    _fd_signal_client_end_call_locally (self);
}

void
_fd_signal_client_dispatch_resume (FdSignalClient *self,
                                   FdMsgType       type,
                                   JsonObject     *message,
                                   gboolean        in_call)
{
  g_autofree char *call = g_strdup (self->call_id);

  if (!in_call)
    return;
  switch (type)
    {
    case FD_MSG_CALL_RESUMED:
      if (!self->resuming)
        return;
      g_clear_handle_id (&self->resume_source, g_source_remove);
      self->resuming = FALSE;
      g_signal_emit (self, resume_signals[SIG_CALL_RESUMED], 0, call);
      break;
    case FD_MSG_PEER_SIGNAL:
      g_signal_emit (self, resume_signals[SIG_PEER_SIGNAL], 0, call,
                     fd_protocol_get_bool (message, "connected", TRUE));
      break;
    case FD_MSG_MEDIA_RESTART:
      g_signal_emit (self, resume_signals[SIG_MEDIA_RESTART], 0, call);
      break;
    default:
      break;
    }
}

/* ---- address changes ------------------------------------------------------------------------- */

/* Whether the local address of the relay connection is still one of this machine's: binding a
 * socket to it fails once it was removed. */
/* The socket connection under the WebSocket's stream: libsoup wraps it (SoupIOStream, with its
 * "base-iostream"), and TLS wraps it again ("base-io-stream"). A new reference, or NULL. */
static GSocketConnection *
socket_connection_of (GIOStream *stream)
{
  g_autoptr(GIOStream) current = stream != NULL ? g_object_ref (stream) : NULL;

  for (guint depth = 0; current != NULL && depth < 4; depth++)
    {
      static const char * const names[] = { "base-iostream", "base-io-stream" };
      GIOStream *base = NULL;

      if (G_IS_SOCKET_CONNECTION (current))
        return G_SOCKET_CONNECTION (g_steal_pointer (&current));
      for (guint i = 0; i < G_N_ELEMENTS (names) && base == NULL; i++)
        if (g_object_class_find_property (G_OBJECT_GET_CLASS (current), names[i]) != NULL)
          g_object_get (current, names[i], &base, NULL);
      g_clear_object (&current);
      current = base;
    }
  return NULL;
}

/* Whether the local address of the relay connection is still one of this machine's: binding a
 * socket to it fails once it was removed. */
static gboolean
local_address_present (FdSignalClient *self)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) probe = NULL;
  g_autoptr(GSocket) socket = NULL;
  GInetAddress *address;

  if (self->ws == NULL)
    return TRUE;
  connection = socket_connection_of (soup_websocket_connection_get_io_stream (self->ws));
  if (connection == NULL)
    return TRUE;
  local = g_socket_connection_get_local_address (connection, NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (local))
    return TRUE;
  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, NULL);
  if (socket == NULL)
    return TRUE;
  probe = g_inet_socket_address_new (address, 0);
  return g_socket_bind (socket, probe, FALSE, NULL);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    FdSignalClient  *self)
{
  g_autoptr(GError) error = NULL;

  if (self->state != FD_SIGNAL_STATE_CONNECTED || local_address_present (self))
    return;
  error = g_error_new_literal (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_CONNECTION_FAILED,
                               "the address of the relay connection is gone; reconnecting");
  g_debug ("%s", error->message);
  g_signal_emit (self, resume_signals[SIG_ADDRESS_LOST], 0);
  /* The first, shortest backoff: the network is there, only our address changed. */
  self->attempt = 0;
  _fd_signal_client_connection_lost (self, error);
}

static gboolean
on_probe_over (gpointer data)
{
  FdSignalClient *self = data;
  g_autoptr(GError) error = NULL;

  self->probe_source = 0;
  if (self->state != FD_SIGNAL_STATE_CONNECTED || self->last_rx >= self->probe_sent)
    return G_SOURCE_REMOVE;
  error = g_error_new_literal (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_CONNECTION_FAILED,
                               "the relay did not answer a probe; reconnecting");
  g_debug ("%s", error->message);
  self->attempt = 0;
  _fd_signal_client_connection_lost (self, error);
  return G_SOURCE_REMOVE;
}

void
_fd_signal_client_probe_answered (FdSignalClient *self)
{
  if (self->probe_source == 0)
    return;
  g_clear_handle_id (&self->probe_source, g_source_remove);
  g_signal_emit (self, resume_signals[SIG_RELAY_ALIVE], 0);
}

void
fd_signal_client_probe (FdSignalClient *self)
{
  g_autoptr(JsonObject) ping = NULL;

  g_return_if_fail (FD_IS_SIGNAL_CLIENT (self));

  if (self->state != FD_SIGNAL_STATE_CONNECTED || self->probe_source != 0)
    return;
  if (!local_address_present (self))
    {
      on_network_changed (self->monitor, TRUE, self);
      return;
    }
  self->probe_sent = g_get_monotonic_time ();
  ping = fd_protocol_message_new (FD_MSG_PING);
  fd_signal_client_send_object (self, ping, NULL);
  self->probe_source = g_timeout_add (1500, on_probe_over, self);
}

void
_fd_signal_client_watch_network (FdSignalClient *self)
{
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed), self);
}

void
_fd_signal_client_unwatch_network (FdSignalClient *self)
{
  g_clear_handle_id (&self->probe_source, g_source_remove);
  if (self->monitor == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
}

gboolean
fd_signal_client_get_probing (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  return self->probe_source != 0;
}
