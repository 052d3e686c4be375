/* fd-guide-view-private.h: the guide view's sections and the rows they show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by fd-guide-view.c (the document's widgets, each section's list bound to a GListStore of
 * FdTextItem) and fd-guide-view-facts.c (what a guide says, as rows, in one language).
 */
#pragma once

#include "fd-guide-view.h"

G_BEGIN_DECLS

/* The lists of the document, in its order (the package's matters come after the overview). */
typedef enum {
  FD_GUIDE_SECTION_OVERVIEW,
  FD_GUIDE_SECTION_MATERIALS,
  FD_GUIDE_SECTION_STEPS,
  FD_GUIDE_SECTION_LOCATION,
  FD_GUIDE_SECTION_ELIGIBILITY,
  FD_GUIDE_SECTION_BASIS,
  FD_GUIDE_SECTION_FAQ,
  FD_GUIDE_N_SECTIONS
} FdGuideSection;

/* What the rows are made from. */
typedef struct {
  FdGuide        *guide;
  FdLang          lang;
  gboolean        staff;      /* unverified marks in the staff's UI language (gettext) */
  FdHallSchedule *schedule;   /* nullable: the hall's floors and phones */
} FdGuideFacts;

/* Appends each section's rows (FdTextItem) for @self's guide to @facts' arrays. */
void _fd_guide_facts_fill (const FdGuideFacts *self,
                           GPtrArray          *facts[FD_GUIDE_N_SECTIONS]);

G_END_DECLS
