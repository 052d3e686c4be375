/* fd-call-status.h: the call's status card (icon, title, detail, call timer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the desk's Interpreter page and the interpreter station. The title is the status
 * label screen readers announce (accessible role status); it is set again only when it changes,
 * so an unchanged state is not announced twice. Given an FdRelayCall, the card says the media's
 * set-up and the connected call itself (with the peer's name, the language and the running time);
 * the owner says every other state with fd_call_status_set().
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-relay-call.h"

G_BEGIN_DECLS

#define FD_TYPE_CALL_STATUS (fd_call_status_get_type ())
G_DECLARE_FINAL_TYPE (FdCallStatus, fd_call_status, FD, CALL_STATUS, GtkBox)

void  fd_call_status_set      (FdCallStatus *self,
                               const char   *icon_name,
                               const char   *title,
                               const char   *detail);
/* While no call is in hand: says how the relay connection of the call's client is (connecting;
 * reconnecting, with a countdown kept up to date here and then @reconnect_hint if not NULL; not
 * connected, and why). FALSE, and nothing said, when it is connected: the caller says what that
 * means for it. Needs a call (fd_call_status_set_call()). */
gboolean fd_call_status_show_relay (FdCallStatus *self,
                                    const char   *reconnect_hint);
/* The call whose time is shown (while CONNECTED); NULL for none. */
void  fd_call_status_set_call (FdCallStatus *self,
                               FdRelayCall  *call);
/* 02:13, or 1:02:13 from an hour on. */
char *fd_call_status_format_duration (guint seconds);

G_END_DECLS
