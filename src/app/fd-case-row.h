/* fd-case-row.h: one case in today's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-case.h"

G_BEGIN_DECLS

#define FD_TYPE_CASE_ROW (fd_case_row_get_type ())
G_DECLARE_FINAL_TYPE (FdCaseRow, fd_case_row, FD, CASE_ROW, AdwActionRow)

GtkWidget *fd_case_row_new      (FdCase    *fcase);
FdCase    *fd_case_row_get_case (FdCaseRow *self);

G_END_DECLS
