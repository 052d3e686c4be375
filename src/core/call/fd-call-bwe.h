/* fd-call-bwe.h: the delay-based bandwidth estimate (receiver side) and REMB
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside the call engine (fd-call-bwe.c); the packet, feedback and REMB
 * functions are separate so that tests/call/test-call-bwe.c can drive them
 * with made-up arrival times.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef struct _FdCallBwe FdCallBwe;

FdCallBwe *_fd_call_bwe_new              (void);
void       _fd_call_bwe_unref            (FdCallBwe    *bwe);
/* From rtpbin's new-jitterbuffer (streaming thread). */
void       _fd_call_bwe_watch            (FdCallBwe    *bwe,
                                          GstElement   *rtpbin,
                                          guint         session_id,
                                          GstElement   *jitterbuffer,
                                          gboolean      video,
                                          guint         video_pt);
/* The id of abs-send-time the call negotiated (0: none): the received
 * packets' stamps are read from then on. Any thread. */
void       _fd_call_bwe_use_send_time    (FdCallBwe    *bwe,
                                          guint         id);
/* The newest estimate the receiver of our video sent (bit/s), 0 if none
 * in the last 4 s. */
double     _fd_call_bwe_remote_estimate  (FdCallBwe    *bwe,
                                          double       *last);
/* @func (@data) runs on rtpsession's RTCP thread whenever a REMB from the
 * receiver of our video comes in 5 % or more below the one before it (a
 * queue or loss on the path); @destroy (@data) when @bwe is freed. Set once,
 * before the pipeline plays. */
void       _fd_call_bwe_on_fall          (FdCallBwe    *bwe,
                                          GFunc         func,
                                          gpointer      data,
                                          GDestroyNotify destroy);
/* Our estimate of the video we receive (bit/s, 0 = none) and the REMBs
 * sent and received. */
void       _fd_call_bwe_counts           (FdCallBwe    *bwe,
                                          double       *estimate,
                                          guint        *sent,
                                          guint        *received);

/* The pieces, for tests. */
/* The payload type of the video received. */
void       _fd_call_bwe_configure        (FdCallBwe    *bwe,
                                          guint         video_pt);
/* How late (µs) a thread of this process woke at @now_us (monotonic): the
 * estimator's own thread measures it once it watches a call. */
void       _fd_call_bwe_take_lateness    (FdCallBwe    *bwe,
                                          gint64        late_us,
                                          gint64        now_us);
/* One received RTP packet at @now_us (monotonic), with its abs-send-time
 * stamp if it carries one (else NULL); TRUE when feedback is due. */
gboolean   _fd_call_bwe_take_packet      (FdCallBwe     *bwe,
                                          guint          pt,
                                          guint32        ssrc,
                                          guint16        seq,
                                          guint32        ts,
                                          gsize          size,
                                          const guint32 *send_stamp,
                                          gint64         now_us);
/* Adds a REMB with our estimate to an RTCP compound packet (writable). */
gboolean   _fd_call_bwe_add_remb         (FdCallBwe    *bwe,
                                          GstBuffer    *rtcp);
/* An RTCP feedback packet's type, format and FCI (from the network). */
void       _fd_call_bwe_take_feedback    (FdCallBwe    *bwe,
                                          guint         type,
                                          guint         fbtype,
                                          GstBuffer    *fci);

G_END_DECLS
