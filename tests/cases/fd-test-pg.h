/* fd-test-pg.h: a throwaway PostgreSQL cluster for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * initdb + pg_ctl from Debian's postgresql package, run as the postgres user
 * (runuser) when we are root, listening only on a Unix socket in a temporary
 * folder (listen_addresses=''). Dropped (stopped and deleted) by
 * fd_test_pg_free().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FdTestPg FdTestPg;

/* NULL with a reason in @error when PostgreSQL is not installed or cannot be
 * started (e.g. not root and no usable postgres binaries). */
FdTestPg *fd_test_pg_start     (GError   **error);
/* Creates a new empty database and returns its libpq URI. */
char     *fd_test_pg_create_db (FdTestPg  *pg,
                                const char *name,
                                GError   **error);
gboolean  fd_test_pg_stop      (FdTestPg  *pg,
                                GError   **error);
gboolean  fd_test_pg_restart   (FdTestPg  *pg,
                                GError   **error);
const char *fd_test_pg_version (FdTestPg  *pg);
void      fd_test_pg_free      (FdTestPg  *pg);

G_END_DECLS
