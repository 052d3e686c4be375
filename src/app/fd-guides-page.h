/* fd-guides-page.h: browse, search and show process guides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-guide-catalog.h"

G_BEGIN_DECLS

#define FD_TYPE_GUIDES_PAGE (fd_guides_page_get_type ())

G_DECLARE_FINAL_TYPE (FdGuidesPage, fd_guides_page, FD, GUIDES_PAGE, AdwBin)

/* The loaded catalogue (empty until loading is done). */
FdGuideCatalog *fd_guides_page_get_catalog (FdGuidesPage *self);
/* Opens a guide in the staff view (and on the applicant screen). */
void            fd_guides_page_open_guide  (FdGuidesPage *self,
                                            FdGuide      *guide);

G_END_DECLS
