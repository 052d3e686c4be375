/* fd-call-frame.c: decoded frames handed to the app, coalesced on main
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include "fd-call-engine-private.h"

G_DEFINE_BOXED_TYPE (FdCallFrame, fd_call_frame, fd_call_frame_ref, fd_call_frame_unref)

/* ---- frames (also used by the media file) ------------------------------ */

FdCallFrame *
fd_call_frame_ref (FdCallFrame *frame)
{
  g_atomic_ref_count_inc (&frame->ref);
  return frame;
}

void
fd_call_frame_unref (FdCallFrame *frame)
{
  if (g_atomic_ref_count_dec (&frame->ref))
    {
      g_bytes_unref (frame->bytes);
      g_free (frame);
    }
}

GBytes *
fd_call_frame_get_bytes (FdCallFrame *frame)
{
  return frame->bytes;
}

int
fd_call_frame_get_width (FdCallFrame *frame)
{
  return frame->width;
}

int
fd_call_frame_get_height (FdCallFrame *frame)
{
  return frame->height;
}

gsize
fd_call_frame_get_stride (FdCallFrame *frame)
{
  return frame->stride;
}

typedef struct {
  FdCallEngine *self;
  FdCallStream  stream;
} FrameHop;

static gboolean
emit_frame (gpointer data)
{
  FrameHop *hop = data;
  FdCallEngine *self = hop->self;
  g_autoptr(FdCallFrame) frame = NULL;

  g_mutex_lock (&self->lock);
  frame = g_steal_pointer (&self->pending_frame[hop->stream]);
  self->frame_idle[hop->stream] = FALSE;
  g_mutex_unlock (&self->lock);
  if (frame != NULL && _fd_call_engine_is_live (self))
    g_signal_emit_by_name (self, "video-frame", hop->stream, frame);
  return G_SOURCE_REMOVE;
}

void
_fd_call_engine_deliver_frame (FdCallEngine *self,
                              FdCallStream  stream,
                              FdCallFrame  *frame)
{
  gboolean schedule;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->pending_frame[stream], fd_call_frame_unref);
  self->pending_frame[stream] = frame;
  schedule = !self->frame_idle[stream];
  self->frame_idle[stream] = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    {
      FrameHop *hop = g_new (FrameHop, 1);

      hop->self = self;
      hop->stream = stream;
      _fd_call_engine_invoke (self, emit_frame, hop, g_free);
    }
}

static gboolean
emit_first_frame (gpointer data)
{
  FdCallEngine *self = data;

  if (_fd_call_engine_is_live (self) && !self->first_frame_seen)
    {
      self->first_frame_seen = TRUE;
      g_signal_emit_by_name (self, "first-remote-frame");
    }
  return G_SOURCE_REMOVE;
}

void
_fd_call_engine_first_frame (FdCallEngine *self)
{
  _fd_call_engine_invoke (self, emit_first_frame, self, NULL);
}

/* ---- from a decoded sample (zero copy) ------------------------------ */

typedef struct {
  GstBuffer  *buffer;
  GstMapInfo  map;
} Mapped;

static void
mapped_free (gpointer data)
{
  Mapped *m = data;

  gst_buffer_unmap (m->buffer, &m->map);
  gst_buffer_unref (m->buffer);
  g_free (m);
}

FdCallFrame *
_fd_call_frame_new_from_sample (GstSample *sample)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  GstCaps *caps = gst_sample_get_caps (sample);
  GstVideoInfo info;
  FdCallFrame *frame;
  Mapped *m;

  if (buffer == NULL || caps == NULL || !gst_video_info_from_caps (&info, caps))
    return NULL;
  m = g_new0 (Mapped, 1);
  m->buffer = gst_buffer_ref (buffer);
  if (!gst_buffer_map (m->buffer, &m->map, GST_MAP_READ))
    {
      gst_buffer_unref (m->buffer);
      g_free (m);
      return NULL;
    }
  frame = g_new0 (FdCallFrame, 1);
  g_atomic_ref_count_init (&frame->ref);
  frame->width = GST_VIDEO_INFO_WIDTH (&info);
  frame->height = GST_VIDEO_INFO_HEIGHT (&info);
  frame->stride = GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
  /* No copy: the bytes keep the buffer mapped until the texture is freed. */
  frame->bytes = g_bytes_new_with_free_func (m->map.data, m->map.size, mapped_free, m);
  return frame;
}
