/* fd-relay-static.c: static files for the web console
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fd-relay-static.h"

#define MAX_STATIC_FILE (32 * 1024 * 1024)

static const struct {
  const char *ext;
  const char *mime;
} mime_types[] = {
  { ".html", "text/html; charset=utf-8" },
  { ".htm", "text/html; charset=utf-8" },
  { ".css", "text/css; charset=utf-8" },
  { ".js", "text/javascript; charset=utf-8" },
  { ".mjs", "text/javascript; charset=utf-8" },
  { ".json", "application/json" },
  { ".webmanifest", "application/manifest+json" },
  { ".svg", "image/svg+xml" },
  { ".png", "image/png" },
  { ".jpg", "image/jpeg" },
  { ".jpeg", "image/jpeg" },
  { ".gif", "image/gif" },
  { ".webp", "image/webp" },
  { ".ico", "image/vnd.microsoft.icon" },
  { ".woff", "font/woff" },
  { ".woff2", "font/woff2" },
  { ".ttf", "font/ttf" },
  { ".otf", "font/otf" },
  { ".wasm", "application/wasm" },
  { ".txt", "text/plain; charset=utf-8" },
  { ".ogg", "audio/ogg" },
  { ".oga", "audio/ogg" },
  { ".wav", "audio/wav" },
  { ".mp3", "audio/mpeg" },
  { ".webm", "video/webm" },
  { ".mp4", "video/mp4" },
  { ".map", "application/json" },
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

char *
fd_relay_resolve_static (const char *root, const char *path, guint *out_status)
{
  g_autofree char *decoded = NULL;
  g_autofree char *real_root = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *real = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  *out_status = SOUP_STATUS_NOT_FOUND;
  if (root == NULL || path == NULL || path[0] != '/')
    return NULL;
  /* Decoding must not produce a separator, NUL or backslash. */
  decoded = g_uri_unescape_string (path, "/\\");
  if (decoded == NULL)
    {
      *out_status = SOUP_STATUS_BAD_REQUEST;
      return NULL;
    }
  segments = g_strsplit (decoded, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *seg = segments[i];

      if (*seg == '\0' || strcmp (seg, ".") == 0)
        continue;
      if (strcmp (seg, "..") == 0 || seg[0] == '.')
        {
          *out_status = SOUP_STATUS_FORBIDDEN;  /* traversal and hidden files */
          return NULL;
        }
      g_ptr_array_add (parts, (gpointer) seg);
    }
  g_ptr_array_add (parts, NULL);
  real_root = realpath (root, NULL);
  if (real_root == NULL)
    return NULL;
  joined = g_strdup (real_root);
  for (guint i = 0; g_ptr_array_index (parts, i) != NULL; i++)
    {
      char *next = g_build_filename (joined, g_ptr_array_index (parts, i), NULL);

      g_free (joined);
      joined = next;
    }
  if (g_file_test (joined, G_FILE_TEST_IS_DIR))
    {
      char *index = g_build_filename (joined, "index.html", NULL);

      g_free (joined);
      joined = index;
    }
  real = realpath (joined, NULL);
  if (real == NULL || !g_file_test (real, G_FILE_TEST_IS_REGULAR))
    return NULL;
  /* Symbolic links must not lead out of the root. */
  if (!(g_str_has_prefix (real, real_root) && real[strlen (real_root)] == '/'))
    {
      *out_status = SOUP_STATUS_FORBIDDEN;
      return NULL;
    }
  *out_status = SOUP_STATUS_OK;
  return g_steal_pointer (&real);
}

void
fd_relay_serve_static (SoupServerMessage *msg, const char *root, const char *path)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *file = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint status;

  if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      soup_message_headers_replace (headers, "Allow", "GET, HEAD");
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  file = fd_relay_resolve_static (root, path, &status);
  if (file == NULL)
    {
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        status == SOUP_STATUS_FORBIDDEN ? "forbidden\n"
                                        : status == SOUP_STATUS_BAD_REQUEST ? "bad request\n"
                                        : "not found\n", status == SOUP_STATUS_FORBIDDEN ? 10
                                        : status == SOUP_STATUS_BAD_REQUEST ? 12 : 10);
      return;
    }
  mapped = g_mapped_file_new (file, FALSE, NULL);
  if (mapped == NULL || g_mapped_file_get_length (mapped) > MAX_STATIC_FILE)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_replace (headers, "Content-Type", fd_relay_mime_type (file));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (strcmp (method, "GET") == 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  else
    soup_message_headers_set_content_length (headers, g_bytes_get_size (bytes));
}
