/* fd-relay-store-pg.c: the relay's call records in PostgreSQL, so that several relays (one per
 * district hall) share one record store: every row carries the relay's name, and each relay
 * reads, closes and purges only its own rows. Same URI scheme and TLS policy as the case store
 * (fd-pg-uri.c); the password comes from the configuration file or ~/.pgpass, never from the
 * command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <gio/gio.h>
#include <libpq-fe.h>

#include "fd-pg-uri.h"
#include "fd-relay-resume.h"
#include "fd-relay-store-backend.h"
#include "fd-relay-store-pg.h"

typedef struct
{
  FdRelayStore parent;
  PGconn *conn;
  char *uri;
  char *relay;
} FdRelayStorePg;

/* One transaction, under an advisory lock so that relays starting together do not race on
 * CREATE … IF NOT EXISTS. */
static const char schema[] =
  "BEGIN;"
  "SELECT pg_advisory_xact_lock(5827341);"
  "CREATE TABLE IF NOT EXISTS calls ("
  "  id TEXT PRIMARY KEY,"
  "  relay TEXT NOT NULL,"
  "  desk_id TEXT NOT NULL,"
  "  desk_name TEXT NOT NULL,"
  "  interpreter_id TEXT,"
  "  interpreter_name TEXT,"
  "  language TEXT NOT NULL,"
  "  asked_at BIGINT NOT NULL,"
  "  answered_at BIGINT,"
  "  ended_at BIGINT,"
  "  end_reason TEXT);"
  "CREATE INDEX IF NOT EXISTS calls_relay_asked_at ON calls (relay, asked_at);"
  "CREATE INDEX IF NOT EXISTS calls_relay_language_ended ON calls (relay, language, ended_at);"
  "COMMIT;";

gboolean
_fd_relay_store_is_pg_uri (const char *location)
{
  return location != NULL
         && (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

static gboolean
fail (FdRelayStorePg  *pg,
      const char      *what,
      const char      *message,
      GError         **error)
{
  g_autofree char *msg = g_strstrip (g_strdup (message));
  g_autofree char *why = fd_pg_redact_message (msg, pg->uri);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "call records: %s: %s", what, why);
  return FALSE;
}

/* Runs @sql with text @params; NULL (and @error) on failure. A lost connection is reset once. */
static PGresult *
run (FdRelayStorePg      *pg,
     const char          *what,
     const char          *sql,
     int                  n_params,
     const char * const  *params,
     GError             **error)
{
  PGresult *res;
  ExecStatusType status;

  if (PQstatus (pg->conn) != CONNECTION_OK)
    PQreset (pg->conn);
  res = PQexecParams (pg->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  status = PQresultStatus (res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      fail (pg, what, PQerrorMessage (pg->conn), error);
      PQclear (res);
      return NULL;
    }
  return res;
}

static gboolean
run_command (FdRelayStorePg      *pg,
             const char          *what,
             const char          *sql,
             int                  n_params,
             const char * const  *params,
             GError             **error)
{
  PGresult *res = run (pg, what, sql, n_params, params, error);

  PQclear (res);
  return res != NULL;
}

static void
on_notice (void       *arg,
           const char *message)
{
  g_debug ("call records: %s", message);
}

static void
pg_free (FdRelayStore *base)
{
  FdRelayStorePg *pg = (FdRelayStorePg *) base;

  if (pg->conn != NULL)
    PQfinish (pg->conn);
  g_free (pg->uri);
  g_free (pg->relay);
  g_free (pg);
}

/* Runs @sql with the event's fields as its parameters, in the order @fields names them (letters
 * of _fd_relay_store_event_field(); 't' the time, 'R' this relay's name). */
static gboolean
run_event (FdRelayStore             *base,
           const char               *what,
           const char               *sql,
           const char               *fields,
           const FdRelayStoreEvent  *event,
           GError                  **error)
{
  FdRelayStorePg *pg = (FdRelayStorePg *) base;
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, event->at_ms);
  const char *params[8];
  int n;

  for (n = 0; fields[n] != '\0' && n < (int) G_N_ELEMENTS (params); n++)
    params[n] = fields[n] == 't' ? at
                : fields[n] == 'R' ? pg->relay : _fd_relay_store_event_field (event, fields[n]);
  return run_command (pg, what, sql, n, params, error);
}

static gboolean
pg_asked (FdRelayStore             *base,
          const FdRelayStoreEvent  *event,
          GError                  **error)
{
  return run_event (base, "record a new call",
                    "INSERT INTO calls (id, relay, desk_id, desk_name, language, asked_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6)", "cRinlt", event, error);
}

static gboolean
pg_answered (FdRelayStore             *base,
             const FdRelayStoreEvent  *event,
             GError                  **error)
{
  return run_event (base, "record an answer",
                    "UPDATE calls SET interpreter_id = $2, interpreter_name = $3, "
                    "answered_at = $4 WHERE id = $1", "cint", event, error);
}

static gboolean
pg_ended (FdRelayStore             *base,
          const FdRelayStoreEvent  *event,
          GError                  **error)
{
  return run_event (base, "record the end of a call",
                    "UPDATE calls SET end_reason = $2, ended_at = $3 "
                    "WHERE id = $1 AND ended_at IS NULL", "crt", event, error);
}

static gboolean
pg_day_waits (FdRelayStore  *base,
              gint64         day_start_ms,
              guint         *out_calls,
              GArray        *waits,
              GError       **error)
{
  FdRelayStorePg *pg = (FdRelayStorePg *) base;
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, day_start_ms);
  const char *params[] = { pg->relay, since };
  PGresult *res;

  res = run (pg, "count today's calls",
             "SELECT count(*) FROM calls WHERE relay = $1 AND asked_at >= $2", 2, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 1)
    *out_calls = (guint) g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  res = run (pg, "read answer times",
             "SELECT answered_at - asked_at FROM calls WHERE relay = $1 AND asked_at >= $2 "
             "AND answered_at IS NOT NULL LIMIT 100000", 2, params, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 w = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);

      g_array_append_val (waits, w);
    }
  PQclear (res);
  return TRUE;
}

static gboolean
pg_durations (FdRelayStore  *base,
              const char    *language,
              guint          n,
              GArray        *out,
              GError       **error)
{
  FdRelayStorePg *pg = (FdRelayStorePg *) base;
  g_autofree char *limit = g_strdup_printf ("%u", n);
  const char *params[] = { pg->relay, language, limit };
  PGresult *res;

  res = run (pg, "read call durations",
             "SELECT ended_at - answered_at FROM calls WHERE relay = $1 AND language = $2 "
             "AND ended_at IS NOT NULL AND answered_at IS NOT NULL "
             "ORDER BY ended_at DESC LIMIT $3", 3, params, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      double seconds = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10) / 1000.0;

      g_array_append_val (out, seconds);
    }
  PQclear (res);
  return TRUE;
}

static gint64
pg_purge (FdRelayStore  *base,
          gint64         before_ms,
          GError       **error)
{
  FdRelayStorePg *pg = (FdRelayStorePg *) base;
  g_autofree char *before = g_strdup_printf ("%" G_GINT64_FORMAT, before_ms);
  const char *params[] = { pg->relay, before };
  PGresult *res;
  gint64 n;

  res = run (pg, "delete old call records",
             "DELETE FROM calls WHERE relay = $1 AND asked_at < $2", 2, params, error);
  if (res == NULL)
    return -1;
  n = g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
  PQclear (res);
  return n;
}

static gboolean
pg_open_calls (FdRelayStore  *base,
               gint64         since_ms,
               guint          max,
               GPtrArray     *out,
               GError       **error)
{
  FdRelayStorePg *pg = (FdRelayStorePg *) base;
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, since_ms);
  g_autofree char *limit = g_strdup_printf ("%u", max);
  const char *params[] = { pg->relay, since, limit };
  PGresult *res;

  res = run (pg, "read open calls",
             "SELECT id, desk_id, interpreter_id, language, asked_at, answered_at FROM calls "
             "WHERE relay = $1 AND asked_at >= $2::bigint - 86400000 AND answered_at >= $2 "
             "AND ended_at IS NULL AND interpreter_id IS NOT NULL "
             "ORDER BY answered_at DESC LIMIT $3", 3, params, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      FdRelayOpenCall *call = g_new0 (FdRelayOpenCall, 1);

      call->id = g_strdup (PQgetvalue (res, i, 0));
      call->desk_id = g_strdup (PQgetvalue (res, i, 1));
      call->interpreter_id = g_strdup (PQgetvalue (res, i, 2));
      call->language = g_strdup (PQgetvalue (res, i, 3));
      call->asked_ms = g_ascii_strtoll (PQgetvalue (res, i, 4), NULL, 10);
      call->answered_ms = g_ascii_strtoll (PQgetvalue (res, i, 5), NULL, 10);
      g_ptr_array_add (out, call);
    }
  PQclear (res);
  return TRUE;
}

static const FdRelayStoreBackend pg_backend = {
  .asked = pg_asked,
  .answered = pg_answered,
  .ended = pg_ended,
  .day_waits = pg_day_waits,
  .durations = pg_durations,
  .purge = pg_purge,
  .open_calls = pg_open_calls,
  .free = pg_free,
};

FdRelayStore *
_fd_relay_store_pg_open (const char  *uri,
                         const char  *relay_name,
                         GError     **error)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  FdRelayStorePg *pg;
  PGresult *res;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000);
  g_autofree char *cutoff = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000
                                             - FD_RELAY_RESUME_LIFETIME_S * 1000);
  const char *params[3];

  if (!fd_pg_conninfo (uri, "call-record database", keywords, values, error))
    return NULL;
  pg = g_new0 (FdRelayStorePg, 1);
  pg->parent.backend = &pg_backend;
  pg->uri = g_strdup (uri);
  pg->relay = g_strdup (relay_name);
  pg->conn = PQconnectdbParams ((const char * const *) keywords->pdata,
                                (const char * const *) values->pdata, 0);
  if (pg->conn == NULL || PQstatus (pg->conn) != CONNECTION_OK)
    {
      g_autofree char *shown = fd_pg_uri_redact (uri);
      g_autofree char *msg = g_strstrip (g_strdup (pg->conn ? PQerrorMessage (pg->conn)
                                                            : "out of memory"));
      g_autofree char *why = fd_pg_redact_message (msg, uri);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "cannot connect to the call-record database %s: %s", shown, why);
      pg_free (&pg->parent);
      return NULL;
    }
  PQsetNoticeProcessor (pg->conn, on_notice, NULL);
  /* A stuck server must not hold the relay's main loop for long. */
  res = PQexec (pg->conn, "SET statement_timeout = 5000");
  PQclear (res);
  res = PQexec (pg->conn, schema);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      fail (pg, "set up", PQerrorMessage (pg->conn), error);
      PQclear (res);
      PQclear (PQexec (pg->conn, "ROLLBACK"));
      pg_free (&pg->parent);
      return NULL;
    }
  PQclear (res);
  /* This relay's calls still open from an earlier run ended when that run stopped, except
   * connected ones young enough to be resumed: the router rebuilds those
   * (fd-relay-router-resume.c). */
  params[0] = now;
  params[1] = pg->relay;
  params[2] = cutoff;
  if (!run_command (pg, "close open calls",
                    "UPDATE calls SET ended_at = $1, end_reason = 'relay-restart' "
                    "WHERE relay = $2 AND ended_at IS NULL "
                    "AND (answered_at IS NULL OR answered_at < $3)", 3, params, error))
    {
      pg_free (&pg->parent);
      return NULL;
    }
  return &pg->parent;
}
