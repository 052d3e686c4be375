/* fd-pg-uri.h: PostgreSQL connection URIs (case store, relay call records)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FD_PG_ERROR (fd_pg_error_quark ())
GQuark fd_pg_error_quark (void);

typedef enum {
  FD_PG_ERROR_URI,
} FdPgError;

/* @uri with any password replaced by "***" (user:***@ in a URI, password=*** in a query or a
 * key/value string). */
char     *fd_pg_uri_redact       (const char  *uri);
/* TRUE if @uri carries a password (a command line must refuse it: argv is readable by all). */
gboolean  fd_pg_uri_has_password (const char  *uri);
/* @message (e.g. libpq's) with every password of @uri, and every piece of one, replaced by
 * "***". */
char     *fd_pg_redact_message   (const char  *message,
                                  const char  *uri);
/* libpq connection parameters for @uri (NULL-terminated keyword and value arrays, element type
 * char*): sslmode defaults to verify-full for a host reached over the network, and
 * disable/allow/prefer are refused for one (FD_PG_ERROR_URI, naming @what, e.g. "case
 * database"); Unix sockets and loopback stay as given. */
gboolean  fd_pg_conninfo         (const char  *uri,
                                  const char  *what,
                                  GPtrArray   *keywords,
                                  GPtrArray   *values,
                                  GError     **error);

G_END_DECLS
