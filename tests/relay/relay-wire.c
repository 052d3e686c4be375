/* relay-wire.c: a hand-made WebSocket client over a blocking socket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "relay-wire.h"

static gboolean
read_exact (GInputStream *in,
            guint8       *buf,
            gsize         len)
{
  gsize got = 0;

  return g_input_stream_read_all (in, buf, len, &got, NULL, NULL) && got == len;
}

GSocketConnection *
wire_connect (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *conn;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (conn), 10);
  return conn;
}

void
wire_send_upgrade (GSocketConnection *conn,
                   guint              port,
                   const char        *origin)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  g_autofree char *origin_line = origin != NULL ? g_strdup_printf ("Origin: %s\r\n", origin)
                                                : g_strdup ("");
  g_autofree char *request =
    g_strdup_printf ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n%s\r\n", port, origin_line);

  g_assert_true (g_output_stream_write_all (out, request, strlen (request), NULL, NULL, NULL));
}

guint
wire_read_status (GSocketConnection *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  g_autoptr(GString) response = g_string_new (NULL);
  guint status = 0;

  while (!g_str_has_suffix (response->str, "\r\n\r\n"))
    {
      guint8 c;

      if (!read_exact (in, &c, 1))
        return 0;
      g_string_append_c (response, (char) c);
      g_assert_cmpuint (response->len, <, 4096);
    }
  if (sscanf (response->str, "HTTP/1.1 %u", &status) != 1)
    return 0;
  return status;
}

guint
wire_upgrade (GSocketConnection *conn,
              guint              port,
              const char        *origin)
{
  wire_send_upgrade (conn, port, origin);
  return wire_read_status (conn);
}

void
wire_send_frame (GSocketConnection *conn,
                 guint8             opcode,
                 gboolean           fin,
                 const void        *payload,
                 gsize              length)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  g_autoptr(GByteArray) frame = g_byte_array_sized_new (length + 14);
  guint8 head[2] = { (fin ? 0x80 : 0) | opcode, 0x80 };
  static const guint8 mask[4] = { 0x12, 0x34, 0x56, 0x78 };
  const guint8 *bytes = payload;

  if (length < 126)
    {
      head[1] |= (guint8) length;
      g_byte_array_append (frame, head, 2);
    }
  else if (length < 65536)
    {
      guint8 ext[2] = { (guint8) (length >> 8), (guint8) length };

      head[1] |= 126;
      g_byte_array_append (frame, head, 2);
      g_byte_array_append (frame, ext, 2);
    }
  else
    {
      guint8 ext[8];

      for (int i = 0; i < 8; i++)
        ext[i] = (guint8) ((guint64) length >> (56 - 8 * i));
      head[1] |= 127;
      g_byte_array_append (frame, head, 2);
      g_byte_array_append (frame, ext, 8);
    }
  g_byte_array_append (frame, mask, 4);
  for (gsize i = 0; i < length; i++)
    {
      guint8 b = bytes[i] ^ mask[i % 4];

      g_byte_array_append (frame, &b, 1);
    }
  /* A relay that already closed may refuse the rest: callers check what they read. */
  g_output_stream_write_all (out, frame->data, frame->len, NULL, NULL, NULL);
}

void
wire_send_text (GSocketConnection *conn,
                const char        *text)
{
  wire_send_frame (conn, 0x1, TRUE, text, strlen (text));
}

GBytes *
wire_read_frame (GSocketConnection *conn,
                 guint8             opcode)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));

  for (guint n = 0; n < 1000; n++)
    {
      guint8 head[2];
      guint64 len;
      guint8 *payload;

      if (!read_exact (in, head, 2))
        return NULL;
      len = head[1] & 0x7f;
      if (len == 126)
        {
          guint8 ext[2];

          if (!read_exact (in, ext, 2))
            return NULL;
          len = (guint64) ext[0] << 8 | ext[1];
        }
      else if (len == 127)
        {
          guint8 ext[8];

          if (!read_exact (in, ext, 8))
            return NULL;
          len = 0;
          for (int i = 0; i < 8; i++)
            len = len << 8 | ext[i];
          g_assert_cmpuint (len, <, 64 * 1024 * 1024);
        }
      payload = g_malloc (len + 1);
      payload[len] = 0;
      if (len > 0 && !read_exact (in, payload, len))
        {
          g_free (payload);
          return NULL;
        }
      if ((head[0] & 0x0f) == opcode)
        return g_bytes_new_take (payload, len);
      g_free (payload);
    }
  return NULL;
}

char *
wire_wait_text (GSocketConnection *conn,
                const char        *needle)
{
  for (guint n = 0; n < 100; n++)
    {
      g_autoptr(GBytes) frame = wire_read_frame (conn, 0x1);
      gsize len;
      const char *data;

      g_assert_nonnull (frame);
      data = g_bytes_get_data (frame, &len);
      if (g_strstr_len (data, len, needle) != NULL)
        return g_strndup (data, len);
    }
  g_assert_not_reached ();
  return NULL;
}

gushort
wire_close_code (GBytes *close_payload)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (close_payload, &len);

  if (len < 2)
    return 0;
  return (gushort) (data[0] << 8 | data[1]);
}

gushort
wire_read_close (GSocketConnection *conn)
{
  g_autoptr(GBytes) close = wire_read_frame (conn, 0x8);

  g_assert_nonnull (close);
  return wire_close_code (close);
}

gboolean
wire_peer_closed (GSocketConnection *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  g_autoptr(GError) error = NULL;
  guint8 buf[4096];
  gssize n;

  /* Drain whatever the relay still sent, up to its end. */
  for (guint i = 0; i < 4096; i++)
    {
      n = g_input_stream_read (in, buf, sizeof buf, NULL, &error);
      if (n == 0)
        return TRUE;
      if (n < 0)
        return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
    }
  return FALSE;
}
