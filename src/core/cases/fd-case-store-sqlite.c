/* fd-case-store-sqlite.c: the embedded SQLite backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "fd-case-store-private.h"
#include "fd-case-schema-private.h"
#include "fd-case-audit-private.h"
#include "fd-case-sql-private.h"

#define MAX_COLUMNS 32
#define BUSY_TIMEOUT_MS 5000
#define WAL_AUTOCHECKPOINT_PAGES 4000

struct _FdCaseStoreSqlite
{
  FdCaseStore  parent_instance;

  sqlite3     *db;
  char        *path;
  GHashTable  *statements;   /* sql -> sqlite3_stmt* */
};

G_DEFINE_FINAL_TYPE (FdCaseStoreSqlite, fd_case_store_sqlite, FD_TYPE_CASE_STORE)

static const char * const migration_v1[] = {
  FD_CASE_SCHEMA_V1 ("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER"),
#define AUDIT_NO_UPDATE "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit " \
  "BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END"
#define AUDIT_NO_DELETE "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit " \
  "BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END"
  AUDIT_NO_UPDATE,
  AUDIT_NO_DELETE,
  NULL
};

/* v2 (fd-case-schema-private.h), then a covering index: SQLite has no INCLUDE. */
static const char * const migration_v2[] = {
  FD_CASE_SCHEMA_V2,
  "CREATE INDEX cases_report ON cases "
  "(opened_at, day, needs, outcome, staff, language, duration_s, n_calls)",
  NULL
};

static void
set_sqlite_error (FdCaseStoreSqlite *self, int rc, const char *what, GError **error)
{
  const char *msg = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int code;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_DISK_FULL,
                   "The disk holding the case database is full; nothing was saved. "
                   "Free some space and try again (%s)", msg);
      return;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = FD_CASE_ERROR_BUSY;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      code = FD_CASE_ERROR_READ_ONLY;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = FD_CASE_ERROR_CORRUPT;
      break;
    case SQLITE_CONSTRAINT:
      code = strstr (msg, "append-only") ? FD_CASE_ERROR_AUDIT : FD_CASE_ERROR_INVALID;
      break;
    default:
      code = FD_CASE_ERROR_FAILED;
    }
  g_set_error (error, FD_CASE_ERROR, code, "Case database %s: %s: %s",
               self->path ? self->path : "", what, msg);
}

static sqlite3_stmt *
get_statement (FdCaseStoreSqlite *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt)
    return stmt;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, "cannot prepare a statement", error);
      return NULL;
    }
  /* Keep data statements; schema statements run once. */
  if (g_str_has_prefix (sql, "SELECT") || g_str_has_prefix (sql, "INSERT")
      || g_str_has_prefix (sql, "UPDATE") || g_str_has_prefix (sql, "DELETE"))
    g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Parameters are text; integers are bound as integers so that comparisons
 * with expressions (which have no column affinity) compare numbers. Only the
 * canonical form (no '+', no leading zero) so that text columns get back
 * exactly the same string. */
static gboolean
is_canonical_integer (const char *s)
{
  const char *p = s;

  if (*p == '-')
    p++;
  if (*p < '1' || *p > '9')
    return g_str_equal (s, "0");
  for (const char *q = p; *q; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;
  return strlen (p) <= 18;
}

static gboolean
fd_case_store_sqlite_exec (FdCaseStore *store, const char *sql, const char * const *params,
                           guint n_params, FdCaseRowFunc func, gpointer user_data, GError **error)
{
  FdCaseStoreSqlite *self = FD_CASE_STORE_SQLITE (store);
  sqlite3_stmt *stmt;
  gboolean cached, ok = TRUE;
  int rc;

  stmt = get_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  cached = g_hash_table_lookup (self->statements, sql) == stmt;
  for (guint i = 0; i < n_params; i++)
    {
      char name[16];
      int idx;

      g_snprintf (name, sizeof name, "$%u", i + 1);
      idx = sqlite3_bind_parameter_index (stmt, name);
      if (idx == 0)
        continue;
      if (params[i] && is_canonical_integer (params[i]))
        sqlite3_bind_int64 (stmt, idx, g_ascii_strtoll (params[i], NULL, 10));
      else if (params[i])
        sqlite3_bind_text (stmt, idx, params[i], -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, idx);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cells[MAX_COLUMNS];
      guint n = MIN (sqlite3_column_count (stmt), MAX_COLUMNS);

      for (guint c = 0; c < n; c++)
        cells[c] = (const char *) sqlite3_column_text (stmt, c);
      if (func && !func (cells, n, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, "statement failed", error);
      ok = FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (!cached)
    sqlite3_finalize (stmt);
  return ok;
}

static gboolean
simple_exec (FdCaseStoreSqlite *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, sql, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fd_case_store_sqlite_begin (FdCaseStore *store, GError **error)
{
  return simple_exec (FD_CASE_STORE_SQLITE (store), "BEGIN IMMEDIATE", error);
}

static gboolean
fd_case_store_sqlite_commit (FdCaseStore *store, GError **error)
{
  return simple_exec (FD_CASE_STORE_SQLITE (store), "COMMIT", error);
}

static void
fd_case_store_sqlite_rollback (FdCaseStore *store)
{
  FdCaseStoreSqlite *self = FD_CASE_STORE_SQLITE (store);

  /* SQLite may already have rolled back by itself (e.g. on SQLITE_FULL). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static char *
path_from_uri (const char *uri)
{
  if (g_str_has_prefix (uri, "sqlite://"))
    return g_strdup (uri + strlen ("sqlite://"));
  if (g_str_has_prefix (uri, "sqlite:"))
    return g_strdup (uri + strlen ("sqlite:"));
  return g_strdup (uri);
}

static gboolean
pragma_text (FdCaseStoreSqlite *self, const char *sql, char **out, GError **error)
{
  g_autoptr(FdCaseTable) t = _fd_case_sql_query (FD_CASE_STORE (self), sql, NULL, 0, error);

  if (t == NULL)
    return FALSE;
  *out = g_strdup (t->n_rows ? _fd_case_table_cell (t, 0, 0) : "");
  return TRUE;
}

/* Switching a new database to WAL takes an exclusive lock, and SQLite
 * answers "database is locked" at once instead of waiting in the busy
 * handler when another connection holds one: several desks opening a new
 * database together failed that way (seen under valgrind in the
 * concurrent-open test). Retry for as long as the busy timeout allows. */
static gboolean
switch_to_wal (FdCaseStoreSqlite *self, char **mode, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      g_autoptr(GError) local = NULL;

      if (pragma_text (self, "PRAGMA journal_mode = WAL", mode, &local))
        return TRUE;
      if (!g_error_matches (local, FD_CASE_ERROR, FD_CASE_ERROR_BUSY) ||
          g_get_monotonic_time () > deadline)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_usleep (20 * 1000); /* 20 ms */
    }
}

static gboolean
fd_case_store_sqlite_connect (FdCaseStore *store, const char *uri, GError **error)
{
  FdCaseStoreSqlite *self = FD_CASE_STORE_SQLITE (store);
  g_autofree char *dir = NULL;
  g_autofree char *mode = NULL;
  gboolean existed;
  int rc;

  self->path = path_from_uri (uri);
  if (*self->path == '\0')
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_URI, "No file name in “%s”", uri);
      return FALSE;
    }
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_READ_ONLY,
                   "Cannot create the folder %s for the case database: %s", dir, g_strerror (errsv));
      return FALSE;
    }
  existed = g_file_test (self->path, G_FILE_TEST_EXISTS);
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, "cannot open", error);
      return FALSE;
    }
  if (!existed)
    g_chmod (self->path, 0600);   /* sensitive personal data */
  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!switch_to_wal (self, &mode, error))
    return FALSE;
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_FAILED,
                   "Case database %s: cannot switch to WAL journal (got “%s”)", self->path, mode);
      return FALSE;
    }
  /* secure_delete overwrites purged notes instead of leaving them in free pages.
   * Checkpoint every 4000 WAL pages (16 MB) instead of 1000: a checkpoint
   * (two fsyncs of the database file) then falls on well under 1% of the
   * commits; a background checkpoint thread was measured slower on one disk
   * (see docs/performance.md). */
  return simple_exec (self, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                      "PRAGMA secure_delete = ON; PRAGMA wal_autocheckpoint = "
                      G_STRINGIFY (WAL_AUTOCHECKPOINT_PAGES), error);
}

static gboolean
read_checkpoint (const char * const *cells,
                 guint               n_cells,
                 gpointer            user_data)
{
  *(gboolean *) user_data = n_cells > 0 && g_strcmp0 (cells[0], "0") == 0;
  return FALSE;
}

/* Purged notes live on in the WAL (the old page images) until a checkpoint
 * copies the new pages into the database file, where secure_delete has
 * overwritten them. TRUNCATE then empties the WAL file. Readers on other
 * connections can hold it back: retried a few times, then left for the
 * next purge (the data is purged either way). */
static gboolean
fd_case_store_sqlite_scrub (FdCaseStore  *store,
                            GError      **error)
{
  FdCaseStoreSqlite *self = FD_CASE_STORE_SQLITE (store);

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      gboolean done = FALSE;

      if (!_fd_case_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, 0,
                                read_checkpoint, &done, error))
        return FALSE;
      if (done)
        return TRUE;
      g_usleep (50 * 1000);
    }
  g_message ("Case database %s: other connections kept the write-ahead log busy; purged text "
             "stays in it until the next purge or checkpoint", self->path);
  return TRUE;
}

static gboolean
append_rows (const char * const *cells, guint n_cells, gpointer user_data)
{
  GString *s = user_data;

  for (guint i = 0; i < n_cells; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", cells[i] ? cells[i] : "NULL");
  g_string_append_c (s, '\n');
  return TRUE;
}

/* The audit table's triggers exactly as the migration created them: SQLite
 * keeps each trigger's CREATE statement, so a dropped trigger or one
 * replaced under the same name shows. */
static gboolean
check_audit_triggers (FdCaseStore  *store,
                      GString      *report,
                      GError      **error)
{
  g_autoptr(FdCaseTable) t = NULL;
  const char *expected[][2] = { { "audit_no_update", AUDIT_NO_UPDATE },
                                { "audit_no_delete", AUDIT_NO_DELETE } };
  g_autoptr(GString) bad = g_string_new (NULL);

  t = _fd_case_sql_query (store, "SELECT name, sql FROM sqlite_master "
                          "WHERE type = 'trigger' AND tbl_name = 'audit'", NULL, 0, error);
  if (t == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *found = NULL;

      for (guint r = 0; r < t->n_rows; r++)
        if (g_strcmp0 (_fd_case_table_cell (t, r, 0), expected[i][0]) == 0)
          found = _fd_case_table_cell (t, r, 1);
      if (found == NULL)
        g_string_append_printf (bad, "%s%s missing", bad->len ? ", " : "", expected[i][0]);
      else if (g_strcmp0 (found, expected[i][1]) != 0)
        g_string_append_printf (bad, "%s%s changed", bad->len ? ", " : "", expected[i][0]);
    }
  return _fd_case_audit_triggers_verdict (bad->str, report, error);
}

static gboolean
fd_case_store_sqlite_check (FdCaseStore *store, GString *report, GError **error)
{
  FdCaseStoreSqlite *self = FD_CASE_STORE_SQLITE (store);
  g_autoptr(GString) integrity = g_string_new (NULL);
  g_autoptr(GString) fk = g_string_new (NULL);

  if (!_fd_case_store_exec (store, "PRAGMA integrity_check", NULL, 0, append_rows, integrity, error)
      || !_fd_case_store_exec (store, "PRAGMA foreign_key_check", NULL, 0, append_rows, fk, error))
    return FALSE;
  g_string_append_printf (report, "file: %s\nintegrity_check: %s", self->path, integrity->str);
  g_string_append_printf (report, "foreign_key_check: %s\n", fk->len ? "FAILED" : "ok");
  if (g_strcmp0 (integrity->str, "ok\n") != 0 || fk->len)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CORRUPT,
                   "The case database %s is damaged:\n%s%s", self->path, integrity->str, fk->str);
      return FALSE;
    }
  if (!check_audit_triggers (store, report, error))
    return FALSE;
  return TRUE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
fd_case_store_sqlite_finalize (GObject *object)
{
  FdCaseStoreSqlite *self = FD_CASE_STORE_SQLITE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (fd_case_store_sqlite_parent_class)->finalize (object);
}

static void
fd_case_store_sqlite_class_init (FdCaseStoreSqliteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FdCaseStoreClass *store_class = FD_CASE_STORE_CLASS (klass);

  object_class->finalize = fd_case_store_sqlite_finalize;

  store_class->backend_name = "sqlite";
  store_class->connect = fd_case_store_sqlite_connect;
  store_class->exec = fd_case_store_sqlite_exec;
  store_class->begin = fd_case_store_sqlite_begin;
  store_class->commit = fd_case_store_sqlite_commit;
  store_class->rollback = fd_case_store_sqlite_rollback;
  store_class->migrations[0] = migration_v1;
  store_class->migrations[1] = migration_v2;
  store_class->check = fd_case_store_sqlite_check;
  store_class->scrub = fd_case_store_sqlite_scrub;
}

static void
fd_case_store_sqlite_init (FdCaseStoreSqlite *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

void
_fd_case_store_sqlite_set_max_page_count (FdCaseStore *store, guint n)
{
  FdCaseStoreSqlite *self = FD_CASE_STORE_SQLITE (store);
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", n);

  g_rec_mutex_lock (_fd_case_store_get_lock (store));
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  g_rec_mutex_unlock (_fd_case_store_get_lock (store));
}
