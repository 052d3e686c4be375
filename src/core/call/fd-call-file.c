/* fd-call-file.c: a video file as the call's picture, played in a loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests and benchmarks (video-source FILE): filesrc ! decodebin ! queue
 * ! videoconvert in a bin; at the end of the file a new bin replaces the
 * old one, shifted to the pipeline's running time.
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include "fd-call-engine-private.h"

static GstPadProbeReturn on_file_event (GstPad *pad, GstPadProbeInfo *info, gpointer user_data);

static void
on_decoded_pad (GstElement *decodebin,
                GstPad     *pad,
                GstElement *convert)
{
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr(GstPad) sink = gst_element_get_static_pad (convert, "sink");

  /* The first video stream; audio and others stay unlinked. */
  if (caps != NULL && g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps, 0)),
                                        "video/") && !gst_pad_is_linked (sink))
    gst_pad_link (pad, sink);
}

/* filesrc ! decodebin ! queue ! videoconvert, with a ghost "src" pad.
 * (gst_parse_bin_from_description would ghost the queue's sink pad, still
 * unlinked until decodebin has its pads, and the file would never link.) */
GstElement *
_fd_call_make_file_bin (FdCallEngine  *self,
                        GError       **error)
{
  GstElement *bin = gst_bin_new (NULL);
  GstElement *file, *decode, *queue, *convert;
  g_autoptr(GstPad) src_pad = NULL;
  GstPad *ghost;

  if ((file = _fd_call_make (GST_BIN (bin), "filesrc", error)) == NULL ||
      (decode = _fd_call_make (GST_BIN (bin), "decodebin", error)) == NULL ||
      (queue = _fd_call_make (GST_BIN (bin), "queue", error)) == NULL ||
      (convert = _fd_call_make (GST_BIN (bin), "videoconvert", error)) == NULL ||
      !gst_element_link (file, decode) || !gst_element_link (queue, convert))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                             "Cannot play video files");
      gst_object_unref (gst_object_ref_sink (bin));
      return NULL;
    }
  g_object_set (file, "location", self->video_file, NULL);
  g_signal_connect_object (decode, "pad-added", G_CALLBACK (on_decoded_pad), queue, 0);
  src_pad = gst_element_get_static_pad (convert, "src");
  ghost = gst_ghost_pad_new ("src", src_pad);
  gst_element_add_pad (bin, ghost);
  gst_pad_add_probe (ghost, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_file_event, self, NULL);
  return bin;
}

static gboolean
restart_file (gpointer data)
{
  FdCallEngine *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstPad) src_pad = NULL;
  g_autoptr(GstClock) clock = NULL;
  GstElement *old = self->file_bin, *fresh;

  if (!_fd_call_engine_is_live (self) || old == NULL)
    return G_SOURCE_REMOVE;
  gst_element_unlink (old, self->file_sync);
  gst_element_set_state (old, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (self->pipeline), old);
  self->file_bin = NULL;

  if ((fresh = _fd_call_make_file_bin (self, &error)) == NULL)
    {
      _fd_call_engine_fail (self, g_steal_pointer (&error));
      return G_SOURCE_REMOVE;
    }
  gst_bin_add (GST_BIN (self->pipeline), fresh);
  /* The new file starts at 0: shift it to the pipeline's running time now. */
  clock = gst_element_get_clock (self->pipeline);
  src_pad = gst_element_get_static_pad (fresh, "src");
  if (clock != NULL)
    gst_pad_set_offset (src_pad, (gint64) (gst_clock_get_time (clock) -
                                           gst_element_get_base_time (self->pipeline)));
  if (!gst_element_link (fresh, self->file_sync))
    {
      _fd_call_engine_fail (self, g_error_new_literal (FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                                                       "Could not loop the video file"));
      return G_SOURCE_REMOVE;
    }
  self->file_bin = fresh;
  gst_element_sync_state_with_parent (fresh);
  return G_SOURCE_REMOVE;
}

static GstPadProbeReturn
on_file_event (GstPad          *pad,
               GstPadProbeInfo *info,
               gpointer         user_data)
{
  FdCallEngine *self = user_data;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) != GST_EVENT_EOS)
    return GST_PAD_PROBE_OK;
  /* The end of the file is not the end of the call: play it again. */
  _fd_call_engine_invoke (self, restart_file, self, NULL);
  return GST_PAD_PROBE_DROP;
}
