/* fd-secret.c: tokens and passwords in the keyring, or in an owner-only file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-secret"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd-secret.h"

/* A secret file or value larger than this is refused before it is read. */
#define SECRET_FILE_MAX (64 * 1024)
#define SECRET_VALUE_MAX 4096

G_DEFINE_QUARK (fd-secret-error-quark, fd_secret_error)

static const SecretSchema secret_schema = {
  "cn.frontdesk.Frontdesk.Secret", SECRET_SCHEMA_NONE,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static const char *
kind_name (FdSecretKind kind)
{
  switch (kind)
    {
    case FD_SECRET_RELAY_TOKEN:
      return "relay-token";
    case FD_SECRET_DATABASE_PASSWORD:
      return "database-password";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static const char *
kind_label (FdSecretKind kind)
{
  return kind == FD_SECRET_RELAY_TOKEN ? "Frontdesk relay token" : "Frontdesk case database password";
}

FdSecretBackend
fd_secret_backend_from_environment (void)
{
  const char *value = g_getenv ("FRONTDESK_SECRET_BACKEND");

  if (g_strcmp0 (value, "file") == 0)
    return FD_SECRET_BACKEND_FILE;
  if (g_strcmp0 (value, "keyring") == 0)
    return FD_SECRET_BACKEND_KEYRING;
  return FD_SECRET_BACKEND_AUTO;
}

char *
fd_secret_dup_file_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "frontdesk", "secrets", NULL);
}

/* No keyring answered: no session bus, no Secret Service on it. Errors
 * from a keyring that did answer (locked, prompt dismissed) are not this. */
static gboolean
is_no_keyring_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  return error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
         error->domain == G_SPAWN_ERROR;
}

static char *
account_key (const char *account)
{
  /* Key file keys cannot hold every character a URI can: hash the account. */
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, account != NULL ? account : "", -1);
}

/* Opens and reads a secret file, refusing one that is not a regular file
 * owned by us with no access for group or others, or that is too large. */
static char *
read_private_file (const char  *path,
                   gboolean     must_exist,
                   gsize       *out_length,
                   GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  ssize_t got;
  gsize length = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT && !must_exist)
        {
          *out_length = 0;
          return g_strdup ("");
        }
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot open %s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_INSECURE_FILE,
                   "%s is not a regular file", path);
      close (fd);
      return NULL;
    }
  if (st.st_uid != geteuid () || (st.st_mode & 077) != 0)
    {
      g_set_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_INSECURE_FILE,
                   "%s must belong to this user and be readable by no one else (chmod 600)", path);
      close (fd);
      return NULL;
    }
  if (st.st_size > SECRET_FILE_MAX)
    {
      g_set_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_TOO_LARGE,
                   "%s is larger than %d bytes", path, SECRET_FILE_MAX);
      close (fd);
      return NULL;
    }
  data = g_malloc (SECRET_FILE_MAX + 1);
  while ((got = read (fd, data + length, SECRET_FILE_MAX + 1 - length)) > 0)
    length += got;
  close (fd);
  if (got < 0 || length > SECRET_FILE_MAX)
    {
      g_set_error (error, FD_SECRET_ERROR, got < 0 ? FD_SECRET_ERROR_FAILED : FD_SECRET_ERROR_TOO_LARGE,
                   "Cannot read %s", path);
      return NULL;
    }
  data[length] = '\0';
  *out_length = length;
  return g_steal_pointer (&data);
}

static GKeyFile *
load_secret_file (const char  *path,
                  GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  data = read_private_file (path, FALSE, &length, error);
  if (data == NULL)
    return NULL;
  if (length > 0 && !g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, error))
    return NULL;
  return g_steal_pointer (&keyfile);
}

static char *
file_lookup (FdSecretKind   kind,
             const char    *account,
             GError       **error)
{
  g_autofree char *path = fd_secret_dup_file_path ();
  g_autofree char *key = account_key (account);
  g_autoptr(GKeyFile) keyfile = load_secret_file (path, error);
  g_autoptr(GError) local_error = NULL;
  char *value;

  if (keyfile == NULL)
    return NULL;
  value = g_key_file_get_string (keyfile, kind_name (kind), key, &local_error);
  if (value == NULL && !g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND) &&
      !g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return value;
}

static gboolean
file_store (FdSecretKind   kind,
            const char    *account,
            const char    *secret,
            GError       **error)
{
  g_autofree char *path = fd_secret_dup_file_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *key = account_key (account);
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  gsize length;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create %s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  keyfile = load_secret_file (path, error);
  if (keyfile == NULL)
    return FALSE;
  if (secret == NULL || *secret == '\0')
    g_key_file_remove_key (keyfile, kind_name (kind), key, NULL);
  else
    g_key_file_set_string (keyfile, kind_name (kind), key, secret);
  data = g_key_file_to_data (keyfile, &length, NULL);
  /* Written whole to a new file with mode 0600, then renamed over the old. */
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static char *
lookup (FdSecretKind      kind,
        const char       *account,
        FdSecretBackend  *out_backend,
        GCancellable     *cancellable,
        GError          **error)
{
  FdSecretBackend backend = fd_secret_backend_from_environment ();
  g_autoptr(GError) local_error = NULL;
  char *value;

  if (backend != FD_SECRET_BACKEND_FILE)
    {
      value = secret_password_lookup_sync (&secret_schema, cancellable, &local_error,
                                           "kind", kind_name (kind),
                                           "account", account != NULL ? account : "",
                                           NULL);
      if (local_error == NULL)
        {
          *out_backend = FD_SECRET_BACKEND_KEYRING;
          return value;
        }
      if (backend == FD_SECRET_BACKEND_KEYRING || !is_no_keyring_error (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_debug ("no keyring (%s): using the secret file", local_error->message);
    }
  *out_backend = FD_SECRET_BACKEND_FILE;
  return file_lookup (kind, account, error);
}

static gboolean
store (FdSecretKind      kind,
       const char       *account,
       const char       *secret,
       FdSecretBackend  *out_backend,
       GCancellable     *cancellable,
       GError          **error)
{
  FdSecretBackend backend = fd_secret_backend_from_environment ();
  g_autoptr(GError) local_error = NULL;
  gboolean empty = secret == NULL || *secret == '\0';

  if (!empty && strlen (secret) > SECRET_VALUE_MAX)
    {
      g_set_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_TOO_LARGE,
                   "A secret may be at most %d bytes", SECRET_VALUE_MAX);
      return FALSE;
    }
  if (backend != FD_SECRET_BACKEND_FILE)
    {
      if (empty)
        secret_password_clear_sync (&secret_schema, cancellable, &local_error,
                                    "kind", kind_name (kind),
                                    "account", account != NULL ? account : "", NULL);
      else
        secret_password_store_sync (&secret_schema, SECRET_COLLECTION_DEFAULT, kind_label (kind),
                                    secret, cancellable, &local_error,
                                    "kind", kind_name (kind),
                                    "account", account != NULL ? account : "", NULL);
      if (local_error == NULL)
        {
          *out_backend = FD_SECRET_BACKEND_KEYRING;
          return TRUE;
        }
      if (backend == FD_SECRET_BACKEND_KEYRING || !is_no_keyring_error (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("no keyring (%s): using the secret file", local_error->message);
    }
  *out_backend = FD_SECRET_BACKEND_FILE;
  return file_store (kind, account, secret, error);
}

char *
fd_secret_lookup_sync (FdSecretKind   kind,
                       const char    *account,
                       GCancellable  *cancellable,
                       GError       **error)
{
  FdSecretBackend backend;

  return lookup (kind, account, &backend, cancellable, error);
}

/* ---- async: the sync calls on a worker thread (libsecret's sync calls run
 * their own main context, so they are safe there) --------------------------- */

typedef struct {
  FdSecretKind     kind;
  char            *account;
  char            *secret;
  FdSecretBackend  backend;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->account);
  if (job->secret != NULL)
    memset (job->secret, 0, strlen (job->secret));
  g_free (job->secret);
  g_free (job);
}

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  char *value = lookup (job->kind, job->account, &job->backend, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, g_free);
}

/* Runs FUNC on a worker thread for a new job; TAG is the caller. */
static void
run_job (FdSecretKind         kind,
         const char          *account,
         const char          *secret,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data,
         gpointer             tag,
         GTaskThreadFunc      func)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->account = g_strdup (account);
  job->secret = g_strdup (secret);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, func);
}

/* The finished job's task, after telling where the secret was. */
static GTask *
finished_job (GAsyncResult    *result,
              gpointer         tag,
              FdSecretBackend *out_backend)
{
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_get_source_tag (task) == tag, task);
  if (out_backend != NULL)
    *out_backend = job->backend;
  return task;
}

void
fd_secret_lookup_async (FdSecretKind         kind,
                        const char          *account,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  run_job (kind, account, NULL, cancellable, callback, user_data, fd_secret_lookup_async, lookup_thread);
}

/* The secret (NULL with no error when none is stored). */
char *
fd_secret_lookup_finish (GAsyncResult     *result,
                         FdSecretBackend  *out_backend,
                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (finished_job (result, fd_secret_lookup_async, out_backend), error);
}

static void
store_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (store (job->kind, job->account, job->secret, &job->backend, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Stores SECRET for (KIND, ACCOUNT); an empty or NULL secret removes it. */
void
fd_secret_store_async (FdSecretKind         kind,
                       const char          *account,
                       const char          *secret,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  run_job (kind, account, secret, cancellable, callback, user_data, fd_secret_store_async, store_thread);
}

gboolean
fd_secret_store_finish (GAsyncResult     *result,
                        FdSecretBackend  *out_backend,
                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (finished_job (result, fd_secret_store_async, out_backend), error);
}

/* ---- for command-line tools: secrets from a file or the environment ---- */

/* Reads a token or password from PATH: the first line, without its line end.
 * The file must be ours and private (mode 600 or stricter), as ssh asks of
 * its keys, and small; an empty secret is an error. */
char *
fd_secret_read_file (const char  *path,
                     GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;
  char *end;

  g_return_val_if_fail (path != NULL, NULL);

  data = read_private_file (path, TRUE, &length, error);
  if (data == NULL)
    return NULL;
  end = strpbrk (data, "\r\n");
  if (end != NULL)
    *end = '\0';
  if (*data == '\0' || strlen (data) > SECRET_VALUE_MAX || !g_utf8_validate (data, -1, NULL))
    {
      g_set_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_FAILED,
                   "%s holds no usable secret on its first line", path);
      return NULL;
    }
  return g_strdup (data);
}

/* A secret named by FILE_VARIABLE (a path, read by fd_secret_read_file) or
 * else held in VARIABLE; NULL with no error when neither is set. */
char *
fd_secret_from_environment (const char  *variable,
                            const char  *file_variable,
                            GError     **error)
{
  const char *path = file_variable != NULL ? g_getenv (file_variable) : NULL;
  const char *value = variable != NULL ? g_getenv (variable) : NULL;

  if (path != NULL && *path != '\0')
    return fd_secret_read_file (path, error);
  if (value != NULL && *value != '\0')
    return g_strdup (value);
  return NULL;
}

/* ---- database addresses: the password kept apart from the address ---- */

static GUri *
parse_with_password (const char *uri)
{
  if (uri == NULL || strstr (uri, "://") == NULL)
    return NULL;
  return g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
}

static char *
rebuild (GUri       *uri,
         const char *encoded_password)
{
  g_autoptr(GUri) built = g_uri_build_with_user (G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED,
                                                 g_uri_get_scheme (uri), g_uri_get_user (uri),
                                                 encoded_password, NULL, g_uri_get_host (uri),
                                                 g_uri_get_port (uri), g_uri_get_path (uri),
                                                 g_uri_get_query (uri), g_uri_get_fragment (uri));

  return g_uri_to_string (built);
}

/* Splits "scheme://user:password@host/db" into the address without the
 * password and the (decoded) password. FALSE, with nothing set, when URI
 * holds no password. */
gboolean
fd_secret_split_uri_password (const char  *uri,
                              char       **out_address,
                              char       **out_password)
{
  g_autoptr(GUri) parsed = parse_with_password (uri);
  const char *password;

  g_return_val_if_fail (out_address != NULL && out_password != NULL, FALSE);

  if (parsed == NULL || (password = g_uri_get_password (parsed)) == NULL || *password == '\0')
    return FALSE;
  *out_password = g_uri_unescape_string (password, NULL);
  if (*out_password == NULL)
    *out_password = g_strdup (password);
  *out_address = rebuild (parsed, NULL);
  return TRUE;
}

/* ADDRESS with PASSWORD put back in, for opening the connection only. */
char *
fd_secret_uri_with_password (const char *address,
                             const char *password)
{
  g_autoptr(GUri) parsed = parse_with_password (address);
  g_autofree char *encoded = NULL;

  if (parsed == NULL || password == NULL || *password == '\0')
    return g_strdup (address);
  encoded = g_uri_escape_string (password, NULL, FALSE);
  return rebuild (parsed, encoded);
}
