/* fd-chat-message.h: one line of a call's chat, the item of the call view's chat list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_TYPE_CHAT_MESSAGE (fd_chat_message_get_type ())
G_DECLARE_FINAL_TYPE (FdChatMessage, fd_chat_message, FD, CHAT_MESSAGE, GObject)

/* @sender: the name shown above the text (already translated for one's own lines). */
FdChatMessage *fd_chat_message_new          (const char    *sender,
                                             const char    *text,
                                             gboolean       incoming);
const char    *fd_chat_message_get_sender   (FdChatMessage *self);
const char    *fd_chat_message_get_text     (FdChatMessage *self);
gboolean       fd_chat_message_get_incoming (FdChatMessage *self);

G_END_DECLS
