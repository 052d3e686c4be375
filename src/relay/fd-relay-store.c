/* fd-relay-store.c: the relay's call records, one front over two backends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The location picks the backend: a postgresql:// URI the PostgreSQL one (fd-relay-store-pg.c,
 * shared by several relays), anything else an SQLite file (fd-relay-store-sqlite.c).
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include "fd-relay-store-backend.h"
#include "fd-relay-store-pg.h"

const char *
_fd_relay_store_event_field (const FdRelayStoreEvent *event,
                             char                     field)
{
  switch (field)
    {
    case 'c':
      return event->call_id;
    case 'i':
      return event->peer_id;
    case 'n':
      return event->peer_name;
    case 'l':
      return event->language;
    case 'r':
      return event->reason;
    default:
      return NULL;
    }
}

FdRelayStore *
fd_relay_store_open (const char  *path,
                     const char  *relay_name,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (_fd_relay_store_is_pg_uri (path))
    return _fd_relay_store_pg_open (path, relay_name, error);
  return _fd_relay_store_sqlite_open (path, error);
}

void
fd_relay_store_free (FdRelayStore *store)
{
  if (store != NULL)
    store->backend->free (store);
}

gboolean
fd_relay_store_call_asked (FdRelayStore *store,
                           const char   *call_id,
                           const char   *desk_id,
                           const char   *desk_name,
                           const char   *language,
                           gint64        asked_ms,
                           GError      **error)
{
  FdRelayStoreEvent event = { .call_id = call_id, .peer_id = desk_id, .peer_name = desk_name,
                              .language = language, .at_ms = asked_ms };

  g_return_val_if_fail (store != NULL && call_id != NULL, FALSE);
  return store->backend->asked (store, &event, error);
}

gboolean
fd_relay_store_call_answered (FdRelayStore *store,
                              const char   *call_id,
                              const char   *interpreter_id,
                              const char   *interpreter_name,
                              gint64        answered_ms,
                              GError      **error)
{
  FdRelayStoreEvent event = { .call_id = call_id, .peer_id = interpreter_id,
                              .peer_name = interpreter_name, .at_ms = answered_ms };

  g_return_val_if_fail (store != NULL && call_id != NULL, FALSE);
  return store->backend->answered (store, &event, error);
}

gboolean
fd_relay_store_call_ended (FdRelayStore *store,
                           const char   *call_id,
                           const char   *reason,
                           gint64        ended_ms,
                           GError      **error)
{
  FdRelayStoreEvent event = { .call_id = call_id, .reason = reason, .at_ms = ended_ms };

  g_return_val_if_fail (store != NULL && call_id != NULL, FALSE);
  return store->backend->ended (store, &event, error);
}

gboolean
fd_relay_store_day_waits (FdRelayStore  *store,
                          gint64         day_start_ms,
                          guint         *out_calls,
                          GArray        *waits,
                          GError       **error)
{
  g_return_val_if_fail (store != NULL && out_calls != NULL && waits != NULL, FALSE);

  *out_calls = 0;
  return store->backend->day_waits (store, day_start_ms, out_calls, waits, error);
}

GArray *
fd_relay_store_recent_durations (FdRelayStore *store,
                                 const char   *language,
                                 guint         n)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (store != NULL, out);

  /* The estimate goes on without them: say why in the log. */
  if (!store->backend->durations (store, language, n, out, &error))
    g_message ("%s", error->message);
  return out;
}

gint64
fd_relay_store_purge (FdRelayStore  *store,
                      gint64         before_ms,
                      GError       **error)
{
  g_return_val_if_fail (store != NULL, -1);
  return store->backend->purge (store, before_ms, error);
}

void
fd_relay_open_call_free (gpointer data)
{
  FdRelayOpenCall *call = data;

  g_free (call->id);
  g_free (call->desk_id);
  g_free (call->interpreter_id);
  g_free (call->language);
  g_free (call);
}

GPtrArray *
fd_relay_store_open_calls (FdRelayStore  *store,
                           gint64         since_ms,
                           guint          max,
                           GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (fd_relay_open_call_free);

  g_return_val_if_fail (store != NULL, NULL);
  if (!store->backend->open_calls (store, since_ms, max, out, error))
    return NULL;
  return g_steal_pointer (&out);
}
