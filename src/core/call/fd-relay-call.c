/* fd-relay-call.c: one interpreter call through frontdesk-relay, from request to hang-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object, its properties and the methods; the state machine that follows the relay and the
 * media is in fd-relay-call-flow.c.
 */
#define G_LOG_DOMAIN "fd-relay-call"

#include "config.h"

#include "fd-relay-call-private.h"

GParamSpec *_fd_relay_call_props[FD_RELAY_CALL_N_PROPS];
guint _fd_relay_call_signals[FD_RELAY_CALL_N_SIGNALS];

G_DEFINE_FINAL_TYPE (FdRelayCall, fd_relay_call, G_TYPE_OBJECT)
G_DEFINE_QUARK (fd-relay-call-error-quark, fd_relay_call_error)

G_DEFINE_ENUM_TYPE (FdRelayCallState, fd_relay_call_state,
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_REQUESTING, "requesting"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_RINGING, "ringing"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_INCOMING, "incoming"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_FAILED, "failed"))

G_DEFINE_ENUM_TYPE (FdRelayCallEnd, fd_relay_call_end,
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_HUNG_UP, "hung-up"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_DECLINED, "declined"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_PEER_HUNG_UP, "peer-hung-up"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_PEER_CANCELLED, "peer-cancelled"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_PEER_GONE, "peer-gone"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_RING_TIMEOUT, "ring-timeout"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_TAKEN, "taken"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_SHUTDOWN, "shutdown"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_CONNECTION_LOST, "connection-lost"),
  G_DEFINE_ENUM_VALUE (FD_RELAY_CALL_END_OTHER, "other"))

#define PROP(name) (_fd_relay_call_props[FD_RELAY_CALL_PROP_##name])

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  g_type_class_unref (klass);   /* static types: the class stays */
  return found != NULL ? found->value_nick : "?";
}

void
_fd_relay_call_set_string (FdRelayCall  *self,
                           char        **field,
                           const char   *value,
                           guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), _fd_relay_call_props[prop]);
}

void
_fd_relay_call_set_state (FdRelayCall      *self,
                          FdRelayCallState  state)
{
  if (self->state == state)
    return;
  g_debug ("%s → %s", fd_relay_call_state_to_string (self->state),
           fd_relay_call_state_to_string (state));
  self->state = state;
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_STATE);
}

static FdCallMedia *
create_default_media (FdRelayCall *self,
                      int          role)
{
  return g_object_new (FD_TYPE_CALL_ENGINE, "role", role, NULL);
}

/* The first handler that returns a media wins. */
static gboolean
accumulate_media (GSignalInvocationHint *hint,
                  GValue                *accumulated,
                  const GValue          *returned,
                  gpointer               data)
{
  GObject *media = g_value_get_object (returned);

  if (media == NULL)
    return TRUE;
  g_value_set_object (accumulated, media);
  return FALSE;
}

static void
fd_relay_call_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FdRelayCall *self = FD_RELAY_CALL (object);

  switch (prop_id)
    {
    case FD_RELAY_CALL_PROP_ROLE: g_value_set_enum (value, self->role); break;
    case FD_RELAY_CALL_PROP_CLIENT: g_value_set_object (value, self->client); break;
    case FD_RELAY_CALL_PROP_STATE: g_value_set_enum (value, self->state); break;
    case FD_RELAY_CALL_PROP_CALL_ID: g_value_set_string (value, self->call_id); break;
    case FD_RELAY_CALL_PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case FD_RELAY_CALL_PROP_PEER_NAME: g_value_set_string (value, self->peer_name); break;
    case FD_RELAY_CALL_PROP_QUEUE_POSITION: g_value_set_uint (value, self->queue_position); break;
    case FD_RELAY_CALL_PROP_QUEUE_ETA: g_value_set_int (value, self->queue_eta); break;
    case FD_RELAY_CALL_PROP_END_REASON: g_value_set_enum (value, self->end_reason); break;
    case FD_RELAY_CALL_PROP_ERROR: g_value_set_boxed (value, self->error); break;
    case FD_RELAY_CALL_PROP_RELAY_ERROR: g_value_set_boxed (value, self->relay_error); break;
    case FD_RELAY_CALL_PROP_MEDIA: g_value_set_object (value, self->media); break;
    case FD_RELAY_CALL_PROP_STATS: g_value_set_object (value, self->stats); break;
    case FD_RELAY_CALL_PROP_MUTED: g_value_set_boolean (value, self->muted); break;
    case FD_RELAY_CALL_PROP_CAMERA_ENABLED:
      g_value_set_boolean (value, self->camera_enabled);
      break;
    case FD_RELAY_CALL_PROP_SETUP_TIMEOUT: g_value_set_uint (value, self->setup_timeout); break;
    case FD_RELAY_CALL_PROP_MAX_WAIT: g_value_set_uint (value, self->max_wait); break;
    case FD_RELAY_CALL_PROP_PEER_DRAFT: g_value_set_string (value, self->rtt_rx.draft); break;
    case FD_RELAY_CALL_PROP_RECONNECTING: g_value_set_boolean (value, self->reconnecting); break;
    case FD_RELAY_CALL_PROP_PEER_RECONNECTING:
      g_value_set_boolean (value, self->peer_reconnecting);
      break;
    case FD_RELAY_CALL_PROP_MEDIA_RESTARTS: g_value_set_uint (value, self->restarts); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_relay_call_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FdRelayCall *self = FD_RELAY_CALL (object);

  switch (prop_id)
    {
    case FD_RELAY_CALL_PROP_ROLE: self->role = g_value_get_enum (value); break;
    case FD_RELAY_CALL_PROP_MUTED:
      fd_relay_call_set_muted (self, g_value_get_boolean (value));
      break;
    case FD_RELAY_CALL_PROP_CAMERA_ENABLED:
      fd_relay_call_set_camera_enabled (self, g_value_get_boolean (value));
      break;
    case FD_RELAY_CALL_PROP_SETUP_TIMEOUT:
      fd_relay_call_set_setup_timeout (self, g_value_get_uint (value));
      break;
    case FD_RELAY_CALL_PROP_MAX_WAIT:
      fd_relay_call_set_max_wait (self, g_value_get_uint (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_relay_call_dispose (GObject *object)
{
  FdRelayCall *self = FD_RELAY_CALL (object);

  _fd_relay_call_disarm_watchdog (self);
  g_clear_handle_id (&self->wait_id, g_source_remove);
  _fd_relay_call_drop_media (self);
  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      fd_signal_client_disconnect (self->client);
      g_clear_object (&self->client);
    }
  g_clear_object (&self->stats);

  G_OBJECT_CLASS (fd_relay_call_parent_class)->dispose (object);
}

static void
fd_relay_call_finalize (GObject *object)
{
  FdRelayCall *self = FD_RELAY_CALL (object);

  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->ended_id, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->peer_name, g_free);
  g_clear_error (&self->error);
  g_clear_error (&self->relay_error);
  _fd_relay_call_rtt_free (self);

  G_OBJECT_CLASS (fd_relay_call_parent_class)->finalize (object);
}

static void
fd_relay_call_class_init (FdRelayCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->get_property = fd_relay_call_get_property;
  object_class->set_property = fd_relay_call_set_property;
  object_class->dispose = fd_relay_call_dispose;
  object_class->finalize = fd_relay_call_finalize;

  PROP (ROLE) = g_param_spec_enum ("role", NULL, NULL, FD_TYPE_SIGNAL_ROLE, FD_SIGNAL_ROLE_DESK,
                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                   G_PARAM_STATIC_STRINGS);
  PROP (CLIENT) = g_param_spec_object ("client", NULL, NULL, FD_TYPE_SIGNAL_CLIENT, ro);
  PROP (STATE) = g_param_spec_enum ("state", NULL, NULL, FD_TYPE_RELAY_CALL_STATE,
                                    FD_RELAY_CALL_IDLE, ro);
  PROP (CALL_ID) = g_param_spec_string ("call-id", NULL, NULL, NULL, ro);
  PROP (LANGUAGE) = g_param_spec_string ("language", NULL, NULL, NULL, ro);
  PROP (PEER_NAME) = g_param_spec_string ("peer-name", NULL, NULL, NULL, ro);
  PROP (QUEUE_POSITION) = g_param_spec_uint ("queue-position", NULL, NULL, 0, G_MAXUINT, 0, ro);
  PROP (QUEUE_ETA) = g_param_spec_int ("queue-eta", NULL, NULL, -1, G_MAXINT, -1, ro);
  PROP (END_REASON) = g_param_spec_enum ("end-reason", NULL, NULL, FD_TYPE_RELAY_CALL_END,
                                         FD_RELAY_CALL_END_NONE, ro);
  PROP (ERROR) = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  PROP (RELAY_ERROR) = g_param_spec_boxed ("relay-error", NULL, NULL, G_TYPE_ERROR, ro);
  PROP (MEDIA) = g_param_spec_object ("media", NULL, NULL, FD_TYPE_CALL_MEDIA, ro);
  PROP (STATS) = g_param_spec_object ("stats", NULL, NULL, FD_TYPE_CALL_STATS, ro);
  PROP (MUTED) = g_param_spec_boolean ("muted", NULL, NULL, FALSE, rw);
  PROP (CAMERA_ENABLED) = g_param_spec_boolean ("camera-enabled", NULL, NULL, TRUE, rw);
  PROP (SETUP_TIMEOUT) = g_param_spec_uint ("setup-timeout", NULL, NULL, 1, 600, 45, rw);
  PROP (MAX_WAIT) = g_param_spec_uint ("max-wait", NULL, NULL, 0, G_MAXUINT, 0, rw);
  PROP (PEER_DRAFT) = g_param_spec_string ("peer-draft", NULL, NULL, "", ro);
  PROP (RECONNECTING) = g_param_spec_boolean ("reconnecting", NULL, NULL, FALSE, ro);
  PROP (PEER_RECONNECTING) = g_param_spec_boolean ("peer-reconnecting", NULL, NULL, FALSE, ro);
  PROP (MEDIA_RESTARTS) = g_param_spec_uint ("media-restarts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, FD_RELAY_CALL_N_PROPS, _fd_relay_call_props);

  _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_CREATE_MEDIA] =
    g_signal_new_class_handler ("create-media", type, G_SIGNAL_RUN_LAST,
                                G_CALLBACK (create_default_media), accumulate_media, NULL, NULL,
                                FD_TYPE_CALL_MEDIA, 1, G_TYPE_INT);
  _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_CHAT_RECEIVED] =
    g_signal_new ("chat-received", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_CHAT_OPEN] =
    g_signal_new ("chat-open", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_VIDEO_FRAME] =
    g_signal_new ("video-frame", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, FD_TYPE_CALL_FRAME);
  _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_FIRST_REMOTE_FRAME] =
    g_signal_new ("first-remote-frame", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
fd_relay_call_init (FdRelayCall *self)
{
  self->state = FD_RELAY_CALL_IDLE;
  self->queue_eta = -1;
  self->camera_enabled = TRUE;
  self->setup_timeout = 45;
  fd_rtt_receiver_init (&self->rtt_rx);
  fd_rtt_throttle_init (&self->rtt_tx);
  self->draft = g_strdup ("");
  self->client = fd_signal_client_new ();
  _fd_relay_call_watch_client (self);
}

FdRelayCall *
fd_relay_call_new (FdSignalRole role)
{
  return g_object_new (FD_TYPE_RELAY_CALL, "role", role, NULL);
}

const char *
fd_relay_call_state_to_string (FdRelayCallState state)
{
  return enum_nick (FD_TYPE_RELAY_CALL_STATE, state);
}

const char *
fd_relay_call_end_to_string (FdRelayCallEnd reason)
{
  return enum_nick (FD_TYPE_RELAY_CALL_END, reason);
}

void
fd_relay_call_connect (FdRelayCall        *self,
                       const char         *url,
                       const char         *token,
                       const char * const *languages)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));
  g_return_if_fail (url != NULL && token != NULL);

  fd_relay_call_hang_up (self);
  fd_signal_client_start (self->client, url, token, self->role, languages);
}

void
fd_relay_call_disconnect (FdRelayCall *self)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));

  fd_relay_call_hang_up (self);
  fd_signal_client_disconnect (self->client);
}

static gboolean
check_state (FdRelayCall  *self,
             gboolean      ok,
             const char   *what,
             GError      **error)
{
  if (ok)
    return TRUE;
  g_set_error (error, FD_RELAY_CALL_ERROR, FD_RELAY_CALL_ERROR_STATE, "cannot %s: the call is %s",
               what, fd_relay_call_state_to_string (self->state));
  return FALSE;
}

gboolean
fd_relay_call_request (FdRelayCall  *self,
                       const char   *language,
                       GError      **error)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  if (!check_state (self, self->role == FD_SIGNAL_ROLE_DESK && !fd_relay_call_is_active (self),
                    "request a call", error))
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  _fd_relay_call_begin (self, FD_RELAY_CALL_REQUESTING);
  _fd_relay_call_set_string (self, &self->language, language, FD_RELAY_CALL_PROP_LANGUAGE);
  g_object_thaw_notify (G_OBJECT (self));
  _fd_relay_call_arm_watchdog (self);
  _fd_relay_call_send_request (self);
  return TRUE;
}

gboolean
fd_relay_call_accept (FdRelayCall  *self,
                      GError      **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FALSE);

  if (!check_state (self, self->state == FD_RELAY_CALL_INCOMING, "accept", error))
    return FALSE;
  if (!fd_signal_client_accept_call (self->client, self->call_id, &local))
    {
      _fd_relay_call_finish (self, FD_RELAY_CALL_END_NONE, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  _fd_relay_call_set_state (self, FD_RELAY_CALL_CONNECTING);
  _fd_relay_call_arm_watchdog (self);
  return TRUE;
}

gboolean
fd_relay_call_decline (FdRelayCall  *self,
                       GError      **error)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FALSE);

  if (!check_state (self, self->state == FD_RELAY_CALL_INCOMING, "decline", error))
    return FALSE;
  /* Declined here whatever the relay says: a lost connection ends it there too. */
  fd_signal_client_decline_call (self->client, self->call_id, NULL);
  _fd_relay_call_finish (self, FD_RELAY_CALL_END_DECLINED, NULL);
  return TRUE;
}

void
fd_relay_call_hang_up (FdRelayCall *self)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));

  switch (self->state)
    {
    case FD_RELAY_CALL_REQUESTING:
    case FD_RELAY_CALL_QUEUED:
    case FD_RELAY_CALL_RINGING:
      if (!self->pending)
        fd_signal_client_cancel_call (self->client, NULL);
      _fd_relay_call_finish (self, FD_RELAY_CALL_END_CANCELLED, NULL);
      break;
    case FD_RELAY_CALL_INCOMING:
      fd_relay_call_decline (self, NULL);
      break;
    case FD_RELAY_CALL_CONNECTING:
    case FD_RELAY_CALL_CONNECTED:
      fd_signal_client_hang_up (self->client, NULL);
      _fd_relay_call_finish (self, FD_RELAY_CALL_END_HUNG_UP, NULL);
      break;
    case FD_RELAY_CALL_IDLE:
    case FD_RELAY_CALL_ENDED:
    case FD_RELAY_CALL_FAILED:
    default:
      break;
    }
}

void
fd_relay_call_reset (FdRelayCall *self)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));

  if (self->state == FD_RELAY_CALL_ENDED || self->state == FD_RELAY_CALL_FAILED)
    _fd_relay_call_set_state (self, FD_RELAY_CALL_IDLE);
}

gboolean
fd_relay_call_send_chat (FdRelayCall  *self,
                         const char   *text,
                         GError      **error)
{
  g_autoptr(GError) channel_error = NULL;

  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!check_state (self, self->state == FD_RELAY_CALL_CONNECTING ||
                    self->state == FD_RELAY_CALL_CONNECTED, "send a message", error))
    return FALSE;
  if ((self->media != NULL && fd_call_media_send_chat (self->media, text, &channel_error))
      || fd_signal_client_send_chat (self->client, text, error))
    {
      _fd_relay_call_rtt_chat_sent (self);
      return TRUE;
    }
  return FALSE;
}

FdSignalRole
fd_relay_call_get_role (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FD_SIGNAL_ROLE_DESK);
  return self->role;
}

FdSignalClient *
fd_relay_call_get_client (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);
  return self->client;
}

FdRelayCallState
fd_relay_call_get_state (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FD_RELAY_CALL_IDLE);
  return self->state;
}

gboolean
fd_relay_call_is_active (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FALSE);
  return self->state != FD_RELAY_CALL_IDLE && self->state != FD_RELAY_CALL_ENDED &&
         self->state != FD_RELAY_CALL_FAILED;
}

const char *
fd_relay_call_get_call_id (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);
  return self->call_id;
}

const char *
fd_relay_call_get_language (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);
  return self->language;
}

const char *
fd_relay_call_get_peer_name (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);
  return self->peer_name;
}

guint
fd_relay_call_get_queue_position (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), 0);
  return self->queue_position;
}

int
fd_relay_call_get_queue_eta (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), -1);
  return self->queue_eta;
}

FdRelayCallEnd
fd_relay_call_get_end_reason (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FD_RELAY_CALL_END_NONE);
  return self->end_reason;
}

const GError *
fd_relay_call_get_error (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);
  return self->error;
}

const GError *
fd_relay_call_get_relay_error (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);
  return self->relay_error;
}

FdCallMedia *
fd_relay_call_get_media (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);
  return self->media;
}

FdCallStats *
fd_relay_call_get_stats (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);
  return self->stats;
}

guint
fd_relay_call_get_duration (FdRelayCall *self)
{
  gint64 end;

  g_return_val_if_fail (FD_IS_RELAY_CALL (self), 0);
  if (self->connected_us == 0)
    return 0;
  end = self->ended_us != 0 ? self->ended_us : g_get_monotonic_time ();
  return (guint) ((end - self->connected_us) / G_USEC_PER_SEC);
}

gboolean
fd_relay_call_get_muted (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FALSE);
  return self->muted;
}

void
fd_relay_call_set_muted (FdRelayCall *self,
                         gboolean     muted)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));

  muted = !!muted;
  if (self->muted == muted)
    return;
  self->muted = muted;
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_MUTED);
}

gboolean
fd_relay_call_get_camera_enabled (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), TRUE);
  return self->camera_enabled;
}

void
fd_relay_call_set_camera_enabled (FdRelayCall *self,
                                  gboolean     enabled)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));

  enabled = !!enabled;
  if (self->camera_enabled == enabled)
    return;
  self->camera_enabled = enabled;
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_CAMERA_ENABLED);
}

guint
fd_relay_call_get_setup_timeout (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), 0);
  return self->setup_timeout;
}

void
fd_relay_call_set_setup_timeout (FdRelayCall *self,
                                 guint        seconds)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));
  g_return_if_fail (seconds >= 1 && seconds <= 600);

  if (self->setup_timeout == seconds)
    return;
  self->setup_timeout = seconds;
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_SETUP_TIMEOUT);
}

guint
fd_relay_call_get_max_wait (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), 0);
  return self->max_wait;
}

void
fd_relay_call_set_max_wait (FdRelayCall *self,
                            guint        seconds)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));

  if (self->max_wait == seconds)
    return;
  self->max_wait = seconds;
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_MAX_WAIT);
}
