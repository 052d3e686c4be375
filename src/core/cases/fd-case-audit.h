/* fd-case-audit.h: one row of the case store's audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum /*< prefix=FD_CASE_AUDIT >*/
{
  FD_CASE_AUDIT_CREATE,  /*< nick=create >*/
  FD_CASE_AUDIT_UPDATE,  /*< nick=update >*/
  FD_CASE_AUDIT_CLOSE,   /*< nick=close >*/
  FD_CASE_AUDIT_EXPORT,  /*< nick=export >*/
  FD_CASE_AUDIT_PURGE,   /*< nick=purge >*/
  FD_CASE_AUDIT_DELETE,  /*< nick=delete >*/
  FD_CASE_AUDIT_IMPORT,  /*< nick=import >*/
} FdCaseAuditAction;

/* The code stored in the database ("create", …), or NULL if out of range. */
const char *fd_case_audit_action_to_code   (FdCaseAuditAction  action);
/* FALSE for an unknown code. */
gboolean    fd_case_audit_action_from_code (const char        *code,
                                            FdCaseAuditAction *out_action);

/**
 * FdCaseAuditEntry:
 * One row of the audit trail (boxed type FD_TYPE_CASE_AUDIT_ENTRY).
 * The detail never holds notes or phone numbers, only field names and counts.
 */
typedef struct
{
  gint64             id;
  GDateTime         *at;
  char              *actor;      /* who: fd_case_store_set_actor() at that time */
  FdCaseAuditAction  action;
  gint64             case_id;    /* 0 when not about one case (export, purge, import) */
  char              *detail;     /* e.g. "fields: notes,outcome" or "purged 12 cases" */
} FdCaseAuditEntry;

#define FD_TYPE_CASE_AUDIT_ENTRY (fd_case_audit_entry_get_type ())
GType              fd_case_audit_entry_get_type (void) G_GNUC_CONST;
FdCaseAuditEntry  *fd_case_audit_entry_copy     (const FdCaseAuditEntry *entry);
void               fd_case_audit_entry_free     (FdCaseAuditEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdCaseAuditEntry, fd_case_audit_entry_free)

G_END_DECLS
