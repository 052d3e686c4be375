/* fd-case-store-io.c: CSV export and all-or-nothing import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include "fd-case-csv.h"
#include "fd-case-mask.h"
#include "fd-case-store-private.h"
#include "fd-case-audit-private.h"

gboolean
fd_case_store_export_csv (FdCaseStore *self, GOutputStream *stream, GDateTime *from,
                          GDateTime *to, guint *out_n_cases, GCancellable *cancellable,
                          GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *p_from = _fd_case_sql_int (from ? g_date_time_to_unix (from) : G_MININT64 / 2);
  g_autofree char *p_to = _fd_case_sql_int (to ? g_date_time_to_unix (to) : G_MAXINT64 / 2);
  const char *params[] = { p_from, p_to };
  gboolean ok;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  /* Fail closed: the export is audited, in the transaction that reads the
   * cases, before any byte leaves; if the audit row cannot be committed,
   * nothing is written. */
  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  if (!_fd_case_sql_begin (self, error))
    return FALSE;
  cases = _fd_case_store_select_cases (self, "opened_at >= $1 AND opened_at < $2", params, 2,
                                       " ORDER BY opened_at, id", &local);
  ok = cases != NULL;
  if (ok)
    {
      detail = g_strdup_printf ("exported %u cases as CSV", cases->len);
      ok = _fd_case_store_audit (self, FD_CASE_AUDIT_EXPORT, 0, detail, &local);
    }
  if (!_fd_case_sql_end (self, ok, ok ? &local : NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  fd_case_csv_append_header (out);
  for (guint i = 0; i < cases->len; i++)
    fd_case_csv_append_case (out, g_ptr_array_index (cases, i));
  if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error)
      || !g_output_stream_flush (stream, cancellable, error))
    return FALSE;
  if (out_n_cases)
    *out_n_cases = cases->len;
  return TRUE;
}

typedef struct
{
  FdCaseStore *store;
  guint        n;
} ImportData;

static gboolean
import_case (FdCase    *fcase,
             guint      line,
             gpointer   user_data,
             GError   **error)
{
  ImportData *d = user_data;

  fd_case_mask_notes (fcase);
  if (!_fd_case_store_insert_locked (d->store, fcase, error))
    {
      g_prefix_error (error, "line %u: ", line);
      return FALSE;
    }
  d->n++;
  return TRUE;
}

/* Streamed: each row is checked and inserted as it is read, inside one
 * transaction that any bad row rolls back. */
gboolean
fd_case_store_import_csv (FdCaseStore *self, GInputStream *stream, guint *out_n_cases,
                          GCancellable *cancellable, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *detail = NULL;
  ImportData d = { self, 0 };
  gboolean ok;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  if (!_fd_case_sql_begin (self, error))
    return FALSE;
  ok = fd_case_csv_read (stream, import_case, &d, NULL, cancellable, &local);
  if (ok)
    {
      detail = g_strdup_printf ("imported %u cases from CSV", d.n);
      ok = _fd_case_store_audit (self, FD_CASE_AUDIT_IMPORT, 0, detail, &local);
    }
  if (!_fd_case_sql_end (self, ok, ok ? &local : NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (out_n_cases)
    *out_n_cases = d.n;
  return TRUE;
}
