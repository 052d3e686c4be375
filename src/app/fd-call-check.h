/* fd-call-check.h: can this computer make video calls? (--check and the desk page)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL when every GStreamer element a call needs is installed; else a
 * sentence for the desk's status line naming each missing element, its
 * Debian package and what to do. Rescans the registry when something is
 * missing, so a package installed meanwhile is found. */
char *fd_call_check_missing (void);

/* `frontdesk --check`: prints the elements, cameras, microphones and
 * speakers to stdout; returns the exit status (0 when calls can work,
 * 1 when elements are missing). */
int   fd_call_check_print   (void);

G_END_DECLS
