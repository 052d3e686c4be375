/* fd-relay-router-handle.c: the router's handling of messages from signed-in peers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include "fd-relay-router-private.h"

static FdRelayCall *
peer_call (FdRelayPeer  *peer,
           JsonObject   *message,
           GError      **error)
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

FdRelayPeer *
_fd_relay_other_peer (FdRelayCall *call,
                      FdRelayPeer *peer)
{
  return peer == call->desk ? call->interpreter : call->desk;
}

static gboolean
handle_presence (FdRelayRouter  *router,
                 FdRelayPeer    *peer,
                 JsonObject     *message,
                 GError        **error)
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
    _fd_relay_set_presence (router, peer, presence);
  else
    _fd_relay_send_presence (router, peer);
  _fd_relay_serve_queues (router);
  return TRUE;
}

static gboolean
handle_call_request (FdRelayRouter  *router,
                     FdRelayPeer    *desk,
                     JsonObject     *message,
                     GError        **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  FdRelayCall *call = g_hash_table_lookup (router->detached, desk->id);

  /* A desk that asks anew instead of resuming (its program restarted) gave its held call up. */
  if (call != NULL && desk->call == NULL)
    _fd_relay_end_call (router, call, FD_END_PEER_GONE, NULL);
  if (desk->call != NULL)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "this desk already has a call");
      return FALSE;
    }
  /* A desk looping request/cancel would ring every interpreter in turn and write a record each
   * time: each call it cancels before an answer costs a token of a bucket refilled at
   * call-requests-per-minute; an empty bucket refuses requests. Answered calls cost nothing. */
  _fd_relay_refill_requests (router, desk);
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
  fd_relay_stats_call_asked (router->stats);
  g_hash_table_insert (router->calls, call->id, call);
  _fd_relay_route (router, call);
  /* Logged, and queued for the store's writer, after `ringing` is out: the log line is a write
   * to a file or the journal, and waking the writer may take the CPU. Nothing else can happen
   * to the call before. */
  g_message ("call %s: asked by desk %s for %s", call->id, desk->id, call->language);
  fd_relay_store_call_asked (router->store, call->id, desk->id, desk->name, call->language,
                             call->asked_ms);
  _fd_relay_update_positions (router);
  return TRUE;
}

/* Each peer gets its own short-lived TURN credential, named after its identity (coturn logs it). */
static void
add_ice_servers (FdRelayRouter *router,
                 JsonObject    *message,
                 FdRelayPeer   *peer)
{
  if (router->turn == NULL)
    return;
  json_object_set_array_member (message, "ice_servers",
                                fd_relay_turn_ice_servers (router->turn, peer->id,
                                                           g_get_real_time () / G_USEC_PER_SEC));
}

static gboolean
handle_accept (FdRelayRouter  *router,
               FdRelayPeer    *peer,
               FdRelayCall    *call,
               GError        **error)
{
  g_autoptr(JsonObject) to_desk = _fd_relay_call_message (FD_MSG_CALL_ACCEPTED, call);
  g_autoptr(JsonObject) to_interpreter = _fd_relay_call_message (FD_MSG_CALL_ACCEPTED, call);
  gint64 answered_ms;

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
  fd_relay_stats_call_answered (router->stats, answered_ms - call->asked_ms);
  fd_relay_store_call_answered (router->store, call->id, peer->id, peer->name, answered_ms);
  /* Written before either side hears call-accepted: a relay killed from then on rebuilds the
   * call from this record when both resume (fd-relay-router-resume.c). The one write an answer
   * waits for; requests, rings and ends stay queued for the writer. */
  fd_relay_store_flush (router->store);
  g_message ("call %s: %s answered", call->id, peer->id);

  json_object_set_string_member (to_desk, "language", call->language);
  json_object_set_object_member (to_desk, "peer", _fd_relay_peer_object (peer, TRUE));
  json_object_set_boolean_member (to_desk, "offerer", TRUE);
  add_ice_servers (router, to_desk, call->desk);
  call->desk_id = g_strdup (call->desk->id);
  call->interpreter_id = g_strdup (peer->id);
  _fd_relay_offer_resume (router, call, to_desk, to_interpreter);
  _fd_relay_send_to (router, call->desk, to_desk);

  json_object_set_string_member (to_interpreter, "language", call->language);
  json_object_set_object_member (to_interpreter, "peer", _fd_relay_peer_object (call->desk, TRUE));
  json_object_set_boolean_member (to_interpreter, "offerer", FALSE);
  add_ice_servers (router, to_interpreter, peer);
  _fd_relay_send_to (router, peer, to_interpreter);
  return TRUE;
}

/* sdp, ice, chat, media-restart: only between the two peers of a connected call; rebuilt, not
 * copied. */
static gboolean
handle_relay (FdRelayRouter  *router,
              FdRelayPeer    *peer,
              FdRelayCall    *call,
              FdMsgType       type,
              JsonObject     *message,
              GError        **error)
{
  g_autoptr(JsonObject) out = NULL;
  FdRelayPeer *to;
  const char *sdp_mid;

  if (call->state != CALL_CONNECTED)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "the call is not connected yet");
      return FALSE;
    }
  to = _fd_relay_other_peer (call, peer);
  if (to == NULL)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "the peer's relay connection is lost (waiting for it to resume)");
      return FALSE;
    }
  out = _fd_relay_call_message (type, call);
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
      json_object_set_object_member (out, "from", _fd_relay_peer_object (peer, FALSE));
      break;
    case FD_MSG_MEDIA_RESTART:
      g_message ("call %s: %s restarts the media", call->id, peer->id);
      break;
    default:
      g_assert_not_reached ();
    }
  _fd_relay_send_to (router, to, out);
  return TRUE;
}

static gboolean
check_role (FdRelayPeer   *peer,
            FdSignalRole   role,
            GError       **error)
{
  if (peer->role == role)
    return TRUE;
  g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_FORBIDDEN,
               "only a %s may send this", fd_signal_role_to_string (role));
  return FALSE;
}

void
_fd_relay_refill_requests (FdRelayRouter *router,
                           FdRelayPeer   *desk)
{
  gint64 now = g_get_monotonic_time ();

  desk->requests += (now - desk->requests_refill_us) / (60.0 * G_USEC_PER_SEC)
                    * router->requests_per_minute;
  desk->requests = MIN (desk->requests, (double) router->requests_per_minute);
  desk->requests_refill_us = now;
}

gboolean
fd_relay_router_handle (FdRelayRouter  *router,
                        FdRelayPeer    *peer,
                        FdMsgType       type,
                        JsonObject     *message,
                        GError        **error)
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
      _fd_relay_end_call (router, call, call->state == CALL_CONNECTED ? FD_END_HANG_UP : FD_END_CANCELLED,
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
      _fd_relay_ring_failed (router, call, FD_END_DECLINED, peer->wanted, FALSE);
      return TRUE;
    case FD_MSG_CALL_RESUME:
      return _fd_relay_handle_resume (router, peer, message, error);
    case FD_MSG_SDP:
    case FD_MSG_ICE:
    case FD_MSG_CHAT:
    case FD_MSG_MEDIA_RESTART:
      if ((call = peer_call (peer, message, error)) == NULL)
        return FALSE;
      return handle_relay (router, peer, call, type, message, error);
    case FD_MSG_HANG_UP:
      if ((call = peer_call (peer, message, error)) == NULL)
        return FALSE;
      if (call->state == CALL_CONNECTED)
        _fd_relay_end_call (router, call, FD_END_HANG_UP, NULL);
      else if (peer->role == FD_SIGNAL_ROLE_DESK)
        _fd_relay_end_call (router, call, FD_END_CANCELLED, NULL);
      else
        _fd_relay_ring_failed (router, call, FD_END_DECLINED, peer->wanted, FALSE);
      return TRUE;
    default:
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "message not expected now");
      return FALSE;
    }
}

