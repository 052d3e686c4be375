/* fd-call-engine-stats.c: statistics from get-stats and frame counts, and
 * the bandwidth adaptation they drive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include "fd-call-engine-private.h"

typedef struct {
  FdCallEngine *self;
  GstStructure *structure;
} StatsReply;

static void
stats_reply_free (gpointer data)
{
  StatsReply *msg = data;

  g_clear_pointer (&msg->structure, gst_structure_free);
  g_free (msg);
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
  {
    gint64 v = 0;

    if (gst_structure_get_int64 (s, field, &v) && v > 0)
      return (guint64) v;
  }
  return 0;
}

static gboolean
struct_double (const GstStructure *s,
               const char         *field,
               double             *out)
{
  return gst_structure_get_double (s, field, out);
}

/* 1.22 labels every RTP stat "kind=video"; the clock rate of the RTP
 * source underneath tells video (90 kHz) from audio (48 kHz). */
static gboolean
is_video_source (const GstStructure *s)
{
  const GstStructure *source = NULL;
  int rate = 0;

  if (!gst_structure_get (s, "gst-rtpsource-stats", GST_TYPE_STRUCTURE, &source, NULL))
    return FALSE;
  gst_structure_get_int (source, "clock-rate", &rate);
  gst_structure_free ((GstStructure *) source);
  return rate == 90000;
}

static gboolean
is_video_stat (const GstStructure *reply,
               const GstStructure *s)
{
  const char *local_id;
  const GValue *local;

  if (!gst_structure_has_name (s, "remote-inbound-rtp"))
    return is_video_source (s);
  /* remote-inbound-rtp describes one of our outbound streams. */
  local_id = gst_structure_get_string (s, "local-id");
  local = local_id != NULL ? gst_structure_get_value (reply, local_id) : NULL;
  return local != NULL && GST_VALUE_HOLDS_STRUCTURE (local) &&
         is_video_source (gst_value_get_structure (local));
}

/* The selected pair of the first transport (max-bundle: the only one): transport →
 * selected-candidate-pair-id → its local-candidate-id / remote-candidate-id → candidate-type.
 * Followed by id, not by structure name: 1.22.0 names local candidates "remote-candidate" and
 * the other way round. */
static FdCallCandidateType
candidate_type (const GstStructure *reply,
                const GstStructure *pair,
                const char         *field)
{
  const char *id = gst_structure_get_string (pair, field);
  const GValue *value = id != NULL ? gst_structure_get_value (reply, id) : NULL;

  if (value == NULL || !GST_VALUE_HOLDS_STRUCTURE (value))
    return FD_CALL_CANDIDATE_UNKNOWN;
  return _fd_call_candidate_type_from_string (
    gst_structure_get_string (gst_value_get_structure (value), "candidate-type"));
}

static void
selected_pair (const GstStructure *reply,
               const GstStructure *transport,
               FdCallStatsValues  *v)
{
  const char *id = gst_structure_get_string (transport, "selected-candidate-pair-id");
  const GValue *value = id != NULL ? gst_structure_get_value (reply, id) : NULL;
  const GstStructure *pair;

  if (v->local_candidate != FD_CALL_CANDIDATE_UNKNOWN || value == NULL ||
      !GST_VALUE_HOLDS_STRUCTURE (value))
    return;
  pair = gst_value_get_structure (value);
  v->local_candidate = candidate_type (reply, pair, "local-candidate-id");
  v->remote_candidate = candidate_type (reply, pair, "remote-candidate-id");
}

/* The SSRC our video goes out with (the payloader's), 0 until known. 1.22
 * mixes up the "kind" and the embedded source statistics of the streams it
 * reports about, but each report's own "ssrc" is right. */
static guint
video_ssrc (FdCallEngine *self)
{
  g_autoptr(GstPad) src = NULL;
  g_autoptr(GstPad) peer = NULL;
  g_autoptr(GstElement) pay = NULL;
  GstStructure *stats = NULL;
  guint ssrc = 0;

  if (self->video_ssrc != 0 || self->encoder == NULL)
    return self->video_ssrc;
  src = gst_element_get_static_pad (self->encoder, "src");
  peer = src != NULL ? gst_pad_get_peer (src) : NULL;
  pay = peer != NULL ? gst_pad_get_parent_element (peer) : NULL;
  if (pay != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (pay), "stats") != NULL)
    {
      g_object_get (pay, "stats", &stats, NULL);
      if (stats != NULL && gst_structure_get_uint (stats, "ssrc", &ssrc))
        self->video_ssrc = ssrc;
      g_clear_pointer (&stats, gst_structure_free);
    }
  return self->video_ssrc;
}

/* What the peer's last receiver report said about our video: its
 * extended highest sequence number and fraction lost (0-255), read from our
 * own source in rtpbin's session (webrtcbin 1.22's remote-inbound-rtp
 * statistics miss it on some calls). FALSE when no report came yet. */
static gboolean
video_report (FdCallEngine *self,
              guint         ssrc,
              guint        *seq,
              guint        *fraction)
{
  g_autoptr(GstElement) rtpbin = gst_bin_get_by_name (GST_BIN (self->webrtc), "rtpbin");
  gboolean found = FALSE;

  for (guint id = 0; rtpbin != NULL && !found && id < 4; id++)
    {
      GObject *session = NULL, *source = NULL;
      GstStructure *stats = NULL;
      gboolean have_rb = FALSE;

      g_signal_emit_by_name (rtpbin, "get-internal-session", id, &session);
      if (session == NULL)
        continue;
      g_signal_emit_by_name (session, "get-source-by-ssrc", ssrc, &source);
      g_object_unref (session);
      if (source == NULL)
        continue;
      g_object_get (source, "stats", &stats, NULL);
      g_object_unref (source);
      if (stats != NULL && gst_structure_get_boolean (stats, "have-rb", &have_rb) && have_rb)
        found = gst_structure_get_uint (stats, "rb-exthighestseq", seq) &&
                gst_structure_get_uint (stats, "rb-fractionlost", fraction);
      g_clear_pointer (&stats, gst_structure_free);
    }
  return found;
}

/* The share of our video the peer lost in the last second: its receiver
 * report's fraction lost when a fresh one came, else the NACKs it sent per
 * packet we sent (early feedback; an underestimate, one NACK may name 17
 * packets); -1 when unknown. */
static double
video_loss (FdCallEngine *self,
            guint         ssrc,
            guint64       packets,
            guint64       nacks)
{
  double loss = -1;
  guint seq = 0, fraction = 0;

  if (packets > self->prev_video_packets && self->prev_video_packets > 0)
    {
      guint64 new_nacks = nacks - MIN (nacks, self->prev_video_nacks);

      loss = MIN (1.0, (double) new_nacks / (packets - self->prev_video_packets));
    }
  self->prev_video_packets = packets;
  self->prev_video_nacks = nacks;
  if (ssrc != 0 && video_report (self, ssrc, &seq, &fraction) && seq != self->prev_rr_seq)
    {
      loss = MAX (loss, fraction / 256.0);
      self->prev_rr_seq = seq;
    }
  return loss;
}

static gboolean
on_stats_main (gpointer data)
{
  StatsReply *msg = data;
  FdCallEngine *self = msg->self;
  const GstStructure *reply = msg->structure;
  FdCallStatsValues v;
  gint64 now = g_get_monotonic_time ();
  double dt;
  guint64 bytes_in = 0, bytes_out = 0, lost = 0, received = 0;
  double jitter = -1, rtt = -1, fraction_lost = -1;
  guint nack = 0, pli = 0;
  guint64 video_packets = 0, video_nacks = 0;
  guint our_video = video_ssrc (self);

  self->stats_pending = FALSE;
  if (!_fd_call_engine_is_live (self))
    return G_SOURCE_REMOVE;
  _fd_call_stats_values_init (&v);

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
          if (is_video_stat (reply, s))
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
          if (our_video != 0 && struct_uint64 (s, "ssrc") == our_video)
            {
              video_packets = struct_uint64 (s, "packets-sent");
              video_nacks = struct_uint64 (s, "nack-count");
            }
        }
      else if (gst_structure_has_name (s, "transport"))
        {
          selected_pair (reply, s, &v);
        }
      else if (gst_structure_has_name (s, "remote-inbound-rtp"))
        {
          if (struct_double (s, "round-trip-time", &d) && d >= 0)
            rtt = MAX (rtt, d);
        }
    }

  dt = self->prev_tick_time > 0 ? (now - self->prev_tick_time) / 1e6 : 0;

  g_mutex_lock (&self->lock);
  v.frames_received = self->frames_in;
  v.frames_sent = self->frames_out;
  v.freeze_count = self->freezes;
  v.longest_freeze = self->longest_gap_us / 1000.0;
  v.recv_width = self->recv_width;
  v.recv_height = self->recv_height;
  g_mutex_unlock (&self->lock);

  if (dt > 0.2 && self->state == FD_CALL_STATE_CONNECTED)
    {
      v.fps_received = (v.frames_received - self->prev_frames_in) / dt;
      v.fps_sent = (v.frames_sent - self->prev_frames_out) / dt;
      if (bytes_in >= self->prev_bytes_in)
        v.bitrate_in = (bytes_in - self->prev_bytes_in) * 8 / dt / 1000;
      if (bytes_out >= self->prev_bytes_out)
        v.bitrate_out = (bytes_out - self->prev_bytes_out) * 8 / dt / 1000;
    }
  fraction_lost = video_loss (self, our_video, video_packets, video_nacks);
  if (received + lost > 0)
    v.packet_loss = 100.0 * lost / (received + lost);
  v.jitter = jitter;
  v.rtt = rtt >= 0 ? rtt * 1000 : -1;
  v.nack_count = nack;
  v.pli_count = pli;
  if (self->encoder != NULL)
    v.target_bitrate = self->target_bps / 1000;
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

  /* Nothing at all from the peer for media-timeout seconds (its network
   * or its program is gone; a muted peer or one with the camera off still
   * sends): end the wait with a clear failure rather than show a frozen
   * picture. */
  if (reply == NULL)
    ; /* no statistics this time: no verdict either */
  else if (self->state != FD_CALL_STATE_CONNECTED || bytes_in > self->prev_bytes_in ||
           self->last_media_us == 0)
    self->last_media_us = now;
  else if (self->media_timeout > 0 &&
           now - self->last_media_us > (gint64) self->media_timeout * G_TIME_SPAN_SECOND)
    {
      _fd_call_engine_fail (self, g_error_new (FD_CALL_ERROR, FD_CALL_ERROR_CONNECTION,
                                              "Nothing received from the other side for %u s",
                                              self->media_timeout));
      return G_SOURCE_REMOVE;
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

  _fd_call_stats_update (self->stats, &v);
  if (self->state == FD_CALL_STATE_CONNECTED && self->sending)
    _fd_call_engine_rate_update (self, fraction_lost, rtt >= 0 ? rtt : 0);
  return G_SOURCE_REMOVE;
}

static void
on_stats_reply (GstPromise *promise,
                gpointer    user_data)
{
  FdCallEngine *self = user_data;
  StatsReply *msg = g_new0 (StatsReply, 1);

  msg->self = self;

  if (gst_promise_wait (promise) == GST_PROMISE_RESULT_REPLIED &&
      gst_promise_get_reply (promise) != NULL)
    msg->structure = gst_structure_copy (gst_promise_get_reply (promise));
  gst_promise_unref (promise);
  _fd_call_engine_invoke (self, on_stats_main, msg, stats_reply_free);
}

gboolean
_fd_call_engine_stats_tick (gpointer user_data)
{
  FdCallEngine *self = user_data;

  if (!_fd_call_engine_is_live (self))
    return G_SOURCE_CONTINUE;   /* removed by teardown */
  _fd_call_engine_settle_rtcp (self);
  if (!self->stats_pending)
    {
      self->stats_pending = TRUE;
      g_signal_emit_by_name (self->webrtc, "get-stats", NULL,
                             gst_promise_new_with_change_func (on_stats_reply, self, NULL));
    }
  return G_SOURCE_CONTINUE;
}

