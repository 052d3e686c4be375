/* fd-relay-ws.c: the relay's WebSocket connections, all driven by one epoll descriptor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib-unix.h>

#include "fd-relay-ws.h"

#define READ_CHUNK      16384
#define READS_PER_TURN  4        /* then the connection waits its turn behind the others */
#define EVENTS_PER_TURN 256
#define CLOSE_TIMEOUT_S 5

typedef enum {
  WS_OPEN,
  WS_CLOSING,        /* our close frame is queued: waiting for the client's */
  WS_CLOSE_FLUSH,    /* the client's close was answered: close once the answer is out */
  WS_DEAD,           /* to be finished by the poller */
} WsState;

struct _FdRelayPoller
{
  GSource source;
  int epfd;
  GQueue queue;                   /* FdRelayWs that need a turn: more to read, or dead */
  gint64 now_us;                  /* at the start of the current dispatch */
  struct epoll_event events[EVENTS_PER_TURN];
  guint8 buffer[READ_CHUNK];
};

struct _FdRelayWs
{
  FdRelayPoller *poller;
  GIOStream *io;
  FdRelayStream *stream;
  GPollableInputStream *input;
  GPollableOutputStream *output;
  int fd;
  guint64 max_message;
  const FdRelayWsFuncs *funcs;
  gpointer user_data;

  WsState state;
  gboolean discard;       /* after a protocol error: what arrives is dropped unparsed */
  gboolean plain;         /* TCP without TLS (TLS may hold decrypted bytes back) */
  gboolean queued;
  GList link;
  gushort close_code;
  gboolean reset;         /* died of a socket error, not an end of stream */
  gint64 closing_us;
  gint64 wrote_us;
  gint64 heard_us;        /* last read of the client's bytes */

  GByteArray *partial;    /* an incomplete frame (header and payload bounded before it grows) */
  GByteArray *message;    /* a fragmented message being put together */
  gboolean message_text;
  GByteArray *out;
  gsize out_done;
};

static void
enqueue (FdRelayWs *ws)
{
  if (ws->queued)
    return;
  ws->queued = TRUE;
  g_queue_push_tail_link (&ws->poller->queue, &ws->link);
}

static void
set_dead (FdRelayWs *ws)
{
  ws->state = WS_DEAD;
  enqueue (ws);
}

static void
flush (FdRelayWs *ws)
{
  while (ws->out != NULL && ws->state != WS_DEAD)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (ws->output, ws->out->data + ws->out_done,
                                                             ws->out->len - ws->out_done, NULL,
                                                             &error);

      if (n < 0)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              ws->reset = TRUE;
              set_dead (ws);
            }
          return;
        }
      ws->wrote_us = g_get_monotonic_time ();
      ws->out_done += (gsize) n;
      if (ws->out_done == ws->out->len)
        {
          g_clear_pointer (&ws->out, g_byte_array_unref);
          ws->out_done = 0;
          if (ws->state == WS_CLOSE_FLUSH)
            set_dead (ws);
        }
    }
}

/* Server frames are not masked. */
static void
send_frame (FdRelayWs  *ws,
            guint8      opcode,
            const void *data,
            gsize       length)
{
  guint8 head[10];
  gsize head_length = 2;
  gboolean idle = ws->out == NULL;

  head[0] = 0x80 | opcode;
  if (length < 126)
    head[1] = (guint8) length;
  else if (length < 65536)
    {
      head[1] = 126;
      head[2] = (guint8) (length >> 8);
      head[3] = (guint8) length;
      head_length = 4;
    }
  else
    {
      head[1] = 127;
      for (guint i = 0; i < 8; i++)
        head[2 + i] = (guint8) ((guint64) length >> (56 - 8 * i));
      head_length = 10;
    }
  if (ws->out == NULL)
    ws->out = g_byte_array_sized_new ((guint) (head_length + length));
  g_byte_array_append (ws->out, head, (guint) head_length);
  g_byte_array_append (ws->out, data, (guint) length);
  if (idle)
    flush (ws);
}

static void
send_close (FdRelayWs  *ws,
            gushort     code,
            const char *reason)
{
  guint8 payload[125];
  gsize length = 0;

  if (code != 0)
    {
      gsize reason_length = reason != NULL ? MIN (strlen (reason), sizeof payload - 2) : 0;

      payload[0] = (guint8) (code >> 8);
      payload[1] = (guint8) code;
      memcpy (payload + 2, reason, reason_length);
      length = 2 + reason_length;
    }
  send_frame (ws, 0x8, payload, length);
}

/* The client broke the protocol or a bound. */
static void
fail (FdRelayWs  *ws,
      gushort     code,
      const char *reason)
{
  ws->discard = TRUE;   /* feed drops the buffers once parse is out of them */
  if (ws->state != WS_OPEN)
    return;
  if (ws->funcs->failed != NULL)
    ws->funcs->failed (ws, code, reason, ws->user_data);
  fd_relay_ws_close (ws, code, reason);
}

static void
deliver (FdRelayWs    *ws,
         gboolean      text,
         const guint8 *data,
         gsize         length)
{
  if (ws->state != WS_OPEN)
    return;   /* after our close frame: read, not acted on */
  if (text && !g_utf8_validate_len ((const char *) data, length, NULL))
    {
      fail (ws, 1007, "text message is not UTF-8");
      return;
    }
  ws->funcs->message (ws, text, (const char *) data, length, ws->user_data);
}

static void
on_control (FdRelayWs    *ws,
            guint8        opcode,
            const guint8 *data,
            gsize         length)
{
  if (opcode == 0x9 && ws->state == WS_OPEN)
    send_frame (ws, 0xA, data, length);
  else if (opcode == 0x8)
    {
      gushort code = length >= 2 ? (gushort) (data[0] << 8 | data[1]) : 0;

      if (ws->close_code == 0)
        ws->close_code = code;
      if (ws->state == WS_OPEN)
        {
          /* Answer with the client's code, then close the socket once the answer is out. */
          ws->state = WS_CLOSE_FLUSH;
          ws->closing_us = g_get_monotonic_time ();
          send_frame (ws, 0x8, data, MIN (length, (gsize) 2));
        }
      else if (ws->state == WS_CLOSING)
        set_dead (ws);
    }
}

/* Checks a complete frame header; FALSE when the connection failed. */
static gboolean
header_ok (FdRelayWs *ws,
           guint8     b0,
           guint8     b1,
           guint64    length)
{
  guint8 opcode = b0 & 0x0f;
  gboolean fin = (b0 & 0x80) != 0;
  guint64 so_far = ws->message != NULL ? ws->message->len : 0;

  if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0)
    fail (ws, 1002, (b0 & 0x70) != 0 ? "reserved bits set" : "client frames must be masked");
  else if (opcode >= 0x8)
    {
      if (opcode > 0xA || !fin || length > 125)
        fail (ws, 1002, "bad control frame");
    }
  else if (opcode > 0x2 || (opcode == 0x0) != (ws->message != NULL))
    fail (ws, 1002, "bad data frame");
  else if (length > ws->max_message || so_far > ws->max_message - length)
    fail (ws, 1009, "message too big");
  return !ws->discard;
}

/* Handles the whole frames at @data; returns the bytes used (the rest is an incomplete frame). */
static gsize
parse (FdRelayWs *ws,
       guint8    *data,
       gsize      length)
{
  gsize used = 0;

  while (!ws->discard && ws->state != WS_DEAD && length - used >= 2)
    {
      guint8 *p = data + used;
      gsize avail = length - used;
      guint8 b0 = p[0], b1 = p[1], *mask, *payload;
      guint64 plen = b1 & 0x7f;
      gsize head = 2 + (plen == 126 ? 2 : (plen == 127 ? 8 : 0)) + ((b1 & 0x80) ? 4 : 0);

      if (avail < head)
        break;
      if (plen == 126)
        plen = (guint64) p[2] << 8 | p[3];
      else if (plen == 127)
        {
          plen = 0;
          for (guint i = 0; i < 8; i++)
            plen = plen << 8 | p[2 + i];
        }
      if (!header_ok (ws, b0, b1, plen))
        break;
      if (avail - head < plen)
        break;
      mask = p + head - 4;
      payload = p + head;
      for (guint64 i = 0; i < plen; i++)
        payload[i] ^= mask[i & 3];
      used += head + (gsize) plen;

      switch (b0 & 0x0f)
        {
        case 0x1:
        case 0x2:
          if (b0 & 0x80)
            deliver (ws, (b0 & 0x0f) == 0x1, payload, (gsize) plen);
          else
            {
              ws->message = g_byte_array_sized_new ((guint) plen);
              ws->message_text = (b0 & 0x0f) == 0x1;
              g_byte_array_append (ws->message, payload, (guint) plen);
            }
          break;
        case 0x0:
          g_byte_array_append (ws->message, payload, (guint) plen);
          if (b0 & 0x80)
            {
              g_autoptr(GByteArray) whole = g_steal_pointer (&ws->message);

              deliver (ws, ws->message_text, whole->data, whole->len);
            }
          break;
        default:
          on_control (ws, b0 & 0x0f, payload, (gsize) plen);
          break;
        }
    }
  return ws->discard ? length : used;
}

static void
feed (FdRelayWs *ws,
      guint8    *data,
      gsize      length)
{
  gsize used;

  if (ws->discard)
    return;
  if (ws->partial == NULL)
    {
      used = parse (ws, data, length);
      if (used < length && !ws->discard && ws->state != WS_DEAD)
        {
          ws->partial = g_byte_array_sized_new ((guint) (length - used));
          g_byte_array_append (ws->partial, data + used, (guint) (length - used));
        }
    }
  else
    {
      g_byte_array_append (ws->partial, data, (guint) length);
      used = parse (ws, ws->partial->data, ws->partial->len);
      if (used == ws->partial->len)
        g_clear_pointer (&ws->partial, g_byte_array_unref);
      else if (used > 0)
        g_byte_array_remove_range (ws->partial, 0, (guint) used);
    }
  if (ws->discard || ws->state == WS_DEAD)
    {
      g_clear_pointer (&ws->partial, g_byte_array_unref);
      g_clear_pointer (&ws->message, g_byte_array_unref);
    }
}

static void
read_some (FdRelayWs *ws)
{
  for (guint i = 0; i < READS_PER_TURN; i++)
    {
      g_autoptr(GError) error = NULL;
      gssize n;

      if (ws->state == WS_DEAD)
        return;
      n = g_pollable_input_stream_read_nonblocking (ws->input, ws->poller->buffer, READ_CHUNK, NULL,
                                                    &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return;
      if (n <= 0)
        {
          ws->reset = n < 0;
          set_dead (ws);   /* end of stream or an error: the client is gone */
          return;
        }
      ws->heard_us = ws->poller->now_us;
      feed (ws, ws->poller->buffer, (gsize) n);
      if (ws->plain && n < READ_CHUNK)
        return;   /* the socket is empty: the next bytes bring a new edge */
    }
  enqueue (ws);   /* there may be more: after the others have had a turn */
}

static void
on_closed_async (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  g_object_unref (source);
}

static void
release (FdRelayWs *ws,
         gboolean   from_loop)
{
  if (ws->queued)
    g_queue_unlink (&ws->poller->queue, &ws->link);
  if (ws->fd >= 0)
    epoll_ctl (ws->poller->epfd, EPOLL_CTL_DEL, ws->fd, NULL);
  /* From the loop asynchronously, as soup did: a TLS close_notify must not block the loop. */
  if (from_loop)
    {
      GIOStream *io = g_steal_pointer (&ws->io);

      g_io_stream_close_async (io, G_PRIORITY_DEFAULT, NULL, on_closed_async, io);
    }
  else
    {
      g_io_stream_close (ws->io, NULL, NULL);
      g_clear_object (&ws->io);
    }
  g_clear_object (&ws->stream);
  g_clear_pointer (&ws->partial, g_byte_array_unref);
  g_clear_pointer (&ws->message, g_byte_array_unref);
  g_clear_pointer (&ws->out, g_byte_array_unref);
  g_free (ws);
}

static gboolean
poller_prepare (GSource *source,
                gint    *timeout)
{
  FdRelayPoller *poller = (FdRelayPoller *) source;

  *timeout = -1;
  return !g_queue_is_empty (&poller->queue);
}

static gboolean
poller_dispatch (GSource     *source,
                 GSourceFunc  callback,
                 gpointer     data)
{
  FdRelayPoller *poller = (FdRelayPoller *) source;
  int n = epoll_wait (poller->epfd, poller->events, EVENTS_PER_TURN, 0);
  guint turns;

  poller->now_us = g_get_monotonic_time ();
  for (int i = 0; i < n; i++)
    {
      FdRelayWs *ws = poller->events[i].data.ptr;
      guint32 events = poller->events[i].events;

      if (ws->state == WS_DEAD)
        continue;
      if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
        flush (ws);
      if (events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP))
        read_some (ws);
    }
  /* Only those queued before this turn: the ones queued now wait for the next iteration. */
  turns = poller->queue.length;
  for (guint i = 0; i < turns && !g_queue_is_empty (&poller->queue); i++)
    {
      FdRelayWs *ws = g_queue_peek_head (&poller->queue);

      g_queue_unlink (&poller->queue, &ws->link);
      ws->queued = FALSE;
      if (ws->state != WS_DEAD)
        read_some (ws);
      if (ws->state == WS_DEAD && !ws->queued)
        {
          ws->funcs->closed (ws, ws->user_data);
          release (ws, TRUE);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
poller_finalize (GSource *source)
{
  FdRelayPoller *poller = (FdRelayPoller *) source;

  if (poller->epfd >= 0)
    close (poller->epfd);
}

static GSourceFuncs poller_funcs = {
  .prepare = poller_prepare,
  .dispatch = poller_dispatch,
  .finalize = poller_finalize,
};

FdRelayPoller *
fd_relay_poller_new (GError **error)
{
  int epfd = epoll_create1 (EPOLL_CLOEXEC);
  FdRelayPoller *poller;

  if (epfd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "epoll: %s",
                   g_strerror (saved));
      return NULL;
    }
  poller = (FdRelayPoller *) g_source_new (&poller_funcs, sizeof (FdRelayPoller));
  poller->epfd = epfd;
  g_queue_init (&poller->queue);
  g_source_set_static_name (&poller->source, "fd-relay WebSockets");
  g_source_add_unix_fd (&poller->source, epfd, G_IO_IN);
  g_source_attach (&poller->source, g_main_context_get_thread_default ());
  return poller;
}

/* The connections must have been freed. */
void
fd_relay_poller_free (FdRelayPoller *poller)
{
  if (poller == NULL)
    return;
  g_warn_if_fail (g_queue_is_empty (&poller->queue));
  g_source_destroy (&poller->source);
  g_source_unref (&poller->source);
}

FdRelayWs *
fd_relay_ws_new (FdRelayPoller        *poller,
                 GIOStream            *io,
                 FdRelayStream        *stream,
                 guint64               max_message,
                 const FdRelayWsFuncs *funcs,
                 gpointer              user_data)
{
  FdRelayWs *ws = g_new0 (FdRelayWs, 1);
  struct epoll_event event = { 0 };

  ws->poller = poller;
  ws->io = g_object_ref (io);
  ws->stream = g_object_ref (stream);
  /* The relay's own stream under soup's: soup buffered nothing past the request (the stream
   * refuses the upgrade otherwise), and a short read from it means the socket was emptied. */
  ws->input = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (G_IO_STREAM (stream)));
  ws->output = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (G_IO_STREAM (stream)));
  ws->plain = !fd_relay_stream_is_tls (stream);
  ws->fd = fd_relay_stream_get_fd (stream);
  ws->max_message = max_message;
  ws->funcs = funcs;
  ws->user_data = user_data;
  ws->link.data = ws;
  ws->wrote_us = ws->heard_us = g_get_monotonic_time ();
  /* Edge-triggered: each readiness is reported once, and read_some reads until the socket
   * would block (or queues the connection for another turn). */
  event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
  event.data.ptr = ws;
  if (ws->fd < 0 || epoll_ctl (poller->epfd, EPOLL_CTL_ADD, ws->fd, &event) < 0)
    {
      g_debug ("%s: cannot watch the socket: %s", fd_relay_stream_get_address (stream),
               g_strerror (errno));
      ws->fd = -1;
      set_dead (ws);
      return ws;
    }
  /* Bytes may already be buffered above the socket (TLS): the first turn reads them. */
  enqueue (ws);
  return ws;
}

void
fd_relay_ws_free (FdRelayWs *ws)
{
  if (ws != NULL)
    release (ws, FALSE);
}

gboolean
fd_relay_ws_is_open (FdRelayWs *ws)
{
  return ws->state == WS_OPEN;
}

void
fd_relay_ws_send_text (FdRelayWs  *ws,
                       const char *text,
                       gsize       length)
{
  g_return_if_fail (ws->state == WS_OPEN);
  send_frame (ws, 0x1, text, length);
}

guint64
fd_relay_ws_get_queued (FdRelayWs *ws)
{
  return ws->out != NULL ? ws->out->len - ws->out_done : 0;
}

void
fd_relay_ws_close (FdRelayWs  *ws,
                   gushort     code,
                   const char *reason)
{
  if (ws->state != WS_OPEN)
    return;
  ws->state = WS_CLOSING;
  ws->closing_us = g_get_monotonic_time ();
  send_close (ws, code, reason);
}

void
fd_relay_ws_abort (FdRelayWs *ws)
{
  if (ws->state == WS_DEAD)
    return;
  fd_relay_stream_abort (ws->stream);
  set_dead (ws);
}

gushort
fd_relay_ws_get_close_code (FdRelayWs *ws)
{
  return ws->close_code;
}

gboolean
fd_relay_ws_has_unread (FdRelayWs *ws)
{
  int n = 0;

  if (ws->state == WS_DEAD)
    return FALSE;
  return ws->queued || (ws->fd >= 0 && ioctl (ws->fd, FIONREAD, &n) == 0 && n > 0);
}

void
fd_relay_ws_tick (FdRelayWs *ws,
                  gint64     now_us,
                  guint      ping_interval_s)
{
  /* A keepalive only for a connection that was quiet both ways (clients ping by themselves). */
  if (ws->state == WS_OPEN && ping_interval_s > 0 && ws->out == NULL
      && now_us - MAX (ws->wrote_us, ws->heard_us) >= (gint64) ping_interval_s * G_USEC_PER_SEC)
    {
      ws->wrote_us = now_us;
      send_frame (ws, 0x9, NULL, 0);
    }
  else if ((ws->state == WS_CLOSING || ws->state == WS_CLOSE_FLUSH)
           && now_us - ws->closing_us > (gint64) CLOSE_TIMEOUT_S * G_USEC_PER_SEC)
    fd_relay_ws_abort (ws);
}

gboolean
fd_relay_ws_was_reset (FdRelayWs *ws)
{
  return ws->reset;
}
