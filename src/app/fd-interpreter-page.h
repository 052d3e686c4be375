/* fd-interpreter-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FD_TYPE_INTERPRETER_PAGE (fd_interpreter_page_get_type ())

G_DECLARE_FINAL_TYPE (FdInterpreterPage, fd_interpreter_page, FD, INTERPRETER_PAGE, AdwBin)

G_END_DECLS
