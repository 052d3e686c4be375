/* fd-call-keyframe.c: the receiver's key-frame requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rtpvp8depay asks for a key frame after every frame it could not complete:
 * a GstForceKeyUnit upstream event, with all-headers set and count 0. Two
 * things made such a request go unanswered, and a call whose key frame of a
 * size change was lost then decoded the new stream's delta frames on the old
 * size for good (no decoder error, so nobody asked again):
 *   - with all-headers, rtpsession 1.22 sends a FIR, whose sequence number
 *     it changes only when the request's count changes: every FIR of a call
 *     carried the same number, and WebRTC answers a FIR number once (RFC
 *     5104, 4.3.1.1: a repeat is the same request). Cleared here, the
 *     request leaves as a PLI, which has no number;
 *   - a sender drops requests that come soon after the last one it served
 *     (Chromium: 300 ms), and a request or its key frame can be lost on the
 *     way. So a request stays open until a key frame comes out of the
 *     depayloader, and is made again every RETRY_US while it is open, as
 *     the packets that keep arriving show the stream goes on.
 * While a request is open, the depayloader's own requests for the next
 * frames it cannot complete are dropped here: one key frame answers them
 * all. Under a 1 Mbit/s cap a lost burst had it ask after every frame, 13
 * PLIs in one second, and the sender encoded a key frame (three average
 * frames) for each. A request is made at most once per RETRY_US (200 ms,
 * the interval at which Chromium's receiver asks again).
 * Both probes run on the depayloader's streaming thread (its requests are
 * made while it handles a packet), so the state needs no lock.
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <gst/video/video.h>

#include "fd-call-engine-private.h"
#include "fd-call-keyframe.h"

#define RETRY_US (200 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  GstPad  *sink;          /* the depayloader's (not a reference: it owns us) */
  gint64   open_since;    /* 0: no request open */
  gint64   last_request;
  guint    retries;
  guint    dropped;       /* requests made while one was open */
} KeyRequests;

/* Upstream through the depayloader's sink pad: its requests, and ours. */
static GstPadProbeReturn
on_request (GstPad          *pad,
            GstPadProbeInfo *info,
            gpointer         user_data)
{
  KeyRequests *k = user_data;
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
  gboolean all_headers = FALSE;
  gint64 now;

  if (!gst_video_event_is_force_key_unit (event))
    return GST_PAD_PROBE_OK;
  now = g_get_monotonic_time ();
  if (k->open_since == 0)
    k->open_since = now;
  else if (now - k->last_request < RETRY_US)
    {
      k->dropped++;
      return GST_PAD_PROBE_DROP;   /* the open request answers this one too */
    }
  k->last_request = now;
  if (gst_structure_get_boolean (gst_event_get_structure (event), "all-headers", &all_headers) && all_headers)
    {
      event = gst_event_make_writable (event);
      gst_structure_set (gst_event_writable_structure (event), "all-headers", G_TYPE_BOOLEAN, FALSE, NULL);
      GST_PAD_PROBE_INFO_DATA (info) = event;
    }
  return GST_PAD_PROBE_OK;
}

/* Each packet into the depayloader: while a request is open, ask again
 * every RETRY_US. */
static GstPadProbeReturn
on_packet (GstPad          *pad,
           GstPadProbeInfo *info,
           gpointer         user_data)
{
  KeyRequests *k = user_data;
  gint64 now;

  if (k->open_since == 0)
    return GST_PAD_PROBE_OK;
  now = g_get_monotonic_time ();
  if (now - k->last_request < RETRY_US)
    return GST_PAD_PROBE_OK;
  k->retries++;
  g_debug ("no key frame %.0f ms after the request: asking again (%u)",
           (now - k->open_since) / 1000.0, k->retries);
  /* Recorded by on_request on its way up. */
  gst_pad_push_event (k->sink, gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, FALSE, 0));
  return GST_PAD_PROBE_OK;
}

/* Each frame out of the depayloader: a key frame closes the request. */
static GstPadProbeReturn
on_frame (GstPad          *pad,
          GstPadProbeInfo *info,
          gpointer         user_data)
{
  KeyRequests *k = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  if (buffer != NULL && !GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT) && k->open_since != 0)
    {
      g_debug ("key frame %.0f ms after the request (%u more requests held back)",
               (g_get_monotonic_time () - k->open_since) / 1000.0, k->dropped);
      k->open_since = 0;
      k->dropped = 0;
    }
  return GST_PAD_PROBE_OK;
}

/* On a depayloader of video, before it is linked. */
void
_fd_call_keyframe_watch (GstElement *depay)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (depay, "sink");
  g_autoptr(GstPad) src = gst_element_get_static_pad (depay, "src");
  KeyRequests *k = g_new0 (KeyRequests, 1);

  k->sink = sink;
  /* Freed with the element, after its pads and their probes. */
  g_object_set_data_full (G_OBJECT (depay), "fd-key-requests", k, g_free);
  gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM, on_request, k, NULL);
  gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST, on_packet, k, NULL);
  gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, on_frame, k, NULL);
}
