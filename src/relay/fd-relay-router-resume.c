/* fd-relay-router-resume.c: a connected call outlives a dropped relay connection, and a relay
 * restart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Media goes peer to peer, so when the desk's or the interpreter's WebSocket drops during a
 * connected call (Wi-Fi blip, a proxy restart, a moved address) the call goes on. The relay keeps
 * the call's record and the other side's session for resume-grace seconds, tells the other side
 * (peer-signal, connected false), and gives the call back to a new connection of the same
 * identity that presents the call's resume token (call-resume). The tokens, sent once to each
 * side with call-accepted, are HMACs under the relay's key (fd-relay-resume.c); a wrong one gets
 * the same no-such-call as an unknown call. After the grace the call ends (peer-gone).
 *
 * A relay restart: a stopping relay lets go of its connected calls without ending them, and the
 * next run rebuilds each connected call whose record is still open (fd-relay-store: its record
 * says who the desk and the interpreter are) with both sides away, and waits the grace for their
 * resumes, checked against the same key. A side that does not come back ends it as above; if
 * neither does, the record says relay-restart. docs/relay.md, "Network blips".
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>

#include "fd-relay-resume.h"
#include "fd-relay-router-private.h"

/* The records a restarted relay rebuilds calls from, at most (a relay holds some thousands). */
#define MAX_RESTORED 20000
#define END_RELAY_RESTART "relay-restart"

void
_fd_relay_offer_resume (FdRelayRouter *router,
                        FdRelayCall   *call,
                        JsonObject    *to_desk,
                        JsonObject    *to_interpreter)
{
  g_autofree char *desk_token = NULL;
  g_autofree char *interpreter_token = NULL;

  call->resume_expires_s = 0;
  if (!router->have_resume_key || call->desk_id == NULL || call->interpreter_id == NULL)
    return;
  call->resume_expires_s = g_get_real_time () / G_USEC_PER_SEC + FD_RELAY_RESUME_LIFETIME_S;
  desk_token = fd_relay_resume_token (router->resume_key, call->id, FD_SIGNAL_ROLE_DESK,
                                      call->desk_id, call->resume_expires_s);
  interpreter_token = fd_relay_resume_token (router->resume_key, call->id,
                                             FD_SIGNAL_ROLE_INTERPRETER, call->interpreter_id,
                                             call->resume_expires_s);
  json_object_set_string_member (to_desk, "resume", desk_token);
  json_object_set_string_member (to_interpreter, "resume", interpreter_token);
  json_object_set_int_member (to_desk, "resume_grace", router->resume_grace);
  json_object_set_int_member (to_interpreter, "resume_grace", router->resume_grace);
}

static void
send_peer_signal (FdRelayRouter *router,
                  FdRelayCall   *call,
                  FdRelayPeer   *to,
                  gboolean       connected)
{
  g_autoptr(JsonObject) message = NULL;

  if (to == NULL)
    return;
  message = _fd_relay_call_message (FD_MSG_PEER_SIGNAL, call);
  json_object_set_boolean_member (message, "connected", connected);
  _fd_relay_send_to (router, to, message);
}

static gboolean
on_grace_over (gpointer data)
{
  FdRelayCall *call = data;

  call->grace_source = 0;
  g_message ("call %s: not resumed within %u s", call->id, call->router->resume_grace);
  /* Rebuilt after a restart and neither side came back: the record says why. */
  _fd_relay_end_call (call->router, call,
                      call->restored && call->desk == NULL && call->interpreter == NULL
                      ? END_RELAY_RESTART : FD_END_PEER_GONE, NULL);
  return G_SOURCE_REMOVE;
}

/* @peer's connection is gone during the connected @call: keep the call for the grace. */
void
_fd_relay_detach (FdRelayRouter *router,
                  FdRelayCall   *call,
                  FdRelayPeer   *peer)
{
  const char *id = peer == call->desk ? call->desk_id : call->interpreter_id;

  if (id == NULL || call->resume_expires_s == 0)
    {
      _fd_relay_end_call (router, call, FD_END_PEER_GONE, peer);
      return;
    }
  if (peer == call->desk)
    call->desk = NULL;
  else
    call->interpreter = NULL;
  peer->call = NULL;
  g_hash_table_replace (router->detached, g_strdup (id), call);
  g_message ("call %s: %s lost its connection; waiting %u s for it to resume", call->id, id,
             router->resume_grace);
  send_peer_signal (router, call, call->desk != NULL ? call->desk : call->interpreter, FALSE);
  if (call->grace_source == 0)
    call->grace_source = g_timeout_add_seconds (router->resume_grace, on_grace_over, call);
}

/* What a side away from its call is told when it comes back within the grace: its peer hung up. */
typedef struct {
  gint64 until_us;
  char call_id[];
} HungUp;

static void
remember_hang_up (FdRelayRouter *router,
                  FdRelayCall   *call,
                  const char    *id)
{
  gsize len = strlen (call->id);
  HungUp *entry = g_malloc (sizeof (HungUp) + len + 1);

  entry->until_us = g_get_monotonic_time () + (gint64) router->resume_grace * G_USEC_PER_SEC;
  memcpy (entry->call_id, call->id, len + 1);
  /* One per identity: bounded by the identities in the configuration. */
  g_hash_table_replace (router->hung_up, g_strdup (id), entry);
}

/* @peer resumes @id, which its peer hung up while it was away: it hears so (TRUE). */
static gboolean
tell_hung_up (FdRelayRouter *router,
              FdRelayPeer   *peer,
              const char    *id,
              const char    *token)
{
  HungUp *entry = g_hash_table_lookup (router->hung_up, peer->id);
  g_autoptr(JsonObject) ended = NULL;

  if (entry == NULL)
    return FALSE;
  if (entry->until_us < g_get_monotonic_time ())
    {
      g_hash_table_remove (router->hung_up, peer->id);
      return FALSE;
    }
  if (g_strcmp0 (entry->call_id, id) != 0 || !router->have_resume_key ||
      !fd_relay_resume_token_check (router->resume_key, token, id, peer->role, peer->id,
                                    g_get_real_time () / G_USEC_PER_SEC))
    return FALSE;
  g_hash_table_remove (router->hung_up, peer->id);
  g_message ("call %s: %s came back; its peer had hung up", id, peer->id);
  ended = fd_protocol_message_new (FD_MSG_CALL_ENDED);
  json_object_set_string_member (ended, "call", id);
  json_object_set_string_member (ended, "reason", FD_END_HANG_UP);
  _fd_relay_send_to (router, peer, ended);
  return TRUE;
}

void
_fd_relay_forget_detached (FdRelayRouter *router,
                           FdRelayCall   *call,
                           const char    *reason)
{
  const char *ids[2] = { call->desk_id, call->interpreter_id };

  g_clear_handle_id (&call->grace_source, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      FdRelayPeer *back;

      if (ids[i] == NULL || g_hash_table_lookup (router->detached, ids[i]) != call)
        continue;
      g_hash_table_remove (router->detached, ids[i]);
      if (g_strcmp0 (reason, FD_END_HANG_UP) == 0 && call->resume_expires_s != 0)
        remember_hang_up (router, call, ids[i]);
      /* Signed in again but never resumed: no longer kept busy for this call. */
      back = fd_relay_router_find_peer (router, ids[i]);
      if (back != NULL && back->call == NULL && back->role == FD_SIGNAL_ROLE_INTERPRETER &&
          back->presence == FD_PRESENCE_BUSY)
        _fd_relay_set_presence (router, back, back->wanted);
    }
}

/* A new connection signed in: an interpreter whose call waits for it is busy at once, so it is
 * never rung for another call in the moment between its hello and its call-resume. */
void
_fd_relay_peer_arrived (FdRelayRouter *router,
                        FdRelayPeer   *peer)
{
  if (peer->role == FD_SIGNAL_ROLE_INTERPRETER &&
      g_hash_table_lookup (router->detached, peer->id) != NULL)
    peer->presence = FD_PRESENCE_BUSY;
}

gboolean
_fd_relay_handle_resume (FdRelayRouter  *router,
                         FdRelayPeer    *peer,
                         JsonObject     *message,
                         GError        **error)
{
  const char *id = fd_protocol_get_string (message, "call");
  const char *token = fd_protocol_get_string (message, "resume");
  FdRelayCall *call = g_hash_table_lookup (router->detached, peer->id);
  gboolean desk = peer->role == FD_SIGNAL_ROLE_DESK;
  FdRelayPeer *other;

  if (peer->call != NULL)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "this connection already has a call");
      return FALSE;
    }
  if ((call == NULL || g_strcmp0 (call->id, id) != 0) && tell_hung_up (router, peer, id, token))
    return TRUE;
  /* One answer for an unknown call, someone else's call, an ended one and a wrong, forged or
   * expired token. */
  if (call == NULL || g_strcmp0 (call->id, id) != 0 || call->state != CALL_CONNECTED ||
      (desk ? call->desk : call->interpreter) != NULL ||
      g_strcmp0 (desk ? call->desk_id : call->interpreter_id, peer->id) != 0 ||
      call->resume_expires_s == 0 || !router->have_resume_key ||
      !fd_relay_resume_token_check (router->resume_key, token, call->id, peer->role, peer->id,
                                    g_get_real_time () / G_USEC_PER_SEC))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_NO_SUCH_CALL,
                   "no such call to resume");
      return FALSE;
    }
  g_hash_table_remove (router->detached, peer->id);
  if (desk)
    call->desk = peer;
  else
    call->interpreter = peer;
  peer->call = call;
  if (!desk)
    _fd_relay_set_presence (router, peer, FD_PRESENCE_BUSY);
  if (call->desk != NULL && call->interpreter != NULL)
    g_clear_handle_id (&call->grace_source, g_source_remove);
  /* Hung up while its connection was down: the call ends now, for the peer too. */
  if (fd_protocol_get_bool (message, "hang_up", FALSE))
    {
      g_message ("call %s: %s hung up while away", call->id, peer->id);
      _fd_relay_end_call (router, call, FD_END_HANG_UP, NULL);
      return TRUE;
    }
  g_message ("call %s: %s resumed it", call->id, peer->id);
  {
    g_autoptr(JsonObject) resumed = _fd_relay_call_message (FD_MSG_CALL_RESUMED, call);

    _fd_relay_send_to (router, peer, resumed);
  }
  other = _fd_relay_other_peer (call, peer);
  if (other != NULL)
    send_peer_signal (router, call, other, TRUE);
  else
    send_peer_signal (router, call, peer, FALSE);   /* the peer is still away */
  return TRUE;
}

/* ---- relay restarts ---------------------------------------------------------------------------- */

gboolean
_fd_relay_keep_for_restart (FdRelayRouter *router,
                            FdRelayCall   *call)
{
  if (call->state != CALL_CONNECTED || call->resume_expires_s == 0 || router->resume_grace == 0)
    return FALSE;
  if (call->desk != NULL)
    call->desk->call = NULL;
  if (call->interpreter != NULL)
    call->interpreter->call = NULL;
  call->desk = call->interpreter = NULL;
  _fd_relay_forget_detached (router, call, NULL);
  g_message ("call %s: left open for the relay's next run", call->id);
  g_hash_table_remove (router->calls, call->id);
  return TRUE;
}

/* @open's call with both sides away, waiting the grace; FALSE if it cannot be rebuilt. */
static gboolean
restore_call (FdRelayRouter         *router,
              const FdRelayOpenCall *open,
              gint64                 now_ms)
{
  FdRelayCall *call;

  if (!g_strv_contains (fd_protocol_languages (), open->language) || *open->desk_id == '\0' ||
      *open->interpreter_id == '\0' || g_hash_table_contains (router->calls, open->id) ||
      g_hash_table_contains (router->detached, open->desk_id) ||
      g_hash_table_contains (router->detached, open->interpreter_id))
    return FALSE;
  call = g_new0 (FdRelayCall, 1);
  call->router = router;
  call->id = g_strdup (open->id);
  call->language = g_strdup (open->language);
  call->state = CALL_CONNECTED;
  call->tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  call->seq = router->next_seq++;
  call->last_position = -1;
  call->last_eta = G_MININT;
  call->answered = TRUE;
  call->asked_ms = open->asked_ms;
  call->answered_us = g_get_monotonic_time () - MAX (now_ms - open->answered_ms, 0) * 1000;
  call->desk_id = g_strdup (open->desk_id);
  call->interpreter_id = g_strdup (open->interpreter_id);
  call->resume_expires_s = open->answered_ms / 1000 + FD_RELAY_RESUME_LIFETIME_S;
  call->restored = TRUE;
  g_hash_table_insert (router->calls, call->id, call);
  g_hash_table_replace (router->detached, g_strdup (call->desk_id), call);
  g_hash_table_replace (router->detached, g_strdup (call->interpreter_id), call);
  call->grace_source = g_timeout_add_seconds (router->resume_grace, on_grace_over, call);
  g_message ("call %s: rebuilt from its record; waiting %u s for %s and %s to resume it",
             call->id, router->resume_grace, call->desk_id, call->interpreter_id);
  return TRUE;
}

guint
fd_relay_router_restore_calls (FdRelayRouter *router)
{
  gint64 now_ms = g_get_real_time () / 1000;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  guint restored = 0;

  open = fd_relay_store_open_calls (router->store, now_ms - FD_RELAY_RESUME_LIFETIME_S * 1000,
                                    MAX_RESTORED, &error);
  if (open == NULL)
    {
      _fd_relay_db_result (router, FALSE, error);
      return 0;
    }
  for (guint i = 0; i < open->len; i++)
    {
      const FdRelayOpenCall *row = g_ptr_array_index (open, i);

      if (router->have_resume_key && router->resume_grace > 0 &&
          restore_call (router, row, now_ms))
        {
          restored++;
          continue;
        }
      /* queued for the store's writer; a failed write counts in its errors */
      fd_relay_store_call_ended (router->store, row->id, END_RELAY_RESTART, now_ms);
    }
  if (open->len > 0)
    g_message ("%u connected calls open from the last run; %u wait for their resumes", open->len,
               restored);
  return restored;
}

void
fd_relay_router_set_resume_key (FdRelayRouter *router,
                                const guint8  *key)
{
  router->have_resume_key = key != NULL;
  if (key != NULL)
    memcpy (router->resume_key, key, FD_RELAY_RESUME_KEY_BYTES);
  else
    memset (router->resume_key, 0, sizeof router->resume_key);
}
