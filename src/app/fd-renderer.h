/* fd-renderer.h: cairo instead of OpenGL on a software rasteriser (see fd-renderer.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* TRUE when @gl_renderer (GL_RENDERER's string) names a software rasteriser. */
gboolean _fd_renderer_is_software (const char *gl_renderer);
/* Before the first window is realised: makes @display's windows render with cairo when GL runs
 * on a software rasteriser and GSK_RENDERER is unset. Returns that rasteriser's name (NULL: GTK
 * chooses). */
char    *_fd_renderer_pick        (GdkDisplay *display);

G_END_DECLS
