/* fd-relay-store.c: the relay's call records (SQLite, or PostgreSQL: fd-relay-store-pg.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <sqlite3.h>

#include "fd-relay-store.h"
#include "fd-relay-store-pg.h"

struct _FdRelayStore
{
  sqlite3 *db;
  FdRelayStorePg *pg;  /* instead of db */
};

static const char schema[] =
  "PRAGMA journal_mode=WAL;"
  "PRAGMA synchronous=NORMAL;"
  "CREATE TABLE IF NOT EXISTS calls ("
  "  id TEXT PRIMARY KEY,"
  "  desk_id TEXT NOT NULL,"
  "  desk_name TEXT NOT NULL,"
  "  interpreter_id TEXT,"
  "  interpreter_name TEXT,"
  "  language TEXT NOT NULL,"
  "  asked_at INTEGER NOT NULL,"
  "  answered_at INTEGER,"
  "  ended_at INTEGER,"
  "  end_reason TEXT);"
  "CREATE INDEX IF NOT EXISTS calls_asked_at ON calls (asked_at);"
  "CREATE INDEX IF NOT EXISTS calls_language_ended ON calls (language, ended_at);"
  "PRAGMA user_version=2;";

static gboolean
fail (FdRelayStore *store, const char *what, GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "call records: %s: %s",
               what, sqlite3_errmsg (store->db));
  return FALSE;
}

static gboolean
exec_stmt (FdRelayStore *store, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (store, what, error);
  return TRUE;
}

FdRelayStore *
fd_relay_store_open (const char  *path,
                     const char  *relay_name,
                     GError     **error)
{
  g_autoptr(FdRelayStore) store = g_new0 (FdRelayStore, 1);
  sqlite3_stmt *stmt = NULL;
  char *errmsg = NULL;

  if (_fd_relay_store_is_pg_uri (path))
    {
      store->pg = _fd_relay_store_pg_open (path, relay_name, error);
      return store->pg != NULL ? g_steal_pointer (&store) : NULL;
    }
  if (sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot open call records %s: %s",
                   path, store->db ? sqlite3_errmsg (store->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (store->db, 2000);
  if (sqlite3_exec (store->db, schema, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot set up call records %s: %s",
                   path, errmsg);
      sqlite3_free (errmsg);
      return NULL;
    }
  /* Calls still open from an earlier run ended when that relay stopped. */
  if (sqlite3_prepare_v2 (store->db,
                          "UPDATE calls SET ended_at = ?1, end_reason = 'relay-restart' "
                          "WHERE ended_at IS NULL", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (store, "prepare", error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / 1000);
  if (!exec_stmt (store, stmt, "close open calls", error))
    return NULL;
  return g_steal_pointer (&store);
}

void
fd_relay_store_free (FdRelayStore *store)
{
  if (store == NULL)
    return;
  _fd_relay_store_pg_free (store->pg);
  sqlite3_close (store->db);
  g_free (store);
}

gboolean
fd_relay_store_call_asked (FdRelayStore *store,
                           const char   *call_id,
                           const char   *desk_id,
                           const char   *desk_name,
                           const char   *language,
                           gint64        asked_ms,
                           GError      **error)
{
  sqlite3_stmt *stmt = NULL;

  if (store->pg != NULL)
    return _fd_relay_store_pg_asked (store->pg, call_id, desk_id, desk_name, language, asked_ms,
                                     error);
  if (sqlite3_prepare_v2 (store->db,
                          "INSERT INTO calls (id, desk_id, desk_name, language, asked_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &stmt, NULL) != SQLITE_OK)
    return fail (store, "prepare", error);
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, desk_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, desk_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, asked_ms);
  return exec_stmt (store, stmt, "record a new call", error);
}

gboolean
fd_relay_store_call_answered (FdRelayStore *store,
                              const char   *call_id,
                              const char   *interpreter_id,
                              const char   *interpreter_name,
                              gint64        answered_ms,
                              GError      **error)
{
  sqlite3_stmt *stmt = NULL;

  if (store->pg != NULL)
    return _fd_relay_store_pg_answered (store->pg, call_id, interpreter_id, interpreter_name,
                                        answered_ms, error);
  if (sqlite3_prepare_v2 (store->db,
                          "UPDATE calls SET interpreter_id = ?2, interpreter_name = ?3, "
                          "answered_at = ?4 WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return fail (store, "prepare", error);
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, interpreter_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, interpreter_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, answered_ms);
  return exec_stmt (store, stmt, "record an answer", error);
}

gboolean
fd_relay_store_call_ended (FdRelayStore *store,
                           const char   *call_id,
                           const char   *reason,
                           gint64        ended_ms,
                           GError      **error)
{
  sqlite3_stmt *stmt = NULL;

  if (store->pg != NULL)
    return _fd_relay_store_pg_ended (store->pg, call_id, reason, ended_ms, error);
  if (sqlite3_prepare_v2 (store->db,
                          "UPDATE calls SET end_reason = ?2, ended_at = ?3 "
                          "WHERE id = ?1 AND ended_at IS NULL", -1, &stmt, NULL) != SQLITE_OK)
    return fail (store, "prepare", error);
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, ended_ms);
  return exec_stmt (store, stmt, "record the end of a call", error);
}

gboolean
fd_relay_store_day_waits (FdRelayStore  *store,
                          gint64         day_start_ms,
                          guint         *out_calls,
                          GArray        *waits,
                          GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (store->pg != NULL)
    return _fd_relay_store_pg_day_waits (store->pg, day_start_ms, out_calls, waits, error);
  *out_calls = 0;
  if (sqlite3_prepare_v2 (store->db, "SELECT count(*) FROM calls WHERE asked_at >= ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return fail (store, "prepare", error);
  sqlite3_bind_int64 (stmt, 1, day_start_ms);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *out_calls = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (store->db,
                          "SELECT answered_at - asked_at FROM calls "
                          "WHERE asked_at >= ?1 AND answered_at IS NOT NULL LIMIT 100000",
                          -1, &stmt, NULL) != SQLITE_OK)
    return fail (store, "prepare", error);
  sqlite3_bind_int64 (stmt, 1, day_start_ms);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 w = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (waits, w);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (store, "read answer times", error);
  return TRUE;
}

GArray *
fd_relay_store_recent_durations (FdRelayStore *store,
                                 const char   *language,
                                 guint         n)
{
  GArray *out;
  sqlite3_stmt *stmt = NULL;

  if (store->pg != NULL)
    return _fd_relay_store_pg_durations (store->pg, language, n);
  out = g_array_new (FALSE, FALSE, sizeof (double));
  /* calls_language_ended: reads n rows, not the table. */
  if (sqlite3_prepare_v2 (store->db,
                          "SELECT ended_at - answered_at FROM calls "
                          "WHERE language = ?1 AND ended_at IS NOT NULL "
                          "AND answered_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return out;
  sqlite3_bind_text (stmt, 1, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) n);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double seconds = sqlite3_column_int64 (stmt, 0) / 1000.0;

      g_array_append_val (out, seconds);
    }
  sqlite3_finalize (stmt);
  return out;
}

gint64
fd_relay_store_purge (FdRelayStore  *store,
                      gint64         before_ms,
                      GError       **error)
{
  sqlite3_stmt *stmt = NULL;

  if (store->pg != NULL)
    return _fd_relay_store_pg_purge (store->pg, before_ms, error);
  if (sqlite3_prepare_v2 (store->db, "DELETE FROM calls WHERE asked_at < ?1", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      fail (store, "prepare", error);
      return -1;
    }
  sqlite3_bind_int64 (stmt, 1, before_ms);
  if (!exec_stmt (store, stmt, "delete old call records", error))
    return -1;
  return sqlite3_changes (store->db);
}
