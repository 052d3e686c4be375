/* fd-relay-store-pg.h: the relay's call records in PostgreSQL (shared by several relays)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FdRelayStorePg FdRelayStorePg;

/* TRUE if @location names a PostgreSQL database (postgresql:// or postgres://). */
gboolean        _fd_relay_store_is_pg_uri     (const char      *location);
FdRelayStorePg *_fd_relay_store_pg_open       (const char      *uri,
                                               const char      *relay_name,
                                               GError         **error);
void            _fd_relay_store_pg_free       (FdRelayStorePg  *pg);
gboolean        _fd_relay_store_pg_asked      (FdRelayStorePg  *pg,
                                               const char      *call_id,
                                               const char      *desk_id,
                                               const char      *desk_name,
                                               const char      *language,
                                               gint64           asked_ms,
                                               GError         **error);
gboolean        _fd_relay_store_pg_answered   (FdRelayStorePg  *pg,
                                               const char      *call_id,
                                               const char      *interpreter_id,
                                               const char      *interpreter_name,
                                               gint64           answered_ms,
                                               GError         **error);
gboolean        _fd_relay_store_pg_ended      (FdRelayStorePg  *pg,
                                               const char      *call_id,
                                               const char      *reason,
                                               gint64           ended_ms,
                                               GError         **error);
gboolean        _fd_relay_store_pg_day_waits  (FdRelayStorePg  *pg,
                                               gint64           day_start_ms,
                                               guint           *out_calls,
                                               GArray          *waits,
                                               GError         **error);
GArray         *_fd_relay_store_pg_durations  (FdRelayStorePg  *pg,
                                               const char      *language,
                                               guint            n);
gint64          _fd_relay_store_pg_purge      (FdRelayStorePg  *pg,
                                               gint64           before_ms,
                                               GError         **error);

G_END_DECLS
