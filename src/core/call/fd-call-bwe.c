/* fd-call-bwe.c: a delay-based bandwidth estimate that GStreamer 1.22 lacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * webrtcbin 1.22 estimates no bandwidth (no transport-cc estimator, no
 * REMB; gst-plugins-rs rtpgccbwe is not in Debian 12), and the receiver
 * reports the loss-based control reads (fd-call-rate.c) come every ~5 s and
 * are dropped with the media on a full link: too late and too rare to see a
 * bandwidth cap. So the receiver of video estimates, as the receive side of
 * Google Congestion Control with REMB (draft-alvestrand-rmcat-remb) does:
 *   - the rate it receives the video at (last second, 100 ms bins);
 *   - the queueing delay: the one-way delay (the clocks' offset cancels) as
 *     the minimum over the last 100 ms above the minimum over the last 30 s,
 *     of each new packet from its abs-send-time when the peer stamps it
 *     (fd-call-send-time.c: an encoder's or a pacer's delay is no queue),
 *     else of each new frame's first packet from its RTP time (a minimum
 *     over 300 ms saw an overuse only when a 50 ms router queue was nearly
 *     full and dropping);
 *   - the loss before repair (sequence gaps, last second).
 * A queue (over 20 ms) or a loss over 15 % (random loss of a few % is not
 * congestion) is overuse: the estimate becomes 0.85 × the received rate
 * (what the path did carry: over the last 300 ms when that is less than
 * over the last second, which at the start of a cap still holds the faster
 * rate before it, and a cut from it kept the queue full; at least
 * 150 kbit/s; there is none before the first overuse; 0.9 × when it is the
 * capacity found before, without heavy loss), that rate is kept as the
 * path's capacity, and the estimate holds 1.5 s for the sender to follow
 * and the queue to drain.
 * A queue starting to fill (over 12 ms) stops the growth and, near the
 * capacity, takes the estimate to 0.95 × the received rate: the queue then
 * drains before a tail-drop bucket (tc tbf) overflows, where waiting for 20 ms
 * made the rate saw-tooth between 0.7 and 1.1 × the cap. Else, with a loss
 * under 2 %, the estimate grows 8 % a second (up to 1.5 × the received
 * rate + 100 kbit/s), but only 0.5 % of the capacity (at least 5 kbit/s) a
 * second from 0.95 × it on (the last overuse was there); a received rate
 * or an estimate over 1.1 × the capacity means the path got faster (or the
 * capacity was learnt in a bad moment) and it is forgotten. Between 2 and
 * 15 % loss the estimate holds.
 * Arrival times are taken when our streaming thread sees the packet, so
 * they include how late this machine's scheduler runs our threads: at load
 * 20 on 2 cores that was seconds of "queue" with no link limit. A thread of
 * the estimator (fd-call-lateness.c) sleeps 10 ms at a time and measures how
 * late it wakes; the largest lateness of the last 300 ms is taken off the
 * queue before it is compared (delay growth our own scheduling made is not
 * congestion), and a loss over 15 % is seen either way.
 * The estimate goes back in a REMB (RTCP PSFB AFB) added to the RTCP
 * packets rtpsession sends, with early RTCP asked for every 250 ms, so that
 * some arrive even when most of the reverse path's packets are lost.
 * The sender caps its target at the newest REMB (fd-call-rate.c): ours, or
 * a browser's.
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gst/rtp/rtp.h>

#include "fd-call-bwe-private.h"
#include "fd-call-engine-private.h"
#include "fd-call-lateness.h"
#include "fd-call-send-time.h"

#define BIN_US (100 * G_TIME_SPAN_MILLISECOND)
#define RECENT_BINS 1                 /* 100 ms of recent delay */
#define CARRIED_BINS 3                /* the rate an overuse cuts from: 300 ms */
#define QUEUE_US (20 * G_TIME_SPAN_MILLISECOND)
#define FILLING_US (12 * G_TIME_SPAN_MILLISECOND)
#define PROBE_US (10 * G_TIME_SPAN_MILLISECOND)  /* the lateness thread's sleep */
#define CONGESTED_LOSS 0.15
#define HOLD_LOSS      0.02          /* above it the estimate stops growing */
#define HOLD_US (1500 * G_TIME_SPAN_MILLISECOND)
#define FEEDBACK_US (250 * G_TIME_SPAN_MILLISECOND)
#define MIN_ESTIMATE 150000.0  /* 320×180 at 30 fps */
#define MIN_STEP 5000.0        /* bit/s a second, near the capacity */
#define NONE G_MAXINT64


FdCallBwe *
_fd_call_bwe_new (void)
{
  FdCallBwe *self = g_new0 (FdCallBwe, 1);

  g_atomic_ref_count_init (&self->ref);
  g_mutex_init (&self->lock);
  g_weak_ref_init (&self->session, NULL);
  for (guint i = 0; i < RING; i++)
    self->late_no[i] = -1;
  return self;
}

FdCallBwe *
_fd_call_bwe_ref (FdCallBwe *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
_fd_call_bwe_unref (FdCallBwe *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  /* The thread holds no reference: it ends before the memory goes. */
  g_clear_pointer (&self->lateness, _fd_call_lateness_stop);
  if (self->fall_destroy != NULL)
    self->fall_destroy (self->fall_data);
  g_weak_ref_clear (&self->session);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static void
bwe_unref_notify (gpointer  data,
                  GClosure *closure)
{
  _fd_call_bwe_unref (data);
}

/* ---- receiving: the estimate ----------------------------------------- */

static void
reset_receiving (FdCallBwe *self,
                 guint32    ssrc)
{
  self->ssrc = ssrc;
  self->started = FALSE;
  self->by_send_time = FALSE;
  self->send_clock = (FdCallSendClock) { 0 };
  self->bin = 0;
  for (guint i = 0; i < RING; i++)
    {
      self->bin_no[i] = -1;
      self->bytes[i] = self->expected[i] = self->received[i] = 0;
      self->bin_min[i] = NONE;
    }
  for (guint i = 0; i < BASE_SECONDS; i++)
    {
      self->sec_no[i] = -1;
      self->sec_min[i] = NONE;
    }
}

/* ---- how late this machine runs us ---------------------------------- */

/* A scheduling lateness (µs) seen at @now_us: from the lateness thread. */
void
_fd_call_bwe_take_lateness (FdCallBwe *self,
                            gint64     late_us,
                            gint64     now_us)
{
  gint64 bin = now_us / BIN_US;
  guint i = bin % RING;

  g_mutex_lock (&self->lock);
  if (self->late_no[i] != bin)
    {
      self->late_no[i] = bin;
      self->late_max[i] = 0;
    }
  self->late_max[i] = MAX (self->late_max[i], late_us);
  g_mutex_unlock (&self->lock);
}

/* The largest lateness in the last RECENT_BINS bins and the current one. */
static gint64
recent_lateness (FdCallBwe *self,
                 gint64     now)
{
  gint64 bin = now / BIN_US, late = 0;

  for (guint i = 0; i < RING; i++)
    if (self->late_no[i] >= 0 && bin - self->late_no[i] <= RECENT_BINS)
      late = MAX (late, self->late_max[i]);
  return late;
}

/* Over the RATE_BINS bins before the current one (all complete). */
static void
update_estimate (FdCallBwe *self,
                 gint64     now)
{
  guint64 bytes = 0, recent_bytes = 0;
  guint expected = 0, received = 0, bins = 0;
  gint64 recent = NONE, base = NONE, late;
  double rate, carried, loss, dt;
  gboolean queue, filling, lossy;

  for (guint i = 0; i < RING; i++)
    {
      gint64 age = self->bin - self->bin_no[i];

      if (self->bin_no[i] < 0 || age < 1 || age > RATE_BINS)
        continue;
      bins++;
      bytes += self->bytes[i];
      expected += self->expected[i];
      received += self->received[i];
      if (age <= RECENT_BINS)
        recent = MIN (recent, self->bin_min[i]);
      if (age <= CARRIED_BINS)
        recent_bytes += self->bytes[i];
    }
  for (guint i = 0; i < BASE_SECONDS; i++)
    if (self->sec_no[i] >= 0 && now / G_TIME_SPAN_SECOND - self->sec_no[i] < BASE_SECONDS)
      base = MIN (base, self->sec_min[i]);
  /* The first 2 s (key frame, start-up bursts) say nothing of the path. */
  if (bins < RATE_BINS || now - self->first_packet < 2 * G_TIME_SPAN_SECOND)
    return;

  rate = bytes * 8.0 / (RATE_BINS * BIN_US / 1e6);
  /* What the path carries now: a second's rate still holds what came before
   * a cap began, and a cut from it left the queue full for the hold. */
  carried = MIN (rate, recent_bytes * 8.0 / (CARRIED_BINS * BIN_US / 1e6));
  loss = expected >= 30 && received < expected ? 1.0 - (double) received / expected : 0;
  /* The queue on the path: the delay over its floor, less what our own
   * scheduling added lately. */
  late = recent_lateness (self, now);
  queue = filling = FALSE;
  if (recent != NONE && base != NONE)
    {
      gint64 excess = recent - base - late;

      queue = excess > QUEUE_US;
      filling = excess > FILLING_US;
    }
  lossy = loss > CONGESTED_LOSS;
  dt = self->last_update > 0 ? (now - self->last_update) / 1e6 : 0;
  self->last_update = now;

  /* The path carries more than at the last overuse, or the estimate grew
   * well past it without an overuse (a capacity learnt in a bad moment): it
   * is not that path any more. */
  if (self->capacity > 0 && (rate > 1.1 * self->capacity || self->estimate > 1.1 * self->capacity))
    self->capacity = 0;

  /* No estimate, and no REMB, before the first overuse: a sender held back
   * by its processor (fewer frames, smaller ones) is not a path's limit. */
  if ((queue || lossy) && now >= self->hold_until)
    {
      double before = self->estimate;

      /* At the capacity found before, with no heavy loss: the slow probe
       * went a little over it; less of a cut brings it back under. */
      gboolean near = self->capacity > 0 && carried >= 0.9 * self->capacity && !lossy;
      double cut = (near ? 0.9 : 0.85) * carried;

      /* Never up on an overuse (a sender not yet down to the estimate). */
      self->estimate = MAX (before > 0 ? MIN (before, cut) : cut, MIN_ESTIMATE);
      self->capacity = carried;
      self->hold_until = now + HOLD_US;
      g_debug ("overuse (queue %.0f ms, our lateness %.0f ms, loss %.0f %%): receiving %.0f kbit/s, estimate %.0f → %.0f kbit/s",
               recent != NONE && base != NONE ? (recent - base) / 1000.0 : -1, late / 1000.0, loss * 100,
               carried / 1000, before / 1000, self->estimate / 1000);
    }
  else if (filling && self->estimate > 0 && now >= self->hold_until)
    {
      /* A queue building up near the capacity: a little under what the
       * path carries, so that it drains before the bucket drops. */
      if (self->capacity > 0 && rate >= 0.9 * self->capacity)
        self->estimate = MAX (MIN (self->estimate, 0.95 * rate), MIN_ESTIMATE);
    }
  else if (!queue && loss <= HOLD_LOSS && now >= self->hold_until && self->estimate > 0)
    {
      double grown = self->estimate * pow (1.08, dt);

      /* Near the last overuse, additively and slowly (as GCC does). */
      if (self->capacity > 0 && grown > 0.95 * self->capacity)
        grown = MAX (self->estimate + MAX (0.005 * self->capacity, MIN_STEP) * dt,
                     MIN (grown, 0.95 * self->capacity));
      self->estimate = MIN (grown, 1.5 * rate + 100000);
    }
  /* Between HOLD_LOSS and CONGESTED_LOSS it holds (as GCC's loss controller
   * does): at a tbf cap a few % are lost before a queue shows. */
}

/* Into the current bins; a new bin first updates the estimate. Locked. */
static void
forget_delays (FdCallBwe *self)
{
  for (guint i = 0; i < BASE_SECONDS; i++)
    self->sec_min[i] = NONE;
  for (guint i = 0; i < RING; i++)
    self->bin_min[i] = NONE;
}

static gboolean
take_packet (FdCallBwe     *self,
             guint          pt,
             guint32        ssrc,
             guint16        seq,
             guint32        ts,
             gsize          size,
             const guint32 *send_stamp,
             gint64         now)
{
  gint64 bin = now / BIN_US, sec = now / G_TIME_SPAN_SECOND;
  guint b = bin % RING, s = sec % BASE_SECONDS;
  gboolean fresh = TRUE;   /* not a repair or a late packet */
  gint64 owd = NONE;

  if (pt != self->video_pt)
    return FALSE;   /* audio, or an unrepaired retransmission */
  gboolean new_bin = FALSE;

  /* One video stream: another SSRC (a retransmission stream rtprtxreceive
   * did not map) is counted only when the first has been silent for 2 s. */
  if (ssrc != self->ssrc)
    {
      if (self->started && now - self->last_packet < 2 * G_TIME_SPAN_SECOND)
        return FALSE;
      reset_receiving (self, ssrc);
    }
  self->last_packet = now;
  if (bin != self->bin)
    {
      if (self->bin != 0)
        {
          update_estimate (self, now);
          new_bin = TRUE;
        }
      /* Bins that saw no packet are empty bins, not missing ones. */
      for (gint64 k = MAX (self->bin + 1, bin - RING + 1); k <= bin; k++)
        {
          guint i = k % RING;

          self->bin_no[i] = k;
          self->bytes[i] = self->expected[i] = self->received[i] = 0;
          self->bin_min[i] = NONE;
        }
      self->bin = bin;
    }
  if (self->sec_no[s] != sec)
    {
      self->sec_no[s] = sec;
      self->sec_min[s] = NONE;
    }
  self->bytes[b] += size;

  if (!self->started)
    {
      self->started = TRUE;
      self->first_packet = now;
      self->max_seq = seq;
      self->max_ts = ts;
      self->ext_ts = 0;
      self->expected[b]++;
      self->received[b]++;
    }
  else if ((gint16) (seq - self->max_seq) > 0)
    {
      /* Repairs and late packets are older: they count as bytes only, so
       * the loss is the loss before repair. */
      self->expected[b] += (guint16) (seq - self->max_seq);
      self->received[b]++;
      self->max_seq = seq;
    }
  else
    fresh = FALSE;
  /* Delays by the two clocks do not compare: from the first stamp on, the
   * sender's clock only. */
  if (send_stamp != NULL && !self->by_send_time)
    {
      forget_delays (self);
      self->by_send_time = TRUE;
    }

  if ((gint32) (ts - self->max_ts) > 0)
    {
      gint32 step = (gint32) (ts - self->max_ts);

      /* A jump of over 5 s (a sender restarting its clock): the old delays
       * mean nothing any more. */
      if (step > 5 * 90000 && !self->by_send_time)
        forget_delays (self);
      self->ext_ts += step;
      self->max_ts = ts;
      if (!self->by_send_time)
        owd = now - self->ext_ts * G_TIME_SPAN_SECOND / 90000;
    }
  if (self->by_send_time && send_stamp != NULL && fresh)
    owd = now - _fd_call_send_time_unwrap (&self->send_clock, *send_stamp);
  if (owd != NONE)
    {
      self->bin_min[b] = MIN (self->bin_min[b], owd);
      self->sec_min[s] = MIN (self->sec_min[s], owd);
    }
  return new_bin && self->estimate > 0 && now - self->last_sent >= FEEDBACK_US;
}

gboolean
_fd_call_bwe_take_packet (FdCallBwe     *self,
                          guint          pt,
                          guint32        ssrc,
                          guint16        seq,
                          guint32        ts,
                          gsize          size,
                          const guint32 *send_stamp,
                          gint64         now_us)
{
  gboolean ask;

  g_mutex_lock (&self->lock);
  ask = take_packet (self, pt, ssrc, seq, ts, size, send_stamp, now_us);
  g_mutex_unlock (&self->lock);
  return ask;
}

static void
take_buffer (FdCallBwe *self,
             GstBuffer *buffer)
{
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  guint32 ssrc, ts;
  guint16 seq;
  guint pt;
  gsize size;
  gboolean ask, stamped;
  guint32 stamp = 0;

  if (!gst_rtp_buffer_map (buffer, GST_MAP_READ, &rtp))
    return;
  stamped = _fd_call_send_time_read (&rtp, (guint) g_atomic_int_get (&self->send_time_id), &stamp);
  ssrc = gst_rtp_buffer_get_ssrc (&rtp);
  seq = gst_rtp_buffer_get_seq (&rtp);
  ts = gst_rtp_buffer_get_timestamp (&rtp);
  pt = gst_rtp_buffer_get_payload_type (&rtp);
  size = gst_buffer_get_size (buffer);
  gst_rtp_buffer_unmap (&rtp);

  ask = _fd_call_bwe_take_packet (self, pt, ssrc, seq, ts, size, stamped ? &stamp : NULL,
                                  g_get_monotonic_time ());
  if (ask)
    {
      g_autoptr(GObject) session = g_weak_ref_get (&self->session);

      /* An early RTCP packet soon, which on_sending_rtcp adds the REMB to. */
      if (session != NULL)
        g_signal_emit_by_name (session, "send-rtcp", (guint64) (20 * GST_MSECOND));
    }
}

/* On the video jitterbuffer's sink pad: every packet of the received video,
 * repairs included, on the thread that received it. */
static GstPadProbeReturn
on_video_packet (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         user_data)
{
  FdCallBwe *self = user_data;

  if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST)
    {
      GstBufferList *list = GST_PAD_PROBE_INFO_BUFFER_LIST (info);

      for (guint i = 0; list != NULL && i < gst_buffer_list_length (list); i++)
        take_buffer (self, gst_buffer_list_get (list, i));
    }
  else if (GST_PAD_PROBE_INFO_BUFFER (info) != NULL)
    take_buffer (self, GST_PAD_PROBE_INFO_BUFFER (info));
  return GST_PAD_PROBE_OK;
}

/* ---- wiring ------------------------------------------------------------ */

void
_fd_call_bwe_use_send_time (FdCallBwe *self,
                            guint      id)
{
  g_atomic_int_set (&self->send_time_id, (gint) id);
}

void
_fd_call_bwe_configure (FdCallBwe *self,
                        guint      video_pt)
{
  g_mutex_lock (&self->lock);
  self->video_pt = video_pt;
  g_mutex_unlock (&self->lock);
}

/* Once per call, with the rtpbin session the streams arrived on (max-bundle:
 * the only one); then the packets of payload type @video_pt in each
 * jitterbuffer that may carry video. */
void
_fd_call_bwe_watch (FdCallBwe  *self,
                    GstElement *rtpbin,
                    guint       session_id,
                    GstElement *jitterbuffer,
                    gboolean    video,
                    guint       video_pt)
{
  gboolean hook;

  g_mutex_lock (&self->lock);
  hook = !self->hooked;
  self->hooked = TRUE;
  self->video_pt = video_pt;
  g_mutex_unlock (&self->lock);
  if (hook)
    {
      GObject *session = NULL;

      g_signal_emit_by_name (rtpbin, "get-internal-session", session_id, &session);
      g_debug ("bandwidth estimate: %s session %u", session ? "watching" : "no", session_id);
      if (session != NULL)
        {
          g_weak_ref_set (&self->session, session);
          g_signal_connect_data (session, "on-sending-rtcp", G_CALLBACK (_fd_call_remb_on_sending_rtcp),
                                 _fd_call_bwe_ref (self), bwe_unref_notify, 0);
          g_signal_connect_data (session, "on-feedback-rtcp", G_CALLBACK (_fd_call_remb_on_feedback_rtcp),
                                 _fd_call_bwe_ref (self), bwe_unref_notify, 0);
          g_object_unref (session);
        }
      self->lateness = _fd_call_lateness_start (PROBE_US, (FdCallLatenessFunc) _fd_call_bwe_take_lateness, self);
    }
  if (video)
    {
      g_autoptr(GstPad) sink = gst_element_get_static_pad (jitterbuffer, "sink");

      if (sink != NULL)
        gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST,
                           on_video_packet, _fd_call_bwe_ref (self),
                           (GDestroyNotify) _fd_call_bwe_unref);
    }
}

/* Our estimate of the video we receive (bit/s, 0 = none yet) and how many
 * REMBs carried it out, and how many came in: for logs and tests. */
void
_fd_call_bwe_counts (FdCallBwe *self,
                     double    *estimate,
                     guint     *sent,
                     guint     *received)
{
  g_mutex_lock (&self->lock);
  *estimate = self->estimate;
  *sent = self->sent;
  *received = self->remote_count;
  g_mutex_unlock (&self->lock);
}
