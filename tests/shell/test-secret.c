/* test-secret.c: secrets in the keyring or in an owner-only file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run twice by meson: once with no session bus at all (the kiosk case: the
 * file), once inside dbus-run-session with gnome-keyring-daemon unlocked
 * (FD_TEST_KEYRING=1: the keyring, and nothing written to the file).
 */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "fd-secret.h"

typedef struct {
  char *config_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->config_dir = g_dir_make_tmp ("fd-secret-XXXXXX", NULL);
  g_assert_nonnull (fixture->config_dir);
  /* g_get_user_config_dir() is cached: tests point it here once (main). */
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = fd_secret_dup_file_path ();

  g_unlink (path);
  g_free (fixture->config_dir);
}

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} Waiter;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static GAsyncResult *
wait_result (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  g_main_loop_unref (waiter->loop);
  return waiter->result;
}

static void
store (FdSecretKind     kind,
       const char      *account,
       const char      *secret,
       FdSecretBackend *out_backend)
{
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fd_secret_store_async (kind, account, secret, NULL, on_done, &waiter);
  result = wait_result (&waiter);
  g_assert_true (fd_secret_store_finish (result, out_backend, &error));
  g_assert_no_error (error);
}

static char *
lookup (FdSecretKind     kind,
        const char      *account,
        FdSecretBackend *out_backend)
{
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  fd_secret_lookup_async (kind, account, NULL, on_done, &waiter);
  result = wait_result (&waiter);
  value = fd_secret_lookup_finish (result, out_backend, &error);
  g_assert_no_error (error);
  return value;
}

static gboolean
want_keyring (void)
{
  return g_strcmp0 (g_getenv ("FD_TEST_KEYRING"), "1") == 0;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  FdSecretBackend expected = want_keyring () ? FD_SECRET_BACKEND_KEYRING : FD_SECRET_BACKEND_FILE;
  FdSecretBackend backend;
  g_autofree char *path = fd_secret_dup_file_path ();
  g_autofree char *none = NULL;
  g_autofree char *token = NULL;
  g_autofree char *password = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *removed = NULL;
  const char *address = "postgresql://cases@db.hall.example/cases?sslmode=verify-full";

  none = lookup (FD_SECRET_RELAY_TOKEN, NULL, &backend);
  g_assert_null (none);
  g_assert_cmpint (backend, ==, expected);

  store (FD_SECRET_RELAY_TOKEN, NULL, "desk-7-token ✓", &backend);
  g_assert_cmpint (backend, ==, expected);
  store (FD_SECRET_DATABASE_PASSWORD, address, "p@ss:word/=[x]", &backend);

  token = lookup (FD_SECRET_RELAY_TOKEN, NULL, &backend);
  g_assert_cmpstr (token, ==, "desk-7-token ✓");
  password = lookup (FD_SECRET_DATABASE_PASSWORD, address, &backend);
  g_assert_cmpstr (password, ==, "p@ss:word/=[x]");

  store (FD_SECRET_RELAY_TOKEN, NULL, "desk-7-rotated", &backend);
  replaced = lookup (FD_SECRET_RELAY_TOKEN, NULL, &backend);
  g_assert_cmpstr (replaced, ==, "desk-7-rotated");

  store (FD_SECRET_RELAY_TOKEN, NULL, "", &backend);
  removed = lookup (FD_SECRET_RELAY_TOKEN, NULL, &backend);
  g_assert_null (removed);

  if (want_keyring ())
    {
      /* With a keyring, nothing is written in the clear. */
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  else
    {
      g_autofree char *contents = NULL;
      g_autofree char *dir = g_path_get_dirname (path);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpint (g_stat (dir, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 077, ==, 0);
      /* The account (a database address) is not written in the file either. */
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_null (strstr (contents, "db.hall.example"));
    }
}

static void
test_unsafe_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = fd_secret_dup_file_path ();
  g_autoptr(GError) error = NULL;
  FdSecretBackend backend;
  char *value;

  store (FD_SECRET_RELAY_TOKEN, NULL, "secret", &backend);
  /* Others could read it: refused, as ssh refuses such a key. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  value = fd_secret_lookup_sync (FD_SECRET_RELAY_TOKEN, NULL, NULL, &error);
  g_assert_null (value);
  g_assert_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_INSECURE_FILE);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

static void
test_read_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fd-secret-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "token", NULL);
  g_autofree char *big = g_strnfill (70 * 1024, 'x');
  g_autoptr(GError) error = NULL;
  char *value;

  g_assert_true (g_file_set_contents_full (path, "abc-123\nsecond line\n", -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  value = fd_secret_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "abc-123");
  g_free (value);

  g_assert_true (g_file_set_contents_full (path, "abc-123\n", -1, G_FILE_SET_CONTENTS_CONSISTENT, 0640, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_null (fd_secret_read_file (path, &error));
  g_assert_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_INSECURE_FILE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents_full (path, "\n", -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_null (fd_secret_read_file (path, &error));
  g_assert_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents_full (path, big, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  g_assert_null (fd_secret_read_file (path, &error));
  g_assert_error (error, FD_SECRET_ERROR, FD_SECRET_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (fd_secret_read_file (dir, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The file named by the environment wins over the plain variable. */
  g_assert_true (g_file_set_contents_full (path, "from-file\n", -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  g_setenv ("FD_TEST_TOKEN", "from-env", TRUE);
  g_setenv ("FD_TEST_TOKEN_FILE", path, TRUE);
  value = fd_secret_from_environment ("FD_TEST_TOKEN", "FD_TEST_TOKEN_FILE", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "from-file");
  g_free (value);
  g_unsetenv ("FD_TEST_TOKEN_FILE");
  value = fd_secret_from_environment ("FD_TEST_TOKEN", "FD_TEST_TOKEN_FILE", &error);
  g_assert_cmpstr (value, ==, "from-env");
  g_free (value);
  g_unsetenv ("FD_TEST_TOKEN");
  g_assert_null (fd_secret_from_environment ("FD_TEST_TOKEN", "FD_TEST_TOKEN_FILE", &error));
  g_assert_no_error (error);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_uri_password (void)
{
  static const struct {
    const char *uri;
    const char *address;
    const char *password;
  } cases[] = {
    { "postgresql://cases:s3cret@db.local:5433/cases?sslmode=require",
      "postgresql://cases@db.local:5433/cases?sslmode=require", "s3cret" },
    { "postgres://u:p%40ss%3Aw%2Frd@10.0.0.5/log", "postgres://u@10.0.0.5/log", "p@ss:w/rd" },
    { "postgresql://:only@host/db", "postgresql://@host/db", "only" },
  };
  static const char *without[] = {
    "postgresql://cases@db.local/cases", "/var/lib/frontdesk/cases.sqlite3", "", "host=db password=x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *address = NULL;
      g_autofree char *password = NULL;
      g_autofree char *back = NULL;
      g_autofree char *again = NULL;
      g_autofree char *password_again = NULL;

      g_assert_true (fd_secret_split_uri_password (cases[i].uri, &address, &password));
      g_assert_cmpstr (address, ==, cases[i].address);
      g_assert_cmpstr (password, ==, cases[i].password);
      back = fd_secret_uri_with_password (address, password);
      g_assert_true (fd_secret_split_uri_password (back, &again, &password_again));
      g_assert_cmpstr (again, ==, cases[i].address);
      g_assert_cmpstr (password_again, ==, cases[i].password);
    }
  for (guint i = 0; i < G_N_ELEMENTS (without); i++)
    {
      g_autofree char *address = NULL;
      g_autofree char *password = NULL;
      g_autofree char *same = fd_secret_uri_with_password (without[i], NULL);

      g_assert_false (fd_secret_split_uri_password (without[i], &address, &password));
      g_assert_null (address);
      g_assert_cmpstr (same, ==, without[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("fd-secret-home-XXXXXX", NULL);

  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  if (!want_keyring ())
    /* No session bus at all: the way a kiosk or a server starts the app. */
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/fd-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/secret/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  if (!want_keyring ())
    {
      /* The keyring run checks the keyring only; these need no bus. */
      g_test_add ("/secret/unsafe-file", Fixture, NULL, fixture_set_up, test_unsafe_file, fixture_tear_down);
      g_test_add_func ("/secret/read-file", test_read_file);
      g_test_add_func ("/secret/uri-password", test_uri_password);
    }

  return g_test_run ();
}
