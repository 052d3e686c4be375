/* fd-guide-filter.h: one choice of the guides page's browse list (all, theme packages, a category,
 * a department)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The items of the browse GtkDropDown: its "title" is what the list shows (through a property
 * expression), and the item itself says which guides it lets through, so that no list of keys is
 * kept beside the titles.
 */
#pragma once

#include <gio/gio.h>

#include "fd-guide.h"

G_BEGIN_DECLS

typedef enum {
  FD_GUIDE_FILTER_ALL,
  FD_GUIDE_FILTER_PACKAGES,
  FD_GUIDE_FILTER_CATEGORY,    /* value: a category id */
  FD_GUIDE_FILTER_DEPARTMENT,  /* value: a department's name in Chinese (the catalogue's key) */
} FdGuideFilterKind;

#define FD_TYPE_GUIDE_FILTER (fd_guide_filter_get_type ())
G_DECLARE_FINAL_TYPE (FdGuideFilter, fd_guide_filter, FD, GUIDE_FILTER, GObject)

FdGuideFilter *fd_guide_filter_new       (FdGuideFilterKind  kind,
                                          const char        *value,
                                          const char        *title);
const char    *fd_guide_filter_get_title (FdGuideFilter     *self);
/* Whether @guide is in this choice. */
gboolean       fd_guide_filter_matches   (FdGuideFilter     *self,
                                          FdGuide           *guide);

G_END_DECLS
