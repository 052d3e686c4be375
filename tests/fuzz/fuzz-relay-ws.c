/* fuzz-relay-ws.c: libFuzzer harness for the relay's WebSocket frame reader (fd-relay-ws.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The relay reads client frames itself since it left libsoup's WebSocket connection behind
 * (docs/relay.md). Each input is what a client sends after the 101: the harness makes a socket
 * pair, puts the relay's end under FdRelayStream and FdRelayWs exactly as the server does, writes
 * the input to the client's end in pieces whose sizes come from the input (so frames are split
 * across reads the way TCP splits them), then runs the poller until the connection is closed or
 * everything was read. Checked on the way: a delivered message never exceeds the bound, text
 * messages are UTF-8, a failure carries a close code of RFC 6455, and nothing leaks (ASan).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gio/gio.h>

#include "fd-relay-stream.h"
#include "fd-relay-ws.h"
#include "fuzz-common.h"

#define MAX_MESSAGE 4096   /* small, so the fuzzer reaches the bound quickly */

typedef struct {
  gboolean closed;
  guint messages;
} FuzzState;

static void
on_message (FdRelayWs  *ws,
            gboolean    text,
            const char *data,
            gsize       length,
            gpointer    user_data)
{
  FuzzState *state = user_data;

  if (length > MAX_MESSAGE)
    abort ();   /* the bound was not kept */
  if (text && !g_utf8_validate_len (data, length, NULL))
    abort ();   /* text must have been checked before it is delivered */
  state->messages++;
  /* Answer as the relay does, so the write path runs too. */
  if (fd_relay_ws_is_open (ws) && state->messages % 3 == 0)
    fd_relay_ws_send_text (ws, "{\"type\":\"pong\"}", 15);
}

static void
on_failed (FdRelayWs  *ws,
           gushort     code,
           const char *reason,
           gpointer    user_data)
{
  if (code != 1002 && code != 1007 && code != 1009)
    abort ();
  if (reason == NULL || *reason == '\0')
    abort ();
}

static void
on_closed (FdRelayWs *ws,
           gpointer   user_data)
{
  ((FuzzState *) user_data)->closed = TRUE;
}

static const FdRelayWsFuncs funcs = {
  .message = on_message,
  .failed = on_failed,
  .closed = on_closed,
};

/* Drains what the relay wrote to the client's end (pongs, close frames), so it never blocks. */
static void
drain (int fd)
{
  guint8 sink[4096];

  while (read (fd, sink, sizeof sink) > 0)
    ;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(FdRelayStream) stream = NULL;
  FdRelayPoller *poller;
  FdRelayWs *ws;
  FuzzState state = { 0 };
  gsize split, sent = 0;
  int fds[2];

  if (size < 1 || size > 65536)
    return 0;
  /* The first byte chooses the write size: 1..256 bytes at a time. */
  split = (gsize) data[0] + 1;
  data++;
  size--;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) < 0)
    abort ();
  g_main_context_push_thread_default (context);
  socket = g_socket_new_from_fd (fds[0], NULL);
  if (socket == NULL)
    abort ();
  connection = g_socket_connection_factory_create_connection (socket);
  stream = fd_relay_stream_new (G_IO_STREAM (connection), connection, "fuzz");
  if (!fd_relay_stream_upgrade (stream))
    abort ();
  poller = fd_relay_poller_new (NULL);
  if (poller == NULL)
    abort ();
  ws = fd_relay_ws_new (poller, G_IO_STREAM (stream), stream, MAX_MESSAGE, &funcs, &state);

  /* Bounded: every round either writes bytes or runs the loop, and stops when all is read. */
  for (guint round = 0; round < 100000 && !state.closed; round++)
    {
      if (sent < size)
        {
          ssize_t n = write (fds[1], data + sent, MIN (split, size - sent));

          if (n > 0)
            sent += (gsize) n;
          else if (n < 0 && errno != EAGAIN)
            break;
        }
      drain (fds[1]);
      if (!g_main_context_iteration (context, FALSE) && sent == size)
        break;   /* nothing left to read and nothing to do */
    }
  if (!state.closed)
    fd_relay_ws_free (ws);
  fd_relay_poller_free (poller);
  /* Let the asynchronous close of a connection finished by the poller complete. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  close (fds[1]);
  return 0;
}
