/* fd-relay-router.c: interpreter presence, call routing, queues and relaying between peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fd-relay-router.h"

#define DEFAULT_MEAN_CALL_S 300.0
#define MEAN_OVER_CALLS 20
#define N_LANGS 3
#define MAX_WAITS_KEPT 100000

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
};

struct _FdRelayRouter
{
  FdRelayStore *store;
  guint ring_timeout;
  FdRelaySendFunc send;
  GPtrArray *peers;
  GHashTable *calls;      /* id → FdRelayCall */
  GQueue queues[N_LANGS];
  guint64 next_seq;
  guint db_errors;
  guint requests_per_minute;
  /* last MEAN_OVER_CALLS call durations per language (seconds), kept in memory */
  double durations[N_LANGS][MEAN_OVER_CALLS];
  guint n_durations[N_LANGS];
  guint next_duration[N_LANGS];
  double mean_call_s[N_LANGS];
  /* today (local time), kept in memory: /health never queries the database */
  gint64 day_start_ms;
  guint calls_today;
  GArray *waits_today;    /* gint64 ms, answered − asked */
  gboolean shutting_down;
};

static void serve_queues (FdRelayRouter *router);

static int
lang_index (const char *language)
{
  const char * const *langs = fd_protocol_languages ();

  for (int i = 0; i < N_LANGS; i++)
    {
      if (g_strcmp0 (langs[i], language) == 0)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

static void
db_result (FdRelayRouter *router, gboolean ok, GError *error)
{
  if (ok)
    return;
  router->db_errors++;
  g_message ("%s", error->message);
}

static void
send_to (FdRelayRouter *router, FdRelayPeer *peer, JsonObject *message)
{
  router->send (peer->connection, message);
}

static JsonObject *
peer_object (FdRelayPeer *peer, gboolean with_role)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", peer->id);
  json_object_set_string_member (object, "name", peer->name);
  if (with_role)
    json_object_set_string_member (object, "role", fd_signal_role_to_string (peer->role));
  return object;
}

static JsonObject *
call_message (FdMsgType type, FdRelayCall *call)
{
  JsonObject *message = fd_protocol_message_new (type);

  json_object_set_string_member (message, "call", call->id);
  return message;
}

static void
send_call_ended (FdRelayRouter *router, FdRelayPeer *peer, FdRelayCall *call, const char *reason)
{
  g_autoptr(JsonObject) message = call_message (FD_MSG_CALL_ENDED, call);

  json_object_set_string_member (message, "reason", reason);
  send_to (router, peer, message);
}

static void
send_presence (FdRelayRouter *router, FdRelayPeer *peer)
{
  g_autoptr(JsonObject) message = fd_protocol_message_new (FD_MSG_PRESENCE);
  JsonArray *langs = json_array_new ();

  json_object_set_string_member (message, "presence", fd_presence_to_string (peer->presence));
  for (guint i = 0; peer->languages != NULL && peer->languages[i] != NULL; i++)
    json_array_add_string_element (langs, peer->languages[i]);
  json_object_set_array_member (message, "languages", langs);
  send_to (router, peer, message);
}

static void
set_presence (FdRelayRouter *router, FdRelayPeer *peer, FdPresence presence)
{
  if (peer->presence == presence)
    return;
  if (presence == FD_PRESENCE_AVAILABLE)
    peer->idle_since = g_get_monotonic_time ();
  peer->presence = presence;
  send_presence (router, peer);
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
  g_hash_table_unref (call->tried);
  g_free (call->id);
  g_free (call->language);
  g_free (call);
}

static FdRelayPeer *
find_candidate (FdRelayRouter *router, FdRelayCall *call)
{
  FdRelayPeer *best = NULL;

  for (guint i = 0; i < router->peers->len; i++)
    {
      FdRelayPeer *peer = g_ptr_array_index (router->peers, i);

      if (peer->role != FD_SIGNAL_ROLE_INTERPRETER || peer->presence != FD_PRESENCE_AVAILABLE
          || peer->call != NULL || !speaks (peer, call->language)
          || g_hash_table_contains (call->tried, peer->id))
        continue;
      if (best == NULL || peer->idle_since < best->idle_since)
        best = peer;
    }
  return best;
}

static gint
compare_seq (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const FdRelayCall *ca = a, *cb = b;

  return ca->seq < cb->seq ? -1 : (ca->seq > cb->seq ? 1 : 0);
}

static void
ring_failed (FdRelayRouter *router, FdRelayCall *call, const char *reason, FdPresence presence,
             gboolean peer_gone);

static gboolean
on_ring_timeout (gpointer data)
{
  FdRelayCall *call = data;

  call->ring_source = 0;
  g_message ("call %s: %s did not answer within %u s", call->id, call->interpreter->id,
             call->router->ring_timeout);
  ring_failed (call->router, call, FD_END_RING_TIMEOUT, FD_PRESENCE_AWAY, FALSE);
  return G_SOURCE_REMOVE;
}

static void
ring (FdRelayRouter *router, FdRelayCall *call, FdRelayPeer *interpreter)
{
  g_autoptr(JsonObject) incoming = call_message (FD_MSG_INCOMING_CALL, call);
  g_autoptr(JsonObject) ringing = call_message (FD_MSG_RINGING, call);

  g_assert (interpreter->call == NULL);
  call->state = CALL_RINGING;
  call->interpreter = interpreter;
  call->last_position = -1;
  call->last_eta = G_MININT;
  g_hash_table_add (call->tried, g_strdup (interpreter->id));
  interpreter->call = call;
  set_presence (router, interpreter, FD_PRESENCE_BUSY);

  json_object_set_string_member (incoming, "language", call->language);
  json_object_set_object_member (incoming, "desk", peer_object (call->desk, FALSE));
  json_object_set_int_member (incoming, "ring_timeout", router->ring_timeout);
  send_to (router, interpreter, incoming);

  json_object_set_string_member (ringing, "language", call->language);
  json_object_set_object_member (ringing, "interpreter", peer_object (interpreter, FALSE));
  send_to (router, call->desk, ringing);

  call->ring_source = g_timeout_add_seconds (router->ring_timeout, on_ring_timeout, call);
  g_message ("call %s: ringing %s", call->id, interpreter->id);
}

/* Rings the best interpreter for @call or puts it in its queue. */
static void
route (FdRelayRouter *router, FdRelayCall *call)
{
  FdRelayPeer *candidate = router->shutting_down ? NULL : find_candidate (router, call);

  if (candidate != NULL)
    {
      ring (router, call, candidate);
      return;
    }
  call->state = CALL_QUEUED;
  call->interpreter = NULL;
  g_queue_insert_sorted (&router->queues[lang_index (call->language)], call, compare_seq, NULL);
  g_message ("call %s: queued for %s", call->id, call->language);
}

static void
update_positions (FdRelayRouter *router)
{
  const char * const *langs = fd_protocol_languages ();

  for (int l = 0; l < N_LANGS; l++)
    {
      guint signed_in = 0;
      gint position = 0;

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
                : (gint) ceil (position * router->mean_call_s[l] / signed_in);
          if (position == call->last_position && eta == call->last_eta)
            continue;
          call->last_position = position;
          call->last_eta = eta;
          queued = call_message (FD_MSG_QUEUED, call);
          json_object_set_string_member (queued, "language", call->language);
          json_object_set_int_member (queued, "position", position);
          json_object_set_int_member (queued, "eta", eta);
          send_to (router, call->desk, queued);
        }
    }
}

static void
serve_queues (FdRelayRouter *router)
{
  if (router->shutting_down)
    return;
  for (int l = 0; l < N_LANGS; l++)
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
  update_positions (router);
}

static void
release_interpreter (FdRelayRouter *router, FdRelayPeer *interpreter, FdPresence presence)
{
  interpreter->call = NULL;
  set_presence (router, interpreter, presence);
}

static void
ring_failed (FdRelayRouter *router, FdRelayCall *call, const char *reason, FdPresence presence,
             gboolean peer_gone)
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
  route (router, call);
  serve_queues (router);
}

static void
add_duration (FdRelayRouter *router, int l, double seconds)
{
  double sum = 0;

  router->durations[l][router->next_duration[l]] = seconds;
  router->next_duration[l] = (router->next_duration[l] + 1) % MEAN_OVER_CALLS;
  router->n_durations[l] = MIN (router->n_durations[l] + 1, MEAN_OVER_CALLS);
  for (guint i = 0; i < router->n_durations[l]; i++)
    sum += router->durations[l][i];
  if (sum > 0)
    router->mean_call_s[l] = sum / router->n_durations[l];
}

static gint64
local_day_start_ms (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      0, 0, 0);

  return g_date_time_to_unix (start) * 1000;
}

/* At local midnight today's figures start again from zero. */
static void
roll_day (FdRelayRouter *router)
{
  gint64 start = local_day_start_ms ();

  if (start == router->day_start_ms)
    return;
  router->day_start_ms = start;
  router->calls_today = 0;
  g_array_set_size (router->waits_today, 0);
}

static void
refill_requests (FdRelayRouter *router, FdRelayPeer *desk)
{
  gint64 now = g_get_monotonic_time ();

  desk->requests += (now - desk->requests_refill_us) / (60.0 * G_USEC_PER_SEC)
                    * router->requests_per_minute;
  desk->requests = MIN (desk->requests, (double) router->requests_per_minute);
  desk->requests_refill_us = now;
}

/* Ends @call for both sides (except @gone, whose connection is closed). */
static void
end_call (FdRelayRouter *router, FdRelayCall *call, const char *reason, FdRelayPeer *gone)
{
  g_autoptr(GError) error = NULL;
  FdRelayPeer *desk = call->desk;
  FdRelayPeer *interpreter = call->interpreter;
  gboolean ok;

  if (call->state == CALL_QUEUED)
    g_queue_remove (&router->queues[lang_index (call->language)], call);
  g_clear_handle_id (&call->ring_source, g_source_remove);
  g_message ("call %s: ended (%s)", call->id, reason);

  /* Recorded before anyone is told, so a record never lags behind what clients saw. */
  ok = fd_relay_store_call_ended (router->store, call->id, reason,
                                  g_get_real_time () / 1000, &error);
  db_result (router, ok, error);
  desk->call = NULL;
  if (!call->answered && g_strcmp0 (reason, FD_END_CANCELLED) == 0)
    {
      refill_requests (router, desk);
      desk->requests -= 1.0;
    }
  if (desk != gone)
    send_call_ended (router, desk, call, reason);
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
    add_duration (router, lang_index (call->language),
                  (g_get_monotonic_time () - call->answered_us) / (double) G_USEC_PER_SEC);
  g_hash_table_remove (router->calls, call->id);
  serve_queues (router);
}

static FdRelayCall *
peer_call (FdRelayPeer *peer, JsonObject *message, GError **error)
{
  const char *id = fd_protocol_get_string (message, "call");

  if (peer->call == NULL || g_strcmp0 (peer->call->id, id) != 0)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_NO_SUCH_CALL,
                   "no such call for this connection");
      return NULL;
    }
  return peer->call;
}

static FdRelayPeer *
other_peer (FdRelayCall *call, FdRelayPeer *peer)
{
  return peer == call->desk ? call->interpreter : call->desk;
}

static gboolean
handle_presence (FdRelayRouter *router, FdRelayPeer *peer, JsonObject *message, GError **error)
{
  g_auto(GStrv) languages = fd_protocol_get_strv (message, "languages");
  FdPresence presence = FD_PRESENCE_AWAY;

  fd_presence_from_string (fd_protocol_get_string (message, "presence"), &presence);
  if (languages != NULL && peer->allowed != NULL)
    {
      for (guint i = 0; languages[i] != NULL; i++)
        {
          if (!g_strv_contains ((const char * const *) peer->allowed, languages[i]))
            {
              g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_LANGUAGE,
                           "language not allowed for this token");
              return FALSE;
            }
        }
    }
  if (languages != NULL)
    {
      g_strfreev (peer->languages);
      peer->languages = g_steal_pointer (&languages);
    }
  peer->wanted = presence;
  if (peer->call == NULL && peer->presence != presence)
    set_presence (router, peer, presence);
  else
    send_presence (router, peer);
  serve_queues (router);
  return TRUE;
}

static gboolean
handle_call_request (FdRelayRouter *router, FdRelayPeer *desk, JsonObject *message,
                     GError **error)
{
  g_autoptr(GError) db_error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  FdRelayCall *call;
  gboolean ok;

  if (desk->call != NULL)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "this desk already has a call");
      return FALSE;
    }
  /* A desk looping request/cancel would ring every interpreter in turn and write a record each
   * time: each call it cancels before an answer costs a token of a bucket refilled at
   * call-requests-per-minute; an empty bucket refuses requests. Answered calls cost nothing. */
  refill_requests (router, desk);
  if (desk->requests < 1.0)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_RATE_LIMITED,
                   "too many cancelled calls; wait a moment");
      return FALSE;
    }
  call = g_new0 (FdRelayCall, 1);
  call->router = router;
  call->id = g_strconcat ("c-", uuid, NULL);
  call->language = g_strdup (fd_protocol_get_string (message, "language"));
  call->desk = desk;
  call->tried = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  call->seq = router->next_seq++;
  call->last_position = -1;
  call->last_eta = G_MININT;
  call->asked_ms = g_get_real_time () / 1000;
  desk->call = call;
  roll_day (router);
  router->calls_today++;
  g_hash_table_insert (router->calls, call->id, call);
  g_message ("call %s: desk %s asks for %s", call->id, desk->id, call->language);
  ok = fd_relay_store_call_asked (router->store, call->id, desk->id, desk->name, call->language,
                                  call->asked_ms, &db_error);
  db_result (router, ok, db_error);
  route (router, call);
  update_positions (router);
  return TRUE;
}

static gboolean
handle_accept (FdRelayRouter *router, FdRelayPeer *peer, FdRelayCall *call, GError **error)
{
  g_autoptr(GError) db_error = NULL;
  g_autoptr(JsonObject) to_desk = call_message (FD_MSG_CALL_ACCEPTED, call);
  g_autoptr(JsonObject) to_interpreter = call_message (FD_MSG_CALL_ACCEPTED, call);
  gint64 answered_ms;
  gboolean ok;

  if (call->state != CALL_RINGING || call->interpreter != peer)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE, "the call is not ringing");
      return FALSE;
    }
  g_clear_handle_id (&call->ring_source, g_source_remove);
  call->state = CALL_CONNECTED;
  call->answered = TRUE;
  call->answered_us = g_get_monotonic_time ();
  answered_ms = g_get_real_time () / 1000;
  roll_day (router);
  if (router->waits_today->len < MAX_WAITS_KEPT)
    {
      gint64 wait_ms = answered_ms - call->asked_ms;

      g_array_append_val (router->waits_today, wait_ms);
    }
  ok = fd_relay_store_call_answered (router->store, call->id, peer->id, peer->name,
                                     answered_ms, &db_error);
  db_result (router, ok, db_error);
  g_message ("call %s: %s answered", call->id, peer->id);

  json_object_set_string_member (to_desk, "language", call->language);
  json_object_set_object_member (to_desk, "peer", peer_object (peer, TRUE));
  json_object_set_boolean_member (to_desk, "offerer", TRUE);
  send_to (router, call->desk, to_desk);

  json_object_set_string_member (to_interpreter, "language", call->language);
  json_object_set_object_member (to_interpreter, "peer", peer_object (call->desk, TRUE));
  json_object_set_boolean_member (to_interpreter, "offerer", FALSE);
  send_to (router, peer, to_interpreter);
  return TRUE;
}

/* sdp, ice, chat: only between the two peers of a connected call; rebuilt, not copied. */
static gboolean
handle_relay (FdRelayRouter *router, FdRelayPeer *peer, FdRelayCall *call, FdMsgType type,
              JsonObject *message, GError **error)
{
  g_autoptr(JsonObject) out = NULL;
  const char *sdp_mid;

  if (call->state != CALL_CONNECTED)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "the call is not connected yet");
      return FALSE;
    }
  out = call_message (type, call);
  switch (type)
    {
    case FD_MSG_SDP:
      json_object_set_string_member (out, "sdp_type", fd_protocol_get_string (message, "sdp_type"));
      json_object_set_string_member (out, "sdp", fd_protocol_get_string (message, "sdp"));
      g_debug ("call %s: %s sdp from %s", call->id, fd_protocol_get_string (message, "sdp_type"),
               peer->id);
      break;
    case FD_MSG_ICE:
      json_object_set_string_member (out, "candidate",
                                     fd_protocol_get_string (message, "candidate"));
      json_object_set_int_member (out, "mline_index",
                                  fd_protocol_get_int (message, "mline_index", 0));
      sdp_mid = fd_protocol_get_string (message, "sdp_mid");
      if (sdp_mid != NULL)
        json_object_set_string_member (out, "sdp_mid", sdp_mid);
      break;
    case FD_MSG_CHAT:
      json_object_set_string_member (out, "text", fd_protocol_get_string (message, "text"));
      json_object_set_object_member (out, "from", peer_object (peer, FALSE));
      break;
    default:
      g_assert_not_reached ();
    }
  send_to (router, other_peer (call, peer), out);
  return TRUE;
}

static gboolean
check_role (FdRelayPeer *peer, FdSignalRole role, GError **error)
{
  if (peer->role == role)
    return TRUE;
  g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_FORBIDDEN,
               "only a %s may send this", fd_signal_role_to_string (role));
  return FALSE;
}

FdRelayRouter *
fd_relay_router_new (FdRelayStore   *store,
                     guint           ring_timeout_s,
                     guint           requests_per_minute,
                     FdRelaySendFunc send)
{
  FdRelayRouter *router = g_new0 (FdRelayRouter, 1);
  const char * const *langs = fd_protocol_languages ();
  g_autoptr(GError) error = NULL;

  router->store = store;
  router->ring_timeout = ring_timeout_s;
  router->requests_per_minute = requests_per_minute;
  router->send = send;
  router->peers = g_ptr_array_new ();
  router->calls = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, call_free);
  router->waits_today = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (int l = 0; l < N_LANGS; l++)
    {
      g_autoptr(GArray) recent = fd_relay_store_recent_durations (store, langs[l],
                                                                  MEAN_OVER_CALLS);

      g_queue_init (&router->queues[l]);
      router->mean_call_s[l] = DEFAULT_MEAN_CALL_S;
      for (guint i = recent->len; i > 0; i--)
        add_duration (router, l, g_array_index (recent, double, i - 1));
    }
  /* Once, at start: today's figures so far. */
  router->day_start_ms = local_day_start_ms ();
  if (!fd_relay_store_day_waits (store, router->day_start_ms, &router->calls_today,
                                 router->waits_today, &error))
    db_result (router, FALSE, error);
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
  for (int l = 0; l < N_LANGS; l++)
    g_queue_clear (&router->queues[l]);
  g_hash_table_unref (router->calls);
  g_array_unref (router->waits_today);
  for (guint i = 0; i < router->peers->len; i++)
    peer_free (g_ptr_array_index (router->peers, i));
  g_ptr_array_unref (router->peers);
  g_free (router);
}

FdRelayPeer *
fd_relay_router_add_peer (FdRelayRouter      *router,
                          const char         *id,
                          const char         *name,
                          FdSignalRole        role,
                          const char * const *allowed,
                          const char * const *languages,
                          FdPresence          presence,
                          gpointer            connection)
{
  FdRelayPeer *peer = g_new0 (FdRelayPeer, 1);

  peer->id = g_strdup (id);
  peer->name = g_strdup (name);
  peer->role = role;
  peer->allowed = g_strdupv ((char **) allowed);
  if (role == FD_SIGNAL_ROLE_INTERPRETER)
    peer->languages = g_strdupv ((char **) (languages != NULL ? languages : allowed));
  if (role == FD_SIGNAL_ROLE_INTERPRETER && peer->languages == NULL)
    peer->languages = g_strdupv ((char **) fd_protocol_languages ());
  peer->presence = presence;
  peer->wanted = presence;
  peer->idle_since = g_get_monotonic_time ();
  peer->requests = G_MAXUINT;   /* capped to a full bucket at the first request */
  peer->requests_refill_us = peer->idle_since;
  peer->connection = connection;
  g_ptr_array_add (router->peers, peer);
  return peer;
}

void
fd_relay_router_announce (FdRelayRouter *router, FdRelayPeer *peer)
{
  if (peer->role == FD_SIGNAL_ROLE_INTERPRETER)
    send_presence (router, peer);
  serve_queues (router);
}

void
fd_relay_router_remove_peer (FdRelayRouter *router, FdRelayPeer *peer)
{
  FdRelayCall *call = peer->call;

  if (call != NULL)
    {
      if (peer->role == FD_SIGNAL_ROLE_INTERPRETER && call->state == CALL_RINGING)
        ring_failed (router, call, NULL, FD_PRESENCE_AWAY, TRUE);
      else
        end_call (router, call, FD_END_PEER_GONE, peer);
    }
  g_ptr_array_remove (router->peers, peer);
  peer_free (peer);
  update_positions (router);
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

gboolean
fd_relay_router_handle (FdRelayRouter *router,
                        FdRelayPeer   *peer,
                        FdMsgType      type,
                        JsonObject    *message,
                        GError       **error)
{
  FdRelayCall *call;

  switch (type)
    {
    case FD_MSG_PRESENCE:
      return check_role (peer, FD_SIGNAL_ROLE_INTERPRETER, error)
             && handle_presence (router, peer, message, error);
    case FD_MSG_CALL_REQUEST:
      return check_role (peer, FD_SIGNAL_ROLE_DESK, error)
             && handle_call_request (router, peer, message, error);
    case FD_MSG_CALL_CANCEL:
      if (!check_role (peer, FD_SIGNAL_ROLE_DESK, error)
          || (call = peer_call (peer, message, error)) == NULL)
        return FALSE;
      end_call (router, call, call->state == CALL_CONNECTED ? FD_END_HANG_UP : FD_END_CANCELLED,
                NULL);
      return TRUE;
    case FD_MSG_CALL_ACCEPT:
      if (!check_role (peer, FD_SIGNAL_ROLE_INTERPRETER, error)
          || (call = peer_call (peer, message, error)) == NULL)
        return FALSE;
      return handle_accept (router, peer, call, error);
    case FD_MSG_CALL_DECLINE:
      if (!check_role (peer, FD_SIGNAL_ROLE_INTERPRETER, error)
          || (call = peer_call (peer, message, error)) == NULL)
        return FALSE;
      if (call->state != CALL_RINGING)
        {
          g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE, "the call is not ringing");
          return FALSE;
        }
      g_message ("call %s: %s declined", call->id, peer->id);
      ring_failed (router, call, FD_END_DECLINED, peer->wanted, FALSE);
      return TRUE;
    case FD_MSG_SDP:
    case FD_MSG_ICE:
    case FD_MSG_CHAT:
      if ((call = peer_call (peer, message, error)) == NULL)
        return FALSE;
      return handle_relay (router, peer, call, type, message, error);
    case FD_MSG_HANG_UP:
      if ((call = peer_call (peer, message, error)) == NULL)
        return FALSE;
      if (call->state == CALL_CONNECTED)
        end_call (router, call, FD_END_HANG_UP, NULL);
      else if (peer->role == FD_SIGNAL_ROLE_DESK)
        end_call (router, call, FD_END_CANCELLED, NULL);
      else
        ring_failed (router, call, FD_END_DECLINED, peer->wanted, FALSE);
      return TRUE;
    default:
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "message not expected now");
      return FALSE;
    }
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
      end_call (router, value, FD_END_SHUTDOWN, NULL);
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
  for (int l = 0; l < N_LANGS; l++)
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

guint
fd_relay_router_db_errors (FdRelayRouter *router)
{
  return router->db_errors;
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
  send_presence (router, peer);
  update_positions (router);
}

static int
compare_ms (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

static gint64
percentile (GArray *sorted, double p)
{
  guint rank;

  if (sorted->len == 0)
    return -1;
  /* Nearest-rank method. */
  rank = (guint) ((p * sorted->len) + 0.999999);
  rank = CLAMP (rank, 1, sorted->len);
  return g_array_index (sorted, gint64, rank - 1);
}

void
fd_relay_router_day_stats (FdRelayRouter *router, FdRelayDayStats *out)
{
  g_autoptr(GArray) sorted = NULL;

  roll_day (router);
  sorted = g_array_copy (router->waits_today);
  g_array_sort (sorted, compare_ms);
  out->calls = router->calls_today;
  out->answered = sorted->len;
  out->answer_p50_ms = percentile (sorted, 0.5);
  out->answer_p90_ms = percentile (sorted, 0.9);
}

double
fd_relay_router_mean_call (FdRelayRouter *router, const char *language)
{
  return router->mean_call_s[lang_index (language)];
}
