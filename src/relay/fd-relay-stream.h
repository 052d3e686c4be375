/* fd-relay-stream.h: one accepted TCP (or TLS) connection, as the relay sees its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup 3.2 reassembles fragmented WebSocket messages without bounding their total and exposes
 * neither its send queue nor its connections before the upgrade. The relay therefore accepts
 * connections itself and hands soup a stream that:
 *  - before the upgrade, finds where each HTTP request header ends (a WebSocket upgrade whose
 *    client sent more bytes than its request is refused: no frame escapes the count);
 *  - after the upgrade, follows the client's frame headers and reports ("trip") a data message
 *    whose frames add up to more than the limit, before its payload is read; from then on it
 *    drops everything the client sends;
 *  - counts the bytes written to the client, so the server knows how much is still queued.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FD_TYPE_RELAY_STREAM (fd_relay_stream_get_type ())
G_DECLARE_FINAL_TYPE (FdRelayStream, fd_relay_stream, FD, RELAY_STREAM, GIOStream)

typedef void (*FdRelayStreamFunc) (FdRelayStream *stream,
                                   gpointer       user_data);

/* @base: the GSocketConnection, or a GTlsConnection over @socket_conn. */
FdRelayStream *fd_relay_stream_new            (GIOStream         *base,
                                               GSocketConnection *socket_conn,
                                               const char        *address);
const char    *fd_relay_stream_get_address    (FdRelayStream     *self);
gint64         fd_relay_stream_get_accepted_us (FdRelayStream    *self);
gboolean       fd_relay_stream_is_upgraded    (FdRelayStream     *self);
/* Switches to WebSocket framing. FALSE when the client already sent bytes past its request. */
gboolean       fd_relay_stream_upgrade        (FdRelayStream     *self,
                                               guint64            max_message,
                                               FdRelayStreamFunc  on_trip,
                                               gpointer           user_data);
/* Drops the trip callback (the connection's owner is going away). */
void           fd_relay_stream_forget         (FdRelayStream     *self);
/* Bytes written to the client since the upgrade (frames, headers included). */
guint64        fd_relay_stream_get_written    (FdRelayStream     *self);
/* Shuts the socket down in both directions: pending and later reads and writes fail. */
void           fd_relay_stream_abort          (FdRelayStream     *self);
/* Called once, when the stream is closed or finalized (whichever comes first). */
void           fd_relay_stream_set_release    (FdRelayStream     *self,
                                               FdRelayStreamFunc  release,
                                               gpointer           user_data);

/* Exposed for the unit test: feeds client bytes through the frame accounting and returns FALSE
 * once the stream has tripped. */
gboolean       fd_relay_stream_scan           (FdRelayStream     *self,
                                               const guint8      *data,
                                               gsize              length);

G_END_DECLS
