/* fd-call-send-time.c: the abs-send-time RTP header extension
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The receiver's delay-based estimate (fd-call-bwe.c) compares when each
 * packet arrives with when it left. Without the sender's clock it takes the
 * frame's RTP time, which is when the frame was captured: an encoder that
 * takes longer over a key frame, or a browser's pacer holding a large frame,
 * then reads as a queue on the path. One such spurious overuse (291 ms of
 * "queue", no loss) held Chromium at 960×540 for the rest of a call.
 * abs-send-time (webrtc.org; Chromium's REMB estimator reads it) puts the
 * send time on every packet: 24 bits of 6.18 fixed-point seconds, wrapping
 * every 64 s, in a one-byte header extension (RFC 8285). Chromium stamps it
 * when the description negotiates it, after its pacer; our sender stamps it
 * as the payloader hands its packets on, after the encoder (the engine has
 * no pacer: webrtcbin sends them at once).
 */
#include "config.h"

#include "fd-call-send-time.h"

#define STAMP_BITS 24
#define STAMP_MASK ((1u << STAMP_BITS) - 1)
#define FRACTION_BITS 18

guint32
_fd_call_send_time_stamp_of (gint64 now_us)
{
  /* µs → 2^-18 s without overflow: the seconds and the rest apart. */
  guint64 seconds = (guint64) now_us / G_USEC_PER_SEC;
  guint64 rest = (guint64) now_us % G_USEC_PER_SEC;

  return (guint32) (((seconds << FRACTION_BITS) + (rest << FRACTION_BITS) / G_USEC_PER_SEC) & STAMP_MASK);
}

gboolean
_fd_call_send_time_read (GstRTPBuffer *rtp,
                         guint         id,
                         guint32      *stamp)
{
  gpointer data = NULL;
  guint size = 0;
  const guint8 *b;

  if (id < 1 || id > 14 ||
      !gst_rtp_buffer_get_extension_onebyte_header (rtp, (guint8) id, 0, &data, &size) ||
      data == NULL || size != 3)
    return FALSE;
  b = data;
  *stamp = ((guint32) b[0] << 16) | ((guint32) b[1] << 8) | b[2];
  return TRUE;
}

gint64
_fd_call_send_time_unwrap (FdCallSendClock *clock,
                           guint32          stamp)
{
  gint32 step;
  gint64 ext;

  stamp &= STAMP_MASK;
  if (!clock->started)
    {
      clock->started = TRUE;
      clock->last = stamp;
      clock->ext = stamp;
      return clock->ext * G_USEC_PER_SEC / (1 << FRACTION_BITS);
    }
  /* The step as a signed 24-bit number: half the wrap either way. */
  step = (gint32) (((stamp - clock->last) & STAMP_MASK) << (32 - STAMP_BITS)) >> (32 - STAMP_BITS);
  ext = clock->ext + step;
  if (step > 0)
    {
      clock->last = stamp;
      clock->ext = ext;
    }
  return ext * G_USEC_PER_SEC / (1 << FRACTION_BITS);
}

static void
stamp_buffer (GstBuffer *buffer,
              guint      id,
              guint32    stamp)
{
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  guint8 data[3] = { stamp >> 16, stamp >> 8, stamp };

  if (!gst_rtp_buffer_map (buffer, GST_MAP_READWRITE, &rtp))
    return;
  /* A packet with a two-byte extension header already goes unstamped. */
  gst_rtp_buffer_add_extension_onebyte_header (&rtp, (guint8) id, data, sizeof data);
  gst_rtp_buffer_unmap (&rtp);
}

static GstPadProbeReturn
on_packets (GstPad          *pad,
            GstPadProbeInfo *info,
            gpointer         user_data)
{
  guint id = (guint) g_atomic_int_get ((gint *) user_data);
  guint32 stamp;

  if (id < 1 || id > 14)
    return GST_PAD_PROBE_OK;
  stamp = _fd_call_send_time_stamp_of (g_get_monotonic_time ());
  if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST)
    {
      GstBufferList *list = gst_buffer_list_make_writable (GST_PAD_PROBE_INFO_BUFFER_LIST (info));

      for (guint i = 0; i < gst_buffer_list_length (list); i++)
        stamp_buffer (gst_buffer_list_get_writable (list, i), id, stamp);
      GST_PAD_PROBE_INFO_DATA (info) = list;
    }
  else if (GST_PAD_PROBE_INFO_BUFFER (info) != NULL)
    {
      GstBuffer *buffer = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));

      stamp_buffer (buffer, id, stamp);
      GST_PAD_PROBE_INFO_DATA (info) = buffer;
    }
  return GST_PAD_PROBE_OK;
}

void
_fd_call_send_time_stamp_pad (GstPad *pad,
                              gint   *id)
{
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST, on_packets, id,
                     NULL);
}
