/* test-call-bwe.c: the receiver's delay-based bandwidth estimate and its REMB
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fd-call-bwe.c driven with made-up arrival times (no pipeline, no network,
 * no clock): a video stream at 30 frames a second goes through a simulated
 * bottleneck (a link rate and a tail-drop queue, as tc tbf), and the
 * estimate, the REMB it is sent in and the reading of a REMB are checked;
 * also arrivals made late by our own scheduling (a starved processor), and
 * a sender that follows the estimate under a cap.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <gst/rtp/rtp.h>

#include "fd-call-bwe.h"
#include "fd-call-lateness.h"
#include "fd-call-send-time.h"

#define PT 96
#define SSRC 0x1234abcdu
#define PACKET 1200                   /* the largest packet */
#define BASE_US 5000                  /* the path's delay with no queue */

typedef struct {
  FdCallBwe *bwe;
  gint64     t0;
  guint      frame;
  guint16    seq;
  double     link_free_us;            /* when the bottleneck is next free */
  guint      sent;
  guint      delivered;
  guint      dropped;                 /* by the bottleneck's queue */
  gint64     late_us;                 /* our scheduling's lateness (0 = none) */
  gboolean   stamped;                 /* the sender stamps abs-send-time */
  double     hold_us;                 /* the sender's own delay after capture now */
  double     burst_us;                /* every 2 s it jumps to this (0 = never)... */
  double     drain_us;                /* ...and falls by this a frame */
} Stream;

/* A lateness between late_us and 2 × late_us that varies from @n to @n. */
static gint64
lateness_of (Stream *s,
             guint   n)
{
  return s->late_us + (gint64) ((n * 7919u) % 1000) * s->late_us / 1000;
}

static void
stream_init (Stream *s)
{
  memset (s, 0, sizeof *s);
  s->bwe = _fd_call_bwe_new ();
  _fd_call_bwe_configure (s->bwe, PT);
  s->t0 = 1000 * G_TIME_SPAN_SECOND;
}

/* @seconds of video sent at @send_bps through a link of @link_bps (0 = no
 * limit) whose queue drops what would wait over @queue_ms (0 = never);
 * @drop_every > 0 also loses every n-th packet at random places on the way.
 * With late_us set, every arrival is taken that much later (varying), and
 * the lateness thread sees as much every 10 ms (its own samples). */
static void
stream_run (Stream *s,
            double  seconds,
            double  send_bps,
            double  link_bps,
            double  queue_ms,
            guint   drop_every)
{
  guint frames = (guint) (seconds * 30);
  double frame_bytes = send_bps / 30 / 8;
  guint per_frame = MAX (1, (guint) ceil (frame_bytes / PACKET));
  gsize size = (gsize) MAX (100, frame_bytes / per_frame);

  for (guint f = 0; f < frames; f++, s->frame++)
    {
      double send_us;

      /* A sender's own delay after capture: an encoder slow on a key frame,
       * a pacer holding a large one. The RTP time stays the capture's. */
      if (s->burst_us > 0 && s->frame % 60 == 0)
        s->hold_us = s->burst_us;
      send_us = s->frame * (1e6 / 30) + s->hold_us;
      s->hold_us = MAX (0, s->hold_us - s->drain_us);

      if (s->late_us > 0)
        for (guint k = 0; k < 3; k++)
          _fd_call_bwe_take_lateness (s->bwe, lateness_of (s, s->frame * 3 + k + 1),
                                      s->t0 + (gint64) send_us + k * 10000);
      for (guint p = 0; p < per_frame; p++)
        {
          double start = send_us, arrival;
          guint16 seq = s->seq++;

          s->sent++;
          if (link_bps > 0)
            {
              start = MAX (send_us, s->link_free_us);
              if (queue_ms > 0 && start - send_us > queue_ms * 1000)
                {
                  s->dropped++;
                  continue;   /* tail drop */
                }
              s->link_free_us = start + size * 8 / link_bps * 1e6;
              arrival = s->link_free_us;
            }
          else
            arrival = send_us;
          if (drop_every > 0 && (s->sent * 7919) % drop_every == 0)
            continue;
          if (s->late_us > 0)
            arrival += lateness_of (s, s->sent);
          s->delivered++;
          {
            /* The sender's clock has its own origin. */
            guint32 stamp = _fd_call_send_time_stamp_of ((gint64) send_us + 987654321);

            _fd_call_bwe_take_packet (s->bwe, PT, SSRC, seq, (guint32) (s->frame * 3000), size,
                                      s->stamped ? &stamp : NULL, s->t0 + (gint64) (arrival + BASE_US));
          }
        }
    }
}

static double
estimate_of (Stream *s)
{
  double estimate;
  guint sent, received;

  _fd_call_bwe_counts (s->bwe, &estimate, &sent, &received);
  return estimate;
}

static void
test_clean_path (void)
{
  Stream s;

  /* 10 s at 2 Mbit/s on an unlimited path: no overuse, no estimate (the
   * sender is not held back). */
  stream_init (&s);
  stream_run (&s, 10, 2e6, 0, 0, 0);
  g_assert_cmpfloat (estimate_of (&s), ==, 0);
  _fd_call_bwe_unref (s.bwe);
}

static void
test_random_loss (void)
{
  Stream s;

  /* 5 % random loss is not congestion. */
  stream_init (&s);
  stream_run (&s, 10, 2e6, 0, 0, 20);
  g_assert_cmpuint (s.delivered, <, s.sent);
  g_assert_cmpfloat (estimate_of (&s), ==, 0);
  _fd_call_bwe_unref (s.bwe);
}

/* @data: whether the delays are read from the sender's stamps (else from
 * RTP time). */
static void
test_capped_path (gconstpointer data)
{
  Stream s;
  double estimate;

  /* 4 s free, then a 1 Mbit/s link with a 50 ms queue (tc tbf latency 50ms)
   * under 2 Mbit/s: the queue grows to 50 ms and half is dropped. */
  stream_init (&s);
  s.stamped = GPOINTER_TO_INT (data);
  stream_run (&s, 4, 2e6, 0, 0, 0);
  g_assert_cmpfloat (estimate_of (&s), ==, 0);
  s.link_free_us = s.frame * (1e6 / 30);
  stream_run (&s, 3, 2e6, 1e6, 50, 0);
  estimate = estimate_of (&s);
  g_test_message ("estimate under a 1 Mbit/s cap%s: %.0f kbit/s", s.stamped ? ", stamped" : "",
                  estimate / 1000);
  /* 0.85 × what came through: under the cap, with room for audio. */
  g_assert_cmpfloat (estimate, >, 700e3);
  g_assert_cmpfloat (estimate, <, 1e6);

  /* The sender follows (800 kbit/s): the queue drains, the estimate grows
   * again slowly, bounded by 1.5 × what arrives. */
  stream_run (&s, 6, 8e5, 1e6, 50, 0);
  g_assert_cmpfloat (estimate_of (&s), >, estimate);
  g_assert_cmpfloat (estimate_of (&s), <=, 1.5 * 8e5 + 100e3 + 1);
  /* ...and no faster than 0.5 % of the path's capacity a second once it is
   * near it (the last overuse was there). */
  g_assert_cmpfloat (estimate_of (&s), <, 1e6 + 6 * 5e3);
  _fd_call_bwe_unref (s.bwe);
}

static void
test_sender_delay_not_congestion (void)
{
  Stream unstamped, stamped;

  /* Every 2 s the sender holds a frame 300 ms after its capture (a key frame
   * behind a pacer), and the frames after it drain 15 ms a frame; the path
   * itself has no queue. By RTP time that is 300 ms of "queue": an overuse.
   * By the sender's stamps there is none. */
  stream_init (&unstamped);
  unstamped.burst_us = 300e3;
  unstamped.drain_us = 15e3;
  stream_run (&unstamped, 10, 1.5e6, 0, 0, 0);
  g_test_message ("held 300 ms at the sender, unstamped: estimate %.0f kbit/s",
                  estimate_of (&unstamped) / 1000);
  g_assert_cmpfloat (estimate_of (&unstamped), >, 0);

  stream_init (&stamped);
  stamped.stamped = TRUE;
  stamped.burst_us = 300e3;
  stamped.drain_us = 15e3;
  stream_run (&stamped, 10, 1.5e6, 0, 0, 0);
  g_assert_cmpfloat (estimate_of (&stamped), ==, 0);
  /* ...while a queue on the path is still seen: 1.5 into 1 Mbit/s. */
  stamped.link_free_us = stamped.frame * (1e6 / 30) + stamped.hold_us;
  stream_run (&stamped, 3, 1.5e6, 1e6, 0, 0);
  g_assert_cmpfloat (estimate_of (&stamped), >, 0);
  g_assert_cmpfloat (estimate_of (&stamped), <, 1e6);
  _fd_call_bwe_unref (unstamped.bwe);
  _fd_call_bwe_unref (stamped.bwe);
}

static void
test_send_time_clock (void)
{
  FdCallSendClock clock = { 0 };
  gint64 first = 0;

  /* 6.18 fixed point: one second is 2^18. */
  g_assert_cmpuint (_fd_call_send_time_stamp_of (G_USEC_PER_SEC), ==, 1u << 18);
  g_assert_cmpuint (_fd_call_send_time_stamp_of (64 * G_USEC_PER_SEC), ==, 0);
  g_assert_cmpuint (_fd_call_send_time_stamp_of (500000), ==, 1u << 17);
  /* 200 s in 10 ms steps from 60 s on: the stamps wrap at 64 s (three
   * times), the unwrapped time does not. */
  for (gint64 t = 60 * G_USEC_PER_SEC; t <= 260 * G_USEC_PER_SEC; t += 10000)
    {
      gint64 got = _fd_call_send_time_unwrap (&clock, _fd_call_send_time_stamp_of (t));

      if (first == 0)
        first = got - t;
      g_assert_cmpint (ABS (got - t - first), <=, 8);
    }
  /* A reordered (older) stamp is placed before the newest, not 64 s on. */
  {
    gint64 newest = _fd_call_send_time_unwrap (&clock, _fd_call_send_time_stamp_of (261 * G_USEC_PER_SEC));
    gint64 older = _fd_call_send_time_unwrap (&clock, _fd_call_send_time_stamp_of (260500000));

    g_assert_cmpint (newest - older, >=, 499990);
    g_assert_cmpint (newest - older, <=, 500010);
    g_assert_cmpint (_fd_call_send_time_unwrap (&clock, _fd_call_send_time_stamp_of (261 * G_USEC_PER_SEC)),
                     ==, newest);
  }
}

static void
test_send_time_read (void)
{
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  g_autoptr(GstBuffer) buffer = gst_rtp_buffer_new_allocate (100, 0, 0);
  guint8 three[3] = { 0x12, 0x34, 0x56 }, two[2] = { 1, 2 };
  guint32 stamp = 0;

  g_assert_true (gst_rtp_buffer_map (buffer, GST_MAP_READWRITE, &rtp));
  g_assert_false (_fd_call_send_time_read (&rtp, 3, &stamp));
  g_assert_true (gst_rtp_buffer_add_extension_onebyte_header (&rtp, 3, three, 3));
  g_assert_true (gst_rtp_buffer_add_extension_onebyte_header (&rtp, 4, two, 2));
  g_assert_true (_fd_call_send_time_read (&rtp, 3, &stamp));
  g_assert_cmphex (stamp, ==, 0x123456);
  /* The wrong length, an id not negotiated, ids out of the one-byte range. */
  g_assert_false (_fd_call_send_time_read (&rtp, 4, &stamp));
  g_assert_false (_fd_call_send_time_read (&rtp, 5, &stamp));
  g_assert_false (_fd_call_send_time_read (&rtp, 0, &stamp));
  g_assert_false (_fd_call_send_time_read (&rtp, 15, &stamp));
  gst_rtp_buffer_unmap (&rtp);
}

static void
test_own_lateness_not_congestion (void)
{
  Stream starved, capped;

  /* A processor so busy that every arrival is taken 40-80 ms late (load 20
   * on 2 cores): the delay grows by as much as the lateness thread sees,
   * which is not a queue on the path. */
  stream_init (&starved);
  stream_run (&starved, 4, 1.1e6, 0, 0, 0);
  starved.late_us = 40 * G_TIME_SPAN_MILLISECOND;
  stream_run (&starved, 10, 1.1e6, 0, 0, 0);
  g_assert_cmpfloat (estimate_of (&starved), ==, 0);
  /* Heavy loss is seen however late we are. */
  stream_run (&starved, 3, 1.1e6, 0, 0, 4);
  g_assert_cmpfloat (estimate_of (&starved), >, 0);

  /* 1.1 Mbit/s into 1 Mbit/s with a deep buffer (no loss, a growing queue),
   * on a machine 5-10 ms late: the queue is seen. */
  stream_init (&capped);
  stream_run (&capped, 3, 1.1e6, 0, 0, 0);
  capped.late_us = 5 * G_TIME_SPAN_MILLISECOND;
  capped.link_free_us = capped.frame * (1e6 / 30);
  stream_run (&capped, 3, 1.1e6, 1e6, 0, 0);
  g_assert_cmpuint (capped.delivered, ==, capped.sent);
  g_assert_cmpfloat (estimate_of (&capped), >, 0);
  g_assert_cmpfloat (estimate_of (&capped), <, 1e6);
  _fd_call_bwe_unref (starved.bwe);
  _fd_call_bwe_unref (capped.bwe);
}

/* @seconds of a sender that follows the estimate as fd-call-rate.c does (8 %
 * more a second, never over the newest estimate) from *@target, through
 * @link_bps (0 = no limit) with a @queue_ms queue; the lowest and highest
 * rate sent are kept in @low and @high. */
static void
follow (Stream *s,
        guint   seconds,
        double *target,
        double  link_bps,
        double  queue_ms,
        double *low,
        double *high)
{
  for (guint sec = 0; sec < seconds; sec++)
    {
      double estimate = estimate_of (s);

      *target *= 1.08;
      if (estimate > 0)
        *target = MIN (*target, estimate);
      *low = MIN (*low, *target);
      *high = MAX (*high, *target);
      stream_run (s, 1, *target, link_bps, queue_ms, 0);
    }
}

static void
test_steady_under_cap (void)
{
  Stream s;
  double target = 1.2e6, low = G_MAXDOUBLE, high = 0;
  guint dropped, sent;

  /* Into a 1 Mbit/s tbf with a 50 ms queue, for a minute. After the first
   * 20 s the sender's rate stays within 85-103 % of the cap and the bucket
   * drops (nearly) nothing: no saw-tooth of overflows and deep back-offs
   * (the rules before gave 837-1141 kbit/s and 157 packets dropped). */
  stream_init (&s);
  stream_run (&s, 4, target, 0, 0, 0);
  s.link_free_us = s.frame * (1e6 / 30);
  follow (&s, 20, &target, 1e6, 50, &low, &high);
  dropped = s.dropped;
  sent = s.sent;
  low = G_MAXDOUBLE;
  high = 0;
  follow (&s, 40, &target, 1e6, 50, &low, &high);
  g_test_message ("under a 1 Mbit/s cap, after 20 s: %.0f-%.0f kbit/s sent, %u packets dropped",
                  low / 1000, high / 1000, s.dropped - dropped);
  g_assert_cmpfloat (low, >=, 0.85e6);
  g_assert_cmpfloat (high, <=, 1.03e6);
  g_assert_cmpuint (s.dropped - dropped, <=, (s.sent - sent) / 100);
  _fd_call_bwe_unref (s.bwe);
}

/* The first overuse at the start of a cap cuts from what the path carries
 * now. 4 s at 1.2 Mbit/s, then a 600 kbit/s tbf with a 50 ms queue: the
 * first estimate must be within 15 % of the cap (the 300 ms it is cut from
 * can still hold a tenth of a second from before the cap). A cut from the
 * last second's rate, still mostly the 1.2 Mbit/s before the cap, was 35 %
 * over it, and the sender stayed over the cap for the whole 1.5 s hold with
 * the queue full and dropping. */
static void
test_cap_onset (void)
{
  Stream s;
  double estimate = 0;
  guint frames = 0;

  stream_init (&s);
  s.stamped = TRUE;
  stream_run (&s, 4, 1.2e6, 0, 0, 0);
  s.link_free_us = s.frame * (1e6 / 30);
  /* Frame by frame until the first estimate (at most 2 s). */
  while (estimate == 0 && frames++ < 60)
    {
      stream_run (&s, 1.0 / 30, 1.2e6, 6e5, 50, 0);
      estimate = estimate_of (&s);
    }
  g_test_message ("first estimate %.0f ms into a 600 kbit/s cap: %.0f kbit/s", frames * 1000.0 / 30,
                  estimate / 1000);
  g_assert_cmpfloat (estimate, >, 0);
  g_assert_cmpfloat (estimate, <, 1.15 * 6e5);
  _fd_call_bwe_unref (s.bwe);
}

static void
test_recovers_from_low_capacity (void)
{
  Stream s;
  double target = 1.2e6, low = G_MAXDOUBLE, high = 0;

  /* A capacity learnt in a bad moment (a 200 kbit/s squeeze: a starved
   * processor, a burst of cross traffic) must not hold the sender near it
   * once the path is free again: back over 600 kbit/s within 30 s. */
  stream_init (&s);
  stream_run (&s, 4, target, 0, 0, 0);
  s.link_free_us = s.frame * (1e6 / 30);
  follow (&s, 8, &target, 2e5, 50, &low, &high);
  g_assert_cmpfloat (estimate_of (&s), <, 2.5e5);
  follow (&s, 30, &target, 0, 0, &low, &high);
  g_test_message ("after a 200 kbit/s squeeze, 30 s free: %.0f kbit/s", target / 1000);
  g_assert_cmpfloat (target, >, 6e5);
  _fd_call_bwe_unref (s.bwe);
}

static void
count_lateness (gpointer data,
                gint64   late_us,
                gint64   now_us)
{
  gint *count = data;

  g_assert_cmpint (late_us, >=, 0);
  g_atomic_int_inc (count);
}

static void
test_lateness_probe (void)
{
  gint count = 0, at_stop;
  FdCallLateness *probe = _fd_call_lateness_start (5 * G_TIME_SPAN_MILLISECOND, count_lateness, &count);

  /* The real thread: it reports (how often depends on the machine's load,
   * so only "at least once" within a generous bound), and not after stop. */
  for (guint i = 0; i < 200 && g_atomic_int_get (&count) == 0; i++)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  _fd_call_lateness_stop (probe);
  at_stop = g_atomic_int_get (&count);
  g_assert_cmpint (at_stop, >, 0);
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_atomic_int_get (&count), ==, at_stop);
}

static void
test_other_payload_ignored (void)
{
  Stream s;

  /* Audio (another payload type) through the same jitterbuffer path is not
   * the video's rate: a lossy, queued stream of it makes no estimate. */
  stream_init (&s);
  _fd_call_bwe_configure (s.bwe, 111);
  stream_run (&s, 4, 2e6, 0, 0, 0);
  s.link_free_us = s.frame * (1e6 / 30);
  stream_run (&s, 3, 2e6, 1e6, 50, 0);
  g_assert_cmpfloat (estimate_of (&s), ==, 0);
  _fd_call_bwe_unref (s.bwe);
}

/* The FCI of the first PSFB AFB packet in @buffer, or NULL. */
static GstBuffer *
find_remb_fci (GstBuffer *buffer,
               guint     *type,
               guint     *fbtype)
{
  GstRTCPBuffer rtcp = GST_RTCP_BUFFER_INIT;
  GstRTCPPacket packet;
  GstBuffer *fci = NULL;
  gboolean more;

  g_assert_true (gst_rtcp_buffer_map (buffer, GST_MAP_READ, &rtcp));
  for (more = gst_rtcp_buffer_get_first_packet (&rtcp, &packet); more && fci == NULL;
       more = gst_rtcp_packet_move_to_next (&packet))
    if (gst_rtcp_packet_get_type (&packet) == GST_RTCP_TYPE_PSFB)
      {
        guint8 *data = gst_rtcp_packet_fb_get_fci (&packet);
        guint len = gst_rtcp_packet_fb_get_fci_length (&packet) * 4;

        *type = gst_rtcp_packet_get_type (&packet);
        *fbtype = gst_rtcp_packet_fb_get_type (&packet);
        g_assert_cmpuint (gst_rtcp_packet_fb_get_media_ssrc (&packet), ==, 0);
        g_assert_cmpuint (gst_rtcp_packet_fb_get_sender_ssrc (&packet), ==, 0x55667788);
        fci = gst_buffer_new_memdup (data, len);
      }
  gst_rtcp_buffer_unmap (&rtcp);
  return fci;
}

static void
test_remb_round_trip (void)
{
  Stream s;
  FdCallBwe *sender = _fd_call_bwe_new ();
  GstBuffer *buffer = gst_rtcp_buffer_new (1200);
  GstRTCPBuffer rtcp = GST_RTCP_BUFFER_INIT;
  GstRTCPPacket rr;
  g_autoptr(GstBuffer) fci = NULL;
  guint8 data[12];
  guint type = 0, fbtype = 0;
  double estimate, got;

  stream_init (&s);
  stream_run (&s, 4, 2e6, 0, 0, 0);
  /* No estimate yet: nothing added. */
  g_assert_true (gst_rtcp_buffer_map (buffer, GST_MAP_READWRITE, &rtcp));
  g_assert_true (gst_rtcp_buffer_add_packet (&rtcp, GST_RTCP_TYPE_RR, &rr));
  gst_rtcp_packet_rr_set_ssrc (&rr, 0x55667788);
  gst_rtcp_buffer_unmap (&rtcp);
  g_assert_false (_fd_call_bwe_add_remb (s.bwe, buffer));

  s.link_free_us = s.frame * (1e6 / 30);
  stream_run (&s, 3, 2e6, 1e6, 50, 0);
  estimate = estimate_of (&s);
  g_assert_cmpfloat (estimate, >, 0);
  g_assert_true (_fd_call_bwe_add_remb (s.bwe, buffer));
  g_assert_true (gst_rtcp_buffer_validate (buffer));
  fci = find_remb_fci (buffer, &type, &fbtype);
  g_assert_nonnull (fci);
  g_assert_cmpuint (type, ==, GST_RTCP_TYPE_PSFB);
  g_assert_cmpuint (fbtype, ==, GST_RTCP_PSFB_TYPE_AFB);
  g_assert_cmpuint (gst_buffer_extract (fci, 0, data, sizeof data), ==, 12);
  g_assert_cmpmem (data, 4, "REMB", 4);
  g_assert_cmpuint (data[4], ==, 1);
  g_assert_cmpuint (GST_READ_UINT32_BE (data + 8), ==, SSRC);

  g_assert_cmpfloat (_fd_call_bwe_remote_estimate (sender, NULL), ==, 0);
  _fd_call_bwe_take_feedback (sender, type, fbtype, fci);
  got = _fd_call_bwe_remote_estimate (sender, NULL);
  /* 18 bits of mantissa: within 1/2^17 of what was sent. */
  g_assert_cmpfloat (got, <=, estimate);
  g_assert_cmpfloat (got, >, estimate * (1 - 1.0 / (1 << 17)));

  gst_buffer_unref (buffer);
  _fd_call_bwe_unref (s.bwe);
  _fd_call_bwe_unref (sender);
}

static void
test_hostile_feedback (void)
{
  FdCallBwe *bwe = _fd_call_bwe_new ();
  static const guint8 short_remb[] = { 'R', 'E', 'M', 'B', 1, 0xff, 0xff };
  static const guint8 other[] = { 'X', 'Y', 'Z', 'W', 1, 0x40, 0, 1, 0, 0, 0, 1 };
  static const guint8 remb[] = { 'R', 'E', 'M', 'B', 1, (3 << 2) | 1, 0x86, 0xa0, 0, 0, 0, 1 };
  g_autoptr(GstBuffer) b1 = gst_buffer_new_memdup (short_remb, sizeof short_remb);
  g_autoptr(GstBuffer) b2 = gst_buffer_new_memdup (other, sizeof other);
  g_autoptr(GstBuffer) b3 = gst_buffer_new_memdup (remb, sizeof remb);

  _fd_call_bwe_take_feedback (bwe, GST_RTCP_TYPE_PSFB, GST_RTCP_PSFB_TYPE_AFB, b1);
  _fd_call_bwe_take_feedback (bwe, GST_RTCP_TYPE_PSFB, GST_RTCP_PSFB_TYPE_AFB, b2);
  _fd_call_bwe_take_feedback (bwe, GST_RTCP_TYPE_PSFB, GST_RTCP_PSFB_TYPE_AFB, NULL);
  _fd_call_bwe_take_feedback (bwe, GST_RTCP_TYPE_RTPFB, GST_RTCP_PSFB_TYPE_AFB, b3);
  _fd_call_bwe_take_feedback (bwe, GST_RTCP_TYPE_PSFB, GST_RTCP_PSFB_TYPE_PLI, b3);
  g_assert_cmpfloat (_fd_call_bwe_remote_estimate (bwe, NULL), ==, 0);
  /* mantissa 0x186a0 = 100000, exponent 3: 800 kbit/s */
  _fd_call_bwe_take_feedback (bwe, GST_RTCP_TYPE_PSFB, GST_RTCP_PSFB_TYPE_AFB, b3);
  g_assert_cmpfloat (_fd_call_bwe_remote_estimate (bwe, NULL), ==, 800000);
  _fd_call_bwe_unref (bwe);
}

static GstBuffer *
remb_fci (guint32 bps)
{
  guint8 fci[12] = { 'R', 'E', 'M', 'B', 1, 0, 0, 0, 0, 0, 0, 1 };
  guint exponent = 0;

  while (bps >= (1 << 18))
    {
      bps >>= 1;
      exponent++;
    }
  fci[5] = (guint8) ((exponent << 2) | (bps >> 16));
  fci[6] = (guint8) (bps >> 8);
  fci[7] = (guint8) bps;
  return gst_buffer_new_memdup (fci, sizeof fci);
}

static void
count_fall (gpointer data,
            gpointer unused)
{
  ((guint *) data)[0]++;
}

static void
count_destroy (gpointer data)
{
  ((guint *) data)[1]++;
}

/* The engine's rate follows a falling REMB at once (fd-call-rate.c): told
 * of a fall of 5 % or more from the REMB before, not of the first REMB, a
 * rise, a small step or anything that is no REMB; freed with the estimator. */
static void
test_remb_fall (void)
{
  FdCallBwe *bwe = _fd_call_bwe_new ();
  static const guint32 rates[] = { 800000, 900000, 870000, 820000, 700000, 700000, 100000 };
  static const guint falls[] = { 0, 0, 0, 1, 2, 2, 3 };
  g_autoptr(GstBuffer) pli = remb_fci (100000);
  guint counts[2] = { 0, 0 };   /* falls told, destroy notifies */

  _fd_call_bwe_on_fall (bwe, count_fall, counts, count_destroy);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autoptr(GstBuffer) fci = remb_fci (rates[i]);

      _fd_call_bwe_take_feedback (bwe, GST_RTCP_TYPE_PSFB, GST_RTCP_PSFB_TYPE_AFB, fci);
      g_assert_cmpuint (counts[0], ==, falls[i]);
    }
  _fd_call_bwe_take_feedback (bwe, GST_RTCP_TYPE_PSFB, GST_RTCP_PSFB_TYPE_PLI, pli);
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpfloat (_fd_call_bwe_remote_estimate (bwe, NULL), ==, 100000);
  g_assert_cmpuint (counts[1], ==, 0);
  _fd_call_bwe_unref (bwe);
  g_assert_cmpuint (counts[1], ==, 1);
  g_assert_cmpuint (counts[0], ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/call/bwe/clean-path", test_clean_path);
  g_test_add_func ("/call/bwe/random-loss", test_random_loss);
  g_test_add_data_func ("/call/bwe/capped-path", GINT_TO_POINTER (FALSE), test_capped_path);
  g_test_add_data_func ("/call/bwe/capped-path-stamped", GINT_TO_POINTER (TRUE), test_capped_path);
  g_test_add_func ("/call/bwe/sender-delay-not-congestion", test_sender_delay_not_congestion);
  g_test_add_func ("/call/bwe/send-time-clock", test_send_time_clock);
  g_test_add_func ("/call/bwe/send-time-read", test_send_time_read);
  g_test_add_func ("/call/bwe/own-lateness-not-congestion", test_own_lateness_not_congestion);
  g_test_add_func ("/call/bwe/steady-under-cap", test_steady_under_cap);
  g_test_add_func ("/call/bwe/cap-onset", test_cap_onset);
  g_test_add_func ("/call/bwe/recovers-from-low-capacity", test_recovers_from_low_capacity);
  g_test_add_func ("/call/bwe/lateness-probe", test_lateness_probe);
  g_test_add_func ("/call/bwe/other-payload-ignored", test_other_payload_ignored);
  g_test_add_func ("/call/bwe/remb-round-trip", test_remb_round_trip);
  g_test_add_func ("/call/bwe/hostile-feedback", test_hostile_feedback);
  g_test_add_func ("/call/bwe/remb-fall", test_remb_fall);
  return g_test_run ();
}
