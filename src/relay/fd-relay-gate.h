/* fd-relay-gate.h: the relay's listening socket and what it lets in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accepts TCP connections itself (its own listening socket with a large backlog, emptied in
 * batches, so a reconnect storm after a restart is queued rather than reset), caps connections in
 * total and per client address, does the TLS handshake, and closes any connection that has not become a WebSocket
 * within the request timeout (half-sent requests are not held open). Accepted connections are
 * wrapped in an FdRelayStream and handed to the SoupServer.
 */
#pragma once

#include <libsoup/soup.h>

#include "fd-relay-stream.h"

G_BEGIN_DECLS

typedef struct _FdRelayGate FdRelayGate;

typedef struct {
  guint backlog;
  guint max_connections;
  guint max_per_address;
  guint request_timeout_s;
} FdRelayGateLimits;

FdRelayGate   *fd_relay_gate_new          (SoupServer              *soup,
                                           GInetAddress            *address,
                                           guint                    port,
                                           GTlsCertificate         *certificate,
                                           const FdRelayGateLimits *limits,
                                           GError                 **error);
void           fd_relay_gate_free         (FdRelayGate             *gate);
guint          fd_relay_gate_get_port     (FdRelayGate             *gate);
guint          fd_relay_gate_count        (FdRelayGate             *gate);
/* Connections refused by the caps since start. */
guint64        fd_relay_gate_refused      (FdRelayGate             *gate);
/* The stream a message of the SoupServer arrived on (NULL if unknown). */
FdRelayStream *fd_relay_gate_stream_for   (SoupServerMessage       *msg);

G_END_DECLS
