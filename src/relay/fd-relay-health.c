/* fd-relay-health.c: GET /health and /metrics, the Origin check, and the headers every response
 * carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>

#include "fd-relay-health.h"
#include "fd-protocol.h"

void
fd_relay_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* The console loads only its own files and talks only to its own relay. */
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self'; "
                                "img-src 'self' data:; media-src 'self' blob: mediastream:; "
                                "connect-src 'self'; base-uri 'none'; form-action 'none'; "
                                "frame-ancestors 'none'");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cross-Origin-Opener-Policy", "same-origin");
  soup_message_headers_replace (headers, "Cross-Origin-Resource-Policy", "same-origin");
  soup_message_headers_replace (headers, "Permissions-Policy",
                                "camera=(self), microphone=(self), geolocation=()");
}

/* The relay's own origin (scheme://Host) and allowed-origins may open /ws from a browser;
 * desktop clients send no Origin. */
gboolean
fd_relay_origin_allowed (SoupServerMessage *msg,
                         FdRelayConfig     *config)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  const char *host = soup_message_headers_get_one (headers, "Host");
  g_autofree char *own = NULL;
  char **allowed = config->allowed_origins;

  if (origin == NULL)
    return TRUE;
  if (host != NULL)
    {
      own = g_strdup_printf ("%s://%s", config->tls_certificate != NULL ? "https" : "http",
                             host);
      if (g_ascii_strcasecmp (origin, own) == 0)
        return TRUE;
    }
  for (guint i = 0; allowed != NULL && allowed[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (origin, allowed[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

const char *
fd_relay_bearer_token (SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  value += 7;
  while (*value == ' ')
    value++;
  return value;
}

static void
add_ms_or_null (JsonBuilder *b,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (b, name);
  if (value >= 0)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

char *
fd_relay_health_details (FdRelayRouter *router,
                         guint          websockets,
                         guint          sockets,
                         gint64         started_us)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *langs = fd_protocol_languages ();
  FdRelayCounts counts;
  FdRelayDayStats day;

  fd_relay_router_counts (router, &counts);
  fd_relay_router_day_stats (router, &day);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  fd_protocol_add_int (b, "protocol", FD_PROTOCOL_VERSION);
  fd_protocol_add_int (b, "uptime_s", (g_get_monotonic_time () - started_us) / G_USEC_PER_SEC);
  fd_protocol_add_int (b, "connections", websockets);
  fd_protocol_add_int (b, "sockets", sockets);
  fd_protocol_add_int (b, "desks", counts.desks);
  json_builder_set_member_name (b, "interpreters");
  json_builder_begin_object (b);
  fd_protocol_add_int (b, "total", counts.interpreters);
  fd_protocol_add_int (b, "available", counts.available);
  fd_protocol_add_int (b, "busy", counts.busy);
  fd_protocol_add_int (b, "away", counts.away);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "queues");
  json_builder_begin_object (b);
  for (int l = 0; l < 3; l++)
    fd_protocol_add_int (b, langs[l], counts.queued[l]);
  json_builder_end_object (b);
  fd_protocol_add_int (b, "calls_ringing", counts.ringing);
  fd_protocol_add_int (b, "calls_connected", counts.connected);
  fd_protocol_add_int (b, "calls_today", day.calls);
  fd_protocol_add_int (b, "answered_today", day.answered);
  json_builder_set_member_name (b, "answer_time_ms");
  json_builder_begin_object (b);
  add_ms_or_null (b, "p50", day.answer_p50_ms);
  add_ms_or_null (b, "p90", day.answer_p90_ms);
  json_builder_end_object (b);
  fd_protocol_add_int (b, "db_errors", fd_relay_router_db_errors (router));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}

void
fd_relay_serve_health (SoupServerMessage *msg,
                       FdRelayConfig     *config,
                       FdRelayRouter     *router,
                       guint              websockets,
                       guint              sockets,
                       gint64             started_us)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *token = fd_relay_bearer_token (msg);
  char *body;

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (token != NULL && !fd_relay_config_verify_monitor (config, token))
    {
      soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer");
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  if (token != NULL)
    body = fd_relay_health_details (router, websockets, sockets, started_us);
  else
    body = g_strdup_printf ("{\"status\":\"ok\",\"version\":\"%s\",\"protocol\":%d}\n",
                            PACKAGE_VERSION, FD_PROTOCOL_VERSION);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body,
                                    strlen (body));
}

static void
metric (GString    *out,
        const char *name,
        const char *type,
        const char *help,
        const char *labels,
        gint64      value)
{
  if (help != NULL)
    g_string_append_printf (out, "# HELP frontdesk_relay_%s %s\n# TYPE frontdesk_relay_%s %s\n",
                            name, help, name, type);
  g_string_append_printf (out, "frontdesk_relay_%s%s %" G_GINT64_FORMAT "\n", name,
                          labels != NULL ? labels : "", value);
}

void
fd_relay_serve_metrics (SoupServerMessage *msg,
                        FdRelayConfig     *config,
                        FdRelayRouter     *router,
                        guint              websockets,
                        guint              sockets,
                        guint64            refused,
                        gint64             started_us)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char * const *langs = fd_protocol_languages ();
  g_autoptr(GString) out = g_string_new (NULL);
  FdRelayCounts counts;
  FdRelayDayStats day;
  gsize length;

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (!fd_relay_config_verify_monitor (config, fd_relay_bearer_token (msg)))
    {
      soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer");
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  fd_relay_router_counts (router, &counts);
  fd_relay_router_day_stats (router, &day);
  metric (out, "uptime_seconds", "gauge", "Seconds since the relay started.", NULL,
          (g_get_monotonic_time () - started_us) / G_USEC_PER_SEC);
  metric (out, "websockets", "gauge", "Open WebSocket connections.", NULL, websockets);
  metric (out, "sockets", "gauge", "Open TCP connections.", NULL, sockets);
  metric (out, "refused_connections_total", "counter",
          "Connections refused by max-connections or max-connections-per-address.", NULL,
          (gint64) refused);
  metric (out, "desks", "gauge", "Signed-in desks.", NULL, counts.desks);
  metric (out, "interpreters", "gauge", "Signed-in interpreters by presence.",
          "{presence=\"available\"}", counts.available);
  metric (out, "interpreters", "gauge", NULL, "{presence=\"busy\"}", counts.busy);
  metric (out, "interpreters", "gauge", NULL, "{presence=\"away\"}", counts.away);
  for (int l = 0; l < 3; l++)
    {
      g_autofree char *label = g_strdup_printf ("{language=\"%s\"}", langs[l]);

      metric (out, "queued_calls", "gauge", l == 0 ? "Calls waiting in a queue." : NULL, label,
              counts.queued[l]);
    }
  metric (out, "calls", "gauge", "Calls by state.", "{state=\"ringing\"}", counts.ringing);
  metric (out, "calls", "gauge", NULL, "{state=\"connected\"}", counts.connected);
  metric (out, "calls_today", "gauge", "Calls asked since local midnight.", NULL, day.calls);
  metric (out, "answered_today", "gauge", "Calls answered since local midnight.", NULL,
          day.answered);
  metric (out, "db_errors_total", "counter", "Failed writes to the call records.", NULL,
          fd_relay_router_db_errors (router));
  length = out->len;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain; version=0.0.4; charset=utf-8",
                                    SOUP_MEMORY_TAKE, g_string_free (g_steal_pointer (&out), FALSE),
                                    length);
}
