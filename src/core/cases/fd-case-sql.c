/* fd-case-sql.c: SQL helpers of the case store (a leaf: calls only the backend)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include "fd-case-sql-private.h"

static FdCaseStoreClass *
backend (FdCaseStore *self)
{
  return (FdCaseStoreClass *) G_OBJECT_GET_CLASS (self);
}

gboolean
_fd_case_store_exec (FdCaseStore         *self,
                     const char          *sql,
                     const char * const  *params,
                     guint                n_params,
                     FdCaseRowFunc        func,
                     gpointer             user_data,
                     GError             **error)
{
  return backend (self)->exec (self, sql, params, n_params, func, user_data, error);
}

static gboolean
collect_row (const char * const *cells,
             guint               n_cells,
             gpointer            user_data)
{
  FdCaseTable *t = user_data;

  t->n_cols = n_cells;
  for (guint i = 0; i < n_cells; i++)
    g_ptr_array_add (t->cells, g_strdup (cells[i]));
  t->n_rows++;
  return TRUE;
}

void
_fd_case_table_free (FdCaseTable *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->cells);
  g_free (t);
}

FdCaseTable *
_fd_case_sql_query (FdCaseStore         *self,
                    const char          *sql,
                    const char * const  *params,
                    guint                n_params,
                    GError             **error)
{
  FdCaseTable *t = g_new0 (FdCaseTable, 1);

  t->cells = g_ptr_array_new_with_free_func (g_free);
  if (!_fd_case_store_exec (self, sql, params, n_params, collect_row, t, error))
    {
      _fd_case_table_free (t);
      return NULL;
    }
  return t;
}

char *
_fd_case_sql_int (gint64 v)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

gint64
_fd_case_sql_parse_int (const char *s)
{
  return s ? g_ascii_strtoll (s, NULL, 10) : 0;
}

int
_fd_case_sql_local_day (gint64 unix_s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_s);

  return g_date_time_get_year (dt) * 10000 + g_date_time_get_month (dt) * 100
         + g_date_time_get_day_of_month (dt);
}

gboolean
_fd_case_sql_begin (FdCaseStore  *self,
                    GError      **error)
{
  return backend (self)->begin (self, error);
}

gboolean
_fd_case_sql_end (FdCaseStore  *self,
                  gboolean      ok,
                  GError      **error)
{
  if (ok && backend (self)->commit (self, error))
    return TRUE;
  backend (self)->rollback (self);
  return FALSE;
}

gboolean
_fd_case_sql_scrub (FdCaseStore  *self,
                    GError      **error)
{
  return backend (self)->scrub == NULL || backend (self)->scrub (self, error);
}
