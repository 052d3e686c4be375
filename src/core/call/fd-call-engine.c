/* fd-call-engine.c: one two-way video call (webrtcbin), state and signalling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Media pieces (sources, encoders, receive chains, frames) are in
 * fd-call-engine-media.c; this file holds the object, negotiation, ICE,
 * chat, statistics and teardown. Every webrtcbin callback runs on a
 * streaming thread and hops to self->context with _fd_call_engine_invoke().
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <gst/sdp/sdp.h>
#include <string.h>

#include "fd-call-cert.h"
#include "fd-call-engine-private.h"
#include "fd-call-instruments.h"
#include "fd-call-media.h"

enum {
  PROP_0,
  PROP_ROLE,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_FRAMERATE,
  PROP_VIDEO_SOURCE,
  PROP_VIDEO_FILE,
  PROP_CAMERA_DEVICE,
  PROP_MICROPHONE_DEVICE,
  PROP_AUDIO_SOURCE,
  PROP_NO_CAMERA_TEXT,
  PROP_PLAY_AUDIO,
  PROP_DELIVER_FRAMES,
  PROP_LIP_SYNC,
  PROP_STUN_SERVER,
  PROP_TURN_SERVERS,
  PROP_ICE_ADDRESSES,
  PROP_LATENCY,
  PROP_ECHO_CANCEL,
  PROP_SETUP_TIMEOUT,
  PROP_MEDIA_TIMEOUT,
  PROP_SEND_LOSS,
  PROP_STAMP_FRAMES,
  PROP_READ_STAMPS,
  PROP_STATE,
  PROP_STATS,
  PROP_MUTED,
  PROP_CAMERA_ENABLED,
  PROP_ERROR,
  PROP_CAMERA_NAME,
  PROP_MICROPHONE_NAME,
  N_PROPS
};


static GParamSpec *props[N_PROPS];
guint _fd_call_engine_signals[FD_CALL_ENGINE_N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (FdCallEngine, fd_call_engine, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FD_TYPE_CALL_MEDIA, _fd_call_engine_media_iface_init))

static void
set_str (char       **slot,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

gboolean
_fd_call_engine_is_live (FdCallEngine *self)
{
  return self->pipeline != NULL &&
         self->state != FD_CALL_STATE_ENDED && self->state != FD_CALL_STATE_FAILED;
}

/* ---- state ------------------------------------------------------------- */

void
_fd_call_engine_set_state (FdCallEngine *self,
                           FdCallState   state)
{
  g_autoptr(FdCallEngine) hold = NULL;

  if (self->state == state)
    return;
  /* A handler may drop the last reference the app holds. */
  hold = g_object_ref (self);
  g_debug ("%s: %s -> %s", self->role == FD_CALL_ROLE_OFFERER ? "offerer" : "answerer",
           fd_call_state_to_string (self->state), fd_call_state_to_string (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
  g_signal_emit (self, _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_STATE_CHANGED], 0, state);
}

void
_fd_call_engine_fail (FdCallEngine *self,
                     GError       *error)
{
  g_autoptr(GError) owned = error;
  g_autoptr(FdCallEngine) hold = NULL;

  if (self->state == FD_CALL_STATE_ENDED || self->state == FD_CALL_STATE_FAILED)
    return;
  /* A ::state-changed handler (the desk page) drops its engine when the call
   * fails; ::error is emitted after it, so keep the engine alive until then. */
  hold = g_object_ref (self);
  g_debug ("call failed: %s", error->message);
  _fd_call_engine_teardown (self);
  g_clear_error (&self->error);
  self->error = g_steal_pointer (&owned);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR]);
  _fd_call_engine_set_state (self, FD_CALL_STATE_FAILED);
  g_signal_emit (self, _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_ERROR], 0, self->error);
}

/* The elements this call will make (fd-call-elements.c). */
static FdCallElementUse
element_uses (FdCallEngine *self)
{
  FdCallElementUse uses = FD_CALL_ELEMENT_CALL;

  if (self->video_source == FD_CALL_VIDEO_FILE)
    uses |= FD_CALL_ELEMENT_FILE;
  for (guint i = 0; i < self->hooks->len; i++)
    uses |= _FD_CALL_HOOK (self, i)->hooks.uses;
  return uses;
}

static gboolean
on_setup_timeout (gpointer user_data)
{
  FdCallEngine *self = user_data;

  _fd_call_engine_clear_source (&self->timeout_source);
  if (self->state != FD_CALL_STATE_CONNECTED)
    _fd_call_engine_fail (self, g_error_new (FD_CALL_ERROR, FD_CALL_ERROR_TIMEOUT,
                                            "No connection after %u s: the peer did not answer "
                                            "or the network blocks the media",
                                            self->setup_timeout));
  return G_SOURCE_REMOVE;
}

/* ---- GObject ----------------------------------------------------------- */

static void
fd_call_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FdCallEngine *self = FD_CALL_ENGINE (object);

  switch (prop_id)
    {
    case PROP_ROLE: g_value_set_enum (value, self->role); break;
    case PROP_WIDTH: g_value_set_int (value, self->width); break;
    case PROP_HEIGHT: g_value_set_int (value, self->height); break;
    case PROP_FRAMERATE: g_value_set_int (value, self->framerate); break;
    case PROP_VIDEO_SOURCE: g_value_set_enum (value, self->video_source); break;
    case PROP_VIDEO_FILE: g_value_set_string (value, self->video_file); break;
    case PROP_CAMERA_DEVICE: g_value_set_object (value, self->camera_device); break;
    case PROP_MICROPHONE_DEVICE: g_value_set_object (value, self->microphone_device); break;
    case PROP_AUDIO_SOURCE: g_value_set_enum (value, self->audio_source); break;
    case PROP_NO_CAMERA_TEXT: g_value_set_string (value, self->no_camera_text); break;
    case PROP_PLAY_AUDIO: g_value_set_boolean (value, self->play_audio); break;
    case PROP_DELIVER_FRAMES: g_value_set_boolean (value, self->deliver_frames); break;
    case PROP_LIP_SYNC: g_value_set_boolean (value, self->lip_sync); break;
    case PROP_STUN_SERVER: g_value_set_string (value, self->stun_server); break;
    case PROP_TURN_SERVERS: g_value_set_boxed (value, self->turn_servers); break;
    case PROP_ICE_ADDRESSES: g_value_set_boxed (value, self->ice_addresses); break;
    case PROP_LATENCY: g_value_set_uint (value, self->latency); break;
    case PROP_ECHO_CANCEL: g_value_set_boolean (value, self->echo_cancel); break;
    case PROP_SETUP_TIMEOUT: g_value_set_uint (value, self->setup_timeout); break;
    case PROP_MEDIA_TIMEOUT: g_value_set_uint (value, self->media_timeout); break;
    case PROP_SEND_LOSS: g_value_set_double (value, self->send_loss); break;
    case PROP_STAMP_FRAMES: g_value_set_boolean (value, self->stamp_frames); break;
    case PROP_READ_STAMPS: g_value_set_boolean (value, self->read_stamps); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_STATS: g_value_set_object (value, self->stats); break;
    case PROP_MUTED: g_value_set_boolean (value, self->muted); break;
    case PROP_CAMERA_ENABLED: g_value_set_boolean (value, self->camera_enabled); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
    case PROP_CAMERA_NAME: g_value_set_string (value, self->camera_name); break;
    case PROP_MICROPHONE_NAME: g_value_set_string (value, self->microphone_name); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_call_engine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FdCallEngine *self = FD_CALL_ENGINE (object);

  switch (prop_id)
    {
    case PROP_ROLE: self->role = g_value_get_enum (value); break;
    case PROP_WIDTH: self->width = g_value_get_int (value); break;
    case PROP_HEIGHT: self->height = g_value_get_int (value); break;
    case PROP_FRAMERATE: self->framerate = g_value_get_int (value); break;
    case PROP_VIDEO_SOURCE: self->video_source = g_value_get_enum (value); break;
    case PROP_VIDEO_FILE: set_str (&self->video_file, g_value_get_string (value)); break;
    case PROP_CAMERA_DEVICE: g_set_object (&self->camera_device, g_value_get_object (value)); break;
    case PROP_MICROPHONE_DEVICE:
      g_set_object (&self->microphone_device, g_value_get_object (value));
      break;
    case PROP_AUDIO_SOURCE: self->audio_source = g_value_get_enum (value); break;
    case PROP_NO_CAMERA_TEXT: set_str (&self->no_camera_text, g_value_get_string (value)); break;
    case PROP_PLAY_AUDIO: self->play_audio = g_value_get_boolean (value); break;
    case PROP_DELIVER_FRAMES: self->deliver_frames = g_value_get_boolean (value); break;
    case PROP_LIP_SYNC: self->lip_sync = g_value_get_boolean (value); break;
    case PROP_STUN_SERVER: set_str (&self->stun_server, g_value_get_string (value)); break;
    case PROP_TURN_SERVERS:
      g_strfreev (self->turn_servers);
      self->turn_servers = g_value_dup_boxed (value);
      break;
    case PROP_ICE_ADDRESSES:
      g_strfreev (self->ice_addresses);
      self->ice_addresses = g_value_dup_boxed (value);
      break;
    case PROP_LATENCY: self->latency = g_value_get_uint (value); break;
    case PROP_ECHO_CANCEL: self->echo_cancel = g_value_get_boolean (value); break;
    case PROP_SETUP_TIMEOUT: self->setup_timeout = g_value_get_uint (value); break;
    case PROP_MEDIA_TIMEOUT: self->media_timeout = g_value_get_uint (value); break;
    /* Kept for existing callers: the instruments attach from outside. */
    case PROP_SEND_LOSS:
      self->send_loss = g_value_get_double (value);
      if (self->send_loss > 0)
        fd_call_instruments_add_loss (self, self->send_loss);
      break;
    case PROP_STAMP_FRAMES:
      self->stamp_frames = g_value_get_boolean (value);
      if (self->stamp_frames)
        fd_call_instruments_add_stamps (self);
      break;
    case PROP_READ_STAMPS:
      self->read_stamps = g_value_get_boolean (value);
      if (self->read_stamps)
        fd_call_instruments_add_stamp_reader (self);
      break;
    case PROP_MUTED: fd_call_engine_set_muted (self, g_value_get_boolean (value)); break;
    case PROP_CAMERA_ENABLED:
      fd_call_engine_set_camera_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_call_engine_dispose (GObject *object)
{
  FdCallEngine *self = FD_CALL_ENGINE (object);

  self->disposing = TRUE;
  _fd_call_engine_teardown (self);
  g_clear_object (&self->camera_device);
  g_clear_object (&self->microphone_device);
  g_clear_object (&self->speaker_device);
  g_clear_object (&self->stats);

  G_OBJECT_CLASS (fd_call_engine_parent_class)->dispose (object);
}

static void
fd_call_engine_finalize (GObject *object)
{
  FdCallEngine *self = FD_CALL_ENGINE (object);

  g_clear_pointer (&self->video_file, g_free);
  g_clear_pointer (&self->no_camera_text, g_free);
  g_clear_pointer (&self->camera_name, g_free);
  g_clear_pointer (&self->microphone_name, g_free);
  g_clear_pointer (&self->stun_server, g_free);
  g_clear_pointer (&self->turn_servers, g_strfreev);
  g_clear_pointer (&self->ice_addresses, g_strfreev);
  g_clear_error (&self->error);
  g_clear_pointer (&self->hooks, g_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->webrtc);
  g_clear_object (&self->echo_probe);
  g_clear_pointer (&self->bwe, _fd_call_bwe_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (fd_call_engine_parent_class)->finalize (object);
}

#define RW_CONSTRUCT (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS)

static void
fd_call_engine_class_init (FdCallEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_call_engine_get_property;
  object_class->set_property = fd_call_engine_set_property;
  object_class->dispose = fd_call_engine_dispose;
  object_class->finalize = fd_call_engine_finalize;

  props[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, FD_TYPE_CALL_ROLE, FD_CALL_ROLE_OFFERER,
                                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                       G_PARAM_STATIC_STRINGS);
  props[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 16, 3840, 640, RW_CONSTRUCT);
  props[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, 16, 2160, 480, RW_CONSTRUCT);
  props[PROP_FRAMERATE] = g_param_spec_int ("framerate", NULL, NULL, 1, 60, 30, RW_CONSTRUCT);
  props[PROP_VIDEO_SOURCE] = g_param_spec_enum ("video-source", NULL, NULL, FD_TYPE_CALL_VIDEO_SOURCE,
                                                FD_CALL_VIDEO_AUTO,
                                               RW_CONSTRUCT);
  props[PROP_VIDEO_FILE] = g_param_spec_string ("video-file", NULL, NULL, NULL, RW_CONSTRUCT);
  props[PROP_CAMERA_DEVICE] = g_param_spec_object ("camera-device", NULL, NULL, GST_TYPE_DEVICE,
                                                   RW_CONSTRUCT);
  props[PROP_MICROPHONE_DEVICE] = g_param_spec_object ("microphone-device", NULL, NULL,
                                                       GST_TYPE_DEVICE, RW_CONSTRUCT);
  props[PROP_AUDIO_SOURCE] = g_param_spec_enum ("audio-source", NULL, NULL, FD_TYPE_CALL_AUDIO_SOURCE,
                                                FD_CALL_AUDIO_AUTO,
                                               RW_CONSTRUCT);
  props[PROP_NO_CAMERA_TEXT] = g_param_spec_string ("no-camera-text", NULL, NULL, "No camera",
                                                    RW_CONSTRUCT);
  props[PROP_PLAY_AUDIO] = g_param_spec_boolean ("play-audio", NULL, NULL, TRUE, RW_CONSTRUCT);
  props[PROP_DELIVER_FRAMES] = g_param_spec_boolean ("deliver-frames", NULL, NULL, TRUE,
                                                     RW_CONSTRUCT);
  props[PROP_LIP_SYNC] = g_param_spec_boolean ("lip-sync", NULL, NULL, FALSE, RW_CONSTRUCT);
  props[PROP_STUN_SERVER] = g_param_spec_string ("stun-server", NULL, NULL, NULL, RW_CONSTRUCT);
  props[PROP_TURN_SERVERS] = g_param_spec_boxed ("turn-servers", NULL, NULL, G_TYPE_STRV,
                                                 RW_CONSTRUCT);
  props[PROP_ICE_ADDRESSES] = g_param_spec_boxed ("ice-addresses", NULL, NULL, G_TYPE_STRV,
                                                  RW_CONSTRUCT);
  props[PROP_LATENCY] = g_param_spec_uint ("latency", NULL, NULL, 0, 2000, 50, RW_CONSTRUCT);
  props[PROP_ECHO_CANCEL] = g_param_spec_boolean ("echo-cancel", NULL, NULL, TRUE, RW_CONSTRUCT);
  props[PROP_SETUP_TIMEOUT] = g_param_spec_uint ("setup-timeout", NULL, NULL, 1, 600, 45,
                                                 RW_CONSTRUCT);
  props[PROP_MEDIA_TIMEOUT] = g_param_spec_uint ("media-timeout", NULL, NULL, 0, 600, 10,
                                                 RW_CONSTRUCT);
  props[PROP_SEND_LOSS] = g_param_spec_double ("send-loss", NULL, NULL, 0, 100, 0, RW_CONSTRUCT);
  props[PROP_STAMP_FRAMES] = g_param_spec_boolean ("stamp-frames", NULL, NULL, FALSE,
                                                   RW_CONSTRUCT);
  props[PROP_READ_STAMPS] = g_param_spec_boolean ("read-stamps", NULL, NULL, FALSE,
                                                  RW_CONSTRUCT);
  props[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, FD_TYPE_CALL_STATE, FD_CALL_STATE_IDLE,
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                        G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_STATS] = g_param_spec_object ("stats", NULL, NULL, FD_TYPE_CALL_STATS,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_MUTED] = g_param_spec_boolean ("muted", NULL, NULL, FALSE,
                                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                            G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_CAMERA_ENABLED] = g_param_spec_boolean ("camera-enabled", NULL, NULL, TRUE,
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                                                     G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                          G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_CAMERA_NAME] = g_param_spec_string ("camera-name", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                 G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_MICROPHONE_NAME] = g_param_spec_string ("microphone-name", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                     G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);

  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_CALL_STATE);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_LOCAL_DESCRIPTION] =
    g_signal_new ("local-description", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_LOCAL_ICE] =
    g_signal_new ("local-ice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_CHAT_RECEIVED] =
    g_signal_new ("chat-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_CHAT_OPEN] =
    g_signal_new ("chat-open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_DATA_RECEIVED] =
    g_signal_new ("data-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_VIDEO_FRAME] =
    g_signal_new ("video-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, FD_TYPE_CALL_STREAM, FD_TYPE_CALL_FRAME);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_FIRST_REMOTE_FRAME] =
    g_signal_new ("first-remote-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_STAMP_LATENCY] =
    g_signal_new ("stamp-latency", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
fd_call_engine_init (FdCallEngine *self)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  _fd_call_tolerate_gst_races ();
  self->context = g_main_context_ref_thread_default ();
  self->stats = _fd_call_stats_new ();
  self->hooks = g_array_new (FALSE, TRUE, sizeof (FdCallHookEntry));
  g_array_set_clear_func (self->hooks, _fd_call_hook_entry_clear);
  self->camera_enabled = TRUE;
  g_mutex_init (&self->lock);
}

/* ---- public API -------------------------------------------------------- */

FdCallEngine *
fd_call_engine_new (FdCallRole role)
{
  return g_object_new (FD_TYPE_CALL_ENGINE, "role", role, NULL);
}

FdCallRole
fd_call_engine_get_role (FdCallEngine *self)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FD_CALL_ROLE_OFFERER);
  return self->role;
}

FdCallState
fd_call_engine_get_state (FdCallEngine *self)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FD_CALL_STATE_IDLE);
  return self->state;
}

FdCallStats *
fd_call_engine_get_stats (FdCallEngine *self)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), NULL);
  return self->stats;
}

const GError *
fd_call_engine_get_error (FdCallEngine *self)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), NULL);
  return self->error;
}

gboolean
fd_call_engine_start (FdCallEngine *self,
                      GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state != FD_CALL_STATE_IDLE)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_STATE,
                           "This call was already started");
      return FALSE;
    }
  _fd_call_engine_set_state (self, FD_CALL_STATE_NEGOTIATING);
  if (!fd_call_elements_check (element_uses (self), &local_error) ||
      !_fd_call_engine_build (self, &local_error))
    {
      if (error != NULL)
        *error = g_error_copy (local_error);
      _fd_call_engine_fail (self, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->timeout_source = _fd_call_engine_attach (self, g_timeout_source_new_seconds (self->setup_timeout),
                                                 on_setup_timeout);
  self->stats_source = _fd_call_engine_attach (self, g_timeout_source_new (1000),
                                               _fd_call_engine_stats_tick);
  return TRUE;
}

gboolean
fd_call_engine_set_remote_description (FdCallEngine *self,
                                       const char   *type,
                                       const char   *sdp,
                                       GError      **error)
{
  g_autoptr(GstSDPMessage) message = NULL;
  g_autoptr(GError) local_error = NULL;
  GstWebRTCSessionDescription *desc;
  gboolean is_offer;

  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FALSE);
  g_return_val_if_fail (type != NULL && sdp != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  is_offer = g_strcmp0 (type, "offer") == 0;
  if (!is_offer && g_strcmp0 (type, "answer") != 0)
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP,
                   "Unknown session description type “%s”", type);
      return FALSE;
    }
  if (!_fd_call_engine_is_live (self) || self->have_remote ||
      is_offer != (self->role == FD_CALL_ROLE_ANSWERER))
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_STATE,
                   "Unexpected %s in call state %s", type, fd_call_state_to_string (self->state));
      return FALSE;
    }

  /* Text the engine cannot read is refused; a readable description the call
   * cannot use (no VP8, a one-way answer, no sender) fails the call. */
  if (is_offer)
    message = _fd_call_sdp_take_offer (sdp, &self->codecs, &local_error);
  else if ((message = _fd_call_sdp_parse (sdp, &local_error)) != NULL)
    {
      g_autofree char *problem = NULL;

      if (!_fd_call_sdp_check_directions (message, &problem))
        {
          local_error = g_error_new (FD_CALL_ERROR, FD_CALL_ERROR_NEGOTIATION,
                                     "The peer's answer is unusable: %s", problem);
          g_clear_pointer (&message, gst_sdp_message_free);
        }
    }
  if (message != NULL && _fd_call_cert_expect (self->webrtc, message, &local_error) && is_offer)
    _fd_call_engine_link_senders (self, &local_error);
  if (local_error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (local_error);
      if (!g_error_matches (local_error, FD_CALL_ERROR, FD_CALL_ERROR_SDP))
        _fd_call_engine_fail (self, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!is_offer)
    _fd_call_engine_use_send_time (self, _fd_call_sdp_send_time_id (message));
  desc = gst_webrtc_session_description_new (is_offer ? GST_WEBRTC_SDP_TYPE_OFFER
                                                      : GST_WEBRTC_SDP_TYPE_ANSWER,
                                             g_steal_pointer (&message));
  self->have_remote = TRUE;
  if (is_offer)
    g_signal_emit_by_name (self->webrtc, "set-remote-description", desc,
                           gst_promise_new_with_change_func (_fd_call_engine_on_remote_offer_set, self, NULL));
  else
    g_signal_emit_by_name (self->webrtc, "set-remote-description", desc, NULL);
  gst_webrtc_session_description_free (desc);

  if (self->have_local && self->state == FD_CALL_STATE_NEGOTIATING)
    _fd_call_engine_set_state (self, FD_CALL_STATE_CONNECTING);
  return TRUE;
}

gboolean
fd_call_engine_add_remote_ice (FdCallEngine *self,
                               guint         mline_index,
                               const char   *candidate,
                               GError      **error)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FALSE);
  g_return_val_if_fail (candidate != NULL, FALSE);

  if (!_fd_call_engine_is_live (self))
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_STATE,
                   "ICE candidate in call state %s", fd_call_state_to_string (self->state));
      return FALSE;
    }
  /* An empty candidate marks the end of the peer's candidates. */
  if (*candidate == '\0')
    return TRUE;
  if (!g_str_has_prefix (candidate, "candidate:") && !g_str_has_prefix (candidate, "a=candidate:"))
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP, "Not an ICE candidate: %.40s", candidate);
      return FALSE;
    }
  g_signal_emit_by_name (self->webrtc, "add-ice-candidate", mline_index, candidate);
  return TRUE;
}

static gboolean
chat_ready (FdCallEngine  *self,
            GError       **error)
{
  if (!_fd_call_engine_is_live (self) || self->chat == NULL || !self->chat_open)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_CHAT,
                           "The chat is not connected yet");
      return FALSE;
    }
  return TRUE;
}

gboolean
fd_call_engine_send_chat (FdCallEngine *self,
                          const char   *text,
                          GError      **error)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!chat_ready (self, error))
    return FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_CHAT, "Chat text is not UTF-8");
      return FALSE;
    }
  g_signal_emit_by_name (self->chat, "send-string", text);
  return TRUE;
}

gboolean
fd_call_engine_send_data (FdCallEngine  *self,
                          GBytes        *bytes,
                          GError       **error)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (!chat_ready (self, error))
    return FALSE;
  g_signal_emit_by_name (self->chat, "send-data", bytes);
  return TRUE;
}

void
fd_call_engine_set_muted (FdCallEngine *self,
                          gboolean      muted)
{
  g_return_if_fail (FD_IS_CALL_ENGINE (self));

  muted = !!muted;
  if (self->muted == muted)
    return;
  self->muted = muted;
  if (self->volume != NULL)
    g_object_set (self->volume, "mute", muted, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MUTED]);
}

gboolean
fd_call_engine_get_muted (FdCallEngine *self)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FALSE);
  return self->muted;
}

void
fd_call_engine_set_camera_enabled (FdCallEngine *self,
                                   gboolean      enabled)
{
  g_return_if_fail (FD_IS_CALL_ENGINE (self));

  enabled = !!enabled;
  if (self->camera_enabled == enabled)
    return;
  self->camera_enabled = enabled;
  g_mutex_lock (&self->lock);
  self->camera_black = !enabled;
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAMERA_ENABLED]);
}

gboolean
fd_call_engine_get_camera_enabled (FdCallEngine *self)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FALSE);
  return self->camera_enabled;
}

void
fd_call_engine_hang_up (FdCallEngine *self)
{
  g_return_if_fail (FD_IS_CALL_ENGINE (self));

  if (self->state == FD_CALL_STATE_ENDED || self->state == FD_CALL_STATE_FAILED)
    return;
  _fd_call_engine_teardown (self);
  _fd_call_engine_set_state (self, FD_CALL_STATE_ENDED);
}
