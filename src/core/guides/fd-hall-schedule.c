/* fd-hall-schedule.c: hall hours, holidays and make-up working days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fd-hall-schedule.h"
#include "fd-hall-folder.h"
#include "fd-guide-private.h"

#define LOOKAHEAD_DAYS 60

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

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FdHallSchedule, fd_hall_schedule, G_TYPE_OBJECT)

/* One open period of a day, in minutes since midnight. */
typedef struct {
  int         start;
  int         end;
  FdHallState state;
} Period;

static void
day_entry_free (gpointer data)
{
  DayEntry *e = data;

  g_free (e->name);
  g_free (e);
}

static void
year_calendar_free (gpointer data)
{
  YearCalendar *y = data;

  g_hash_table_unref (y->days);
  g_free (y);
}

static gboolean
parse_date (const char *str,
            int         year,
            int        *out_key,
            GDate      *out_date)
{
  unsigned y, m, d;
  char tail;

  if (str == NULL || sscanf (str, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if ((int) y != year || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out_date, d, m, y);
  *out_key = y * 10000 + m * 100 + d;
  return TRUE;
}

static int
date_key (const GDate *date)
{
  return g_date_get_year (date) * 10000 + g_date_get_month (date) * 100 + g_date_get_day (date);
}

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
  e = g_hash_table_lookup (y->days, GINT_TO_POINTER (date_key (date)));
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
  self->years = g_hash_table_new_full (NULL, NULL, NULL, year_calendar_free);
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

static gboolean load_calendar (FdHallSchedule *self, FdXmlNode *root, const char *path, GError **error);

gboolean
fd_hall_schedule_load_file (FdHallSchedule  *self,
                            const char      *path,
                            GError         **error)
{
  g_autoptr(FdXmlNode) root = NULL;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  root = fd_xml_parse_file (path, error);
  return root != NULL && load_calendar (self, root, path, error);
}

gboolean
fd_hall_schedule_load_data (FdHallSchedule  *self,
                            const char      *data,
                            gsize            length,
                            const char      *filename,
                            GError         **error)
{
  g_autoptr(FdXmlNode) root = NULL;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  root = fd_xml_parse (data, length, filename, error);
  return root != NULL && load_calendar (self, root, filename, error);
}

static gboolean
load_calendar (FdHallSchedule  *self,
               FdXmlNode       *root,
               const char      *path,
               GError         **error)
{
  g_autoptr(GHashTable) days = NULL;
  const char *year_attr, *prov_attr;
  guint64 year;
  YearCalendar *y;

  if (!g_str_equal (root->name, "calendar"))
    FD_XML_NODE_FAIL (root, "the root element must be <calendar>, not <%s>", root->name);
  year_attr = fd_xml_node_attr (root, "year");
  if (year_attr == NULL || !g_ascii_string_to_unsigned (year_attr, 10, 2000, 2200, &year, NULL))
    FD_XML_NODE_FAIL (root, "<calendar> needs year=\"YYYY\"");
  prov_attr = fd_xml_node_attr (root, "provisional");
  if (prov_attr != NULL && !g_str_equal (prov_attr, "true") && !g_str_equal (prov_attr, "false"))
    FD_XML_NODE_FAIL (root, "provisional=\"%s\" must be true or false", prov_attr);

  days = g_hash_table_new_full (NULL, NULL, NULL, day_entry_free);
  for (guint i = 0; i < root->children->len; i++)
    {
      FdXmlNode *node = g_ptr_array_index (root->children, i);
      const char *name = fd_xml_node_attr (node, "name");
      GDate from, to;
      int from_key, to_key;

      if (g_str_equal (node->name, "holiday"))
        {
          const char *date = fd_xml_node_attr (node, "date");
          const char *f = date != NULL ? date : fd_xml_node_attr (node, "from");
          const char *t = date != NULL ? date : fd_xml_node_attr (node, "to");

          if (!parse_date (f, year, &from_key, &from) || !parse_date (t, year, &to_key, &to))
            FD_XML_NODE_FAIL (node, "<holiday> needs from= and to= (or date=) as YYYY-MM-DD in %u", (guint) year);
          if (g_date_compare (&from, &to) > 0)
            FD_XML_NODE_FAIL (node, "<holiday> from=\"%s\" is after to=\"%s\"", f, t);
          while (g_date_compare (&from, &to) <= 0)
            {
              DayEntry *e = g_new0 (DayEntry, 1);
              int key = date_key (&from);

              if (g_hash_table_contains (days, GINT_TO_POINTER (key)))
                {
                  day_entry_free (e);
                  FD_XML_NODE_FAIL (node, "%d is listed twice", key);
                }
              e->kind = FD_DAY_HOLIDAY;
              e->name = g_strdup (name);
              g_hash_table_insert (days, GINT_TO_POINTER (key), e);
              g_date_add_days (&from, 1);
            }
        }
      else if (g_str_equal (node->name, "workday"))
        {
          DayEntry *e;

          if (!parse_date (fd_xml_node_attr (node, "date"), year, &from_key, &from))
            FD_XML_NODE_FAIL (node, "<workday> needs date=\"YYYY-MM-DD\" in %u", (guint) year);
          if (g_hash_table_contains (days, GINT_TO_POINTER (from_key)))
            FD_XML_NODE_FAIL (node, "%d is listed twice", from_key);
          e = g_new0 (DayEntry, 1);
          e->kind = FD_DAY_MAKEUP_WORKDAY;
          e->name = g_strdup (name);
          g_hash_table_insert (days, GINT_TO_POINTER (from_key), e);
        }
      else
        FD_XML_NODE_FAIL (node, "unknown element <%s> in <calendar> (holiday, workday)", node->name);
    }

  y = g_new0 (YearCalendar, 1);
  y->year = year;
  y->provisional = g_strcmp0 (prov_attr, "true") == 0;
  y->days = g_steal_pointer (&days);
  g_hash_table_replace (self->years, GINT_TO_POINTER ((int) year), y);
  return TRUE;
}

gboolean
fd_hall_schedule_load_dir (FdHallSchedule  *self,
                           const char      *dir,
                           GError         **error)
{
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND,
                   "%s: no calendar directory: %s", dir, local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".xml") && name[0] != '.')
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  for (guint i = 0; i < names->len; i++)
    if (!fd_hall_schedule_load_file (self, g_ptr_array_index (names, i), error))
      return FALSE;
  return TRUE;
}

static void
load_dir_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(FdHallSchedule) loaded = fd_hall_schedule_new ();
  GError *error = NULL;

  char **dirs = task_data;

  /* into a private schedule: the shared one changes only on its own
   * thread. dirs[0]: the shipped calendars; then the hall folders. */
  if (!fd_hall_schedule_load_dir (loaded, dirs[0], &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 1; dirs[i] != NULL; i++)
    if (!fd_hall_folder_load (loaded, dirs[i], &error) && error != NULL)
      {
        g_task_return_error (task, error);
        return;
      }
  g_task_return_pointer (task, g_steal_pointer (&loaded), g_object_unref);
}

void
fd_hall_schedule_load_dir_async (FdHallSchedule      *self,
                                 const char          *dir,
                                 const char * const  *hall_dirs,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_HALL_SCHEDULE (self));
  g_return_if_fail (dir != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_hall_schedule_load_dir_async);
  {
    GStrvBuilder *builder = g_strv_builder_new ();

    g_strv_builder_add (builder, dir);
    if (hall_dirs != NULL)
      g_strv_builder_addv (builder, (const char **) hall_dirs);
    g_task_set_task_data (task, g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
    g_strv_builder_unref (builder);
  }
  g_task_run_in_thread (task, load_dir_thread);
}

gboolean
fd_hall_schedule_load_dir_finish (FdHallSchedule  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_autoptr(FdHallSchedule) loaded = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  loaded = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (loaded != NULL)
    {
      g_hash_table_iter_init (&iter, loaded->years);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_replace (self->years, key, value);
        }
      if (loaded->hall != NULL)
        _fd_hall_schedule_set_hall (self, g_steal_pointer (&loaded->hall));
    }
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
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
                                   const char     *window)
{
  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), NULL);
  if (self->hall == NULL || window == NULL)
    return NULL;
  return g_hash_table_lookup (self->hall->window_floor, window);
}

const char * const *
fd_hall_schedule_get_phones (FdHallSchedule *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (self), none);
  if (self->hall == NULL || self->hall->phones->len == 0)
    return none;
  return (const char * const *) self->hall->phones->pdata;
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
