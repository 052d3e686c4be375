/* fd-case-store-uri.c: the case store's connection URIs (fd-pg-uri.c does the work)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-store"

#include "config.h"

#include "fd-case-store-private.h"
#include "fd-pg-uri.h"

char *
fd_case_store_uri_redact (const char *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return fd_pg_uri_redact (uri);
}

gboolean
fd_case_store_uri_has_password (const char *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  return fd_pg_uri_has_password (uri);
}

char *
_fd_case_redact_message (const char *message,
                         const char *uri)
{
  return fd_pg_redact_message (message, uri);
}

gboolean
_fd_case_pg_conninfo (const char  *uri,
                      GPtrArray   *keywords,
                      GPtrArray   *values,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (fd_pg_conninfo (uri, "case database", keywords, values, &local_error))
    return TRUE;
  g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_URI, local_error->message);
  return FALSE;
}
