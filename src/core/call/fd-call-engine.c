/* fd-call-engine.c: one two-way video call (webrtcbin), state and signalling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Media pieces (sources, encoders, receive chains, frames) are in
 * fd-call-engine-media.c; this file holds the object, negotiation, ICE,
 * chat, statistics and teardown. Every webrtcbin callback runs on a
 * streaming thread and hops to self->context with fd_call_engine_invoke().
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <gst/sdp/sdp.h>
#include <string.h>

#include "fd-call-engine-private.h"

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
  PROP_STUN_SERVER,
  PROP_TURN_SERVERS,
  PROP_ICE_ADDRESSES,
  PROP_LATENCY,
  PROP_SETUP_TIMEOUT,
  PROP_SEND_LOSS,
  PROP_STAMP_FRAMES,
  PROP_READ_STAMPS,
  PROP_STATE,
  PROP_STATS,
  PROP_MUTED,
  PROP_CAMERA_ENABLED,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNAL_STATE_CHANGED,
  SIGNAL_LOCAL_DESCRIPTION,
  SIGNAL_LOCAL_ICE,
  SIGNAL_CHAT_RECEIVED,
  SIGNAL_CHAT_OPEN,
  SIGNAL_VIDEO_FRAME,
  SIGNAL_FIRST_REMOTE_FRAME,
  SIGNAL_STAMP_LATENCY,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FdCallEngine, fd_call_engine, G_TYPE_OBJECT)
G_DEFINE_QUARK (fd-call-error-quark, fd_call_error)
G_DEFINE_BOXED_TYPE (FdCallFrame, fd_call_frame, fd_call_frame_ref, fd_call_frame_unref)

static void teardown (FdCallEngine *self);

static void
set_str (char       **slot,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

/* ---- main-context hops ------------------------------------------------ */

typedef struct {
  FdCallEngine  *self;
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify destroy;
} Hop;

static gboolean
hop_run (gpointer user_data)
{
  Hop *hop = user_data;

  hop->func (hop->data);
  return G_SOURCE_REMOVE;
}

static void
hop_free (gpointer user_data)
{
  Hop *hop = user_data;

  if (hop->destroy != NULL)
    hop->destroy (hop->data);
  g_object_unref (hop->self);
  g_free (hop);
}

void
fd_call_engine_invoke (FdCallEngine   *self,
                       GSourceFunc     func,
                       gpointer        data,
                       GDestroyNotify  destroy)
{
  Hop *hop = g_new0 (Hop, 1);

  hop->self = g_object_ref (self);
  hop->func = func;
  hop->data = data;
  hop->destroy = destroy;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, hop_run, hop, hop_free);
}

/* A callback on the main context that receives the engine and a string. */
typedef struct {
  FdCallEngine *self;
  char         *type;
  char         *text;
  guint         index;
  GstStructure *structure;
} Msg;

static Msg *
msg_new (FdCallEngine *self,
         const char   *type,
         const char   *text)
{
  Msg *msg = g_new0 (Msg, 1);

  msg->self = self;
  msg->type = g_strdup (type);
  msg->text = g_strdup (text);
  return msg;
}

static void
msg_free (gpointer data)
{
  Msg *msg = data;

  g_free (msg->type);
  g_free (msg->text);
  g_clear_pointer (&msg->structure, gst_structure_free);
  g_free (msg);
}

static gboolean
call_live (FdCallEngine *self)
{
  return self->pipeline != NULL &&
         self->state != FD_CALL_STATE_ENDED && self->state != FD_CALL_STATE_FAILED;
}

/* ---- state ------------------------------------------------------------- */

static void
set_state (FdCallEngine *self,
           FdCallState   state)
{
  if (self->state == state)
    return;
  g_debug ("%s: %s -> %s", self->role == FD_CALL_ROLE_OFFERER ? "offerer" : "answerer",
           fd_call_state_to_string (self->state), fd_call_state_to_string (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, state);
}

void
fd_call_engine_fail (FdCallEngine *self,
                     GError       *error)
{
  g_autoptr(GError) owned = error;

  if (self->state == FD_CALL_STATE_ENDED || self->state == FD_CALL_STATE_FAILED)
    return;
  g_debug ("call failed: %s", error->message);
  teardown (self);
  g_clear_error (&self->error);
  self->error = g_steal_pointer (&owned);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ERROR]);
  set_state (self, FD_CALL_STATE_FAILED);
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, self->error);
}

static gboolean
on_setup_timeout (gpointer user_data)
{
  FdCallEngine *self = user_data;

  self->timeout_id = 0;
  if (self->state != FD_CALL_STATE_CONNECTED)
    fd_call_engine_fail (self, g_error_new (FD_CALL_ERROR, FD_CALL_ERROR_TIMEOUT,
                                            "No connection after %u s: the peer did not answer "
                                            "or the network blocks the media",
                                            self->setup_timeout));
  return G_SOURCE_REMOVE;
}

/* ---- negotiation ------------------------------------------------------- */

static gboolean
emit_local_description (gpointer data)
{
  Msg *msg = data;
  FdCallEngine *self = msg->self;

  if (!call_live (self))
    return G_SOURCE_REMOVE;
  self->have_local = TRUE;
  if (self->have_remote && self->state == FD_CALL_STATE_NEGOTIATING)
    set_state (self, FD_CALL_STATE_CONNECTING);
  g_signal_emit (self, signals[SIGNAL_LOCAL_DESCRIPTION], 0, msg->type, msg->text);
  return G_SOURCE_REMOVE;
}

static gboolean
fail_from_thread (gpointer data)
{
  Msg *msg = data;

  fd_call_engine_fail (msg->self, g_error_new_literal (FD_CALL_ERROR, msg->index, msg->text));
  return G_SOURCE_REMOVE;
}

static void
fail_async (FdCallEngine *self,
            FdCallError   code,
            const char   *message)
{
  Msg *msg = msg_new (self, NULL, message);

  msg->index = code;
  fd_call_engine_invoke (self, fail_from_thread, msg, msg_free);
}

static gboolean
has_attr (const GstSDPMedia *media,
          const char        *key)
{
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    if (g_strcmp0 (gst_sdp_media_get_attribute (media, i)->key, key) == 0)
      return TRUE;
  return FALSE;
}

/* A one-way answer is the classic silent failure with browsers: refuse it. */
static gboolean
check_directions (const GstSDPMessage *sdp,
                  char               **problem)
{
  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);
      const char *kind = gst_sdp_media_get_media (media);

      if (g_strcmp0 (kind, "video") != 0 && g_strcmp0 (kind, "audio") != 0)
        continue;
      /* Port 0 means rejected, unless the m-line rides on the bundle. */
      if ((gst_sdp_media_get_port (media) == 0 && !has_attr (media, "bundle-only")) ||
          has_attr (media, "recvonly") || has_attr (media, "sendonly") ||
          has_attr (media, "inactive"))
        {
          *problem = g_strdup_printf ("the %s stream would be one-way or disabled "
                                      "(no common codec or the peer does not send)", kind);
          return FALSE;
        }
    }
  return TRUE;
}

static void
on_description_created (GstPromise *promise,
                        gpointer    user_data)
{
  FdCallEngine *self = user_data;
  const char *field = self->role == FD_CALL_ROLE_OFFERER ? "offer" : "answer";
  GstWebRTCSessionDescription *desc = NULL;
  const GstStructure *reply;
  g_autofree char *text = NULL;
  g_autofree char *problem = NULL;

  if (gst_promise_wait (promise) != GST_PROMISE_RESULT_REPLIED ||
      (reply = gst_promise_get_reply (promise)) == NULL ||
      !gst_structure_get (reply, field, GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &desc, NULL) ||
      desc == NULL)
    {
      gst_promise_unref (promise);
      fail_async (self, FD_CALL_ERROR_NEGOTIATION, "Could not create the session description");
      return;
    }
  gst_promise_unref (promise);

  if (g_getenv ("FD_CALL_DUMP_SDP") != NULL)
    {
      g_autofree char *dump = gst_sdp_message_as_text (desc->sdp);
      g_printerr ("created %s:\n%s\n", field, dump);
    }
  if (!check_directions (desc->sdp, &problem))
    {
      g_autofree char *message = g_strdup_printf ("Negotiation failed: %s", problem);

      gst_webrtc_session_description_free (desc);
      fail_async (self, FD_CALL_ERROR_NEGOTIATION, message);
      return;
    }

  g_signal_emit_by_name (self->webrtc, "set-local-description", desc, NULL);
  text = gst_sdp_message_as_text (desc->sdp);
  gst_webrtc_session_description_free (desc);
  fd_call_engine_invoke (self, emit_local_description, msg_new (self, field, text), msg_free);
}

static gboolean
create_offer (gpointer data)
{
  FdCallEngine *self = data;
  GstPromise *promise;

  if (!call_live (self) || self->have_local)
    return G_SOURCE_REMOVE;
  promise = gst_promise_new_with_change_func (on_description_created, self, NULL);
  g_signal_emit_by_name (self->webrtc, "create-offer", NULL, promise);
  return G_SOURCE_REMOVE;
}

static void
on_negotiation_needed (GstElement   *webrtc,
                       FdCallEngine *self)
{
  if (self->role == FD_CALL_ROLE_OFFERER)
    fd_call_engine_invoke (self, create_offer, self, NULL);
}

static void
on_remote_offer_set (GstPromise *promise,
                     gpointer    user_data)
{
  FdCallEngine *self = user_data;
  GstPromise *answer_promise;

  gst_promise_unref (promise);
  answer_promise = gst_promise_new_with_change_func (on_description_created, self, NULL);
  g_signal_emit_by_name (self->webrtc, "create-answer", NULL, answer_promise);
}

static gboolean
emit_local_ice (gpointer data)
{
  Msg *msg = data;

  if (call_live (msg->self))
    g_signal_emit (msg->self, signals[SIGNAL_LOCAL_ICE], 0, msg->index, msg->text);
  return G_SOURCE_REMOVE;
}

static void
on_ice_candidate (GstElement   *webrtc,
                  guint         mline,
                  const char   *candidate,
                  FdCallEngine *self)
{
  Msg *msg = msg_new (self, NULL, candidate);

  msg->index = mline;
  fd_call_engine_invoke (self, emit_local_ice, msg, msg_free);
}

static void
on_new_transceiver (GstElement          *webrtc,
                    GstWebRTCRTPTransceiver *trans,
                    FdCallEngine        *self)
{
  /* webrtcbin creates the answerer's transceivers with NACK off: the answer
   * would then drop it. Retransmissions matter more than anything on loss. */
  g_object_set (trans, "do-nack", TRUE, NULL);
}

static gboolean
on_connection_state_main (gpointer data)
{
  FdCallEngine *self = data;
  GstWebRTCPeerConnectionState pc_state;
  GstWebRTCICEConnectionState ice_state;

  if (!call_live (self))
    return G_SOURCE_REMOVE;
  g_object_get (self->webrtc, "connection-state", &pc_state,
                "ice-connection-state", &ice_state, NULL);
  if (pc_state == GST_WEBRTC_PEER_CONNECTION_STATE_CONNECTED &&
      self->state != FD_CALL_STATE_CONNECTED)
    {
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      set_state (self, FD_CALL_STATE_CONNECTED);
    }
  else if (pc_state == GST_WEBRTC_PEER_CONNECTION_STATE_FAILED ||
           ice_state == GST_WEBRTC_ICE_CONNECTION_STATE_FAILED)
    {
      fd_call_engine_fail (self, g_error_new_literal (FD_CALL_ERROR, FD_CALL_ERROR_CONNECTION,
                                                      "The media connection failed (ICE or DTLS)"));
    }
  return G_SOURCE_REMOVE;
}

static void
on_connection_state_notify (GObject      *webrtc,
                            GParamSpec   *pspec,
                            FdCallEngine *self)
{
  fd_call_engine_invoke (self, on_connection_state_main, self, NULL);
}

/* ---- chat -------------------------------------------------------------- */

static gboolean
emit_chat (gpointer data)
{
  Msg *msg = data;

  if (call_live (msg->self))
    g_signal_emit (msg->self, signals[SIGNAL_CHAT_RECEIVED], 0, msg->text);
  return G_SOURCE_REMOVE;
}

static void
on_chat_message (GstWebRTCDataChannel *channel,
                 const char           *text,
                 FdCallEngine         *self)
{
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    fd_call_engine_invoke (self, emit_chat, msg_new (self, NULL, text), msg_free);
}

static gboolean
on_chat_open_main (gpointer data)
{
  FdCallEngine *self = data;

  if (!call_live (self) || self->chat_open)
    return G_SOURCE_REMOVE;
  self->chat_open = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHAT_OPEN], 0);
  return G_SOURCE_REMOVE;
}

static void
on_chat_open (GstWebRTCDataChannel *channel,
              FdCallEngine         *self)
{
  fd_call_engine_invoke (self, on_chat_open_main, self, NULL);
}

static void
watch_chat (FdCallEngine         *self,
            GstWebRTCDataChannel *channel)
{
  GstWebRTCDataChannelState ready;

  g_signal_connect (channel, "on-message-string", G_CALLBACK (on_chat_message), self);
  g_signal_connect (channel, "on-open", G_CALLBACK (on_chat_open), self);
  g_object_get (channel, "ready-state", &ready, NULL);
  if (ready == GST_WEBRTC_DATA_CHANNEL_STATE_OPEN)
    on_chat_open (channel, self);
}

static gboolean
adopt_chat (gpointer data)
{
  Msg *msg = data;
  FdCallEngine *self = msg->self;
  GstWebRTCDataChannel *channel = g_object_get_data (G_OBJECT (self), "fd-incoming-chat");

  if (channel != NULL && call_live (self) && self->chat == NULL)
    self->chat = g_object_ref (channel);
  g_object_set_data (G_OBJECT (self), "fd-incoming-chat", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_data_channel (GstElement           *webrtc,
                 GstWebRTCDataChannel *channel,
                 FdCallEngine         *self)
{
  g_autofree char *label = NULL;

  g_object_get (channel, "label", &label, NULL);
  if (g_strcmp0 (label, "chat") != 0)
    return;
  /* Keep the reference on main (queued first, so it is there before
   * ::chat-open), and connect now: messages may follow at once. */
  g_object_set_data_full (G_OBJECT (self), "fd-incoming-chat", g_object_ref (channel),
                          g_object_unref);
  fd_call_engine_invoke (self, adopt_chat, msg_new (self, NULL, NULL), msg_free);
  watch_chat (self, channel);
}

/* ---- statistics ------------------------------------------------------- */

static guint64
struct_uint64 (const GstStructure *s,
               const char         *field)
{
  guint64 v64 = 0;
  guint v32 = 0;
  int vi = 0;

  if (gst_structure_get_uint64 (s, field, &v64))
    return v64;
  if (gst_structure_get_uint (s, field, &v32))
    return v32;
  if (gst_structure_get_int (s, field, &vi) && vi > 0)
    return (guint64) vi;
  return 0;
}

static gboolean
struct_double (const GstStructure *s,
               const char         *field,
               double             *out)
{
  return gst_structure_get_double (s, field, out);
}

static gboolean
is_video_stat (const GstStructure *s)
{
  const char *kind = gst_structure_get_string (s, "kind");

  return kind == NULL || g_strcmp0 (kind, "video") == 0;
}

static void
adapt (FdCallEngine *self,
       double        fraction_lost,
       double        rtt_s)
{
  gboolean bad = fraction_lost > 0.10 || rtt_s > 0.30;
  gboolean good = fraction_lost >= 0 && fraction_lost < 0.02 && rtt_s < 0.15;

  self->bad_ticks = bad ? self->bad_ticks + 1 : 0;
  self->good_ticks = good ? self->good_ticks + 1 : 0;
  /* Lower the resolution first, quickly; keep the frame rate (signing needs it).
   * Climb back slowly. */
  if (self->bad_ticks >= 2 && self->ladder_step < 2)
    {
      self->ladder_step++;
      self->bad_ticks = 0;
      fd_call_engine_apply_ladder (self);
    }
  else if (self->good_ticks >= 10 && self->ladder_step > 0)
    {
      self->ladder_step--;
      self->good_ticks = 0;
      fd_call_engine_apply_ladder (self);
    }
}

static gboolean
on_stats_main (gpointer data)
{
  Msg *msg = data;
  FdCallEngine *self = msg->self;
  const GstStructure *reply = msg->structure;
  FdCallStatsValues v;
  gint64 now = g_get_monotonic_time ();
  double dt;
  guint64 bytes_in = 0, bytes_out = 0, lost = 0, received = 0;
  double jitter = -1, rtt = -1, fraction_lost = -1;
  guint nack = 0, pli = 0;

  self->stats_pending = FALSE;
  if (!call_live (self))
    return G_SOURCE_REMOVE;

  for (int i = 0; reply != NULL && i < gst_structure_n_fields (reply); i++)
    {
      const GValue *value = gst_structure_get_value (reply, gst_structure_nth_field_name (reply, i));
      const GstStructure *s;
      double d;

      if (!GST_VALUE_HOLDS_STRUCTURE (value))
        continue;
      s = gst_value_get_structure (value);
      if (gst_structure_has_name (s, "inbound-rtp"))
        {
          bytes_in += struct_uint64 (s, "bytes-received");
          if (is_video_stat (s))
            {
              lost += struct_uint64 (s, "packets-lost");
              received += struct_uint64 (s, "packets-received");
              nack += struct_uint64 (s, "nack-count");
              pli += struct_uint64 (s, "pli-count");
              if (struct_double (s, "jitter", &d))
                jitter = MAX (jitter, d * 1000);
            }
        }
      else if (gst_structure_has_name (s, "outbound-rtp"))
        {
          bytes_out += struct_uint64 (s, "bytes-sent");
        }
      else if (gst_structure_has_name (s, "remote-inbound-rtp"))
        {
          if (struct_double (s, "round-trip-time", &d) && d >= 0)
            rtt = MAX (rtt, d);
          if (is_video_stat (s) && struct_double (s, "fraction-lost", &d))
            fraction_lost = MAX (fraction_lost, d);
        }
    }

  fd_call_stats_values_init (&v);
  dt = self->prev_tick_time > 0 ? (now - self->prev_tick_time) / 1e6 : 0;

  g_mutex_lock (&self->lock);
  v.frames_received = self->frames_in;
  v.frames_sent = self->frames_out;
  v.freeze_count = self->freezes;
  v.longest_freeze = self->longest_gap_us / 1000.0;
  v.recv_width = self->recv_width;
  v.recv_height = self->recv_height;
  g_mutex_unlock (&self->lock);

  if (dt > 0.2)
    {
      v.fps_received = (v.frames_received - self->prev_frames_in) / dt;
      v.fps_sent = (v.frames_sent - self->prev_frames_out) / dt;
      if (bytes_in >= self->prev_bytes_in)
        v.bitrate_in = (bytes_in - self->prev_bytes_in) * 8 / dt / 1000;
      if (bytes_out >= self->prev_bytes_out)
        v.bitrate_out = (bytes_out - self->prev_bytes_out) * 8 / dt / 1000;
    }
  if (received + lost > 0)
    v.packet_loss = 100.0 * lost / (received + lost);
  v.jitter = jitter;
  v.rtt = rtt >= 0 ? rtt * 1000 : -1;
  v.nack_count = nack;
  v.pli_count = pli;
  if (self->send_caps != NULL)
    {
      g_autoptr(GstCaps) caps = NULL;

      g_object_get (self->send_caps, "caps", &caps, NULL);
      if (caps != NULL && gst_caps_get_size (caps) > 0)
        {
          gst_structure_get_int (gst_caps_get_structure (caps, 0), "width", &v.send_width);
          gst_structure_get_int (gst_caps_get_structure (caps, 0), "height", &v.send_height);
        }
    }

  self->prev_tick_time = now;
  self->prev_frames_in = v.frames_received;
  self->prev_frames_out = v.frames_sent;
  self->prev_bytes_in = bytes_in;
  self->prev_bytes_out = bytes_out;

  if (g_getenv ("FD_CALL_DUMP_STATS") != NULL && reply != NULL)
    {
      g_autofree char *dump = gst_structure_to_string (reply);
      g_printerr ("%s\n", dump);
    }

  fd_call_stats_update (self->stats, &v);
  if (self->state == FD_CALL_STATE_CONNECTED && self->sending)
    adapt (self, fraction_lost, rtt >= 0 ? rtt : 0);
  return G_SOURCE_REMOVE;
}

static void
on_stats_reply (GstPromise *promise,
                gpointer    user_data)
{
  FdCallEngine *self = user_data;
  Msg *msg = msg_new (self, NULL, NULL);

  if (gst_promise_wait (promise) == GST_PROMISE_RESULT_REPLIED &&
      gst_promise_get_reply (promise) != NULL)
    msg->structure = gst_structure_copy (gst_promise_get_reply (promise));
  gst_promise_unref (promise);
  fd_call_engine_invoke (self, on_stats_main, msg, msg_free);
}

static gboolean
on_stats_tick (gpointer user_data)
{
  FdCallEngine *self = user_data;

  if (!call_live (self))
    {
      self->stats_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!self->stats_pending)
    {
      self->stats_pending = TRUE;
      g_signal_emit_by_name (self->webrtc, "get-stats", NULL,
                             gst_promise_new_with_change_func (on_stats_reply, self, NULL));
    }
  return G_SOURCE_CONTINUE;
}

/* ---- bus --------------------------------------------------------------- */

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  FdCallEngine *self = user_data;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gerror = NULL;
      g_autofree char *debug = NULL;
      g_autofree char *source = gst_object_get_path_string (GST_MESSAGE_SRC (message));

      gst_message_parse_error (message, &gerror, &debug);
      g_debug ("pipeline error from %s: %s (%s)", source, gerror->message, debug ? debug : "");
      fd_call_engine_fail (self, g_error_new (FD_CALL_ERROR,
                                              GST_MESSAGE_SRC (message) != NULL &&
                                              g_str_has_prefix (source, "/GstPipeline:call/src-") ?
                                              FD_CALL_ERROR_DEVICE : FD_CALL_ERROR_PIPELINE,
                                              "Media error: %s", gerror->message));
    }
  return G_SOURCE_CONTINUE;
}

typedef struct {
  FdCallEngine *self;
  double        ms;
} Latency;

static gboolean
emit_latency (gpointer data)
{
  Latency *l = data;

  if (call_live (l->self))
    g_signal_emit (l->self, signals[SIGNAL_STAMP_LATENCY], 0, l->ms);
  return G_SOURCE_REMOVE;
}

/* Runs on the thread that posts: a stamp is read the moment zbar decodes it. */
static GstBusSyncReply
on_bus_sync (GstBus     *bus,
             GstMessage *message,
             gpointer    user_data)
{
  FdCallEngine *self = user_data;
  const GstStructure *s = gst_message_get_structure (message);
  const char *symbol;
  gint64 sent_us;
  char *end = NULL;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ELEMENT || s == NULL ||
      !gst_structure_has_name (s, "barcode") ||
      (symbol = gst_structure_get_string (s, "symbol")) == NULL ||
      !g_str_has_prefix (symbol, "fd:"))
    return GST_BUS_PASS;

  sent_us = g_ascii_strtoll (symbol + 3, &end, 10);
  if (end != NULL && *end == '\0' && sent_us > 0)
    {
      Latency *l = g_new (Latency, 1);

      l->self = self;
      l->ms = (g_get_monotonic_time () - sent_us) / 1000.0;
      fd_call_engine_invoke (self, emit_latency, l, g_free);
    }
  return GST_BUS_DROP;
}

/* ---- pipeline ---------------------------------------------------------- */

static gboolean
build (FdCallEngine *self,
       GError      **error)
{
  g_autoptr(GstBus) bus = NULL;
  GstElement *webrtc;

  self->pipeline = gst_pipeline_new ("call");
  webrtc = gst_element_factory_make ("webrtcbin", "webrtc");
  if (webrtc == NULL)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                           "GStreamer's webrtcbin is missing (gstreamer1.0-plugins-bad)");
      return FALSE;
    }
  self->webrtc = webrtc;
  gst_bin_add (GST_BIN (self->pipeline), webrtc);
  g_object_set (webrtc,
                "bundle-policy", GST_WEBRTC_BUNDLE_POLICY_MAX_BUNDLE,
                "latency", self->latency,
                NULL);
  if (self->stun_server != NULL && *self->stun_server != '\0')
    g_object_set (webrtc, "stun-server", self->stun_server, NULL);
  for (guint i = 0; self->turn_servers != NULL && self->turn_servers[i] != NULL; i++)
    {
      gboolean ok = FALSE;

      g_signal_emit_by_name (webrtc, "add-turn-server", self->turn_servers[i], &ok);
      if (!ok)
        {
          g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                       "Invalid TURN server address: %s", self->turn_servers[i]);
          return FALSE;
        }
    }
  if (self->ice_addresses != NULL && self->ice_addresses[0] != NULL)
    {
      g_autoptr(GObject) ice = NULL;

      /* libnice skips loopback when gathering; naming the addresses both
       * allows them and stops gathering on any other interface. */
      g_object_get (webrtc, "ice-agent", &ice, NULL);
      for (guint i = 0; self->ice_addresses[i] != NULL; i++)
        {
          gboolean ok = FALSE;

          g_signal_emit_by_name (ice, "add-local-ip-address", self->ice_addresses[i], &ok);
          if (!ok)
            {
              g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                           "Invalid local ICE address: %s", self->ice_addresses[i]);
              return FALSE;
            }
        }
    }

  g_signal_connect (webrtc, "on-ice-candidate", G_CALLBACK (on_ice_candidate), self);
  g_signal_connect (webrtc, "on-new-transceiver", G_CALLBACK (on_new_transceiver), self);
  g_signal_connect (webrtc, "pad-added", G_CALLBACK (fd_call_engine_on_pad_added), self);
  g_signal_connect (webrtc, "on-data-channel", G_CALLBACK (on_data_channel), self);
  g_signal_connect (webrtc, "notify::connection-state",
                    G_CALLBACK (on_connection_state_notify), self);
  g_signal_connect (webrtc, "notify::ice-connection-state",
                    G_CALLBACK (on_connection_state_notify), self);

  if (!fd_call_engine_build_pipeline (self, error))
    return FALSE;

  if (self->role == FD_CALL_ROLE_OFFERER)
    {
      self->codecs = (FdCallCodecs) { .vp8_pt = 96, .opus_pt = 111,
                                      .twcc_id_video = 1, .twcc_id_audio = 1 };
      if (!fd_call_engine_link_senders (self, error))
        return FALSE;
    }
  /* After the send pads are linked, before leaving NULL (else no m-lines). */
  g_signal_connect (webrtc, "on-negotiation-needed", G_CALLBACK (on_negotiation_needed), self);

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  gst_bus_set_sync_handler (bus, on_bus_sync, self, NULL);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_DEVICE,
                           "Could not start the media pipeline (camera or microphone busy?)");
      return FALSE;
    }

  if (self->role == FD_CALL_ROLE_OFFERER)
    {
      g_autoptr(GstStructure) opts = gst_structure_new ("options", "ordered", G_TYPE_BOOLEAN, TRUE, NULL);

      g_signal_emit_by_name (webrtc, "create-data-channel", "chat", opts, &self->chat);
      if (self->chat == NULL)
        {
          g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                               "Could not create the chat channel");
          return FALSE;
        }
      watch_chat (self, self->chat);
    }
  return TRUE;
}

static void
teardown (FdCallEngine *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->stats_id, g_source_remove);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  if (self->chat != NULL)
    g_signal_handlers_disconnect_by_data (self->chat, self);
  g_object_set_data (G_OBJECT (self), "fd-incoming-chat", NULL);
  if (self->pipeline != NULL)
    {
      g_autoptr(GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));

      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
      g_signal_handlers_disconnect_by_data (self->webrtc, self);
    }
  g_clear_object (&self->chat);
  self->chat_open = FALSE;
  self->webrtc = NULL;
  self->volume = NULL;
  self->send_caps = NULL;
  self->encoder = NULL;
  self->qroverlay = NULL;
  g_clear_object (&self->pipeline);
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < G_N_ELEMENTS (self->pending_frame); i++)
    g_clear_pointer (&self->pending_frame[i], fd_call_frame_unref);
  g_mutex_unlock (&self->lock);
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
    case PROP_ROLE: g_value_set_int (value, self->role); break;
    case PROP_WIDTH: g_value_set_int (value, self->width); break;
    case PROP_HEIGHT: g_value_set_int (value, self->height); break;
    case PROP_FRAMERATE: g_value_set_int (value, self->framerate); break;
    case PROP_VIDEO_SOURCE: g_value_set_int (value, self->video_source); break;
    case PROP_VIDEO_FILE: g_value_set_string (value, self->video_file); break;
    case PROP_CAMERA_DEVICE: g_value_set_object (value, self->camera_device); break;
    case PROP_MICROPHONE_DEVICE: g_value_set_object (value, self->microphone_device); break;
    case PROP_AUDIO_SOURCE: g_value_set_int (value, self->audio_source); break;
    case PROP_NO_CAMERA_TEXT: g_value_set_string (value, self->no_camera_text); break;
    case PROP_PLAY_AUDIO: g_value_set_boolean (value, self->play_audio); break;
    case PROP_DELIVER_FRAMES: g_value_set_boolean (value, self->deliver_frames); break;
    case PROP_STUN_SERVER: g_value_set_string (value, self->stun_server); break;
    case PROP_TURN_SERVERS: g_value_set_boxed (value, self->turn_servers); break;
    case PROP_ICE_ADDRESSES: g_value_set_boxed (value, self->ice_addresses); break;
    case PROP_LATENCY: g_value_set_uint (value, self->latency); break;
    case PROP_SETUP_TIMEOUT: g_value_set_uint (value, self->setup_timeout); break;
    case PROP_SEND_LOSS: g_value_set_double (value, self->send_loss); break;
    case PROP_STAMP_FRAMES: g_value_set_boolean (value, self->stamp_frames); break;
    case PROP_READ_STAMPS: g_value_set_boolean (value, self->read_stamps); break;
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_STATS: g_value_set_object (value, self->stats); break;
    case PROP_MUTED: g_value_set_boolean (value, self->muted); break;
    case PROP_CAMERA_ENABLED: g_value_set_boolean (value, self->camera_enabled); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
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
    case PROP_ROLE: self->role = g_value_get_int (value); break;
    case PROP_WIDTH: self->width = g_value_get_int (value); break;
    case PROP_HEIGHT: self->height = g_value_get_int (value); break;
    case PROP_FRAMERATE: self->framerate = g_value_get_int (value); break;
    case PROP_VIDEO_SOURCE: self->video_source = g_value_get_int (value); break;
    case PROP_VIDEO_FILE: set_str (&self->video_file, g_value_get_string (value)); break;
    case PROP_CAMERA_DEVICE: g_set_object (&self->camera_device, g_value_get_object (value)); break;
    case PROP_MICROPHONE_DEVICE:
      g_set_object (&self->microphone_device, g_value_get_object (value));
      break;
    case PROP_AUDIO_SOURCE: self->audio_source = g_value_get_int (value); break;
    case PROP_NO_CAMERA_TEXT: set_str (&self->no_camera_text, g_value_get_string (value)); break;
    case PROP_PLAY_AUDIO: self->play_audio = g_value_get_boolean (value); break;
    case PROP_DELIVER_FRAMES: self->deliver_frames = g_value_get_boolean (value); break;
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
    case PROP_SETUP_TIMEOUT: self->setup_timeout = g_value_get_uint (value); break;
    case PROP_SEND_LOSS: self->send_loss = g_value_get_double (value); break;
    case PROP_STAMP_FRAMES: self->stamp_frames = g_value_get_boolean (value); break;
    case PROP_READ_STAMPS: self->read_stamps = g_value_get_boolean (value); break;
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

  teardown (self);
  g_clear_object (&self->camera_device);
  g_clear_object (&self->microphone_device);
  g_clear_object (&self->stats);

  G_OBJECT_CLASS (fd_call_engine_parent_class)->dispose (object);
}

static void
fd_call_engine_finalize (GObject *object)
{
  FdCallEngine *self = FD_CALL_ENGINE (object);

  g_clear_pointer (&self->video_file, g_free);
  g_clear_pointer (&self->no_camera_text, g_free);
  g_clear_pointer (&self->stun_server, g_free);
  g_clear_pointer (&self->turn_servers, g_strfreev);
  g_clear_pointer (&self->ice_addresses, g_strfreev);
  g_clear_error (&self->error);
  g_clear_pointer (&self->context, g_main_context_unref);
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

  props[PROP_ROLE] = g_param_spec_int ("role", NULL, NULL, FD_CALL_ROLE_OFFERER,
                                       FD_CALL_ROLE_ANSWERER, FD_CALL_ROLE_OFFERER,
                                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                       G_PARAM_STATIC_STRINGS);
  props[PROP_WIDTH] = g_param_spec_int ("width", NULL, NULL, 16, 3840, 640, RW_CONSTRUCT);
  props[PROP_HEIGHT] = g_param_spec_int ("height", NULL, NULL, 16, 2160, 480, RW_CONSTRUCT);
  props[PROP_FRAMERATE] = g_param_spec_int ("framerate", NULL, NULL, 1, 60, 30, RW_CONSTRUCT);
  props[PROP_VIDEO_SOURCE] = g_param_spec_int ("video-source", NULL, NULL, FD_CALL_VIDEO_AUTO,
                                               FD_CALL_VIDEO_FILE, FD_CALL_VIDEO_AUTO,
                                               RW_CONSTRUCT);
  props[PROP_VIDEO_FILE] = g_param_spec_string ("video-file", NULL, NULL, NULL, RW_CONSTRUCT);
  props[PROP_CAMERA_DEVICE] = g_param_spec_object ("camera-device", NULL, NULL, GST_TYPE_DEVICE,
                                                   RW_CONSTRUCT);
  props[PROP_MICROPHONE_DEVICE] = g_param_spec_object ("microphone-device", NULL, NULL,
                                                       GST_TYPE_DEVICE, RW_CONSTRUCT);
  props[PROP_AUDIO_SOURCE] = g_param_spec_int ("audio-source", NULL, NULL, FD_CALL_AUDIO_AUTO,
                                               FD_CALL_AUDIO_SILENCE, FD_CALL_AUDIO_AUTO,
                                               RW_CONSTRUCT);
  props[PROP_NO_CAMERA_TEXT] = g_param_spec_string ("no-camera-text", NULL, NULL, "No camera",
                                                    RW_CONSTRUCT);
  props[PROP_PLAY_AUDIO] = g_param_spec_boolean ("play-audio", NULL, NULL, TRUE, RW_CONSTRUCT);
  props[PROP_DELIVER_FRAMES] = g_param_spec_boolean ("deliver-frames", NULL, NULL, TRUE,
                                                     RW_CONSTRUCT);
  props[PROP_STUN_SERVER] = g_param_spec_string ("stun-server", NULL, NULL, NULL, RW_CONSTRUCT);
  props[PROP_TURN_SERVERS] = g_param_spec_boxed ("turn-servers", NULL, NULL, G_TYPE_STRV,
                                                 RW_CONSTRUCT);
  props[PROP_ICE_ADDRESSES] = g_param_spec_boxed ("ice-addresses", NULL, NULL, G_TYPE_STRV,
                                                  RW_CONSTRUCT);
  props[PROP_LATENCY] = g_param_spec_uint ("latency", NULL, NULL, 0, 2000, 50, RW_CONSTRUCT);
  props[PROP_SETUP_TIMEOUT] = g_param_spec_uint ("setup-timeout", NULL, NULL, 1, 600, 45,
                                                 RW_CONSTRUCT);
  props[PROP_SEND_LOSS] = g_param_spec_double ("send-loss", NULL, NULL, 0, 100, 0, RW_CONSTRUCT);
  props[PROP_STAMP_FRAMES] = g_param_spec_boolean ("stamp-frames", NULL, NULL, FALSE,
                                                   RW_CONSTRUCT);
  props[PROP_READ_STAMPS] = g_param_spec_boolean ("read-stamps", NULL, NULL, FALSE,
                                                  RW_CONSTRUCT);
  props[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, FD_CALL_STATE_IDLE,
                                        FD_CALL_STATE_ENDED, FD_CALL_STATE_IDLE,
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
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SIGNAL_LOCAL_DESCRIPTION] =
    g_signal_new ("local-description", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_LOCAL_ICE] =
    g_signal_new ("local-ice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_CHAT_RECEIVED] =
    g_signal_new ("chat-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_CHAT_OPEN] =
    g_signal_new ("chat-open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_VIDEO_FRAME] =
    g_signal_new ("video-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, FD_TYPE_CALL_FRAME);
  signals[SIGNAL_FIRST_REMOTE_FRAME] =
    g_signal_new ("first-remote-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_STAMP_LATENCY] =
    g_signal_new ("stamp-latency", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
fd_call_engine_init (FdCallEngine *self)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  self->context = g_main_context_ref_thread_default ();
  self->stats = fd_call_stats_new ();
  self->camera_enabled = TRUE;
  g_mutex_init (&self->lock);
}

/* ---- frames (also used by the media file) ------------------------------ */

FdCallFrame *
fd_call_frame_ref (FdCallFrame *frame)
{
  g_atomic_ref_count_inc (&frame->ref);
  return frame;
}

void
fd_call_frame_unref (FdCallFrame *frame)
{
  if (g_atomic_ref_count_dec (&frame->ref))
    {
      g_bytes_unref (frame->bytes);
      g_free (frame);
    }
}

GBytes *
fd_call_frame_get_bytes (FdCallFrame *frame)
{
  return frame->bytes;
}

int
fd_call_frame_get_width (FdCallFrame *frame)
{
  return frame->width;
}

int
fd_call_frame_get_height (FdCallFrame *frame)
{
  return frame->height;
}

gsize
fd_call_frame_get_stride (FdCallFrame *frame)
{
  return frame->stride;
}

typedef struct {
  FdCallEngine *self;
  FdCallStream  stream;
} FrameHop;

static gboolean
emit_frame (gpointer data)
{
  FrameHop *hop = data;
  FdCallEngine *self = hop->self;
  g_autoptr(FdCallFrame) frame = NULL;

  g_mutex_lock (&self->lock);
  frame = g_steal_pointer (&self->pending_frame[hop->stream]);
  self->frame_idle[hop->stream] = FALSE;
  g_mutex_unlock (&self->lock);
  if (frame != NULL && call_live (self))
    g_signal_emit (self, signals[SIGNAL_VIDEO_FRAME], 0, hop->stream, frame);
  return G_SOURCE_REMOVE;
}

void
fd_call_engine_deliver_frame (FdCallEngine *self,
                              FdCallStream  stream,
                              FdCallFrame  *frame)
{
  gboolean schedule;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->pending_frame[stream], fd_call_frame_unref);
  self->pending_frame[stream] = frame;
  schedule = !self->frame_idle[stream];
  self->frame_idle[stream] = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    {
      FrameHop *hop = g_new (FrameHop, 1);

      hop->self = self;
      hop->stream = stream;
      fd_call_engine_invoke (self, emit_frame, hop, g_free);
    }
}

static gboolean
emit_first_frame (gpointer data)
{
  FdCallEngine *self = data;

  if (call_live (self) && !self->first_frame_seen)
    {
      self->first_frame_seen = TRUE;
      g_signal_emit (self, signals[SIGNAL_FIRST_REMOTE_FRAME], 0);
    }
  return G_SOURCE_REMOVE;
}

/* Called from fd-call-engine-media.c's sink probe for the first frame. */
void fd_call_engine_first_frame (FdCallEngine *self);
void
fd_call_engine_first_frame (FdCallEngine *self)
{
  fd_call_engine_invoke (self, emit_first_frame, self, NULL);
}

/* ---- public API -------------------------------------------------------- */

const char *
fd_call_state_to_string (FdCallState state)
{
  static const char *names[] = {
    "idle", "negotiating", "connecting", "connected", "failed", "ended",
  };

  g_return_val_if_fail (state <= FD_CALL_STATE_ENDED, NULL);
  return names[state];
}

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
  set_state (self, FD_CALL_STATE_NEGOTIATING);
  if (!build (self, &local_error))
    {
      if (error != NULL)
        *error = g_error_copy (local_error);
      fd_call_engine_fail (self, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->timeout_id = g_timeout_add_seconds (self->setup_timeout, on_setup_timeout, self);
  self->stats_id = g_timeout_add (1000, on_stats_tick, self);
  return TRUE;
}

gboolean
fd_call_engine_set_remote_description (FdCallEngine *self,
                                       const char   *type,
                                       const char   *sdp,
                                       GError      **error)
{
  GstSDPMessage *message = NULL;
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
  if (!call_live (self) || self->have_remote ||
      is_offer != (self->role == FD_CALL_ROLE_ANSWERER))
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_STATE,
                   "Unexpected %s in call state %s", type, fd_call_state_to_string (self->state));
      return FALSE;
    }
  if (gst_sdp_message_new_from_text (sdp, &message) != GST_SDP_OK ||
      gst_sdp_message_medias_len (message) == 0)
    {
      if (message != NULL)
        gst_sdp_message_free (message);
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP,
                           "The peer's session description is not valid SDP");
      return FALSE;
    }

  if (is_offer)
    {
      g_autoptr(GError) local_error = NULL;

      fd_call_engine_parse_offer (message, &self->codecs);
      if (self->codecs.vp8_pt < 0)
        {
          gst_sdp_message_free (message);
          fd_call_engine_fail (self, g_error_new_literal (FD_CALL_ERROR,
                                                          FD_CALL_ERROR_NEGOTIATION,
                                                          "The peer offers no VP8 video"));
          g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_NEGOTIATION,
                               "The peer offers no VP8 video");
          return FALSE;
        }
      if (!fd_call_engine_link_senders (self, &local_error))
        {
          gst_sdp_message_free (message);
          if (error != NULL)
            *error = g_error_copy (local_error);
          fd_call_engine_fail (self, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  else
    {
      g_autofree char *problem = NULL;

      if (!check_directions (message, &problem))
        {
          g_autofree char *text = g_strdup_printf ("The peer's answer is unusable: %s", problem);

          gst_sdp_message_free (message);
          g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_NEGOTIATION, text);
          fd_call_engine_fail (self, g_error_new_literal (FD_CALL_ERROR,
                                                          FD_CALL_ERROR_NEGOTIATION, text));
          return FALSE;
        }
    }

  desc = gst_webrtc_session_description_new (is_offer ? GST_WEBRTC_SDP_TYPE_OFFER
                                                      : GST_WEBRTC_SDP_TYPE_ANSWER, message);
  self->have_remote = TRUE;
  if (is_offer)
    g_signal_emit_by_name (self->webrtc, "set-remote-description", desc,
                           gst_promise_new_with_change_func (on_remote_offer_set, self, NULL));
  else
    g_signal_emit_by_name (self->webrtc, "set-remote-description", desc, NULL);
  gst_webrtc_session_description_free (desc);

  if (self->have_local && self->state == FD_CALL_STATE_NEGOTIATING)
    set_state (self, FD_CALL_STATE_CONNECTING);
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

  if (!call_live (self))
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

gboolean
fd_call_engine_send_chat (FdCallEngine *self,
                          const char   *text,
                          GError      **error)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!call_live (self) || self->chat == NULL || !self->chat_open)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_CHAT,
                           "The chat is not connected yet");
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_CHAT, "Chat text is not UTF-8");
      return FALSE;
    }
  g_signal_emit_by_name (self->chat, "send-string", text);
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
  teardown (self);
  set_state (self, FD_CALL_STATE_ENDED);
}
