/* fd-cases-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FD_TYPE_CASES_PAGE (fd_cases_page_get_type ())

G_DECLARE_FINAL_TYPE (FdCasesPage, fd_cases_page, FD, CASES_PAGE, AdwBin)

G_END_DECLS
