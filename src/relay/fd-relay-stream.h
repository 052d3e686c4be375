/* fd-relay-stream.h: one accepted TCP (or TLS) connection, as the relay sees its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The relay accepts connections itself and hands soup a stream that, before the upgrade, finds
 * where each HTTP request header ends: a WebSocket upgrade whose client sent more bytes than its
 * request is refused (no frame reaches soup's buffers unseen). After the upgrade the relay's own
 * WebSocket layer (fd-relay-ws.c) reads and bounds the frames.
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
/* Marks the switch to WebSocket framing. FALSE when the client already sent bytes past its
 * request. */
gboolean       fd_relay_stream_upgrade        (FdRelayStream     *self);
gboolean       fd_relay_stream_is_tls         (FdRelayStream     *self);
/* The socket's descriptor (-1 if none). */
int            fd_relay_stream_get_fd         (FdRelayStream     *self);
/* Shuts the socket down in both directions: pending and later reads and writes fail. */
void           fd_relay_stream_abort          (FdRelayStream     *self);
/* Called once, when the stream is closed or finalized (whichever comes first). */
void           fd_relay_stream_set_release    (FdRelayStream     *self,
                                               FdRelayStreamFunc  release,
                                               gpointer           user_data);

G_END_DECLS
