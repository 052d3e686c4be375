/* fd-interpreter-window.h: `frontdesk --interpreter`, a remote interpreter's station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-application.h"

G_BEGIN_DECLS

#define FD_TYPE_INTERPRETER_WINDOW (fd_interpreter_window_get_type ())

G_DECLARE_FINAL_TYPE (FdInterpreterWindow, fd_interpreter_window, FD, INTERPRETER_WINDOW,
                      AdwApplicationWindow)

FdInterpreterWindow *fd_interpreter_window_new (FdApplication *application);

G_END_DECLS
