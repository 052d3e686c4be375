/* fd-call-session.c: negotiation, ICE, chat, bus, pipeline set-up and teardown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every webrtcbin callback here runs on a streaming thread and hops to the
 * engine's main context with _fd_call_engine_invoke() before touching state.
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <gst/video/video.h>
#include <string.h>

#include "fd-call-cert.h"
#include "fd-call-engine-private.h"

/* A callback on the main context that receives the engine and a string. */
typedef struct {
  FdCallEngine *self;
  char         *type;
  char         *text;
  guint         index;
  GstStructure *structure;
  GBytes       *bytes;
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
  g_clear_pointer (&msg->bytes, g_bytes_unref);
  g_free (msg);
}

/* ---- negotiation ------------------------------------------------------- */

static gboolean
emit_local_description (gpointer data)
{
  Msg *msg = data;
  FdCallEngine *self = msg->self;

  if (!_fd_call_engine_is_live (self))
    return G_SOURCE_REMOVE;
  self->have_local = TRUE;
  if (self->have_remote && self->state == FD_CALL_STATE_NEGOTIATING)
    _fd_call_engine_set_state (self, FD_CALL_STATE_CONNECTING);
  g_signal_emit (self, _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_LOCAL_DESCRIPTION], 0, msg->type, msg->text);
  return G_SOURCE_REMOVE;
}

static gboolean
fail_from_thread (gpointer data)
{
  Msg *msg = data;

  _fd_call_engine_fail (msg->self, g_error_new_literal (FD_CALL_ERROR, msg->index, msg->text));
  return G_SOURCE_REMOVE;
}

static void
fail_async (FdCallEngine *self,
            FdCallError   code,
            const char   *message)
{
  Msg *msg = msg_new (self, NULL, message);

  msg->index = code;
  _fd_call_engine_invoke (self, fail_from_thread, msg, msg_free);
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
  if (!_fd_call_sdp_check_directions (desc->sdp, &problem))
    {
      g_autofree char *message = g_strdup_printf ("Negotiation failed: %s", problem);

      gst_webrtc_session_description_free (desc);
      fail_async (self, FD_CALL_ERROR_NEGOTIATION, message);
      return;
    }

  _fd_call_cert_fix_sdp (self->webrtc, desc->sdp);
  _fd_call_engine_describe_send_time (self, desc->sdp);
  g_signal_emit_by_name (self->webrtc, "set-local-description", desc, NULL);
  text = gst_sdp_message_as_text (desc->sdp);
  gst_webrtc_session_description_free (desc);
  _fd_call_engine_invoke (self, emit_local_description, msg_new (self, field, text), msg_free);
}

static gboolean
create_offer (gpointer data)
{
  FdCallEngine *self = data;
  GstPromise *promise;

  if (!_fd_call_engine_is_live (self) || self->have_local)
    return G_SOURCE_REMOVE;
  _fd_call_engine_set_nack_by_kind (self);
  promise = gst_promise_new_with_change_func (on_description_created, self, NULL);
  g_signal_emit_by_name (self->webrtc, "create-offer", NULL, promise);
  return G_SOURCE_REMOVE;
}

static void
on_negotiation_needed (GstElement   *webrtc,
                       FdCallEngine *self)
{
  if (self->role == FD_CALL_ROLE_OFFERER)
    _fd_call_engine_invoke (self, create_offer, self, NULL);
}

/* webrtcbin's sink pad that the video payloader feeds, or NULL. */
static GstPad *
video_sink_pad (FdCallEngine *self)
{
  g_autoptr(GstIterator) it = gst_element_iterate_sink_pads (self->webrtc);
  GValue item = G_VALUE_INIT;
  GstPad *found = NULL;

  while (found == NULL && gst_iterator_next (it, &item) == GST_ITERATOR_OK)
    {
      GstPad *pad = g_value_get_object (&item);
      g_autoptr(GstWebRTCRTPTransceiver) trans = NULL;

      g_object_get (pad, "transceiver", &trans, NULL);
      if (trans != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (trans), "fd-media"), "video") == 0)
        found = gst_object_ref (pad);
      g_value_reset (&item);
    }
  g_value_unset (&item);
  return found;
}

/* webrtcbin 1.22 announces a sender's SSRC from the caps its sink pad got: an
 * answer made before the first encoded frame announced a made-up RTX SSRC
 * ("a=ssrc-group:FID 0 N") and a browser showed that video on no track. Until
 * the caps come, the codec preferences carry the payloader's own SSRC, which it
 * keeps (it takes one only from its downstream caps query, which they answer);
 * offers wait for caps already. */
static void
announce_video_ssrc (FdCallEngine *self)
{
  g_autoptr(GstPad) video = video_sink_pad (self);
  g_autoptr(GstPad) pay_src = video != NULL ? gst_pad_get_peer (video) : NULL;
  g_autoptr(GstElement) pay = pay_src != NULL ? gst_pad_get_parent_element (pay_src) : NULL;
  g_autoptr(GstWebRTCRTPTransceiver) trans = NULL;
  g_autoptr(GstStructure) stats = NULL;
  g_autoptr(GstCaps) prefs = NULL;
  guint ssrc;

  if (pay == NULL || gst_pad_has_current_caps (video))
    return;
  g_object_get (pay, "stats", &stats, NULL);
  g_object_get (video, "transceiver", &trans, NULL);
  if (stats == NULL || trans == NULL || !gst_structure_get_uint (stats, "ssrc", &ssrc))
    return;
  prefs = gst_caps_new_simple ("application/x-rtp", "media", G_TYPE_STRING, "video",
                               "encoding-name", G_TYPE_STRING, "VP8", "clock-rate", G_TYPE_INT, 90000,
                               "payload", G_TYPE_INT, self->codecs.vp8_pt, "ssrc", G_TYPE_UINT, ssrc, NULL);
  g_object_set (trans, "codec-preferences", prefs, NULL);
  g_debug ("answer: video ssrc %u announced before the payloader's caps", ssrc);
}

void
_fd_call_engine_on_remote_offer_set (GstPromise *promise,
                     gpointer    user_data)
{
  FdCallEngine *self = user_data;
  GstPromise *answer_promise;

  gst_promise_unref (promise);
  _fd_call_engine_set_nack_by_kind (self);
  announce_video_ssrc (self);
  answer_promise = gst_promise_new_with_change_func (on_description_created, self, NULL);
  g_signal_emit_by_name (self->webrtc, "create-answer", NULL, answer_promise);
}

static gboolean
emit_local_ice (gpointer data)
{
  Msg *msg = data;

  if (_fd_call_engine_is_live (msg->self))
    g_signal_emit (msg->self, _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_LOCAL_ICE], 0, msg->index, msg->text);
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
  _fd_call_engine_invoke (self, emit_local_ice, msg, msg_free);
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

  if (!_fd_call_engine_is_live (self))
    return G_SOURCE_REMOVE;
  g_object_get (self->webrtc, "connection-state", &pc_state,
                "ice-connection-state", &ice_state, NULL);
  if (pc_state == GST_WEBRTC_PEER_CONNECTION_STATE_CONNECTED &&
      self->state != FD_CALL_STATE_CONNECTED)
    {
      _fd_call_engine_clear_source (&self->timeout_source);
      /* The peer can decode nothing before a key frame: send one now rather
       * than wait for its picture loss indication. */
      if (self->encoder != NULL)
        {
          g_autoptr(GstPad) src = gst_element_get_static_pad (self->encoder, "src");

          gst_pad_send_event (src, gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE,
                                                                                TRUE, 0));
        }
      _fd_call_engine_set_state (self, FD_CALL_STATE_CONNECTED);
    }
  else if (pc_state == GST_WEBRTC_PEER_CONNECTION_STATE_FAILED ||
           ice_state == GST_WEBRTC_ICE_CONNECTION_STATE_FAILED)
    {
      _fd_call_engine_fail (self, g_error_new_literal (FD_CALL_ERROR, FD_CALL_ERROR_CONNECTION,
                                                      "The media connection failed (ICE or DTLS)"));
    }
  return G_SOURCE_REMOVE;
}

static void
on_connection_state_notify (GObject      *webrtc,
                            GParamSpec   *pspec,
                            FdCallEngine *self)
{
  _fd_call_engine_invoke (self, on_connection_state_main, self, NULL);
}

/* ---- chat -------------------------------------------------------------- */

static gboolean
emit_chat (gpointer data)
{
  Msg *msg = data;

  if (_fd_call_engine_is_live (msg->self))
    g_signal_emit (msg->self, _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_CHAT_RECEIVED], 0, msg->text);
  return G_SOURCE_REMOVE;
}

static void
on_chat_message (GstWebRTCDataChannel *channel,
                 const char           *text,
                 FdCallEngine         *self)
{
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    _fd_call_engine_invoke (self, emit_chat, msg_new (self, NULL, text), msg_free);
}

static gboolean
emit_data (gpointer data)
{
  Msg *msg = data;

  if (_fd_call_engine_is_live (msg->self))
    g_signal_emit (msg->self, _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_DATA_RECEIVED], 0,
                   msg->bytes);
  return G_SOURCE_REMOVE;
}

/* Binary messages on the chat channel (real-time text, fd-rtt.h); bounded before the hop. */
static void
on_chat_data (GstWebRTCDataChannel *channel,
              GBytes               *bytes,
              FdCallEngine         *self)
{
  Msg *msg;

  if (bytes == NULL || g_bytes_get_size (bytes) > FD_CALL_ENGINE_MAX_DATA)
    return;
  msg = msg_new (self, NULL, NULL);
  msg->bytes = g_bytes_ref (bytes);
  _fd_call_engine_invoke (self, emit_data, msg, msg_free);
}

static gboolean
on_chat_open_main (gpointer data)
{
  FdCallEngine *self = data;

  if (!_fd_call_engine_is_live (self) || self->chat_open)
    return G_SOURCE_REMOVE;
  self->chat_open = TRUE;
  g_signal_emit (self, _fd_call_engine_signals[FD_CALL_ENGINE_SIGNAL_CHAT_OPEN], 0);
  return G_SOURCE_REMOVE;
}

static void
on_chat_open (GstWebRTCDataChannel *channel,
              FdCallEngine         *self)
{
  _fd_call_engine_invoke (self, on_chat_open_main, self, NULL);
}

static void
watch_chat (FdCallEngine         *self,
            GstWebRTCDataChannel *channel)
{
  GstWebRTCDataChannelState ready;

  g_signal_connect (channel, "on-message-string", G_CALLBACK (on_chat_message), self);
  g_signal_connect (channel, "on-message-data", G_CALLBACK (on_chat_data), self);
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

  if (channel != NULL && _fd_call_engine_is_live (self) && self->chat == NULL)
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
  _fd_call_engine_invoke (self, adopt_chat, msg_new (self, NULL, NULL), msg_free);
  watch_chat (self, channel);
}

/* ---- bus --------------------------------------------------------------- */

/* A write error inside webrtcbin (its ICE, DTLS or SCTP transport): what
 * sending to a peer that has closed its end gives. Devices are outside
 * webrtcbin, so a broken sound card still fails the call. */
static gboolean
peer_socket_closed (FdCallEngine *self,
                    GstMessage   *message,
                    const GError *error)
{
  return g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_WRITE) &&
         self->webrtc != NULL && GST_MESSAGE_SRC (message) != NULL &&
         gst_object_has_as_ancestor (GST_MESSAGE_SRC (message), GST_OBJECT (self->webrtc));
}

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
      if (self->state == FD_CALL_STATE_CONNECTED && peer_socket_closed (self, message, gerror))
        {
          /* The peer closed its end (it hung up and its "ended" is still on
           * the way through the relay): the call is over, not failed.
           * Seen in CI: "Media error: Could not write to resource." right
           * after a Chromium desk hung up (browser-call-browser-offers). */
          g_debug ("the peer's socket is closed: call ends");
          fd_call_engine_hang_up (self);
          return G_SOURCE_CONTINUE;
        }
      _fd_call_engine_fail (self, g_error_new (FD_CALL_ERROR,
                                              GST_MESSAGE_SRC (message) != NULL &&
                                              g_str_has_prefix (source, "/GstPipeline:call/src-") ?
                                              FD_CALL_ERROR_DEVICE : FD_CALL_ERROR_PIPELINE,
                                              "Media error: %s", gerror->message));
    }
  return G_SOURCE_CONTINUE;
}

/* Element messages go to the hooks first, on the thread that posts them
 * (a benchmark times a stamp the moment it is read). */
static GstBusSyncReply
on_bus_sync (GstBus     *bus,
             GstMessage *message,
             gpointer    user_data)
{
  FdCallEngine *self = user_data;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ELEMENT)
    return GST_BUS_PASS;
  for (guint i = 0; i < self->hooks->len; i++)
    {
      FdCallHookEntry *entry = _FD_CALL_HOOK (self, i);

      if (entry->hooks.bus_message != NULL && entry->hooks.bus_message (message, entry->data))
        return GST_BUS_DROP;
    }
  return GST_BUS_PASS;
}

/* ---- pipeline ---------------------------------------------------------- */

static void
on_peer_certificate_mismatch (gpointer data)
{
  fail_async (data, FD_CALL_ERROR_CONNECTION,
              "The media connection presented a certificate the peer did not announce: "
              "the call was ended, as someone may be intercepting it");
}

gboolean
_fd_call_engine_build (FdCallEngine  *self,
                       GError       **error)
{
  g_autoptr(GstBus) bus = NULL;
  GstElement *webrtc;

  self->pipeline = gst_pipeline_new ("call");
  if ((webrtc = _fd_call_make (NULL, "webrtcbin", error)) == NULL)
    return FALSE;
  gst_object_set_name (GST_OBJECT (webrtc), "webrtc");
  /* A strong reference, kept until finalize: promise callbacks of a call
   * being stopped on the stopper thread may still use it. */
  self->webrtc = gst_object_ref (webrtc);
  gst_bin_add (GST_BIN (self->pipeline), webrtc);
  /* Our ECDSA certificate on every DTLS transport (fd-call-cert.h: half the
   * handshake datagrams of GStreamer 1.22's own), and the peer's checked. */
  _fd_call_cert_attach (webrtc, on_peer_certificate_mismatch, self);
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
          const char *at = strrchr (self->turn_servers[i], '@');

          /* Never the credentials in an error a log or the screen may show. */
          g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                       "Invalid TURN server address: %s", at != NULL ? at + 1 : "(unparsable)");
          return FALSE;
        }
    }
  {
    g_autoptr(GObject) ice = NULL;
    g_autoptr(GObject) agent = NULL;

    /* No UPnP port mapping: it multicasts SSDP on the hall's network, and
     * binds sockets that collide when several calls start at once. */
    g_object_get (webrtc, "ice-agent", &ice, NULL);
    if (ice != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (ice), "agent") != NULL)
      g_object_get (ice, "agent", &agent, NULL);
    if (agent != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (agent), "upnp") != NULL)
      g_object_set (agent, "upnp", FALSE, NULL);
    /* No ICE-TCP host candidates: when a UDP check was lost, libnice could
     * select a TCP pair, and video over TCP turns each lost packet into a
     * head-of-line stall (seen on the 5 % loss link: no NACK, frames held
     * back) where UDP repairs it with a NACK. TURN (UDP, or TCP to the
     * TURN server) still serves networks that block UDP between peers. */
    if (agent != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (agent), "ice-tcp") != NULL)
      g_object_set (agent, "ice-tcp", FALSE, NULL);
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
  g_signal_connect (webrtc, "pad-added", G_CALLBACK (_fd_call_engine_on_pad_added), self);
  g_signal_connect (webrtc, "on-data-channel", G_CALLBACK (on_data_channel), self);
  g_signal_connect (webrtc, "notify::connection-state",
                    G_CALLBACK (on_connection_state_notify), self);
  g_signal_connect (webrtc, "notify::ice-connection-state",
                    G_CALLBACK (on_connection_state_notify), self);

  if (!_fd_call_engine_build_pipeline (self, error))
    return FALSE;

  if (self->role == FD_CALL_ROLE_OFFERER)
    {
      /* No transport-cc in our own offers, and none taken from a peer's
       * (fd-call-sdp.c): nothing here estimates bandwidth from it, and the
       * feedback 1.22 sends held Chromium's estimate low. */
      self->codecs = (FdCallCodecs) { .vp8_pt = 96, .opus_pt = 111 };
      if (!_fd_call_engine_link_senders (self, error))
        return FALSE;
    }
  /* After the send pads are linked, before leaving NULL (else no m-lines). */
  g_signal_connect (webrtc, "on-negotiation-needed", G_CALLBACK (on_negotiation_needed), self);

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  gst_bus_set_sync_handler (bus, on_bus_sync, self, NULL);
  self->bus_source = _fd_call_engine_attach (self, gst_bus_create_watch (bus),
                                             G_SOURCE_FUNC (on_bus_message));

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

typedef struct {
  FdCallEngine *self;
  GstElement   *pipeline;
  GstElement   *webrtc;
} Stopper;

static void
stop_pipeline (GstElement   *pipeline,
               GstElement   *webrtc,
               FdCallEngine *self)
{
  g_autoptr(GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));

  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  g_signal_handlers_disconnect_by_data (webrtc, self);
}

/* Debian's 1.22.0 lacks the webrtcbin/sctp shutdown fixes: setting a
 * pipeline with a data channel to NULL can deadlock (seen about once in
 * 100 calls on a loaded machine: webrtcbin's state change waits for its
 * task thread, which waits for an SCTP lock). The stop therefore runs on
 * its own thread: the caller (the UI's main loop) never blocks, and a stop
 * that never returns costs a thread and a pipeline, not the app. The
 * thread holds the engine so streaming callbacks never see it freed. */
static gpointer
stopper_thread (gpointer data)
{
  Stopper *stopper = data;

  stop_pipeline (stopper->pipeline, stopper->webrtc, stopper->self);
  gst_object_unref (stopper->pipeline);
  g_object_unref (stopper->self);
  g_free (stopper);
  return NULL;
}

void
_fd_call_engine_teardown (FdCallEngine *self)
{
  GstElement *pipeline = g_steal_pointer (&self->pipeline);

  _fd_call_engine_clear_source (&self->timeout_source);
  _fd_call_engine_clear_source (&self->stats_source);
  _fd_call_engine_clear_source (&self->bus_source);
  if (self->chat != NULL)
    g_signal_handlers_disconnect_by_data (self->chat, self);
  g_object_set_data (G_OBJECT (self), "fd-incoming-chat", NULL);
  if (pipeline != NULL)
    {
      /* In dispose the engine cannot be kept alive: stop here. A pipeline
       * that never left NULL (set-up failed) has nothing to stop either. */
      if (self->disposing ||
          (GST_STATE (pipeline) == GST_STATE_NULL &&
           GST_STATE_PENDING (pipeline) == GST_STATE_VOID_PENDING))
        {
          stop_pipeline (pipeline, self->webrtc, self);
          gst_object_unref (pipeline);
        }
      else
        {
          Stopper *stopper = g_new0 (Stopper, 1);

          stopper->self = g_object_ref (self);
          stopper->pipeline = pipeline;
          stopper->webrtc = self->webrtc;
          g_thread_unref (g_thread_new ("fd-call-stop", stopper_thread, stopper));
        }
    }
  g_clear_object (&self->chat);
  self->chat_open = FALSE;
  self->volume = NULL;
  self->send_caps = NULL;
  self->encoder = NULL;
  self->file_bin = NULL;
  self->file_sync = NULL;
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < G_N_ELEMENTS (self->pending_frame); i++)
    g_clear_pointer (&self->pending_frame[i], fd_call_frame_unref);
  g_mutex_unlock (&self->lock);
}

