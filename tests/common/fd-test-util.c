/* fd-test-util.c: helpers every C test shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "fd-test-util.h"

void
fd_test_async_init (FdTestAsync *wait)
{
  wait->loop = g_main_loop_new (g_main_context_get_thread_default (), FALSE);
  wait->result = NULL;
}

void
fd_test_async_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FdTestAsync *wait = user_data;

  g_assert_null (wait->result);
  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* The result (a new reference); the loop is freed. */
GAsyncResult *
fd_test_async_wait (FdTestAsync *wait)
{
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  return g_steal_pointer (&wait->result);
}

static gboolean
on_deadline (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
fd_test_wait_until (gboolean (*done)(gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean expired = FALSE;
  gboolean ok;
  GSource *source = g_timeout_source_new (timeout_ms);

  g_source_set_callback (source, on_deadline, &expired, NULL);
  g_source_attach (source, context);
  while (!(ok = done (data)) && !expired)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (source);
  g_source_unref (source);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

gboolean
fd_test_take_flag (int         *argc,
                   char       **argv,
                   const char  *flag)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal (argv[i], flag))
      {
        argv[i] = argv[--*argc];
        argv[*argc] = NULL;
        return TRUE;
      }
  return FALSE;
}

void
fd_test_run_for (guint ms)
{
  fd_test_wait_until (never, NULL, ms);
}

void
fd_test_remove_sqlite (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}
