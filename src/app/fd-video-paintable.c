/* fd-video-paintable.c: shows the newest decoded video frame
 *
 * A GdkPaintable that keeps the newest frame as a GdkTexture. Frames arrive
 * as premultiplied RGBA or BGRA pixels (alpha is 255, so premultiplied and
 * straight are the same pixels, and GTK 4.8's renderers then upload them
 * without a CPU conversion). Only the main thread may push: callers hop
 * from GStreamer's streaming threads first.
 *
 * With GTK's cairo renderer (the app's choice on a software rasteriser,
 * fd-renderer.c) a texture node costs GTK 4.8 a per-pixel float conversion
 * of the whole frame every time it draws it (gdk_texture_download_surface
 * through gdk_memory_convert, even when the formats are the same), and it
 * draws both videos on every redraw of either: about 20 % of a core for two
 * 640×480 streams at 30 fps (docs/performance.md). There the paintable draws
 * BGRA frames itself instead: a cairo image surface over the frame's own
 * pixels (no conversion, no copy until the next frame replaces it), scaled by
 * pixman (fd_video_paintable_set_cairo, or follow_renderer: the widget that
 * shows it tells once it is realized).
 *
 * Frames presented (a new texture handed to GTK's renderer in a snapshot)
 * are counted apart from frames pushed; with G_MESSAGES_DEBUG=fd-video-paintable
 * each paintable logs both counts once a second and when it is freed, for
 * bench/desk-app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-video-paintable"

#include "config.h"

#include <math.h>

#include "fd-video-paintable.h"

struct _FdVideoPaintable
{
  GObject     parent_instance;

  GdkTexture *texture;
  GBytes     *pixels;          /* the texture's BGRA pixels, when pushed as a frame */
  gsize       stride;
  cairo_surface_t *surface;    /* over pixels, made at the first cairo snapshot */
  gboolean    cairo;
  guint64     frames;
  guint64     presented;       /* frames snapshotted at least once */
  guint64     presented_serial; /* the value of frames at the last snapshot */
  gint64      logged_us;
};

enum {
  PROP_0,
  PROP_FRAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fd_video_paintable_iface_init (GdkPaintableInterface *iface);

/* One line bench/desk-app reads: monotonic time, size, frames pushed and presented. */
static void
log_counts (FdVideoPaintable *self,
            gint64            now_us)
{
  g_debug ("paintable %p at %" G_GINT64_FORMAT " us: %dx%d, %" G_GUINT64_FORMAT " pushed, %"
           G_GUINT64_FORMAT " presented", self, now_us,
           self->texture != NULL ? gdk_texture_get_width (self->texture) : 0,
           self->texture != NULL ? gdk_texture_get_height (self->texture) : 0,
           self->frames, self->presented);
}

G_DEFINE_FINAL_TYPE_WITH_CODE (FdVideoPaintable, fd_video_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      fd_video_paintable_iface_init))

static const cairo_user_data_key_t pixels_key;
static const cairo_user_data_key_t surface_key;

/* A cairo image over the frame's BGRA pixels, which it keeps alive. Cairo's
 * RGB24 is BGRx in memory on little-endian machines: opaque, so pixman
 * copies instead of blending. NULL when the frame cannot be drawn that way. */
static cairo_surface_t *
frame_surface (FdVideoPaintable *self)
{
  int width, height;

  if (self->surface != NULL || self->pixels == NULL || G_BYTE_ORDER != G_LITTLE_ENDIAN)
    return self->surface;
  width = gdk_texture_get_width (self->texture);
  height = gdk_texture_get_height (self->texture);
  if (self->stride > G_MAXINT || self->stride % 4 != 0 ||
      (int) self->stride < cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, width))
    return NULL;
  self->surface = cairo_image_surface_create_for_data ((guchar *) g_bytes_get_data (self->pixels, NULL),
                                                       CAIRO_FORMAT_RGB24, width, height,
                                                       (int) self->stride);
  if (cairo_surface_status (self->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&self->surface, cairo_surface_destroy);
      return NULL;
    }
  cairo_surface_set_user_data (self->surface, &pixels_key, g_bytes_ref (self->pixels),
                               (cairo_destroy_func_t) g_bytes_unref);
  return self->surface;
}

/* Drawn at the frame's own size, centred, when the area is at most this much
 * larger: pixman then copies rows instead of filtering every pixel (a 640×480
 * frame in the desk's 664×498 video area cost a bilinear pass per frame for
 * a 4 % enlargement), at the price of a margin of a few pixels. */
#define NATIVE_SIZE_SLACK 1.1

static void
snapshot_cairo (FdVideoPaintable *self,
                cairo_surface_t  *surface,
                GdkSnapshot      *snapshot,
                double            width,
                double            height)
{
  int frame_width = cairo_image_surface_get_width (surface);
  int frame_height = cairo_image_surface_get_height (surface);
  double sx = width / frame_width;
  double sy = height / frame_height;
  cairo_t *cr;

  if (!(sx > 0 && sy > 0))
    return;
  if (sx >= 1 && sy >= 1 && sx <= NATIVE_SIZE_SLACK && sy <= NATIVE_SIZE_SLACK)
    {
      double x = floor ((width - frame_width) / 2);
      double y = floor ((height - frame_height) / 2);

      cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot),
                                      &GRAPHENE_RECT_INIT (x, y, frame_width, frame_height));
      cairo_set_source_surface (cr, surface, x, y);
    }
  else
    {
      cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
      cairo_scale (cr, sx, sy);
      cairo_set_source_surface (cr, surface, 0, 0);
      /* Bilinear: what cairo's default filter does anyway from half size up, and
       * a fraction of its box filter's cost below that (the small self view). */
      cairo_pattern_set_filter (cairo_get_source (cr),
                                MIN (sx, sy) < 0.75 ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_GOOD);
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
    }
  cairo_paint (cr);
  /* GTK's cairo node records the drawing, and the recording keeps a
   * copy-on-write snapshot of the frame: destroying the frame's surface while
   * the node lives (the next frame arrives before GTK drops the node it drew)
   * made cairo copy the whole frame (a memset and a memcpy per frame). The
   * recording holds the surface instead, so it is freed after the snapshot. */
  cairo_surface_set_user_data (cairo_get_target (cr), &surface_key, cairo_surface_reference (surface),
                               (cairo_destroy_func_t) cairo_surface_destroy);
  cairo_destroy (cr);
}

static void
fd_video_paintable_snapshot (GdkPaintable *paintable,
                             GdkSnapshot  *snapshot,
                             double        width,
                             double        height)
{
  FdVideoPaintable *self = FD_VIDEO_PAINTABLE (paintable);
  cairo_surface_t *surface;

  if (self->texture == NULL)
    {
      /* No frame yet: black, the way a video surface looks before it starts. */
      gtk_snapshot_append_color (GTK_SNAPSHOT (snapshot),
                                 &(GdkRGBA) { 0, 0, 0, 1 },
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

  surface = self->cairo ? frame_surface (self) : NULL;
  if (surface != NULL)
    snapshot_cairo (self, surface, snapshot, width, height);
  else
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
  if (self->presented_serial != self->frames)
    {
      gint64 now = g_get_monotonic_time ();

      self->presented_serial = self->frames;
      self->presented++;
      if (now - self->logged_us >= G_USEC_PER_SEC)
        {
          self->logged_us = now;
          log_counts (self, now);
        }
    }
}

static int
fd_video_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  FdVideoPaintable *self = FD_VIDEO_PAINTABLE (paintable);

  return self->texture != NULL ? gdk_texture_get_width (self->texture) : 0;
}

static int
fd_video_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  FdVideoPaintable *self = FD_VIDEO_PAINTABLE (paintable);

  return self->texture != NULL ? gdk_texture_get_height (self->texture) : 0;
}

static double
fd_video_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  FdVideoPaintable *self = FD_VIDEO_PAINTABLE (paintable);

  if (self->texture == NULL)
    return 4.0 / 3.0;
  return (double) gdk_texture_get_width (self->texture) / gdk_texture_get_height (self->texture);
}

static void
fd_video_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = fd_video_paintable_snapshot;
  iface->get_intrinsic_width = fd_video_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = fd_video_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = fd_video_paintable_get_intrinsic_aspect_ratio;
}

static void
fd_video_paintable_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FdVideoPaintable *self = FD_VIDEO_PAINTABLE (object);

  switch (prop_id)
    {
    case PROP_FRAMES:
      g_value_set_uint64 (value, self->frames);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_video_paintable_finalize (GObject *object)
{
  FdVideoPaintable *self = FD_VIDEO_PAINTABLE (object);

  if (self->frames > 0)
    log_counts (self, g_get_monotonic_time ());
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->pixels, g_bytes_unref);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (fd_video_paintable_parent_class)->finalize (object);
}

static void
fd_video_paintable_class_init (FdVideoPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_video_paintable_get_property;
  object_class->finalize = fd_video_paintable_finalize;

  /* Frames shown so far; notified on every frame, so bind it sparingly. */
  properties[PROP_FRAMES] =
    g_param_spec_uint64 ("frames", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_video_paintable_init (FdVideoPaintable *self)
{
}

FdVideoPaintable *
fd_video_paintable_new (void)
{
  return g_object_new (FD_TYPE_VIDEO_PAINTABLE, NULL);
}

void
fd_video_paintable_push_texture (FdVideoPaintable *self,
                                 GdkTexture       *texture)
{
  gboolean size_changed;

  g_return_if_fail (FD_IS_VIDEO_PAINTABLE (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  size_changed = self->texture == NULL ||
                 gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture) ||
                 gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture);

  g_set_object (&self->texture, texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->pixels, g_bytes_unref);
  self->frames++;

  /* Size only when it changed: a size invalidation re-lays out the window. */
  if (size_changed)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMES]);
}

/* Wraps the pixels without copying them; the texture keeps @pixels alive. */
void
fd_video_paintable_push_frame (FdVideoPaintable *self,
                               GBytes           *pixels,
                               int               width,
                               int               height,
                               gsize             stride,
                               gboolean          bgra)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_if_fail (FD_IS_VIDEO_PAINTABLE (self));
  g_return_if_fail (pixels != NULL);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (stride >= (gsize) width * 4);
  g_return_if_fail (g_bytes_get_size (pixels) >= stride * (gsize) (height - 1) + (gsize) width * 4);

  texture = gdk_memory_texture_new (width, height,
                                    bgra ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                         : GDK_MEMORY_R8G8B8A8_PREMULTIPLIED,
                                    pixels, stride);
  fd_video_paintable_push_texture (self, texture);
  if (bgra)
    {
      self->pixels = g_bytes_ref (pixels);
      self->stride = stride;
    }
}

/* Draw BGRA frames with cairo (for GTK's cairo renderer) rather than as
 * textures (for its GL renderer, which uploads them without converting). */
void
fd_video_paintable_set_cairo (FdVideoPaintable *self,
                              gboolean          cairo)
{
  g_return_if_fail (FD_IS_VIDEO_PAINTABLE (self));

  cairo = !!cairo;
  if (self->cairo == cairo)
    return;
  self->cairo = cairo;
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

static void
on_widget_realize (GtkWidget        *widget,
                   FdVideoPaintable *self)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  fd_video_paintable_set_cairo (self, GSK_IS_CAIRO_RENDERER (renderer));
  g_debug ("paintable %p drawn %s", self, self->cairo ? "with cairo" : "as textures");
}

/* Draws with cairo whenever @widget's window renders with cairo. */
void
fd_video_paintable_follow_renderer (FdVideoPaintable *self,
                                    GtkWidget        *widget)
{
  g_return_if_fail (FD_IS_VIDEO_PAINTABLE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect_object (widget, "realize", G_CALLBACK (on_widget_realize), self, 0);
  if (gtk_widget_get_realized (widget))
    on_widget_realize (widget, self);
}

void
fd_video_paintable_clear (FdVideoPaintable *self)
{
  g_return_if_fail (FD_IS_VIDEO_PAINTABLE (self));

  if (self->texture == NULL)
    return;
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->pixels, g_bytes_unref);
  g_clear_object (&self->texture);
  gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

GdkTexture *
fd_video_paintable_get_texture (FdVideoPaintable *self)
{
  g_return_val_if_fail (FD_IS_VIDEO_PAINTABLE (self), NULL);
  return self->texture;
}

guint64
fd_video_paintable_get_frames (FdVideoPaintable *self)
{
  g_return_val_if_fail (FD_IS_VIDEO_PAINTABLE (self), 0);
  return self->frames;
}

/* Frames that reached a snapshot (GTK's renderer), each counted once. */
guint64
fd_video_paintable_get_presented (FdVideoPaintable *self)
{
  g_return_val_if_fail (FD_IS_VIDEO_PAINTABLE (self), 0);
  return self->presented;
}
