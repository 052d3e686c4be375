/* relay-wire.h: a hand-made WebSocket client over a blocking socket, for tests that must send
 * what no client library would (fragments, half requests, huge nesting) or stop reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Connects to 127.0.0.1:@port with a 10 s socket timeout. */
GSocketConnection *wire_connect       (guint               port);
/* The two halves of wire_upgrade. */
void               wire_send_upgrade  (GSocketConnection  *conn,
                                       guint               port,
                                       const char         *origin);
guint              wire_read_status   (GSocketConnection  *conn);
/* Sends the upgrade request (with an Origin header unless @origin is NULL) and returns the
 * response's status code. */
guint              wire_upgrade       (GSocketConnection  *conn,
                                       guint               port,
                                       const char         *origin);
/* One masked client frame. */
void               wire_send_frame    (GSocketConnection  *conn,
                                       guint8              opcode,
                                       gboolean            fin,
                                       const void         *payload,
                                       gsize               length);
void               wire_send_text     (GSocketConnection  *conn,
                                       const char         *text);
/* Reads server frames until one with @opcode and returns its payload; NULL when the connection
 * ends or times out first. */
GBytes            *wire_read_frame    (GSocketConnection  *conn,
                                       guint8              opcode);
/* Reads text frames until one contains @needle (fails the test otherwise); returns it. */
char              *wire_wait_text     (GSocketConnection  *conn,
                                       const char         *needle);
/* The close code in a close frame's payload (0 when it has none). */
gushort            wire_close_code    (GBytes             *close_payload);
/* Reads server frames until a close frame (fails the test if none comes) and returns its code. */
gushort            wire_read_close    (GSocketConnection  *conn);
/* Whether the peer closed (end of stream or reset) within the socket timeout. */
gboolean           wire_peer_closed   (GSocketConnection  *conn);

G_END_DECLS
