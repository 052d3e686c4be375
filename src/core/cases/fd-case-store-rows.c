/* fd-case-store-rows.c: mapping cases to and from rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include <string.h>

#include "fd-case-store-private.h"
#include "fd-case-sql-private.h"

#define CASE_COLUMNS "id, hall, desk, opened_at, closed_at, needs, language, staff, outcome, " \
                     "notes, contact_phone, contact_consent, purged_at"

static FdCase *
case_from_row (FdCaseTable *t, guint r)
{
  FdCase *c = fd_case_new ();
  g_autoptr(GDateTime) opened = NULL;
  const char *closed = _fd_case_table_cell (t, r, 4);

  fd_case_set_id (c, _fd_case_sql_parse_int (_fd_case_table_cell (t, r, 0)));
  fd_case_set_hall (c, _fd_case_table_cell (t, r, 1));
  fd_case_set_desk (c, _fd_case_table_cell (t, r, 2));
  opened = g_date_time_new_from_unix_local (_fd_case_sql_parse_int (_fd_case_table_cell (t, r, 3)));
  fd_case_set_opened_at (c, opened);
  if (closed)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (_fd_case_sql_parse_int (closed));
      fd_case_set_closed_at (c, dt);
    }
  fd_case_set_needs (c, _fd_case_sql_parse_int (_fd_case_table_cell (t, r, 5)));
  fd_case_set_language (c, _fd_case_table_cell (t, r, 6));
  fd_case_set_staff (c, _fd_case_table_cell (t, r, 7));
  fd_case_set_outcome (c, CLAMP (_fd_case_sql_parse_int (_fd_case_table_cell (t, r, 8)), 0,
                                 FD_CASE_N_OUTCOMES - 1));
  fd_case_set_notes (c, _fd_case_table_cell (t, r, 9));
  fd_case_set_contact_phone (c, _fd_case_table_cell (t, r, 10));
  fd_case_set_contact_consent (c, _fd_case_sql_parse_int (_fd_case_table_cell (t, r, 11)) != 0);
  fd_case_set_purged (c, _fd_case_table_cell (t, r, 12) != NULL);
  return c;
}

static gboolean
load_children (FdCaseStore *self, FdCase *c, GError **error)
{
  g_autofree char *id = _fd_case_sql_int (fd_case_get_id (c));
  const char *params[] = { id };
  g_autoptr(FdCaseTable) m = NULL;
  g_autoptr(FdCaseTable) k = NULL;

  m = _fd_case_sql_query (self, "SELECT guide_id FROM case_matters WHERE case_id = $1 "
                           "ORDER BY position", params, 1, error);
  if (m == NULL)
    return FALSE;
  for (guint r = 0; r < m->n_rows; r++)
    fd_case_add_matter (c, _fd_case_table_cell (m, r, 0));
  k = _fd_case_sql_query (self, "SELECT call_id, language, duration_s FROM case_calls "
                           "WHERE case_id = $1 ORDER BY position", params, 1, error);
  if (k == NULL)
    return FALSE;
  for (guint r = 0; r < k->n_rows; r++)
    {
      g_autoptr(FdCaseCall) call = fd_case_call_new (_fd_case_table_cell (k, r, 0),
                                                     _fd_case_table_cell (k, r, 1),
                                                     _fd_case_sql_parse_int (_fd_case_table_cell (k, r, 2)));
      fd_case_add_call (c, call);
    }
  return TRUE;
}

GPtrArray *
_fd_case_store_select_cases (FdCaseStore *self, const char *where, const char * const *params,
                             guint n_params, const char *tail, GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(FdCaseTable) t = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);

  sql = g_strconcat ("SELECT " CASE_COLUMNS " FROM cases", where ? " WHERE " : "",
                     where ? where : "", tail ? tail : "", NULL);
  t = _fd_case_sql_query (self, sql, params, n_params, error);
  if (t == NULL)
    return NULL;
  for (guint r = 0; r < t->n_rows; r++)
    {
      FdCase *c = case_from_row (t, r);
      g_ptr_array_add (cases, c);
      if (!load_children (self, c, error))
        return NULL;
    }
  return g_steal_pointer (&cases);
}

/* Writes matters, calls and the row's derived report columns. */
static gboolean
write_children (FdCaseStore *self, FdCase *c, gboolean replace, GError **error)
{
  g_autofree char *id = _fd_case_sql_int (fd_case_get_id (c));
  const char *idp[] = { id };
  const char * const *matters = fd_case_get_matters (c);
  GPtrArray *calls = fd_case_get_calls (c);

  if (replace
      && (!_fd_case_store_exec (self, "DELETE FROM case_matters WHERE case_id = $1", idp, 1,
                                NULL, NULL, error)
          || !_fd_case_store_exec (self, "DELETE FROM case_calls WHERE case_id = $1", idp, 1,
                                   NULL, NULL, error)))
    return FALSE;
  /* One multi-row INSERT each for matters and calls: fewer round trips. */
  if (matters[0])
    {
      g_autoptr(GString) sql = g_string_new ("INSERT INTO case_matters (case_id, position, guide_id) VALUES ");
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (params, g_strdup (id));
      for (guint i = 0; matters[i]; i++)
        {
          g_string_append_printf (sql, "%s($1, $%u, $%u)", i ? ", " : "", params->len + 1, params->len + 2);
          g_ptr_array_add (params, _fd_case_sql_int (i));
          g_ptr_array_add (params, g_strdup (matters[i]));
        }
      if (!_fd_case_store_exec (self, sql->str, (const char * const *) params->pdata, params->len,
                                NULL, NULL, error))
        return FALSE;
    }
  if (calls->len)
    {
      g_autoptr(GString) sql = g_string_new ("INSERT INTO case_calls (case_id, position, call_id, "
                                             "language, duration_s) VALUES ");
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (params, g_strdup (id));
      for (guint i = 0; i < calls->len; i++)
        {
          FdCaseCall *call = g_ptr_array_index (calls, i);
          guint b = params->len;

          g_string_append_printf (sql, "%s($1, $%u, $%u, $%u, $%u)", i ? ", " : "",
                                  b + 1, b + 2, b + 3, b + 4);
          g_ptr_array_add (params, _fd_case_sql_int (i));
          g_ptr_array_add (params, g_strdup (call->call_id));
          g_ptr_array_add (params, g_strdup (call->language));
          g_ptr_array_add (params, _fd_case_sql_int (call->duration_s));
        }
      if (!_fd_case_store_exec (self, sql->str, (const char * const *) params->pdata, params->len,
                                NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *p[13];
} RowParams;

static void
row_params_init (RowParams *rp, FdCase *c)
{
  GDateTime *closed = fd_case_get_closed_at (c);
  gint64 opened = g_date_time_to_unix (fd_case_get_opened_at (c));

  rp->p[0] = g_strdup (fd_case_get_hall (c));
  rp->p[1] = g_strdup (fd_case_get_desk (c));
  rp->p[2] = _fd_case_sql_int (opened);
  rp->p[3] = closed ? _fd_case_sql_int (g_date_time_to_unix (closed)) : NULL;
  rp->p[4] = _fd_case_sql_int (fd_case_get_needs (c));
  rp->p[5] = g_strdup (fd_case_get_language (c));
  rp->p[6] = g_strdup (fd_case_get_staff (c));
  rp->p[7] = _fd_case_sql_int (fd_case_get_outcome (c));
  rp->p[8] = g_strdup (fd_case_get_notes (c));
  rp->p[9] = (fd_case_get_contact_phone (c) && *fd_case_get_contact_phone (c))
             ? g_strdup (fd_case_get_contact_phone (c)) : NULL;
  rp->p[10] = _fd_case_sql_int (fd_case_get_contact_consent (c) ? 1 : 0);
  rp->p[11] = _fd_case_sql_int (_fd_case_sql_local_day (opened));
  rp->p[12] = closed ? _fd_case_sql_int (fd_case_get_duration (c)) : NULL;
}

static void
row_params_clear (RowParams *rp)
{
  for (guint i = 0; i < G_N_ELEMENTS (rp->p); i++)
    g_clear_pointer (&rp->p[i], g_free);
}

static gboolean
read_id (const char * const *cells, guint n_cells, gpointer user_data)
{
  *(gint64 *) user_data = _fd_case_sql_parse_int (cells[0]);
  return FALSE;
}

gboolean
_fd_case_store_insert_locked (FdCaseStore *self, FdCase *fcase, GError **error)
{
  RowParams rp = { { NULL } };
  g_autofree char *n_calls = _fd_case_sql_int (fd_case_get_calls (fcase)->len);
  const char *params[14];
  gint64 id = 0;
  gboolean ok;

  row_params_init (&rp, fcase);
  memcpy (params, rp.p, sizeof rp.p);
  params[13] = n_calls;
  ok = _fd_case_store_exec (self,
                            "INSERT INTO cases (hall, desk, opened_at, closed_at, needs, language, "
                            "staff, outcome, notes, contact_phone, contact_consent, day, "
                            "duration_s, n_calls) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                            "$10, $11, $12, $13, $14) RETURNING id",
                            params, 14, read_id, &id, error);
  row_params_clear (&rp);
  if (!ok)
    return FALSE;
  fd_case_set_id (fcase, id);
  return write_children (self, fcase, FALSE, error);
}

gboolean
_fd_case_store_update_locked (FdCaseStore  *self,
                              FdCase       *fcase,
                              GError      **error)
{
  RowParams rp = { { NULL } };
  g_autofree char *id = _fd_case_sql_int (fd_case_get_id (fcase));
  g_autofree char *n_calls = _fd_case_sql_int (fd_case_get_calls (fcase)->len);
  const char *params[15];
  gboolean ok;

  row_params_init (&rp, fcase);
  memcpy (params, rp.p, sizeof rp.p);
  params[13] = n_calls;
  params[14] = id;
  ok = _fd_case_store_exec (self,
                            "UPDATE cases SET hall = $1, desk = $2, opened_at = $3, closed_at = $4, "
                            "needs = $5, language = $6, staff = $7, outcome = $8, notes = $9, "
                            "contact_phone = $10, contact_consent = $11, day = $12, "
                            "duration_s = $13, n_calls = $14 WHERE id = $15",
                            params, 15, NULL, NULL, error);
  row_params_clear (&rp);
  return ok && write_children (self, fcase, TRUE, error);
}
