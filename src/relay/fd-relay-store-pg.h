/* fd-relay-store-pg.h: which call-record locations are PostgreSQL databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PostgreSQL backend itself is opened through fd_relay_store_open() (fd-relay-store.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE if @location names a PostgreSQL database (postgresql:// or postgres://). */
gboolean _fd_relay_store_is_pg_uri (const char *location);

G_END_DECLS
