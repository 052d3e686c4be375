/* fd-call-remb.c: the receiver's estimate out in REMB, and the peer's in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * REMB (draft-alvestrand-rmcat-remb): an RTCP payload-specific feedback
 * packet (PSFB, application layer) that carries a receiver's estimate of the
 * rate it can receive. Ours is added to the RTCP packets rtpsession sends
 * (fd-call-bwe.c asks for early ones); the peer's, ours or a browser's, caps
 * our send rate (fd-call-rate.c).
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gst/rtp/rtp.h>

#include "fd-call-bwe-private.h"

#define REMOTE_FRESH_US (4 * G_TIME_SPAN_SECOND)
#define FALL 0.95          /* a REMB this far below the last: tell at once */

static guint32
first_ssrc (GstRTCPBuffer *rtcp)
{
  GstRTCPPacket packet;

  if (!gst_rtcp_buffer_get_first_packet (rtcp, &packet))
    return 0;
  switch (gst_rtcp_packet_get_type (&packet))
    {
    case GST_RTCP_TYPE_SR:
      {
        guint32 ssrc = 0;

        gst_rtcp_packet_sr_get_sender_info (&packet, &ssrc, NULL, NULL, NULL, NULL);
        return ssrc;
      }
    case GST_RTCP_TYPE_RR:
      return gst_rtcp_packet_rr_get_ssrc (&packet);
    case GST_RTCP_TYPE_SDES:
      return gst_rtcp_packet_sdes_get_ssrc (&packet);
    default:
      return 0;
    }
}

/* Adds our estimate to an RTCP packet, at most every 50 ms. */
gboolean
_fd_call_bwe_add_remb (FdCallBwe *self,
                       GstBuffer *buffer)
{
  GstRTCPBuffer rtcp = GST_RTCP_BUFFER_INIT;
  GstRTCPPacket packet;
  gint64 now = g_get_monotonic_time ();
  guint64 mantissa;
  guint exponent = 0;
  guint32 media;
  gboolean added = FALSE;

  if (!gst_buffer_is_writable (buffer))
    return FALSE;
  g_mutex_lock (&self->lock);
  if (self->estimate <= 0 || now - self->last_sent < 50 * G_TIME_SPAN_MILLISECOND)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  mantissa = (guint64) self->estimate;
  media = self->ssrc;
  g_mutex_unlock (&self->lock);

  while (mantissa >= (1 << 18))
    {
      mantissa >>= 1;
      exponent++;
    }
  if (!gst_rtcp_buffer_map (buffer, GST_MAP_READWRITE, &rtcp))
    return FALSE;
  if (gst_rtcp_buffer_add_packet (&rtcp, GST_RTCP_TYPE_PSFB, &packet))
    {
      gst_rtcp_packet_fb_set_type (&packet, GST_RTCP_PSFB_TYPE_AFB);
      gst_rtcp_packet_fb_set_sender_ssrc (&packet, first_ssrc (&rtcp));
      gst_rtcp_packet_fb_set_media_ssrc (&packet, 0);
      if (gst_rtcp_packet_fb_set_fci_length (&packet, 3))
        {
          guint8 *fci = gst_rtcp_packet_fb_get_fci (&packet);

          memcpy (fci, "REMB", 4);
          fci[4] = 1;   /* one SSRC */
          fci[5] = (guint8) ((exponent << 2) | ((mantissa >> 16) & 0x3));
          fci[6] = (guint8) (mantissa >> 8);
          fci[7] = (guint8) mantissa;
          GST_WRITE_UINT32_BE (fci + 8, media);
          added = TRUE;
        }
      else
        gst_rtcp_packet_remove (&packet);
    }
  gst_rtcp_buffer_unmap (&rtcp);
  if (added)
    {
      g_mutex_lock (&self->lock);
      self->last_sent = now;
      self->sent++;
      g_mutex_unlock (&self->lock);
    }
  return added;
}

/* On rtpsession's RTCP thread, before it sends a compound packet. */
gboolean
_fd_call_remb_on_sending_rtcp (GObject   *session,
                               GstBuffer *buffer,
                               gboolean   early,
                               gpointer   user_data)
{
  return _fd_call_bwe_add_remb (user_data, buffer);
}

/* A REMB from the receiver of our video (our engine or a browser); the
 * FCI is from the network: its length is checked before it is read. */
void
_fd_call_bwe_take_feedback (FdCallBwe *self,
                            guint      type,
                            guint      fbtype,
                            GstBuffer *fci)
{
  guint8 head[8];
  double bps;
  gboolean fell;

  if (type != GST_RTCP_TYPE_PSFB || fbtype != GST_RTCP_PSFB_TYPE_AFB || fci == NULL ||
      gst_buffer_extract (fci, 0, head, sizeof head) != sizeof head || memcmp (head, "REMB", 4) != 0)
    return;
  bps = ldexp ((double) (((head[5] & 0x3) << 16) | (head[6] << 8) | head[7]), head[5] >> 2);
  g_mutex_lock (&self->lock);
  fell = self->remote_count > 0 && bps < FALL * self->remote_bps;
  self->remote_bps = bps;
  self->remote_us = g_get_monotonic_time ();
  if (self->remote_count++ == 0)
    g_debug ("first REMB from the receiver: %.0f kbit/s", bps / 1000);
  g_mutex_unlock (&self->lock);
  if (fell && self->fall_func != NULL)
    self->fall_func (self->fall_data, NULL);
}

void
_fd_call_bwe_on_fall (FdCallBwe     *self,
                      GFunc          func,
                      gpointer       data,
                      GDestroyNotify destroy)
{
  g_return_if_fail (self->fall_func == NULL);
  self->fall_func = func;
  self->fall_data = data;
  self->fall_destroy = destroy;
}

void
_fd_call_remb_on_feedback_rtcp (GObject   *session,
                                guint      type,
                                guint      fbtype,
                                guint      sender_ssrc,
                                guint      media_ssrc,
                                GstBuffer *fci,
                                gpointer   user_data)
{
  _fd_call_bwe_take_feedback (user_data, type, fbtype, fci);
}


/* The newest estimate the receiver of our video sent, if fresh; 0 if none.
 * @last (may be NULL): that newest estimate however old, 0 if none came. */
double
_fd_call_bwe_remote_estimate (FdCallBwe *self,
                              double    *last)
{
  double bps = 0;

  if (last != NULL)
    *last = 0;
  if (self == NULL)
    return 0;
  g_mutex_lock (&self->lock);
  if (self->remote_count > 0)
    {
      if (last != NULL)
        *last = self->remote_bps;
      if (g_get_monotonic_time () - self->remote_us < REMOTE_FRESH_US)
        bps = self->remote_bps;
    }
  g_mutex_unlock (&self->lock);
  return bps;
}

