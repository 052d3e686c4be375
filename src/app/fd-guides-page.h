/* fd-guides-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FD_TYPE_GUIDES_PAGE (fd_guides_page_get_type ())

G_DECLARE_FINAL_TYPE (FdGuidesPage, fd_guides_page, FD, GUIDES_PAGE, AdwBin)

G_END_DECLS
