/* fd-relay-store-sqlite.c: the relay's call records in an SQLite file (the default backend)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <sqlite3.h>

#include "fd-relay-resume.h"
#include "fd-relay-store-backend.h"

typedef struct
{
  FdRelayStore  parent;
  sqlite3      *db;
} FdRelayStoreSqlite;

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
fail (FdRelayStoreSqlite  *store,
      const char          *what,
      GError             **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "call records: %s: %s",
               what, sqlite3_errmsg (store->db));
  return FALSE;
}

static gboolean
exec_stmt (FdRelayStoreSqlite  *store,
           sqlite3_stmt        *stmt,
           const char          *what,
           GError             **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (store, what, error);
  return TRUE;
}

static void
sqlite_free (FdRelayStore *base)
{
  FdRelayStoreSqlite *store = (FdRelayStoreSqlite *) base;

  sqlite3_close (store->db);
  g_free (store);
}

/* Prepares @sql with the event's fields bound in the order @fields names them (letters of
 * _fd_relay_store_event_field(); 't' the time), then steps it once. */
static gboolean
run_event (FdRelayStore             *base,
           const FdRelayStoreEvent  *event,
           const char               *sql,
           const char               *fields,
           const char               *what,
           GError                  **error)
{
  FdRelayStoreSqlite *store = (FdRelayStoreSqlite *) base;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fail (store, "prepare", error);
  for (int i = 0; fields[i] != '\0'; i++)
    if (fields[i] == 't')
      sqlite3_bind_int64 (stmt, i + 1, event->at_ms);
    else
      sqlite3_bind_text (stmt, i + 1, _fd_relay_store_event_field (event, fields[i]), -1,
                         SQLITE_TRANSIENT);
  return exec_stmt (store, stmt, what, error);
}

static gboolean
sqlite_begin (FdRelayStore  *base,
              GError       **error)
{
  FdRelayStoreSqlite *store = (FdRelayStoreSqlite *) base;

  if (sqlite3_exec (store->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return fail (store, "begin a batch", error);
  return TRUE;
}

/* A batch that cannot be committed is rolled back. */
static gboolean
sqlite_commit (FdRelayStore  *base,
               GError       **error)
{
  FdRelayStoreSqlite *store = (FdRelayStoreSqlite *) base;

  if (sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  fail (store, "commit a batch", error);
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
sqlite_asked (FdRelayStore             *base,
              const FdRelayStoreEvent  *event,
              GError                  **error)
{
  return run_event (base, event,
                    "INSERT INTO calls (id, desk_id, desk_name, language, asked_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)", "cinlt", "record a new call", error);
}

static gboolean
sqlite_answered (FdRelayStore             *base,
                 const FdRelayStoreEvent  *event,
                 GError                  **error)
{
  return run_event (base, event,
                    "UPDATE calls SET interpreter_id = ?2, interpreter_name = ?3, "
                    "answered_at = ?4 WHERE id = ?1", "cint", "record an answer", error);
}

static gboolean
sqlite_ended (FdRelayStore             *base,
              const FdRelayStoreEvent  *event,
              GError                  **error)
{
  return run_event (base, event,
                    "UPDATE calls SET end_reason = ?2, ended_at = ?3 "
                    "WHERE id = ?1 AND ended_at IS NULL", "crt", "record the end of a call",
                    error);
}

static gboolean
sqlite_day_waits (FdRelayStore  *base,
                  gint64         day_start_ms,
                  guint         *out_calls,
                  GArray        *waits,
                  GError       **error)
{
  FdRelayStoreSqlite *store = (FdRelayStoreSqlite *) base;
  sqlite3_stmt *stmt = NULL;
  int rc;

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

static gboolean
sqlite_durations (FdRelayStore  *base,
                  const char    *language,
                  guint          n,
                  GArray        *out,
                  GError       **error)
{
  FdRelayStoreSqlite *store = (FdRelayStoreSqlite *) base;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* calls_language_ended: reads n rows, not the table. */
  if (sqlite3_prepare_v2 (store->db,
                          "SELECT ended_at - answered_at FROM calls "
                          "WHERE language = ?1 AND ended_at IS NOT NULL "
                          "AND answered_at IS NOT NULL ORDER BY ended_at DESC LIMIT ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return fail (store, "prepare", error);
  sqlite3_bind_text (stmt, 1, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) n);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      double seconds = sqlite3_column_int64 (stmt, 0) / 1000.0;

      g_array_append_val (out, seconds);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (store, "read call durations", error);
  return TRUE;
}

static gint64
sqlite_purge (FdRelayStore  *base,
              gint64         before_ms,
              GError       **error)
{
  FdRelayStoreSqlite *store = (FdRelayStoreSqlite *) base;
  sqlite3_stmt *stmt = NULL;

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

static char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static gboolean
sqlite_open_calls (FdRelayStore  *base,
                   gint64         since_ms,
                   guint          max,
                   GPtrArray     *out,
                   GError       **error)
{
  FdRelayStoreSqlite *store = (FdRelayStoreSqlite *) base;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* asked_at bounds the scan to the index's recent end: a call is answered after it is asked. */
  if (sqlite3_prepare_v2 (store->db,
                          "SELECT id, desk_id, interpreter_id, language, asked_at, answered_at "
                          "FROM calls WHERE asked_at >= ?1 - 86400000 AND answered_at >= ?1 "
                          "AND ended_at IS NULL AND interpreter_id IS NOT NULL "
                          "ORDER BY answered_at DESC LIMIT ?2", -1, &stmt, NULL) != SQLITE_OK)
    return fail (store, "prepare", error);
  sqlite3_bind_int64 (stmt, 1, since_ms);
  sqlite3_bind_int64 (stmt, 2, max);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FdRelayOpenCall *call = g_new0 (FdRelayOpenCall, 1);

      call->id = column_text (stmt, 0);
      call->desk_id = column_text (stmt, 1);
      call->interpreter_id = column_text (stmt, 2);
      call->language = column_text (stmt, 3);
      call->asked_ms = sqlite3_column_int64 (stmt, 4);
      call->answered_ms = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (out, call);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail (store, "read open calls", error);
  return TRUE;
}

static const FdRelayStoreBackend sqlite_backend = {
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .asked = sqlite_asked,
  .answered = sqlite_answered,
  .ended = sqlite_ended,
  .day_waits = sqlite_day_waits,
  .durations = sqlite_durations,
  .purge = sqlite_purge,
  .open_calls = sqlite_open_calls,
  .free = sqlite_free,
};

FdRelayStore *
_fd_relay_store_sqlite_open (const char  *path,
                             GError     **error)
{
  FdRelayStoreSqlite *store = g_new0 (FdRelayStoreSqlite, 1);
  g_autoptr(FdRelayStore) base = &store->parent;
  sqlite3_stmt *stmt = NULL;
  char *errmsg = NULL;

  base->backend = &sqlite_backend;
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
  /* Calls still open from an earlier run ended when that relay stopped, except connected ones
   * young enough to be resumed: the router rebuilds those (fd-relay-router-resume.c). */
  if (sqlite3_prepare_v2 (store->db,
                          "UPDATE calls SET ended_at = ?1, end_reason = 'relay-restart' "
                          "WHERE ended_at IS NULL AND (answered_at IS NULL OR answered_at < ?2)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (store, "prepare", error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / 1000);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000 - FD_RELAY_RESUME_LIFETIME_S * 1000);
  if (!exec_stmt (store, stmt, "close open calls", error))
    return NULL;
  return g_steal_pointer (&base);
}
