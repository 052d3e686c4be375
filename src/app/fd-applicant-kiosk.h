/* fd-applicant-kiosk.h: the applicant screen as a kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With GSettings applicant-kiosk on, the applicant screen is fullscreen on
 * the monitor remembered in Preferences (fd-applicant-monitor.h) and goes
 * back to it when it is plugged in again; it has no close button, refuses
 * close requests and swallows every key combination with Ctrl, Alt or Super
 * (application shortcuts such as Ctrl+Q or Ctrl+W, window-manager keys), so
 * nothing a visitor can press leaves it: staff end it from the desk window,
 * which destroys the window. After kiosk-idle-seconds without input it
 * returns to the language picker and clears the board.
 */
#pragma once

#include "fd-applicant-window.h"

G_BEGIN_DECLS

#define FD_TYPE_APPLICANT_KIOSK (fd_applicant_kiosk_get_type ())
G_DECLARE_FINAL_TYPE (FdApplicantKiosk, fd_applicant_kiosk, FD, APPLICANT_KIOSK, GObject)

FdApplicantKiosk *_fd_applicant_kiosk_new        (FdApplicantWindow *window);
/* FALSE (nothing done) unless kiosk mode is on in GSettings. */
gboolean          _fd_applicant_kiosk_start      (FdApplicantKiosk  *self,
                                                  GdkMonitor        *fallback);
void              _fd_applicant_kiosk_activity   (FdApplicantKiosk  *self);
gboolean          _fd_applicant_kiosk_get_active (FdApplicantKiosk  *self);

/* fd-applicant-window.c: back to the language picker, the board cleared. */
void              _fd_applicant_window_reset     (FdApplicantWindow *window);

G_END_DECLS
