/* fd-text-item.h: a line of text with its title, the item of lists shown as text rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The call view's chat (title: the sender; style: incoming or outgoing) and the guide view's
 * lists of facts (title: the field; text: its value) are GListStores of these.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_TYPE_TEXT_ITEM (fd_text_item_get_type ())
G_DECLARE_FINAL_TYPE (FdTextItem, fd_text_item, FD, TEXT_ITEM, GObject)

/* @title and @style (a CSS class for the row) may be NULL. */
FdTextItem *fd_text_item_new       (const char *title,
                                    const char *text,
                                    const char *style);
const char *fd_text_item_get_title (FdTextItem *self);
const char *fd_text_item_get_text  (FdTextItem *self);
const char *fd_text_item_get_style (FdTextItem *self);

G_END_DECLS
