/* fd-relay-store.h: the relay's call records (SQLite, or PostgreSQL shared by several relays)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FdRelayStore FdRelayStore;

typedef struct {
  guint calls;          /* asked today (local time) */
  guint answered;       /* of which answered */
  gint64 answer_p50_ms; /* -1 when none answered */
  gint64 answer_p90_ms;
} FdRelayDayStats;

/* @path: an SQLite file, or a postgresql:// URI (rows tagged and read by @relay_name). */
FdRelayStore *fd_relay_store_open          (const char    *path,
                                            const char    *relay_name,
                                            GError       **error);
void          fd_relay_store_free          (FdRelayStore  *store);

/* Times are milliseconds since the Unix epoch. The three writes are queued for the store's
 * writer thread and return at once; they are written in the order queued, a failure is logged
 * and counted (fd_relay_store_write_errors()). Every read below, and fd_relay_store_free(), first
 * waits for the writes queued before it. */
void          fd_relay_store_call_asked    (FdRelayStore  *store,
                                            const char    *call_id,
                                            const char    *desk_id,
                                            const char    *desk_name,
                                            const char    *language,
                                            gint64         asked_ms);
void          fd_relay_store_call_answered (FdRelayStore  *store,
                                            const char    *call_id,
                                            const char    *interpreter_id,
                                            const char    *interpreter_name,
                                            gint64         answered_ms);
void          fd_relay_store_call_ended    (FdRelayStore  *store,
                                            const char    *call_id,
                                            const char    *reason,
                                            gint64         ended_ms);
/* Waits until every write queued before is written. */
void          fd_relay_store_flush         (FdRelayStore  *store);
/* Writes that failed or were dropped (the queue full) since the store was opened. */
guint         fd_relay_store_write_errors  (FdRelayStore  *store);
/* Calls asked since @day_start_ms, and their answer times (ms) appended to @waits (gint64). */
gboolean      fd_relay_store_day_waits     (FdRelayStore  *store,
                                            gint64         day_start_ms,
                                            guint         *out_calls,
                                            GArray        *waits,
                                            GError       **error);
/* Durations (answered → ended, seconds, double) of the last @n finished calls in @language,
 * newest first. */
GArray       *fd_relay_store_recent_durations (FdRelayStore *store,
                                               const char    *language,
                                               guint          n);
/* A call of this relay whose record is still open (answered, not ended): what a restarted relay
 * rebuilds it from (fd-relay-router-resume.c). */
typedef struct {
  char *id;
  char *desk_id;
  char *interpreter_id;
  char *language;
  gint64 asked_ms;
  gint64 answered_ms;
} FdRelayOpenCall;

void          fd_relay_open_call_free      (gpointer       call);
/* This relay's answered calls still open, answered at or after @since_ms, at most @max of them
 * (FdRelayOpenCall, newest answer first); NULL on error. */
GPtrArray    *fd_relay_store_open_calls    (FdRelayStore  *store,
                                            gint64         since_ms,
                                            guint          max,
                                            GError       **error);
/* Deletes the records of calls asked before @before_ms; returns how many, or -1. */
gint64        fd_relay_store_purge         (FdRelayStore  *store,
                                            gint64         before_ms,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdRelayStore, fd_relay_store_free)

G_END_DECLS
