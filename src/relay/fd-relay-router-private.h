/* fd-relay-router-private.h: what the router's two files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-relay-router.h"
#include "fd-relay-stats.h"

G_BEGIN_DECLS

typedef enum {
  CALL_QUEUED,
  CALL_RINGING,
  CALL_CONNECTED,
} CallState;

struct _FdRelayCall
{
  FdRelayRouter *router;
  char *id;
  char *language;
  CallState state;
  FdRelayPeer *desk;
  FdRelayPeer *interpreter;
  GHashTable *tried;      /* interpreter ids rung for this call */
  guint64 seq;
  guint ring_source;
  gint last_position;
  gint last_eta;
  gboolean answered;
  gint64 asked_ms;        /* real time, as recorded */
  gint64 answered_us;
  /* Resume (fd-relay-router-resume.c): who may take a side of the connected call back after
   * its connection dropped, until when (the tokens' expiry, 0 = not resumable; the tokens are
   * HMACs under the router's key, fd-relay-resume.c), and the grace timer while a side is away
   * (its peer pointer is then NULL). restored: rebuilt from its record after a relay restart. */
  char *desk_id;
  char *interpreter_id;
  gint64 resume_expires_s;
  gboolean restored;
  guint grace_source;
};

struct _FdRelayRouter
{
  FdRelayStore *store;
  guint ring_timeout;
  FdRelaySendFunc send;
  GPtrArray *peers;
  /* The available interpreters, longest idle first (each joins at the tail as it becomes
   * available; the links are the peers' own, never freed with the queue). find_candidate()
   * still checks each entry's presence and call. */
  GQueue idle;
  GHashTable *calls;      /* id → FdRelayCall */
  GQueue queues[FD_RELAY_N_LANGS];
  guint64 next_seq;
  guint db_errors;
  guint requests_per_minute;
  FdRelayStats *stats;
  gboolean shutting_down;
  const FdRelayTurn *turn;  /* borrowed from the configuration; NULL = no ICE servers */
  GHashTable *detached;   /* identity id → FdRelayCall waiting for it to resume (not owned) */
  GHashTable *hung_up;    /* identity id → call id its peer hung up while it was away (grace) */
  guint resume_grace;     /* seconds */
  guint8 resume_key[32];  /* FD_RELAY_RESUME_KEY_BYTES; have_resume_key FALSE: no resume */
  gboolean have_resume_key;
};

int _fd_relay_lang_index (const char *language);
void _fd_relay_db_result (FdRelayRouter *router, gboolean ok, GError *error);
void _fd_relay_send_to (FdRelayRouter *router, FdRelayPeer *peer, JsonObject *message);
JsonObject *_fd_relay_peer_object (FdRelayPeer *peer, gboolean with_role);
JsonObject *_fd_relay_call_message (FdMsgType type, FdRelayCall *call);
void _fd_relay_send_presence (FdRelayRouter *router, FdRelayPeer *peer);
void _fd_relay_set_presence (FdRelayRouter *router, FdRelayPeer *peer, FdPresence presence);
void _fd_relay_route (FdRelayRouter *router, FdRelayCall *call);
void _fd_relay_update_positions (FdRelayRouter *router);
void _fd_relay_serve_queues (FdRelayRouter *router);
void _fd_relay_ring_failed (FdRelayRouter *router, FdRelayCall *call, const char *reason, FdPresence presence, gboolean peer_gone);
void _fd_relay_end_call (FdRelayRouter *router, FdRelayCall *call, const char *reason, FdRelayPeer *gone);
void _fd_relay_refill_requests (FdRelayRouter *router, FdRelayPeer *desk);
FdRelayPeer *_fd_relay_other_peer (FdRelayCall *call, FdRelayPeer *peer);
/* fd-relay-router-resume.c */
/* Gives the two sides of the just answered @call their resume tokens (in @to_desk and
 * @to_interpreter, with resume_grace); nothing when the router cannot resume calls. */
void _fd_relay_offer_resume (FdRelayRouter *router, FdRelayCall *call, JsonObject *to_desk,
                             JsonObject *to_interpreter);
/* Shutting down: lets go of the connected, resumable calls without ending them (their records
 * stay open for the next run); TRUE if @call was one. */
gboolean _fd_relay_keep_for_restart (FdRelayRouter *router, FdRelayCall *call);
void _fd_relay_detach (FdRelayRouter *router, FdRelayCall *call, FdRelayPeer *peer);
/* @call ends (@reason; NULL when it is only let go): forgets who it waited for. A side away when
 * its peer hung up hears so (call-ended) if it resumes within the grace. */
void _fd_relay_forget_detached (FdRelayRouter *router, FdRelayCall *call, const char *reason);
void _fd_relay_peer_arrived (FdRelayRouter *router, FdRelayPeer *peer);
gboolean _fd_relay_handle_resume (FdRelayRouter *router, FdRelayPeer *peer, JsonObject *message,
                                  GError **error);

G_END_DECLS
