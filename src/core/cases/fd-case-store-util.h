/* fd-case-store-util.h: helpers shared by the store's source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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
fd_case_table_cell (FdCaseTable *t, guint row, guint col)
{
  return g_ptr_array_index (t->cells, row * t->n_cols + col);
}

void         fd_case_table_free              (FdCaseTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdCaseTable, fd_case_table_free)

FdCaseTable *fd_case_store_query             (FdCaseStore *self, const char *sql,
                                              const char * const *params, guint n_params,
                                              GError **error);
char        *fd_case_int_param               (gint64 v);
gint64       fd_case_parse_int               (const char *s);
/* yyyymmdd of the local date at @unix_s. */
int          fd_case_local_day               (gint64 unix_s);
gboolean     fd_case_store_transaction_begin (FdCaseStore *self, GError **error);
/* Commits if @ok (FALSE with @error if the commit fails), else rolls back and
 * returns FALSE. */
gboolean     fd_case_store_transaction_end   (FdCaseStore *self, gboolean ok, GError **error);
gboolean     fd_case_store_audit             (FdCaseStore *self, FdCaseAuditAction action,
                                              gint64 case_id, const char *detail,
                                              GError **error);
/* fd-case-store-rows.c */
gboolean     fd_case_validate                (FdCase *fcase, GError **error);
void         fd_case_mask_notes              (FdCase *fcase);
gboolean     fd_case_store_update_locked     (FdCaseStore *self, FdCase *fcase, GError **error);
/* "fields: a,b" naming the fields that differ (never their values). */
char        *fd_case_changed_fields          (FdCase *old_case, FdCase *new_case);

/* The URI without any password (for display and logs). */
char        *fd_case_uri_redact              (const char *uri);

G_END_DECLS
