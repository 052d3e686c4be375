/* bench-relay-load.c: many authenticated WebSocket clients against one relay, in one process
 *
 * One epoll loop drives every client over raw non-blocking sockets (a hand-written WebSocket
 * client: masked text frames out, ping frames answered), so 10,000 clients cost the load
 * generator little on a two-core machine. Phases:
 *   1. storm: all clients connect, upgrade and send `hello`, the connects spread evenly over
 *      --storm-seconds (a restart storm); every `welcome` is counted;
 *   2. steady: every client pings at the relay's `ping_interval`; --rate times a second a free
 *      desk sends `call-request`, and on `ringing` (the latency measured) `call-cancel`.
 * Clients bind to --addresses source addresses 127.1.x.y (all routed to lo), so neither the
 * ephemeral ports of one address nor the relay's per-address cap is what limits the run.
 * The relay's RSS (/proc/PID/status) is read before the storm, after it, and at the end.
 *
 * usage: bench-relay-load --port N --pid PID --tokens FILE [--label NAME] [--storm-seconds 5]
 *                         [--duration 20] [--rate 100] [--addresses 100]
 * FILE: one client a line, "desk TOKEN" or "interpreter TOKEN".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench-common.h"

#define IN_SIZE 8192
#define OUT_SIZE 4096

typedef enum { ST_IDLE, ST_CONNECTING, ST_HTTP, ST_HELLO, ST_READY, ST_DEAD } State;

typedef struct {
  int fd;
  State state;
  gboolean desk;
  char *token;
  guint addr;
  guint8 in[IN_SIZE];
  gsize in_len;
  guint8 out[OUT_SIZE];
  gsize out_len;
  double next_ping;   /* s, monotonic */
  double asked_at;    /* s; 0 = no call request open */
  char call[72];      /* the open call's id, once known */
  gboolean cancel_sent;
} Client;

static struct {
  guint port, pid, addresses, rate;
  double storm_s, duration_s;
  const char *label;
  int ep;
  Client *clients;
  guint n;
  guint ping_interval;
  /* counts */
  guint signed_in, resets, refused, conn_errors, closes, bad_http, errors_msg, queued;
  guint pongs, pings, requests, ringings, cancelled, lost_calls;
  double last_welcome;
  GArray *ring_ms;
  GHashTable *error_codes;   /* code → count */
} B;

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
relay_rss_kib (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u/status", B.pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

static void
count_error (const char *code)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (B.error_codes, code));

  g_hash_table_replace (B.error_codes, g_strdup (code), GUINT_TO_POINTER (n + 1));
}

static void
client_kill (Client     *c,
             const char *why)
{
  if (c->fd >= 0)
    {
      epoll_ctl (B.ep, EPOLL_CTL_DEL, c->fd, NULL);
      close (c->fd);
    }
  c->fd = -1;
  if (c->state == ST_READY)
    B.signed_in--;
  if (c->asked_at > 0)
    B.lost_calls++;
  c->asked_at = 0;
  c->state = ST_DEAD;
  count_error (why);
}

static void
flush_out (Client *c)
{
  while (c->out_len > 0)
    {
      ssize_t w = send (c->fd, c->out, c->out_len, MSG_NOSIGNAL);

      if (w < 0)
        {
          if (errno == EAGAIN)
            break;
          if (errno == ECONNRESET || errno == EPIPE)
            B.resets++;
          else
            B.conn_errors++;
          client_kill (c, errno == ECONNRESET || errno == EPIPE ? "reset" : "send-error");
          return;
        }
      memmove (c->out, c->out + w, c->out_len - w);
      c->out_len -= w;
    }
  struct epoll_event ev = { .events = EPOLLIN | (c->out_len > 0 ? EPOLLOUT : 0), .data.ptr = c };
  epoll_ctl (B.ep, EPOLL_CTL_MOD, c->fd, &ev);
}

/* A masked client frame (RFC 6455 §5.3) */
static void
send_frame (Client     *c,
            guint8      opcode,
            const char *payload,
            gsize       len)
{
  guint8 *p = c->out + c->out_len;
  guint32 mask = g_random_int ();
  const guint8 *m = (const guint8 *) &mask;

  if (c->state == ST_DEAD || c->out_len + len + 8 > OUT_SIZE)
    {
      if (c->state != ST_DEAD)
        client_kill (c, "client-send-queue-full");
      return;
    }
  *p++ = 0x80 | opcode;
  if (len < 126)
    *p++ = 0x80 | len;
  else
    {
      *p++ = 0x80 | 126;
      *p++ = len >> 8;
      *p++ = len & 0xff;
    }
  memcpy (p, m, 4);
  p += 4;
  for (gsize i = 0; i < len; i++)
    p[i] = payload[i] ^ m[i % 4];
  c->out_len = (p + len) - c->out;
  flush_out (c);
}

static void
send_text (Client     *c,
           const char *text)
{
  send_frame (c, 1, text, strlen (text));
}

/* The string value of "key" in a flat JSON text we trust enough for a benchmark (the relay's). */
static gboolean
json_string (const char *json,
             const char *key,
             char       *out,
             gsize       out_size)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\":\"", key);
  const char *s = strstr (json, needle), *e;

  if (s == NULL)
    return FALSE;
  s += strlen (needle);
  e = strchr (s, '"');
  if (e == NULL || (gsize) (e - s) >= out_size)
    return FALSE;
  memcpy (out, s, e - s);
  out[e - s] = '\0';
  return TRUE;
}

static void
on_message (Client *c,
            char   *json)
{
  char type[32], value[72];

  if (!json_string (json, "type", type, sizeof type))
    return;
  if (strcmp (type, "pong") == 0)
    B.pongs++;
  else if (strcmp (type, "welcome") == 0 && c->state == ST_HELLO)
    {
      const char *pi = strstr (json, "\"ping_interval\":");

      if (pi != NULL)
        B.ping_interval = MAX (1, atoi (pi + 16));
      c->state = ST_READY;
      B.signed_in++;
      B.last_welcome = now_s ();
      c->next_ping = B.last_welcome + g_random_double_range (0, B.ping_interval);
    }
  else if (strcmp (type, "ringing") == 0 && c->asked_at > 0 && !c->cancel_sent)
    {
      double ms = (now_s () - c->asked_at) * 1000.0;
      g_autofree char *cancel = NULL;

      g_array_append_val (B.ring_ms, ms);
      B.ringings++;
      json_string (json, "call", c->call, sizeof c->call);
      cancel = g_strdup_printf ("{\"type\":\"call-cancel\",\"call\":\"%s\"}", c->call);
      c->cancel_sent = TRUE;
      send_text (c, cancel);
    }
  else if (strcmp (type, "queued") == 0 && c->asked_at > 0 && !c->cancel_sent)
    {
      g_autofree char *cancel = NULL;

      B.queued++;
      json_string (json, "call", c->call, sizeof c->call);
      cancel = g_strdup_printf ("{\"type\":\"call-cancel\",\"call\":\"%s\"}", c->call);
      c->cancel_sent = TRUE;
      send_text (c, cancel);
    }
  else if (strcmp (type, "call-ended") == 0 && c->desk && c->asked_at > 0)
    {
      if (json_string (json, "reason", value, sizeof value) && strcmp (value, "cancelled") == 0)
        B.cancelled++;
      c->asked_at = 0;
      c->cancel_sent = FALSE;
    }
  else if (strcmp (type, "error") == 0)
    {
      B.errors_msg++;
      count_error (json_string (json, "code", value, sizeof value) ? value : "error-message");
      if (c->desk && c->asked_at > 0 && !c->cancel_sent)
        c->asked_at = 0;  /* the request was refused: the desk is free again */
    }
}

/* Parses whole server frames (unmasked) out of c->in */
static void
on_frames (Client *c)
{
  gsize pos = 0;

  while (c->state != ST_DEAD && c->in_len - pos >= 2)
    {
      guint8 *f = c->in + pos;
      guint8 opcode = f[0] & 0x0f;
      guint64 len = f[1] & 0x7f;
      gsize head = 2;

      if (len == 126)
        {
          if (c->in_len - pos < 4)
            break;
          len = (f[2] << 8) | f[3];
          head = 4;
        }
      else if (len == 127)
        {
          client_kill (c, "frame-too-large");
          return;
        }
      if (head + len > IN_SIZE)
        {
          client_kill (c, "frame-too-large");
          return;
        }
      if (c->in_len - pos < head + len)
        break;
      if (opcode == 1)
        {
          char text[IN_SIZE + 1];

          memcpy (text, f + head, len);
          text[len] = '\0';
          on_message (c, text);
        }
      else if (opcode == 9)
        send_frame (c, 10, (const char *) f + head, len);
      else if (opcode == 8)
        {
          guint code = len >= 2 ? (f[head] << 8 | f[head + 1]) : 0;
          g_autofree char *why = g_strdup_printf ("close-%u", code);

          B.closes++;
          client_kill (c, why);
          return;
        }
      pos += head + len;
    }
  if (c->state != ST_DEAD)
    {
      memmove (c->in, c->in + pos, c->in_len - pos);
      c->in_len -= pos;
    }
}

static void
on_readable (Client *c)
{
  for (;;)
    {
      ssize_t r = recv (c->fd, c->in + c->in_len, IN_SIZE - c->in_len, 0);

      if (r < 0 && errno == EAGAIN)
        return;
      if (r <= 0)
        {
          if (r < 0 && errno == ECONNRESET)
            B.resets++;
          else
            B.closes++;
          client_kill (c, r < 0 && errno == ECONNRESET ? "reset" : "eof");
          return;
        }
      c->in_len += r;
      if (c->state == ST_HTTP)
        {
          char *end = g_strstr_len ((char *) c->in, c->in_len, "\r\n\r\n");
          g_autofree char *hello = NULL;

          if (end == NULL)
            {
              if (c->in_len == IN_SIZE)
                client_kill (c, "http-too-long");
              continue;
            }
          if (c->in_len < 12 || memcmp (c->in, "HTTP/1.1 101", 12) != 0)
            {
              B.bad_http++;
              client_kill (c, "http-not-101");
              return;
            }
          gsize used = (guint8 *) end + 4 - c->in;
          memmove (c->in, c->in + used, c->in_len - used);
          c->in_len -= used;
          c->state = ST_HELLO;
          hello = c->desk
            ? g_strdup_printf ("{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"%s\","
                               "\"client\":\"bench-relay-load\"}", c->token)
            : g_strdup_printf ("{\"type\":\"hello\",\"v\":1,\"role\":\"interpreter\",\"token\":"
                               "\"%s\",\"languages\":[\"csl\",\"en\",\"ru\"],"
                               "\"presence\":\"available\",\"client\":\"bench-relay-load\"}",
                               c->token);
          send_text (c, hello);
        }
      if (c->state == ST_HELLO || c->state == ST_READY)
        on_frames (c);
      if (c->state == ST_DEAD)
        return;
    }
}

static void
on_writable (Client *c)
{
  if (c->state == ST_CONNECTING)
    {
      int err = 0;
      socklen_t len = sizeof err;
      char request[512];

      getsockopt (c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0)
        {
          if (err == ECONNREFUSED)
            B.refused++;
          else if (err == ECONNRESET)
            B.resets++;
          else
            B.conn_errors++;
          client_kill (c, err == ECONNRESET ? "reset" : g_strerror (err));
          return;
        }
      c->state = ST_HTTP;
      snprintf (request, sizeof request,
                "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n", B.port);
      memcpy (c->out, request, strlen (request));
      c->out_len = strlen (request);
    }
  flush_out (c);
}

static void
client_connect (Client *c)
{
  struct sockaddr_in src = { .sin_family = AF_INET }, dst = { .sin_family = AF_INET };
  struct epoll_event ev = { .events = EPOLLOUT | EPOLLIN, .data.ptr = c };
  int one = 1;

  c->fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c->fd < 0)
    {
      B.conn_errors++;
      client_kill (c, "socket");
      return;
    }
  setsockopt (c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  src.sin_addr.s_addr = htonl ((127u << 24) | (1u << 16) | ((c->addr / 250) << 8) | (c->addr % 250 + 1));
  if (bind (c->fd, (struct sockaddr *) &src, sizeof src) < 0)
    {
      B.conn_errors++;
      client_kill (c, "bind");
      return;
    }
  dst.sin_port = htons (B.port);
  dst.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  c->state = ST_CONNECTING;
  epoll_ctl (B.ep, EPOLL_CTL_ADD, c->fd, &ev);
  if (connect (c->fd, (struct sockaddr *) &dst, sizeof dst) < 0 && errno != EINPROGRESS)
    {
      if (errno == ECONNREFUSED)
        B.refused++;
      else
        B.conn_errors++;
      client_kill (c, g_strerror (errno));
    }
}

/* pings of every signed-in client that are due (during the storm too: the idle timeout runs) */
static void
send_due_pings (double t)
{
  for (guint i = 0; i < B.n; i++)
    {
      Client *c = &B.clients[i];

      if (c->state == ST_READY && t >= c->next_ping)
        {
          send_text (c, "{\"type\":\"ping\"}");
          B.pings++;
          c->next_ping += B.ping_interval;
        }
    }
}

static void
poll_once (int timeout_ms)
{
  struct epoll_event events[512];
  int n = epoll_wait (B.ep, events, G_N_ELEMENTS (events), timeout_ms);

  for (int i = 0; i < n; i++)
    {
      Client *c = events[i].data.ptr;

      if (c->state == ST_DEAD)
        continue;
      if (events[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
        on_writable (c);
      if (c->state != ST_DEAD && c->state != ST_CONNECTING && (events[i].events & EPOLLIN))
        on_readable (c);
    }
}

static void
load_tokens (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (text, "\n", -1);
  B.clients = g_new0 (Client, g_strv_length (lines));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", 2);
      Client *c = &B.clients[B.n];

      if (g_strv_length (f) != 2)
        continue;
      c->fd = -1;
      c->desk = strcmp (f[0], "desk") == 0;
      c->token = g_strdup (f[1]);
      c->addr = B.n % B.addresses;
      B.n++;
    }
}

static void
print_results (guint  storm_signed_in,
               long   rss0,
               long   rss1,
               long   rss2,
               double storm_start,
               double steady_s)
{
  guint desks = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < B.n; i++)
    desks += B.clients[i].desk;
  printf ("\n== %s ==\n", B.label);
  printf ("clients: %u (%u desks, %u interpreters) from %u source addresses\n",
          B.n, desks, B.n - desks, B.addresses);
  printf ("signed in after the storm: %u of %u (waited at most %.0f s); at the end: %u (last "
          "welcome %.2f s after the first connect; connects spread over %.1f s)\n",
          storm_signed_in, B.n, B.storm_s + 20, B.signed_in, B.last_welcome - storm_start,
          B.storm_s);
  printf ("resets: %u, refused: %u, other socket errors: %u, closes by the relay: %u, "
          "upgrade refused: %u, error messages: %u\n",
          B.resets, B.refused, B.conn_errors, B.closes, B.bad_http, B.errors_msg);
  g_hash_table_iter_init (&iter, B.error_codes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    printf ("  %s: %u\n", (char *) key, GPOINTER_TO_UINT (value));
  printf ("relay RSS: %ld KiB before, %ld KiB signed in, %ld KiB at the end\n", rss0, rss1, rss2);
  if (storm_signed_in > 0 && B.signed_in > 0)
    printf ("relay RSS per signed-in connection: %.2f KiB after the storm, %.2f KiB at the end "
            "(goal <= 8 KiB; only meaningful when all %u signed in)\n",
            (rss1 - rss0) / (double) storm_signed_in, (rss2 - rss0) / (double) B.signed_in, B.n);
  printf ("steady %.1f s: %u pings, %u pongs; %u call requests (%.1f/s), %u ringing, "
          "%u queued, %u cancelled, %u calls lost with their desk\n",
          steady_s, B.pings, B.pongs, B.requests, B.requests / steady_s, B.ringings, B.queued,
          B.cancelled, B.lost_calls);
  if (B.ring_ms->len > 0)
    {
      g_array_sort (B.ring_ms, fd_bench_compare_double);
      printf ("request -> ringing: median %.3f ms, p99 %.3f ms, max %.3f ms over %u "
              "(goal p99 <= 2 ms)\n", fd_bench_percentile (B.ring_ms, 0.5),
              fd_bench_percentile (B.ring_ms, 0.99),
              g_array_index (B.ring_ms, double, B.ring_ms->len - 1), B.ring_ms->len);
    }
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  const char *tokens = NULL;
  double storm_start, t, steady_start, next_request;
  guint started = 0, desk_cursor = 0;
  long rss0, rss1, rss2;
  guint storm_signed_in;
  const char *langs[] = { "csl", "en", "ru" };
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &B.port, "Relay port", "N" },
    { "pid", 0, 0, G_OPTION_ARG_INT, &B.pid, "Relay process id (for its RSS)", "PID" },
    { "tokens", 0, 0, G_OPTION_ARG_FILENAME, &tokens, "Client list", "FILE" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &B.label, "Name printed with the figures", "NAME" },
    { "storm-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &B.storm_s, "Connects spread over (5)", "S" },
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &B.duration_s, "Steady phase (20)", "S" },
    { "rate", 0, 0, G_OPTION_ARG_INT, &B.rate, "Call requests per second (100)", "N" },
    { "addresses", 0, 0, G_OPTION_ARG_INT, &B.addresses, "Source addresses (100)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— relay load generator");
  g_autoptr(GError) error = NULL;

  B.storm_s = 5;
  B.duration_s = 20;
  B.rate = 100;
  B.addresses = 100;
  B.label = "relay";
  B.ping_interval = 3;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || tokens == NULL || B.port == 0
      || B.pid == 0 || B.addresses == 0 || B.addresses > 250 * 250 || B.duration_s > 600
      || B.storm_s > 60)
    {
      fprintf (stderr, "%s\n", error ? error->message : "need --port, --pid and --tokens");
      return 2;
    }
  B.ring_ms = g_array_new (FALSE, FALSE, sizeof (double));
  B.error_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  load_tokens (tokens);
  B.ep = epoll_create1 (EPOLL_CLOEXEC);

  rss0 = relay_rss_kib ();
  /* 1. The storm: connects spread evenly over storm_s; then wait (at most storm_s + 20 s) for
   * every welcome, or until no client is still on its way. */
  storm_start = now_s ();
  for (;;)
    {
      guint due, pending = 0;

      t = now_s ();
      due = MIN (B.n, (guint) ((t - storm_start) / B.storm_s * B.n) + 1);
      while (started < due)
        client_connect (&B.clients[started++]);
      for (guint i = 0; i < started; i++)
        pending += B.clients[i].state != ST_READY && B.clients[i].state != ST_DEAD;
      if ((started == B.n && pending == 0) || t - storm_start > B.storm_s + 20)
        break;
      send_due_pings (t);
      poll_once (1);
    }
  /* let the relay settle before reading its memory */
  for (double until = now_s () + 1.0; (t = now_s ()) < until;)
    {
      send_due_pings (t);
      poll_once (50);
    }
  rss1 = relay_rss_kib ();
  storm_signed_in = B.signed_in;

  /* 2. Steady traffic */
  steady_start = next_request = now_s ();
  while ((t = now_s ()) - steady_start < B.duration_s)
    {
      send_due_pings (t);
      while (t >= next_request)
        {
          /* the next free desk, round robin */
          for (guint k = 0; k < B.n; k++)
            {
              Client *c = &B.clients[desk_cursor];

              desk_cursor = (desk_cursor + 1) % B.n;
              if (c->desk && c->state == ST_READY && c->asked_at == 0)
                {
                  g_autofree char *req = g_strdup_printf (
                    "{\"type\":\"call-request\",\"language\":\"%s\"}", langs[B.requests % 3]);

                  c->asked_at = now_s ();
                  c->cancel_sent = FALSE;
                  B.requests++;
                  send_text (c, req);
                  break;
                }
            }
          next_request += 1.0 / B.rate;
        }
      poll_once (1);
    }
  /* answers still on their way */
  for (double until = now_s () + 1.0; now_s () < until;)
    poll_once (50);
  rss2 = relay_rss_kib ();
  print_results (storm_signed_in, rss0, rss1, rss2, storm_start, now_s () - steady_start);
  for (guint i = 0; i < B.n; i++)
    if (B.clients[i].fd >= 0)
      close (B.clients[i].fd);
  return 0;
}
