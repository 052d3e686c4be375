/* fd-relay-ws.h: the relay's WebSocket connections, all driven by one epoll descriptor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup's SoupWebsocketConnection gives every connection its own GSources (the socket's, its
 * pollable wrapper's, a keepalive timeout), and GMainContext prepares, polls and checks every
 * source on each iteration: at 10,000 connections each iteration cost more than the work it did
 * (docs/performance.md, "Relay capacity"). Here the WebSocket side of RFC 6455 (server end:
 * masked client frames, fragmentation, ping/pong, the close handshake) runs over the stream soup
 * hands over after the 101, and every connection's socket is in one epoll set that one GSource
 * watches: an iteration costs what is ready, not what is open.
 *
 * Bounds: a data message (one frame or several) over max-message is refused from its frame
 * header, before its payload is read (close 1009); control frames ≤ 125 bytes; text must be
 * UTF-8 (1007); unmasked or reserved frames fail the connection (1002). After the relay sends a
 * close frame the connection gets close-timeout seconds to answer before it is cut.
 */
#pragma once

#include <gio/gio.h>

#include "fd-relay-stream.h"

G_BEGIN_DECLS

typedef struct _FdRelayPoller FdRelayPoller;
typedef struct _FdRelayWs FdRelayWs;

typedef struct {
  /* A whole data message; @text tells text from binary. */
  void (*message)(FdRelayWs  *ws,
                  gboolean    text,
                  const char *data,
                  gsize       length,
                  gpointer    user_data);
  /* The client broke the protocol or a bound: the connection closes with @code right after. */
  void (*failed)(FdRelayWs  *ws,
                 gushort     code,
                 const char *reason,
                 gpointer    user_data);
  /* The connection is gone; @ws is freed when this returns. */
  void (*closed)(FdRelayWs  *ws,
                 gpointer    user_data);
} FdRelayWsFuncs;

/* Attached to the thread-default main context. */
FdRelayPoller *fd_relay_poller_new        (GError              **error);
void           fd_relay_poller_free       (FdRelayPoller        *poller);

/* @io: what soup_server_message_steal_connection gave; @stream: the relay's stream under it. */
FdRelayWs     *fd_relay_ws_new            (FdRelayPoller        *poller,
                                           GIOStream            *io,
                                           FdRelayStream        *stream,
                                           guint64               max_message,
                                           const FdRelayWsFuncs *funcs,
                                           gpointer              user_data);
/* Frees without calling closed (the server is going away). */
void           fd_relay_ws_free           (FdRelayWs            *ws);
gboolean       fd_relay_ws_is_open        (FdRelayWs            *ws);
void           fd_relay_ws_send_text      (FdRelayWs            *ws,
                                           const char           *text,
                                           gsize                 length);
/* Bytes handed to the connection and not yet taken by the kernel. */
guint64        fd_relay_ws_get_queued     (FdRelayWs            *ws);
/* Sends a close frame (once); what the client sends afterwards is read and dropped. */
void           fd_relay_ws_close          (FdRelayWs            *ws,
                                           gushort               code,
                                           const char           *reason);
/* Shuts the socket down now; closed follows from the main loop. */
void           fd_relay_ws_abort          (FdRelayWs            *ws);
/* The code of the client's close frame (0 if none). */
gushort        fd_relay_ws_get_close_code (FdRelayWs            *ws);
/* TRUE when the connection died of a socket error (a reset: a network fault) rather than an end
 * of stream (the client's program closed it or died). */
gboolean       fd_relay_ws_was_reset      (FdRelayWs            *ws);
/* TRUE when bytes from the client wait in the kernel or for their turn here: the relay is behind,
 * the client was not silent (the hello and idle timeouts do not count that against it). */
gboolean       fd_relay_ws_has_unread     (FdRelayWs            *ws);
/* Once a second: a ping when nothing was sent or received for @ping_interval_s, and the close
 * timeout. */
void           fd_relay_ws_tick           (FdRelayWs            *ws,
                                           gint64                now_us,
                                           guint                 ping_interval_s);

G_END_DECLS
