/* fd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-application.h"

G_BEGIN_DECLS

#define FD_TYPE_WINDOW (fd_window_get_type ())

G_DECLARE_FINAL_TYPE (FdWindow, fd_window, FD, WINDOW, AdwApplicationWindow)

FdWindow   *fd_window_new       (FdApplication *application);
void        fd_window_show_page (FdWindow      *self,
                                 const char    *name);
const char *fd_window_get_page  (FdWindow      *self);

G_END_DECLS
