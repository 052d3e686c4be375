/* fd-relay-static.h: static files for the web console, GET /health
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* MIME type for a file name (by extension), never NULL. */
const char *fd_relay_mime_type      (const char        *filename);
/* Resolves the request path @path (as in the URI, percent-encoded) under @root; NULL (with the
 * HTTP status in @out_status) for traversal attempts, missing files and directories without
 * index.html. */
char       *fd_relay_resolve_static (const char        *root,
                                     const char        *path,
                                     guint             *out_status);
void        fd_relay_serve_static   (SoupServerMessage *msg,
                                     const char        *root,
                                     const char        *path);

G_END_DECLS
