/* fd-hall-folder.c: reading and checking a hall's own data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * hall.xml:
 *   <hall name="通州区政务服务中心">
 *     <phone label="咨询" label-en="Enquiries" label-ru="Справки">010-12345678</phone>
 *     <floor name="一层" name-en="Floor 1" name-ru="1-й этаж">
 *       <window id="A01"/> ...
 *     </floor>
 *   </hall>
 * lists/{morning,evening,saturday}.txt: guide ids, one a line, # comments.
 * calendar/<year>.xml: as data/guides/calendar. Files are bounded like
 * guide files (fd-guide-private.h); a list has at most 5,000 lines.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fd-guide-private.h"
#include "fd-hall-folder.h"

#define MAX_LIST_LINES 5000

static const char * const list_names[3] = { "morning.txt", "evening.txt", "saturday.txt" };

static void
hall_text_clear (FdHallText *text)
{
  for (guint l = 0; l < FD_N_LANGS; l++)
    g_clear_pointer (&text->text[l], g_free);
}

static void
hall_phone_free (gpointer data)
{
  FdHallPhone *phone = data;

  hall_text_clear (&phone->label);
  g_free (phone->number);
  g_free (phone);
}

static void
hall_floor_free (gpointer data)
{
  hall_text_clear (data);
  g_free (data);
}

FdHallInfo *
_fd_hall_info_new (const char *dir)
{
  FdHallInfo *info = g_new0 (FdHallInfo, 1);

  info->dir = g_strdup (dir);
  info->phones = g_ptr_array_new_with_free_func (hall_phone_free);
  info->floors = g_ptr_array_new_with_free_func (hall_floor_free);
  info->window_floor = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return info;
}

void
fd_hall_info_free (FdHallInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->dir);
  g_free (info->name);
  g_ptr_array_unref (info->phones);
  g_hash_table_unref (info->window_floor);
  g_ptr_array_unref (info->floors);
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&info->lists[i], g_hash_table_unref);
  g_free (info);
}

const char *
_fd_hall_text_get (const FdHallText *text,
                   FdLang            lang)
{
  return text->text[lang] != NULL ? text->text[lang] : text->text[FD_LANG_ZH_CN];
}

/* Reads attribute @attr of @node and its translations @attr-en, @attr-ru
 * into @text. A translation without the Chinese text is an error. */
static gboolean
read_hall_text (const char  *path,
                FdXmlNode   *node,
                const char  *attr,
                FdHallText  *text,
                GError     **error)
{
  for (guint l = 0; l < FD_N_LANGS; l++)
    {
      g_autofree char *name = l == FD_LANG_ZH_CN ? g_strdup (attr)
                                                 : g_strdup_printf ("%s-%s", attr, fd_lang_to_code ((FdLang) l));
      const char *value = fd_xml_node_attr (node, name);

      if (value == NULL)
        continue;
      if (*value == '\0' || g_utf8_strlen (value, -1) > 64)
        FD_XML_NODE_FAIL (node, "%s= must be 1 to 64 characters", name);
      if (l != FD_LANG_ZH_CN && text->text[FD_LANG_ZH_CN] == NULL)
        FD_XML_NODE_FAIL (node, "%s= needs %s= (the Chinese text) too", name, attr);
      text->text[l] = g_strdup (value);
    }
  return TRUE;
}

char **
fd_hall_folder_dirs (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char * const *system = g_get_system_config_dirs ();
  char **dirs;

  for (guint i = 0; system[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system[i], "frontdesk", "hall", NULL);
      g_strv_builder_add (builder, dir);
    }
  g_strv_builder_add (builder, "/etc/frontdesk/hall");
  {
    g_autofree char *user = g_build_filename (g_get_user_config_dir (), "frontdesk", "hall", NULL);
    g_strv_builder_add (builder, user);
  }
  dirs = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return dirs;
}

static gboolean
read_hall_xml (FdHallInfo  *info,
               const char  *path,
               GError     **error)
{
  g_autoptr(FdXmlNode) root = fd_xml_parse_file (path, error);

  if (root == NULL)
    return FALSE;
  if (!g_str_equal (root->name, "hall"))
    FD_XML_NODE_FAIL (root, "the root element must be <hall>, not <%s>", root->name);
  info->name = g_strdup (fd_xml_node_attr (root, "name"));
  for (guint i = 0; i < root->children->len; i++)
    {
      FdXmlNode *node = g_ptr_array_index (root->children, i);

      if (g_str_equal (node->name, "phone"))
        {
          g_autofree char *number = fd_xml_node_text (node);
          FdHallPhone *phone;

          if (*number == '\0')
            FD_XML_NODE_FAIL (node, "<phone> is empty");
          if (strlen (number) > 32)
            FD_XML_NODE_FAIL (node, "<phone> is longer than 32 characters");
          for (const char *p = number; *p != '\0'; p++)
            if (!g_ascii_isdigit (*p) && *p != '-' && *p != ' ' && *p != '+')
              FD_XML_NODE_FAIL (node, "<phone> \"%s\" must be digits, spaces, + and -", number);
          phone = g_new0 (FdHallPhone, 1);
          phone->number = g_steal_pointer (&number);
          g_ptr_array_add (info->phones, phone);
          if (!read_hall_text (path, node, "label", &phone->label, error))
            return FALSE;
        }
      else if (g_str_equal (node->name, "floor"))
        {
          FdHallText *floor = g_new0 (FdHallText, 1);

          g_ptr_array_add (info->floors, floor);
          if (!read_hall_text (path, node, "name", floor, error))
            return FALSE;
          if (floor->text[FD_LANG_ZH_CN] == NULL)
            FD_XML_NODE_FAIL (node, "<floor> needs name=");
          for (guint w = 0; w < node->children->len; w++)
            {
              FdXmlNode *window = g_ptr_array_index (node->children, w);
              const char *id = fd_xml_node_attr (window, "id");

              if (!g_str_equal (window->name, "window"))
                FD_XML_NODE_FAIL (window, "unknown element <%s> in <floor> (window)", window->name);
              if (id == NULL || *id == '\0' || strlen (id) > 16 || strchr (id, ' ') != NULL)
                FD_XML_NODE_FAIL (window, "<window> needs id= (a window number such as A01)");
              if (g_hash_table_contains (info->window_floor, id))
                FD_XML_NODE_FAIL (window, "window \"%s\" is listed twice", id);
              g_hash_table_insert (info->window_floor, g_strdup (id), floor);
            }
        }
      else
        FD_XML_NODE_FAIL (node, "unknown element <%s> in <hall> (phone, floor)", node->name);
    }
  return TRUE;
}

/* A list of guide ids; *@ids is NULL when the file does not exist. */
static gboolean
read_list (const char  *path,
           GHashTable **ids,
           GError     **error)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  *ids = NULL;
  if (g_stat (path, &st) != 0)
    return TRUE;
  if (st.st_size > FD_GUIDE_MAX_FILE_SIZE)
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                   "%s:1:1: the file is larger than %u bytes", path, FD_GUIDE_MAX_FILE_SIZE);
      return FALSE;
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND, "%s:0:0: %s", path, local_error->message);
      return FALSE;
    }
  lines = g_strsplit (data, "\n", MAX_LIST_LINES + 1);
  *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      char *id = g_strstrip (lines[l]);

      if (l >= MAX_LIST_LINES)
        {
          g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                       "%s:%u:1: more than %u lines", path, l + 1, MAX_LIST_LINES);
          g_clear_pointer (ids, g_hash_table_unref);
          return FALSE;
        }
      if (*id == '\0' || *id == '#')
        continue;
      if (!fd_guide_id_is_valid (id))
        {
          g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                       "%s:%u:1: \"%s\" is not a guide id ([a-z0-9-]+)", path, l + 1, id);
          g_clear_pointer (ids, g_hash_table_unref);
          return FALSE;
        }
      g_hash_table_add (*ids, g_strdup (id));
    }
  return TRUE;
}

static FdHallInfo *
read_folder (const char  *dir,
             GError     **error)
{
  g_autoptr(FdHallInfo) info = _fd_hall_info_new (dir);
  g_autofree char *hall = g_build_filename (dir, "hall.xml", NULL);

  if (!read_hall_xml (info, hall, error))
    return NULL;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *list = g_build_filename (dir, "lists", list_names[i], NULL);

      if (!read_list (list, &info->lists[i], error))
        return NULL;
    }
  return g_steal_pointer (&info);
}

gboolean
fd_hall_folder_load (FdHallSchedule  *schedule,
                     const char      *dir,
                     GError         **error)
{
  g_autofree char *hall = NULL;
  g_autofree char *calendar = NULL;
  FdHallInfo *info;

  g_return_val_if_fail (FD_IS_HALL_SCHEDULE (schedule), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  hall = g_build_filename (dir, "hall.xml", NULL);
  if (!g_file_test (hall, G_FILE_TEST_EXISTS))
    return FALSE;
  if ((info = read_folder (dir, error)) == NULL)
    return FALSE;
  calendar = g_build_filename (dir, "calendar", NULL);
  if (g_file_test (calendar, G_FILE_TEST_IS_DIR) && !fd_hall_schedule_load_dir (schedule, calendar, error))
    {
      fd_hall_info_free (info);
      return FALSE;
    }
  _fd_hall_schedule_set_hall (schedule, info);
  return TRUE;
}

static void
add_message (GPtrArray *messages,
             GError    *error)
{
  /* "FILE:L:C: msg" → "FILE:L:C: error: msg" */
  const char *msg = error->message;
  const char *colon = strstr (msg, ": ");

  if (messages == NULL)
    return;
  if (colon != NULL)
    g_ptr_array_add (messages, g_strdup_printf ("%.*s: error: %s", (int) (colon - msg), msg, colon + 2));
  else
    g_ptr_array_add (messages, g_strdup_printf ("error: %s", msg));
}

gboolean
fd_hall_folder_check (const char *path,
                      GPtrArray  *messages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(FdHallSchedule) schedule = fd_hall_schedule_new ();
      g_autofree char *hall = g_build_filename (path, "hall.xml", NULL);

      if (!g_file_test (hall, G_FILE_TEST_EXISTS))
        {
          g_set_error (&error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND, "%s:0:0: no hall.xml in the folder", hall);
          add_message (messages, error);
          return FALSE;
        }
      if (!fd_hall_folder_load (schedule, path, &error))
        {
          add_message (messages, error);
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (base, "hall.xml"))
    {
      g_autoptr(FdHallInfo) info = _fd_hall_info_new (NULL);

      if (!read_hall_xml (info, path, &error))
        {
          add_message (messages, error);
          return FALSE;
        }
      return TRUE;
    }
  {
    g_autoptr(GHashTable) ids = NULL;

    if (!read_list (path, &ids, &error))
      {
        add_message (messages, error);
        return FALSE;
      }
    if (ids == NULL)
      {
        if (messages != NULL)
          g_ptr_array_add (messages, g_strdup_printf ("%s:0:0: error: no such file", path));
        return FALSE;
      }
    return TRUE;
  }
}
