/* test-relay-store.c: the call-record store's front over its SQLite backend (the PostgreSQL
 * backend is tested by test-relay-pg.c against a real server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "fd-relay-resume.h"
#include "fd-relay-store.h"

static char *
temp_db (char **dir)
{
  g_autoptr(GError) error = NULL;

  *dir = g_dir_make_tmp ("fd-relay-store-XXXXXX", &error);
  g_assert_no_error (error);
  return g_build_filename (*dir, "calls.sqlite", NULL);
}

static void
remove_db (char *dir,
           char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_free (path);
  g_free (dir);
}

/* A day's calls: asked, answered, ended; the waits, the durations and the purge read them back. */
static void
test_records (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  char *path = temp_db (&dir);
  g_autoptr(FdRelayStore) store = fd_relay_store_open (path, "hall-a", &error);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) durations = NULL;
  gint64 day = 1700000000000;
  guint calls = 99;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  fd_relay_store_call_asked (store, "c1", "desk-1", "Desk 1", "csl", day + 1000);
  fd_relay_store_call_answered (store, "c1", "int-1", "Li Na", day + 4000);
  fd_relay_store_call_ended (store, "c1", "hung-up", day + 64000);
  fd_relay_store_call_asked (store, "c2", "desk-1", "Desk 1", "csl", day + 70000);
  fd_relay_store_call_answered (store, "c2", "int-1", "Li Na", day + 80000);
  fd_relay_store_call_ended (store, "c2", "hung-up", day + 110000);
  /* Ending twice keeps the first end. */
  fd_relay_store_call_ended (store, "c2", "relay-restart", day + 200000);
  fd_relay_store_call_asked (store, "c3", "desk-2", "Desk 2", "ru", day + 90000);
  /* The day before. */
  fd_relay_store_call_asked (store, "c0", "desk-1", "Desk 1", "csl", day - 5000);
  g_assert_no_error (error);

  g_assert_true (fd_relay_store_day_waits (store, day, &calls, waits, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_cmpuint (waits->len, ==, 2);
  g_assert_cmpint (g_array_index (waits, gint64, 0) + g_array_index (waits, gint64, 1), ==,
                   3000 + 10000);

  durations = fd_relay_store_recent_durations (store, "csl", 5);
  g_assert_cmpuint (durations->len, ==, 2);
  g_assert_cmpfloat (g_array_index (durations, double, 0), ==, 30.0);   /* newest first */
  g_assert_cmpfloat (g_array_index (durations, double, 1), ==, 60.0);
  g_clear_pointer (&durations, g_array_unref);
  durations = fd_relay_store_recent_durations (store, "ru", 5);
  g_assert_cmpuint (durations->len, ==, 0);

  g_assert_cmpint (fd_relay_store_purge (store, day, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (fd_relay_store_purge (store, day, &error), ==, 0);
  g_assert_cmpuint (fd_relay_store_write_errors (store), ==, 0);
  g_clear_pointer (&store, fd_relay_store_free);
  remove_db (dir, path);
}

/* The writes leave on the store's writer thread in batches: thousands queued at once all arrive
 * in order (each end after its request), a failing one (a call id used twice) is counted without
 * costing the others of its batch, and closing the store writes what is still queued. */
static void
test_writer (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  char *path = temp_db (&dir);
  g_autoptr(FdRelayStore) store = fd_relay_store_open (path, NULL, &error);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) durations = NULL;
  gint64 day = 1700000000000;
  guint calls = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      fd_relay_store_call_asked (store, id, "desk-1", "Desk 1", "en", day + i);
      fd_relay_store_call_answered (store, id, "int-1", "Li Na", day + i + 500);
      fd_relay_store_call_ended (store, id, "hung-up", day + i + 2500);
      if (i == 999)
        {
          fd_relay_store_call_asked (store, "c7", "desk-2", "Desk 2", "ru", day + i);
          fd_relay_store_flush (store);
          g_assert_cmpuint (fd_relay_store_write_errors (store), ==, 1);
        }
    }
  g_clear_pointer (&store, fd_relay_store_free);

  store = fd_relay_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fd_relay_store_day_waits (store, day, &calls, waits, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 2000);
  g_assert_cmpuint (waits->len, ==, 2000);
  for (guint i = 0; i < waits->len; i++)
    g_assert_cmpint (g_array_index (waits, gint64, i), ==, 500);
  durations = fd_relay_store_recent_durations (store, "en", 3);
  g_assert_cmpuint (durations->len, ==, 3);
  g_assert_cmpfloat (g_array_index (durations, double, 0), ==, 2.0);
  g_assert_cmpuint (fd_relay_store_write_errors (store), ==, 0);
  g_clear_pointer (&store, fd_relay_store_free);
  remove_db (dir, path);
}

/* Calls still open when the relay stopped: at the next start, the ones that never connected and
 * the ones answered too long ago to be resumed are closed (relay-restart); a connected one young
 * enough stays open and is listed for the router to rebuild (fd-relay-router-resume.c). */
static void
test_reopen_closes_open_calls (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  char *path = temp_db (&dir);
  g_autoptr(FdRelayStore) store = fd_relay_store_open (path, NULL, &error);
  g_autoptr(GArray) durations = NULL;
  g_autoptr(GPtrArray) open = NULL;
  const FdRelayOpenCall *row;
  gint64 now = g_get_real_time () / 1000;
  gint64 old = now - (FD_RELAY_RESUME_LIFETIME_S + 60) * 1000;

  g_assert_no_error (error);
  fd_relay_store_call_asked (store, "open", "d", "D", "en", now - 20000);
  fd_relay_store_call_answered (store, "open", "i", "I", now - 10000);
  fd_relay_store_call_asked (store, "ringing", "d2", "D", "en", now - 5000);
  fd_relay_store_call_asked (store, "old", "d3", "D", "en", old - 1000);
  fd_relay_store_call_answered (store, "old", "i3", "I", old);
  g_clear_pointer (&store, fd_relay_store_free);

  store = fd_relay_store_open (path, NULL, &error);
  g_assert_no_error (error);
  durations = fd_relay_store_recent_durations (store, "en", 5);
  g_assert_cmpuint (durations->len, ==, 1);   /* the old one, ended at the reopening */
  g_assert_cmpfloat (g_array_index (durations, double, 0), >=, 10.0);
  open = fd_relay_store_open_calls (store, now - FD_RELAY_RESUME_LIFETIME_S * 1000, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  row = g_ptr_array_index (open, 0);
  g_assert_cmpstr (row->id, ==, "open");
  g_assert_cmpstr (row->desk_id, ==, "d");
  g_assert_cmpstr (row->interpreter_id, ==, "i");
  g_assert_cmpstr (row->language, ==, "en");
  g_assert_cmpint (row->asked_ms, ==, now - 20000);
  g_assert_cmpint (row->answered_ms, ==, now - 10000);
  /* A second end (the router's, late) does not move a closed one. */
  fd_relay_store_call_ended (store, "old", "hung-up", now + 3600000);
  g_clear_pointer (&durations, g_array_unref);
  durations = fd_relay_store_recent_durations (store, "en", 5);
  g_assert_cmpuint (durations->len, ==, 1);
  g_assert_cmpfloat (g_array_index (durations, double, 0), <, FD_RELAY_RESUME_LIFETIME_S + 3600.0);
  /* The router ends the kept one: then it is no longer listed. */
  fd_relay_store_call_ended (store, "open", "hang-up", now);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = fd_relay_store_open_calls (store, now - FD_RELAY_RESUME_LIFETIME_S * 1000, 10, &error);
  g_assert_cmpuint (open->len, ==, 0);
  g_clear_pointer (&store, fd_relay_store_free);
  remove_db (dir, path);
}

static void
test_open_fails (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdRelayStore) store = fd_relay_store_open ("/nonexistent-dir/calls.sqlite", NULL,
                                                       &error);

  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/relay-store/records", test_records);
  g_test_add_func ("/relay-store/reopen-closes-open-calls", test_reopen_closes_open_calls);
  g_test_add_func ("/relay-store/writer", test_writer);
  g_test_add_func ("/relay-store/open-fails", test_open_fails);
  return g_test_run ();
}
