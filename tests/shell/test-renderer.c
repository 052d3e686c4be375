/* test-renderer.c: cairo on a software GL rasteriser, the user's GSK_RENDERER respected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With --with-display, run under the UI tests' Xvfb, whose only OpenGL is Mesa's llvmpipe: the app must then ask GTK
 * for cairo (fd-renderer.c). Without a display only the string rules and the user's choice are
 * checked.
 */
#include "config.h"

#include <gtk/gtk.h>

#include "fd-renderer.h"
#include "fd-test-util.h"

static void
test_names (void)
{
  g_assert_true (_fd_renderer_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (_fd_renderer_is_software ("softpipe"));
  g_assert_true (_fd_renderer_is_software ("Google SwiftShader"));
  g_assert_false (_fd_renderer_is_software ("AMD Radeon Graphics (radeonsi, renoir, LLVM 15.0.6)"));
  g_assert_false (_fd_renderer_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (_fd_renderer_is_software (NULL));
}

static void
test_user_choice (void)
{
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  /* Returns before it looks at the display (there may be none). */
  g_assert_null (_fd_renderer_pick (gdk_display_get_default ()));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
}

static void
test_xvfb_picks_cairo (void)
{
  g_autofree char *rasteriser = NULL;
  GtkWidget *window;

  if (gdk_display_get_default () == NULL)
    {
      g_test_skip ("no display");
      return;
    }
  g_unsetenv ("GSK_RENDERER");
  rasteriser = _fd_renderer_pick (gdk_display_get_default ());
  g_test_message ("software rasteriser: %s", rasteriser != NULL ? rasteriser : "(none)");
  g_assert_nonnull (rasteriser);
  g_assert_true (_fd_renderer_is_software (rasteriser));
  g_assert_null (g_getenv ("GSK_RENDERER"));

  /* GTK follows it: the first window realised gets the cairo renderer. */
  window = gtk_window_new ();
  gtk_widget_realize (window);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), ==,
                   "GskCairoRenderer");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gboolean display;

  /* --with-display (the UI test under Xvfb): taken out before GTest sees the arguments. */
  display = fd_test_take_flag (&argc, argv, "--with-display");
  g_test_init (&argc, &argv, NULL);
  if (display)
    gtk_init ();
  g_test_add_func ("/renderer/names", test_names);
  if (display)
    {
      /* Before any test sets GSK_RENDERER, which GTK reads once. */
      g_test_add_func ("/renderer/xvfb-picks-cairo", test_xvfb_picks_cairo);
    }
  g_test_add_func ("/renderer/user-choice", test_user_choice);
  return g_test_run ();
}
