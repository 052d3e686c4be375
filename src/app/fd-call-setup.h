/* fd-call-setup.h: the app's call model set up from its settings, and words for calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the desk page and the interpreter station: an FdRelayCall whose media is configured
 * from the application (ICE addresses, test media, the "No camera" text) and connected with the
 * relay address and token from Preferences; and the translated words both show for a call.
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-relay-call.h"

G_BEGIN_DECLS

/* A new call model for this desk or station (not connected yet). */
FdRelayCall  *fd_call_setup_new_call       (FdSignalRole  role);
/* (Re)connects @call with the relay address and token from the settings; FALSE (and nothing
 * done) when either is empty. @languages: an interpreter's. */
gboolean      fd_call_setup_connect        (FdRelayCall        *call,
                                            const char * const *languages);
/* Ends any call, closes the relay connection, drops @owner's handlers on the call and its client
 * and @owner's reference; *@call becomes NULL. For dispose(). */
void          fd_call_setup_drop_call      (FdRelayCall       **call,
                                            gpointer            owner);

/* A message for people about a failed call (FD_CALL_ERROR, FD_SIGNAL_ERROR, FD_RELAY_CALL_ERROR
 * or anything else), translated. */
char         *fd_call_setup_describe_error (const GError *error);

/* Names of the interpreting languages, translated ("csl" → "Chinese Sign Language"); the code
 * itself when unknown. */
const char   *fd_call_setup_language_name  (const char   *code);
/* The same name for an item (GtkStringObject) holding a language code, for drop-downs and combo
 * rows whose model holds the codes. */
GtkExpression *fd_call_setup_language_name_expression (void);

G_END_DECLS
