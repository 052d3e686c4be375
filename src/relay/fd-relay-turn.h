/* fd-relay-turn.h: short-lived TURN credentials handed out with each call (docs/relay.md, "TURN")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * coturn's REST scheme (use-auth-secret / static-auth-secret): username = "EXPIRY:ID" (EXPIRY in
 * Unix seconds), password = base64 (HMAC-SHA1 (secret, username)). The relay and coturn share the
 * secret; desks and consoles never hold more than one call's credentials.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char **stun_uris;   /* "stun:HOST:PORT" */
  char **turn_uris;   /* "turn:HOST:PORT?transport=udp", "turns:HOST:PORT" */
  char *secret;       /* coturn's static-auth-secret; never logged, wiped when freed */
  guint ttl;          /* seconds a credential stays valid */
} FdRelayTurn;

/* The [relay] keys stun-uris, turn-uris, turn-secret-file, turn-ttl and the environment variable
 * FRONTDESK_RELAY_TURN_SECRET. NULL without error when none is set (no ICE servers handed out). */
FdRelayTurn *fd_relay_turn_load        (GKeyFile     *kf,
                                        const char   *base_dir,
                                        GError      **error);
void         fd_relay_turn_free        (FdRelayTurn  *turn);

/* The coturn REST credential for @id valid until @expiry (Unix seconds). */
void         fd_relay_turn_credential  (const char   *secret,
                                        gint64        expiry,
                                        const char   *id,
                                        char        **username,
                                        char        **password);

/* The call-accepted "ice_servers" list for @id at @now (Unix seconds). */
JsonArray   *fd_relay_turn_ice_servers (const FdRelayTurn *turn,
                                        const char        *id,
                                        gint64             now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdRelayTurn, fd_relay_turn_free)

G_END_DECLS
