/* fd-call-view.h: the in-call view (remote video, self-view, controls, quality, chat)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the desk's Interpreter page and the interpreter window. It shows
 * one FdRelayCall (the call model): decoded frames go to FdVideoPaintables,
 * statistics to the quality indicator, chat through the call (data channel or
 * relay); mute and camera are the call's properties. "End Call" (and Ctrl+H)
 * hangs the call up; its owner follows the call's state.
 */
#pragma once

#include <adwaita.h>

#include "fd-relay-call.h"

G_BEGIN_DECLS

#define FD_TYPE_CALL_VIEW (fd_call_view_get_type ())

G_DECLARE_FINAL_TYPE (FdCallView, fd_call_view, FD, CALL_VIEW, GtkBox)

FdCallView   *fd_call_view_new              (void);
/* Shows @call, for as many calls as it carries (a new call's media clears the
 * video; the chat stays until fd_call_view_reset()). The peer's name names the
 * remote video and incoming messages. */
void          fd_call_view_set_call         (FdCallView   *self,
                                             FdRelayCall  *call);
FdRelayCall  *fd_call_view_get_call         (FdCallView   *self);
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
