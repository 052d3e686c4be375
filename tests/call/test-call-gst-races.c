/* test-call-gst-races.c: the one tolerated GStreamer race stays narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with G_DEBUG=fatal-criticals (as every test): the critical GLib raises
 * when a hash table changes during g_hash_table_foreach is survived on a
 * thread named like rtpsession's RTCP thread, and kills the process anywhere
 * else. Set up as the call tests are: fd_call_engine_prepare() in main, before
 * g_test_run(), which forgets fatal handlers at each test case; the case makes
 * an engine, as a call does.
 */
#include "fd-call-engine.h"

static void
grow_during_walk (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  GHashTable *table = user_data;

  g_hash_table_insert (table, GUINT_TO_POINTER (g_hash_table_size (table) + 100), NULL);
}

static gpointer
walk_and_grow (gpointer data)
{
  g_autoptr(GHashTable) table = g_hash_table_new (NULL, NULL);

  g_hash_table_insert (table, GUINT_TO_POINTER (1), NULL);
  /* The same mistake rtpsession makes: GLib reports a critical. */
  g_hash_table_foreach (table, grow_during_walk, table);
  return NULL;
}

static void
test_on_rtpsession_thread (void)
{
  g_autoptr(FdCallEngine) engine = fd_call_engine_new (FD_CALL_ROLE_OFFERER);
  guint before;

  before = fd_call_gst_race_count ();
  g_thread_join (g_thread_new ("rtpsession-rtcp", walk_and_grow, NULL));
  g_assert_cmpuint (fd_call_gst_race_count (), ==, before + 1);
}

static void
test_elsewhere_stays_fatal (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(FdCallEngine) engine = fd_call_engine_new (FD_CALL_ROLE_OFFERER);

      g_thread_join (g_thread_new ("fd-other", walk_and_grow, NULL));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*g_hash_table_foreach: assertion*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* As under G_DEBUG=fatal-criticals, whatever the environment says. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  fd_call_engine_prepare ();
  g_test_add_func ("/call/gst-races/rtpsession-thread", test_on_rtpsession_thread);
  g_test_add_func ("/call/gst-races/elsewhere-fatal", test_elsewhere_stays_fatal);
  return g_test_run ();
}
