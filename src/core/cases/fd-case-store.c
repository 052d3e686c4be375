/* fd-case-store.c: the case store, backend-independent part (open, schema, cases)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include <string.h>

#include "fd-case-mask.h"
#include "fd-case-store-private.h"
#include "fd-case-store-util.h"

enum {
  PROP_0,
  PROP_ACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char      *uri;
  char      *actor;
  GRecMutex  lock;
} FdCaseStorePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (FdCaseStore, fd_case_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (fd-case-error-quark, fd_case_error)
G_DEFINE_BOXED_TYPE (FdCaseAuditEntry, fd_case_audit_entry,
                     fd_case_audit_entry_copy, fd_case_audit_entry_free)

#define CASE_COLUMNS "id, hall, desk, opened_at, closed_at, needs, language, staff, outcome, " \
                     "notes, contact_phone, contact_consent, purged_at"

static const char *audit_codes[] = {
  "create", "update", "close", "export", "purge", "delete", "import",
};

/* Table: a result collected into memory. */

static gboolean
collect_row (const char * const *cells, guint n_cells, gpointer user_data)
{
  FdCaseTable *t = user_data;

  t->n_cols = n_cells;
  for (guint i = 0; i < n_cells; i++)
    g_ptr_array_add (t->cells, g_strdup (cells[i]));
  t->n_rows++;
  return TRUE;
}

void
fd_case_table_free (FdCaseTable *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->cells);
  g_free (t);
}

FdCaseTable *
fd_case_store_query (FdCaseStore *self, const char *sql, const char * const *params,
                     guint n_params, GError **error)
{
  FdCaseTable *t = g_new0 (FdCaseTable, 1);

  t->cells = g_ptr_array_new_with_free_func (g_free);
  if (!_fd_case_store_exec (self, sql, params, n_params, collect_row, t, error))
    {
      fd_case_table_free (t);
      return NULL;
    }
  return t;
}

char *
fd_case_int_param (gint64 v)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

gint64
fd_case_parse_int (const char *s)
{
  return s ? g_ascii_strtoll (s, NULL, 10) : 0;
}

int
fd_case_local_day (gint64 unix_s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_s);

  return g_date_time_get_year (dt) * 10000 + g_date_time_get_month (dt) * 100
         + g_date_time_get_day_of_month (dt);
}

gboolean
fd_case_store_transaction_begin (FdCaseStore *self, GError **error)
{
  return FD_CASE_STORE_GET_CLASS (self)->begin (self, error);
}

gboolean
fd_case_store_transaction_end (FdCaseStore *self, gboolean ok, GError **error)
{
  if (ok && FD_CASE_STORE_GET_CLASS (self)->commit (self, error))
    return TRUE;
  FD_CASE_STORE_GET_CLASS (self)->rollback (self);
  return FALSE;
}

gboolean
fd_case_store_audit (FdCaseStore *self, FdCaseAuditAction action, gint64 case_id,
                     const char *detail, GError **error)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (self);
  g_autofree char *at = fd_case_int_param (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *cid = case_id ? fd_case_int_param (case_id) : NULL;
  const char *params[] = { at, priv->actor, audit_codes[action], cid, detail };

  return _fd_case_store_exec (self,
                              "INSERT INTO audit (at, actor, action, case_id, detail) "
                              "VALUES ($1, $2, $3, $4, $5)",
                              params, 5, NULL, NULL, error);
}

/* Schema */

static int
read_schema_version (FdCaseStore *self, GError **error)
{
  g_autoptr(FdCaseTable) t = NULL;

  t = fd_case_store_query (self, "SELECT MAX(version) FROM schema_version", NULL, 0, error);
  if (t == NULL)
    return -1;
  return t->n_rows ? (int) fd_case_parse_int (fd_case_table_cell (t, 0, 0)) : 0;
}

/* v2 added the report columns; fill them for rows written by v1. */
static gboolean
backfill_v2 (FdCaseStore *self, GError **error)
{
  g_autoptr(FdCaseTable) t = NULL;

  t = fd_case_store_query (self,
                           "SELECT id, opened_at, closed_at, "
                           "(SELECT COUNT(*) FROM case_calls WHERE case_id = cases.id) "
                           "FROM cases WHERE day IS NULL", NULL, 0, error);
  if (t == NULL)
    return FALSE;
  for (guint r = 0; r < t->n_rows; r++)
    {
      gint64 opened = fd_case_parse_int (fd_case_table_cell (t, r, 1));
      const char *closed = fd_case_table_cell (t, r, 2);
      g_autofree char *day = fd_case_int_param (fd_case_local_day (opened));
      g_autofree char *dur = closed ? fd_case_int_param (MAX (0, fd_case_parse_int (closed) - opened)) : NULL;
      const char *params[] = { fd_case_table_cell (t, r, 0), day, dur, fd_case_table_cell (t, r, 3) };

      if (!_fd_case_store_exec (self, "UPDATE cases SET day = $2, duration_s = $3, n_calls = $4 "
                                "WHERE id = $1", params, 4, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (FdCaseStore *self, int target, GError **error)
{
  FdCaseStoreClass *klass = FD_CASE_STORE_GET_CLASS (self);
  int version;

  if (!_fd_case_store_exec (self, "CREATE TABLE IF NOT EXISTS schema_version ("
                            "version INTEGER NOT NULL, applied_at BIGINT NOT NULL)",
                            NULL, 0, NULL, NULL, error))
    return FALSE;
  version = read_schema_version (self, error);
  if (version < 0)
    return FALSE;
  if (version > FD_CASE_SCHEMA_VERSION)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_SCHEMA,
                   "The case database has schema version %d, newer than this program "
                   "understands (%d); update Frontdesk", version, FD_CASE_SCHEMA_VERSION);
      return FALSE;
    }
  while (version < target)
    {
      const char * const *stmts = klass->migration (self, version + 1);
      g_autofree char *v = fd_case_int_param (version + 1);
      g_autofree char *now = fd_case_int_param (g_get_real_time () / G_USEC_PER_SEC);
      const char *params[] = { v, now };
      g_autoptr(GError) local = NULL;
      gboolean ok;

      g_assert (stmts != NULL);
      if (!fd_case_store_transaction_begin (self, error))
        return FALSE;
      ok = TRUE;
      for (guint i = 0; ok && stmts[i]; i++)
        ok = _fd_case_store_exec (self, stmts[i], NULL, 0, NULL, NULL, &local);
      if (ok && version + 1 == 2)
        ok = backfill_v2 (self, &local);
      if (ok)
        ok = _fd_case_store_exec (self, "INSERT INTO schema_version (version, applied_at) "
                                  "VALUES ($1, $2)", params, 2, NULL, NULL, &local);
      if (!fd_case_store_transaction_end (self, ok, ok ? &local : NULL))
        {
          g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_SCHEMA,
                       "Cannot migrate the case database to schema version %d: %s",
                       version + 1, local ? local->message : "commit failed");
          return FALSE;
        }
      version++;
    }
  return TRUE;
}

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

static gboolean
validate (FdCase *fcase, GError **error)
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

static void
mask_notes (FdCase *fcase)
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

static gboolean
update_locked (FdCaseStore *self, FdCase *fcase, GError **error)
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

static char *
changed_fields (FdCase *a, FdCase *b)
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

static void
fd_case_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FdCaseStore *self = FD_CASE_STORE (object);

  switch (prop_id)
    {
    case PROP_ACTOR:
      g_value_set_string (value, fd_case_store_get_actor (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_case_store_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FdCaseStore *self = FD_CASE_STORE (object);

  switch (prop_id)
    {
    case PROP_ACTOR:
      fd_case_store_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_case_store_finalize (GObject *object)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (FD_CASE_STORE (object));

  g_clear_pointer (&priv->uri, g_free);
  g_clear_pointer (&priv->actor, g_free);
  g_rec_mutex_clear (&priv->lock);

  G_OBJECT_CLASS (fd_case_store_parent_class)->finalize (object);
}

static void
fd_case_store_class_init (FdCaseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_case_store_get_property;
  object_class->set_property = fd_case_store_set_property;
  object_class->finalize = fd_case_store_finalize;

  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_case_store_init (FdCaseStore *self)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (self);

  g_rec_mutex_init (&priv->lock);
  priv->actor = g_strdup (g_get_user_name ());
}

/* Internal API */

GRecMutex *
_fd_case_store_get_lock (FdCaseStore *self)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (self);
  return &priv->lock;
}

gboolean
_fd_case_store_exec (FdCaseStore *self, const char *sql, const char * const *params,
                     guint n_params, FdCaseRowFunc func, gpointer user_data, GError **error)
{
  return FD_CASE_STORE_GET_CLASS (self)->exec (self, sql, params, n_params, func, user_data, error);
}

FdCaseStore *
_fd_case_store_open_at_version (const char *uri, int max_version, GError **error)
{
  g_autoptr(FdCaseStore) self = NULL;
  g_autofree char *default_uri = NULL;
  FdCaseStorePrivate *priv;
  GType type;

  if (uri == NULL || *uri == '\0')
    uri = default_uri = fd_case_store_default_uri ();
  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    type = FD_TYPE_CASE_STORE_PG;
  else if (g_str_has_prefix (uri, "sqlite:") || !strstr (uri, "://"))
    type = FD_TYPE_CASE_STORE_SQLITE;
  else
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_URI,
                   "Unknown case database URI “%s”: use a file path, sqlite:///path or "
                   "postgresql://…", uri);
      return NULL;
    }
  self = g_object_new (type, NULL);
  priv = fd_case_store_get_instance_private (self);
  priv->uri = fd_case_uri_redact (uri);
  if (!FD_CASE_STORE_GET_CLASS (self)->connect (self, uri, error))
    return NULL;
  if (!migrate (self, max_version, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Public API */

char *
fd_case_store_default_uri (void)
{
  return g_build_filename (g_get_user_data_dir (), "frontdesk", "cases.db", NULL);
}

FdCaseStore *
fd_case_store_open (const char *uri, GError **error)
{
  return _fd_case_store_open_at_version (uri, FD_CASE_SCHEMA_VERSION, error);
}

const char *
fd_case_store_get_uri (FdCaseStore *self)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (self);

  g_return_val_if_fail (FD_IS_CASE_STORE (self), NULL);
  return priv->uri;
}

const char *
fd_case_store_get_backend_name (FdCaseStore *self)
{
  g_return_val_if_fail (FD_IS_CASE_STORE (self), NULL);
  return FD_CASE_STORE_GET_CLASS (self)->backend_name;
}

const char *
fd_case_store_get_actor (FdCaseStore *self)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (self);

  g_return_val_if_fail (FD_IS_CASE_STORE (self), NULL);
  return priv->actor;
}

void
fd_case_store_set_actor (FdCaseStore *self, const char *actor)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (self);

  g_return_if_fail (FD_IS_CASE_STORE (self));
  if (actor == NULL || *actor == '\0')
    actor = g_get_user_name ();
  g_rec_mutex_lock (&priv->lock);
  if (g_strcmp0 (priv->actor, actor) != 0)
    {
      g_free (priv->actor);
      priv->actor = g_strdup (actor);
      g_rec_mutex_unlock (&priv->lock);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
      return;
    }
  g_rec_mutex_unlock (&priv->lock);
}

gboolean
fd_case_store_create (FdCaseStore *self, FdCase *fcase, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(FdCase) work = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (FD_IS_CASE (fcase), FALSE);
  g_return_val_if_fail (fd_case_get_id (fcase) == 0, FALSE);

  if (!validate (fcase, error))
    return FALSE;
  work = fd_case_copy (fcase);
  mask_notes (work);
  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  if (!fd_case_store_transaction_begin (self, error))
    return FALSE;
  ok = _fd_case_store_insert_locked (self, work, &local)
       && fd_case_store_audit (self, FD_CASE_AUDIT_CREATE, fd_case_get_id (work), NULL, &local);
  if (!fd_case_store_transaction_end (self, ok, ok ? &local : NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  fd_case_set_id (fcase, fd_case_get_id (work));
  fd_case_set_notes (fcase, fd_case_get_notes (work));
  return TRUE;
}

static gboolean
save_existing (FdCaseStore *self, FdCase *work, FdCaseAuditAction action, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(FdCase) old = NULL;
  g_autofree char *detail = NULL;
  gboolean ok;

  if (!fd_case_store_transaction_begin (self, error))
    return FALSE;
  old = fd_case_store_get (self, fd_case_get_id (work), &local);
  ok = old != NULL;
  if (ok && action == FD_CASE_AUDIT_CLOSE && !fd_case_is_open (old))
    {
      g_set_error (&local, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                   "Case %" G_GINT64_FORMAT " is already closed", fd_case_get_id (work));
      ok = FALSE;
    }
  if (ok)
    {
      detail = changed_fields (old, work);
      ok = update_locked (self, work, &local)
           && fd_case_store_audit (self, action, fd_case_get_id (work), detail, &local);
    }
  if (!fd_case_store_transaction_end (self, ok, ok ? &local : NULL))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gboolean
fd_case_store_update (FdCaseStore *self, FdCase *fcase, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(FdCase) work = NULL;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (FD_IS_CASE (fcase), FALSE);
  g_return_val_if_fail (fd_case_get_id (fcase) > 0, FALSE);

  if (!validate (fcase, error))
    return FALSE;
  work = fd_case_copy (fcase);
  mask_notes (work);
  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  if (!save_existing (self, work, FD_CASE_AUDIT_UPDATE, error))
    return FALSE;
  fd_case_set_notes (fcase, fd_case_get_notes (work));
  return TRUE;
}

gboolean
fd_case_store_close_case (FdCaseStore *self, FdCase *fcase, FdCaseOutcome outcome, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(FdCase) work = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (FD_IS_CASE (fcase), FALSE);
  g_return_val_if_fail (fd_case_get_id (fcase) > 0, FALSE);

  if (outcome == FD_CASE_OUTCOME_NONE || (guint) outcome >= FD_CASE_N_OUTCOMES)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                           "Closing a case needs an outcome");
      return FALSE;
    }
  if (!fd_case_is_open (fcase))
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                   "Case %" G_GINT64_FORMAT " is already closed", fd_case_get_id (fcase));
      return FALSE;
    }
  work = fd_case_copy (fcase);
  now = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC);
  if (g_date_time_compare (now, fd_case_get_opened_at (work)) < 0)
    {
      g_clear_pointer (&now, g_date_time_unref);
      now = g_date_time_ref (fd_case_get_opened_at (work));
    }
  fd_case_set_closed_at (work, now);
  fd_case_set_outcome (work, outcome);
  if (!validate (work, error))
    return FALSE;
  mask_notes (work);
  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  if (!save_existing (self, work, FD_CASE_AUDIT_CLOSE, error))
    return FALSE;
  fd_case_set_notes (fcase, fd_case_get_notes (work));
  fd_case_set_closed_at (fcase, fd_case_get_closed_at (work));
  fd_case_set_outcome (fcase, outcome);
  return TRUE;
}

FdCase *
fd_case_store_get (FdCaseStore *self, gint64 id, GError **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *idp = fd_case_int_param (id);
  const char *params[] = { idp };
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (FD_IS_CASE_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  cases = _fd_case_store_select_cases (self, "id = $1", params, 1, NULL, error);
  if (cases == NULL)
    return NULL;
  if (cases->len == 0)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_NOT_FOUND,
                   "No case with id %" G_GINT64_FORMAT, id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (cases, 0));
}
