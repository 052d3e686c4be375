/* fd-call-view.h: the in-call view (remote video, self-view, controls, quality, chat)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the desk's Interpreter page and the interpreter window. It shows
 * one FdCallEngine: decoded frames go to FdVideoPaintables, statistics to the
 * quality indicator, chat over the engine's data channel. It never ends a call
 * itself: "End Call" (and Ctrl+H) emits ::hang-up for the owner to act on.
 *
 * Signals:
 *   hang-up ()   the user asked to end the call
 */
#pragma once

#include <adwaita.h>

#include "fd-call-engine.h"

G_BEGIN_DECLS

#define FD_TYPE_CALL_VIEW (fd_call_view_get_type ())

G_DECLARE_FINAL_TYPE (FdCallView, fd_call_view, FD, CALL_VIEW, GtkBox)

FdCallView   *fd_call_view_new              (void);
/* Shows @engine (NULL detaches and clears the video; the chat stays until
 * fd_call_view_reset()). */
void          fd_call_view_set_engine       (FdCallView   *self,
                                             FdCallEngine *engine);
FdCallEngine *fd_call_view_get_engine       (FdCallView   *self);
/* The peer's display name: names the remote video and incoming messages. */
void          fd_call_view_set_peer_name    (FdCallView   *self,
                                             const char   *name);
/* Appends a chat line; incoming ones are also announced to screen readers. */
void          fd_call_view_add_message      (FdCallView   *self,
                                             const char   *sender,
                                             const char   *text,
                                             gboolean      incoming);
/* Empties the chat and the video: ready for the next call. */
void          fd_call_view_reset            (FdCallView   *self);
/* Frames of the peer shown so far, and shown per second (measured once a second). */
guint64       fd_call_view_get_remote_frames (FdCallView  *self);
double        fd_call_view_get_remote_fps   (FdCallView   *self);

G_END_DECLS
