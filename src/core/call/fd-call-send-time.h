/* fd-call-send-time.h: the abs-send-time RTP header extension
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside the call engine: the sender stamps it (fd-call-engine-media.c), the
 * receiver's estimate reads it (fd-call-bwe.c), the descriptions negotiate it
 * (fd-call-sdp.c).
 */
#pragma once

#include <gst/gst.h>
#include <gst/rtp/rtp.h>

G_BEGIN_DECLS

#define FD_CALL_SEND_TIME_URI "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"

/* Unwraps a sender's 24-bit stamps (they wrap every 64 s). */
typedef struct {
  gboolean started;
  guint32  last;   /* the newest stamp */
  gint64   ext;    /* it, unwrapped, in 2^-18 s */
} FdCallSendClock;

/* The stamp of @now_us (any clock in µs): 6.18 fixed-point seconds, 24 bits. */
guint32  _fd_call_send_time_stamp_of   (gint64           now_us);
/* The stamp of extension @id (1-14) in @rtp, if it has one of 3 bytes. */
gboolean _fd_call_send_time_read       (GstRTPBuffer    *rtp,
                                        guint            id,
                                        guint32         *stamp);
/* @stamp on the sender's unwrapped time line, in µs (any origin). A stamp
 * older than the newest (a reordered packet) does not move it on. */
gint64   _fd_call_send_time_unwrap     (FdCallSendClock *clock,
                                        guint32          stamp);
/* Stamps every RTP packet that leaves @pad with the time it leaves, under the
 * extension id *@id (read at each packet; 0: none). @id must outlive the pad. */
void     _fd_call_send_time_stamp_pad  (GstPad          *pad,
                                        gint            *id);

G_END_DECLS
