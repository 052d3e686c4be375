/* fd-test-util.h: helpers every C test shares (waiting on async work, SQLite files)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Waiting for one GAsyncResult: pass fd_test_async_done as the callback and
 * the FdTestAsync as its data, then fd_test_async_wait(). */
typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
} FdTestAsync;

void          fd_test_async_init  (FdTestAsync  *wait);
void          fd_test_async_done  (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data);
GAsyncResult *fd_test_async_wait  (FdTestAsync  *wait);

/* Runs the thread-default main context until DONE returns TRUE (called once
 * per iteration) or TIMEOUT_MS pass; returns DONE's last answer. */
gboolean      fd_test_wait_until  (gboolean    (*done)(gpointer data),
                                   gpointer      data,
                                   guint         timeout_ms);
/* Whether FLAG is among the arguments; it is taken out (before GTest sees
 * them), *argc lowered. */
gboolean      fd_test_take_flag   (int          *argc,
                                   char        **argv,
                                   const char   *flag);
/* Runs the thread-default main context for MS milliseconds. */
void          fd_test_run_for     (guint         ms);

/* Removes a SQLite database file and its -wal, -shm and -journal files. */
void          fd_test_remove_sqlite (const char *path);

G_END_DECLS
