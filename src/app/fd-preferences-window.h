/* fd-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-application.h"

G_BEGIN_DECLS

#define FD_TYPE_PREFERENCES_WINDOW (fd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FdPreferencesWindow, fd_preferences_window, FD, PREFERENCES_WINDOW, AdwPreferencesWindow)

FdPreferencesWindow *fd_preferences_window_new (FdApplication *app);

gboolean fd_preferences_relay_url_is_valid (const char *url);

G_END_DECLS
