/* fd-call-repair.c: loss repair and congestion control as negotiated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the engine decides on top of webrtcbin 1.22 so that a lost video
 * packet is asked for again (NACK, RTX) and nothing else is: per
 * transceiver in the descriptions and per received stream in the
 * jitterbuffers. (No transport-cc taken from a browser's offer: fd-call-sdp.c.)
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <string.h>

#include "fd-call-engine-private.h"

/* ---- NACK and RTX per transceiver ------------------------------------- */

/* What a transceiver carries: our mark from linking a sender (see
 * link_to_webrtc), else its kind, else its codec preferences, else the
 * remote m-line it was matched to. */
static GstWebRTCKind
transceiver_kind (FdCallEngine            *self,
                  GstWebRTCRTPTransceiver *trans)
{
  GstWebRTCKind kind = GST_WEBRTC_KIND_UNKNOWN;
  g_autoptr(GstCaps) prefs = NULL;
  guint mline = G_MAXUINT;
  const char *media = g_object_get_data (G_OBJECT (trans), "fd-media");

  if (g_strcmp0 (media, "video") == 0)
    return GST_WEBRTC_KIND_VIDEO;
  if (g_strcmp0 (media, "audio") == 0)
    return GST_WEBRTC_KIND_AUDIO;
  g_object_get (trans, "kind", &kind, "codec-preferences", &prefs, "mlineindex", &mline, NULL);
  if (kind != GST_WEBRTC_KIND_UNKNOWN)
    return kind;
  if (prefs != NULL && gst_caps_get_size (prefs) > 0)
    media = gst_structure_get_string (gst_caps_get_structure (prefs, 0), "media");
  if (media == NULL && mline != G_MAXUINT)
    {
      GstWebRTCSessionDescription *remote = NULL;

      g_object_get (self->webrtc, "remote-description", &remote, NULL);
      if (remote != NULL && mline < gst_sdp_message_medias_len (remote->sdp))
        media = g_intern_string (gst_sdp_media_get_media (gst_sdp_message_get_media (remote->sdp, mline)));
      g_clear_pointer (&remote, gst_webrtc_session_description_free);
    }
  if (g_strcmp0 (media, "video") == 0)
    return GST_WEBRTC_KIND_VIDEO;
  if (g_strcmp0 (media, "audio") == 0)
    return GST_WEBRTC_KIND_AUDIO;
  return GST_WEBRTC_KIND_UNKNOWN;
}

/* NACK and RTX on video only, set just before a description is made, when
 * every transceiver knows what it carries: audio RTX in an offer makes
 * Chromium reject it (one SSRC per audio stream), and Opus repairs itself. */
void
_fd_call_engine_set_nack_by_kind (FdCallEngine *self)
{
  g_autoptr(GArray) transceivers = NULL;

  g_signal_emit_by_name (self->webrtc, "get-transceivers", &transceivers);
  for (guint i = 0; transceivers != NULL && i < transceivers->len; i++)
    {
      GstWebRTCRTPTransceiver *trans = g_array_index (transceivers, GstWebRTCRTPTransceiver *, i);
      GstWebRTCKind kind = transceiver_kind (self, trans);

      /* Unknown stays as set at creation (on): better a spare line than
       * video without repair. */
      if (kind != GST_WEBRTC_KIND_UNKNOWN)
        g_object_set (trans, "do-nack", kind == GST_WEBRTC_KIND_VIDEO, NULL);
    }
}

/* ---- retransmission requests per received stream ---------------------- */

/* "video", "audio" or NULL: the remote m-line that announces @ssrc. */
static const char *
remote_media_of_ssrc (FdCallEngine *self,
                      guint         ssrc)
{
  GstWebRTCSessionDescription *remote = NULL;
  const char *found = NULL;
  g_autofree char *prefix = g_strdup_printf ("%u ", ssrc);

  g_object_get (self->webrtc, "remote-description", &remote, NULL);
  for (guint i = 0; remote != NULL && found == NULL && i < gst_sdp_message_medias_len (remote->sdp); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (remote->sdp, i);

      for (guint j = 0; found == NULL && j < gst_sdp_media_attributes_len (media); j++)
        {
          const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, j);

          if (g_strcmp0 (a->key, "ssrc") == 0 && a->value != NULL && g_str_has_prefix (a->value, prefix))
            found = g_intern_string (gst_sdp_media_get_media (media));
        }
    }
  g_clear_pointer (&remote, gst_webrtc_session_description_free);
  return found;
}

/* Feedback (a NACK, a PLI) leaves in an early RTCP packet, and rtpsession
 * 1.22 lets one out per interval T_rr, which it computes again only at a
 * regular packet (2.5-7.5 s apart under AVPF). Until it has measured the
 * session's bit rate (2 s after a stream starts) it assumes 64 kbit/s: the
 * first T_rr was about 1 s and stood for up to 7.5 s, so a 720p call at 5 %
 * loss asked for one repair a second and showed a broken picture for its
 * first seconds. Each session (one, with max-bundle) therefore assumes
 * 2 Mbit/s from the moment rtpbin adds it until 3 s after the first stream
 * came in, then measures (bandwidth 0). rtcp-min-interval stays as it is:
 * at 0, regular RTCP every 25 ms brought rtpsession 1.22's table race
 * (fd-call-gst-races.c) far more often, for nothing this does not give. */
#define START_BANDWIDTH 2e6
#define START_US (3 * G_TIME_SPAN_SECOND)

static void
on_session_added (GstBin       *bin,
                  GstBin       *sub_bin,
                  GstElement   *element,
                  FdCallEngine *self)
{
  GstElementFactory *factory = gst_element_get_factory (element);

  if (factory == NULL || g_strcmp0 (GST_OBJECT_NAME (factory), "rtpsession") != 0)
    return;
  g_object_set (element, "bandwidth", START_BANDWIDTH, NULL);
}

static void
start_rtcp_clock (FdCallEngine *self,
                  guint         session_id)
{
  g_mutex_lock (&self->lock);
  if (!self->rtcp_started)
    {
      self->rtcp_started = TRUE;
      self->rtcp_start_until = g_get_monotonic_time () + START_US;
      self->rtcp_session = session_id;
    }
  g_mutex_unlock (&self->lock);
}

void
_fd_call_engine_settle_rtcp (FdCallEngine *self)
{
  g_autoptr(GstElement) rtpbin = NULL;
  GObject *session = NULL;
  gint64 now = g_get_monotonic_time ();
  gboolean due;
  guint session_id;

  g_mutex_lock (&self->lock);
  due = self->rtcp_start_until != 0 && now >= self->rtcp_start_until;
  if (due)
    self->rtcp_start_until = 0;
  session_id = self->rtcp_session;
  g_mutex_unlock (&self->lock);
  if (!due || self->webrtc == NULL)
    return;
  rtpbin = gst_bin_get_by_name (GST_BIN (self->webrtc), "rtpbin");
  if (rtpbin != NULL)
    g_signal_emit_by_name (rtpbin, "get-internal-session", session_id, &session);
  if (session == NULL)
    return;
  g_object_set (session, "bandwidth", 0.0, NULL);
  g_object_unref (session);
}

/* With BUNDLE, webrtcbin 1.22 gives every jitterbuffer the NACK setting of
 * one transceiver, whichever stream it serves: with NACK on video only,
 * half the video streams got none. Decide per stream instead, after
 * webrtcbin's handler: video asks for retransmissions; so does a stream the
 * remote description does not name (better a spare request than a freeze). */
static void
on_new_jitterbuffer (GstElement   *rtpbin,
                     GstElement   *jitterbuffer,
                     guint         session,
                     guint         ssrc,
                     FdCallEngine *self)
{
  const char *media = remote_media_of_ssrc (self, ssrc);

  g_object_set (jitterbuffer, "do-retransmission", g_strcmp0 (media, "audio") != 0, NULL);
  start_rtcp_clock (self, session);
  if (self->bwe != NULL)
    _fd_call_bwe_watch (self->bwe, rtpbin, session, jitterbuffer, g_strcmp0 (media, "audio") != 0,
                        self->codecs.vp8_pt);
  g_debug ("receiving ssrc %u (%s) in session %u: retransmissions %s", ssrc, media ? media : "unknown", session,
           g_strcmp0 (media, "audio") != 0 ? "on" : "off");
}

void
_fd_call_engine_watch_jitterbuffers (FdCallEngine *self)
{
  g_autoptr(GstElement) rtpbin = gst_bin_get_by_name (GST_BIN (self->webrtc), "rtpbin");

  /* A new estimator per pipeline (main context, before it plays). */
  g_clear_pointer (&self->bwe, _fd_call_bwe_unref);
  self->bwe = _fd_call_bwe_new ();
  _fd_call_engine_rate_follow_falls (self);
  g_atomic_int_set (&self->send_time_id, 0);
  g_mutex_lock (&self->lock);
  self->rtcp_start_until = 0;
  self->rtcp_started = FALSE;
  g_mutex_unlock (&self->lock);
  g_signal_connect (self->webrtc, "deep-element-added", G_CALLBACK (on_session_added), self);
  if (rtpbin != NULL)
    g_signal_connect (rtpbin, "new-jitterbuffer", G_CALLBACK (on_new_jitterbuffer), self);
}

void
_fd_call_engine_use_send_time (FdCallEngine *self,
                               guint         id)
{
  g_atomic_int_set (&self->send_time_id, (gint) id);
  if (self->bwe != NULL)
    _fd_call_bwe_use_send_time (self->bwe, id);
  g_debug ("abs-send-time %s%.0u", id > 0 ? "on, id " : "off", id);
}

/* abs-send-time (fd-call-send-time.c): offered on our video, used once the
 * answer has it. webrtcbin 1.22 answers none of an offer's header
 * extensions: ours takes it up under the offer's id. */
void
_fd_call_engine_describe_send_time (FdCallEngine  *self,
                                    GstSDPMessage *sdp)
{
  if (self->role == FD_CALL_ROLE_OFFERER)
    _fd_call_sdp_add_send_time (sdp, 0);
  else if (self->codecs.send_time_id > 0)
    _fd_call_engine_use_send_time (self, _fd_call_sdp_add_send_time (sdp, self->codecs.send_time_id));
}
