/* fd-agent-relay.c: frontdesk-agent through frontdesk-relay (FdSignalClient)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Desk: ask for an interpreter, run the call for --duration s, hang up, repeat
 * --calls times. Interpreter: (with --auto-answer) accept every call, run it
 * until the desk hangs up (or --duration), exit after --calls calls.
 */
#define G_LOG_DOMAIN "fd-agent"

#include "config.h"

#include "fd-agent.h"
#include "fd-signal-client.h"

typedef struct {
  FdAgent        *agent;
  FdSignalClient *client;
  gboolean        desk;
  FdAgentCall    *call;
  gboolean        requesting;   /* desk: a request is out (queued or ringing) */
  gboolean        stopping;     /* finished: ignore what the client reports now */
  char           *call_id;      /* the relay's id of the request or call in hand */
  char           *ended_id;     /* the last call we ended: its "ended" is only a confirmation */
  gint64          requested_us;
  guint           wait_id;
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

static gboolean all_done (Relay *r);
static gboolean on_wait_over (gpointer data);

static void
finish (Relay *r)
{
  r->stopping = TRUE;
  fd_signal_client_disconnect (r->client);
  g_main_loop_quit (r->agent->loop);
}

static gboolean
request_call (gpointer data)
{
  Relay *r = data;
  g_autoptr(GError) error = NULL;

  if (r->call != NULL || r->requesting ||
      fd_signal_client_get_state (r->client) != FD_SIGNAL_STATE_CONNECTED)
    return G_SOURCE_REMOVE;
  r->requested_us = g_get_monotonic_time ();
  if (!fd_signal_client_request_call (r->client, r->agent->languages[0], &error))
    {
      print_event (r, "error", "message", error->message, NULL, NULL);
      r->agent->exit_status = 1;
      finish (r);
      return G_SOURCE_REMOVE;
    }
  r->requesting = TRUE;
  g_clear_handle_id (&r->wait_id, g_source_remove);
  r->wait_id = g_timeout_add_seconds (r->agent->max_wait, on_wait_over, r);
  return G_SOURCE_REMOVE;
}

static gboolean
all_done (Relay *r)
{
  return r->agent->calls > 0 && r->finished >= r->agent->calls;
}

/* After a call: the next one, or the end. */
static void
next (Relay *r)
{
  if (all_done (r))
    finish (r);
  else if (r->desk)
    g_timeout_add (200, request_call, r);
}

static void
end_call (Relay      *r,
          const char *reason)
{
  gboolean failed;

  if (r->call == NULL)
    return;
  failed = fd_call_engine_get_state (fd_agent_call_get_engine (r->call)) == FD_CALL_STATE_FAILED;
  fd_agent_call_finish (g_steal_pointer (&r->call), reason);
  g_free (r->ended_id);
  r->ended_id = g_steal_pointer (&r->call_id);
  if (failed)
    r->agent->exit_status = 1;
  r->finished++;
  next (r);
}

static void
on_call_done (FdAgentCall *call,
              const char  *reason,
              gpointer     user_data)
{
  Relay *r = user_data;
  g_autoptr(GError) error = NULL;

  /* Our side ends it: tell the peer through the relay. */
  if (!fd_signal_client_hang_up (r->client, &error))
    print_event (r, "error", "message", error->message, NULL, NULL);
  end_call (r, reason);
}

static void
on_local_description (FdCallEngine *engine,
                      const char   *type,
                      const char   *sdp,
                      Relay        *r)
{
  g_autoptr(GError) error = NULL;

  print_event (r, "local-description", "type", type, NULL, NULL);
  if (!fd_signal_client_send_sdp (r->client, type, sdp, &error))
    print_event (r, "error", "message", error->message, NULL, NULL);
}

static void
on_local_ice (FdCallEngine *engine,
              guint         mline,
              const char   *candidate,
              Relay        *r)
{
  g_autoptr(GError) error = NULL;

  if (!fd_signal_client_send_ice (r->client, mline, candidate, &error))
    print_event (r, "error", "message", error->message, NULL, NULL);
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
on_queued (FdSignalClient *client,
           const char     *call,
           guint           position,
           int             eta,
           Relay          *r)
{
  JsonBuilder *b = fd_agent_line (r->agent, "queued");

  g_free (r->call_id);
  r->call_id = g_strdup (call);

  json_builder_set_member_name (b, "position");
  json_builder_add_int_value (b, position);
  json_builder_set_member_name (b, "eta");
  json_builder_add_int_value (b, eta);
  fd_agent_print (b);
}

static void
on_ringing (FdSignalClient *client,
            const char     *call,
            const char     *interpreter,
            Relay          *r)
{
  g_free (r->call_id);
  r->call_id = g_strdup (call);
  print_event (r, "ringing", "interpreter", interpreter, NULL, NULL);
}

static void
on_incoming (FdSignalClient *client,
             const char     *call,
             const char     *language,
             const char     *desk,
             Relay          *r)
{
  g_autoptr(GError) error = NULL;

  print_event (r, "incoming-call", "language", language, "desk", desk);
  r->requested_us = g_get_monotonic_time ();
  if (r->agent->auto_answer && !fd_signal_client_accept_call (r->client, call, &error))
    print_event (r, "error", "message", error->message, NULL, NULL);
}

static void
on_accepted (FdSignalClient *client,
             const char     *call,
             const char     *language,
             const char     *peer_id,
             const char     *peer_name,
             gboolean        offerer,
             Relay          *r)
{
  FdCallEngine *engine;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&r->wait_id, g_source_remove);
  r->requesting = FALSE;
  print_event (r, "call-accepted", "peer", peer_name, "language", language);
  if (r->call != NULL)
    end_call (r, "replaced");
  g_free (r->call_id);
  r->call_id = g_strdup (call);
  engine = fd_agent_new_engine (r->agent, offerer ? FD_CALL_ROLE_OFFERER : FD_CALL_ROLE_ANSWERER);
  g_signal_connect (engine, "local-description", G_CALLBACK (on_local_description), r);
  g_signal_connect (engine, "local-ice", G_CALLBACK (on_local_ice), r);
  r->call = fd_agent_call_new (r->agent, engine, r->desk ? "desk" : "interpreter",
                               r->requested_us, on_call_done, r);
  /* A failure is reported through ::error and the done callback. */
  fd_call_engine_start (engine, &error);
}

static void
on_sdp (FdSignalClient *client,
        const char     *type,
        const char     *sdp,
        Relay          *r)
{
  g_autoptr(GError) error = NULL;

  if (r->call == NULL)
    return;
  if (!fd_call_engine_set_remote_description (fd_agent_call_get_engine (r->call), type, sdp, &error))
    print_event (r, "error", "message", error->message, NULL, NULL);
}

static void
on_ice (FdSignalClient *client,
        guint           mline,
        const char     *candidate,
        Relay          *r)
{
  g_autoptr(GError) error = NULL;

  if (r->call == NULL)
    return;
  if (!fd_call_engine_add_remote_ice (fd_agent_call_get_engine (r->call), mline, candidate, &error))
    print_event (r, "error", "message", error->message, NULL, NULL);
}

static void
on_relay_chat (FdSignalClient *client,
               const char     *text,
               const char     *from,
               Relay          *r)
{
  print_event (r, "relay-chat", "text", text, "from", from);
}

static void
on_call_ended (FdSignalClient *client,
               const char     *call,
               const char     *reason,
               Relay          *r)
{
  if (r->stopping)
    return;
  print_event (r, "call-ended", "reason", reason, NULL, NULL);
  /* The relay confirming a hang-up of ours: that call is counted already
   * (and a new request may be out by now). */
  if (call != NULL && g_strcmp0 (call, r->ended_id) == 0)
    return;
  if (r->call != NULL)
    {
      r->requesting = FALSE;
      end_call (r, reason);
      return;
    }
  /* A request that ended before a call (cancelled, shutdown). */
  if (r->desk && r->requesting)
    {
      r->requesting = FALSE;
      g_clear_pointer (&r->call_id, g_free);
      r->agent->exit_status = 1;
      r->finished++;
      next (r);
    }
}

static void
on_error (FdSignalClient *client,
          GError         *error,
          Relay          *r)
{
  if (r->stopping)
    return;
  print_event (r, "error", "message", error->message, NULL, NULL);
  /* A refusal the client will not retry (bad token, version): give up. */
  if (fd_signal_client_get_state (client) == FD_SIGNAL_STATE_DISCONNECTED)
    {
      r->agent->exit_status = 1;
      finish (r);
    }
}

static gboolean
on_wait_over (gpointer data)
{
  Relay *r = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_strdup_printf ("no interpreter accepted within %u s",
                                              r->agent->max_wait);

  r->wait_id = 0;
  print_event (r, "error", "message", message, NULL, NULL);
  if (r->requesting)
    fd_signal_client_cancel_call (r->client, NULL);
  r->agent->exit_status = 1;
  finish (r);
  return G_SOURCE_REMOVE;
}

int
fd_agent_run_relay (FdAgent *agent)
{
  Relay r = { .agent = agent };

  r.desk = g_strcmp0 (agent->role, "desk") == 0;
  r.client = fd_signal_client_new ();
  g_signal_connect (r.client, "welcome", G_CALLBACK (on_welcome), &r);
  g_signal_connect (r.client, "queued", G_CALLBACK (on_queued), &r);
  g_signal_connect (r.client, "ringing", G_CALLBACK (on_ringing), &r);
  g_signal_connect (r.client, "incoming-call", G_CALLBACK (on_incoming), &r);
  g_signal_connect (r.client, "call-accepted", G_CALLBACK (on_accepted), &r);
  g_signal_connect (r.client, "sdp", G_CALLBACK (on_sdp), &r);
  g_signal_connect (r.client, "ice", G_CALLBACK (on_ice), &r);
  g_signal_connect (r.client, "chat", G_CALLBACK (on_relay_chat), &r);
  g_signal_connect (r.client, "call-ended", G_CALLBACK (on_call_ended), &r);
  g_signal_connect (r.client, "error", G_CALLBACK (on_error), &r);

  fd_signal_client_start (r.client, agent->relay, agent->token,
                          r.desk ? FD_SIGNAL_ROLE_DESK : FD_SIGNAL_ROLE_INTERPRETER,
                          r.desk ? NULL : (const char * const *) agent->languages);
  g_main_loop_run (agent->loop);

  g_clear_handle_id (&r.wait_id, g_source_remove);
  if (r.call != NULL)
    {
      fd_signal_client_hang_up (r.client, NULL);
      fd_agent_call_finish (g_steal_pointer (&r.call), "stopped");
    }
  fd_signal_client_disconnect (r.client);
  g_signal_handlers_disconnect_by_data (r.client, &r);
  g_clear_object (&r.client);
  g_free (r.call_id);
  g_free (r.ended_id);
  return agent->exit_status;
}
