/* fd-relay-health.h: GET /health and /metrics, the Origin check, and the headers every response
 * carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "fd-relay-config.h"
#include "fd-relay-router.h"

G_BEGIN_DECLS

/* Content-Security-Policy, nosniff, no framing, no referrer. */
void  fd_relay_security_headers (SoupServerMessage *msg);
/* Whether a browser at this Origin may open /ws: the relay's own origin (scheme://Host), an
 * allowed-origins entry, or no Origin at all (desktop clients). */
gboolean fd_relay_origin_allowed (SoupServerMessage *msg,
                                  FdRelayConfig     *config);
/* The bearer token of an "Authorization: Bearer …" header, or NULL. */
const char *fd_relay_bearer_token (SoupServerMessage *msg);
/* Liveness for anyone ({"status":"ok",…}, no database access); with the monitoring token
 * (monitor-hash) the details: counts, queues, today's calls and answer times. */
void  fd_relay_serve_health     (SoupServerMessage *msg,
                                 FdRelayConfig     *config,
                                 FdRelayRouter     *router,
                                 guint              websockets,
                                 guint              sockets,
                                 gint64             started_us);
/* The details document (new string). */
char *fd_relay_health_details   (FdRelayRouter     *router,
                                 guint              websockets,
                                 guint              sockets,
                                 gint64             started_us);

/* GET /metrics: Prometheus text format, with the monitoring token only (else 401). */
void  fd_relay_serve_metrics    (SoupServerMessage *msg,
                                 FdRelayConfig     *config,
                                 FdRelayRouter     *router,
                                 guint              websockets,
                                 guint              sockets,
                                 guint64            refused,
                                 gint64             started_us);

G_END_DECLS
