/* fd-case-store.c: the case store, backend-independent part (open, schema, cases)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include <string.h>

#include "fd-case-store-private.h"
#include "fd-case-audit-private.h"

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


/* Schema */

static int
read_schema_version (FdCaseStore *self, GError **error)
{
  g_autoptr(FdCaseTable) t = NULL;

  t = _fd_case_sql_query (self, "SELECT MAX(version) FROM schema_version", NULL, 0, error);
  if (t == NULL)
    return -1;
  return t->n_rows ? (int) _fd_case_sql_parse_int (_fd_case_table_cell (t, 0, 0)) : 0;
}

/* v2 added the report columns; fill them for rows written by v1. */
static gboolean
backfill_v2 (FdCaseStore *self, GError **error)
{
  g_autoptr(FdCaseTable) t = NULL;

  t = _fd_case_sql_query (self,
                           "SELECT id, opened_at, closed_at, "
                           "(SELECT COUNT(*) FROM case_calls WHERE case_id = cases.id) "
                           "FROM cases WHERE day IS NULL", NULL, 0, error);
  if (t == NULL)
    return FALSE;
  for (guint r = 0; r < t->n_rows; r++)
    {
      gint64 opened = _fd_case_sql_parse_int (_fd_case_table_cell (t, r, 1));
      const char *closed = _fd_case_table_cell (t, r, 2);
      g_autofree char *day = _fd_case_sql_int (_fd_case_sql_local_day (opened));
      g_autofree char *dur = closed ? _fd_case_sql_int (MAX (0, _fd_case_sql_parse_int (closed) - opened)) : NULL;
      const char *params[] = { _fd_case_table_cell (t, r, 0), day, dur, _fd_case_table_cell (t, r, 3) };

      if (!_fd_case_store_exec (self, "UPDATE cases SET day = $2, duration_s = $3, n_calls = $4 "
                                "WHERE id = $1", params, 4, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Each step runs in its own transaction, holding the schema lock and reading
 * the version again inside it, so that several desks (or processes) opening
 * the same database at once migrate it exactly once. */
static gboolean
migrate (FdCaseStore *self, int target, GError **error)
{
  FdCaseStoreClass *klass = FD_CASE_STORE_GET_CLASS (self);

  for (;;)
    {
      g_autoptr(GError) local = NULL;
      const char * const *stmts = NULL;
      int version = -1;
      gboolean ok, done = FALSE;

      if (!_fd_case_sql_begin (self, error))
        return FALSE;
      ok = (klass->migration_lock == NULL
            || _fd_case_store_exec (self, klass->migration_lock, NULL, 0, NULL, NULL, &local))
           && _fd_case_store_exec (self, "CREATE TABLE IF NOT EXISTS schema_version ("
                                   "version INTEGER NOT NULL, applied_at BIGINT NOT NULL)",
                                   NULL, 0, NULL, NULL, &local);
      if (ok)
        {
          version = read_schema_version (self, &local);
          ok = version >= 0;
        }
      if (ok && version > FD_CASE_SCHEMA_VERSION)
        {
          _fd_case_sql_end (self, FALSE, NULL);
          g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_SCHEMA,
                       "The case database has schema version %d, newer than this program "
                       "understands (%d); update Frontdesk", version, FD_CASE_SCHEMA_VERSION);
          return FALSE;
        }
      if (ok && version >= target)
        done = TRUE;
      else if (ok)
        {
          g_autofree char *v = _fd_case_sql_int (version + 1);
          g_autofree char *now = _fd_case_sql_int (g_get_real_time () / G_USEC_PER_SEC);
          const char *params[] = { v, now };

          g_assert (version < FD_CASE_SCHEMA_VERSION);
          stmts = klass->migrations[version];
          g_assert (stmts != NULL);
          for (guint i = 0; ok && stmts[i]; i++)
            ok = _fd_case_store_exec (self, stmts[i], NULL, 0, NULL, NULL, &local);
          if (ok && version + 1 == 2)
            ok = backfill_v2 (self, &local);
          if (ok)
            ok = _fd_case_store_exec (self, "INSERT INTO schema_version (version, applied_at) "
                                      "VALUES ($1, $2)", params, 2, NULL, NULL, &local);
        }
      if (!_fd_case_sql_end (self, ok, ok ? &local : NULL))
        {
          if (local && local->domain == FD_CASE_ERROR
              && (local->code == FD_CASE_ERROR_CONNECTION || local->code == FD_CASE_ERROR_BUSY
                  || local->code == FD_CASE_ERROR_DISK_FULL || local->code == FD_CASE_ERROR_READ_ONLY
                  || local->code == FD_CASE_ERROR_CORRUPT))
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_SCHEMA,
                         "Cannot migrate the case database to schema version %d: %s",
                         version + 1, local ? local->message : "commit failed");
          return FALSE;
        }
      if (done)
        return TRUE;
    }
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

gboolean
_fd_case_store_audit (FdCaseStore        *self,
                      FdCaseAuditAction   action,
                      gint64              case_id,
                      const char         *detail,
                      GError            **error)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (self);

  return _fd_case_audit_append (self, priv->actor, action, case_id, detail, error);
}

GRecMutex *
_fd_case_store_get_lock (FdCaseStore *self)
{
  FdCaseStorePrivate *priv = fd_case_store_get_instance_private (self);
  return &priv->lock;
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
  else if (g_str_has_prefix (uri, "sqlite:")
           || (!strstr (uri, "://")
               /* "host=… password=…" is a libpq key/value string, not a file name. */
               && !g_regex_match_simple ("^\\s*[A-Za-z_]+\\s*=", uri, 0, 0)))
    type = FD_TYPE_CASE_STORE_SQLITE;
  else
    {
      g_autofree char *shown = fd_case_store_uri_redact (uri);

      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_URI,
                   "Unknown case database URI “%s”: use a file path, sqlite:///path or "
                   "postgresql://…", shown);
      return NULL;
    }
  self = g_object_new (type, NULL);
  priv = fd_case_store_get_instance_private (self);
  priv->uri = fd_case_store_uri_redact (uri);
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

  if (!fd_case_validate (fcase, error))
    return FALSE;
  work = fd_case_copy (fcase);
  fd_case_mask_notes (work);
  locker = g_rec_mutex_locker_new (_fd_case_store_get_lock (self));
  if (!_fd_case_sql_begin (self, error))
    return FALSE;
  ok = _fd_case_store_insert_locked (self, work, &local)
       && _fd_case_store_audit (self, FD_CASE_AUDIT_CREATE, fd_case_get_id (work), NULL, &local);
  if (!_fd_case_sql_end (self, ok, ok ? &local : NULL))
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

  if (!_fd_case_sql_begin (self, error))
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
      detail = fd_case_changed_fields (old, work);
      ok = _fd_case_store_update_locked (self, work, &local)
           && _fd_case_store_audit (self, action, fd_case_get_id (work), detail, &local);
    }
  if (!_fd_case_sql_end (self, ok, ok ? &local : NULL))
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

  if (!fd_case_validate (fcase, error))
    return FALSE;
  work = fd_case_copy (fcase);
  fd_case_mask_notes (work);
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
  if (!fd_case_validate (work, error))
    return FALSE;
  fd_case_mask_notes (work);
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
  g_autofree char *idp = _fd_case_sql_int (id);
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
