/* fd-case-store-pg.c: the PostgreSQL backend (libpq)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "fd-case-store-private.h"
#include "fd-case-schema-private.h"
#include "fd-case-audit-private.h"
#include "fd-case-sql-private.h"

#define MAX_COLUMNS 32

struct _FdCaseStorePg
{
  FdCaseStore  parent_instance;

  PGconn      *conn;
  gboolean     in_transaction;
};

G_DEFINE_FINAL_TYPE (FdCaseStorePg, fd_case_store_pg, FD_TYPE_CASE_STORE)

#define AUDIT_FUNCTION_BODY " BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END "

static const char * const migration_v1[] = {
  FD_CASE_SCHEMA_V1 ("BIGSERIAL PRIMARY KEY", "BIGINT"),
  "CREATE FUNCTION fd_audit_append_only () RETURNS trigger LANGUAGE plpgsql AS "
  "$$" AUDIT_FUNCTION_BODY "$$",
  "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit "
  "FOR EACH ROW EXECUTE FUNCTION fd_audit_append_only ()",
  "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
  "FOR EACH STATEMENT EXECUTE FUNCTION fd_audit_append_only ()",
  NULL
};

static const char * const migration_v2[] = {
  FD_CASE_SCHEMA_V2,
  "CREATE INDEX cases_report ON cases (opened_at) "
  "INCLUDE (day, needs, outcome, staff, language, duration_s, n_calls)",
  NULL
};

static void
on_notice (void *arg, const char *message)
{
  /* Notices (e.g. "relation already exists, skipping") are not errors. */
}

static void
set_pg_error (FdCaseStorePg *self, PGresult *res, GError **error)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *msg = res ? PQresultErrorMessage (res) : PQerrorMessage (self->conn);
  g_autofree char *clean = g_strstrip (g_strdup (msg && *msg ? msg : PQerrorMessage (self->conn)));
  int code = FD_CASE_ERROR_FAILED;

  if (PQstatus (self->conn) == CONNECTION_BAD || (state && g_str_has_prefix (state, "08"))
      || g_strcmp0 (state, "57P01") == 0 || g_strcmp0 (state, "57P02") == 0
      || g_strcmp0 (state, "57P03") == 0)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CONNECTION,
                   "Lost the connection to the case database server; the last change was not "
                   "saved (%s)", clean);
      return;
    }
  if (g_strcmp0 (state, "53100") == 0)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_DISK_FULL,
                   "The case database server's disk is full; nothing was saved (%s)", clean);
      return;
    }
  if (state && g_str_has_prefix (state, "23"))
    code = FD_CASE_ERROR_INVALID;
  else if (g_strcmp0 (state, "P0001") == 0 && strstr (clean, "append-only"))
    code = FD_CASE_ERROR_AUDIT;
  else if (g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0
           || g_strcmp0 (state, "55P03") == 0)
    code = FD_CASE_ERROR_BUSY;
  else if (g_strcmp0 (state, "25006") == 0 || g_strcmp0 (state, "42501") == 0)
    code = FD_CASE_ERROR_READ_ONLY;
  g_set_error (error, FD_CASE_ERROR, code, "Case database (PostgreSQL): %s", clean);
}

static gboolean
ensure_connected (FdCaseStorePg *self, GError **error)
{
  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;
  if (self->in_transaction)
    {
      set_pg_error (self, NULL, error);
      return FALSE;
    }
  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CONNECTION,
                   "Cannot reach the case database server: %s", PQerrorMessage (self->conn));
      return FALSE;
    }
  return TRUE;
}

static gboolean
fd_case_store_pg_exec (FdCaseStore *store, const char *sql, const char * const *params,
                       guint n_params, FdCaseRowFunc func, gpointer user_data, GError **error)
{
  FdCaseStorePg *self = FD_CASE_STORE_PG (store);
  PGresult *res;
  ExecStatusType status;

  if (!ensure_connected (self, error))
    return FALSE;
  res = PQexecParams (self->conn, sql, n_params, NULL, (const char * const *) params,
                      NULL, NULL, 0);
  status = PQresultStatus (res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_pg_error (self, res, error);
      PQclear (res);
      return FALSE;
    }
  if (func && status == PGRES_TUPLES_OK)
    {
      int n_rows = PQntuples (res);
      guint n_cols = MIN (PQnfields (res), MAX_COLUMNS);

      for (int r = 0; r < n_rows; r++)
        {
          const char *cells[MAX_COLUMNS];

          for (guint c = 0; c < n_cols; c++)
            cells[c] = PQgetisnull (res, r, c) ? NULL : PQgetvalue (res, r, c);
          if (!func (cells, n_cols, user_data))
            break;
        }
    }
  PQclear (res);
  return TRUE;
}

static gboolean
fd_case_store_pg_begin (FdCaseStore *store, GError **error)
{
  FdCaseStorePg *self = FD_CASE_STORE_PG (store);

  if (!fd_case_store_pg_exec (store, "BEGIN", NULL, 0, NULL, NULL, error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

static gboolean
fd_case_store_pg_commit (FdCaseStore *store, GError **error)
{
  FdCaseStorePg *self = FD_CASE_STORE_PG (store);
  gboolean ok = fd_case_store_pg_exec (store, "COMMIT", NULL, 0, NULL, NULL, error);

  self->in_transaction = !ok && PQstatus (self->conn) == CONNECTION_OK
                         && PQtransactionStatus (self->conn) != PQTRANS_IDLE;
  return ok;
}

static void
fd_case_store_pg_rollback (FdCaseStore *store)
{
  FdCaseStorePg *self = FD_CASE_STORE_PG (store);

  if (PQstatus (self->conn) == CONNECTION_OK && PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    PQclear (PQexec (self->conn, "ROLLBACK"));
  self->in_transaction = FALSE;
}

static gboolean
fd_case_store_pg_connect (FdCaseStore *store, const char *uri, GError **error)
{
  FdCaseStorePg *self = FD_CASE_STORE_PG (store);
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  if (!_fd_case_pg_conninfo (uri, keywords, values, error))
    return FALSE;
  self->conn = PQconnectdbParams ((const char * const *) keywords->pdata,
                                  (const char * const *) values->pdata, 0);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *msg = g_strstrip (g_strdup (self->conn ? PQerrorMessage (self->conn)
                                                              : "out of memory"));
      g_autofree char *shown = fd_case_store_uri_redact (uri);
      g_autofree char *why = _fd_case_redact_message (msg, uri);

      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CONNECTION,
                   "Cannot connect to the case database %s: %s", shown, why);
      return FALSE;
    }
  PQsetNoticeProcessor (self->conn, on_notice, NULL);
  return fd_case_store_pg_exec (store, "SET synchronous_commit = on", NULL, 0, NULL, NULL, error);
}

/* The audit table's triggers as the migration made them: present, enabled,
 * firing before the right events, and calling the unchanged function.
 * tgtype bits: ROW 1, BEFORE 2, DELETE 8, UPDATE 16, TRUNCATE 32. */
static gboolean
fd_case_store_pg_check (FdCaseStore *store, GString *report, GError **error)
{
  FdCaseStorePg *self = FD_CASE_STORE_PG (store);
  g_autoptr(FdCaseTable) t = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);
  const struct { const char *name; int type; } expected[] = {
    { "audit_no_change", 1 | 2 | 8 | 16 },
    { "audit_no_truncate", 2 | 32 },
  };

  t = _fd_case_sql_query (store,
                          "SELECT t.tgname, t.tgenabled::text, t.tgtype::integer, p.proname, "
                          "l.lanname, p.prosrc "
                          "FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
                          "JOIN pg_language l ON l.oid = p.prolang "
                          "WHERE t.tgrelid = 'audit'::regclass AND NOT t.tgisinternal",
                          NULL, 0, error);
  if (t == NULL)
    return FALSE;
  g_string_append_printf (report, "server: PostgreSQL %d, database %s\n",
                          PQserverVersion (self->conn), PQdb (self->conn));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      int row = -1;

      for (guint r = 0; r < t->n_rows; r++)
        if (g_strcmp0 (_fd_case_table_cell (t, r, 0), expected[i].name) == 0)
          row = r;
#define BAD(what) g_string_append_printf (bad, "%s%s %s", bad->len ? ", " : "", expected[i].name, what)
      if (row < 0)
        BAD ("missing");
      else if (g_strcmp0 (_fd_case_table_cell (t, row, 1), "D") == 0)
        BAD ("disabled");
      else if (_fd_case_sql_parse_int (_fd_case_table_cell (t, row, 2)) != expected[i].type)
        BAD ("fires on other events");
      else if (g_strcmp0 (_fd_case_table_cell (t, row, 3), "fd_audit_append_only") != 0
               || g_strcmp0 (_fd_case_table_cell (t, row, 4), "plpgsql") != 0
               || g_strcmp0 (_fd_case_table_cell (t, row, 5), AUDIT_FUNCTION_BODY) != 0)
        BAD ("calls a changed function");
#undef BAD
    }
  return _fd_case_audit_triggers_verdict (bad->str, report, error);
}

static void
fd_case_store_pg_finalize (GObject *object)
{
  FdCaseStorePg *self = FD_CASE_STORE_PG (object);

  g_clear_pointer (&self->conn, PQfinish);

  G_OBJECT_CLASS (fd_case_store_pg_parent_class)->finalize (object);
}

static void
fd_case_store_pg_class_init (FdCaseStorePgClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FdCaseStoreClass *store_class = FD_CASE_STORE_CLASS (klass);

  object_class->finalize = fd_case_store_pg_finalize;

  store_class->backend_name = "postgresql";
  /* An advisory lock of our own ("FDCASES" as a number). */
  store_class->migration_lock = "SELECT pg_advisory_xact_lock (7073018851)";
  store_class->connect = fd_case_store_pg_connect;
  store_class->exec = fd_case_store_pg_exec;
  store_class->begin = fd_case_store_pg_begin;
  store_class->commit = fd_case_store_pg_commit;
  store_class->rollback = fd_case_store_pg_rollback;
  store_class->migrations[0] = migration_v1;
  store_class->migrations[1] = migration_v2;
  store_class->check = fd_case_store_pg_check;
}

static void
fd_case_store_pg_init (FdCaseStorePg *self)
{
}
