/* fd-call-engine-media.c: sources, encoders, receive chains and frames
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Send video:  source ! convert/scale/rate ! I420 WxH@F [! textoverlay] (+ sent-frame hooks)
 *              ! tee ! queue ! videoscale ! capsfilter (size ladder) ! vp8enc ! rtpvp8pay ! webrtcbin
 *                  tee ! queue ! videoscale ! videoconvert ! BGRA appsink (self-view, at most
 *                  FD_CALL_SELF_VIEW_WIDTH wide)
 * Send audio:  source ! audioconvert ! audioresample ! 48 kHz mono [! webrtcdsp] ! volume ! opusenc
 *              ! rtpopuspay ! webrtcbin
 * (Receive chains: fd-call-receive.c.)
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <gst/app/gstappsink.h>
#include <gst/sdp/sdp.h>
#include <gst/video/video.h>
#include <string.h>

#include "fd-call-devices.h"
#include "fd-call-engine-private.h"
#include "fd-call-send-time.h"

/* ---- helpers ----------------------------------------------------------- */

/* Every element the engine makes is made here (or by a device), from a name
 * in the element table (fd-call-elements.c), which knows its package. */
GstElement *
_fd_call_make (GstBin      *bin,
               const char  *factory,
               GError     **error)
{
  const FdCallElement *entry = fd_call_elements_lookup (factory);
  GstElement *element;

  if (entry == NULL)
    {
      g_critical ("“%s” is not in the element table (fd-call-elements.c)", factory);
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                   "The GStreamer element “%s” is not known to Frontdesk", factory);
      return NULL;
    }
  element = gst_element_factory_make (factory, NULL);
  if (element == NULL)
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_MISSING_ELEMENT,
                   "GStreamer elements missing on this computer: %s (%s). "
                   "Install: apt-get install %s", factory, entry->package, entry->package);
      return NULL;
    }
  if (bin != NULL)
    gst_bin_add (bin, element);
  return element;
}


/* Adds and links a chain of factories; returns the last element or NULL. */
static gboolean
link_chain (GstElement **elements,
            guint        n,
            GError     **error)
{
  for (guint i = 0; i + 1 < n; i++)
    if (!gst_element_link (elements[i], elements[i + 1]))
      {
        g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                     "Could not link %s to %s", GST_ELEMENT_NAME (elements[i]),
                     GST_ELEMENT_NAME (elements[i + 1]));
        return FALSE;
      }
  return TRUE;
}

/* ---- frames ------------------------------------------------------------ */

static GstFlowReturn
on_new_sample (GstAppSink *sink,
               gpointer    user_data)
{
  FdCallEngine *self = user_data;
  FdCallStream stream = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sink), "fd-stream"));
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  FdCallFrame *frame;

  if (sample == NULL)
    return GST_FLOW_EOS;
  frame = _fd_call_frame_new_from_sample (sample);
  if (frame != NULL)
    _fd_call_engine_deliver_frame (self, stream, frame);
  return GST_FLOW_OK;
}

/* The tail of a video chain: BGRA frames to the app, or nothing (headless). */
GstElement *
_fd_call_make_video_tail (FdCallEngine  *self,
                          GstBin        *bin,
                          FdCallStream   stream,
                          GstElement   **sink_out,
                          GError       **error)
{
  GstElement *queue, *scale = NULL, *convert, *sink;
  g_autoptr(GstCaps) caps = NULL;
  GstAppSinkCallbacks callbacks = { .new_sample = on_new_sample };

  if (!self->deliver_frames)
    {
      if ((sink = _fd_call_make (bin, "fakesink", error)) == NULL)
        return NULL;
      g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
      *sink_out = sink;
      return sink;
    }
  if ((queue = _fd_call_make (bin, "queue", error)) == NULL ||
      (stream == FD_CALL_STREAM_SELF && (scale = _fd_call_make (bin, "videoscale", error)) == NULL) ||
      (convert = _fd_call_make (bin, "videoconvert", error)) == NULL ||
      (sink = _fd_call_make (bin, "appsink", error)) == NULL)
    return NULL;
  /* Never queue old frames: the newest wins. */
  gst_util_set_object_arg (G_OBJECT (queue), "leaky", "downstream");
  g_object_set (queue, "max-size-buffers", 1, "max-size-bytes", 0,
                "max-size-time", (guint64) 0, NULL);
  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "BGRA", NULL);
  /* The self view is a thumbnail (at most FD_CALL_SELF_VIEW_WIDTH wide on
   * screen): scaled here, in I420 before the conversion, it costs a quarter
   * of a 640x480 frame to convert and to draw, and a ninth of a 720p one. */
  if (scale != NULL)
    gst_caps_set_simple (caps, "width", GST_TYPE_INT_RANGE, 1, FD_CALL_SELF_VIEW_WIDTH,
                         "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1, NULL);
  g_object_set (sink, "caps", caps, "max-buffers", 1, "drop", TRUE, "sync", FALSE,
                "async", FALSE, "emit-signals", FALSE, NULL);
  g_object_set_data (G_OBJECT (sink), "fd-stream", GINT_TO_POINTER (stream));
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);
  if (scale != NULL ? !gst_element_link_many (queue, scale, convert, sink, NULL)
                    : !gst_element_link_many (queue, convert, sink, NULL))
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                           "Could not link the video output");
      return NULL;
    }
  *sink_out = sink;
  return queue;
}

/* ---- send video -------------------------------------------------------- */

static GstPadProbeReturn
on_raw_frame (GstPad          *pad,
              GstPadProbeInfo *info,
              gpointer         user_data)
{
  FdCallEngine *self = user_data;
  gboolean black;
  GstBuffer *buffer;
  g_autoptr(GstCaps) caps = NULL;
  GstVideoInfo vinfo;
  GstVideoFrame frame;

  g_mutex_lock (&self->lock);
  black = self->camera_black;
  g_mutex_unlock (&self->lock);
  gboolean hooked = FALSE;

  for (guint i = 0; i < self->hooks->len && !hooked; i++)
    hooked = _FD_CALL_HOOK (self, i)->hooks.sent_frame != NULL;
  if (!black && !hooked)
    return GST_PAD_PROBE_OK;

  buffer = gst_buffer_make_writable (GST_PAD_PROBE_INFO_BUFFER (info));
  GST_PAD_PROBE_INFO_DATA (info) = buffer;
  caps = gst_pad_get_current_caps (pad);
  if (caps == NULL || !gst_video_info_from_caps (&vinfo, caps) ||
      !gst_video_frame_map (&frame, &vinfo, buffer, GST_MAP_WRITE))
    return GST_PAD_PROBE_OK;
  if (black)
    {
      /* I420 black: Y 16, U and V 128. */
      for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES (&frame); p++)
        memset (GST_VIDEO_FRAME_PLANE_DATA (&frame, p), p == 0 ? 16 : 128,
                (gsize) GST_VIDEO_FRAME_PLANE_STRIDE (&frame, p) *
                GST_VIDEO_FRAME_COMP_HEIGHT (&frame, p));
    }
  for (guint i = 0; i < self->hooks->len; i++)
    if (_FD_CALL_HOOK (self, i)->hooks.sent_frame != NULL)
      _FD_CALL_HOOK (self, i)->hooks.sent_frame (&frame, _FD_CALL_HOOK (self, i)->data);
  gst_video_frame_unmap (&frame);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
on_encoded_frame (GstPad          *pad,
                  GstPadProbeInfo *info,
                  gpointer         user_data)
{
  FdCallEngine *self = user_data;

  g_mutex_lock (&self->lock);
  self->frames_out++;
  g_mutex_unlock (&self->lock);
  return GST_PAD_PROBE_OK;
}

static GstElement *
make_video_source (FdCallEngine  *self,
                   GstBin        *bin,
                   gboolean      *show_notice,
                   GstDevice    **camera_out,
                   GError       **error)
{
  FdCallVideoSource kind = self->video_source;
  g_autoptr(GstDevice) device = self->camera_device ? g_object_ref (self->camera_device) : NULL;
  GstElement *src;

  *show_notice = FALSE;
  if ((kind == FD_CALL_VIDEO_AUTO || kind == FD_CALL_VIDEO_CAMERA) && device == NULL)
    {
      g_autoptr(GPtrArray) cameras = fd_call_list_devices (FD_CALL_DEVICE_CAMERA);

      if (cameras->len > 0)
        device = g_object_ref (g_ptr_array_index (cameras, 0));
    }
  if (kind == FD_CALL_VIDEO_CAMERA && device == NULL)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_DEVICE, "No camera was found");
      return NULL;
    }

  if (device != NULL && kind != FD_CALL_VIDEO_TEST && kind != FD_CALL_VIDEO_FILE)
    {
      src = gst_device_create_element (device, "src-camera");
      if (src == NULL)
        {
          g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_DEVICE,
                       "The camera “%s” cannot be opened", gst_device_get_display_name (device));
          return NULL;
        }
      gst_bin_add (bin, src);
      *camera_out = g_steal_pointer (&device);
      return src;
    }
  if (kind == FD_CALL_VIDEO_FILE)
    {
      GstElement *sync;

      if (self->video_file == NULL || !g_file_test (self->video_file, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_DEVICE,
                       "The video file “%s” does not exist",
                       self->video_file ? self->video_file : "");
          return NULL;
        }
      /* file bin ! clocksync: clocksync paces the (non-live) file at real
       * time; at the end a new file bin replaces the old one (looping). */
      if ((src = _fd_call_make_file_bin (self, error)) == NULL ||
          (sync = _fd_call_make (bin, "clocksync", error)) == NULL)
        return NULL;
      gst_bin_add (bin, src);
      if (!gst_element_link (src, sync))
        {
          g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                               "Could not link the video file");
          return NULL;
        }
      self->file_bin = src;
      self->file_sync = sync;
      return sync;
    }

  /* Test pattern: moving bars, so the encoder has real work to do. */
  if ((src = _fd_call_make (bin, "videotestsrc", error)) == NULL)
    return NULL;
  g_object_set (src, "is-live", TRUE, "horizontal-speed", 4, NULL);
  *show_notice = kind != FD_CALL_VIDEO_TEST;
  return src;
}

/* Links a payloader to a new webrtcbin sink pad and marks the pad's
 * transceiver with what it carries ("audio" or "video"): webrtcbin learns
 * the kind only from caps, later than the offer is made. */
static gboolean
link_to_webrtc (FdCallEngine *self,
                GstElement   *payloader,
                const char   *media,
                GError      **error)
{
  GstPad *sink = gst_element_request_pad_simple (self->webrtc, "sink_%u");
  GstPad *src = gst_element_get_static_pad (payloader, "src");
  gboolean ok = sink != NULL && gst_pad_link (src, sink) == GST_PAD_LINK_OK;

  /* One media stream id per kind unless lip sync is asked: a browser keeps
   * the audio and video of one stream in step by delaying the video to the
   * audio's (larger, adaptive) jitter buffer; tens of milliseconds of video
   * delay for a lip sync that a sign-language desk does not need. */
  if (ok && !self->lip_sync)
    g_object_set (sink, "msid", g_str_equal (media, "audio") ? "frontdesk-audio"
                                                           : "frontdesk-video", NULL);
  if (ok)
    {
      g_autoptr(GstWebRTCRTPTransceiver) trans = NULL;

      g_object_get (sink, "transceiver", &trans, NULL);
      if (trans != NULL)
        g_object_set_data (G_OBJECT (trans), "fd-media", (gpointer) g_intern_string (media));
    }
  gst_object_unref (src);
  if (sink != NULL)
    gst_object_unref (sink);
  if (!ok)
    g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                         "Could not link a sender to webrtcbin");
  return ok;
}

static gboolean
link_video_sender (FdCallEngine  *self,
                   GstDevice    **camera_out,
                   GError       **error)
{
  GstBin *bin = GST_BIN (self->pipeline);
  GstElement *src, *convert, *scale, *rate, *caps, *tee, *queue, *scale2, *enc, *pay;
  GstElement *overlay = NULL, *self_tail = NULL, *self_sink = NULL;
  GstElement *chain[12];
  guint n = 0;
  gboolean notice;
  g_autoptr(GstCaps) raw_caps = NULL;
  g_autoptr(GstPad) probe_pad = NULL;
  g_autoptr(GstPad) enc_pad = NULL;
  g_autoptr(GstPad) pay_pad = NULL;

  if ((src = make_video_source (self, bin, &notice, camera_out, error)) == NULL ||
      (convert = _fd_call_make (bin, "videoconvert", error)) == NULL ||
      (scale = _fd_call_make (bin, "videoscale", error)) == NULL ||
      (rate = _fd_call_make (bin, "videorate", error)) == NULL ||
      (caps = _fd_call_make (bin, "capsfilter", error)) == NULL ||
      (tee = _fd_call_make (bin, "tee", error)) == NULL ||
      (queue = _fd_call_make (bin, "queue", error)) == NULL ||
      (scale2 = _fd_call_make (bin, "videoscale", error)) == NULL ||
      (self->send_caps = _fd_call_make (bin, "capsfilter", error)) == NULL ||
      (enc = _fd_call_make (bin, "vp8enc", error)) == NULL ||
      (pay = _fd_call_make (bin, "rtpvp8pay", error)) == NULL)
    return FALSE;

  raw_caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420",
                                  "width", G_TYPE_INT, self->width,
                                  "height", G_TYPE_INT, self->height,
                                  "framerate", GST_TYPE_FRACTION, self->framerate, 1,
                                  "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1, NULL);
  g_object_set (caps, "caps", raw_caps, NULL);
  chain[n++] = src;
  chain[n++] = convert;
  chain[n++] = scale;
  chain[n++] = rate;
  chain[n++] = caps;
  if (notice)
    {
      if ((overlay = _fd_call_make (bin, "textoverlay", error)) == NULL)
        return FALSE;
      g_object_set (overlay, "text", self->no_camera_text ? self->no_camera_text : "",
                    "font-desc", "Sans Bold 28", "shaded-background", TRUE, NULL);
      gst_util_set_object_arg (G_OBJECT (overlay), "valignment", "center");
      gst_util_set_object_arg (G_OBJECT (overlay), "halignment", "center");
      chain[n++] = overlay;
    }
  chain[n++] = tee;
  chain[n++] = queue;
  chain[n++] = scale2;
  chain[n++] = self->send_caps;
  chain[n++] = enc;
  chain[n++] = pay;
  if (!link_chain (chain, n, error))
    return FALSE;

  /* The size ladder sets new caps from the main thread while the encoder's
   * thread may be negotiating the old ones: in the default (immediate) mode
   * the capsfilter then refuses the size videoscale has just picked and the
   * source stops with not-negotiated, ending the call. Delayed mode accepts
   * the previous caps until a buffer of the new size has passed. */
  gst_util_set_object_arg (G_OBJECT (self->send_caps), "caps-change-mode", "delayed");
  /* A short leaky queue: if the encoder falls behind, drop rather than lag. */
  gst_util_set_object_arg (G_OBJECT (queue), "leaky", "downstream");
  g_object_set (queue, "max-size-buffers", 2, "max-size-bytes", 0,
                "max-size-time", (guint64) 0, NULL);
  self->encoder = enc;
  /* threads=1: libvpx worker threads spin and cost 4x the CPU here.
   * dropframe-threshold 0: the encoder never skips frames to meet its rate; the
   * send size goes down instead (fd-call-rate.c, which also sets cpu-used
   * for each size). */
  g_object_set (enc, "deadline", (gint64) 1, "threads", 1,
                "lag-in-frames", 0, "keyframe-max-dist", 3000, "dropframe-threshold", 0, NULL);
  /* A key frame at most 3 average frames: fewer packets to lose at once, and
   * no burst that overflows a small router queue on a capped link. */
  g_object_set (enc, "max-intra-bitrate", 300, NULL);
  /* The rate control of the browser's VP8 wrapper: a 1 s client buffer
   * (libvpx's default, 6 s, let the encoder keep sending over a lowered
   * target for seconds while a router's queue overflowed), overshoot at
   * most 15 %, quantizer up to 56. */
  g_object_set (enc, "buffer-initial-size", 500, "buffer-optimal-size", 600, "buffer-size", 1000,
                "overshoot", 15, "max-quantizer", 56, NULL);
  _fd_call_engine_rate_init (self);
  gst_util_set_object_arg (G_OBJECT (enc), "end-usage", "cbr");
  gst_util_set_object_arg (G_OBJECT (enc), "error-resilient", "default");
  g_object_set (pay, "pt", self->codecs.vp8_pt, "mtu", 1200, NULL);
  gst_util_set_object_arg (G_OBJECT (pay), "picture-id-mode", "15-bit");

  probe_pad = gst_element_get_static_pad (tee, "sink");
  gst_pad_add_probe (probe_pad, GST_PAD_PROBE_TYPE_BUFFER, on_raw_frame, self, NULL);
  enc_pad = gst_element_get_static_pad (enc, "sink");
  gst_pad_add_probe (enc_pad, GST_PAD_PROBE_TYPE_BUFFER, on_encoded_frame, self, NULL);
  pay_pad = gst_element_get_static_pad (pay, "src");
  _fd_call_send_time_stamp_pad (pay_pad, &self->send_time_id);

  if (self->deliver_frames)
    {
      if ((self_tail = _fd_call_make_video_tail (self, bin, FD_CALL_STREAM_SELF, &self_sink, error)) == NULL)
        return FALSE;
      if (!gst_element_link (tee, self_tail))
        {
          g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                               "Could not link the self-view");
          return FALSE;
        }
    }
  return link_to_webrtc (self, pay, "video", error);
}

/* ---- send audio -------------------------------------------------------- */

/* The hooks' sound source (an instrument), else the microphone, else a test
 * tone or silence. */
static GstElement *
make_audio_source (FdCallEngine  *self,
                   GstBin        *bin,
                   GstDevice    **microphone_out,
                   GError       **error)
{
  g_autoptr(GstDevice) device = self->microphone_device ? g_object_ref (self->microphone_device)
                                                        : NULL;
  GstElement *src;

  for (guint i = 0; i < self->hooks->len; i++)
    if (_FD_CALL_HOOK (self, i)->hooks.audio_source != NULL)
      return _FD_CALL_HOOK (self, i)->hooks.audio_source (bin, _FD_CALL_HOOK (self, i)->data, error);
  if (self->audio_source == FD_CALL_AUDIO_AUTO && device == NULL)
    {
      g_autoptr(GPtrArray) mics = fd_call_list_devices (FD_CALL_DEVICE_MICROPHONE);

      if (mics->len > 0)
        device = g_object_ref (g_ptr_array_index (mics, 0));
    }
  if (self->audio_source == FD_CALL_AUDIO_AUTO && device != NULL)
    {
      src = gst_device_create_element (device, "src-microphone");
      if (src == NULL)
        {
          g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_DEVICE,
                       "The microphone “%s” cannot be opened", gst_device_get_display_name (device));
          return NULL;
        }
      gst_bin_add (bin, src);
      *microphone_out = g_steal_pointer (&device);
      return src;
    }
  if ((src = _fd_call_make (bin, "audiotestsrc", error)) == NULL)
    return NULL;
  /* 10 ms blocks, as a microphone gives them (pulsesrc latency-time). */
  g_object_set (src, "is-live", TRUE, "volume", 0.05, "samplesperbuffer", 480, NULL);
  if (self->audio_source != FD_CALL_AUDIO_TEST)
    gst_util_set_object_arg (G_OBJECT (src), "wave", "silence");
  return src;
}

/* Send audio: source ! audioconvert ! audioresample ! 48 kHz mono
 * [! webrtcdsp (echo, noise)] ! volume ! opusenc ! rtpopuspay. The echo
 * probe the DSP listens to is made here, before the DSP starts; the audio
 * receiver puts it in front of the speaker. */
static gboolean
link_audio_sender (FdCallEngine  *self,
                   GstDevice    **microphone_out,
                   GError       **error)
{
  GstBin *bin = GST_BIN (self->pipeline);
  GstElement *src, *convert, *resample, *caps, *dsp = NULL, *enc, *pay;
  GstElement *chain[8];
  guint n = 0;
  g_autoptr(GstCaps) voice_caps = fd_call_voice_caps ();

  if ((src = make_audio_source (self, bin, microphone_out, error)) == NULL ||
      (convert = _fd_call_make (bin, "audioconvert", error)) == NULL ||
      (resample = _fd_call_make (bin, "audioresample", error)) == NULL ||
      (caps = _fd_call_make (bin, "capsfilter", error)) == NULL)
    return FALSE;
  if (self->echo_cancel)
    {
      GstElement *probe = fd_call_voice_make_probe (NULL, error);

      if (probe == NULL)
        return FALSE;
      g_mutex_lock (&self->lock);
      g_clear_object (&self->echo_probe);
      self->echo_probe = gst_object_ref_sink (probe);
      g_mutex_unlock (&self->lock);
      if ((dsp = fd_call_voice_make_dsp (bin, probe, error)) == NULL)
        return FALSE;
    }
  if ((self->volume = _fd_call_make (bin, "volume", error)) == NULL ||
      (enc = _fd_call_make (bin, "opusenc", error)) == NULL ||
      (pay = _fd_call_make (bin, "rtpopuspay", error)) == NULL)
    return FALSE;
  g_object_set (caps, "caps", voice_caps, NULL);
  g_object_set (self->volume, "mute", self->muted, NULL);
  g_object_set (enc, "bitrate", 32000, NULL);
  gst_util_set_object_arg (G_OBJECT (enc), "audio-type", "voice");
  /* 10 ms Opus frames (not 20): audio leaves sooner, and a browser that
   * keeps lip sync then holds our video less (measured in
   * docs/performance.md, bench/call-vs-browser). */
  gst_util_set_object_arg (G_OBJECT (enc), "frame-size", "10");
  g_object_set (pay, "pt", self->codecs.opus_pt, NULL);
  chain[n++] = src;
  chain[n++] = convert;
  chain[n++] = resample;
  chain[n++] = caps;
  if (dsp != NULL)
    chain[n++] = dsp;
  chain[n++] = self->volume;
  chain[n++] = enc;
  chain[n++] = pay;
  if (!link_chain (chain, n, error))
    return FALSE;
  return link_to_webrtc (self, pay, "audio", error);
}

static GstElement *
on_request_aux_sender (GstElement *webrtc,
                       GObject    *transport,
                       gpointer    user_data)
{
  FdCallEngine *self = user_data;

  /* After the retransmission buffer: NACK can repair what it drops. */
  for (guint i = 0; i < self->hooks->len; i++)
    if (_FD_CALL_HOOK (self, i)->hooks.aux_sender != NULL)
      return _FD_CALL_HOOK (self, i)->hooks.aux_sender (_FD_CALL_HOOK (self, i)->data);
  return NULL;
}

/* A jitterbuffer holds the first packet of a stream for its whole latency
 * (50 ms) before it releases anything: the first picture waited for it.
 * With faststart it releases as soon as a few packets in a row are in (a
 * key frame comes in a burst of them); later packets flow as before, the
 * latency still covering gaps that NACK repairs. */
static void
on_new_jitterbuffer_faststart (GstElement *rtpbin,
                               GstElement *jitterbuffer,
                               guint       session,
                               guint       ssrc,
                               gpointer    user_data)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (jitterbuffer), "faststart-min-packets") != NULL)
    g_object_set (jitterbuffer, "faststart-min-packets", (guint) FD_CALL_FASTSTART_PACKETS, NULL);
}

gboolean
_fd_call_engine_build_pipeline (FdCallEngine  *self,
                                GError       **error)
{
  g_autoptr(GstElement) rtpbin = gst_bin_get_by_name (GST_BIN (self->webrtc), "rtpbin");

  _fd_call_engine_watch_jitterbuffers (self);
  if (rtpbin != NULL)
    g_signal_connect (rtpbin, "new-jitterbuffer", G_CALLBACK (on_new_jitterbuffer_faststart), NULL);
  for (guint i = 0; i < self->hooks->len; i++)
    if (_FD_CALL_HOOK (self, i)->hooks.aux_sender != NULL)
      {
        g_signal_connect (self->webrtc, "request-aux-sender", G_CALLBACK (on_request_aux_sender), self);
        break;
      }
  return TRUE;
}

static void
start_if_new (const GValue *value,
              gpointer      user_data)
{
  GstElement *element = g_value_get_object (value);

  if (GST_STATE (element) == GST_STATE_NULL && GST_STATE_PENDING (element) == GST_STATE_VOID_PENDING)
    gst_element_sync_state_with_parent (element);
}

gboolean
_fd_call_engine_link_senders (FdCallEngine  *self,
                              GError       **error)
{
  g_autoptr(GstDevice) camera = NULL;
  g_autoptr(GstDevice) microphone = NULL;

  g_assert (!self->sending);
  if (!link_video_sender (self, &camera, error))
    return FALSE;
  if (self->codecs.opus_pt > 0 && !link_audio_sender (self, &microphone, error))
    return FALSE;
  _fd_call_engine_set_devices (self, camera, microphone);
  /* The peer's sound goes to the first speaker the device monitor lists,
   * or nowhere when there is none (a server, a kiosk without sound). */
  if (self->play_audio && self->speaker_device == NULL)
    {
      g_autoptr(GPtrArray) speakers = fd_call_list_devices (FD_CALL_DEVICE_SPEAKER);

      if (speakers->len > 0)
        self->speaker_device = g_object_ref (g_ptr_array_index (speakers, 0));
    }
  /* Elements added to a running pipeline (answerer) must catch up; only
   * those: a state call on webrtcbin while it runs is not ours to make. */
  if (GST_STATE (self->pipeline) != GST_STATE_NULL)
    {
      GstIterator *it = gst_bin_iterate_sorted (GST_BIN (self->pipeline)); /* sinks first */

      while (gst_iterator_foreach (it, start_if_new, NULL) == GST_ITERATOR_RESYNC)
        gst_iterator_resync (it);
      gst_iterator_free (it);
    }
  self->sending = TRUE;
  return TRUE;
}
