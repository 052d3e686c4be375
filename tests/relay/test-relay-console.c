/* test-relay-console.c: frontdesk-relay serves the web console from its own GResource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside a private network namespace (netns-run.sh, as root). The test first reads the
 * console's sources, then hides data/web under an empty tmpfs in a private mount namespace and
 * starts the relay from an empty working folder: every console file must still come back byte
 * for byte with its Content-Type and the security headers, and every other path is 404.
 * Requests are written by hand on a socket, so paths reach the relay exactly as given (an HTTP
 * client library would remove dot segments first; libsoup's server does it too, so "/.." is
 * "/", the console itself).
 */
#include "config.h"

#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fd-relay-static.h"
#include "relay-harness.h"

#define MAX_RESPONSE (1024 * 1024)

typedef struct {
  guint status;
  char *head;  /* status line and headers, lower-cased */
  GBytes *body;
} Response;

static void
response_clear (Response *r)
{
  g_free (r->head);
  g_clear_pointer (&r->body, g_bytes_unref);
}

/* One request, "Connection: close", read to the end (bounded). */
static void
raw_request (guint       port,
             const char *method,
             const char *path,
             Response   *out)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autofree char *request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Connection: close\r\n\r\n", method, path, port);
  guint8 buf[8192];
  const guint8 *end;

  g_socket_client_set_timeout (client, 10);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            request, strlen (request), NULL, NULL, &error));
  g_assert_no_error (error);
  for (;;)
    {
      gssize n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)), buf,
                                      sizeof buf, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      g_byte_array_append (all, buf, n);
      g_assert_cmpuint (all->len, <, MAX_RESPONSE);
    }
  end = memmem (all->data, all->len, "\r\n\r\n", 4);
  g_assert_nonnull (end);
  out->head = g_ascii_strdown ((const char *) all->data, end - all->data);
  out->body = g_bytes_new (end + 4, all->len - (end + 4 - all->data));
  g_assert_true (g_str_has_prefix (out->head, "http/1.1 "));
  out->status = (guint) g_ascii_strtoull (out->head + 9, NULL, 10);
}

static gboolean
has_header (const Response *r,
            const char     *line)
{
  g_autofree char *needle = g_strconcat ("\r\n", line, "\r\n", NULL);
  g_autofree char *head = g_strconcat (r->head, "\r\n", NULL);

  return strstr (head, needle) != NULL;
}

/* Makes data/web an empty folder for this process and its children (the relay). */
static void
hide_web_sources (const char *web)
{
  g_autofree char *index = g_build_filename (web, "index.html", NULL);

  g_assert_cmpint (unshare (CLONE_NEWNS), ==, 0);
  g_assert_cmpint (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), ==, 0);
  g_assert_cmpint (mount ("tmpfs", web, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700"),
                   ==, 0);
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
}

static void
test_console_from_resource (void)
{
  RelayFixture fx;
  g_auto(GStrv) files = fd_relay_console_files ();
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_bytes_unref);
  g_autofree char *web = g_build_filename (g_getenv ("FD_SOURCE_ROOT"), "data", "web", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("fd-relay-cwd-XXXXXX", &error);
  static const char * const missing[] = {
    "/../relay.conf", "/%2e%2e/relay.conf", "/..%2frelay.conf", "/%2E%2E%2Fetc%2Fpasswd",
    "/i18n/../../relay.conf", "/i18n/..%2f..%2fcalls.sqlite", "/.hidden", "/.git/config",
    "/missing.html", "/i18n/", "/i18n", "/index.html/", "//index.html",
    "/fd-relay-console.gresource.xml", "/meson.build", "/etc/passwd", "/calls.sqlite",
    "/relay.conf", "/cn/frontdesk/Relay/console/index.html", "/%00", "/a%5c..%5crelay.conf",
  };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, 8);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (web, files[i] + 1, NULL);
      char *contents;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_hash_table_insert (sources, files[i], g_bytes_new_take (contents, length));
    }
  hide_web_sources (web);
  g_assert_cmpint (g_chdir (empty), ==, 0);

  relay_fixture_init (&fx);
  relay_start (&fx);
  for (guint i = 0; files[i] != NULL; i++)
    {
      Response r = { 0 };
      g_autofree char *ctype = g_strdup_printf ("content-type: %s",
                                                fd_relay_mime_type (files[i]));

      raw_request (fx.port, "GET", files[i], &r);
      g_test_message ("GET %s → %u", files[i], r.status);
      g_assert_cmpuint (r.status, ==, 200);
      g_assert_true (g_bytes_equal (r.body, g_hash_table_lookup (sources, files[i])));
      g_assert_true (has_header (&r, ctype));
      g_assert_true (has_header (&r, "x-content-type-options: nosniff"));
      g_assert_true (has_header (&r, "x-frame-options: deny"));
      g_assert_nonnull (strstr (r.head, "\r\ncontent-security-policy: default-src 'none'; "
                                "script-src 'self';"));
      response_clear (&r);
    }
  {
    Response r = { 0 };

    raw_request (fx.port, "GET", "/", &r);
    g_assert_cmpuint (r.status, ==, 200);
    g_assert_true (g_bytes_equal (r.body, g_hash_table_lookup (sources, "/index.html")));
    g_assert_true (has_header (&r, "content-type: text/html; charset=utf-8"));
    response_clear (&r);
    raw_request (fx.port, "HEAD", "/console.js", &r);
    g_assert_cmpuint (r.status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (r.body), ==, 0);
    response_clear (&r);
    raw_request (fx.port, "POST", "/index.html", &r);
    g_assert_cmpuint (r.status, ==, 405);
    response_clear (&r);
  }
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      Response r = { 0 };
      g_autofree char *lower = g_ascii_strdown (missing[i], -1);

      raw_request (fx.port, "GET", missing[i], &r);
      g_test_message ("GET %s → %u", missing[i], r.status);
      /* libsoup's server itself answers 400 to some paths with encoded separators before any
       * handler runs; everything else reaches the console lookup and is 404. */
      if (strstr (lower, "%2f") != NULL || strstr (lower, "%5c") != NULL
          || strstr (lower, "%00") != NULL)
        g_assert_true (r.status == 400 || r.status == 404);
      else
        g_assert_cmpuint (r.status, ==, 404);
      g_assert_cmpuint (g_bytes_get_size (r.body), <, 64);
      if (r.status == 404)
        g_assert_true (has_header (&r, "x-content-type-options: nosniff"));
      response_clear (&r);
    }
  relay_fixture_clear (&fx);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_rmdir (empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/relay/console/from-resource", test_console_from_resource);
  return g_test_run ();
}
