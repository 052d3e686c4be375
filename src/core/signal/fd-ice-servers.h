/* fd-ice-servers.h: the STUN/TURN servers the relay hands out with a call (docs/protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `call-accepted` may carry `ice_servers`, a list in the browser's RTCIceServer form:
 *   [{"urls": ["turn:198.51.100.7:3478?transport=udp"], "username": "1765000000:desk-1",
 *     "credential": "base64…"}, {"urls": ["stun:198.51.100.7:3478"]}]
 * The credentials are short-lived (coturn's use-auth-secret scheme, made by the relay per call).
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FD_ICE_SERVERS_MAX      8    /* entries in the list */
#define FD_ICE_SERVERS_MAX_URLS 8    /* URLs in one entry */
#define FD_ICE_SERVERS_MAX_TEXT 512  /* bytes of one URL, username or credential */

/* Whether @node is a well-formed ice_servers list (bounded, known schemes). */
gboolean fd_ice_servers_validate (JsonNode    *node);

/* webrtcbin's forms of a validated list: the first STUN URL as "stun://HOST:PORT" (NULL when
 * none) and every TURN URL as "turn(s)://USER:PASS@HOST:PORT[?transport=…]" with user and
 * password percent-encoded (the REST username holds a ':'; GStreamer 1.22 splits the userinfo at
 * the first ':' and unescapes each half). */
void     fd_ice_servers_to_uris  (JsonArray   *servers,
                                  char       **stun,
                                  char      ***turn);

G_END_DECLS
