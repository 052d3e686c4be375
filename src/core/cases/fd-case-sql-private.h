/* fd-case-sql-private.h: the SQL helpers every store file uses (leaf)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to src/core/cases. fd-case-sql.c depends on nothing of the store
 * but the backend vtable (fd-case-store-private.h), so every other store
 * file may call it without forming a cycle.
 */
#pragma once

#include "fd-case-store-private.h"

G_BEGIN_DECLS

/* A query result held in memory: n_rows x n_cols cells, NULL = SQL NULL. */
typedef struct
{
  guint      n_rows;
  guint      n_cols;
  GPtrArray *cells;
} FdCaseTable;

static inline const char *
_fd_case_table_cell (FdCaseTable *t,
                     guint        row,
                     guint        col)
{
  return g_ptr_array_index (t->cells, row * t->n_cols + col);
}

void         _fd_case_table_free    (FdCaseTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdCaseTable, _fd_case_table_free)

FdCaseTable *_fd_case_sql_query     (FdCaseStore *self, const char *sql,
                                     const char * const *params, guint n_params,
                                     GError **error);
char        *_fd_case_sql_int       (gint64 v);
gint64       _fd_case_sql_parse_int (const char *s);
/* yyyymmdd of the local date at @unix_s. */
int          _fd_case_sql_local_day (gint64 unix_s);
gboolean     _fd_case_sql_begin     (FdCaseStore *self, GError **error);
/* Commits if @ok (FALSE with @error if the commit fails), else rolls back and
 * returns FALSE. */
gboolean     _fd_case_sql_end       (FdCaseStore *self, gboolean ok, GError **error);

/* The backend's scrub (see FdCaseStoreClass), if it has one. */
gboolean     _fd_case_sql_scrub     (FdCaseStore *self, GError **error);

G_END_DECLS
