/* fd-hall-schedule.h: "can it be done now?" — hall hours, holidays, make-up days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hall (Asia/Shanghai local time):
 *  - working days: regular hours 9:00-17:00; the morning extension
 *    8:30-9:00 and the evening extension 17:00-17:30 for matters on those
 *    lists (FD_EXTENDED_MORNING / _EVENING);
 *  - Saturdays that are not holidays: 9:00-13:00 by appointment for matters
 *    on the Saturday list (FD_EXTENDED_SATURDAY);
 *  - public holidays closed; make-up working days (调休上班, often a
 *    Saturday or Sunday) are full working days.
 * Holidays and make-up days come from yearly calendar files
 * (data/guides/calendar/<year>.xml). A date in a year with no calendar is
 * never guessed: the answer is FD_HALL_UNKNOWN_CALENDAR. A calendar marked
 * provisional="true" is used, and the answer says it is provisional.
 */
#pragma once

#include <gio/gio.h>

#include "fd-guide.h"
#include "fd-lang.h"

G_BEGIN_DECLS

typedef enum {
  FD_HALL_CLOSED,                  /* closed now (for this matter) */
  FD_HALL_OPEN_REGULAR,            /* open now, regular hours */
  FD_HALL_OPEN_MORNING,            /* open now, morning extension 8:30-9:00 */
  FD_HALL_OPEN_EVENING,            /* open now, evening extension 17:00-17:30 */
  FD_HALL_OPEN_SATURDAY,           /* open now, Saturday by appointment */
  FD_HALL_UNKNOWN_CALENDAR,        /* the date is in no loaded calendar */
} FdHallState;

typedef enum {
  FD_DAY_WORKDAY,                  /* Monday-Friday, not a holiday */
  FD_DAY_MAKEUP_WORKDAY,           /* weekend day worked instead of a holiday */
  FD_DAY_SATURDAY,                 /* ordinary Saturday */
  FD_DAY_SUNDAY,                   /* ordinary Sunday */
  FD_DAY_HOLIDAY,                  /* public holiday */
  FD_DAY_UNKNOWN,                  /* no calendar for that year */
} FdDayKind;

typedef struct {
  FdHallState  state;              /* now */
  GDateTime   *until;              /* end of the current open period, or NULL */
  FdHallState  next_state;         /* kind of the next open period */
  GDateTime   *next_start;         /* start of the next open period after now
                                      (NULL when beyond the known calendars) */
  gboolean     provisional;        /* a provisional calendar was used */
} FdHallAvailability;

void fd_hall_availability_clear (FdHallAvailability *availability);

#define FD_TYPE_HALL_SCHEDULE (fd_hall_schedule_get_type ())
G_DECLARE_FINAL_TYPE (FdHallSchedule, fd_hall_schedule, FD, HALL_SCHEDULE, GObject)

FdHallSchedule *fd_hall_schedule_new            (void);

/* Adds one calendar file (<calendar year="...">). Errors: FD_GUIDE_ERROR
 * with "FILE:LINE:COL: ..." messages. */
gboolean        fd_hall_schedule_load_file      (FdHallSchedule     *self,
                                                 const char         *path,
                                                 GError            **error);
/* The same from memory; @filename is used in messages only. */
gboolean        fd_hall_schedule_load_data      (FdHallSchedule     *self,
                                                 const char         *data,
                                                 gsize               length,
                                                 const char         *filename,
                                                 GError            **error);
/* Adds every <dir>/NAME.xml (e.g. <guides dir>/calendar). Stops at the first
 * bad file. A missing directory is an error (FD_GUIDE_ERROR_NOT_FOUND). */
gboolean        fd_hall_schedule_load_dir       (FdHallSchedule     *self,
                                                 const char         *dir,
                                                 GError            **error);

/* fd_hall_schedule_load_dir() on a worker thread, then each hall folder of
 * @hall_dirs (nullable; fd_hall_folder_load()); the calendars are added
 * on the calling thread's main context when done, and "loaded" becomes
 * TRUE (also after an error; not when cancelled). */
void            fd_hall_schedule_load_dir_async  (FdHallSchedule      *self,
                                                  const char          *dir,
                                                  const char * const  *hall_dirs,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        fd_hall_schedule_load_dir_finish (FdHallSchedule      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
gboolean        fd_hall_schedule_get_loaded      (FdHallSchedule      *self);

/* The years with a calendar, ascending (GArray of int; g_array_unref). */
GArray         *fd_hall_schedule_list_years      (FdHallSchedule      *self);

/* TRUE while no hall folder gave a hall.xml: window numbers, floors and
 * codes are the shipped examples (a notice says so). */
gboolean        fd_hall_schedule_get_sample_data (FdHallSchedule      *self);
/* The hall folder in use, or NULL. */
const char     *fd_hall_schedule_get_hall_dir    (FdHallSchedule      *self);
/* The floor of a window in the hall's hall.xml, in @lang (its name-en=,
 * name-ru= where given, else the Chinese name=), or NULL. */
const char     *fd_hall_schedule_get_window_floor (FdHallSchedule     *self,
                                                   const char         *window,
                                                   FdLang              lang);
/* @windows with their floors from hall.xml, consecutive windows of one
 * floor grouped: "A01 A02 (Floor 1); C01 (Floor 3)" (zh: "A01 A02（一层）；
 * C01（三层）"); a window hall.xml does not list is shown alone. Just the
 * windows while no hall data is loaded. Newly allocated. */
char           *fd_hall_schedule_format_windows  (FdHallSchedule      *self,
                                                  const char * const  *windows,
                                                  FdLang               lang);
/* The hall's phone numbers as "label: number" in @lang, NULL-terminated
 * (empty while no hall data is loaded). Free with g_strfreev(). */
char          **fd_hall_schedule_dup_phones      (FdHallSchedule      *self,
                                                  FdLang               lang);
/* A guide's extended-hours lists: the hall's own lists (lists/NAME.txt)
 * where loaded, else the guide's extended attribute. */
FdExtendedFlags fd_hall_schedule_get_extended    (FdHallSchedule      *self,
                                                  FdGuide             *guide);

/* Whether a year has a calendar, and whether it is provisional. */
gboolean        fd_hall_schedule_has_year       (FdHallSchedule     *self,
                                                 int                 year,
                                                 gboolean           *provisional);

/* Kind of a date; @name (nullable out) gets the holiday / make-up name
 * ("春节", "国庆节调休"...; owned by the schedule) when there is one. */
FdDayKind       fd_hall_schedule_get_day_kind   (FdHallSchedule     *self,
                                                 int                 year,
                                                 int                 month,
                                                 int                 day,
                                                 const char        **name);

/* Availability at @when (any time zone; converted to Asia/Shanghai) for a
 * matter on the @extended lists. Fills @out (clear it with
 * fd_hall_availability_clear). Returns FALSE with
 * FD_GUIDE_ERROR_UNKNOWN_CALENDAR (and out->state ==
 * FD_HALL_UNKNOWN_CALENDAR) when the date of @when is in no calendar.
 * The next start is searched up to 60 days ahead within known calendars. */
gboolean        fd_hall_schedule_query          (FdHallSchedule     *self,
                                                 FdExtendedFlags     extended,
                                                 GDateTime          *when,
                                                 FdHallAvailability *out,
                                                 GError            **error);
/* The same for a guide (its extended-hours lists). */
gboolean        fd_hall_schedule_query_guide    (FdHallSchedule     *self,
                                                 FdGuide            *guide,
                                                 GDateTime          *when,
                                                 FdHallAvailability *out,
                                                 GError            **error);

/* The Asia/Shanghai zone used (fixed UTC+8 when tzdata is missing). */
GTimeZone      *fd_hall_schedule_get_timezone   (void);

G_END_DECLS
