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

/* The writes leave the caller's thread (the relay's main loop: a call request is answered
 * without waiting for a disk or a database server) for the store's writer thread. Woken by the
 * first event queued, the writer gathers for BATCH_DELAY_US (or until BATCH_MAX events wait, a
 * read or the end asks for them) and writes what has been queued, in order, as one batch (one
 * transaction where the backend offers one): a few wake-ups and commits a second instead of one
 * per event. A read first waits until everything queued before it is written. The queue is
 * bounded: past PENDING_MAX events (a database that stopped answering) further events are
 * dropped, logged and counted as failed writes. */
#define PENDING_MAX 100000
#define BATCH_MAX 1024
#define BATCH_DELAY_US (50 * 1000)

typedef enum { EVENT_ASKED, EVENT_ANSWERED, EVENT_ENDED } EventKind;

typedef struct {
  EventKind kind;
  FdRelayStoreEvent event;   /* its strings owned */
} QueuedEvent;

struct _FdRelayStoreWriter
{
  GThread *thread;
  GMutex lock;        /* the fields below */
  GCond cond;         /* pending grew, written grew, or stopping */
  GQueue pending;
  guint64 queued;     /* accepted into pending, ever */
  guint64 written;    /* taken from pending and written (or failed), ever */
  gboolean stopping;
  guint readers;      /* reads waiting for the queue: no gathering then */
  gboolean dropping;  /* the queue is full: logged once until it has room again */
  GMutex db;          /* the backend's connection: the writer's batch or one read */
  gint errors;        /* atomic: failed or dropped writes */
};

static void
queued_event_free (gpointer data)
{
  QueuedEvent *q = data;

  g_free ((char *) q->event.call_id);
  g_free ((char *) q->event.peer_id);
  g_free ((char *) q->event.peer_name);
  g_free ((char *) q->event.language);
  g_free ((char *) q->event.reason);
  g_free (q);
}

/* Runs @events in order; returns how many failed (each logged). */
static guint
write_events (FdRelayStore *store,
              GPtrArray    *events)
{
  const FdRelayStoreBackend *backend = store->backend;
  guint failed = 0;

  for (guint i = 0; i < events->len; i++)
    {
      QueuedEvent *q = g_ptr_array_index (events, i);
      g_autoptr(GError) error = NULL;
      gboolean ok = FALSE;

      switch (q->kind)
        {
        case EVENT_ASKED:
          ok = backend->asked (store, &q->event, &error);
          break;
        case EVENT_ANSWERED:
          ok = backend->answered (store, &q->event, &error);
          break;
        case EVENT_ENDED:
          ok = backend->ended (store, &q->event, &error);
          break;
        }
      if (!ok)
        {
          g_message ("%s", error->message);
          failed++;
        }
    }
  return failed;
}

static guint
write_batch (FdRelayStore *store,
             GPtrArray    *batch)
{
  const FdRelayStoreBackend *backend = store->backend;
  g_autoptr(GError) error = NULL;
  guint failed;

  g_mutex_lock (&store->writer->db);
  if (batch->len > 1 && backend->begin != NULL && backend->begin (store, &error))
    {
      failed = write_events (store, batch);
      /* A batch that cannot be committed is rolled back (by the backend) and written again,
       * one statement at a time. */
      if (!backend->commit (store, &error))
        {
          g_message ("%s", error->message);
          g_clear_error (&error);
          failed = write_events (store, batch);
        }
    }
  else
    {
      if (error != NULL)
        g_message ("%s", error->message);
      failed = write_events (store, batch);
    }
  g_mutex_unlock (&store->writer->db);
  return failed;
}

static gpointer
writer_main (gpointer data)
{
  FdRelayStore *store = data;
  FdRelayStoreWriter *w = store->writer;

  g_mutex_lock (&w->lock);
  for (;;)
    {
      GPtrArray *batch;
      guint failed, n;
      gint64 until;

      while (g_queue_is_empty (&w->pending) && !w->stopping)
        g_cond_wait (&w->cond, &w->lock);
      if (g_queue_is_empty (&w->pending))
        break;
      until = g_get_monotonic_time () + BATCH_DELAY_US;
      while (!w->stopping && w->readers == 0 && w->pending.length < BATCH_MAX
             && g_cond_wait_until (&w->cond, &w->lock, until))
        ;
      batch = g_ptr_array_new_with_free_func (queued_event_free);
      while (!g_queue_is_empty (&w->pending) && batch->len < BATCH_MAX)
        g_ptr_array_add (batch, g_queue_pop_head (&w->pending));
      g_mutex_unlock (&w->lock);

      failed = write_batch (store, batch);
      if (failed > 0)
        g_atomic_int_add (&w->errors, (gint) failed);
      n = batch->len;
      g_ptr_array_unref (batch);

      g_mutex_lock (&w->lock);
      w->written += n;
      g_cond_broadcast (&w->cond);
    }
  g_mutex_unlock (&w->lock);
  return NULL;
}

static void
enqueue (FdRelayStore            *store,
         EventKind                kind,
         const FdRelayStoreEvent *event)
{
  FdRelayStoreWriter *w = store->writer;
  QueuedEvent *q = g_new0 (QueuedEvent, 1);
  gboolean first_drop = FALSE;

  q->kind = kind;
  q->event.call_id = g_strdup (event->call_id);
  q->event.peer_id = g_strdup (event->peer_id);
  q->event.peer_name = g_strdup (event->peer_name);
  q->event.language = g_strdup (event->language);
  q->event.reason = g_strdup (event->reason);
  q->event.at_ms = event->at_ms;

  g_mutex_lock (&w->lock);
  if (w->pending.length >= PENDING_MAX)
    {
      first_drop = !w->dropping;
      w->dropping = TRUE;
    }
  else
    {
      w->dropping = FALSE;
      g_queue_push_tail (&w->pending, g_steal_pointer (&q));
      w->queued++;
      /* The writer sleeps only with an empty queue; a full batch ends its gathering. */
      if (w->pending.length == 1 || w->pending.length == BATCH_MAX)
        g_cond_broadcast (&w->cond);
    }
  g_mutex_unlock (&w->lock);
  if (q == NULL)
    return;
  g_atomic_int_inc (&w->errors);
  if (first_drop)
    g_message ("call records: %u writes wait for the database; dropping records of call %s "
               "and after until it catches up", PENDING_MAX, q->event.call_id);
  queued_event_free (q);
}

/* Waits for every write queued before, then holds the connection for a read. */
static void
read_begin (FdRelayStore *store)
{
  FdRelayStoreWriter *w = store->writer;

  g_mutex_lock (&w->lock);
  w->readers++;
  g_cond_broadcast (&w->cond);
  while (w->written < w->queued)
    g_cond_wait (&w->cond, &w->lock);
  w->readers--;
  g_mutex_unlock (&w->lock);
  g_mutex_lock (&w->db);
}

static void
read_end (FdRelayStore *store)
{
  g_mutex_unlock (&store->writer->db);
}

FdRelayStore *
fd_relay_store_open (const char  *path,
                     const char  *relay_name,
                     GError     **error)
{
  FdRelayStore *store;
  FdRelayStoreWriter *w;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (_fd_relay_store_is_pg_uri (path))
    store = _fd_relay_store_pg_open (path, relay_name, error);
  else
    store = _fd_relay_store_sqlite_open (path, error);
  if (store == NULL)
    return NULL;
  w = store->writer = g_new0 (FdRelayStoreWriter, 1);
  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  g_mutex_init (&w->db);
  g_queue_init (&w->pending);
  w->thread = g_thread_new ("relay-records", writer_main, store);
  return store;
}

/* Writes what is still queued first. */
void
fd_relay_store_free (FdRelayStore *store)
{
  FdRelayStoreWriter *w;

  if (store == NULL)
    return;
  w = store->writer;
  if (w != NULL)
    {
      g_mutex_lock (&w->lock);
      w->stopping = TRUE;
      g_cond_broadcast (&w->cond);
      g_mutex_unlock (&w->lock);
      g_thread_join (w->thread);
      g_mutex_clear (&w->lock);
      g_cond_clear (&w->cond);
      g_mutex_clear (&w->db);
      g_free (w);
      store->writer = NULL;
    }
  store->backend->free (store);
}

void
fd_relay_store_call_asked (FdRelayStore *store,
                           const char   *call_id,
                           const char   *desk_id,
                           const char   *desk_name,
                           const char   *language,
                           gint64        asked_ms)
{
  FdRelayStoreEvent event = { .call_id = call_id, .peer_id = desk_id, .peer_name = desk_name,
                              .language = language, .at_ms = asked_ms };

  g_return_if_fail (store != NULL && call_id != NULL);
  enqueue (store, EVENT_ASKED, &event);
}

void
fd_relay_store_call_answered (FdRelayStore *store,
                              const char   *call_id,
                              const char   *interpreter_id,
                              const char   *interpreter_name,
                              gint64        answered_ms)
{
  FdRelayStoreEvent event = { .call_id = call_id, .peer_id = interpreter_id,
                              .peer_name = interpreter_name, .at_ms = answered_ms };

  g_return_if_fail (store != NULL && call_id != NULL);
  enqueue (store, EVENT_ANSWERED, &event);
}

void
fd_relay_store_call_ended (FdRelayStore *store,
                           const char   *call_id,
                           const char   *reason,
                           gint64        ended_ms)
{
  FdRelayStoreEvent event = { .call_id = call_id, .reason = reason, .at_ms = ended_ms };

  g_return_if_fail (store != NULL && call_id != NULL);
  enqueue (store, EVENT_ENDED, &event);
}

void
fd_relay_store_flush (FdRelayStore *store)
{
  g_return_if_fail (store != NULL);
  read_begin (store);
  read_end (store);
}

guint
fd_relay_store_write_errors (FdRelayStore *store)
{
  g_return_val_if_fail (store != NULL, 0);
  return (guint) g_atomic_int_get (&store->writer->errors);
}

gboolean
fd_relay_store_day_waits (FdRelayStore  *store,
                          gint64         day_start_ms,
                          guint         *out_calls,
                          GArray        *waits,
                          GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (store != NULL && out_calls != NULL && waits != NULL, FALSE);

  *out_calls = 0;
  read_begin (store);
  ok = store->backend->day_waits (store, day_start_ms, out_calls, waits, error);
  read_end (store);
  return ok;
}

GArray *
fd_relay_store_recent_durations (FdRelayStore *store,
                                 const char   *language,
                                 guint         n)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL, out);

  /* The estimate goes on without them: say why in the log. */
  read_begin (store);
  ok = store->backend->durations (store, language, n, out, &error);
  read_end (store);
  if (!ok)
    g_message ("%s", error->message);
  return out;
}

gint64
fd_relay_store_purge (FdRelayStore  *store,
                      gint64         before_ms,
                      GError       **error)
{
  gint64 n;

  g_return_val_if_fail (store != NULL, -1);
  read_begin (store);
  n = store->backend->purge (store, before_ms, error);
  read_end (store);
  return n;
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
  gboolean ok;

  g_return_val_if_fail (store != NULL, NULL);
  /* after the writer (and off its connection meanwhile), like every read */
  read_begin (store);
  ok = store->backend->open_calls (store, since_ms, max, out, error);
  read_end (store);
  return ok ? g_steal_pointer (&out) : NULL;
}
