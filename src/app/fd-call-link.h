/* fd-call-link.h: one call engine carried over the relay's signalling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glue shared by the desk page and the interpreter window: makes an
 * FdCallEngine configured from the app's settings (ICE addresses, media) and
 * wires its SDP and ICE candidates to an FdSignalClient and back. The
 * connections are dropped when the engine is finalized.
 */
#pragma once

#include <gio/gio.h>

#include "fd-call-engine.h"
#include "fd-signal-client.h"

G_BEGIN_DECLS

/* A new engine for the call the relay just accepted; not started yet. */
FdCallEngine *fd_call_link_new_engine (FdSignalClient *client,
                                       gboolean        offerer);

/* A message for people about a failed call (FD_CALL_ERROR, FD_SIGNAL_ERROR
 * or anything else), translated. */
char         *fd_call_link_describe_error (const GError *error);

/* Names of the interpreting languages, translated ("csl" → "Chinese Sign
 * Language"); the code itself when unknown. */
const char   *fd_call_link_language_name  (const char   *code);

G_END_DECLS
