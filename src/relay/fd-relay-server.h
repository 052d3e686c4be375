/* fd-relay-server.h: frontdesk-relay's HTTP/WebSocket server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fd-relay-config.h"

G_BEGIN_DECLS

typedef struct _FdRelayServer FdRelayServer;

/* Opens the call records and listens (TLS when the config has a certificate). */
FdRelayServer *fd_relay_server_new      (FdRelayConfig  *config,
                                         GError        **error);
/* Swaps in freshly loaded identities (SIGHUP): connections whose identity is gone, changed role
 * or got a new token are closed with 4001; the others take the new name and allowed languages.
 * Other settings need a restart. Takes @identities. */
void           fd_relay_server_reload_identities (FdRelayServer *server,
                                                  GPtrArray     *identities);
/* Ends calls, closes every connection (1001) and stops listening. */
void           fd_relay_server_shutdown (FdRelayServer  *server);
void           fd_relay_server_free     (FdRelayServer  *server);

G_END_DECLS
