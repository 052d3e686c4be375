/* fd-call-pane.h: one FdRelayCall shown: relay set-up, status card, modes and the call view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the desk's Interpreter page and the interpreter station share. The pane shows "No Relay
 * Configured" (with @empty-description and a button to Preferences) until fd_call_pane_connect()
 * finds a relay address and token; then the call's status card and a stack of modes. The mode
 * "call" (the call view) is the pane's own and is shown while the media is set up and the call
 * runs; the owner adds its other modes in its template as
 *   <child type="mode"><object class="GtkStackPage">…</object></child>
 * and controls above the status card as <child type="controls">. The pane follows the relay
 * settings (address, token) and emits "relay-changed" when they change.
 */
#pragma once

#include <adwaita.h>

#include "fd-call-status.h"
#include "fd-call-view.h"
#include "fd-relay-call.h"

G_BEGIN_DECLS

#define FD_TYPE_CALL_PANE (fd_call_pane_get_type ())
G_DECLARE_FINAL_TYPE (FdCallPane, fd_call_pane, FD, CALL_PANE, AdwBin)

/* The pane keeps @call and, when disposed, ends it and closes its relay connection
 * (fd_call_setup_drop_call()). */
void          fd_call_pane_set_call   (FdCallPane         *self,
                                       FdRelayCall        *call);
FdRelayCall  *fd_call_pane_get_call   (FdCallPane         *self);
/* The owner connects its handlers on the call and on its relay connection (FdSignalClient)
 * here: they are dropped before the pane ends the call, so the owner needs no clean-up. */
GSignalGroup *fd_call_pane_get_call_signals   (FdCallPane *self);
GSignalGroup *fd_call_pane_get_client_signals (FdCallPane *self);
FdCallStatus *fd_call_pane_get_status (FdCallPane         *self);
FdCallView   *fd_call_pane_get_view   (FdCallPane         *self);
/* Shows one of the owner's modes (or "call"). */
void          fd_call_pane_set_mode   (FdCallPane         *self,
                                       const char         *mode);
/* (Re)connects the call with the relay address and token of the settings (@languages: an
 * interpreter's) and shows the call's page; without an address or token, disconnects and shows
 * "No Relay Configured". TRUE when a relay is configured. Call it only while no call is in hand
 * (fd_relay_call_is_active()): a reconnection would end it. */
gboolean      fd_call_pane_connect    (FdCallPane         *self,
                                       const char * const *languages);

G_END_DECLS
