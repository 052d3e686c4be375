/* fd-applicant-monitor.h: which monitor the applicant screen goes to, and its preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff pick the monitor in Preferences; it is remembered in GSettings by
 * connector and model (applicant-monitor-connector, -model), so when it is
 * unplugged and plugged in again -- even on another connector -- the
 * applicant screen goes back to it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The index among @n monitors (their connectors and models, each may be
 * NULL) of the one remembered: same connector and model, else same
 * connector, else same model; -1 when none matches or nothing is
 * remembered. */
int         _fd_applicant_monitor_match (guint               n,
                                         const char * const *connectors,
                                         const char * const *models,
                                         const char         *want_connector,
                                         const char         *want_model);
/* The remembered monitor among the display's, or NULL. (transfer full) */
GdkMonitor *_fd_applicant_monitor_find  (GListModel         *monitors,
                                         GSettings          *settings);
/* Preferences: kiosk on/off, the monitor, the idle time. */
GtkWidget  *_fd_applicant_preferences_page_new (GSettings   *settings);

G_END_DECLS
