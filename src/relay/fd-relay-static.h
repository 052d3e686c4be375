/* fd-relay-static.h: the web console, served from the GResource compiled into the relay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* MIME type for a console file name (by extension), never NULL. */
const char *fd_relay_mime_type      (const char        *filename);
/* The console file at the request path @path ("/" is index.html), with its MIME type in
 * @out_mime; NULL for anything that is not one of the console's files. */
GBytes     *fd_relay_console_lookup (const char        *path,
                                     const char       **out_mime);
/* Request paths of every console file, sorted ("/console.css", "/i18n/en.json", …). */
char      **fd_relay_console_files  (void);
/* GET/HEAD of a console file (200), 404 for any other path, 405 for other methods. The security
 * headers are the caller's (fd_relay_security_headers). */
void        fd_relay_serve_console  (SoupServerMessage *msg,
                                     const char        *path);

G_END_DECLS
