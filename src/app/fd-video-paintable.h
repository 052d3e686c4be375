/* fd-video-paintable.h: shows the newest decoded video frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FD_TYPE_VIDEO_PAINTABLE (fd_video_paintable_get_type ())

G_DECLARE_FINAL_TYPE (FdVideoPaintable, fd_video_paintable, FD, VIDEO_PAINTABLE, GObject)

FdVideoPaintable *fd_video_paintable_new         (void);
void              fd_video_paintable_push_frame  (FdVideoPaintable *self,
                                                  GBytes           *pixels,
                                                  int               width,
                                                  int               height,
                                                  gsize             stride,
                                                  gboolean          bgra);
void              fd_video_paintable_push_texture (FdVideoPaintable *self,
                                                   GdkTexture       *texture);
void              fd_video_paintable_set_cairo   (FdVideoPaintable *self,
                                                  gboolean          cairo);
void              fd_video_paintable_follow_renderer (FdVideoPaintable *self,
                                                      GtkWidget        *widget);
void              fd_video_paintable_clear       (FdVideoPaintable *self);
GdkTexture       *fd_video_paintable_get_texture (FdVideoPaintable *self);
guint64           fd_video_paintable_get_frames  (FdVideoPaintable *self);
guint64           fd_video_paintable_get_presented (FdVideoPaintable *self);

G_END_DECLS
