/* fd-case-store-ops.c: listing, deleting, retention purge, audit trail, checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include <string.h>

#include "fd-case-store-private.h"
#include "fd-case-audit-private.h"

GPtrArray *
fd_case_store_list (FdCaseStore *self, const FdCaseFilter *filter, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *tail = NULL;
  FdCaseFilter empty = { 0 };

  g_return_val_if_fail (FD_IS_CASE_STORE (self), NULL);

  if (filter == NULL)
    filter = &empty;
#define ADD_COND(fmt, value)                                                   \
  G_STMT_START {                                                               \
    g_ptr_array_add (params, value);                                           \
    g_string_append_printf (where, "%s" fmt, where->len ? " AND " : "", params->len); \
  } G_STMT_END
  if (filter->from)
    ADD_COND ("opened_at >= $%u", _fd_case_sql_int (g_date_time_to_unix (filter->from)));
  if (filter->to)
    ADD_COND ("opened_at < $%u", _fd_case_sql_int (g_date_time_to_unix (filter->to)));
  if (filter->needs)
    ADD_COND ("(needs & CAST($%u AS INTEGER)) <> 0", _fd_case_sql_int (filter->needs & FD_CASE_NEED_ALL));
  if (filter->by_outcome)
    ADD_COND ("outcome = $%u", _fd_case_sql_int (filter->outcome));
  if (filter->staff)
    ADD_COND ("staff = $%u", g_strdup (filter->staff));
#undef ADD_COND
  if (filter->open_only)
    g_string_append_printf (where, "%sclosed_at IS NULL", where->len ? " AND " : "");
  tail = filter->limit ? g_strdup_printf (" ORDER BY opened_at DESC, id DESC LIMIT %u", filter->limit)
                       : g_strdup (" ORDER BY opened_at DESC, id DESC");

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  return _fd_case_store_select_cases (self, where->len ? where->str : NULL,
                                      (const char * const *) params->pdata, params->len,
                                      tail, error);
}

GPtrArray *
fd_case_store_list_open (FdCaseStore *self, GError **error)
{
  FdCaseFilter filter = { .open_only = TRUE };

  return fd_case_store_list (self, &filter, error);
}

static gboolean
count_changes (const char * const *cells, guint n_cells, gpointer user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

gboolean
fd_case_store_delete (FdCaseStore *self, gint64 id, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *idp = _fd_case_sql_int (id);
  const char *params[] = { idp };
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), FALSE);

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  if (!_fd_case_sql_begin (self, error))
    return FALSE;
  ok = _fd_case_store_exec (self, "DELETE FROM cases WHERE id = $1 RETURNING id", params, 1,
                            count_changes, &n, &local);
  if (ok && n == 0)
    {
      g_set_error (&local, FD_CASE_ERROR, FD_CASE_ERROR_NOT_FOUND,
                   "No case with id %" G_GINT64_FORMAT, id);
      ok = FALSE;
    }
  ok = ok && _fd_case_store_audit (self, FD_CASE_AUDIT_DELETE, id, NULL, &local);
  if (!_fd_case_sql_end (self, ok, ok ? &local : NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return _fd_case_sql_scrub (self, error);
}

gboolean
fd_case_store_purge (FdCaseStore *self, guint retention_days, gboolean dry_run,
                     guint *out_n_cases, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GError) local = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *cutoff = _fd_case_sql_int (now - (gint64) retention_days * 86400);
  g_autofree char *nowp = _fd_case_sql_int (now);
  g_autofree char *detail = NULL;
  const char *params[] = { cutoff, nowp };
  const char *cond = "COALESCE(closed_at, opened_at) < $1 "
                     "AND (notes IS NOT NULL OR contact_phone IS NOT NULL)";
  g_autofree char *sql = NULL;
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), FALSE);

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  if (dry_run)
    {
      g_autoptr(FdCaseTable) t = NULL;

      sql = g_strconcat ("SELECT COUNT(*) FROM cases WHERE ", cond, NULL);
      t = _fd_case_sql_query (self, sql, params, 1, error);
      if (t == NULL)
        return FALSE;
      if (out_n_cases)
        *out_n_cases = _fd_case_sql_parse_int (_fd_case_table_cell (t, 0, 0));
      return TRUE;
    }

  if (!_fd_case_sql_begin (self, error))
    return FALSE;
  sql = g_strconcat ("UPDATE cases SET notes = NULL, contact_phone = NULL, purged_at = $2 "
                     "WHERE ", cond, " RETURNING id", NULL);
  ok = _fd_case_store_exec (self, sql, params, 2, count_changes, &n, &local);
  detail = g_strdup_printf ("purged notes and contact phone of %u cases (retention %u days)",
                            n, retention_days);
  ok = ok && _fd_case_store_audit (self, FD_CASE_AUDIT_PURGE, 0, detail, &local);
  if (!_fd_case_sql_end (self, ok, ok ? &local : NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (out_n_cases)
    *out_n_cases = n;
  return n == 0 || _fd_case_sql_scrub (self, error);
}

GPtrArray *
fd_case_store_list_audit (FdCaseStore *self, gint64 case_id, guint limit, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  return _fd_case_audit_select (self, case_id, limit, error);
}

int
fd_case_store_get_schema_version (FdCaseStore *self, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(FdCaseTable) t = NULL;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), -1);

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  t = _fd_case_sql_query (self, "SELECT MAX(version) FROM schema_version", NULL, 0, error);
  if (t == NULL)
    return -1;
  return (int) _fd_case_sql_parse_int (_fd_case_table_cell (t, 0, 0));
}

gboolean
fd_case_store_check (FdCaseStore *self, char **out_report, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(FdCaseTable) t = NULL;
  int version;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), FALSE);

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  version = fd_case_store_get_schema_version (self, error);
  if (version < 0)
    return FALSE;
  g_string_append_printf (report, "backend: %s\nschema version: %d (this program: %d)\n",
                          fd_case_store_get_backend_name (self), version, FD_CASE_SCHEMA_VERSION);
  if (!FD_CASE_STORE_GET_CLASS (self)->check (self, report, error))
    return FALSE;
  t = _fd_case_sql_query (self, "SELECT (SELECT COUNT(*) FROM cases), "
                           "(SELECT COUNT(*) FROM cases WHERE closed_at IS NULL), "
                           "(SELECT COUNT(*) FROM audit)", NULL, 0, error);
  if (t == NULL)
    return FALSE;
  g_string_append_printf (report, "cases: %s (open: %s)\naudit rows: %s\n",
                          _fd_case_table_cell (t, 0, 0), _fd_case_table_cell (t, 0, 1),
                          _fd_case_table_cell (t, 0, 2));
  if (version != FD_CASE_SCHEMA_VERSION)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_SCHEMA,
                   "Schema version %d, expected %d", version, FD_CASE_SCHEMA_VERSION);
      return FALSE;
    }
  if (out_report)
    *out_report = g_string_free (g_steal_pointer (&report), FALSE);
  return TRUE;
}
