/* fd-relay-router.c: interpreter presence, call routing, queues and relaying between peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fd-relay-router-private.h"


int
_fd_relay_lang_index (const char *language)
{
  const char * const *langs = fd_protocol_languages ();

  for (int i = 0; i < FD_RELAY_N_LANGS; i++)
    {
      if (g_strcmp0 (langs[i], language) == 0)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

void
_fd_relay_db_result (FdRelayRouter *router,
                     gboolean       ok,
                     GError        *error)
{
  if (ok)
    return;
  router->db_errors++;
  g_message ("%s", error->message);
}

void
_fd_relay_send_to (FdRelayRouter *router,
                   FdRelayPeer   *peer,
                   JsonObject    *message)
{
  router->send (peer->connection, message);
}

JsonObject *
_fd_relay_peer_object (FdRelayPeer *peer,
                       gboolean     with_role)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", peer->id);
  json_object_set_string_member (object, "name", peer->name);
  if (with_role)
    json_object_set_string_member (object, "role", fd_signal_role_to_string (peer->role));
  return object;
}

JsonObject *
_fd_relay_call_message (FdMsgType    type,
                        FdRelayCall *call)
{
  JsonObject *message = fd_protocol_message_new (type);

  json_object_set_string_member (message, "call", call->id);
  return message;
}

static void
send_call_ended (FdRelayRouter *router, FdRelayPeer *peer, FdRelayCall *call, const char *reason)
{
  g_autoptr(JsonObject) message = _fd_relay_call_message (FD_MSG_CALL_ENDED, call);

  json_object_set_string_member (message, "reason", reason);
  _fd_relay_send_to (router, peer, message);
}

void
_fd_relay_send_presence (FdRelayRouter *router,
                         FdRelayPeer   *peer)
{
  g_autoptr(JsonObject) message = fd_protocol_message_new (FD_MSG_PRESENCE);
  JsonArray *langs = json_array_new ();

  json_object_set_string_member (message, "presence", fd_presence_to_string (peer->presence));
  for (guint i = 0; peer->languages != NULL && peer->languages[i] != NULL; i++)
    json_array_add_string_element (langs, peer->languages[i]);
  json_object_set_array_member (message, "languages", langs);
  _fd_relay_send_to (router, peer, message);
}

/* Takes @peer out of router->idle, and back in at the tail (the longest idle at the head) if it
 * is an available interpreter: called whenever its presence or idle_since is set. */
static void
relist_idle (FdRelayRouter *router,
             FdRelayPeer   *peer)
{
  if (peer->idle_listed)
    g_queue_unlink (&router->idle, &peer->idle_link);
  peer->idle_listed = peer->role == FD_SIGNAL_ROLE_INTERPRETER
                      && peer->presence == FD_PRESENCE_AVAILABLE;
  if (peer->idle_listed)
    {
      peer->idle_link.data = peer;
      g_queue_push_tail_link (&router->idle, &peer->idle_link);
    }
}

void
_fd_relay_set_presence (FdRelayRouter *router,
                        FdRelayPeer   *peer,
                        FdPresence     presence)
{
  if (peer->presence == presence)
    return;
  if (presence == FD_PRESENCE_AVAILABLE)
    peer->idle_since = g_get_monotonic_time ();
  peer->presence = presence;
  relist_idle (router, peer);
  _fd_relay_send_presence (router, peer);
}

static gboolean
speaks (FdRelayPeer *peer, const char *language)
{
  return peer->languages != NULL && g_strv_contains ((const char * const *) peer->languages,
                                                     language);
}

static void
call_free (gpointer data)
{
  FdRelayCall *call = data;

  g_clear_handle_id (&call->ring_source, g_source_remove);
  g_clear_handle_id (&call->grace_source, g_source_remove);
  g_hash_table_unref (call->tried);
  g_free (call->desk_id);
  g_free (call->interpreter_id);
  g_free (call->id);
  g_free (call->language);
  g_free (call);
}

/* The longest idle available interpreter of the call's language not rung for it yet: the first
 * that fits in router->idle (a pass over every peer took most of a call request's time at
 * 10,000 peers, bench/relay). */
static FdRelayPeer *
find_candidate (FdRelayRouter *router, FdRelayCall *call)
{
  for (GList *link = router->idle.head; link != NULL; link = link->next)
    {
      FdRelayPeer *peer = link->data;

      if (peer->presence == FD_PRESENCE_AVAILABLE && peer->call == NULL
          && speaks (peer, call->language) && !g_hash_table_contains (call->tried, peer->id))
        return peer;
    }
  return NULL;
}

static gint
compare_seq (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const FdRelayCall *ca = a, *cb = b;

  return ca->seq < cb->seq ? -1 : (ca->seq > cb->seq ? 1 : 0);
}

static gboolean
on_ring_timeout (gpointer data)
{
  FdRelayCall *call = data;

  call->ring_source = 0;
  g_message ("call %s: %s did not answer within %u s", call->id, call->interpreter->id,
             call->router->ring_timeout);
  _fd_relay_ring_failed (call->router, call, FD_END_RING_TIMEOUT, FD_PRESENCE_AWAY, FALSE);
  return G_SOURCE_REMOVE;
}

/* The desk hears `ringing` first: its wait is what bench/relay measures. */
static void
ring (FdRelayRouter *router, FdRelayCall *call, FdRelayPeer *interpreter)
{
  g_autoptr(JsonObject) incoming = _fd_relay_call_message (FD_MSG_INCOMING_CALL, call);
  g_autoptr(JsonObject) ringing = _fd_relay_call_message (FD_MSG_RINGING, call);

  g_assert (interpreter->call == NULL);
  call->state = CALL_RINGING;
  call->interpreter = interpreter;
  call->last_position = -1;
  call->last_eta = G_MININT;
  g_hash_table_add (call->tried, g_strdup (interpreter->id));
  interpreter->call = call;

  json_object_set_string_member (ringing, "language", call->language);
  json_object_set_object_member (ringing, "interpreter", _fd_relay_peer_object (interpreter, FALSE));
  _fd_relay_send_to (router, call->desk, ringing);

  _fd_relay_set_presence (router, interpreter, FD_PRESENCE_BUSY);
  json_object_set_string_member (incoming, "language", call->language);
  json_object_set_object_member (incoming, "desk", _fd_relay_peer_object (call->desk, FALSE));
  json_object_set_int_member (incoming, "ring_timeout", router->ring_timeout);
  _fd_relay_send_to (router, interpreter, incoming);

  call->ring_source = g_timeout_add_seconds (router->ring_timeout, on_ring_timeout, call);
  g_message ("call %s: ringing %s", call->id, interpreter->id);
}

/* Rings the best interpreter for @call or puts it in its queue. */
void
_fd_relay_route (FdRelayRouter *router,
                 FdRelayCall   *call)
{
  FdRelayPeer *candidate = router->shutting_down ? NULL : find_candidate (router, call);

  if (candidate != NULL)
    {
      ring (router, call, candidate);
      return;
    }
  call->state = CALL_QUEUED;
  call->interpreter = NULL;
  g_queue_insert_sorted (&router->queues[_fd_relay_lang_index (call->language)], call, compare_seq, NULL);
  g_message ("call %s: queued for %s", call->id, call->language);
}

void
_fd_relay_update_positions (FdRelayRouter *router)
{
  const char * const *langs = fd_protocol_languages ();

  for (int l = 0; l < FD_RELAY_N_LANGS; l++)
    {
      guint signed_in = 0;
      gint position = 0;

      if (g_queue_is_empty (&router->queues[l]))
        continue;   /* nobody to tell: no pass over every peer at each sign-in and leave */
      for (guint i = 0; i < router->peers->len; i++)
        {
          FdRelayPeer *peer = g_ptr_array_index (router->peers, i);

          if (peer->role == FD_SIGNAL_ROLE_INTERPRETER && peer->presence != FD_PRESENCE_AWAY
              && speaks (peer, langs[l]))
            signed_in++;
        }
      for (GList *link = router->queues[l].head; link != NULL; link = link->next)
        {
          FdRelayCall *call = link->data;
          gint eta;
          g_autoptr(JsonObject) queued = NULL;

          position++;
          eta = signed_in == 0 ? -1
                : (gint) ceil (position * fd_relay_stats_mean_call (router->stats, l)
                               / signed_in);
          if (position == call->last_position && eta == call->last_eta)
            continue;
          call->last_position = position;
          call->last_eta = eta;
          queued = _fd_relay_call_message (FD_MSG_QUEUED, call);
          json_object_set_string_member (queued, "language", call->language);
          json_object_set_int_member (queued, "position", position);
          json_object_set_int_member (queued, "eta", eta);
          _fd_relay_send_to (router, call->desk, queued);
        }
    }
}

void
_fd_relay_serve_queues (FdRelayRouter *router)
{
  if (router->shutting_down)
    return;
  for (int l = 0; l < FD_RELAY_N_LANGS; l++)
    {
      GList *link = router->queues[l].head;

      while (link != NULL)
        {
          GList *next = link->next;
          FdRelayCall *call = link->data;
          FdRelayPeer *candidate = find_candidate (router, call);

          if (candidate != NULL)
            {
              g_queue_delete_link (&router->queues[l], link);
              ring (router, call, candidate);
            }
          link = next;
        }
    }
  _fd_relay_update_positions (router);
}

static void
release_interpreter (FdRelayRouter *router, FdRelayPeer *interpreter, FdPresence presence)
{
  interpreter->call = NULL;
  _fd_relay_set_presence (router, interpreter, presence);
}

void
_fd_relay_ring_failed (FdRelayRouter *router,
                       FdRelayCall   *call,
                       const char    *reason,
                       FdPresence     presence,
                       gboolean       peer_gone)
{
  FdRelayPeer *interpreter = call->interpreter;

  g_assert (call->state == CALL_RINGING && interpreter != NULL);
  g_clear_handle_id (&call->ring_source, g_source_remove);
  call->interpreter = NULL;
  interpreter->call = NULL;
  if (!peer_gone)
    {
      send_call_ended (router, interpreter, call, reason);
      if (presence == FD_PRESENCE_AWAY)
        interpreter->wanted = FD_PRESENCE_AWAY;
      release_interpreter (router, interpreter, presence);
    }
  _fd_relay_route (router, call);
  _fd_relay_serve_queues (router);
}

/* Ends @call for both sides (except @gone, whose connection is closed). */
void
_fd_relay_end_call (FdRelayRouter *router,
                    FdRelayCall   *call,
                    const char    *reason,
                    FdRelayPeer   *gone)
{
  FdRelayPeer *desk = call->desk;
  FdRelayPeer *interpreter = call->interpreter;

  if (call->state == CALL_QUEUED)
    g_queue_remove (&router->queues[_fd_relay_lang_index (call->language)], call);
  g_clear_handle_id (&call->ring_source, g_source_remove);
  _fd_relay_forget_detached (router, call, reason);
  g_message ("call %s: ended (%s)", call->id, reason);

  /* Queued before anyone is told (the store's writer thread writes it within milliseconds;
   * the store's own reads wait for it). */
  fd_relay_store_call_ended (router->store, call->id, reason, g_get_real_time () / 1000);
  /* A side whose connection dropped during a connected call (desk or interpreter NULL) has
   * nobody to tell: it learns from its call-resume's refusal. */
  if (desk != NULL)
    {
      desk->call = NULL;
      if (!call->answered && g_strcmp0 (reason, FD_END_CANCELLED) == 0)
        {
          _fd_relay_refill_requests (router, desk);
          desk->requests -= 1.0;
        }
      if (desk != gone)
        send_call_ended (router, desk, call, reason);
    }
  if (interpreter != NULL)
    {
      interpreter->call = NULL;
      if (interpreter != gone)
        {
          send_call_ended (router, interpreter, call, reason);
          release_interpreter (router, interpreter, interpreter->wanted);
        }
    }
  if (call->answered)
    fd_relay_stats_call_ended (router->stats, _fd_relay_lang_index (call->language),
                               (g_get_monotonic_time () - call->answered_us)
                               / (double) G_USEC_PER_SEC);
  g_hash_table_remove (router->calls, call->id);
  _fd_relay_serve_queues (router);
}

FdRelayRouter *
fd_relay_router_new (FdRelayStore    *store,
                     guint            ring_timeout_s,
                     guint            requests_per_minute,
                     FdRelaySendFunc  send)
{
  FdRelayRouter *router = g_new0 (FdRelayRouter, 1);
  g_autoptr(GError) error = NULL;

  router->store = store;
  router->ring_timeout = ring_timeout_s;
  router->requests_per_minute = requests_per_minute;
  router->send = send;
  router->peers = g_ptr_array_new ();
  g_queue_init (&router->idle);
  router->calls = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, call_free);
  router->detached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  router->hung_up = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  router->resume_grace = FD_PROTOCOL_RESUME_GRACE;
  for (int l = 0; l < FD_RELAY_N_LANGS; l++)
    g_queue_init (&router->queues[l]);
  router->stats = fd_relay_stats_new (store, &error);
  if (error != NULL)
    _fd_relay_db_result (router, FALSE, error);
  return router;
}

static void
peer_free (FdRelayPeer *peer)
{
  g_free (peer->id);
  g_free (peer->name);
  g_strfreev (peer->languages);
  g_strfreev (peer->allowed);
  g_free (peer);
}

void
fd_relay_router_free (FdRelayRouter *router)
{
  if (router == NULL)
    return;
  for (int l = 0; l < FD_RELAY_N_LANGS; l++)
    g_queue_clear (&router->queues[l]);
  g_hash_table_unref (router->detached);
  g_hash_table_unref (router->hung_up);
  g_hash_table_unref (router->calls);
  fd_relay_stats_free (router->stats);
  for (guint i = 0; i < router->peers->len; i++)
    peer_free (g_ptr_array_index (router->peers, i));
  g_ptr_array_unref (router->peers);
  g_free (router);
}

FdRelayPeer *
fd_relay_router_add_peer (FdRelayRouter         *router,
                          const FdRelayIdentity *identity,
                          const char * const    *languages,
                          FdPresence             presence,
                          gpointer               connection)
{
  FdRelayPeer *peer = g_new0 (FdRelayPeer, 1);
  FdSignalRole role = identity->role;

  peer->id = g_strdup (identity->id);
  peer->name = g_strdup (identity->name);
  peer->role = role;
  peer->allowed = g_strdupv (identity->languages);
  if (role == FD_SIGNAL_ROLE_INTERPRETER)
    peer->languages = g_strdupv (languages != NULL ? (char **) languages : identity->languages);
  if (role == FD_SIGNAL_ROLE_INTERPRETER && peer->languages == NULL)
    peer->languages = g_strdupv ((char **) fd_protocol_languages ());
  peer->presence = presence;
  peer->wanted = presence;
  peer->idle_since = g_get_monotonic_time ();
  peer->requests = G_MAXUINT;   /* capped to a full bucket at the first request */
  peer->requests_refill_us = peer->idle_since;
  peer->connection = connection;
  g_ptr_array_add (router->peers, peer);
  _fd_relay_peer_arrived (router, peer);
  relist_idle (router, peer);
  return peer;
}

void
fd_relay_router_announce (FdRelayRouter *router, FdRelayPeer *peer)
{
  if (peer->role == FD_SIGNAL_ROLE_INTERPRETER)
    _fd_relay_send_presence (router, peer);
  _fd_relay_serve_queues (router);
}

static void
remove_peer (FdRelayRouter *router,
             FdRelayPeer   *peer,
             gboolean       resumable)
{
  FdRelayCall *call = peer->call;

  if (call != NULL)
    {
      if (peer->role == FD_SIGNAL_ROLE_INTERPRETER && call->state == CALL_RINGING)
        _fd_relay_ring_failed (router, call, NULL, FD_PRESENCE_AWAY, TRUE);
      else if (resumable && call->state == CALL_CONNECTED && router->resume_grace > 0 &&
               !router->shutting_down)
        _fd_relay_detach (router, call, peer);
      else
        _fd_relay_end_call (router, call, FD_END_PEER_GONE, peer);
    }
  g_ptr_array_remove (router->peers, peer);
  if (peer->idle_listed)
    g_queue_unlink (&router->idle, &peer->idle_link);
  peer_free (peer);
  _fd_relay_update_positions (router);
}

void
fd_relay_router_remove_peer (FdRelayRouter *router,
                             FdRelayPeer   *peer)
{
  remove_peer (router, peer, FALSE);
}

void
fd_relay_router_lose_peer (FdRelayRouter *router,
                           FdRelayPeer   *peer)
{
  remove_peer (router, peer, TRUE);
}

FdRelayPeer *
fd_relay_router_find_peer (FdRelayRouter *router, const char *id)
{
  for (guint i = 0; i < router->peers->len; i++)
    {
      FdRelayPeer *peer = g_ptr_array_index (router->peers, i);

      if (g_strcmp0 (peer->id, id) == 0)
        return peer;
    }
  return NULL;
}

void
fd_relay_router_shutdown (FdRelayRouter *router)
{
  GHashTableIter iter;
  gpointer value;

  router->shutting_down = TRUE;
  while (g_hash_table_size (router->calls) > 0)
    {
      g_hash_table_iter_init (&iter, router->calls);
      if (!g_hash_table_iter_next (&iter, NULL, &value))
        break;
      if (!_fd_relay_keep_for_restart (router, value))
        _fd_relay_end_call (router, value, FD_END_SHUTDOWN, NULL);
    }
}

void
fd_relay_router_counts (FdRelayRouter *router, FdRelayCounts *out)
{
  GHashTableIter iter;
  gpointer value;

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < router->peers->len; i++)
    {
      FdRelayPeer *peer = g_ptr_array_index (router->peers, i);

      if (peer->role == FD_SIGNAL_ROLE_DESK)
        {
          out->desks++;
          continue;
        }
      out->interpreters++;
      if (peer->presence == FD_PRESENCE_AVAILABLE)
        out->available++;
      else if (peer->presence == FD_PRESENCE_BUSY)
        out->busy++;
      else
        out->away++;
    }
  for (int l = 0; l < FD_RELAY_N_LANGS; l++)
    out->queued[l] = router->queues[l].length;
  g_hash_table_iter_init (&iter, router->calls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FdRelayCall *call = value;

      if (call->state == CALL_RINGING)
        out->ringing++;
      else if (call->state == CALL_CONNECTED)
        out->connected++;
    }
}

/* The router's own (reading the statistics at start) and the store's failed writes. */
guint
fd_relay_router_db_errors (FdRelayRouter *router)
{
  return router->db_errors + fd_relay_store_write_errors (router->store);
}

void
fd_relay_router_update_peer (FdRelayRouter      *router,
                             FdRelayPeer        *peer,
                             const char         *name,
                             const char * const *allowed)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  gboolean dropped = FALSE;

  g_free (peer->name);
  peer->name = g_strdup (name);
  g_strfreev (peer->allowed);
  peer->allowed = g_strdupv ((char **) allowed);
  if (peer->role != FD_SIGNAL_ROLE_INTERPRETER || allowed == NULL)
    return;
  for (guint i = 0; peer->languages != NULL && peer->languages[i] != NULL; i++)
    {
      if (g_strv_contains (allowed, peer->languages[i]))
        g_ptr_array_add (kept, g_strdup (peer->languages[i]));
      else
        dropped = TRUE;
    }
  if (!dropped)
    return;
  g_ptr_array_add (kept, NULL);
  g_strfreev (peer->languages);
  peer->languages = (char **) g_ptr_array_free (g_steal_pointer (&kept), FALSE);
  _fd_relay_send_presence (router, peer);
  _fd_relay_update_positions (router);
}

void
fd_relay_router_day_stats (FdRelayRouter   *router,
                           FdRelayDayStats *out)
{
  fd_relay_stats_day (router->stats, out);
}

void
fd_relay_router_set_turn (FdRelayRouter     *router,
                          const FdRelayTurn *turn)
{
  router->turn = turn;
}

void
fd_relay_router_set_resume_grace (FdRelayRouter *router,
                                  guint          seconds)
{
  router->resume_grace = seconds;
}
