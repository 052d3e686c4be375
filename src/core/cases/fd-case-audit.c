/* fd-case-audit.c: the audit entry type, its codes, and audit rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include "fd-case-audit-private.h"

G_DEFINE_BOXED_TYPE (FdCaseAuditEntry, fd_case_audit_entry,
                     fd_case_audit_entry_copy, fd_case_audit_entry_free)

static const char *audit_codes[] = {
  "create", "update", "close", "export", "purge", "delete", "import",
};

const char *
fd_case_audit_action_to_code (FdCaseAuditAction action)
{
  if ((guint) action >= G_N_ELEMENTS (audit_codes))
    return NULL;
  return audit_codes[action];
}

gboolean
fd_case_audit_action_from_code (const char        *code,
                                FdCaseAuditAction *out_action)
{
  for (guint i = 0; i < G_N_ELEMENTS (audit_codes); i++)
    if (g_strcmp0 (code, audit_codes[i]) == 0)
      {
        *out_action = i;
        return TRUE;
      }
  return FALSE;
}

FdCaseAuditEntry *
fd_case_audit_entry_copy (const FdCaseAuditEntry *entry)
{
  FdCaseAuditEntry *copy = g_new0 (FdCaseAuditEntry, 1);

  *copy = *entry;
  copy->at = entry->at ? g_date_time_ref (entry->at) : NULL;
  copy->actor = g_strdup (entry->actor);
  copy->detail = g_strdup (entry->detail);
  return copy;
}

void
fd_case_audit_entry_free (FdCaseAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->at, g_date_time_unref);
  g_free (entry->actor);
  g_free (entry->detail);
  g_free (entry);
}

gboolean
_fd_case_audit_append (FdCaseStore        *self,
                       const char         *actor,
                       FdCaseAuditAction   action,
                       gint64              case_id,
                       const char         *detail,
                       GError            **error)
{
  g_autofree char *at = _fd_case_sql_int (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *cid = case_id ? _fd_case_sql_int (case_id) : NULL;
  const char *params[] = { at, actor, fd_case_audit_action_to_code (action), cid, detail };

  return _fd_case_store_exec (self,
                              "INSERT INTO audit (at, actor, action, case_id, detail) "
                              "VALUES ($1, $2, $3, $4, $5)",
                              params, 5, NULL, NULL, error);
}

GPtrArray *
_fd_case_audit_select (FdCaseStore  *self,
                       gint64        case_id,
                       guint         limit,
                       GError      **error)
{
  g_autoptr(FdCaseTable) t = NULL;
  g_autofree char *idp = _fd_case_sql_int (case_id);
  const char *params[] = { idp };
  g_autofree char *sql = NULL;
  g_autofree char *lim = limit ? g_strdup_printf (" LIMIT %u", limit) : NULL;
  GPtrArray *entries;

  sql = g_strdup_printf ("SELECT id, at, actor, action, case_id, detail FROM audit%s "
                         "ORDER BY id%s", case_id ? " WHERE case_id = $1" : "",
                         lim ? lim : "");
  t = _fd_case_sql_query (self, sql, params, case_id ? 1 : 0, error);
  if (t == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_case_audit_entry_free);
  for (guint r = 0; r < t->n_rows; r++)
    {
      FdCaseAuditEntry *e = g_new0 (FdCaseAuditEntry, 1);

      e->id = _fd_case_sql_parse_int (_fd_case_table_cell (t, r, 0));
      e->at = g_date_time_new_from_unix_local (_fd_case_sql_parse_int (_fd_case_table_cell (t, r, 1)));
      e->actor = g_strdup (_fd_case_table_cell (t, r, 2));
      if (!fd_case_audit_action_from_code (_fd_case_table_cell (t, r, 3), &e->action))
        e->action = FD_CASE_AUDIT_UPDATE;
      e->case_id = _fd_case_sql_parse_int (_fd_case_table_cell (t, r, 4));
      e->detail = g_strdup (_fd_case_table_cell (t, r, 5));
      g_ptr_array_add (entries, e);
    }
  return entries;
}

gboolean
_fd_case_audit_triggers_verdict (const char  *problems,
                                 GString     *report,
                                 GError     **error)
{
  g_string_append_printf (report, "audit append-only triggers: %s\n", *problems ? problems : "ok");
  if (*problems)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CORRUPT,
                   "The audit table is no longer append-only (%s); restore the triggers "
                   "from a backup and find out who changed them", problems);
      return FALSE;
    }
  return TRUE;
}
