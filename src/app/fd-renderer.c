/* fd-renderer.c: the renderer the app's windows use when OpenGL is only a software rasteriser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 renders with OpenGL whenever a GL context can be made, even when that context is Mesa's
 * llvmpipe (a hall PC without a GPU, a virtual machine, Xvfb). There the GL renderer spends most
 * of a core drawing the call's video and shows about half its frames, while cairo shows all 30
 * for a third of that (docs/performance.md, "The desk app measured"). Sign language needs the
 * frames, so on a software rasteriser the app asks GTK for cairo. GSK_RENDERER set by the user
 * always wins. The choice is the display's "gsk-renderer" data, which GTK 4 reads before
 * GSK_RENDERER for every new window (gsk_renderer_new_for_surface); setting the environment
 * variable instead would be a setenv() after GLib's threads started, which is not thread-safe.
 */
#include "config.h"

#include <epoxy/gl.h>

#include "fd-renderer.h"

static const char * const software_rasterisers[] = { "llvmpipe", "softpipe", "swrast", "SwiftShader" };

gboolean
_fd_renderer_is_software (const char *gl_renderer)
{
  if (gl_renderer == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (software_rasterisers); i++)
    if (strstr (gl_renderer, software_rasterisers[i]) != NULL)
      return TRUE;
  return FALSE;
}

char *
_fd_renderer_pick (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gl_renderer = NULL;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return NULL;   /* the user's choice */
  if (!gdk_display_prepare_gl (display, &error))
    return NULL;   /* no GL at all: GTK falls back to cairo by itself */
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("renderer: no GL context to ask (%s); GTK chooses", error->message);
      return NULL;
    }
  gdk_gl_context_make_current (context);
  gl_renderer = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();
  if (!_fd_renderer_is_software (gl_renderer))
    {
      g_debug ("renderer: OpenGL on %s", gl_renderer != NULL ? gl_renderer : "?");
      return NULL;
    }
  g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
  g_debug ("renderer: cairo, OpenGL is the software rasteriser %s", gl_renderer);
  return g_steal_pointer (&gl_renderer);
}
