/* fd-case-store-test.h: the few internals of the case store that its tests
 * and benchmark use (raw SQL, an old schema version, a tiny SQLite file,
 * the PostgreSQL connection parameters), and nothing else of
 * fd-case-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-case-store.h"

G_BEGIN_DECLS

/* Called once per result row; cells are valid only during the call.
 * Return FALSE to stop early (not an error). */
typedef gboolean (*FdCaseRowFunc) (const char * const *cells,
                                   guint               n_cells,
                                   gpointer            user_data);

/* Runs one statement with text parameters, rows to FUNC. */
gboolean     _fd_case_store_exec            (FdCaseStore         *self,
                                             const char          *sql,
                                             const char * const  *params,
                                             guint                n_params,
                                             FdCaseRowFunc        func,
                                             gpointer             user_data,
                                             GError             **error);
/* Opens URI migrating no further than MAX_VERSION (migration tests). */
FdCaseStore *_fd_case_store_open_at_version (const char          *uri,
                                             int                  max_version,
                                             GError             **error);
/* Caps a SQLite store's file at N pages (disk-full tests). */
void         _fd_case_store_sqlite_set_max_page_count (FdCaseStore *self,
                                                       guint        n);
/* libpq's connection parameters for URI, with the TLS rules applied. */
gboolean     _fd_case_pg_conninfo           (const char          *uri,
                                             GPtrArray           *keywords,
                                             GPtrArray           *values,
                                             GError             **error);

G_END_DECLS
