/* fd-hall-folder.h: a hall's own data, read at start from a folder (no rebuild)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shipped guides carry example window numbers, floors and hall codes.
 * A hall puts its own data in a folder (docs/hall-data.md):
 *   hall.xml           windows and floors, the hall's phone numbers
 *   lists/morning.txt  guide ids on the morning extension (one a line)
 *   lists/evening.txt  ... the evening extension
 *   lists/saturday.txt ... Saturday service by appointment
 *   calendar/<year>.xml next year's holiday calendar (as data/guides/calendar)
 * Folders, later ones winning: every $XDG_CONFIG_DIRS entry (default
 * /etc/xdg) + "/frontdesk/hall", then /etc/frontdesk/hall, then
 * $XDG_CONFIG_HOME/frontdesk/hall (per user). Until a hall.xml is read the
 * guides show a sample-data notice.
 */
#pragma once

#include <gio/gio.h>

#include "fd-guide.h"
#include "fd-hall-schedule.h"

G_BEGIN_DECLS

/* The folders to read, system-wide first, per user last (existing or not).
 * Free with g_strfreev(). */
char   **fd_hall_folder_dirs   (void);

/* Reads a hall folder into @schedule: its hall.xml, lists and calendars
 * (a calendar replaces the shipped one of the same year). A missing folder
 * is no error (FALSE, no error set, nothing changed); a bad file is an
 * FD_GUIDE_ERROR with "FILE:LINE:COL: ..." and the folder is not used. */
gboolean fd_hall_folder_load   (FdHallSchedule  *schedule,
                                const char      *dir,
                                GError         **error);

/* Checks a hall folder, or one of its files (hall.xml, a list), for
 * `frontdesk-guides check`: appends "FILE:LINE:COL: error: ..." messages.
 * Returns FALSE on an error. */
gboolean fd_hall_folder_check  (const char      *path,
                                GPtrArray       *messages);

G_END_DECLS
