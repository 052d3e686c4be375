/* fd-relay-store-backend.h: what a call-record store backend implements (private to the relay)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FdRelayStore (fd-relay-store.c) is the one public front: it checks arguments and dispatches
 * through the backend's table; the writes (asked, answered, ended) from its writer thread, the
 * reads from the caller's thread, never both at once. Backends: SQLite (fd-relay-store-sqlite.c) and PostgreSQL
 * (fd-relay-store-pg.c); each embeds FdRelayStore as its first member.
 */
#pragma once

#include "fd-relay-store.h"

G_BEGIN_DECLS

/* One event of a call, as the front hands it to a backend. Times: ms since the Unix epoch. */
typedef struct {
  const char *call_id;
  const char *peer_id;    /* asked: the desk; answered: the interpreter */
  const char *peer_name;
  const char *language;   /* asked */
  const char *reason;     /* ended */
  gint64      at_ms;
} FdRelayStoreEvent;

typedef struct _FdRelayStoreWriter FdRelayStoreWriter;

typedef struct {
  /* Optional: around a batch of writes (one transaction for the batch). */
  gboolean (*begin)(FdRelayStore *, GError **);
  gboolean (*commit)(FdRelayStore *, GError **);
  gboolean (*asked)(FdRelayStore *, const FdRelayStoreEvent *, GError **);
  gboolean (*answered)(FdRelayStore *, const FdRelayStoreEvent *, GError **);
  gboolean (*ended)(FdRelayStore *, const FdRelayStoreEvent *, GError **);
  /* Fills *out_calls and appends answer times to the array (see fd_relay_store_day_waits()). */
  gboolean (*day_waits)(FdRelayStore *, gint64, guint *, GArray *, GError **);
  /* Appends durations (seconds, double) to the array, newest first. */
  gboolean (*durations)(FdRelayStore *, const char *, guint, GArray *, GError **);
  gint64   (*purge)(FdRelayStore *, gint64, GError **);
  /* Appends FdRelayOpenCall to the array (see fd_relay_store_open_calls()). */
  gboolean (*open_calls)(FdRelayStore *, gint64, guint, GPtrArray *, GError **);
  void     (*free)(FdRelayStore *);
} FdRelayStoreBackend;

struct _FdRelayStore
{
  const FdRelayStoreBackend *backend;
  FdRelayStoreWriter *writer;   /* the front's; NULL until the backend is open */
};

/* One field of @event by its letter in a backend's list of statement parameters: 'c' call id,
 * 'i' peer id, 'n' peer name, 'l' language, 'r' reason; NULL for 't' (the time, a number: the
 * backend binds it its own way) and unknown letters. */
const char   *_fd_relay_store_event_field (const FdRelayStoreEvent *event,
                                           char                     field);

FdRelayStore *_fd_relay_store_sqlite_open (const char *path, GError **error);
FdRelayStore *_fd_relay_store_pg_open (const char *uri, const char *relay_name, GError **error);

G_END_DECLS
