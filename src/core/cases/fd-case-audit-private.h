/* fd-case-audit-private.h: writing and reading audit rows (store files only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-case-audit.h"
#include "fd-case-sql-private.h"

G_BEGIN_DECLS

/* Appends one audit row inside the caller's transaction. */
gboolean   _fd_case_audit_append (FdCaseStore       *self,
                                  const char        *actor,
                                  FdCaseAuditAction  action,
                                  gint64             case_id,
                                  const char        *detail,
                                  GError           **error);
/* Audit rows, oldest first (element type FdCaseAuditEntry). */
GPtrArray *_fd_case_audit_select (FdCaseStore       *self,
                                  gint64             case_id,
                                  guint              limit,
                                  GError           **error);

/* The backends' check of the append-only triggers: @problems lists what is
 * wrong ("" when nothing); adds a line to @report; FALSE with
 * FD_CASE_ERROR_CORRUPT when something is. */
gboolean   _fd_case_audit_triggers_verdict (const char  *problems,
                                            GString     *report,
                                            GError     **error);

G_END_DECLS
