/* fd-relay-static.c: the web console, served from the GResource compiled into the relay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The console's files (data/web, listed in fd-relay-console.gresource.xml) live inside the
 * executable. A request path is looked up, as it is, in that one resource: no folder is read, so
 * there is nothing outside the console to reach. Anything that is not one of its files is 404.
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>

#include "fd-relay-console-resources.h"
#include "fd-relay-static.h"

#define CONSOLE_PREFIX "/cn/frontdesk/Relay/console"
/* Longer request paths are not console files; bounds the lookup key. */
#define MAX_CONSOLE_PATH 128

static const struct {
  const char *ext;
  const char *mime;
} mime_types[] = {
  { ".html", "text/html; charset=utf-8" },
  { ".css", "text/css; charset=utf-8" },
  { ".js", "text/javascript; charset=utf-8" },
  { ".json", "application/json" },
};

const char *
fd_relay_mime_type (const char *filename)
{
  const char *dot = strrchr (filename, '.');

  if (dot != NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (mime_types); i++)
        {
          if (g_ascii_strcasecmp (dot, mime_types[i].ext) == 0)
            return mime_types[i].mime;
        }
    }
  return "application/octet-stream";
}

/* Console file names are plain: letters, digits, '-', '_', '.', and '/' between names. A path
 * with anything else (percent escapes, backslashes, empty or dot segments) names no file of the
 * resource; refusing it before the lookup keeps GResource's own path handling out of the
 * question. */
static gboolean
plain_path (const char *path)
{
  gboolean segment_start = TRUE;

  for (const char *p = path + 1; *p != '\0'; p++)
    {
      if (*p == '/')
        {
          if (segment_start)
            return FALSE;
          segment_start = TRUE;
          continue;
        }
      if (segment_start && *p == '.')
        return FALSE;
      segment_start = FALSE;
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        return FALSE;
    }
  return !segment_start || path[1] == '\0';
}

GBytes *
fd_relay_console_lookup (const char  *path,
                         const char **out_mime)
{
  g_autofree char *key = NULL;
  const char *name;

  *out_mime = NULL;
  if (path == NULL || path[0] != '/' || strlen (path) > MAX_CONSOLE_PATH || !plain_path (path))
    return NULL;
  name = strcmp (path, "/") == 0 ? "/index.html" : path;
  key = g_strconcat (CONSOLE_PREFIX, name, NULL);
  /* Only the console's own resource: never another one registered in the process. */
  {
    GBytes *bytes = g_resource_lookup_data (_fd_relay_console_get_resource (), key,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

    if (bytes != NULL)
      *out_mime = fd_relay_mime_type (name);
    return bytes;
  }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char **
fd_relay_console_files (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GQueue) folders = g_queue_new ();

  g_queue_push_tail (folders, g_strdup ("/"));
  while (!g_queue_is_empty (folders))
    {
      g_autofree char *folder = g_queue_pop_head (folders);
      g_autofree char *key = g_strconcat (CONSOLE_PREFIX, folder, NULL);
      g_auto(GStrv) children = g_resource_enumerate_children (_fd_relay_console_get_resource (),
                                                              key, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                              NULL);

      for (guint i = 0; children != NULL && children[i] != NULL; i++)
        {
          char *child = g_strconcat (folder, children[i], NULL);

          if (g_str_has_suffix (child, "/"))
            g_queue_push_tail (folders, child);
          else
            g_ptr_array_add (files, child);
        }
    }
  g_ptr_array_sort (files, compare_paths);
  g_ptr_array_add (files, NULL);
  return (char **) g_ptr_array_steal (files, NULL);
}

void
fd_relay_serve_console (SoupServerMessage *msg,
                        const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) bytes = NULL;
  const char *mime;

  if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      soup_message_headers_replace (headers, "Allow", "GET, HEAD");
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  bytes = fd_relay_console_lookup (path, &mime);
  if (bytes == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "not found\n", 10);
      return;
    }
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_replace (headers, "Content-Type", mime);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (strcmp (method, "GET") == 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  else
    soup_message_headers_set_content_length (headers, g_bytes_get_size (bytes));
}
