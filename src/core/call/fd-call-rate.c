/* fd-call-rate.c: how fast and how large the engine sends video
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Congestion control from the receiver's reports, as the loss-based half of
 * Google Congestion Control does it (webrtcbin 1.22 estimates nothing from
 * transport-cc, see fd-call-sdp.c): once a second, with the fraction of our
 * video the peer lost and the round trip,
 *   lost > 10 %          target × (1 - lost / 2)
 *   lost < 2 %           target × 1.08 (up to 1.3 × the full size's need)
 *   RTT > 250 ms         target × 0.85 (a queue is building up)
 *   otherwise            hold (random loss of a few % is not congestion)
 * and never above the receiver's delay-based estimate (its newest REMB,
 * fd-call-bwe.c), which sees a bandwidth cap within a second or two, where
 * the receiver reports this rule reads come every ~5 s. A REMB that falls
 * 5 % or more lowers the encoder's rate as it comes in, between ticks.
 * The target becomes the encoder's bitrate (up to 1.3 times what the full
 * size needs), and picks the send size: the
 * largest rung of the ladder whose need (0.10 bit per pixel at the full
 * frame rate) fits. Sign language needs motion more than detail, so the
 * frame rate never drops: the size does (videoscale caps change), at once
 * when the rate falls short, and back up one rung after 3 s with room for
 * 15 % more than the larger size needs, and not within 10 s of the
 * receiver's estimate falling (a capped link: the estimate saw-tooths up to
 * the cap and back, and each larger size would fill the link's queue again).
 * A climb is on trial for 15 s: if the receiver's estimate falls (a queue
 * filled) or the size goes back down in that time, the larger size did not
 * fit, and that rung is not tried again for 30 s, then 60, 120... up to
 * 8 minutes (as WebRTC backs off a failed probe or quality step); a climb
 * that holds its 15 s sets the rung's wait back to 30 s, and an estimate
 * 20 % over the one the failed climb was made on (the path got faster: the
 * receiver saw more arrive, fd-call-bwe.c) lets it be tried at once. Under
 * a cap each try costs a size change (a key frame into a full bucket) and
 * seconds of low frame rate, so it must be rare.
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <string.h>

#include "fd-call-engine-private.h"

#define LADDER_RUNGS FD_CALL_LADDER_RUNGS
#define BITS_PER_PIXEL 0.10
#define MIN_BPS 100000.0
#define UP_TICKS 3
#define UP_ROOM 1.15
#define UP_AFTER_DROP_US (10 * G_TIME_SPAN_SECOND)
#define TRIAL_US (15 * G_TIME_SPAN_SECOND)
#define FIRST_BACKOFF_US (30 * G_TIME_SPAN_SECOND)
#define MAX_BACKOFF_US (480 * G_TIME_SPAN_SECOND)
#define PATH_BETTER 1.2

/* Full, 3/4, 1/2, 3/8, 1/4 of the configured size (even sizes for I420):
 * 1280x720 → 960x540 → 640x360 → 480x270 → 320x180. */
static void
rung_size (FdCallEngine *self,
           int           rung,
           int          *width,
           int          *height)
{
  static const int eighths[LADDER_RUNGS] = { 8, 6, 4, 3, 2 };

  *width = (self->width * eighths[rung] / 8) & ~1;
  *height = (self->height * eighths[rung] / 8) & ~1;
}

static double
rung_need (FdCallEngine *self,
           int           rung)
{
  int w, h;

  rung_size (self, rung, &w, &h);
  return w * h * (double) self->framerate * BITS_PER_PIXEL;
}

/* libvpx's real-time speed for a send size, as the browser's VP8 wrapper
 * sets it on x86: 6 from CIF up, 4 (better pictures for a little more
 * work) below. Negative: a fixed speed. A positive cpu-used lets libvpx
 * pick the speed itself so that encoding takes a share of the frame's time,
 * (16 - cpu-used) / 16 of it, and on an idle processor it goes slower and
 * slower to fill that share: cpu-used 8 spent 20 % of a core on 640x480
 * where speed 6 spends 12 % (docs/performance.md). */
static int
speed_for (int width,
           int height)
{
  return width * height < 352 * 288 ? -4 : -6;
}

static void
apply (FdCallEngine *self)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstCaps) current = NULL;
  int w, h, cw = 0, ch = 0;
  /* All the target, so that the loss reported is the loss of that rate. */
  int bitrate = (int) self->target_bps;

  if (self->send_caps == NULL || self->encoder == NULL)
    return;
  rung_size (self, self->ladder.rung, &w, &h);
  g_object_set (self->encoder, "target-bitrate", bitrate, NULL);
  g_object_get (self->send_caps, "caps", &current, NULL);
  if (current != NULL && gst_caps_get_size (current) > 0)
    {
      gst_structure_get_int (gst_caps_get_structure (current, 0), "width", &cw);
      gst_structure_get_int (gst_caps_get_structure (current, 0), "height", &ch);
    }
  if (cw == w && ch == h)
    return;
  g_debug ("send size now %dx%d at %d kbit/s", w, h, bitrate / 1000);
  g_object_set (self->encoder, "cpu-used", speed_for (w, h), NULL);
  caps = gst_caps_new_simple ("video/x-raw", "width", G_TYPE_INT, w, "height", G_TYPE_INT, h, NULL);
  g_object_set (self->send_caps, "caps", caps, NULL);
}

void
_fd_call_ladder_init (FdCallLadder *self,
                      int           rung)
{
  memset (self, 0, sizeof *self);
  self->rung = rung;
  for (guint r = 0; r < LADDER_RUNGS; r++)
    self->backoff_us[r] = FIRST_BACKOFF_US;
}

/* The climb on trial, if any, after this tick's rung (@rung, before any
 * climb) and whether the receiver's estimate fell. */
static void
judge_climb (FdCallLadder *self,
             int           rung,
             gboolean      dropped,
             gint64        now)
{
  int r = self->climb_rung;

  if (self->climb_us == 0)
    return;
  if (dropped || rung > r)
    {
      self->retry_us[r] = now + self->backoff_us[r];
      self->failed_remb[r] = self->climb_remb;
      g_debug ("the climb to rung %d failed after %.0f s (%s): not again for %.0f s", r,
               (now - self->climb_us) / 1e6, dropped ? "the receiver's estimate fell" : "down again",
               self->backoff_us[r] / 1e6);
      self->backoff_us[r] = MIN (2 * self->backoff_us[r], MAX_BACKOFF_US);
      self->climb_us = 0;
    }
  else if (now - self->climb_us >= TRIAL_US)
    {
      self->backoff_us[r] = FIRST_BACKOFF_US;
      self->climb_us = 0;
    }
}

/* One tick (a second): the rung for @target_bps, given the receiver's
 * newest estimate @remb_bps (0 = none fresh) and @need, each rung's bit/s.
 * Pure but for the debug log: tests drive it with made-up times. */
int
_fd_call_ladder_step (FdCallLadder *self,
                      const double  need[FD_CALL_LADDER_RUNGS],
                      double        target_bps,
                      double        remb_bps,
                      gint64        now_us)
{
  int rung = self->rung;
  gboolean dropped = remb_bps > 0 && (self->prev_remb <= 0 || remb_bps < 0.95 * self->prev_remb);

  if (dropped)
    self->remb_drop_us = now_us;
  self->prev_remb = remb_bps;

  /* Down at once to the largest rung that fits... */
  while (rung < LADDER_RUNGS - 1 && need[rung] > target_bps)
    rung++;
  judge_climb (self, rung, dropped, now_us);
  /* A rung whose climb failed, with the path evidently faster since. */
  for (guint r = 0; r < LADDER_RUNGS; r++)
    if (self->failed_remb[r] > 0 && remb_bps >= PATH_BETTER * self->failed_remb[r])
      {
        self->retry_us[r] = 0;
        self->failed_remb[r] = 0;
      }
  /* ...up one rung only after UP_TICKS ticks with room to spare, none
   * within UP_AFTER_DROP_US of the estimate falling, nor while the rung
   * above waits after a failed climb. */
  if (rung == self->rung && rung > 0 && need[rung - 1] * UP_ROOM <= target_bps &&
      (self->remb_drop_us == 0 || now_us - self->remb_drop_us > UP_AFTER_DROP_US) &&
      now_us >= self->retry_us[rung - 1])
    {
      if (++self->up_ticks >= UP_TICKS)
        {
          rung--;
          self->up_ticks = 0;
          self->climb_us = now_us;
          self->climb_rung = rung;
          self->climb_remb = remb_bps;
        }
    }
  else
    self->up_ticks = 0;
  self->rung = rung;
  return rung;
}

/* A REMB 5 % or more under the last one (the receiver saw a queue build or
 * packets go): the encoder's rate follows it at once rather than at the
 * next tick, up to a second later, while a router's queue overflows; the
 * size waits for the tick. */
static gboolean
follow_fall (gpointer data)
{
  FdCallEngine *self = data;
  double remb = _fd_call_bwe_remote_estimate (self->bwe, NULL);

  if (self->state != FD_CALL_STATE_CONNECTED || !self->sending || remb <= 0 || self->target_bps <= remb)
    return G_SOURCE_REMOVE;
  g_debug ("receiver's estimate fell to %.0f kbit/s: target follows at once", remb / 1000);
  self->target_bps = MAX (remb, MIN_BPS);
  apply (self);   /* the ladder's rung is unchanged: the size stays */
  return G_SOURCE_REMOVE;
}

/* rtpsession's RTCP thread. The hop holds the engine until it has run on
 * the engine's context, so the reference taken here is never the last. */
static void
on_fall (gpointer data,
         gpointer unused)
{
  g_autoptr(FdCallEngine) self = g_weak_ref_get (data);

  if (self != NULL)
    _fd_call_engine_invoke (self, follow_fall, self, NULL);
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* With each new estimator, before the pipeline plays. */
void
_fd_call_engine_rate_follow_falls (FdCallEngine *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  _fd_call_bwe_on_fall (self->bwe, on_fall, ref, free_weak_ref);
}

void
_fd_call_engine_rate_init (FdCallEngine *self)
{
  _fd_call_ladder_init (&self->ladder, 0);
  /* Start at the top: a call begins on an idle link, and one bad second
   * (the first key frame, a busy processor) must not cost the full size. */
  self->target_bps = rung_need (self, 0) * 1.3;
  apply (self);
}

void
_fd_call_engine_rate_update (FdCallEngine *self,
                             double        fraction_lost,
                             double        rtt_s)
{
  double full = rung_need (self, 0) * 1.3;
  double last_remb, need[LADDER_RUNGS];
  double remb = _fd_call_bwe_remote_estimate (self->bwe, &last_remb);
  int before = self->ladder.rung, rung;

  if (fraction_lost > 0.10)
    self->target_bps *= 1 - fraction_lost / 2;
  else if (rtt_s > 0.25)
    self->target_bps *= 0.85;
  else if (fraction_lost >= 0 && fraction_lost < 0.02 && (remb > 0 || last_remb <= 0))
    self->target_bps *= 1.08;
  /* The delay-based estimate of the receiver caps the loss-based target. */
  if (remb > 0 && self->target_bps > remb)
    self->target_bps = remb;
  /* REMBs stopped coming (lost on the full link they measure): no growth
   * past the last one until they come again, rather than back to full
   * rate over the very link that dropped them. */
  if (remb <= 0 && last_remb > 0 && self->target_bps > last_remb)
    self->target_bps = last_remb;
  self->target_bps = CLAMP (self->target_bps, MIN_BPS, full);

  for (int r = 0; r < LADDER_RUNGS; r++)
    need[r] = rung_need (self, r);
  rung = _fd_call_ladder_step (&self->ladder, need, self->target_bps, remb, g_get_monotonic_time ());
  if (rung != before)
    g_debug ("lost %.1f %%, RTT %.0f ms, receiver's estimate %.0f kbit/s: target %.0f kbit/s, rung %d → %d",
             fraction_lost * 100, rtt_s * 1000, remb / 1000, self->target_bps / 1000, before, rung);
  apply (self);
}
