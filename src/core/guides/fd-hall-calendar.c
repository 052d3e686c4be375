/* fd-hall-calendar.c: reading the hall calendar (holidays and make-up
 * working days by year) into an FdHallSchedule, from files or a folder
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

void
_fd_hall_day_entry_free (gpointer data)
{
  DayEntry *e = data;

  g_free (e->name);
  g_free (e);
}

void
_fd_hall_year_calendar_free (gpointer data)
{
  YearCalendar *y = data;

  g_hash_table_unref (y->days);
  g_free (y);
}

gboolean
_fd_hall_parse_date (const char *str,
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

int
_fd_hall_date_key (const GDate *date)
{
  return g_date_get_year (date) * 10000 + g_date_get_month (date) * 100 + g_date_get_day (date);
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

  days = g_hash_table_new_full (NULL, NULL, NULL, _fd_hall_day_entry_free);
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

          if (!_fd_hall_parse_date (f, year, &from_key, &from) || !_fd_hall_parse_date (t, year, &to_key, &to))
            FD_XML_NODE_FAIL (node, "<holiday> needs from= and to= (or date=) as YYYY-MM-DD in %u", (guint) year);
          if (g_date_compare (&from, &to) > 0)
            FD_XML_NODE_FAIL (node, "<holiday> from=\"%s\" is after to=\"%s\"", f, t);
          while (g_date_compare (&from, &to) <= 0)
            {
              DayEntry *e = g_new0 (DayEntry, 1);
              int key = _fd_hall_date_key (&from);

              if (g_hash_table_contains (days, GINT_TO_POINTER (key)))
                {
                  _fd_hall_day_entry_free (e);
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

          if (!_fd_hall_parse_date (fd_xml_node_attr (node, "date"), year, &from_key, &from))
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
      _fd_hall_schedule_notify_loaded (self);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
