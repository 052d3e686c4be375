/* fd-agent-relay.c: frontdesk-agent through frontdesk-relay (FdRelayCall)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Desk: ask for an interpreter, run the call for --duration s, hang up, repeat
 * --calls times. Interpreter: (with --auto-answer) accept every call, run it
 * until the desk hangs up (or --duration), exit after --calls calls. The call's
 * life cycle is FdRelayCall's; this file prints it and counts calls. Network blips print
 * "reconnecting" / "peer-reconnecting" (on: true|false); a media rebuilt during the call prints
 * "media-restart" and is measured afresh (its own "first-frame"; --duration counts from it).
 */
#define G_LOG_DOMAIN "fd-agent"

#include "config.h"

#include "fd-agent.h"
#include "fd-relay-call.h"

typedef struct {
  FdAgent        *agent;
  FdRelayCall    *call;
  gboolean        desk;
  FdAgentCall    *measure;      /* statistics of the call in hand, once it has media */
  const char     *done_reason;  /* why we end the call in hand ("done"), or NULL */
  gboolean        stopping;     /* finished: ignore what the model reports now */
  gint64          requested_us;
  int             finished;     /* calls over, ok or not */
} Relay;

static void
print_event (Relay      *r,
             const char *event,
             const char *key1,
             const char *value1,
             const char *key2,
             const char *value2)
{
  JsonBuilder *b = fd_agent_line (r->agent, event);

  if (key1 != NULL)
    {
      json_builder_set_member_name (b, key1);
      json_builder_add_string_value (b, value1 ? value1 : "");
    }
  if (key2 != NULL)
    {
      json_builder_set_member_name (b, key2);
      json_builder_add_string_value (b, value2 ? value2 : "");
    }
  fd_agent_print (b);
}

static void
finish (Relay *r)
{
  r->stopping = TRUE;
  g_main_loop_quit (r->agent->loop);
}

static gboolean
request_call (gpointer data)
{
  Relay *r = data;
  g_autoptr(GError) error = NULL;

  if (r->stopping || fd_relay_call_is_active (r->call))
    return G_SOURCE_REMOVE;
  r->requested_us = g_get_monotonic_time ();
  if (!fd_relay_call_request (r->call, r->agent->languages[0], &error))
    {
      print_event (r, "error", "message", error->message, NULL, NULL);
      r->agent->exit_status = 1;
      finish (r);
    }
  return G_SOURCE_REMOVE;
}

/* The relay's word for how a call ended (as the relay's "call-ended" says it). */
static const char *
end_word (FdRelayCallEnd reason)
{
  switch (reason)
    {
    case FD_RELAY_CALL_END_HUNG_UP:
    case FD_RELAY_CALL_END_PEER_HUNG_UP:
      return FD_END_HANG_UP;
    case FD_RELAY_CALL_END_CANCELLED:
    case FD_RELAY_CALL_END_PEER_CANCELLED:
      return FD_END_CANCELLED;
    default:
      return fd_relay_call_end_to_string (reason);
    }
}

/* A call (or a request) is over: print it, count it, go on. */
static void
call_over (Relay *r)
{
  FdRelayCallState state = fd_relay_call_get_state (r->call);
  const char *reason;

  if (state == FD_RELAY_CALL_FAILED)
    {
      print_event (r, "error", "message", fd_relay_call_get_error (r->call)->message, NULL, NULL);
      reason = "failed";
    }
  else
    {
      reason = end_word (fd_relay_call_get_end_reason (r->call));
      print_event (r, "call-ended", "reason", reason, NULL, NULL);
    }
  if (r->done_reason != NULL)
    reason = r->done_reason;
  r->done_reason = NULL;

  if (r->measure != NULL)
    {
      fd_agent_call_finish (g_steal_pointer (&r->measure), reason);
      if (state == FD_RELAY_CALL_FAILED)
        r->agent->exit_status = 1;
      r->finished++;
    }
  else if (r->desk)
    {
      /* A request that ended before a call (no answer, cancelled, shutdown). */
      r->agent->exit_status = 1;
      r->finished++;
    }
  else
    return;   /* a ring that ended before we took it */

  if ((r->agent->calls > 0 && r->finished >= r->agent->calls) ||
      g_error_matches (fd_relay_call_get_error (r->call), FD_RELAY_CALL_ERROR,
                       FD_RELAY_CALL_ERROR_NO_ANSWER))
    finish (r);
  else if (r->desk)
    g_timeout_add (200, request_call, r);
}

static void
on_state (FdRelayCall *call,
          GParamSpec  *pspec,
          Relay       *r)
{
  g_autoptr(GError) error = NULL;

  if (r->stopping)
    return;
  switch (fd_relay_call_get_state (call))
    {
    case FD_RELAY_CALL_RINGING:
      print_event (r, "ringing", "interpreter", fd_relay_call_get_peer_name (call), NULL, NULL);
      break;
    case FD_RELAY_CALL_INCOMING:
      print_event (r, "incoming-call", "language", fd_relay_call_get_language (call),
                   "desk", fd_relay_call_get_peer_name (call));
      r->requested_us = g_get_monotonic_time ();
      if (r->agent->auto_answer && !fd_relay_call_accept (call, &error))
        print_event (r, "error", "message", error->message, NULL, NULL);
      break;
    case FD_RELAY_CALL_ENDED:
    case FD_RELAY_CALL_FAILED:
      call_over (r);
      break;
    case FD_RELAY_CALL_IDLE:
    case FD_RELAY_CALL_REQUESTING:
    case FD_RELAY_CALL_QUEUED:
    case FD_RELAY_CALL_CONNECTING:
    case FD_RELAY_CALL_CONNECTED:
    default:
      break;
    }
}

static void
on_queue_position (FdRelayCall *call,
                   GParamSpec  *pspec,
                   Relay       *r)
{
  JsonBuilder *b;

  if (r->stopping || fd_relay_call_get_queue_position (call) == 0)
    return;
  b = fd_agent_line (r->agent, "queued");
  json_builder_set_member_name (b, "position");
  json_builder_add_int_value (b, fd_relay_call_get_queue_position (call));
  json_builder_set_member_name (b, "eta");
  json_builder_add_int_value (b, fd_relay_call_get_queue_eta (call));
  fd_agent_print (b);
}

/* --duration is over (or the engine failed, which the model reports itself). */
static void
on_measure_done (FdAgentCall *measure,
                 const char  *reason,
                 gpointer     user_data)
{
  Relay *r = user_data;

  if (g_strcmp0 (reason, "done") != 0)
    return;
  r->done_reason = "done";
  fd_relay_call_hang_up (r->call);
}

static FdCallMedia *
on_create_media (FdRelayCall *call,
                 int          role,
                 Relay       *r)
{
  FdCallEngine *engine = fd_agent_new_engine (r->agent, role);

  if (r->measure != NULL)
    {
      /* The same call's media rebuilt (its transport died): measure the new one. */
      g_autofree char *restarts = g_strdup_printf ("%u", fd_relay_call_get_media_restarts (call));

      print_event (r, "media-restart", "call", fd_relay_call_get_call_id (call),
                   "restarts", restarts);
      g_clear_pointer (&r->measure, fd_agent_call_free);
      r->requested_us = g_get_monotonic_time ();
    }
  else
    print_event (r, "call-accepted", "peer", fd_relay_call_get_peer_name (call),
                 "language", fd_relay_call_get_language (call));
  r->measure = fd_agent_call_new (r->agent, g_object_ref (engine), call,
                                  r->desk ? "desk" : "interpreter", r->requested_us,
                                  on_measure_done, r);
  return FD_CALL_MEDIA (engine);
}

static void
on_blip (FdRelayCall *call,
         GParamSpec  *pspec,
         Relay       *r)
{
  gboolean on = FALSE;

  if (r->stopping)
    return;
  g_object_get (call, pspec->name, &on, NULL);
  print_event (r, pspec->name, "on", on ? "true" : "false", "call", fd_relay_call_get_call_id (call));
}

static void
on_welcome (FdSignalClient *client,
            const char     *id,
            const char     *name,
            Relay          *r)
{
  print_event (r, "welcome", "id", id, "name", name);
  if (r->desk)
    request_call (r);
}

static void
on_client_error (FdSignalClient *client,
                 GError         *error,
                 Relay          *r)
{
  if (!r->stopping)
    print_event (r, "error", "message", error->message, NULL, NULL);
}

static void
on_client_state (FdSignalClient *client,
                 GParamSpec     *pspec,
                 Relay          *r)
{
  /* A refusal the client will not retry (bad token, version): give up. */
  if (!r->stopping && fd_signal_client_get_state (client) == FD_SIGNAL_STATE_DISCONNECTED)
    {
      r->agent->exit_status = 1;
      finish (r);
    }
}

int
fd_agent_run_relay (FdAgent *agent)
{
  Relay r = { .agent = agent };
  FdSignalClient *client;

  r.desk = g_strcmp0 (agent->role, "desk") == 0;
  r.call = fd_relay_call_new (r.desk ? FD_SIGNAL_ROLE_DESK : FD_SIGNAL_ROLE_INTERPRETER);
  fd_relay_call_set_setup_timeout (r.call, agent->setup_timeout);
  if (r.desk)
    fd_relay_call_set_max_wait (r.call, agent->max_wait);
  client = fd_relay_call_get_client (r.call);
  g_signal_connect (r.call, "notify::state", G_CALLBACK (on_state), &r);
  g_signal_connect (r.call, "notify::queue-position", G_CALLBACK (on_queue_position), &r);
  g_signal_connect (r.call, "create-media", G_CALLBACK (on_create_media), &r);
  g_signal_connect (r.call, "notify::reconnecting", G_CALLBACK (on_blip), &r);
  g_signal_connect (r.call, "notify::peer-reconnecting", G_CALLBACK (on_blip), &r);
  g_signal_connect (client, "welcome", G_CALLBACK (on_welcome), &r);
  g_signal_connect (client, "error", G_CALLBACK (on_client_error), &r);
  g_signal_connect (client, "notify::state", G_CALLBACK (on_client_state), &r);

  fd_relay_call_connect (r.call, agent->relay, agent->token,
                         r.desk ? NULL : (const char * const *) agent->languages);
  g_main_loop_run (agent->loop);

  r.stopping = TRUE;
  if (r.measure != NULL)
    r.done_reason = "stopped";
  fd_relay_call_disconnect (r.call);
  if (r.measure != NULL)
    fd_agent_call_finish (g_steal_pointer (&r.measure), "stopped");
  g_signal_handlers_disconnect_by_data (client, &r);
  g_signal_handlers_disconnect_by_data (r.call, &r);
  g_clear_object (&r.call);
  return agent->exit_status;
}
