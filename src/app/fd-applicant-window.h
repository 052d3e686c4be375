/* fd-applicant-window.h: the customer-facing screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the staff's current guide in the applicant's language (large type,
 * black on white, 48 px touch targets) with a language picker the
 * applicant uses. Its text comes from the guide model and per-language
 * tables by FdLang, never from gettext, so the staff window keeps its own
 * language.
 */
#pragma once

#include <adwaita.h>

#include "fd-guide-catalog.h"
#include "fd-hall-schedule.h"

G_BEGIN_DECLS

#define FD_TYPE_APPLICANT_WINDOW (fd_applicant_window_get_type ())

G_DECLARE_FINAL_TYPE (FdApplicantWindow, fd_applicant_window, FD, APPLICANT_WINDOW, AdwWindow)

FdApplicantWindow *fd_applicant_window_new         (FdGuideCatalog    *catalog,
                                                    FdHallSchedule    *schedule);
void               fd_applicant_window_set_guide   (FdApplicantWindow *self,
                                                    FdGuide           *guide);
FdLang             fd_applicant_window_get_lang    (FdApplicantWindow *self);
void               fd_applicant_window_set_lang    (FdApplicantWindow *self,
                                                    FdLang             lang);
/* Fullscreen on @monitor when given, else a normal window. */
void               fd_applicant_window_show_board  (FdApplicantWindow *self);
void               fd_applicant_window_show_on     (FdApplicantWindow *self,
                                                    GdkMonitor        *monitor);

G_END_DECLS
