/* fd-case-store.h: the escort case log, on SQLite or PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One abstract class, two backends chosen by the connection URI given to
 * fd_case_store_open():
 *   NULL or ""                          SQLite file g_get_user_data_dir()/frontdesk/cases.db
 *   "sqlite:///abs/path.db" or a path   SQLite file (WAL, synchronous=FULL, busy timeout, foreign keys)
 *   "postgresql://…" / "postgres://…"   PostgreSQL via libpq (any libpq URI, e.g.
 *                                       postgresql:///frontdesk?host=/run/postgresql)
 *
 * Durability: every call that changes data returns TRUE only after its
 * transaction has committed (SQLite: WAL + synchronous=FULL; PostgreSQL:
 * synchronous commit). The UI may report "saved" only then. An open case is
 * stored when created, so fd_case_store_list_open() finds it after a crash.
 *
 * Every change (create, update, close, delete, purge, export, import) appends
 * one row to the audit trail inside the same transaction. The audit table is
 * append-only: the database itself rejects UPDATE and DELETE on it.
 *
 * Threads: the synchronous functions block (disk or network) and are
 * serialised by an internal lock, so they may be called from any thread. The
 * UI uses the _async wrappers (GTask in a worker thread, GCancellable checked
 * before the work starts; a started commit is never abandoned half-way).
 *
 * Errors are in FD_CASE_ERROR (see FdCaseError); messages are English,
 * clear enough to show to an administrator.
 */
#pragma once

#include <gio/gio.h>

#include "fd-case.h"
#include "fd-case-audit.h"
#include "fd-case-report.h"

G_BEGIN_DECLS


/* The schema version this program creates and migrates to. */
#define FD_CASE_SCHEMA_VERSION 2

/* Default retention of notes and contact phone, in days. */
#define FD_CASE_DEFAULT_RETENTION_DAYS 90

/**
 * FdCaseFilter:
 * What fd_case_store_list() returns. Zero-initialise, then set what matters.
 * Cases are listed by opened time, newest first.
 */
typedef struct
{
  GDateTime     *from;         /* opened at >= from, or NULL */
  GDateTime     *to;           /* opened at <  to, or NULL */
  gboolean       open_only;    /* only cases not yet closed */
  FdCaseNeed     needs;        /* cases having any of these needs; 0 = any */
  gboolean       by_outcome;   /* when TRUE, only cases with this outcome: */
  FdCaseOutcome  outcome;
  const char    *staff;        /* exact staff handle, or NULL */
  guint          limit;        /* 0 = no limit */
} FdCaseFilter;


#define FD_TYPE_CASE_STORE (fd_case_store_get_type ())
G_DECLARE_DERIVABLE_TYPE (FdCaseStore, fd_case_store, FD, CASE_STORE, GObject)

/* The class structure is private to the backends (fd-case-store-private.h). */

/* --- Opening ------------------------------------------------------------- */

/* The default URI: the SQLite file in the user data folder (newly allocated). */
char        *fd_case_store_default_uri      (void);
/* Opens (creating the SQLite file and its folder if needed) and migrates the
 * schema to FD_CASE_SCHEMA_VERSION. NULL/"" means the default. */
FdCaseStore *fd_case_store_open             (const char           *uri,
                                             GError              **error);
void         fd_case_store_open_async       (const char           *uri,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
FdCaseStore *fd_case_store_open_finish      (GAsyncResult         *result,
                                             GError              **error);

/* @uri with any password replaced by "***" (user:***@ in a URI, password=***
 * in its query or in key/value form), for messages and logs. */
char        *fd_case_store_uri_redact       (const char           *uri);
/* TRUE if @uri carries a password (a CLI must refuse it on its command
 * line: use PGPASSWORD or a PGPASSFILE instead). */
gboolean     fd_case_store_uri_has_password (const char           *uri);

/* The URI as given (for PostgreSQL with any password removed) and "sqlite"
 * or "postgresql". */
const char  *fd_case_store_get_uri          (FdCaseStore          *self);
const char  *fd_case_store_get_backend_name (FdCaseStore          *self);

/* Who is acting, recorded in the audit trail (a staff handle or the desk;
 * default: the user name of the process). Property "actor". */
const char  *fd_case_store_get_actor        (FdCaseStore          *self);
void         fd_case_store_set_actor        (FdCaseStore          *self,
                                             const char           *actor);

/* --- Cases ----------------------------------------------------------------- */

/* Stores a new case (open or already closed): validates it, masks the notes
 * (the masked text is written back into @fcase), assigns the id (set on
 * @fcase) and audits "create". TRUE only once committed. @fcase must have id 0. */
gboolean     fd_case_store_create           (FdCaseStore          *self,
                                             FdCase               *fcase,
                                             GError              **error);
/* Saves every field of a stored case (matters and calls included), masking
 * notes as above, and audits "update" with the names of the changed fields. */
gboolean     fd_case_store_update           (FdCaseStore          *self,
                                             FdCase               *fcase,
                                             GError              **error);
/* Closes a case now with @outcome (not FD_CASE_OUTCOME_NONE): sets
 * closed-at and outcome on @fcase, saves all its fields and audits "close".
 * Fails with FD_CASE_ERROR_INVALID if already closed. */
gboolean     fd_case_store_close_case       (FdCaseStore          *self,
                                             FdCase               *fcase,
                                             FdCaseOutcome         outcome,
                                             GError              **error);
/* A stored case, or NULL with FD_CASE_ERROR_NOT_FOUND. */
FdCase      *fd_case_store_get              (FdCaseStore          *self,
                                             gint64                id,
                                             GError              **error);
/* Cases matching @filter (NULL = all), newest first. Element type FdCase. */
GPtrArray   *fd_case_store_list             (FdCaseStore          *self,
                                             const FdCaseFilter   *filter,
                                             GError              **error);
/* Open cases (for restoring after a restart), newest first. */
GPtrArray   *fd_case_store_list_open        (FdCaseStore          *self,
                                             GError              **error);
/* Deletes a case (audited as "delete"; the audit rows stay). */
gboolean     fd_case_store_delete           (FdCaseStore          *self,
                                             gint64                id,
                                             GError              **error);

/* --- Privacy: retention and audit --------------------------------------------- */

/* Sets notes and contact phone to NULL (and marks the case purged) for every
 * case closed — or, if still open, opened — more than @retention_days days
 * ago, and audits "purge" with the count. With @dry_run nothing changes and
 * nothing is audited; @out_n_cases tells how many cases would be purged. */
gboolean     fd_case_store_purge            (FdCaseStore          *self,
                                             guint                 retention_days,
                                             gboolean              dry_run,
                                             guint                *out_n_cases,
                                             GError              **error);
/* The audit trail, oldest first; @case_id 0 for all rows; @limit 0 for all.
 * Element type FdCaseAuditEntry. */
GPtrArray   *fd_case_store_list_audit       (FdCaseStore          *self,
                                             gint64                case_id,
                                             guint                 limit,
                                             GError              **error);

/* --- Reports, CSV, maintenance ------------------------------------------------ */

/* Statistics over cases opened in [@from, @to) (NULL = unbounded). */
FdCaseReport *fd_case_store_report          (FdCaseStore          *self,
                                             GDateTime            *from,
                                             GDateTime            *to,
                                             GError              **error);
/* Writes cases opened in [@from, @to) as CSV (see fd-case-csv.h for the
 * format) to @stream and audits "export" with the row count. */
gboolean     fd_case_store_export_csv       (FdCaseStore          *self,
                                             GOutputStream        *stream,
                                             GDateTime            *from,
                                             GDateTime            *to,
                                             guint                *out_n_cases,
                                             GCancellable         *cancellable,
                                             GError              **error);
/* Imports every row of a CSV (fd-case-csv.h) as new cases in ONE transaction:
 * either all rows are stored or, on any bad row, none (FD_CASE_ERROR_CSV,
 * message listing every bad line with its number and reason). Audits
 * "import" with the count. */
gboolean     fd_case_store_import_csv       (FdCaseStore          *self,
                                             GInputStream         *stream,
                                             guint                *out_n_cases,
                                             GCancellable         *cancellable,
                                             GError              **error);
/* The schema version found in the database. */
int          fd_case_store_get_schema_version (FdCaseStore        *self,
                                             GError              **error);
/* Integrity check (SQLite: PRAGMA integrity_check and foreign_key_check;
 * PostgreSQL: schema version and table presence). @out_report gets a short
 * human-readable summary. FALSE with FD_CASE_ERROR_CORRUPT when damaged. */
gboolean     fd_case_store_check            (FdCaseStore          *self,
                                             char                **out_report,
                                             GError              **error);

/* --- Async wrappers for the UI (GTask in a worker thread) ----------------------
 * @fcase is copied before the work starts; on success the _finish function
 * copies the stored state (id, masked notes, closed-at, outcome) back into the
 * caller's @fcase, on the thread calling _finish. */
/* The case @id as stored now (for an editor to see what was added elsewhere). */
void          fd_case_store_get_async       (FdCaseStore          *self,
                                             gint64                id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
FdCase       *fd_case_store_get_finish      (FdCaseStore          *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void          fd_case_store_create_async    (FdCaseStore          *self,
                                             FdCase               *fcase,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      fd_case_store_create_finish   (FdCaseStore          *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void          fd_case_store_update_async    (FdCaseStore          *self,
                                             FdCase               *fcase,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      fd_case_store_update_finish   (FdCaseStore          *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void          fd_case_store_close_case_async (FdCaseStore         *self,
                                             FdCase               *fcase,
                                             FdCaseOutcome         outcome,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      fd_case_store_close_case_finish (FdCaseStore        *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* @filter is copied (NULL = all). Returns element type FdCase. */
void          fd_case_store_list_async      (FdCaseStore          *self,
                                             const FdCaseFilter   *filter,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GPtrArray    *fd_case_store_list_finish     (FdCaseStore          *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* The audit trail of one case (0: all), as fd_case_store_list_audit(). */
void          fd_case_store_list_audit_async (FdCaseStore         *self,
                                              gint64                case_id,
                                              guint                 limit,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray    *fd_case_store_list_audit_finish (FdCaseStore        *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void          fd_case_store_report_async    (FdCaseStore          *self,
                                             GDateTime            *from,
                                             GDateTime            *to,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
FdCaseReport *fd_case_store_report_finish   (FdCaseStore          *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Deletes a case (audited). */
void          fd_case_store_delete_async    (FdCaseStore          *self,
                                             gint64                id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      fd_case_store_delete_finish   (FdCaseStore          *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Retention purge (e.g. at start-up), as fd_case_store_purge(). */
void          fd_case_store_purge_async     (FdCaseStore          *self,
                                             guint                 retention_days,
                                             gboolean              dry_run,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      fd_case_store_purge_finish    (FdCaseStore          *self,
                                             GAsyncResult         *result,
                                             guint                *out_n_cases,
                                             GError              **error);
/* Exports to a file (created or replaced atomically), audited as above. */
void          fd_case_store_export_csv_async  (FdCaseStore        *self,
                                             GFile                *file,
                                             GDateTime            *from,
                                             GDateTime            *to,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      fd_case_store_export_csv_finish (FdCaseStore        *self,
                                             GAsyncResult         *result,
                                             guint                *out_n_cases,
                                             GError              **error);

G_END_DECLS
