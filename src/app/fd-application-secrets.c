/* fd-application-secrets.c: the desk token and the case database password,
 * kept in the keyring (fd-secret.h), never in the settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-application"

#include "config.h"

#include <string.h>

#include "fd-application-private.h"
#include "fd-secret.h"

static void
on_database_password (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(FdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = fd_secret_lookup_finish (result, NULL, &error);
  g_autofree char *address = g_settings_get_string (self->settings, "database-uri");
  g_autofree char *uri = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_message ("No stored database password: %s", error->message);
  uri = fd_secret_uri_with_password (address, password);
  fd_case_store_open_async (uri, self->cancellable, _fd_application_on_case_store_opened, g_object_ref (self));
  if (password != NULL)
    memset (password, 0, strlen (password));
  memset (uri, 0, strlen (uri));
}

static void
on_database_password_moved (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(FdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_settings_get_string (self->settings, "database-uri");
  g_autofree char *address = NULL;
  g_autofree char *password = NULL;

  if (!fd_secret_store_finish (result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The database password stays in the settings: %s", error->message);
      return;
    }
  /* Stored: the settings keep only the address. */
  if (fd_secret_split_uri_password (uri, &address, &password))
    g_settings_set_string (self->settings, "database-uri", address);
}

/* The settings hold the database address; its password, if it needs one,
 * is in the keyring. A password found in the settings moves there. */
void
_fd_application_open_case_store (FdApplication *self)
{
  g_autofree char *uri = g_settings_get_string (self->settings, "database-uri");
  g_autofree char *address = NULL;
  g_autofree char *password = NULL;

  if (fd_secret_split_uri_password (uri, &address, &password))
    {
      g_autofree char *full = g_strdup (uri);

      fd_secret_store_async (FD_SECRET_DATABASE_PASSWORD, address, password, self->cancellable,
                             on_database_password_moved, g_object_ref (self));
      fd_case_store_open_async (full, self->cancellable, _fd_application_on_case_store_opened, g_object_ref (self));
      return;
    }
  if (strstr (uri, "://") == NULL)
    {
      fd_case_store_open_async (uri, self->cancellable, _fd_application_on_case_store_opened, g_object_ref (self));
      return;
    }
  fd_secret_lookup_async (FD_SECRET_DATABASE_PASSWORD, uri, self->cancellable,
                          on_database_password, g_object_ref (self));
}

static void
set_stored_token (FdApplication *self,
                  const char    *token)
{
  if (g_strcmp0 (self->stored_token, token) == 0)
    return;
  g_free (self->stored_token);
  self->stored_token = g_strdup (token);
  _fd_application_notify_relay_token (self);
}

static void
on_token_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = fd_secret_lookup_finish (result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_error (&self->token_error);
  self->token_error = g_steal_pointer (&error);
  set_stored_token (self, token);
}

static void
on_token_migrated (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (fd_secret_store_finish (result, NULL, &error))
    /* Safe in the keyring (or the private file) now: out of dconf. */
    g_settings_reset (self->settings, "relay-token");
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("The desk token stays in the settings: %s", error->message);
  fd_secret_lookup_async (FD_SECRET_RELAY_TOKEN, NULL, self->cancellable,
                          on_token_loaded, g_object_ref (self));
}

/* The desk token lives in the keyring. A token left in the settings by an
 * older version moves there first. */
void
_fd_application_load_relay_token (FdApplication *self)
{
  g_autofree char *legacy = g_settings_get_string (self->settings, "relay-token");

  if (self->relay_token != NULL)
    return; /* given by the environment: the keyring is not asked */
  if (*legacy != '\0')
    {
      set_stored_token (self, legacy);
      fd_secret_store_async (FD_SECRET_RELAY_TOKEN, NULL, legacy, self->cancellable,
                             on_token_migrated, g_object_ref (self));
      return;
    }
  fd_secret_lookup_async (FD_SECRET_RELAY_TOKEN, NULL, self->cancellable,
                          on_token_loaded, g_object_ref (self));
}

char *
fd_application_dup_relay_token (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);

  if (self->relay_token != NULL)
    return g_strdup (self->relay_token);
  return g_strdup (self->stored_token != NULL ? self->stored_token : "");
}

static void
on_token_stored (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FdApplication *self = g_task_get_source_object (task);
  GError *error = NULL;
  FdSecretBackend backend;

  if (!fd_secret_store_finish (result, &backend, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  set_stored_token (self, g_task_get_task_data (task));
  g_task_return_int (task, backend);
}

/* Keeps TOKEN (empty: none) as this desk's relay token, in the keyring or,
 * on a machine without one, in an owner-only file. */
void
fd_application_set_relay_token_async (FdApplication       *self,
                                      const char          *token,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_application_set_relay_token_async);
  g_task_set_task_data (task, g_strdup (token != NULL ? token : ""), g_free);
  fd_secret_store_async (FD_SECRET_RELAY_TOKEN, NULL, token, cancellable,
                         on_token_stored, g_steal_pointer (&task));
}

/* TRUE when stored; *OUT_IN_KEYRING says where. */
gboolean
fd_application_set_relay_token_finish (FdApplication  *self,
                                       GAsyncResult   *result,
                                       gboolean       *out_in_keyring,
                                       GError        **error)
{
  gssize backend;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  backend = g_task_propagate_int (G_TASK (result), error);
  if (backend < 0)
    return FALSE;
  if (out_in_keyring != NULL)
    *out_in_keyring = backend == FD_SECRET_BACKEND_KEYRING;
  return TRUE;
}

/* Why the stored token could not be read (an unreadable or unsafe secret
 * file, a locked keyring), or NULL. */
const GError *
fd_application_get_relay_token_error (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);
  return self->token_error;
}

