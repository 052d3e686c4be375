/* test-case-faults.c: a full disk (SQLite) and a database server stopped
 * mid-session (PostgreSQL): a clear error, nothing acknowledged lost, the
 * store keeps working.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fd-case-store-test.h"
#include "fd-test-util.h"
#include "fd-test-pg.h"

static FdCase *
new_case (guint i, gsize notes_len)
{
  FdCase *c = fd_case_new ();
  g_autofree char *notes = g_strnfill (notes_len, 'a' + i % 26);

  fd_case_set_needs (c, FD_CASE_NEED_MOBILITY);
  fd_case_set_staff (c, "wang");
  fd_case_set_notes (c, notes);
  fd_case_add_matter (c, "real-estate-registration");
  return c;
}

static void
assert_all_present (FdCaseStore *store, GArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FdCase) c = fd_case_store_get (store, g_array_index (ids, gint64, i), &error);
      g_assert_no_error (error);
      g_assert_nonnull (c);
    }
}

static void
test_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-cases-full-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autoptr(FdCaseStore) store = fd_case_store_open (path, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *report = NULL;
  gboolean full = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(FdCase) c = new_case (i, 100);
      gint64 id;
      g_assert_true (fd_case_store_create (store, c, &error));
      id = fd_case_get_id (c);
      g_array_append_val (ids, id);
    }
  /* The database may not grow by more than a few pages from now on. */
  {
    g_autoptr(GPtrArray) rows = NULL;
    (void) rows;
  }
  _fd_case_store_sqlite_set_max_page_count (store, 40);
  for (guint i = 0; i < 1000 && !full; i++)
    {
      g_autoptr(FdCase) c = new_case (i, 2000);
      if (fd_case_store_create (store, c, &error))
        {
          gint64 id = fd_case_get_id (c);
          g_array_append_val (ids, id);
          continue;
        }
      g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_DISK_FULL);
      g_assert_nonnull (strstr (error->message, "full"));
      g_test_message ("after %u cases: %s", ids->len, error->message);
      g_clear_error (&error);
      g_assert_cmpint (fd_case_get_id (c), ==, 0);
      full = TRUE;
    }
  g_assert_true (full);

  /* Still readable, nothing acknowledged lost, not corrupt. */
  assert_all_present (store, ids);
  g_assert_true (fd_case_store_check (store, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report, "integrity_check: ok"));

  /* Space again: the same store keeps working. */
  _fd_case_store_sqlite_set_max_page_count (store, 1000000);
  {
    g_autoptr(FdCase) c = new_case (0, 2000);
    g_assert_true (fd_case_store_create (store, c, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);
  store = fd_case_store_open (path, &error);
  g_assert_no_error (error);
  assert_all_present (store, ids);
  g_clear_object (&store);
  fd_test_remove_sqlite (path);
  g_rmdir (dir);
}

static void
test_pg_server_stopped (void)
{
  g_autoptr(GError) error = NULL;
  FdTestPg *pg = fd_test_pg_start (&error);
  g_autofree char *uri = NULL;
  g_autoptr(FdCaseStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (pg == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("no PostgreSQL server available: %s", error->message);
      g_test_skip (reason);
      return;
    }
  uri = fd_test_pg_create_db (pg, "faults", &error);
  g_assert_no_error (error);
  store = fd_case_store_open (uri, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(FdCase) c = new_case (i, 50);
      gint64 id;
      g_assert_true (fd_case_store_create (store, c, &error));
      g_assert_no_error (error);
      id = fd_case_get_id (c);
      g_array_append_val (ids, id);
    }

  g_assert_true (fd_test_pg_stop (pg, &error));
  {
    g_autoptr(FdCase) c = new_case (99, 50);
    g_autoptr(GPtrArray) list = NULL;

    g_assert_false (fd_case_store_create (store, c, &error));
    g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CONNECTION);
    g_test_message ("server stopped: %s", error->message);
    g_clear_error (&error);
    g_assert_cmpint (fd_case_get_id (c), ==, 0);
    list = fd_case_store_list_open (store, &error);
    g_assert_null (list);
    g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CONNECTION);
    g_clear_error (&error);
  }

  g_assert_true (fd_test_pg_restart (pg, &error));
  g_assert_no_error (error);
  /* The same store reconnects by itself. */
  {
    g_autoptr(FdCase) c = new_case (100, 50);
    gint64 id;
    g_assert_true (fd_case_store_create (store, c, &error));
    g_assert_no_error (error);
    id = fd_case_get_id (c);
    g_array_append_val (ids, id);
  }
  assert_all_present (store, ids);
  {
    g_autoptr(GPtrArray) open = fd_case_store_list_open (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, ids->len);
  }
  g_clear_object (&store);
  fd_test_pg_free (pg);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cases/faults/sqlite-disk-full", test_disk_full);
  g_test_add_func ("/cases/faults/pg-server-stopped", test_pg_server_stopped);
  return g_test_run ();
}
