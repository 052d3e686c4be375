/* fd-rtt.c: real-time text in the call chat (see fd-rtt.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "fd-rtt.h"

G_DEFINE_QUARK (fd-rtt-error-quark, fd_rtt_error)

/* @text cut to valid UTF-8 and at most FD_RTT_MAX_CHARS characters. */
static char *
bounded_text (const char *text)
{
  const char *end = NULL;
  const char *p = text != NULL ? text : "";
  guint n = 0;

  g_utf8_validate (p, -1, &end);
  while (p < end && n < FD_RTT_MAX_CHARS)
    {
      p = g_utf8_next_char (p);
      n++;
    }
  return g_strndup (text != NULL ? text : "", p - (text != NULL ? text : ""));
}

GBytes *
fd_rtt_encode (guint64     seq,
               const char *text)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *bounded = bounded_text (text);
  gsize length;
  char *json;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "rtt");
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, (gint64) MIN (seq, (guint64) G_MAXINT64));
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, bounded);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, &length);
  return g_bytes_new_take (json, length);
}

gboolean
fd_rtt_decode (const void  *data,
               gsize        size,
               guint64     *out_seq,
               char       **out_text,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *obj;
  JsonNode *seq_node;
  JsonNode *text_node;
  const char *text;
  gint64 seq;

  if (size > FD_RTT_MAX_BYTES)
    {
      g_set_error (error, FD_RTT_ERROR, FD_RTT_ERROR_TOO_LONG,
                   "real-time text message of %" G_GSIZE_FORMAT " bytes (at most %d)", size,
                   FD_RTT_MAX_BYTES);
      return FALSE;
    }
  if (size == 0 || !g_utf8_validate_len (data, size, NULL))
    {
      g_set_error (error, FD_RTT_ERROR, FD_RTT_ERROR_INVALID,
                   "real-time text message is empty or not UTF-8");
      return FALSE;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, FD_RTT_ERROR, FD_RTT_ERROR_INVALID,
                   "real-time text message is not a JSON object");
      return FALSE;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  seq_node = json_object_get_member (obj, "seq");
  text_node = json_object_get_member (obj, "text");
  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "type", ""), "rtt") != 0
      || seq_node == NULL || json_node_get_value_type (seq_node) != G_TYPE_INT64
      || text_node == NULL || json_node_get_value_type (text_node) != G_TYPE_STRING)
    {
      g_set_error (error, FD_RTT_ERROR, FD_RTT_ERROR_INVALID,
                   "not a real-time text message (type \"rtt\", integer seq, string text)");
      return FALSE;
    }
  seq = json_node_get_int (seq_node);
  text = json_node_get_string (text_node);
  if (seq <= 0)
    {
      g_set_error (error, FD_RTT_ERROR, FD_RTT_ERROR_INVALID,
                   "real-time text seq must be positive");
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > FD_RTT_MAX_CHARS)
    {
      g_set_error (error, FD_RTT_ERROR, FD_RTT_ERROR_TOO_LONG,
                   "real-time text draft over %d characters", FD_RTT_MAX_CHARS);
      return FALSE;
    }
  *out_seq = (guint64) seq;
  *out_text = g_strdup (text);
  return TRUE;
}

void
fd_rtt_receiver_init (FdRttReceiver *self)
{
  self->last_seq = 0;
  self->draft = g_strdup ("");
}

void
fd_rtt_receiver_clear (FdRttReceiver *self)
{
  g_clear_pointer (&self->draft, g_free);
}

gboolean
fd_rtt_receiver_feed (FdRttReceiver  *self,
                      const void     *data,
                      gsize           size,
                      GError        **error)
{
  g_autofree char *text = NULL;
  guint64 seq;

  if (!fd_rtt_decode (data, size, &seq, &text, error))
    return FALSE;
  if (seq <= self->last_seq)
    return FALSE;  /* stale or repeated */
  self->last_seq = seq;
  if (strcmp (text, self->draft) == 0)
    return FALSE;
  g_free (self->draft);
  self->draft = g_steal_pointer (&text);
  return TRUE;
}

gboolean
fd_rtt_receiver_finish (FdRttReceiver *self)
{
  if (self->draft[0] == '\0')
    return FALSE;
  g_free (self->draft);
  self->draft = g_strdup ("");
  return TRUE;
}

void
fd_rtt_throttle_init (FdRttThrottle *self)
{
  self->seq = 0;
  self->last_sent_us = 0;
  self->sent = g_strdup ("");
}

void
fd_rtt_throttle_clear (FdRttThrottle *self)
{
  g_clear_pointer (&self->sent, g_free);
}

gint64
fd_rtt_throttle_due (FdRttThrottle *self,
                     const char    *text,
                     gint64         now_us)
{
  g_autofree char *bounded = bounded_text (text);
  gint64 next;

  if (strcmp (bounded, self->sent) == 0)
    return -1;
  if (self->last_sent_us == 0)
    return 0;
  next = self->last_sent_us + (gint64) FD_RTT_INTERVAL_MS * 1000;
  return now_us >= next ? 0 : next - now_us;
}

GBytes *
fd_rtt_throttle_take (FdRttThrottle *self,
                      const char    *text,
                      gint64         now_us)
{
  g_free (self->sent);
  self->sent = bounded_text (text);
  self->last_sent_us = now_us;
  self->seq++;
  return fd_rtt_encode (self->seq, self->sent);
}

void
fd_rtt_throttle_sent_final (FdRttThrottle *self)
{
  g_free (self->sent);
  self->sent = g_strdup ("");
}
