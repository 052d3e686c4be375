/* fd-guide-view.h: every field of one guide, in one content language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used twice at the same time: on the staff page (UI language) and on the
 * applicant screen (the applicant's language). All text, headings
 * included, comes from the guide model and the engine's per-language
 * tables by FdLang (fd-guide-strings.h), never from gettext, and is tagged
 * with its language for Pango. The availability badge is refreshed at
 * every minute boundary.
 */
#pragma once

#include <adwaita.h>

#include "fd-guide-catalog.h"
#include "fd-hall-schedule.h"

G_BEGIN_DECLS

#define FD_TYPE_GUIDE_VIEW (fd_guide_view_get_type ())

G_DECLARE_FINAL_TYPE (FdGuideView, fd_guide_view, FD, GUIDE_VIEW, AdwBin)

GtkWidget      *fd_guide_view_new          (void);

/* The catalogue resolves the matters of a package; the schedule gives the
 * badge (no badge without one). Both nullable. */
void            fd_guide_view_set_sources  (FdGuideView    *self,
                                            FdGuideCatalog *catalog,
                                            FdHallSchedule *schedule);
FdGuide        *fd_guide_view_get_guide    (FdGuideView    *self);
void            fd_guide_view_set_guide    (FdGuideView    *self,
                                            FdGuide        *guide);
FdLang          fd_guide_view_get_lang     (FdGuideView    *self);
void            fd_guide_view_set_lang     (FdGuideView    *self,
                                            FdLang          lang);

/* Tags @label's current text with @lang so Pango picks the right glyphs
 * (zh-CN); text that is mostly Chinese (an untranslated fallback) is
 * tagged zh-CN whatever @lang is. Call after setting the text. */
void            fd_label_set_lang          (GtkLabel       *label,
                                            FdLang          lang);

G_END_DECLS
