/* test-video-paintable.c: frames in, textures out, invalidations as GTK expects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "fd-video-paintable.h"

typedef struct {
  guint size;
  guint contents;
} Counts;

static void
on_size (GdkPaintable *p, Counts *c)
{
  c->size++;
}

static void
on_contents (GdkPaintable *p, Counts *c)
{
  c->contents++;
}

static GBytes *
make_frame (int width, int height, gsize stride, guint8 seed)
{
  guint8 *data = g_malloc (stride * height);

  for (int y = 0; y < height; y++)
    for (gsize x = 0; x < stride; x++)
      data[y * stride + x] = (x % 4 == 3) ? 255 : (guint8) (seed + x + y);
  return g_bytes_new_take (data, stride * height);
}

static void
test_frames (void)
{
  FdVideoPaintable *paintable = fd_video_paintable_new ();
  Counts counts = { 0 };
  g_autoptr(GBytes) f1 = make_frame (64, 48, 64 * 4 + 16, 1);
  g_autoptr(GBytes) f2 = make_frame (64, 48, 64 * 4 + 16, 2);
  g_autoptr(GBytes) f3 = make_frame (32, 24, 32 * 4, 3);
  guint8 out[64 * 48 * 4];
  const guint8 *in;

  g_signal_connect (paintable, "invalidate-size", G_CALLBACK (on_size), &counts);
  g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (on_contents), &counts);

  g_assert_null (fd_video_paintable_get_texture (paintable));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (paintable)), ==, 0);

  fd_video_paintable_push_frame (paintable, f1, 64, 48, 64 * 4 + 16, FALSE);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (paintable)), ==, 64);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (paintable)), ==, 48);
  g_assert_cmpuint (counts.size, ==, 1);
  g_assert_cmpuint (counts.contents, ==, 1);

  /* Same size: contents only, no relayout. */
  fd_video_paintable_push_frame (paintable, f2, 64, 48, 64 * 4 + 16, TRUE);
  g_assert_cmpuint (counts.size, ==, 1);
  g_assert_cmpuint (counts.contents, ==, 2);
  g_assert_cmpuint (fd_video_paintable_get_frames (paintable), ==, 2);

  /* The texture holds exactly the pushed pixels (stride padding dropped);
   * downloads come as premultiplied BGRA, the format f2 was pushed in. */
  gdk_texture_download (fd_video_paintable_get_texture (paintable), out, 64 * 4);
  in = g_bytes_get_data (f2, NULL);
  for (int y = 0; y < 48; y++)
    g_assert_cmpmem (out + y * 64 * 4, 64 * 4, in + y * (64 * 4 + 16), 64 * 4);

  /* New size: both. RGBA input comes back with red and blue in place. */
  fd_video_paintable_push_frame (paintable, f3, 32, 24, 32 * 4, FALSE);
  gdk_texture_download (fd_video_paintable_get_texture (paintable), out, 32 * 4);
  in = g_bytes_get_data (f3, NULL);
  g_assert_cmpuint (out[0], ==, in[2]);
  g_assert_cmpuint (out[1], ==, in[1]);
  g_assert_cmpuint (out[2], ==, in[0]);
  g_assert_cmpuint (out[3], ==, 255);
  g_assert_cmpuint (counts.size, ==, 2);
  g_assert_cmpuint (counts.contents, ==, 3);
  g_assert_cmpfloat_with_epsilon (gdk_paintable_get_intrinsic_aspect_ratio (GDK_PAINTABLE (paintable)),
                                  32.0 / 24.0, 1e-9);

  /* Presented: a new frame counts once however often it is snapshotted; frames
   * pushed between two snapshots (never shown) do not count. */
  g_assert_cmpuint (fd_video_paintable_get_presented (paintable), ==, 0);
  g_type_ensure (GSK_TYPE_TEXTURE_NODE); /* registers the node types: no gtk_init without a display */
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, 32, 24);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_assert_nonnull (node);
    }
  g_assert_cmpuint (fd_video_paintable_get_presented (paintable), ==, 1);
  fd_video_paintable_push_frame (paintable, f3, 32, 24, 32 * 4, FALSE);
  fd_video_paintable_push_frame (paintable, f3, 32, 24, 32 * 4, FALSE);
  {
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, 32, 24);
    node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  }
  g_assert_cmpuint (fd_video_paintable_get_presented (paintable), ==, 2);
  g_assert_cmpuint (fd_video_paintable_get_frames (paintable), ==, 5);

  fd_video_paintable_clear (paintable);
  g_assert_null (fd_video_paintable_get_texture (paintable));
  g_assert_cmpuint (counts.size, ==, 3);

  g_assert_finalize_object (paintable);
}

static GskRenderNode *
snapshot_node (FdVideoPaintable *paintable,
               double            width,
               double            height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, width, height);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* @node drawn on @out, flushed for reading. */
static void
draw_node (GskRenderNode   *node,
           cairo_surface_t *out)
{
  cairo_t *cr = cairo_create (out);

  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (out);
}

/* Drawn with cairo (GTK's cairo renderer): a cairo node that paints exactly
 * the frame's pixels, read straight from the pushed bytes; RGBA frames, which
 * cairo cannot read as they are, stay textures. */
static void
test_cairo (void)
{
  FdVideoPaintable *paintable = fd_video_paintable_new ();
  g_autoptr(GBytes) bgra = make_frame (64, 48, 64 * 4 + 16, 7);
  g_autoptr(GBytes) rgba = make_frame (64, 48, 64 * 4, 9);
  const guint8 *in = g_bytes_get_data (bgra, NULL);
  cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 48);
  const guint8 *px;
  int stride;

  g_type_ensure (GSK_TYPE_TEXTURE_NODE);
  fd_video_paintable_set_cairo (paintable, TRUE);
  fd_video_paintable_push_frame (paintable, bgra, 64, 48, 64 * 4 + 16, TRUE);
  {
    g_autoptr(GskRenderNode) node = snapshot_node (paintable, 64, 48);

    g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CAIRO_NODE);
    draw_node (node, out);
  }
  px = cairo_image_surface_get_data (out);
  stride = cairo_image_surface_get_stride (out);
  for (int y = 0; y < 48; y++)
    for (int x = 0; x < 64; x++)
      {
        const guint8 *o = px + y * stride + x * 4;
        const guint8 *i = in + y * (64 * 4 + 16) + x * 4;

        if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
          g_assert_cmpmem (o, 4, i, 4);
      }
  g_assert_cmpuint (fd_video_paintable_get_presented (paintable), ==, 1);

  fd_video_paintable_push_frame (paintable, rgba, 64, 48, 64 * 4, FALSE);
  {
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;

    gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, 64, 48);
    node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_TEXTURE_NODE);
  }
  cairo_surface_destroy (out);
  g_assert_finalize_object (paintable);
}

/* An area a little larger than the frame: the frame's own pixels, unfiltered,
 * centred (no scaling pass per frame), and nothing drawn around them. */
static void
test_cairo_native_size (void)
{
  FdVideoPaintable *paintable = fd_video_paintable_new ();
  g_autoptr(GBytes) bgra = make_frame (64, 48, 64 * 4, 3);
  const guint8 *in = g_bytes_get_data (bgra, NULL);
  cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 68, 51);
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds;
  const guint8 *px;
  int stride;

  fd_video_paintable_set_cairo (paintable, TRUE);
  fd_video_paintable_push_frame (paintable, bgra, 64, 48, 64 * 4, TRUE);
  node = snapshot_node (paintable, 68, 51);
  g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CAIRO_NODE);
  gsk_render_node_get_bounds (node, &bounds);
  g_assert_true (graphene_rect_equal (&bounds, &GRAPHENE_RECT_INIT (2, 1, 64, 48)));
  draw_node (node, out);
  px = cairo_image_surface_get_data (out);
  stride = cairo_image_surface_get_stride (out);
  for (int y = 0; y < 51; y++)
    for (int x = 0; x < 68; x++)
      {
        const guint8 *o = px + y * stride + x * 4;
        static const guint8 clear[4] = { 0, 0, 0, 0 };

        if (G_BYTE_ORDER != G_LITTLE_ENDIAN)
          continue;
        if (x >= 2 && x < 66 && y >= 1 && y < 49)
          g_assert_cmpmem (o, 4, in + (y - 1) * 64 * 4 + (x - 2) * 4, 4);
        else
          g_assert_cmpmem (o, 4, clear, 4);
      }
  cairo_surface_destroy (out);
  g_assert_finalize_object (paintable);
}

static void
on_bytes_freed (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* A drawn frame stays the node's, uncopied: the next frame does not make
 * cairo copy it (its bytes live until the node that drew them is freed). */
static void
test_cairo_frame_lifetime (void)
{
  FdVideoPaintable *paintable = fd_video_paintable_new ();
  gsize stride = 64 * 4;
  guint8 *data = g_malloc (stride * 48);
  gboolean freed = FALSE;
  g_autoptr(GBytes) next = make_frame (64, 48, stride, 5);
  GBytes *first;
  GskRenderNode *node;

  memset (data, 0x40, stride * 48);
  first = g_bytes_new_with_free_func (data, stride * 48, on_bytes_freed, &freed);
  fd_video_paintable_set_cairo (paintable, TRUE);
  fd_video_paintable_push_frame (paintable, first, 64, 48, stride, TRUE);
  g_bytes_unref (first);
  node = snapshot_node (paintable, 64, 48);
  fd_video_paintable_push_frame (paintable, next, 64, 48, stride, TRUE);
  g_assert_false (freed);
  gsk_render_node_unref (node);
  g_assert_true (freed);
  g_free (data);
  g_assert_finalize_object (paintable);
}

static void
test_bad_frame (void)
{
  if (g_test_subprocess ())
    {
      FdVideoPaintable *paintable = fd_video_paintable_new ();
      g_autoptr(GBytes) small = make_frame (8, 8, 32, 0);

      /* Too few bytes for the claimed size: refused, never read out of bounds. */
      fd_video_paintable_push_frame (paintable, small, 64, 48, 256, FALSE);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*fd_video_paintable_push_frame*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/video-paintable/frames", test_frames);
  g_test_add_func ("/video-paintable/cairo", test_cairo);
  g_test_add_func ("/video-paintable/cairo/native-size", test_cairo_native_size);
  g_test_add_func ("/video-paintable/cairo/frame-lifetime", test_cairo_frame_lifetime);
  g_test_add_func ("/video-paintable/bad-frame", test_bad_frame);

  return g_test_run ();
}
