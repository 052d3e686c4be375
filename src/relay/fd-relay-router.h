/* fd-relay-router.h: interpreter presence, call routing, queues and relaying between peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Knows nothing about sockets: the server adds a peer per authenticated connection and gives the
 * router a function that sends a message to a peer's connection.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "fd-protocol.h"
#include "fd-relay-config.h"
#include "fd-relay-store.h"
#include "fd-relay-turn.h"

G_BEGIN_DECLS

typedef struct _FdRelayRouter FdRelayRouter;
typedef struct _FdRelayPeer FdRelayPeer;
typedef struct _FdRelayCall FdRelayCall;

typedef void (*FdRelaySendFunc) (gpointer connection, JsonObject *message);

struct _FdRelayPeer
{
  char *id;
  char *name;
  FdSignalRole role;
  char **languages;       /* interpreter */
  char **allowed;         /* interpreter: languages the token allows, NULL = all */
  FdPresence presence;    /* interpreter */
  FdPresence wanted;      /* interpreter: presence to return to after a call */
  gint64 idle_since;      /* monotonic µs: when last free */
  GList idle_link;        /* interpreter: its place in the router's idle list (data: the peer) */
  gboolean idle_listed;
  FdRelayCall *call;
  gpointer connection;    /* the server's */
  double requests;        /* desk: unanswered cancels left in its bucket */
  gint64 requests_refill_us;
};

typedef struct {
  guint desks;
  guint interpreters;
  guint available;
  guint busy;
  guint away;
  guint queued[3];        /* per fd_protocol_languages() */
  guint ringing;
  guint connected;
} FdRelayCounts;

FdRelayRouter *fd_relay_router_new          (FdRelayStore       *store,
                                             guint               ring_timeout_s,
                                             guint               requests_per_minute,
                                             FdRelaySendFunc     send);
void           fd_relay_router_free         (FdRelayRouter      *router);
/* STUN/TURN servers (and the secret for their credentials) to hand out with each call-accepted;
 * @turn must outlive the router. NULL: none. */
void           fd_relay_router_set_turn     (FdRelayRouter      *router,
                                             const FdRelayTurn  *turn);

/* A newly authenticated connection of @identity (its id, name, role and allowed languages are
 * copied); hello already validated. @languages (NULL: all that @identity allows) and @presence are
 * for an interpreter. Sends nothing (the server sends welcome first, then calls _announce). */
FdRelayPeer   *fd_relay_router_add_peer     (FdRelayRouter         *router,
                                             const FdRelayIdentity *identity,
                                             const char * const    *languages,
                                             FdPresence             presence,
                                             gpointer               connection);
/* After welcome: the interpreter's presence message, then serve the queues. */
void           fd_relay_router_announce     (FdRelayRouter      *router,
                                             FdRelayPeer        *peer);
/* The connection is gone: ends or re-routes its call (peer-gone) and frees @peer. */
void           fd_relay_router_remove_peer  (FdRelayRouter      *router,
                                             FdRelayPeer        *peer);
/* The same for a connection lost to the network (it went silent, a newer connection of the same
 * identity replaced it, or the client said it goes away, 1001): a connected call waits
 * resume-grace seconds for @peer's identity to resume it (call-resume). */
void           fd_relay_router_lose_peer    (FdRelayRouter      *router,
                                             FdRelayPeer        *peer);
FdRelayPeer   *fd_relay_router_find_peer    (FdRelayRouter      *router,
                                             const char         *id);
/* A validated message (other than hello and ping) from an authenticated peer. On failure the
 * error (FD_SIGNAL_ERROR) is for the sender; nothing was changed. */
gboolean       fd_relay_router_handle       (FdRelayRouter      *router,
                                             FdRelayPeer        *peer,
                                             FdMsgType           type,
                                             JsonObject         *message,
                                             GError            **error);
/* Seconds a connected call waits for a side whose connection dropped to resume it
 * (default FD_PROTOCOL_RESUME_GRACE; 0 ends such calls at once, peer-gone). */
void           fd_relay_router_set_resume_grace (FdRelayRouter  *router,
                                                 guint           seconds);
/* Applies @config (borrowed for the router's life): TURN servers, resume-grace, the resume key
 * (loaded or made in resume-key-file or its default place, fd-relay-resume.h), and rebuilds the
 * connected calls left open by the last run (fd_relay_router_restore_calls()). FALSE when the
 * key cannot be had. */
gboolean       fd_relay_router_configure    (FdRelayRouter      *router,
                                             FdRelayConfig      *config,
                                             GError            **error);
/* The key resume tokens are made and checked with (FD_RELAY_RESUME_KEY_BYTES, copied); without
 * one no call is resumable. */
void           fd_relay_router_set_resume_key (FdRelayRouter  *router,
                                               const guint8   *key);
/* After a restart: rebuilds the connected calls whose records are still open, both sides away,
 * each waiting the grace for them to resume; ends the records of those it cannot rebuild.
 * Returns how many it rebuilt. */
guint          fd_relay_router_restore_calls (FdRelayRouter *router);
/* Ends every call (reason shutdown), e.g. before the relay stops; connected calls that can be
 * resumed are only let go, their records left open for the next run to rebuild. */
void           fd_relay_router_shutdown     (FdRelayRouter      *router);
void           fd_relay_router_counts       (FdRelayRouter      *router,
                                             FdRelayCounts      *out);
guint          fd_relay_router_db_errors    (FdRelayRouter      *router);
/* The token file changed (SIGHUP) but the peer's token did not: a new display name and allowed
 * languages; offered languages no longer allowed are dropped. */
void           fd_relay_router_update_peer  (FdRelayRouter      *router,
                                             FdRelayPeer        *peer,
                                             const char         *name,
                                             const char * const *allowed);
/* Today's figures, from memory (no database access). */
void           fd_relay_router_day_stats    (FdRelayRouter      *router,
                                             FdRelayDayStats    *out);


G_END_DECLS
