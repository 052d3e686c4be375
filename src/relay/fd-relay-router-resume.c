/* fd-relay-router-resume.c: a connected call outlives a dropped relay connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Media goes peer to peer, so when the desk's or the interpreter's WebSocket drops during a
 * connected call (Wi-Fi blip, a proxy restart, a moved address) the call goes on. The relay keeps
 * the call's record and the other side's session for resume-grace seconds, tells the other side
 * (peer-signal, connected false), and gives the call back to a new connection of the same
 * identity that presents the call's resume secret (call-resume). The secret is 32 random bytes
 * from getrandom(), sent once to each side with call-accepted, compared in constant time; a wrong
 * one gets the same no-such-call as an unknown call. After the grace the call ends (peer-gone).
 * A relay restart loses this in-memory state: docs/relay.md, "Network blips".
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include "fd-relay-router-private.h"

gboolean
_fd_relay_make_resume_secrets (FdRelayCall *call)
{
  char *out[2] = { call->desk_resume, call->interpreter_resume };

  for (guint i = 0; i < G_N_ELEMENTS (out); i++)
    {
      guint8 bytes[32];
      g_autofree char *b64 = NULL;

      if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
        {
          g_warning ("call %s: no random bytes for a resume secret; it cannot be resumed",
                     call->id);
          call->desk_resume[0] = call->interpreter_resume[0] = '\0';
          return FALSE;
        }
      b64 = g_base64_encode (bytes, sizeof bytes);
      g_strdelimit (b64, "+", '-');
      g_strdelimit (b64, "/", '_');
      g_strdelimit (b64, "=", '\0');
      g_strlcpy (out[i], b64, sizeof call->desk_resume);
    }
  return TRUE;
}

static gboolean
secret_equal (const char *expected,
              const char *given)
{
  gsize n = strlen (expected);
  guint8 diff = 0;

  if (n == 0 || strlen (given) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    diff |= (guint8) (expected[i] ^ given[i]);
  return diff == 0;
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
  _fd_relay_end_call (call->router, call, FD_END_PEER_GONE, NULL);
  return G_SOURCE_REMOVE;
}

/* @peer's connection is gone during the connected @call: keep the call for the grace. */
void
_fd_relay_detach (FdRelayRouter *router,
                  FdRelayCall   *call,
                  FdRelayPeer   *peer)
{
  const char *id = peer == call->desk ? call->desk_id : call->interpreter_id;

  if (id == NULL || (peer == call->desk ? call->desk_resume : call->interpreter_resume)[0] == '\0')
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

void
_fd_relay_forget_detached (FdRelayRouter *router,
                           FdRelayCall   *call)
{
  const char *ids[2] = { call->desk_id, call->interpreter_id };

  g_clear_handle_id (&call->grace_source, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      FdRelayPeer *back;

      if (ids[i] == NULL || g_hash_table_lookup (router->detached, ids[i]) != call)
        continue;
      g_hash_table_remove (router->detached, ids[i]);
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
  const char *secret = fd_protocol_get_string (message, "resume");
  FdRelayCall *call = g_hash_table_lookup (router->detached, peer->id);
  gboolean desk = peer->role == FD_SIGNAL_ROLE_DESK;

  if (peer->call != NULL)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE,
                   "this connection already has a call");
      return FALSE;
    }
  /* One answer for an unknown call, someone else's call and a wrong secret. */
  if (call == NULL || g_strcmp0 (call->id, id) != 0 || call->state != CALL_CONNECTED ||
      (desk ? call->desk : call->interpreter) != NULL ||
      g_strcmp0 (desk ? call->desk_id : call->interpreter_id, peer->id) != 0 ||
      !secret_equal (desk ? call->desk_resume : call->interpreter_resume, secret))
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
  g_message ("call %s: %s resumed it", call->id, peer->id);
  {
    g_autoptr(JsonObject) resumed = _fd_relay_call_message (FD_MSG_CALL_RESUMED, call);

    _fd_relay_send_to (router, peer, resumed);
  }
  send_peer_signal (router, call, _fd_relay_other_peer (call, peer), TRUE);
  return TRUE;
}
