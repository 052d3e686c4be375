/* fd-case-store-async.c: GTask wrappers for the UI
 *
 * Every asynchronous call is one operation (Op) with its arguments in a
 * TaskData, run by one worker (op_thread) that calls the synchronous store
 * API; the _finish functions share three ways of returning (a pointer, a
 * boolean, a count).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include "fd-case-store-private.h"

typedef enum
{
  OP_OPEN,
  OP_CREATE,
  OP_UPDATE,
  OP_CLOSE,
  OP_LIST,
  OP_LIST_AUDIT,
  OP_REPORT,
  OP_DELETE,
  OP_PURGE,
  OP_EXPORT_CSV,
} Op;

typedef struct
{
  Op             op;
  FdCase        *caller;    /* the caller's case, updated by save_finish() */
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
  g_clear_object (&d->caller);
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

static TaskData *
task_data_new (Op         op,
               GDateTime *from,
               GDateTime *to)
{
  TaskData *d = g_new0 (TaskData, 1);

  d->op = op;
  d->from = from ? g_date_time_ref (from) : NULL;
  d->to = to ? g_date_time_ref (to) : NULL;
  return d;
}

static gboolean
export_csv (FdCaseStore   *self,
            TaskData      *d,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;

  out = g_file_replace (d->file, NULL, FALSE,
                        G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, error);
  return out != NULL
         && fd_case_store_export_csv (self, G_OUTPUT_STREAM (out), d->from, d->to, &d->n,
                                      cancellable, error)
         && g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

/* The one worker: runs d->op with the synchronous API and returns either a
 * pointer (open, list, list_audit, report) or a boolean. */
static void
op_thread (GTask        *task,
           gpointer      source,
           gpointer      task_data,
           GCancellable *cancellable)
{
  FdCaseStore *self = source;
  TaskData *d = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify free_result = g_object_unref;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;
  switch (d->op)
    {
    case OP_OPEN:
      ok = (result = fd_case_store_open (d->uri, &error)) != NULL;
      break;
    case OP_LIST:
      free_result = (GDestroyNotify) g_ptr_array_unref;
      ok = (result = fd_case_store_list (self, &d->filter, &error)) != NULL;
      break;
    case OP_LIST_AUDIT:
      free_result = (GDestroyNotify) g_ptr_array_unref;
      ok = (result = fd_case_store_list_audit (self, d->id, d->n, &error)) != NULL;
      break;
    case OP_REPORT:
      ok = (result = fd_case_store_report (self, d->from, d->to, &error)) != NULL;
      break;
    case OP_CREATE:
      ok = fd_case_store_create (self, d->work, &error);
      break;
    case OP_UPDATE:
      ok = fd_case_store_update (self, d->work, &error);
      break;
    case OP_CLOSE:
      ok = fd_case_store_close_case (self, d->work, d->outcome, &error);
      break;
    case OP_DELETE:
      ok = fd_case_store_delete (self, d->id, &error);
      break;
    case OP_PURGE:
      ok = fd_case_store_purge (self, d->retention_days, d->dry_run, &d->n, &error);
      break;
    case OP_EXPORT_CSV:
      ok = export_csv (self, d, cancellable, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    g_task_return_error (task, error);
  else if (result != NULL)
    g_task_return_pointer (task, result, free_result);
  else
    g_task_return_boolean (task, TRUE);
}

/* Takes @d. @tag is the public _async function, checked by the _finish one.
 * @self is the store (NULL for open). */
static void
run (gpointer             self,
     TaskData            *d,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data,
     gpointer             tag)
{
  g_autoptr(GTask) task = NULL;

  if (d->op != OP_OPEN && !FD_IS_CASE_STORE (self))
    {
      task_data_free (d);
      g_return_if_fail (FD_IS_CASE_STORE (self));
    }
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, d, (GDestroyNotify) task_data_free);
  /* A cancelled task returns an error instead of starting; once started, a
   * commit runs to its end. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, op_thread);
}

static gboolean
task_is_valid (gpointer      self,
               GAsyncResult *result,
               gpointer      tag)
{
  return g_task_is_valid (result, self) && g_task_get_source_tag (G_TASK (result)) == tag;
}

static gpointer
finish_pointer (gpointer       self,
                GAsyncResult  *result,
                gpointer       tag,
                GError       **error)
{
  g_return_val_if_fail (task_is_valid (self, result, tag), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* TRUE on success; then the task's data for the caller to read results from. */
static TaskData *
finish_data (FdCaseStore   *self,
             GAsyncResult  *result,
             gpointer       tag,
             GError       **error)
{
  g_return_val_if_fail (task_is_valid (self, result, tag), NULL);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

static gboolean
finish_count (FdCaseStore   *self,
              GAsyncResult  *result,
              gpointer       tag,
              guint         *out_n_cases,
              GError       **error)
{
  TaskData *d = finish_data (self, result, tag, error);

  if (d != NULL && out_n_cases != NULL)
    *out_n_cases = d->n;
  return d != NULL;
}

void
fd_case_store_open_async (const char          *uri,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TaskData *d = task_data_new (OP_OPEN, NULL, NULL);

  d->uri = g_strdup (uri);
  run (NULL, d, cancellable, callback, user_data, fd_case_store_open_async);
}

FdCaseStore *
fd_case_store_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  return finish_pointer (NULL, result, fd_case_store_open_async, error);
}

/* Create, update and close work on a copy and give the caller's case the
 * fields the store set (id, notes, closed time, outcome) when they finish. */
static void
save_async (FdCaseStore         *self,
            FdCase              *fcase,
            Op                   op,
            FdCaseOutcome        outcome,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             tag)
{
  TaskData *d;

  g_return_if_fail (FD_IS_CASE (fcase));
  d = task_data_new (op, NULL, NULL);
  d->work = fd_case_copy (fcase);
  d->caller = g_object_ref (fcase);
  d->outcome = outcome;
  run (self, d, cancellable, callback, user_data, tag);
}

static gboolean
save_finish (FdCaseStore   *self,
             GAsyncResult  *result,
             gpointer       tag,
             GError       **error)
{
  TaskData *d = finish_data (self, result, tag, error);

  if (d == NULL)
    return FALSE;
  fd_case_set_id (d->caller, fd_case_get_id (d->work));
  fd_case_set_notes (d->caller, fd_case_get_notes (d->work));
  fd_case_set_closed_at (d->caller, fd_case_get_closed_at (d->work));
  fd_case_set_outcome (d->caller, fd_case_get_outcome (d->work));
  return TRUE;
}

void
fd_case_store_create_async (FdCaseStore         *self,
                            FdCase              *fcase,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  save_async (self, fcase, OP_CREATE, 0, cancellable, callback, user_data,
              fd_case_store_create_async);
}

gboolean
fd_case_store_create_finish (FdCaseStore   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return save_finish (self, result, fd_case_store_create_async, error);
}

void
fd_case_store_update_async (FdCaseStore         *self,
                            FdCase              *fcase,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  save_async (self, fcase, OP_UPDATE, 0, cancellable, callback, user_data,
              fd_case_store_update_async);
}

gboolean
fd_case_store_update_finish (FdCaseStore   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return save_finish (self, result, fd_case_store_update_async, error);
}

void
fd_case_store_close_case_async (FdCaseStore         *self,
                                FdCase              *fcase,
                                FdCaseOutcome        outcome,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  save_async (self, fcase, OP_CLOSE, outcome, cancellable, callback, user_data,
              fd_case_store_close_case_async);
}

gboolean
fd_case_store_close_case_finish (FdCaseStore   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return save_finish (self, result, fd_case_store_close_case_async, error);
}

void
fd_case_store_list_async (FdCaseStore         *self,
                          const FdCaseFilter  *filter,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TaskData *d = task_data_new (OP_LIST, NULL, NULL);

  if (filter)
    {
      d->filter = *filter;
      d->filter.from = filter->from ? g_date_time_ref (filter->from) : NULL;
      d->filter.to = filter->to ? g_date_time_ref (filter->to) : NULL;
      d->filter.staff = g_strdup (filter->staff);
    }
  run (self, d, cancellable, callback, user_data, fd_case_store_list_async);
}

GPtrArray *
fd_case_store_list_finish (FdCaseStore   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return finish_pointer (self, result, fd_case_store_list_async, error);
}

void
fd_case_store_list_audit_async (FdCaseStore         *self,
                                gint64               case_id,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TaskData *d = task_data_new (OP_LIST_AUDIT, NULL, NULL);

  d->id = case_id;
  d->n = limit;
  run (self, d, cancellable, callback, user_data, fd_case_store_list_audit_async);
}

GPtrArray *
fd_case_store_list_audit_finish (FdCaseStore   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, fd_case_store_list_audit_async, error);
}

void
fd_case_store_report_async (FdCaseStore         *self,
                            GDateTime           *from,
                            GDateTime           *to,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  run (self, task_data_new (OP_REPORT, from, to), cancellable, callback, user_data,
       fd_case_store_report_async);
}

FdCaseReport *
fd_case_store_report_finish (FdCaseStore   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, fd_case_store_report_async, error);
}

void
fd_case_store_delete_async (FdCaseStore         *self,
                            gint64               id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  TaskData *d = task_data_new (OP_DELETE, NULL, NULL);

  d->id = id;
  run (self, d, cancellable, callback, user_data, fd_case_store_delete_async);
}

gboolean
fd_case_store_delete_finish (FdCaseStore   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_data (self, result, fd_case_store_delete_async, error) != NULL;
}

void
fd_case_store_purge_async (FdCaseStore         *self,
                           guint                retention_days,
                           gboolean             dry_run,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  TaskData *d = task_data_new (OP_PURGE, NULL, NULL);

  d->retention_days = retention_days;
  d->dry_run = dry_run;
  run (self, d, cancellable, callback, user_data, fd_case_store_purge_async);
}

gboolean
fd_case_store_purge_finish (FdCaseStore   *self,
                            GAsyncResult  *result,
                            guint         *out_n_cases,
                            GError       **error)
{
  return finish_count (self, result, fd_case_store_purge_async, out_n_cases, error);
}

void
fd_case_store_export_csv_async (FdCaseStore         *self,
                                GFile               *file,
                                GDateTime           *from,
                                GDateTime           *to,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TaskData *d;

  g_return_if_fail (G_IS_FILE (file));
  d = task_data_new (OP_EXPORT_CSV, from, to);
  d->file = g_object_ref (file);
  run (self, d, cancellable, callback, user_data, fd_case_store_export_csv_async);
}

gboolean
fd_case_store_export_csv_finish (FdCaseStore   *self,
                                 GAsyncResult  *result,
                                 guint         *out_n_cases,
                                 GError       **error)
{
  return finish_count (self, result, fd_case_store_export_csv_async, out_n_cases, error);
}
