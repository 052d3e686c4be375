/* fd-signal-client.c: WebSocket client of frontdesk-relay (docs/protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-signal"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "fd-signal-client-private.h"

#define CLIENT_MAX_PAYLOAD (1024 * 1024)
#define WELCOME_TIMEOUT_S 10

enum {
  PROP_0,
  PROP_STATE,
  PROP_ROLE,
  PROP_PRESENCE,
  PROP_CALL_ID,
  PROP_USER_ID,
  PROP_USER_NAME,
  N_PROPS
};

enum {
  SIG_WELCOME,
  SIG_QUEUED,
  SIG_RINGING,
  SIG_INCOMING_CALL,
  SIG_CALL_ACCEPTED,
  SIG_SDP,
  SIG_ICE,
  SIG_CHAT,
  SIG_CALL_ENDED,
  SIG_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


G_DEFINE_FINAL_TYPE (FdSignalClient, fd_signal_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FdSignalState, fd_signal_state,
  G_DEFINE_ENUM_VALUE (FD_SIGNAL_STATE_DISCONNECTED, "disconnected"),
  G_DEFINE_ENUM_VALUE (FD_SIGNAL_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (FD_SIGNAL_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (FD_SIGNAL_STATE_RECONNECTING, "reconnecting"))

static void do_connect (FdSignalClient *self);

static void
set_state (FdSignalClient *self, FdSignalState state)
{
  if (self->state == state)
    return;
  g_debug ("state %d → %d", self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_call_id (FdSignalClient *self, const char *call_id)
{
  if (g_strcmp0 (self->call_id, call_id) == 0)
    return;
  g_free (self->call_id);
  self->call_id = g_strdup (call_id);
  _fd_signal_client_keep_resume (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALL_ID]);
}

void
fd_signal_client_set_presence_internal (FdSignalClient *self, FdPresence presence)
{
  if (self->presence == presence)
    return;
  self->presence = presence;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENCE]);
}

static void
emit_error (FdSignalClient *self, GError *error)
{
  g_debug ("error: %s", error->message);
  g_signal_emit (self, signals[SIG_ERROR], 0, error);
}

gboolean
fd_signal_client_send_object (FdSignalClient *self, JsonObject *message, GError **error)
{
  g_autofree char *text = NULL;

  if (self->ws == NULL
      || soup_websocket_connection_get_state (self->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_NOT_CONNECTED,
                   "not connected to the relay");
      return FALSE;
    }
  text = fd_protocol_to_string (message);
  soup_websocket_connection_send_text (self->ws, text);
  return TRUE;
}

void
fd_signal_client_add_languages (FdSignalClient *self, JsonObject *message)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; self->languages != NULL && self->languages[i] != NULL; i++)
    json_array_add_string_element (array, self->languages[i]);
  json_object_set_array_member (message, "languages", array);
}

static void
clear_timers (FdSignalClient *self)
{
  g_clear_handle_id (&self->ping_source, g_source_remove);
  g_clear_handle_id (&self->welcome_source, g_source_remove);
}

/* Drops the current connection without waiting for the closing handshake. */
static void
abandon_connection (FdSignalClient *self, gushort code)
{
  g_autoptr(SoupWebsocketConnection) ws = g_steal_pointer (&self->ws);

  clear_timers (self);
  if (ws == NULL)
    return;
  g_signal_handlers_disconnect_by_data (ws, self);
  if (soup_websocket_connection_get_state (ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (ws, code, NULL);
}

void
_fd_signal_client_end_call_locally (FdSignalClient *self)
{
  g_autofree char *call = g_strdup (self->call_id);

  if (call == NULL)
    return;
  set_call_id (self, NULL);
  g_signal_emit (self, signals[SIG_CALL_ENDED], 0, call, FD_END_CONNECTION_LOST);
}

void
_fd_signal_client_forget_call (FdSignalClient *self)
{
  set_call_id (self, NULL);
}

static void
fail_connect_task (FdSignalClient *self, GError *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

  if (task == NULL)
    return;
  self->running = FALSE;
  g_task_return_error (task, g_error_copy (error));
}

static gboolean
on_retry_timeout (gpointer data)
{
  FdSignalClient *self = data;

  self->retry_source = 0;
  do_connect (self);
  return G_SOURCE_REMOVE;
}

/* The connection is gone (or could not be made). Retry unless stopped or refused for good. */
void
_fd_signal_client_connection_lost (FdSignalClient *self,
                                   GError         *error)
{
  guint64 delay;

  abandon_connection (self, FD_CLOSE_GOING_AWAY);
  /* A connected call goes on peer to peer: it is resumed after the reconnect. */
  if (self->connect_task != NULL || !self->running || self->fatal ||
      !_fd_signal_client_hold_call (self))
    _fd_signal_client_end_call_locally (self);
  if (self->connect_task != NULL)
    {
      fail_connect_task (self, error);
      set_state (self, FD_SIGNAL_STATE_DISCONNECTED);
      return;
    }
  if (!self->running || self->fatal)
    {
      self->running = FALSE;
      set_state (self, FD_SIGNAL_STATE_DISCONNECTED);
      return;
    }

  /* Exponential backoff with jitter: a random delay in [d/2, d]. */
  delay = (guint64) self->backoff_initial_ms << MIN (self->attempt, 16u);
  delay = MIN (delay, (guint64) self->backoff_max_ms);
  self->retry_delay_ms = (guint) (delay / 2 + (guint64) g_random_int_range (0, (gint32) (delay / 2) + 1));
  self->attempt++;
  g_debug ("reconnecting in %u ms (attempt %u)", self->retry_delay_ms, self->attempt);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (self->retry_delay_ms, on_retry_timeout, self);
  set_state (self, FD_SIGNAL_STATE_RECONNECTING);
}

static gboolean
on_ping_timeout (gpointer data)
{
  FdSignalClient *self = data;
  g_autoptr(JsonObject) ping = NULL;
  gint64 silent_ms = (g_get_monotonic_time () - self->last_rx) / 1000;

  if (silent_ms > (gint64) self->idle_timeout * 1000 + 1000)
    {
      g_autoptr(GError) error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_CONNECTION_FAILED,
                                             "no answer from the relay for %" G_GINT64_FORMAT " s",
                                             silent_ms / 1000);

      self->ping_source = 0;
      emit_error (self, error);
      _fd_signal_client_connection_lost (self, error);
      return G_SOURCE_REMOVE;
    }
  ping = fd_protocol_message_new (FD_MSG_PING);
  fd_signal_client_send_object (self, ping, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_welcome_timeout (gpointer data)
{
  FdSignalClient *self = data;
  g_autoptr(GError) error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_CONNECTION_FAILED,
                                         "the relay did not answer the hello");

  self->welcome_source = 0;
  _fd_signal_client_connection_lost (self, error);
  return G_SOURCE_REMOVE;
}

static const char *
object_member_string (JsonObject *message, const char *object, const char *member)
{
  JsonNode *node = json_object_get_member (message, object);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return fd_protocol_get_string (json_node_get_object (node), member);
}

static void
handle_welcome (FdSignalClient *self, JsonObject *message)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);
  FdPresence presence;

  g_clear_handle_id (&self->welcome_source, g_source_remove);
  g_free (self->user_id);
  self->user_id = g_strdup (fd_protocol_get_string (message, "id"));
  g_free (self->user_name);
  self->user_name = g_strdup (fd_protocol_get_string (message, "name"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
  self->ping_interval = CLAMP (fd_protocol_get_int (message, "ping_interval", 3), 1, 60);
  self->idle_timeout = CLAMP (fd_protocol_get_int (message, "idle_timeout", 10), 2, 600);
  if (fd_presence_from_string (fd_protocol_get_string (message, "presence"), &presence))
    fd_signal_client_set_presence_internal (self, presence);
  self->attempt = 0;
  self->retry_delay_ms = 0;
  g_clear_handle_id (&self->ping_source, g_source_remove);
  self->ping_source = g_timeout_add_seconds (self->ping_interval, on_ping_timeout, self);
  set_state (self, FD_SIGNAL_STATE_CONNECTED);
  /* The held call (or its hang-up) first: a welcome handler's call-request would give it up. */
  _fd_signal_client_resume_call (self);
  g_signal_emit (self, signals[SIG_WELCOME], 0, self->user_id, self->user_name);
  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

static void
handle_error_message (FdSignalClient *self, JsonObject *message)
{
  FdSignalError code = fd_signal_error_from_code (fd_protocol_get_string (message, "code"));
  g_autoptr(GError) error = NULL;

  error = g_error_new (FD_SIGNAL_ERROR, code, "relay: %s (%s)",
                       fd_protocol_get_string (message, "message"),
                       fd_protocol_get_string (message, "code"));
  if (code == FD_SIGNAL_ERROR_AUTH_FAILED || code == FD_SIGNAL_ERROR_UNSUPPORTED_VERSION)
    self->fatal = TRUE;
  if (_fd_signal_client_hang_up_refused (self, message))
    return;
  emit_error (self, error);
  _fd_signal_client_resume_refused (self, message);
  if (self->fatal)
    _fd_signal_client_connection_lost (self, error);   /* no retry: DISCONNECTED (the relay closes too) */
}

static void
dispatch (FdSignalClient *self, FdMsgType type, JsonObject *message)
{
  const char *call = fd_protocol_get_string (message, "call");
  gboolean in_call = call != NULL && g_strcmp0 (call, self->call_id) == 0;
  FdPresence presence;

  switch (type)
    {
    case FD_MSG_WELCOME:
      handle_welcome (self, message);
      break;
    case FD_MSG_PONG:
      break;
    case FD_MSG_ERROR:
      handle_error_message (self, message);
      break;
    case FD_MSG_PRESENCE:
      if (fd_presence_from_string (fd_protocol_get_string (message, "presence"), &presence))
        {
          /* The relay may set away itself (a ring timed out): keep that after a reconnect. */
          if (presence != FD_PRESENCE_BUSY)
            self->wanted = presence;
          fd_signal_client_set_presence_internal (self, presence);
        }
      break;
    case FD_MSG_QUEUED:
      set_call_id (self, call);
      g_signal_emit (self, signals[SIG_QUEUED], 0, call,
                     (guint) fd_protocol_get_int (message, "position", 0),
                     (gint) fd_protocol_get_int (message, "eta", -1));
      break;
    case FD_MSG_RINGING:
      set_call_id (self, call);
      g_signal_emit (self, signals[SIG_RINGING], 0, call,
                     object_member_string (message, "interpreter", "name"));
      break;
    case FD_MSG_INCOMING_CALL:
      set_call_id (self, call);
      g_signal_emit (self, signals[SIG_INCOMING_CALL], 0, call,
                     fd_protocol_get_string (message, "language"),
                     object_member_string (message, "desk", "name"));
      break;
    case FD_MSG_CALL_ACCEPTED:
      set_call_id (self, call);
      _fd_signal_client_set_ice_servers (self, message);
      _fd_signal_client_keep_resume (self, message);
      g_signal_emit (self, signals[SIG_CALL_ACCEPTED], 0, call,
                     fd_protocol_get_string (message, "language"),
                     object_member_string (message, "peer", "id"),
                     object_member_string (message, "peer", "name"),
                     fd_protocol_get_bool (message, "offerer", FALSE));
      break;
    case FD_MSG_SDP:
      if (in_call)
        g_signal_emit (self, signals[SIG_SDP], 0, fd_protocol_get_string (message, "sdp_type"),
                       fd_protocol_get_string (message, "sdp"));
      break;
    case FD_MSG_ICE:
      if (in_call)
        g_signal_emit (self, signals[SIG_ICE], 0,
                       (guint) fd_protocol_get_int (message, "mline_index", 0),
                       fd_protocol_get_string (message, "candidate"));
      break;
    case FD_MSG_CHAT:
      if (in_call)
        g_signal_emit (self, signals[SIG_CHAT], 0, fd_protocol_get_string (message, "text"),
                       object_member_string (message, "from", "name"));
      break;
    case FD_MSG_CALL_ENDED:
      if (in_call)
        set_call_id (self, NULL);
      g_signal_emit (self, signals[SIG_CALL_ENDED], 0, call,
                     fd_protocol_get_string (message, "reason"));
      break;
    default:
      _fd_signal_client_dispatch_resume (self, type, message, in_call);
      break;
    }
}

static void
on_ws_message (SoupWebsocketConnection *ws,
               gint                     data_type,
               GBytes                  *bytes,
               gpointer                 user_data)
{
  FdSignalClient *self = user_data;
  g_autoptr(FdSignalClient) guard = g_object_ref (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) message = NULL;
  FdMsgType type;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  self->last_rx = g_get_monotonic_time ();
  _fd_signal_client_probe_answered (self);
  if (data_type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  message = fd_protocol_parse (data, length, FD_PROTOCOL_TO_CLIENT, &type, &error);
  if (message == NULL)
    {
      g_prefix_error (&error, "unreadable message from the relay: ");
      emit_error (self, error);
      return;
    }
  dispatch (self, type, message);
}

static void
on_ws_closed (SoupWebsocketConnection *ws, gpointer user_data)
{
  FdSignalClient *self = user_data;
  g_autoptr(FdSignalClient) guard = g_object_ref (self);
  gushort code = soup_websocket_connection_get_close_code (ws);
  g_autoptr(GError) error = NULL;

  g_debug ("relay closed the connection with %u", code);
  switch (code)
    {
    case FD_CLOSE_NORMAL:
    case FD_CLOSE_POLICY:
    case FD_CLOSE_AUTH_FAILED:
    case FD_CLOSE_BAD_VERSION:
    case FD_CLOSE_REPLACED:
      self->fatal = TRUE;
      break;
    default:
      break;
    }
  error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_CLOSED,
                       "the relay closed the connection (code %u%s)", code,
                       self->fatal ? "" : ", reconnecting");
  if (self->fatal && code != FD_CLOSE_AUTH_FAILED && code != FD_CLOSE_BAD_VERSION)
    emit_error (self, error);
  _fd_signal_client_connection_lost (self, error);
}

static void
on_ws_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(FdSignalClient) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(JsonObject) hello = NULL;

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (ws == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      {
        g_autoptr(GError) wrapped =
          g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_CONNECTION_FAILED,
                       "cannot connect to the relay: %s", error->message);

        if (self->connect_task == NULL && self->attempt == 0)
          emit_error (self, wrapped);
        _fd_signal_client_connection_lost (self, wrapped);
      }
      return;
    }
  g_clear_object (&self->cancellable);
  self->ws = g_steal_pointer (&ws);
  soup_websocket_connection_set_max_incoming_payload_size (self->ws, CLIENT_MAX_PAYLOAD);
  soup_websocket_connection_set_keepalive_interval (self->ws, 0);
  g_signal_connect (self->ws, "message", G_CALLBACK (on_ws_message), self);
  g_signal_connect (self->ws, "closed", G_CALLBACK (on_ws_closed), self);
  self->last_rx = g_get_monotonic_time ();

  hello = fd_protocol_message_new (FD_MSG_HELLO);
  json_object_set_int_member (hello, "v", FD_PROTOCOL_VERSION);
  json_object_set_string_member (hello, "role", fd_signal_role_to_string (self->role));
  json_object_set_string_member (hello, "token", self->token);
  json_object_set_string_member (hello, "client", "frontdesk/" PACKAGE_VERSION);
  if (self->role == FD_SIGNAL_ROLE_INTERPRETER)
    {
      fd_signal_client_add_languages (self, hello);
      json_object_set_string_member (hello, "presence",
                                     self->wanted == FD_PRESENCE_AWAY ? "away" : "available");
    }
  fd_signal_client_send_object (self, hello, NULL);
  self->welcome_source = g_timeout_add_seconds (WELCOME_TIMEOUT_S, on_welcome_timeout, self);
}

static void
do_connect (FdSignalClient *self)
{
  g_autoptr(SoupMessage) msg = NULL;

  g_assert (self->ws == NULL);
  if (self->attempt == 0 && self->state != FD_SIGNAL_STATE_RECONNECTING)
    set_state (self, FD_SIGNAL_STATE_CONNECTING);
  msg = soup_message_new ("GET", self->url);
  if (msg == NULL)
    {
      g_autoptr(GError) error = g_error_new (FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_CONNECTION_FAILED,
                                             "invalid relay address “%s”", self->url);

      self->fatal = TRUE;
      emit_error (self, error);
      _fd_signal_client_connection_lost (self, error);
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->cancellable, on_ws_connected, g_object_ref (self));
}

static void
begin (FdSignalClient     *self,
       const char         *url,
       const char         *token,
       FdSignalRole        role,
       const char * const *languages)
{
  g_free (self->url);
  self->url = g_strdup (url);
  g_free (self->token);
  self->token = g_strdup (token);
  self->role = role;
  if (languages != NULL)
    {
      g_strfreev (self->languages);
      self->languages = g_strdupv ((char **) languages);
    }
  self->running = TRUE;
  self->fatal = FALSE;
  self->attempt = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
  do_connect (self);
}

static void
fd_signal_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FdSignalClient *self = FD_SIGNAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    case PROP_PRESENCE: g_value_set_enum (value, self->presence); break;
    case PROP_CALL_ID: g_value_set_string (value, self->call_id); break;
    case PROP_USER_ID: g_value_set_string (value, self->user_id); break;
    case PROP_USER_NAME: g_value_set_string (value, self->user_name); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_signal_client_dispose (GObject *object)
{
  FdSignalClient *self = FD_SIGNAL_CLIENT (object);

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  abandon_connection (self, FD_CLOSE_NORMAL);
  _fd_signal_client_unwatch_network (self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (fd_signal_client_parent_class)->dispose (object);
}

static void
fd_signal_client_finalize (GObject *object)
{
  FdSignalClient *self = FD_SIGNAL_CLIENT (object);

  g_clear_pointer (&self->url, g_free);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->call_id, g_free);
  _fd_signal_client_keep_resume (self, NULL);
  _fd_signal_client_drop_hang_up (self);
  _fd_signal_client_set_ice_servers (self, NULL);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->user_name, g_free);
  G_OBJECT_CLASS (fd_signal_client_parent_class)->finalize (object);
}

static void
fd_signal_client_class_init (FdSignalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = fd_signal_client_get_property;
  object_class->dispose = fd_signal_client_dispose;
  object_class->finalize = fd_signal_client_finalize;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, FD_TYPE_SIGNAL_STATE,
                                              FD_SIGNAL_STATE_DISCONNECTED, flags);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, FD_TYPE_SIGNAL_ROLE,
                                             FD_SIGNAL_ROLE_DESK, flags);
  properties[PROP_PRESENCE] = g_param_spec_enum ("presence", NULL, NULL, FD_TYPE_PRESENCE,
                                                 FD_PRESENCE_AVAILABLE, flags);
  properties[PROP_CALL_ID] = g_param_spec_string ("call-id", NULL, NULL, NULL, flags);
  properties[PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, flags);
  properties[PROP_USER_NAME] = g_param_spec_string ("user-name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIG_WELCOME] = g_signal_new ("welcome", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_STRING, G_TYPE_STRING);
  signals[SIG_QUEUED] = g_signal_new ("queued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                      G_TYPE_STRING, G_TYPE_UINT, G_TYPE_INT);
  signals[SIG_RINGING] = g_signal_new ("ringing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_STRING, G_TYPE_STRING);
  signals[SIG_INCOMING_CALL] = g_signal_new ("incoming-call", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 3,
                                             G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIG_CALL_ACCEPTED] = g_signal_new ("call-accepted", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_STRING,
                                             G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[SIG_SDP] = g_signal_new ("sdp", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_STRING, G_TYPE_STRING);
  signals[SIG_ICE] = g_signal_new ("ice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   G_TYPE_UINT, G_TYPE_STRING);
  signals[SIG_CHAT] = g_signal_new ("chat", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_STRING, G_TYPE_STRING);
  signals[SIG_CALL_ENDED] = g_signal_new ("call-ended", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIG_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  _fd_signal_client_class_init_resume (klass);
}

static void
fd_signal_client_init (FdSignalClient *self)
{
  self->session = soup_session_new ();
  self->state = FD_SIGNAL_STATE_DISCONNECTED;
  self->presence = FD_PRESENCE_AVAILABLE;
  self->wanted = FD_PRESENCE_AVAILABLE;
  self->backoff_initial_ms = 500;
  self->backoff_max_ms = 30000;
  self->ping_interval = 3;
  self->idle_timeout = 10;
  _fd_signal_client_watch_network (self);
}

void
fd_signal_client_start (FdSignalClient     *self,
                        const char         *url,
                        const char         *token,
                        FdSignalRole        role,
                        const char * const *languages)
{
  g_return_if_fail (FD_IS_SIGNAL_CLIENT (self));
  g_return_if_fail (url != NULL && token != NULL);

  fd_signal_client_disconnect (self);
  begin (self, url, token, role, languages);
}

void
fd_signal_client_disconnect (FdSignalClient *self)
{
  g_return_if_fail (FD_IS_SIGNAL_CLIENT (self));

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  abandon_connection (self, FD_CLOSE_NORMAL);
  _fd_signal_client_end_call_locally (self);
  if (self->connect_task != NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             "disconnected before the relay answered");

      fail_connect_task (self, error);
    }
  set_state (self, FD_SIGNAL_STATE_DISCONNECTED);
}
