/* fd-case-store-async.c: GTask wrappers for the UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include "fd-case-store-private.h"

typedef struct
{
  FdCase        *work;      /* a copy, owned by the worker */
  FdCaseOutcome  outcome;
  FdCaseFilter   filter;
  GDateTime     *from;
  GDateTime     *to;
  GFile         *file;
  char          *uri;
  guint          n;
  gint64         id;
  guint          retention_days;
  gboolean       dry_run;
} TaskData;

static void
task_data_free (TaskData *d)
{
  g_clear_object (&d->work);
  g_clear_pointer (&d->from, g_date_time_unref);
  g_clear_pointer (&d->to, g_date_time_unref);
  g_clear_pointer (&d->filter.from, g_date_time_unref);
  g_clear_pointer (&d->filter.to, g_date_time_unref);
  g_free ((char *) d->filter.staff);
  g_clear_object (&d->file);
  g_free (d->uri);
  g_free (d);
}

static GTask *
new_task (gpointer self, GCancellable *cancellable, GAsyncReadyCallback callback,
          gpointer user_data, gpointer tag, TaskData **out)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  TaskData *d = g_new0 (TaskData, 1);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, d, (GDestroyNotify) task_data_free);
  /* A cancelled task returns an error instead of starting; once started, a
   * commit runs to its end. */
  g_task_set_return_on_cancel (task, FALSE);
  *out = d;
  return task;
}

static void
open_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;
  FdCaseStore *store;

  if (g_task_return_error_if_cancelled (task))
    return;
  store = fd_case_store_open (d->uri, &error);
  if (store)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
fd_case_store_open_async (const char *uri, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  TaskData *d;
  g_autoptr(GTask) task = new_task (NULL, cancellable, callback, user_data,
                                    fd_case_store_open_async, &d);

  d->uri = g_strdup (uri);
  g_task_run_in_thread (task, open_thread);
}

FdCaseStore *
fd_case_store_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

enum { OP_CREATE, OP_UPDATE, OP_CLOSE };

static void
save_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  FdCaseStore *self = source;
  TaskData *d = task_data;
  GError *error = NULL;
  gboolean ok;
  int op = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "op"));

  if (g_task_return_error_if_cancelled (task))
    return;
  if (op == OP_CREATE)
    ok = fd_case_store_create (self, d->work, &error);
  else if (op == OP_UPDATE)
    ok = fd_case_store_update (self, d->work, &error);
  else
    ok = fd_case_store_close_case (self, d->work, d->outcome, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_async (FdCaseStore *self, FdCase *fcase, int op, FdCaseOutcome outcome,
            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data,
            gpointer tag)
{
  TaskData *d;
  g_autoptr(GTask) task = new_task (self, cancellable, callback, user_data, tag, &d);

  d->work = fd_case_copy (fcase);
  d->outcome = outcome;
  g_object_set_data (G_OBJECT (task), "op", GINT_TO_POINTER (op));
  g_object_set_data_full (G_OBJECT (task), "caller-case", g_object_ref (fcase), g_object_unref);
  g_task_run_in_thread (task, save_thread);
}

static gboolean
save_finish (FdCaseStore *self, GAsyncResult *result, gpointer tag, GError **error)
{
  TaskData *d;
  FdCase *caller;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  d = g_task_get_task_data (G_TASK (result));
  caller = g_object_get_data (G_OBJECT (result), "caller-case");
  fd_case_set_id (caller, fd_case_get_id (d->work));
  fd_case_set_notes (caller, fd_case_get_notes (d->work));
  fd_case_set_closed_at (caller, fd_case_get_closed_at (d->work));
  fd_case_set_outcome (caller, fd_case_get_outcome (d->work));
  return TRUE;
}

void
fd_case_store_create_async (FdCaseStore *self, FdCase *fcase, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (FD_IS_CASE_STORE (self));
  g_return_if_fail (FD_IS_CASE (fcase));
  save_async (self, fcase, OP_CREATE, 0, cancellable, callback, user_data,
              fd_case_store_create_async);
}

gboolean
fd_case_store_create_finish (FdCaseStore *self, GAsyncResult *result, GError **error)
{
  return save_finish (self, result, fd_case_store_create_async, error);
}

void
fd_case_store_update_async (FdCaseStore *self, FdCase *fcase, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (FD_IS_CASE_STORE (self));
  g_return_if_fail (FD_IS_CASE (fcase));
  save_async (self, fcase, OP_UPDATE, 0, cancellable, callback, user_data,
              fd_case_store_update_async);
}

gboolean
fd_case_store_update_finish (FdCaseStore *self, GAsyncResult *result, GError **error)
{
  return save_finish (self, result, fd_case_store_update_async, error);
}

void
fd_case_store_close_case_async (FdCaseStore *self, FdCase *fcase, FdCaseOutcome outcome,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_return_if_fail (FD_IS_CASE_STORE (self));
  g_return_if_fail (FD_IS_CASE (fcase));
  save_async (self, fcase, OP_CLOSE, outcome, cancellable, callback, user_data,
              fd_case_store_close_case_async);
}

gboolean
fd_case_store_close_case_finish (FdCaseStore *self, GAsyncResult *result, GError **error)
{
  return save_finish (self, result, fd_case_store_close_case_async, error);
}

static void
list_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;
  GPtrArray *cases;

  if (g_task_return_error_if_cancelled (task))
    return;
  cases = fd_case_store_list (source, &d->filter, &error);
  if (cases)
    g_task_return_pointer (task, cases, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
fd_case_store_list_async (FdCaseStore *self, const FdCaseFilter *filter, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  TaskData *d;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_CASE_STORE (self));
  task = new_task (self, cancellable, callback, user_data, fd_case_store_list_async, &d);
  if (filter)
    {
      d->filter = *filter;
      d->filter.from = filter->from ? g_date_time_ref (filter->from) : NULL;
      d->filter.to = filter->to ? g_date_time_ref (filter->to) : NULL;
      d->filter.staff = g_strdup (filter->staff);
    }
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
fd_case_store_list_finish (FdCaseStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_audit_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  if (g_task_return_error_if_cancelled (task))
    return;
  entries = fd_case_store_list_audit (source, d->id, d->n, &error);
  if (entries)
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
fd_case_store_list_audit_async (FdCaseStore         *self,
                                gint64               case_id,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TaskData *d;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_CASE_STORE (self));
  task = new_task (self, cancellable, callback, user_data, fd_case_store_list_audit_async, &d);
  d->id = case_id;
  d->n = limit;
  g_task_run_in_thread (task, list_audit_thread);
}

GPtrArray *
fd_case_store_list_audit_finish (FdCaseStore   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fd_case_store_list_audit_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
report_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;
  FdCaseReport *report;

  if (g_task_return_error_if_cancelled (task))
    return;
  report = fd_case_store_report (source, d->from, d->to, &error);
  if (report)
    g_task_return_pointer (task, report, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
fd_case_store_report_async (FdCaseStore *self, GDateTime *from, GDateTime *to,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  TaskData *d;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_CASE_STORE (self));
  task = new_task (self, cancellable, callback, user_data, fd_case_store_report_async, &d);
  d->from = from ? g_date_time_ref (from) : NULL;
  d->to = to ? g_date_time_ref (to) : NULL;
  g_task_run_in_thread (task, report_thread);
}

FdCaseReport *
fd_case_store_report_finish (FdCaseStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
delete_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (fd_case_store_delete (source, d->id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
fd_case_store_delete_async (FdCaseStore *self, gint64 id, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  TaskData *d;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_CASE_STORE (self));
  task = new_task (self, cancellable, callback, user_data, fd_case_store_delete_async, &d);
  d->id = id;
  g_task_run_in_thread (task, delete_thread);
}

gboolean
fd_case_store_delete_finish (FdCaseStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
purge_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (fd_case_store_purge (source, d->retention_days, d->dry_run, &d->n, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
fd_case_store_purge_async (FdCaseStore *self, guint retention_days, gboolean dry_run,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  TaskData *d;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_CASE_STORE (self));
  task = new_task (self, cancellable, callback, user_data, fd_case_store_purge_async, &d);
  d->retention_days = retention_days;
  d->dry_run = dry_run;
  g_task_run_in_thread (task, purge_thread);
}

gboolean
fd_case_store_purge_finish (FdCaseStore *self, GAsyncResult *result, guint *out_n_cases,
                            GError **error)
{
  TaskData *d;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  d = g_task_get_task_data (G_TASK (result));
  if (out_n_cases)
    *out_n_cases = d->n;
  return TRUE;
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;
  out = g_file_replace (d->file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, &error);
  ok = out != NULL
       && fd_case_store_export_csv (source, G_OUTPUT_STREAM (out), d->from, d->to, &d->n,
                                    cancellable, &error)
       && g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
fd_case_store_export_csv_async (FdCaseStore *self, GFile *file, GDateTime *from, GDateTime *to,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  TaskData *d;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_CASE_STORE (self));
  g_return_if_fail (G_IS_FILE (file));
  task = new_task (self, cancellable, callback, user_data, fd_case_store_export_csv_async, &d);
  d->file = g_object_ref (file);
  d->from = from ? g_date_time_ref (from) : NULL;
  d->to = to ? g_date_time_ref (to) : NULL;
  g_task_run_in_thread (task, export_thread);
}

gboolean
fd_case_store_export_csv_finish (FdCaseStore *self, GAsyncResult *result, guint *out_n_cases,
                                 GError **error)
{
  TaskData *d;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  d = g_task_get_task_data (G_TASK (result));
  if (out_n_cases)
    *out_n_cases = d->n;
  return TRUE;
}
