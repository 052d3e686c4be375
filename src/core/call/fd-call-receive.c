/* fd-call-receive.c: what comes from the peer, decoded and counted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   webrtcbin ! queue ! rtpvp8depay ! vp8dec [! tee (hooks' branches)] ! tail (BGRA appsink or fakesink)
 *   webrtcbin ! queue ! rtpopusdepay ! opusdec ! audioconvert ! audioresample ! 48 kHz mono
 *             [! webrtcechoprobe] ! sink
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include "fd-call-devices.h"
#include "fd-call-engine-private.h"

#define FREEZE_US (200 * G_TIME_SPAN_MILLISECOND)

/* ---- receive ----------------------------------------------------------- */

static GstPadProbeReturn
on_remote_frame (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         user_data)
{
  FdCallEngine *self = user_data;
  gboolean first = FALSE;

  if (info->type & GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM)
    {
      GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

      if (GST_EVENT_TYPE (event) == GST_EVENT_CAPS)
        {
          GstCaps *caps;
          int w = -1, h = -1;

          gst_event_parse_caps (event, &caps);
          gst_structure_get_int (gst_caps_get_structure (caps, 0), "width", &w);
          gst_structure_get_int (gst_caps_get_structure (caps, 0), "height", &h);
          g_mutex_lock (&self->lock);
          self->recv_width = w;
          self->recv_height = h;
          g_mutex_unlock (&self->lock);
        }
      return GST_PAD_PROBE_OK;
    }

  {
    gint64 now = g_get_monotonic_time ();

    g_mutex_lock (&self->lock);
    if (self->last_frame_us > 0)
      {
        gint64 gap = now - self->last_frame_us;

        if (gap > self->longest_gap_us)
          self->longest_gap_us = gap;
        if (gap > FREEZE_US)
          self->freezes++;
      }
    first = self->frames_in == 0;
    self->frames_in++;
    self->last_frame_us = now;
    g_mutex_unlock (&self->lock);
  }
  if (first)
    _fd_call_engine_first_frame (self);
  return GST_PAD_PROBE_OK;
}

/* dec ! tee ! queue (leaky) ! the hooks' branch: whatever they read from the
 * decoded frames never holds up the picture. Returns the tee, or NULL
 * (with *error set when a branch failed, unset when there is none). */
static GstElement *
make_hook_branches (FdCallEngine  *self,
                    GstBin        *bin,
                    GError       **error)
{
  GstElement *tee = NULL;

  for (guint i = 0; i < self->hooks->len; i++)
    {
      FdCallHookEntry *entry = _FD_CALL_HOOK (self, i);
      GstElement *queue, *first;

      if (entry->hooks.received_branch == NULL)
        continue;
      if ((tee == NULL && (tee = _fd_call_make (bin, "tee", error)) == NULL) ||
          (queue = _fd_call_make (bin, "queue", error)) == NULL ||
          (first = entry->hooks.received_branch (bin, entry->data, error)) == NULL)
        return NULL;
      gst_util_set_object_arg (G_OBJECT (queue), "leaky", "downstream");
      g_object_set (queue, "max-size-buffers", 1, "max-size-bytes", 0,
                    "max-size-time", (guint64) 0, NULL);
      if (!gst_element_link_many (tee, queue, first, NULL))
        {
          g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                               "Could not link a branch of the received video");
          return NULL;
        }
    }
  return tee;
}

/* A receive branch is built complete in a bin of its own and only then put
 * into the running pipeline and started, in one step. pad-added runs on
 * several streaming threads at once: elements set up one by one inside the
 * pipeline could be started by another thread half configured (an appsink
 * still "async" makes the whole pipeline lose PLAYING, and with it every
 * live source: a call that connects and never shows a frame). */
static gboolean
attach_branch (GstBin      *pipeline,
               GstElement  *branch, /* (transfer full) */
               GstElement  *first,
               GstPad      *pad,
               GError     **error)
{
  g_autoptr(GstPad) first_pad = gst_element_get_static_pad (first, "sink");
  GstPad *ghost = gst_ghost_pad_new ("sink", first_pad);

  /* A sink that prerolls (the sound card) settles inside the branch and
   * never takes the running pipeline back to PAUSED. */
  g_object_set (branch, "async-handling", TRUE, NULL);
  gst_element_add_pad (branch, ghost);
  /* The pipeline takes the branch over (our reference goes with it). */
  if (!gst_bin_add (pipeline, branch))
    {
      gst_object_unref (branch);
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                           "Could not add a receiver to the pipeline");
      return FALSE;
    }
  gst_object_unref (branch);
  if (!gst_element_sync_state_with_parent (branch) ||
      gst_pad_link (pad, ghost) != GST_PAD_LINK_OK)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                           "Could not start a receiver");
      return FALSE;
    }
  return TRUE;
}

static gboolean
link_video_receiver (FdCallEngine *self,
                     GstBin       *pipeline,
                     GstPad       *pad,
                     GError      **error)
{
  g_autoptr(GstElement) branch = gst_object_ref_sink (gst_bin_new ("receive-video"));
  GstBin *bin = GST_BIN (branch);
  GstElement *queue, *depay, *dec, *reader = NULL, *tail, *sink = NULL;
  g_autoptr(GstPad) sink_pad = NULL;

  if ((queue = _fd_call_make (bin, "queue", error)) == NULL ||
      (depay = _fd_call_make (bin, "rtpvp8depay", error)) == NULL ||
      (dec = _fd_call_make (bin, "vp8dec", error)) == NULL)
    return FALSE;
  /* After a loss NACK could not repair, decode on (a briefly damaged
   * picture) rather than freeze until the next key frame; ask for one. */
  g_object_set (depay, "request-keyframe", TRUE, "wait-for-keyframe", FALSE, NULL);
  _fd_call_keyframe_watch (depay);
  g_object_set (dec, "threads", 1, NULL);
  if ((reader = make_hook_branches (self, bin, error)) == NULL && error != NULL && *error != NULL)
    return FALSE;
  if ((tail = _fd_call_make_video_tail (self, bin, FD_CALL_STREAM_REMOTE, &sink, error)) == NULL)
    return FALSE;
  if (!gst_element_link_many (queue, depay, dec, NULL) ||
      (reader != NULL && !gst_element_link_many (dec, reader, tail, NULL)) ||
      (reader == NULL && !gst_element_link (dec, tail)))
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                           "Could not link the video receiver");
      return FALSE;
    }
  /* Frames are counted where they are shown: at the sink. */
  sink_pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (sink_pad, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     on_remote_frame, self, NULL);
  return attach_branch (pipeline, g_steal_pointer (&branch), queue, pad, error);
}

/* The peer's sound as it reaches the speaker: to the hooks that want it. */
static GstPadProbeReturn
on_played_audio (GstPad          *pad,
                 GstPadProbeInfo *info,
                 gpointer         user_data)
{
  FdCallEngine *self = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime running = GST_CLOCK_TIME_NONE;
  g_autoptr(GstEvent) segment_event = gst_pad_get_sticky_event (pad, GST_EVENT_SEGMENT, 0);
  GstMapInfo map;

  if (segment_event != NULL && GST_BUFFER_PTS_IS_VALID (buffer))
    {
      const GstSegment *segment;

      gst_event_parse_segment (segment_event, &segment);
      running = gst_segment_to_running_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer));
    }
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_PAD_PROBE_OK;
  for (guint i = 0; i < self->hooks->len; i++)
    if (_FD_CALL_HOOK (self, i)->hooks.played_audio != NULL)
      _FD_CALL_HOOK (self, i)->hooks.played_audio ((const gint16 *) map.data, map.size / 2, running,
                                                   _FD_CALL_HOOK (self, i)->data);
  gst_buffer_unmap (buffer, &map);
  return GST_PAD_PROBE_OK;
}

/* webrtcbin ! queue ! rtpopusdepay ! opusdec ! audioconvert ! audioresample
 * ! 48 kHz mono [! webrtcechoprobe] ! speaker (or fakesink) */
static gboolean
link_audio_receiver (FdCallEngine *self,
                     GstBin       *pipeline,
                     GstPad       *pad,
                     GError      **error)
{
  g_autoptr(GstElement) branch = gst_object_ref_sink (gst_bin_new ("receive-audio"));
  GstBin *bin = GST_BIN (branch);
  GstElement *queue, *depay, *dec, *convert, *resample, *caps, *probe, *sink = NULL;
  /* Set on the main context before any stream can arrive (link_senders). */
  GstDevice *speaker = self->play_audio ? self->speaker_device : NULL;
  g_autoptr(GstCaps) voice_caps = fd_call_voice_caps ();
  g_autoptr(GstPad) sink_pad = NULL;
  gboolean hooked = FALSE;

  if ((queue = _fd_call_make (bin, "queue", error)) == NULL ||
      (depay = _fd_call_make (bin, "rtpopusdepay", error)) == NULL ||
      (dec = _fd_call_make (bin, "opusdec", error)) == NULL ||
      (convert = _fd_call_make (bin, "audioconvert", error)) == NULL ||
      (resample = _fd_call_make (bin, "audioresample", error)) == NULL ||
      (caps = _fd_call_make (bin, "capsfilter", error)) == NULL)
    return FALSE;
  g_object_set (caps, "caps", voice_caps, NULL);
  /* The echo probe made with the sender: for the first audio stream only. */
  g_mutex_lock (&self->lock);
  probe = g_steal_pointer (&self->echo_probe);
  g_mutex_unlock (&self->lock);
  if (probe != NULL)
    {
      gst_bin_add (bin, probe);
      gst_object_unref (probe);
    }
  if (speaker != NULL && (sink = gst_device_create_element (speaker, "sink-speaker")) != NULL)
    gst_bin_add (bin, sink);
  else
    {
      /* No speaker (or it cannot be opened): decode and drop, the call goes on. */
      if (speaker != NULL)
        g_debug ("the speaker cannot be opened: the peer's sound is not played");
      if ((sink = _fd_call_make (bin, "fakesink", error)) == NULL)
        return FALSE;
      g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
    }
  if (!gst_element_link_many (queue, depay, dec, convert, resample, caps, NULL) ||
      (probe != NULL && !gst_element_link_many (caps, probe, sink, NULL)) ||
      (probe == NULL && !gst_element_link (caps, sink)))
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                           "Could not link the audio receiver");
      return FALSE;
    }
  for (guint i = 0; i < self->hooks->len; i++)
    hooked |= _FD_CALL_HOOK (self, i)->hooks.played_audio != NULL;
  if (hooked)
    {
      sink_pad = gst_element_get_static_pad (sink, "sink");
      gst_pad_add_probe (sink_pad, GST_PAD_PROBE_TYPE_BUFFER, on_played_audio, self, NULL);
    }
  return attach_branch (pipeline, g_steal_pointer (&branch), queue, pad, error);
}

typedef struct {
  FdCallEngine *self;
  char         *message;
} PadError;

static gboolean
pad_error_main (gpointer data)
{
  PadError *e = data;

  _fd_call_engine_fail (e->self, g_error_new_literal (FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                                                     e->message));
  return G_SOURCE_REMOVE;
}

static void
pad_error_free (gpointer data)
{
  PadError *e = data;

  g_free (e->message);
  g_free (e);
}

void
_fd_call_engine_on_pad_added (GstElement   *webrtc,
                             GstPad       *pad,
                             FdCallEngine *self)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GError) error = NULL;
  const GstStructure *s;
  const char *media, *encoding;
  gboolean ok = TRUE;

  g_autoptr(GstObject) parent = NULL;
  GstBin *bin;

  if (GST_PAD_DIRECTION (pad) != GST_PAD_SRC)
    return;
  /* Streaming thread: the engine may already have handed the pipeline to
   * its stopper (self->pipeline NULL); use webrtcbin's own parent. */
  parent = gst_object_get_parent (GST_OBJECT (webrtc));
  if (parent == NULL || !GST_IS_BIN (parent))
    return;
  bin = GST_BIN (parent);
  caps = gst_pad_get_current_caps (pad);
  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  s = gst_caps_get_structure (caps, 0);
  media = gst_structure_get_string (s, "media");
  encoding = gst_structure_get_string (s, "encoding-name");

  if (g_strcmp0 (media, "video") == 0 && g_ascii_strcasecmp (encoding ? encoding : "", "VP8") == 0)
    ok = link_video_receiver (self, bin, pad, &error);
  else if (g_strcmp0 (media, "audio") == 0 &&
           g_ascii_strcasecmp (encoding ? encoding : "", "OPUS") == 0)
    ok = link_audio_receiver (self, bin, pad, &error);
  else
    {
      /* Unknown stream: swallow it so it cannot stall the pipeline. */
      GstElement *fake = _fd_call_make (NULL, "fakesink", NULL);
      g_autoptr(GstPad) fake_pad = NULL;

      if (fake == NULL)
        return;
      /* Not async before it joins the running pipeline: an async sink there
       * takes the pipeline out of PLAYING for a moment. */
      g_object_set (fake, "sync", FALSE, "async", FALSE, NULL);
      gst_bin_add (bin, fake);
      gst_element_sync_state_with_parent (fake);
      fake_pad = gst_element_get_static_pad (fake, "sink");
      gst_pad_link (pad, fake_pad);
    }
  if (!ok)
    {
      PadError *e = g_new0 (PadError, 1);

      e->self = self;
      e->message = g_strdup (error ? error->message : "Could not link a received stream");
      _fd_call_engine_invoke (self, pad_error_main, e, pad_error_free);
    }
}
