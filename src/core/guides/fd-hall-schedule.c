/* fd-hall-schedule.c: hall hours, holidays and make-up working days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fd-hall-schedule-private.h"
#include "fd-hall-folder.h"
#include "fd-guide-private.h"

#define LOOKAHEAD_DAYS 60

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_fd_hall_schedule_notify_loaded (FdHallSchedule *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

G_DEFINE_FINAL_TYPE (FdHallSchedule, fd_hall_schedule, G_TYPE_OBJECT)

/* One open period of a day, in minutes since midnight. */
typedef struct {
  int         start;
  int         end;
  FdHallState state;
} Period;

static void
get_periods (FdDayKind        kind,
             FdExtendedFlags  extended,
             Period          *periods,
             guint           *n)
{
  *n = 0;
  switch (kind)
    {
    case FD_DAY_WORKDAY:
    case FD_DAY_MAKEUP_WORKDAY:
      if (extended & FD_EXTENDED_MORNING)
        periods[(*n)++] = (Period) { 8 * 60 + 30, 9 * 60, FD_HALL_OPEN_MORNING };
      periods[(*n)++] = (Period) { 9 * 60, 17 * 60, FD_HALL_OPEN_REGULAR };
      if (extended & FD_EXTENDED_EVENING)
        periods[(*n)++] = (Period) { 17 * 60, 17 * 60 + 30, FD_HALL_OPEN_EVENING };
      break;
    case FD_DAY_SATURDAY:
      if (extended & FD_EXTENDED_SATURDAY)
        periods[(*n)++] = (Period) { 9 * 60, 13 * 60, FD_HALL_OPEN_SATURDAY };
      break;
    case FD_DAY_SUNDAY:
    case FD_DAY_HOLIDAY:
    case FD_DAY_UNKNOWN:
    default:
      break;
    }
}

static FdDayKind
day_kind (FdHallSchedule *self,
          const GDate    *date,
          const char    **name,
          gboolean       *provisional)
{
  YearCalendar *y = g_hash_table_lookup (self->years, GINT_TO_POINTER ((int) g_date_get_year (date)));
  DayEntry *e;

  if (name != NULL)
    *name = NULL;
  if (y == NULL)
    return FD_DAY_UNKNOWN;
  if (provisional != NULL && y->provisional)
    *provisional = TRUE;
  e = g_hash_table_lookup (y->days, GINT_TO_POINTER (_fd_hall_date_key (date)));
  if (e != NULL)
    {
      if (name != NULL)
        *name = e->name;
      return e->kind;
    }
  switch (g_date_get_weekday (date))
    {
    case G_DATE_SATURDAY:
      return FD_DAY_SATURDAY;
    case G_DATE_SUNDAY:
      return FD_DAY_SUNDAY;
    default:
      return FD_DAY_WORKDAY;
    }
}

static GDateTime *
make_time (GTimeZone   *tz,
           const GDate *date,
           int          minutes)
{
  return g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                          minutes / 60, minutes % 60, 0);
}

static void
fd_hall_schedule_finalize (GObject *object)
{
  FdHallSchedule *self = FD_HALL_SCHEDULE (object);

  g_clear_pointer (&self->years, g_hash_table_unref);
  g_clear_pointer (&self->hall, fd_hall_info_free);

  G_OBJECT_CLASS (fd_hall_schedule_parent_class)->finalize (object);
}

static void
fd_hall_schedule_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FdHallSchedule *self = FD_HALL_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_hall_schedule_class_init (FdHallScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fd_hall_schedule_finalize;
  object_class->get_property = fd_hall_schedule_get_property;

  /* TRUE once fd_hall_schedule_load_dir_async() has finished (with or
   * without an error). */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_hall_schedule_init (FdHallSchedule *self)
{
  self->years = g_hash_table_new_full (NULL, NULL, NULL, _fd_hall_year_calendar_free);
}

/* Public */

void
fd_hall_availability_clear (FdHallAvailability *availability)
{
  g_clear_pointer (&availability->until, g_date_time_unref);
  g_clear_pointer (&availability->next_start, g_date_time_unref);
}

FdHallSchedule *
fd_hall_schedule_new (void)
{
  return g_object_new (FD_TYPE_HALL_SCHEDULE, NULL);
}


void
_fd_hall_schedule_set_hall (gpointer    schedule,
                            FdHallInfo *info)
{
  FdHallSchedule *self = schedule;

  g_clear_pointer (&self->hall, fd_hall_info_free);
  self->hall = info;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

GArray *
fd_hall_schedule_list_years (FdHallSchedule *self)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), years);
  g_hash_table_iter_init (&iter, self->years);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int year = GPOINTER_TO_INT (key);
      g_array_append_val (years, year);
    }
  g_array_sort (years, compare_ints);
  return years;
}

gboolean
fd_hall_schedule_get_sample_data (FdHallSchedule *self)
{
  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), TRUE);
  return self->hall == NULL;
}

const char *
fd_hall_schedule_get_hall_dir (FdHallSchedule *self)
{
  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), NULL);
  return self->hall != NULL ? self->hall->dir : NULL;
}

const char *
fd_hall_schedule_get_window_floor (FdHallSchedule *self,
                                   const char     *window,
                                   FdLang          lang)
{
  const FdHallText *floor;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);
  if (self->hall == NULL || window == NULL)
    return NULL;
  floor = g_hash_table_lookup (self->hall->window_floor, window);
  return floor != NULL ? _fd_hall_text_get (floor, lang) : NULL;
}

char *
fd_hall_schedule_format_windows (FdHallSchedule     *self,
                                 const char * const *windows,
                                 FdLang              lang)
{
  GString *out = g_string_new (NULL);
  gboolean zh = lang == FD_LANG_ZH_CN;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);

  for (guint i = 0; windows != NULL && windows[i] != NULL; i++)
    {
      const char *floor = fd_hall_schedule_get_window_floor (self, windows[i], lang);
      const char *next = windows[i + 1] != NULL ? fd_hall_schedule_get_window_floor (self, windows[i + 1], lang)
                                                : NULL;

      g_string_append (out, windows[i]);
      if (floor != NULL && next != floor)
        g_string_append_printf (out, zh ? "（%s）" : " (%s)", floor);
      if (windows[i + 1] != NULL)
        g_string_append (out, next != floor ? (zh ? "；" : "; ") : " ");
    }
  return g_string_free (out, FALSE);
}

char **
fd_hall_schedule_dup_phones (FdHallSchedule *self,
                             FdLang          lang)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **phones;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);

  for (guint i = 0; self->hall != NULL && i < self->hall->phones->len; i++)
    {
      const FdHallPhone *phone = g_ptr_array_index (self->hall->phones, i);
      const char *label = _fd_hall_text_get (&phone->label, lang);

      if (label != NULL)
        {
          g_autofree char *line = g_strdup_printf (lang == FD_LANG_ZH_CN ? "%s：%s" : "%s: %s",
                                                   label, phone->number);
          g_strv_builder_add (builder, line);
        }
      else
        g_strv_builder_add (builder, phone->number);
    }
  phones = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return phones;
}

/* The extended-hours lists of a guide: the hall's own lists where it
 * loaded them, else the guide's attribute. */
FdExtendedFlags
fd_hall_schedule_get_extended (FdHallSchedule *self,
                               FdGuide        *guide)
{
  FdExtendedFlags flags;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FD_EXTENDED_NONE);
  g_return_val_if_fail (FD_IS_GUIDE (guide), FD_EXTENDED_NONE);

  flags = fd_guide_get_extended (guide);
  if (self->hall == NULL)
    return flags;
  for (guint i = 0; i < 3; i++)
    if (self->hall->lists[i] != NULL)
      {
        if (g_hash_table_contains (self->hall->lists[i], fd_guide_get_id (guide)))
          flags |= 1 << i;
        else
          flags &= ~(1 << i);
      }
  return flags;
}

gboolean
fd_hall_schedule_get_loaded (FdHallSchedule *self)
{
  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FALSE);
  return self->loaded;
}

gboolean
fd_hall_schedule_has_year (FdHallSchedule *self,
                           int             year,
                           gboolean       *provisional)
{
  YearCalendar *y;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FALSE);

  y = g_hash_table_lookup (self->years, GINT_TO_POINTER (year));
  if (provisional != NULL)
    *provisional = y != NULL && y->provisional;
  return y != NULL;
}

FdDayKind
fd_hall_schedule_get_day_kind (FdHallSchedule  *self,
                               int              year,
                               int              month,
                               int              day,
                               const char     **name)
{
  GDate date;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FD_DAY_UNKNOWN);

  if (name != NULL)
    *name = NULL;
  if (!g_date_valid_dmy (day, month, year))
    return FD_DAY_UNKNOWN;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return day_kind (self, &date, name, NULL);
}

GTimeZone *
fd_hall_schedule_get_timezone (void)
{
  static GTimeZone *tz;

  if (g_once_init_enter (&tz))
    {
      GTimeZone *zone = g_time_zone_new_identifier ("Asia/Shanghai");

      if (zone == NULL)
        zone = g_time_zone_new_offset (8 * 3600);
      g_once_init_leave (&tz, zone);
    }
  return tz;
}

gboolean
fd_hall_schedule_query (FdHallSchedule      *self,
                        FdExtendedFlags      extended,
                        GDateTime           *when,
                        FdHallAvailability  *out,
                        GError             **error)
{
  GTimeZone *tz = fd_hall_schedule_get_timezone ();
  g_autoptr(GDateTime) local = NULL;
  GDate date;
  Period periods[3];
  guint n;
  int now;
  int open_end = -1;
  gboolean provisional = FALSE;
  FdDayKind kind;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FALSE);
  g_return_val_if_fail (when != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  local = g_date_time_to_timezone (when, tz);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  now = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

  kind = day_kind (self, &date, NULL, &provisional);
  if (kind == FD_DAY_UNKNOWN)
    {
      out->state = FD_HALL_UNKNOWN_CALENDAR;
      out->next_state = FD_HALL_UNKNOWN_CALENDAR;
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_UNKNOWN_CALENDAR,
                   "unknown calendar: no holiday calendar for %d is loaded", g_date_get_year (&date));
      return FALSE;
    }

  out->state = FD_HALL_CLOSED;
  get_periods (kind, extended, periods, &n);
  for (guint i = 0; i < n; i++)
    if (now >= periods[i].start && now < periods[i].end)
      {
        out->state = periods[i].state;
        open_end = periods[i].end;
        /* contiguous periods extend the open span */
        for (guint j = i + 1; j < n && periods[j].start == open_end; j++)
          open_end = periods[j].end;
        out->until = make_time (tz, &date, open_end);
        break;
      }

  /* The next period starting after now (after the open span when open). */
  {
    int after = open_end >= 0 ? open_end : now;

    for (guint i = 0; i < n; i++)
      if (periods[i].start > after)
        {
          out->next_start = make_time (tz, &date, periods[i].start);
          out->next_state = periods[i].state;
          break;
        }
    for (guint d = 1; out->next_start == NULL && d <= LOOKAHEAD_DAYS; d++)
      {
        FdDayKind k;

        g_date_add_days (&date, 1);
        k = day_kind (self, &date, NULL, &provisional);
        if (k == FD_DAY_UNKNOWN)
          break;
        get_periods (k, extended, periods, &n);
        if (n > 0)
          {
            out->next_start = make_time (tz, &date, periods[0].start);
            out->next_state = periods[0].state;
          }
      }
    if (out->next_start == NULL)
      out->next_state = FD_HALL_UNKNOWN_CALENDAR;
  }
  out->provisional = provisional;
  return TRUE;
}

gboolean
fd_hall_schedule_query_guide (FdHallSchedule      *self,
                              FdGuide             *guide,
                              GDateTime           *when,
                              FdHallAvailability  *out,
                              GError             **error)
{
  g_return_val_if_fail (FD_IS_GUIDE (guide), FALSE);
  return fd_hall_schedule_query (self, fd_hall_schedule_get_extended (self, guide), when, out, error);
}
