/* test-case-crash.c: SIGKILL a writer 100 times; every acknowledged case survives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer child reports each case id through a pipe after the store
 * acknowledged it (transaction committed). The parent kills it with SIGKILL
 * after a random delay, then opens the database: every reported case must be
 * there (closed ones closed) and PRAGMA integrity_check must say ok.
 * The seed is printed; set FD_CRASH_SEED to repeat a run.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fd-case-store-test.h"
#include "fd-test-util.h"

#define N_KILLS 100
#define MAX_SECONDS 300

static gboolean
collect_id (const char * const *cells, guint n_cells, gpointer user_data)
{
  GHashTable *stored = user_data;
  g_hash_table_insert (stored, GINT_TO_POINTER (g_ascii_strtoll (cells[0], NULL, 10)),
                       GINT_TO_POINTER (cells[1] != NULL ? 2 : 1));
  return TRUE;
}

static void
test_crash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-cases-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *writer = g_build_filename (g_getenv ("FD_BUILD_ROOT") ? g_getenv ("FD_BUILD_ROOT") : ".",
                                              "tests", "cases", "fd-case-crash-writer", NULL);
  const char *seed_env = g_getenv ("FD_CRASH_SEED");
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10)
                          : (guint32) (g_get_real_time () & 0xffffffff);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) acked = g_hash_table_new (NULL, NULL);   /* id -> 1 open / 2 closed */
  gint64 deadline = g_get_monotonic_time () + MAX_SECONDS * G_USEC_PER_SEC;
  guint kills = 0;

  g_test_message ("crash test seed %u (FD_CRASH_SEED=%u to repeat), database %s", seed, seed, path);
  g_assert_true (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE));

  while (kills < N_KILLS && g_get_monotonic_time () < deadline)
    {
      const char *argv[] = { writer, path, NULL };
      g_autoptr(GString) out = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      g_autoptr(FdCaseStore) store = NULL;
      g_autoptr(GHashTable) stored = g_hash_table_new (NULL, NULL);
      g_autofree char *report = NULL;
      GPid pid;
      int out_fd, status;
      char buf[4096];
      ssize_t n;
      GHashTableIter iter;
      gpointer key, value;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      /* One kill in ten lands during start-up (opening, migrating); the
       * others 0 to 50 ms after the writer acknowledged its first case, so
       * that a slow start on a loaded machine does not hide the writes. */
      if (g_rand_int_range (rand, 0, 10) != 0)
        {
          struct pollfd pfd = { .fd = out_fd, .events = POLLIN };
          if (poll (&pfd, 1, 20000) == 1 && (n = read (out_fd, buf, sizeof buf)) > 0)
            g_string_append_len (out, buf, n);
        }
      g_usleep (g_rand_int_range (rand, 0, 50000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      while ((n = read (out_fd, buf, sizeof buf)) > 0)
        g_string_append_len (out, buf, n);
      close (out_fd);
      if (WIFEXITED (status))
        g_error ("the writer ended by itself (status %d) before the kill", WEXITSTATUS (status));
      kills++;

      /* Only complete lines were acknowledged. */
      lines = g_strsplit (out->str, "\n", -1);
      for (guint i = 0; lines[i] && lines[i + 1]; i++)
        {
          gint64 id = g_ascii_strtoll (lines[i], NULL, 10);
          gboolean closed = g_str_has_suffix (lines[i], " 1");
          g_hash_table_insert (acked, GINT_TO_POINTER (id), GINT_TO_POINTER (closed ? 2 : 1));
        }
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      store = fd_case_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (fd_case_store_check (store, &report, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (report, "integrity_check: ok"));
      g_assert_true (_fd_case_store_exec (store, "SELECT id, closed_at FROM cases", NULL, 0,
                                          collect_id, stored, &error));
      g_hash_table_iter_init (&iter, acked);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          int have = GPOINTER_TO_INT (g_hash_table_lookup (stored, key));
          if (have == 0)
            g_error ("kill %u: acknowledged case %d is missing (seed %u)", kills,
                     GPOINTER_TO_INT (key), seed);
          if (GPOINTER_TO_INT (value) == 2 && have != 2)
            g_error ("kill %u: acknowledged close of case %d is missing (seed %u)", kills,
                     GPOINTER_TO_INT (key), seed);
        }
    }
  g_test_message ("%u kills, %u acknowledged cases all present, integrity ok",
                  kills, g_hash_table_size (acked));
  g_assert_cmpuint (kills, ==, N_KILLS);
  g_assert_cmpuint (g_hash_table_size (acked), >, 0);

  fd_test_remove_sqlite (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cases/crash/sigkill-100", test_crash);
  return g_test_run ();
}
