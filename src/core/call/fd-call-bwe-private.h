/* fd-call-bwe-private.h: the estimator's state, shared by fd-call-bwe.c (the
 * estimate) and fd-call-remb.c (REMB out and in)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

#include "fd-call-bwe.h"
#include "fd-call-lateness.h"
#include "fd-call-send-time.h"

G_BEGIN_DECLS

#define RATE_BINS 10                  /* 1 s of received rate and loss */
#define RING (RATE_BINS + 1)          /* and the current bin */
#define BASE_SECONDS 30               /* the delay with an empty queue */

struct _FdCallBwe {
  gatomicrefcount ref;
  GMutex   lock;
  GWeakRef session;                  /* rtpbin's RTPSession, for early RTCP */
  gboolean hooked;
  guint    video_pt;                 /* of the video we receive */
  gint     send_time_id;             /* abs-send-time's negotiated id, 0: none (atomic) */
  FdCallLateness *lateness;          /* its thread reports to us */
  gint64   late_no[RING];            /* scheduling lateness per bin */
  gint64   late_max[RING];

  /* receiving (the video's streaming thread; the RTCP thread reads) */
  guint32  ssrc;
  gboolean started;
  guint16  max_seq;
  guint32  max_ts;
  gint64   ext_ts;                   /* unwrapped RTP time of the newest frame */
  gboolean by_send_time;             /* delays from the sender's stamps */
  FdCallSendClock send_clock;
  gint64   last_packet;
  gint64   first_packet;             /* of this stream */
  gint64   bin;                      /* the current bin: now / BIN_US */
  gint64   bin_no[RING];
  guint64  bytes[RING];
  guint    expected[RING];
  guint    received[RING];
  gint64   bin_min[RING];       /* one-way delay (µs, any offset) */
  gint64   sec_no[BASE_SECONDS];
  gint64   sec_min[BASE_SECONDS];
  double   estimate;                 /* bit/s; 0 = none yet */
  double   capacity;                 /* received at the last overuse; 0 = none */
  gint64   hold_until;
  gint64   last_update;
  gint64   last_sent;
  guint    sent;

  /* sending (the RTCP thread writes; the main context reads) */
  double   remote_bps;
  gint64   remote_us;
  guint    remote_count;
  GFunc    fall_func;                /* set before the pipeline plays */
  gpointer fall_data;
  GDestroyNotify fall_destroy;
};

FdCallBwe *_fd_call_bwe_ref                 (FdCallBwe *bwe);
/* rtpsession's signals (fd-call-remb.c), connected by _fd_call_bwe_watch. */
gboolean   _fd_call_remb_on_sending_rtcp    (GObject   *session,
                                             GstBuffer *buffer,
                                             gboolean   early,
                                             gpointer   bwe);
void       _fd_call_remb_on_feedback_rtcp   (GObject   *session,
                                             guint      type,
                                             guint      fbtype,
                                             guint      sender_ssrc,
                                             guint      media_ssrc,
                                             GstBuffer *fci,
                                             gpointer   bwe);

G_END_DECLS
