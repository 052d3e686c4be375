/* fd-secret.h: tokens and passwords kept out of settings and command lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets live in the desktop keyring (the Secret Service, through libsecret).
 * A machine without one (a kiosk, a server) keeps them in a key file readable
 * by its owner only (mode 0600 in a 0700 folder): FdSecretBackend says which.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  FD_SECRET_RELAY_TOKEN,       /* the bearer token a desk or station presents to the relay */
  FD_SECRET_DATABASE_PASSWORD, /* a case database password, by connection (account) */
} FdSecretKind;

typedef enum {
  FD_SECRET_BACKEND_AUTO,    /* the keyring when one answers, else the file */
  FD_SECRET_BACKEND_KEYRING,
  FD_SECRET_BACKEND_FILE,
} FdSecretBackend;

#define FD_SECRET_ERROR (fd_secret_error_quark ())

typedef enum {
  FD_SECRET_ERROR_FAILED,
  FD_SECRET_ERROR_INSECURE_FILE, /* a secret file others can read or that another user owns */
  FD_SECRET_ERROR_TOO_LARGE,
} FdSecretError;

GQuark          fd_secret_error_quark     (void);

FdSecretBackend fd_secret_backend_from_environment (void);
char           *fd_secret_dup_file_path   (void);

void            fd_secret_lookup_async    (FdSecretKind          kind,
                                           const char           *account,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
char           *fd_secret_lookup_finish   (GAsyncResult         *result,
                                           FdSecretBackend      *out_backend,
                                           GError              **error);
char           *fd_secret_lookup_sync     (FdSecretKind          kind,
                                           const char           *account,
                                           GCancellable         *cancellable,
                                           GError              **error);

void            fd_secret_store_async     (FdSecretKind          kind,
                                           const char           *account,
                                           const char           *secret,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean        fd_secret_store_finish    (GAsyncResult         *result,
                                           FdSecretBackend      *out_backend,
                                           GError              **error);

char           *fd_secret_read_file       (const char           *path,
                                           GError              **error);
char           *fd_secret_from_environment (const char          *variable,
                                            const char          *file_variable,
                                            GError             **error);

gboolean        fd_secret_split_uri_password (const char      *uri,
                                              char           **out_address,
                                              char           **out_password);
char           *fd_secret_uri_with_password  (const char      *address,
                                              const char      *password);

G_END_DECLS
