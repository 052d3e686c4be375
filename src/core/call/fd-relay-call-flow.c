/* fd-relay-call-flow.c: FdRelayCall's state machine: what the relay and the media report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay-call"

#include "config.h"

#include "fd-relay-call-private.h"

static gboolean
is_desk_waiting (FdRelayCall *self)
{
  return self->role == FD_SIGNAL_ROLE_DESK &&
         (self->state == FD_RELAY_CALL_REQUESTING || self->state == FD_RELAY_CALL_QUEUED ||
          self->state == FD_RELAY_CALL_RINGING);
}

/* ---- begin and end --------------------------------------------------------------------------- */

static void
set_end_reason (FdRelayCall    *self,
                FdRelayCallEnd  reason)
{
  if (self->end_reason == reason)
    return;
  self->end_reason = reason;
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_END_REASON);
}

static void
set_error (FdRelayCall  *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_ERROR);
}

void
_fd_relay_call_drop_media (FdRelayCall *self)
{
  g_autoptr(FdCallMedia) media = g_steal_pointer (&self->media);

  if (media == NULL)
    return;
  g_clear_pointer (&self->muted_binding, g_binding_unbind);
  g_clear_pointer (&self->camera_binding, g_binding_unbind);
  g_signal_handlers_disconnect_by_data (media, self);
  fd_call_media_hang_up (media);
  _fd_relay_call_rtt_reset (self);
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_MEDIA);
}

void
_fd_relay_call_begin (FdRelayCall      *self,
                      FdRelayCallState  state)
{
  g_object_freeze_notify (G_OBJECT (self));
  _fd_relay_call_set_string (self, &self->call_id, NULL, FD_RELAY_CALL_PROP_CALL_ID);
  _fd_relay_call_set_string (self, &self->peer_name, NULL, FD_RELAY_CALL_PROP_PEER_NAME);
  if (self->queue_position != 0)
    {
      self->queue_position = 0;
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_QUEUE_POSITION);
    }
  if (self->queue_eta != -1)
    {
      self->queue_eta = -1;
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_QUEUE_ETA);
    }
  set_end_reason (self, FD_RELAY_CALL_END_NONE);
  set_error (self, NULL);
  if (self->stats != NULL)
    {
      g_clear_object (&self->stats);
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_STATS);
    }
  self->connected_us = 0;
  self->ended_us = 0;
  self->pending = FALSE;
  _fd_relay_call_resume_reset (self);
  _fd_relay_call_set_state (self, state);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_fd_relay_call_finish (FdRelayCall    *self,
                       FdRelayCallEnd  reason,
                       const GError   *error)
{
  if (!fd_relay_call_is_active (self))
    return;
  _fd_relay_call_disarm_watchdog (self);
  g_clear_handle_id (&self->wait_id, g_source_remove);
  self->pending = FALSE;
  self->ended_us = g_get_monotonic_time ();
  g_free (self->ended_id);
  self->ended_id = g_strdup (self->call_id);
  _fd_relay_call_drop_media (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->queue_position != 0)
    {
      self->queue_position = 0;
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_QUEUE_POSITION);
    }
  set_end_reason (self, error != NULL ? FD_RELAY_CALL_END_NONE : reason);
  set_error (self, error);
  _fd_relay_call_resume_reset (self);
  _fd_relay_call_set_state (self, error != NULL ? FD_RELAY_CALL_FAILED : FD_RELAY_CALL_ENDED);
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- timers ---------------------------------------------------------------------------------- */

static gboolean
on_watchdog (gpointer data)
{
  FdRelayCall *self = data;
  g_autoptr(GError) error = g_error_new (FD_RELAY_CALL_ERROR, FD_RELAY_CALL_ERROR_RELAY_TIMEOUT,
                                         "the relay did not answer within %u s",
                                         self->setup_timeout);

  self->watchdog_id = 0;
  if (!self->pending)
    {
      if (self->state == FD_RELAY_CALL_CONNECTING)
        fd_signal_client_hang_up (self->client, NULL);
      else
        fd_signal_client_cancel_call (self->client, NULL);
    }
  _fd_relay_call_finish (self, FD_RELAY_CALL_END_NONE, error);
  return G_SOURCE_REMOVE;
}

void
_fd_relay_call_arm_watchdog (FdRelayCall *self)
{
  _fd_relay_call_disarm_watchdog (self);
  self->watchdog_id = g_timeout_add_seconds (self->setup_timeout, on_watchdog, self);
}

void
_fd_relay_call_disarm_watchdog (FdRelayCall *self)
{
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
}

static gboolean
on_wait_over (gpointer data)
{
  FdRelayCall *self = data;
  g_autoptr(GError) error = g_error_new (FD_RELAY_CALL_ERROR, FD_RELAY_CALL_ERROR_NO_ANSWER,
                                         "no interpreter accepted within %u s", self->max_wait);

  self->wait_id = 0;
  if (!self->pending)
    fd_signal_client_cancel_call (self->client, NULL);
  _fd_relay_call_finish (self, FD_RELAY_CALL_END_NONE, error);
  return G_SOURCE_REMOVE;
}

/* ---- media ----------------------------------------------------------------------------------- */

static void
on_media_local_description (FdCallMedia *media,
                            const char  *type,
                            const char  *sdp,
                            FdRelayCall *self)
{
  g_autoptr(GError) error = NULL;

  /* A relay that dropped meanwhile ends the call through "call-ended". */
  if (!fd_signal_client_send_sdp (self->client, type, sdp, &error))
    g_debug ("could not send the description: %s", error->message);
}

static void
on_media_local_ice (FdCallMedia *media,
                    guint        mline,
                    const char  *candidate,
                    FdRelayCall *self)
{
  g_autoptr(GError) error = NULL;

  if (!fd_signal_client_send_ice (self->client, mline, candidate, &error))
    g_debug ("could not send a candidate: %s", error->message);
}

static void
on_media_state (FdCallMedia *media,
                int          state,
                FdRelayCall *self)
{
  if (_fd_relay_call_media_state (self, state))
    return;
  if (state == FD_CALL_STATE_CONNECTED && self->state == FD_RELAY_CALL_CONNECTING)
    {
      self->connected_us = g_get_monotonic_time ();
      _fd_relay_call_set_state (self, FD_RELAY_CALL_CONNECTED);
    }
  else if (state == FD_CALL_STATE_FAILED)
    {
      g_autoptr(GError) error = NULL;

      if (fd_call_media_get_error (media) != NULL)
        error = g_error_copy (fd_call_media_get_error (media));
      else
        error = g_error_new (FD_CALL_ERROR, FD_CALL_ERROR_CONNECTION, "the media failed");
      fd_signal_client_hang_up (self->client, NULL);
      _fd_relay_call_finish (self, FD_RELAY_CALL_END_NONE, error);
    }
  /* The media ending by itself (the peer closed its end) is followed by the relay's
   * "call-ended", which gives the reason. */
}

static void
on_media_chat (FdCallMedia *media,
               const char  *text,
               FdRelayCall *self)
{
  _fd_relay_call_rtt_chat_received (self);
  g_signal_emit (self, _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_CHAT_RECEIVED], 0,
                 text, self->peer_name);
}

static void
on_media_data (FdCallMedia *media,
               GBytes      *bytes,
               FdRelayCall *self)
{
  _fd_relay_call_rtt_received (self, bytes);
}

static void
on_media_chat_open (FdCallMedia *media,
                    FdRelayCall *self)
{
  g_signal_emit (self, _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_CHAT_OPEN], 0);
}

static void
on_media_video_frame (FdCallMedia *media,
                      int          stream,
                      FdCallFrame *frame,
                      FdRelayCall *self)
{
  g_signal_emit (self, _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_VIDEO_FRAME], 0, stream, frame);
}

static void
on_media_first_frame (FdCallMedia *media,
                      FdRelayCall *self)
{
  g_signal_emit (self, _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_FIRST_REMOTE_FRAME], 0);
}

/* The STUN/TURN servers the relay handed out with this call (short-lived TURN credentials)
 * come after the engine's own (from settings), which keep their precedence for STUN. */
static void
add_relay_ice_servers (FdRelayCall *self,
                       FdCallMedia *media)
{
  const char *stun = fd_signal_client_get_stun_uri (self->client);
  const char * const *turn = fd_signal_client_get_turn_uris (self->client);
  g_autofree char *own_stun = NULL;
  g_auto(GStrv) own_turn = NULL;
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_auto(GStrv) merged = NULL;

  g_object_get (media, "stun-server", &own_stun, "turn-servers", &own_turn, NULL);
  if (stun != NULL && (own_stun == NULL || *own_stun == '\0'))
    g_object_set (media, "stun-server", stun, NULL);
  if (turn == NULL || turn[0] == NULL)
    return;
  if (own_turn != NULL)
    g_strv_builder_addv (all, (const char **) own_turn);
  g_strv_builder_addv (all, (const char **) turn);
  merged = g_strv_builder_end (all);
  g_object_set (media, "turn-servers", merged, NULL);
}

gboolean
_fd_relay_call_start_media (FdRelayCall  *self,
                            gboolean      offerer,
                            GError      **error)
{
  FdCallMedia *media = NULL;
  FdCallRole role = offerer ? FD_CALL_ROLE_OFFERER : FD_CALL_ROLE_ANSWERER;

  g_signal_emit (self, _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_CREATE_MEDIA], 0, role, &media);
  if (media == NULL)
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE, "no media for the call");
      return FALSE;
    }
  if (FD_IS_CALL_ENGINE (media))
    {
      g_object_set (media, "setup-timeout", self->setup_timeout, NULL);
      add_relay_ice_servers (self, media);
    }
  self->media = media;
  self->offerer = offerer;
  self->media_connected = FALSE;
  self->media_received = FALSE;
  self->silent_ticks = 0;
  _fd_relay_call_rtt_reset (self);
  if (self->restarts == 0)
    {
      /* A new call starts unmuted; a rebuilt media keeps what the user chose. */
      self->muted = FALSE;
      self->camera_enabled = TRUE;
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_MUTED);
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_CAMERA_ENABLED);
    }
  self->muted_binding = g_object_bind_property (self, "muted", media, "muted",
                                                G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  self->camera_binding = g_object_bind_property (self, "camera-enabled", media, "camera-enabled",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (media, "local-description", G_CALLBACK (on_media_local_description), self);
  g_signal_connect (media, "local-ice", G_CALLBACK (on_media_local_ice), self);
  g_signal_connect (media, "state-changed", G_CALLBACK (on_media_state), self);
  g_signal_connect (media, "chat-received", G_CALLBACK (on_media_chat), self);
  g_signal_connect (media, "chat-open", G_CALLBACK (on_media_chat_open), self);
  if (g_signal_lookup ("data-received", G_OBJECT_TYPE (media)) != 0)
    g_signal_connect (media, "data-received", G_CALLBACK (on_media_data), self);
  g_signal_connect (media, "video-frame", G_CALLBACK (on_media_video_frame), self);
  g_signal_connect (media, "first-remote-frame", G_CALLBACK (on_media_first_frame), self);
  g_set_object (&self->stats, fd_call_media_get_stats (media));
  _fd_relay_call_watch_stats (self);
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_MEDIA);
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_STATS);
  return fd_call_media_start (media, error);
}

/* ---- relay ----------------------------------------------------------------------------------- */

void
_fd_relay_call_send_request (FdRelayCall *self)
{
  g_autoptr(GError) error = NULL;

  if (fd_signal_client_get_state (self->client) != FD_SIGNAL_STATE_CONNECTED)
    {
      self->pending = TRUE;
      return;
    }
  self->pending = FALSE;
  if (!fd_signal_client_request_call (self->client, self->language, &error))
    _fd_relay_call_finish (self, FD_RELAY_CALL_END_NONE, error);
}

static void
on_welcome (FdSignalClient *client,
            const char     *id,
            const char     *name,
            FdRelayCall    *self)
{
  if (self->relay_error != NULL)
    {
      g_clear_error (&self->relay_error);
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_RELAY_ERROR);
    }
  if (self->state == FD_RELAY_CALL_REQUESTING && self->pending)
    _fd_relay_call_send_request (self);
}

static void
on_client_state (FdRelayCall *self)
{
  /* A request the relay had not answered died with the connection: ask again when it is back
   * (the watchdog still runs). */
  if (self->state == FD_RELAY_CALL_REQUESTING &&
      fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_RECONNECTING)
    self->pending = TRUE;
}

static void
take_call_id (FdRelayCall *self,
              const char  *call)
{
  _fd_relay_call_set_string (self, &self->call_id, call, FD_RELAY_CALL_PROP_CALL_ID);
}

static void
set_queue (FdRelayCall *self,
           guint        position,
           int          eta)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->queue_position != position)
    {
      self->queue_position = position;
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_QUEUE_POSITION);
    }
  if (self->queue_eta != eta)
    {
      self->queue_eta = eta;
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_QUEUE_ETA);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* The relay answered a desk's request: no more watchdog; max-wait runs from now. */
static void
answered (FdRelayCall *self,
          const char  *call)
{
  _fd_relay_call_disarm_watchdog (self);
  take_call_id (self, call);
  if (self->max_wait > 0 && self->wait_id == 0)
    self->wait_id = g_timeout_add_seconds (self->max_wait, on_wait_over, self);
}

static void
on_queued (FdSignalClient *client,
           const char     *call,
           guint           position,
           int             eta,
           FdRelayCall    *self)
{
  if (!is_desk_waiting (self))
    return;
  answered (self, call);
  g_object_freeze_notify (G_OBJECT (self));
  set_queue (self, position, eta);
  _fd_relay_call_set_state (self, FD_RELAY_CALL_QUEUED);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_ringing (FdSignalClient *client,
            const char     *call,
            const char     *interpreter,
            FdRelayCall    *self)
{
  if (!is_desk_waiting (self))
    return;
  answered (self, call);
  g_object_freeze_notify (G_OBJECT (self));
  set_queue (self, 0, -1);
  _fd_relay_call_set_string (self, &self->peer_name, interpreter, FD_RELAY_CALL_PROP_PEER_NAME);
  _fd_relay_call_set_state (self, FD_RELAY_CALL_RINGING);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_incoming (FdSignalClient *client,
             const char     *call,
             const char     *language,
             const char     *desk,
             FdRelayCall    *self)
{
  if (self->role != FD_SIGNAL_ROLE_INTERPRETER || fd_relay_call_is_active (self))
    return;
  g_object_freeze_notify (G_OBJECT (self));
  _fd_relay_call_begin (self, FD_RELAY_CALL_INCOMING);
  take_call_id (self, call);
  _fd_relay_call_set_string (self, &self->language, language, FD_RELAY_CALL_PROP_LANGUAGE);
  _fd_relay_call_set_string (self, &self->peer_name, desk, FD_RELAY_CALL_PROP_PEER_NAME);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_accepted (FdSignalClient *client,
             const char     *call,
             const char     *language,
             const char     *peer_id,
             const char     *peer_name,
             gboolean        offerer,
             FdRelayCall    *self)
{
  g_autoptr(GError) error = NULL;

  if (!is_desk_waiting (self) &&
      !(self->state == FD_RELAY_CALL_CONNECTING && self->media == NULL) &&
      self->state != FD_RELAY_CALL_INCOMING)
    return;
  _fd_relay_call_disarm_watchdog (self);
  g_clear_handle_id (&self->wait_id, g_source_remove);
  g_object_freeze_notify (G_OBJECT (self));
  take_call_id (self, call);
  set_queue (self, 0, -1);
  if (language != NULL)
    _fd_relay_call_set_string (self, &self->language, language, FD_RELAY_CALL_PROP_LANGUAGE);
  _fd_relay_call_set_string (self, &self->peer_name, peer_name != NULL ? peer_name : peer_id,
                             FD_RELAY_CALL_PROP_PEER_NAME);
  _fd_relay_call_set_state (self, FD_RELAY_CALL_CONNECTING);
  g_object_thaw_notify (G_OBJECT (self));
  if (!_fd_relay_call_start_media (self, offerer, &error))
    {
      fd_signal_client_hang_up (self->client, NULL);
      _fd_relay_call_finish (self, FD_RELAY_CALL_END_NONE, error);
    }
}

static void
on_sdp (FdSignalClient *client,
        const char     *type,
        const char     *sdp,
        FdRelayCall    *self)
{
  g_autoptr(GError) error = NULL;

  /* A description the media cannot use fails the call (its state goes FAILED). */
  if (self->media != NULL && !fd_call_media_set_remote_description (self->media, type, sdp, &error))
    g_debug ("remote description refused: %s", error->message);
}

static void
on_ice (FdSignalClient *client,
        guint           mline,
        const char     *candidate,
        FdRelayCall    *self)
{
  g_autoptr(GError) error = NULL;

  if (self->media != NULL && !fd_call_media_add_remote_ice (self->media, mline, candidate, &error))
    g_debug ("remote candidate refused: %s", error->message);
}

static void
on_relay_chat (FdSignalClient *client,
               const char     *text,
               const char     *from,
               FdRelayCall    *self)
{
  if (self->state == FD_RELAY_CALL_CONNECTING || self->state == FD_RELAY_CALL_CONNECTED)
    {
      _fd_relay_call_rtt_chat_received (self);
      g_signal_emit (self, _fd_relay_call_signals[FD_RELAY_CALL_SIGNAL_CHAT_RECEIVED], 0,
                     text, from != NULL ? from : self->peer_name);
    }
}

static FdRelayCallEnd
end_from_wire (FdRelayCall *self,
               const char  *reason)
{
  gboolean desk = self->role == FD_SIGNAL_ROLE_DESK;

  if (g_strcmp0 (reason, FD_END_HANG_UP) == 0)
    return FD_RELAY_CALL_END_PEER_HUNG_UP;
  if (g_strcmp0 (reason, FD_END_PEER_GONE) == 0)
    return FD_RELAY_CALL_END_PEER_GONE;
  if (g_strcmp0 (reason, FD_END_CANCELLED) == 0)
    return desk ? FD_RELAY_CALL_END_CANCELLED : FD_RELAY_CALL_END_PEER_CANCELLED;
  if (g_strcmp0 (reason, FD_END_RING_TIMEOUT) == 0)
    return FD_RELAY_CALL_END_RING_TIMEOUT;
  if (g_strcmp0 (reason, FD_END_DECLINED) == 0)
    return FD_RELAY_CALL_END_DECLINED;
  if (g_strcmp0 (reason, FD_END_TAKEN) == 0)
    return FD_RELAY_CALL_END_TAKEN;
  if (g_strcmp0 (reason, FD_END_SHUTDOWN) == 0)
    return FD_RELAY_CALL_END_SHUTDOWN;
  if (g_strcmp0 (reason, FD_END_CONNECTION_LOST) == 0)
    return FD_RELAY_CALL_END_CONNECTION_LOST;
  return FD_RELAY_CALL_END_OTHER;
}

static void
on_call_ended (FdSignalClient *client,
               const char     *call,
               const char     *reason,
               FdRelayCall    *self)
{
  if (!fd_relay_call_is_active (self))
    return;
  /* Another call's end, or the relay confirming the end of our last one. */
  if (call != NULL && self->call_id != NULL && g_strcmp0 (call, self->call_id) != 0)
    return;
  if (call != NULL && self->call_id == NULL && g_strcmp0 (call, self->ended_id) == 0)
    return;
  if (self->state == FD_RELAY_CALL_REQUESTING && self->pending)
    return;
  _fd_relay_call_finish (self, end_from_wire (self, reason), NULL);
}

static void
on_client_error (FdSignalClient *client,
                 GError         *error,
                 FdRelayCall    *self)
{
  /* Refusals the client will not retry: it goes DISCONNECTED right after this signal. */
  gboolean gone = fd_signal_client_get_state (client) == FD_SIGNAL_STATE_DISCONNECTED ||
                  g_error_matches (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_AUTH_FAILED) ||
                  g_error_matches (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_UNSUPPORTED_VERSION);
  gboolean refused = error->domain == FD_SIGNAL_ERROR &&
                     (error->code == FD_SIGNAL_ERROR_BAD_LANGUAGE ||
                      error->code == FD_SIGNAL_ERROR_BAD_STATE ||
                      error->code == FD_SIGNAL_ERROR_FORBIDDEN ||
                      error->code == FD_SIGNAL_ERROR_RATE_LIMITED);

  if (gone)
    {
      g_clear_error (&self->relay_error);
      self->relay_error = g_error_copy (error);
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_RELAY_ERROR);
    }
  /* A refused request (bad language, rate limit), or a relay that will not have us. */
  if ((self->state == FD_RELAY_CALL_REQUESTING && !self->pending && refused) ||
      (gone && fd_relay_call_is_active (self)))
    _fd_relay_call_finish (self, FD_RELAY_CALL_END_NONE, error);
}

void
_fd_relay_call_watch_client (FdRelayCall *self)
{
  FdSignalClient *client = self->client;

  g_signal_connect (client, "welcome", G_CALLBACK (on_welcome), self);
  g_signal_connect_swapped (client, "notify::state", G_CALLBACK (on_client_state), self);
  g_signal_connect (client, "queued", G_CALLBACK (on_queued), self);
  g_signal_connect (client, "ringing", G_CALLBACK (on_ringing), self);
  g_signal_connect (client, "incoming-call", G_CALLBACK (on_incoming), self);
  g_signal_connect (client, "call-accepted", G_CALLBACK (on_accepted), self);
  g_signal_connect (client, "sdp", G_CALLBACK (on_sdp), self);
  g_signal_connect (client, "ice", G_CALLBACK (on_ice), self);
  g_signal_connect (client, "chat", G_CALLBACK (on_relay_chat), self);
  g_signal_connect (client, "call-ended", G_CALLBACK (on_call_ended), self);
  g_signal_connect (client, "error", G_CALLBACK (on_client_error), self);
  _fd_relay_call_watch_resume (self);
}
