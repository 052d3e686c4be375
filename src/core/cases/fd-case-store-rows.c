/* fd-case-store-rows.c: validating cases and mapping them to and from rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include <string.h>

#include "fd-case-mask.h"
#include "fd-case-store-private.h"
#include "fd-case-store-util.h"

#define CASE_COLUMNS "id, hall, desk, opened_at, closed_at, needs, language, staff, outcome, " \
                     "notes, contact_phone, contact_consent, purged_at"

/* Cases: validation and row mapping */

static gboolean
phone_is_plausible (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ' && *p != '-' && !(*p == '+' && p == phone))
        return FALSE;
    }
  return digits >= 5 && digits <= 20;
}

gboolean
fd_case_validate (FdCase *fcase, GError **error)
{
  const char *phone = fd_case_get_contact_phone (fcase);
  GDateTime *closed = fd_case_get_closed_at (fcase);

  if (phone && *phone)
    {
      if (!fd_case_get_contact_consent (fcase))
        {
          g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_CONSENT,
                               "A contact phone may only be stored when the visitor has "
                               "consented; record the consent or remove the phone");
          return FALSE;
        }
      if (!phone_is_plausible (phone))
        {
          g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                       "The contact phone must be 5 to 20 digits (spaces, hyphens and a "
                       "leading + allowed)");
          return FALSE;
        }
    }
  if (closed && g_date_time_compare (closed, fd_case_get_opened_at (fcase)) < 0)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                           "A case cannot be closed before it was opened");
      return FALSE;
    }
  if (closed && fd_case_get_outcome (fcase) == FD_CASE_OUTCOME_NONE)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                           "A closed case needs an outcome");
      return FALSE;
    }
  if (!closed && fd_case_get_outcome (fcase) != FD_CASE_OUTCOME_NONE)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                           "An open case cannot have an outcome yet; close it instead");
      return FALSE;
    }
  return TRUE;
}

void
fd_case_mask_notes (FdCase *fcase)
{
  const char *notes = fd_case_get_notes (fcase);
  g_autofree char *masked = NULL;

  if (notes == NULL)
    return;
  masked = fd_case_mask_text (notes, NULL);
  fd_case_set_notes (fcase, *masked ? masked : NULL);
}

static FdCase *
case_from_row (FdCaseTable *t, guint r)
{
  FdCase *c = fd_case_new ();
  g_autoptr(GDateTime) opened = NULL;
  const char *closed = fd_case_table_cell (t, r, 4);

  fd_case_set_id (c, fd_case_parse_int (fd_case_table_cell (t, r, 0)));
  fd_case_set_hall (c, fd_case_table_cell (t, r, 1));
  fd_case_set_desk (c, fd_case_table_cell (t, r, 2));
  opened = g_date_time_new_from_unix_local (fd_case_parse_int (fd_case_table_cell (t, r, 3)));
  fd_case_set_opened_at (c, opened);
  if (closed)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (fd_case_parse_int (closed));
      fd_case_set_closed_at (c, dt);
    }
  fd_case_set_needs (c, fd_case_parse_int (fd_case_table_cell (t, r, 5)));
  fd_case_set_language (c, fd_case_table_cell (t, r, 6));
  fd_case_set_staff (c, fd_case_table_cell (t, r, 7));
  fd_case_set_outcome (c, CLAMP (fd_case_parse_int (fd_case_table_cell (t, r, 8)), 0,
                                 FD_CASE_N_OUTCOMES - 1));
  fd_case_set_notes (c, fd_case_table_cell (t, r, 9));
  fd_case_set_contact_phone (c, fd_case_table_cell (t, r, 10));
  fd_case_set_contact_consent (c, fd_case_parse_int (fd_case_table_cell (t, r, 11)) != 0);
  fd_case_set_purged (c, fd_case_table_cell (t, r, 12) != NULL);
  return c;
}

static gboolean
load_children (FdCaseStore *self, FdCase *c, GError **error)
{
  g_autofree char *id = fd_case_int_param (fd_case_get_id (c));
  const char *params[] = { id };
  g_autoptr(FdCaseTable) m = NULL;
  g_autoptr(FdCaseTable) k = NULL;

  m = fd_case_store_query (self, "SELECT guide_id FROM case_matters WHERE case_id = $1 "
                           "ORDER BY position", params, 1, error);
  if (m == NULL)
    return FALSE;
  for (guint r = 0; r < m->n_rows; r++)
    fd_case_add_matter (c, fd_case_table_cell (m, r, 0));
  k = fd_case_store_query (self, "SELECT call_id, language, duration_s FROM case_calls "
                           "WHERE case_id = $1 ORDER BY position", params, 1, error);
  if (k == NULL)
    return FALSE;
  for (guint r = 0; r < k->n_rows; r++)
    {
      g_autoptr(FdCaseCall) call = fd_case_call_new (fd_case_table_cell (k, r, 0),
                                                     fd_case_table_cell (k, r, 1),
                                                     fd_case_parse_int (fd_case_table_cell (k, r, 2)));
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
  t = fd_case_store_query (self, sql, params, n_params, error);
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
  g_autofree char *id = fd_case_int_param (fd_case_get_id (c));
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
          g_ptr_array_add (params, fd_case_int_param (i));
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
          g_ptr_array_add (params, fd_case_int_param (i));
          g_ptr_array_add (params, g_strdup (call->call_id));
          g_ptr_array_add (params, g_strdup (call->language));
          g_ptr_array_add (params, fd_case_int_param (call->duration_s));
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
  rp->p[2] = fd_case_int_param (opened);
  rp->p[3] = closed ? fd_case_int_param (g_date_time_to_unix (closed)) : NULL;
  rp->p[4] = fd_case_int_param (fd_case_get_needs (c));
  rp->p[5] = g_strdup (fd_case_get_language (c));
  rp->p[6] = g_strdup (fd_case_get_staff (c));
  rp->p[7] = fd_case_int_param (fd_case_get_outcome (c));
  rp->p[8] = g_strdup (fd_case_get_notes (c));
  rp->p[9] = (fd_case_get_contact_phone (c) && *fd_case_get_contact_phone (c))
             ? g_strdup (fd_case_get_contact_phone (c)) : NULL;
  rp->p[10] = fd_case_int_param (fd_case_get_contact_consent (c) ? 1 : 0);
  rp->p[11] = fd_case_int_param (fd_case_local_day (opened));
  rp->p[12] = closed ? fd_case_int_param (fd_case_get_duration (c)) : NULL;
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
  *(gint64 *) user_data = fd_case_parse_int (cells[0]);
  return FALSE;
}

gboolean
_fd_case_store_insert_locked (FdCaseStore *self, FdCase *fcase, GError **error)
{
  RowParams rp = { { NULL } };
  g_autofree char *n_calls = fd_case_int_param (fd_case_get_calls (fcase)->len);
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
fd_case_store_update_locked (FdCaseStore *self, FdCase *fcase, GError **error)
{
  RowParams rp = { { NULL } };
  g_autofree char *id = fd_case_int_param (fd_case_get_id (fcase));
  g_autofree char *n_calls = fd_case_int_param (fd_case_get_calls (fcase)->len);
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

char *
fd_case_changed_fields (FdCase *a, FdCase *b)
{
  GString *s = g_string_new ("fields:");
  const char *names[] = { "hall", "desk", "opened-at", "closed-at", "needs", "language", "staff",
                          "outcome", "notes", "contact-phone", "contact-consent" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      gboolean same;

      g_object_get_property (G_OBJECT (a), names[i], &va);
      g_object_get_property (G_OBJECT (b), names[i], &vb);
      if (G_VALUE_HOLDS (&va, G_TYPE_DATE_TIME))
        {
          GDateTime *x = g_value_get_boxed (&va), *y = g_value_get_boxed (&vb);
          same = (x == NULL || y == NULL) ? x == y
                 : g_date_time_to_unix (x) == g_date_time_to_unix (y);
        }
      else
        same = g_param_values_cmp (g_object_class_find_property (G_OBJECT_GET_CLASS (a), names[i]),
                                   &va, &vb) == 0;
      if (!same)
        g_string_append_printf (s, "%s%s", n++ ? "," : " ", names[i]);
    }
  if (!g_strv_equal (fd_case_get_matters (a), fd_case_get_matters (b)))
    g_string_append_printf (s, "%s%s", n++ ? "," : " ", "matters");
  {
    g_autoptr(FdCase) ca = fd_case_copy (a);
    g_autoptr(FdCase) cb = fd_case_copy (b);
    /* Compare calls only: make every other field equal. */
    fd_case_set_matters (ca, NULL);
    fd_case_set_matters (cb, NULL);
    g_object_set (cb, "hall", fd_case_get_hall (ca), "desk", fd_case_get_desk (ca),
                  "opened-at", fd_case_get_opened_at (ca), "closed-at", fd_case_get_closed_at (ca),
                  "needs", fd_case_get_needs (ca), "language", fd_case_get_language (ca),
                  "staff", fd_case_get_staff (ca), "outcome", fd_case_get_outcome (ca),
                  "notes", fd_case_get_notes (ca), "contact-phone", fd_case_get_contact_phone (ca),
                  "contact-consent", fd_case_get_contact_consent (ca),
                  "purged", fd_case_get_purged (ca), NULL);
    if (!fd_case_equal (ca, cb))
      g_string_append_printf (s, "%s%s", n++ ? "," : " ", "calls");
  }
  if (n == 0)
    g_string_append (s, " none");
  return g_string_free (s, FALSE);
}

