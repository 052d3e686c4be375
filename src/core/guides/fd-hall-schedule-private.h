/* fd-hall-schedule-private.h: what fd-hall-schedule.c shares with
 * fd-hall-calendar.c (guides area only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-hall-schedule.h"
#include "fd-guide-private.h"

G_BEGIN_DECLS

typedef struct {
  FdDayKind  kind;    /* FD_DAY_HOLIDAY or FD_DAY_MAKEUP_WORKDAY */
  char      *name;
} DayEntry;

typedef struct {
  int         year;
  gboolean    provisional;
  GHashTable *days;   /* GINT_TO_POINTER (yyyymmdd) → DayEntry* */
} YearCalendar;

struct _FdHallSchedule
{
  GObject     parent_instance;

  GHashTable *years;  /* GINT_TO_POINTER (year) → YearCalendar* */
  gboolean    loaded;
  FdHallInfo *hall;   /* the hall's own data, NULL while only samples are known */
};

void     _fd_hall_day_entry_free         (gpointer        data);
void     _fd_hall_year_calendar_free     (gpointer        data);
gboolean _fd_hall_parse_date             (const char     *str,
                                          int             year,
                                          int            *out_key,
                                          GDate          *out_date);
int      _fd_hall_date_key               (const GDate    *date);
void     _fd_hall_schedule_notify_loaded (FdHallSchedule *self);

G_END_DECLS
