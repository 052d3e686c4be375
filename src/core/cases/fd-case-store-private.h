/* fd-case-store-private.h: what the backends implement (not for the UI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to src/core/cases (and, for now, the store's tests and benchmark).
 * Files and who calls whom (no cycles):
 *   fd-case-sql.c          leaf: the backend vtable, tables of results, transactions
 *   fd-case-audit.c        the audit entry type and audit rows       (-> sql)
 *   fd-case-rules.c        validation, masking, changed fields       (case only)
 *   fd-case-store-rows.c   FdCase <-> rows                           (-> sql)
 *   fd-case-store.c        object, open, migrate, create/update/close (-> rows, audit, sql)
 *   fd-case-store-ops.c, -io.c, -async.c, fd-case-report.c           (-> store, rows, audit, sql)
 * The store logic is written once on top of a tiny SQL interface: every statement uses
 * $1, $2… placeholders, every parameter and every result cell is text (NULL
 * for SQL NULL). SQL is kept to what SQLite 3.40 and PostgreSQL 15 share.
 */
#pragma once

#include "fd-case-store.h"
#include "fd-case-store-test.h"

G_BEGIN_DECLS

struct _FdCaseStoreClass
{
  GObjectClass parent_class;

  const char *backend_name;
  /* Statement run first in each migration transaction to serialise
   * migrations between connections, or NULL when BEGIN already does. */
  const char *migration_lock;

  /* Connects; called once by fd_case_store_open(). */
  gboolean (*connect)      (FdCaseStore *self, const char *uri, GError **error);
  /* Runs one statement with text parameters. */
  gboolean (*exec)         (FdCaseStore *self, const char *sql,
                            const char * const *params, guint n_params,
                            FdCaseRowFunc func, gpointer user_data,
                            GError **error);
  /* BEGIN (SQLite: BEGIN IMMEDIATE) / COMMIT / ROLLBACK. */
  gboolean (*begin)        (FdCaseStore *self, GError **error);
  gboolean (*commit)       (FdCaseStore *self, GError **error);
  void     (*rollback)     (FdCaseStore *self);
  /* Schema statements of each migration step, NULL-terminated: migrations[v - 1]
   * takes the schema from version v - 1 to v. */
  const char * const *migrations[FD_CASE_SCHEMA_VERSION];
  /* Backend-specific part of fd_case_store_check(). */
  gboolean (*check)        (FdCaseStore *self, GString *report, GError **error);
  /* Makes data just deleted or purged unreadable from the database's files
   * now (SQLite: checkpoint and truncate the WAL), or NULL. Called after the
   * commit, outside any transaction. */
  gboolean (*scrub)        (FdCaseStore *self, GError **error);
};

#define FD_TYPE_CASE_STORE_SQLITE (fd_case_store_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (FdCaseStoreSqlite, fd_case_store_sqlite, FD, CASE_STORE_SQLITE, FdCaseStore)
#define FD_TYPE_CASE_STORE_PG (fd_case_store_pg_get_type ())
G_DECLARE_FINAL_TYPE (FdCaseStorePg, fd_case_store_pg, FD, CASE_STORE_PG, FdCaseStore)

/* For the store's own files, tests and benchmarks. */
GRecMutex   *_fd_case_store_get_lock        (FdCaseStore *self);
/* Opens without migrating past @max_version (tests of migrations). */
/* SQLite only: PRAGMA max_page_count (tests of a full disk). */
/* Inserts one case inside the caller's transaction (import, benchmark). */
gboolean     _fd_case_store_insert_locked   (FdCaseStore *self, FdCase *fcase, GError **error);
/* Saves every column of a stored case inside the caller's transaction. */
gboolean     _fd_case_store_update_locked   (FdCaseStore *self, FdCase *fcase, GError **error);
/* Appends an audit row for the store's actor inside the caller's transaction. */
gboolean     _fd_case_store_audit           (FdCaseStore *self, FdCaseAuditAction action,
                                             gint64 case_id, const char *detail,
                                             GError **error);
/* PostgreSQL connection parameters for @uri (NULL-terminated keyword and
 * value arrays, element type char*): sslmode defaults to verify-full for a
 * host reached over the network, and disable/allow/prefer are refused for
 * one (FD_CASE_ERROR_URI); Unix sockets and loopback stay as given. */
/* @message (e.g. libpq's) with every password of @uri, and every piece of
 * one, replaced by "***". */
char        *_fd_case_redact_message        (const char *message, const char *uri);
/* Case rows -> FdCase (fd-case-store-rows.c). */
GPtrArray   *_fd_case_store_select_cases    (FdCaseStore *self, const char *where,
                                             const char * const *params, guint n_params,
                                             const char *tail, GError **error);

G_END_DECLS
