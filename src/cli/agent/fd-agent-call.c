/* fd-agent-call.c: one call of frontdesk-agent: statistics lines and result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-agent"

#include "config.h"

#include "fd-agent.h"

struct _FdAgentCall {
  FdAgent        *agent;
  FdCallEngine   *engine;
  FdRelayCall    *model;
  char           *label;
  gint64          requested_us;
  gint64          first_frame_us;
  guint64         first_frames;   /* frames at the first stats line after the first frame */
  gint64          first_frames_us;
  guint64         last_frames;
  gint64          last_frames_us;
  double          setup_ms;
  GArray         *latencies;
  guint           duration_id;
  FdAgentCallDone done;
  gpointer        done_data;
  gboolean        done_called;
  gboolean        chat_sent;
};

static void
add_stats_members (JsonBuilder *b,
                   FdCallStats *stats)
{
  g_autofree char *json = fd_call_stats_to_json (stats);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  JsonObject *object = node != NULL ? json_node_get_object (node) : NULL;
  g_autoptr(GList) members = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (object, l->data)));
    }
}

static void
on_stats_updated (FdCallStats *stats,
                  FdAgentCall *call)
{
  JsonBuilder *b = fd_agent_line (call->agent, "stats");
  gint64 now = g_get_monotonic_time ();
  guint64 frames = fd_call_stats_get_frames_received (stats);

  if (call->first_frame_us > 0)
    {
      if (call->first_frames_us == 0)
        {
          call->first_frames = frames;
          call->first_frames_us = now;
        }
      call->last_frames = frames;
      call->last_frames_us = now;
    }
  json_builder_set_member_name (b, "call");
  json_builder_add_string_value (b, call->label);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, fd_call_state_to_string (fd_call_engine_get_state (call->engine)));
  add_stats_members (b, stats);
  json_builder_set_member_name (b, "cpu_s");
  json_builder_add_double_value (b, fd_agent_cpu_seconds ());
  if (call->latencies->len > 0)
    {
      g_autoptr(GArray) copy = g_array_copy (call->latencies);

      json_builder_set_member_name (b, "latency_ms");
      json_builder_add_double_value (b, fd_agent_percentile (copy, 50));
    }
  fd_agent_print (b);
}

static void
call_done (FdAgentCall *call,
           const char  *reason)
{
  if (call->done_called)
    return;
  call->done_called = TRUE;
  g_clear_handle_id (&call->duration_id, g_source_remove);
  if (call->done != NULL)
    call->done (call, reason, call->done_data);
}

static gboolean
on_duration_over (gpointer data)
{
  FdAgentCall *call = data;

  call->duration_id = 0;
  call_done (call, "done");
  return G_SOURCE_REMOVE;
}

static void
on_state_changed (FdCallEngine *engine,
                  FdCallState   state,
                  FdAgentCall  *call)
{
  JsonBuilder *b = fd_agent_line (call->agent, "state");

  json_builder_set_member_name (b, "call");
  json_builder_add_string_value (b, call->label);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, fd_call_state_to_string (state));
  if (state == FD_CALL_STATE_CONNECTED)
    {
      /* Press (the desk's request, the interpreter's ring) → media connected (ICE + DTLS). */
      json_builder_set_member_name (b, "connect_ms");
      json_builder_add_double_value (b, (g_get_monotonic_time () - call->requested_us) / 1000.0);
    }
  fd_agent_print (b);
}

static void
on_error (FdCallEngine *engine,
          GError       *error,
          FdAgentCall  *call)
{
  JsonBuilder *b = fd_agent_line (call->agent, "error");

  json_builder_set_member_name (b, "call");
  json_builder_add_string_value (b, call->label);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, error->message);
  fd_agent_print (b);
  call_done (call, "failed");
}

static void
on_first_frame (FdCallEngine *engine,
                FdAgentCall  *call)
{
  JsonBuilder *b = fd_agent_line (call->agent, "first-frame");

  call->first_frame_us = g_get_monotonic_time ();
  call->setup_ms = (call->first_frame_us - call->requested_us) / 1000.0;
  g_array_append_val (call->agent->setup_ms, call->setup_ms);
  json_builder_set_member_name (b, "call");
  json_builder_add_string_value (b, call->label);
  json_builder_set_member_name (b, "setup_ms");
  json_builder_add_double_value (b, call->setup_ms);
  fd_agent_print (b);
  if (call->agent->duration > 0)
    call->duration_id = g_timeout_add ((guint) (call->agent->duration * 1000), on_duration_over, call);
}

static void
on_latency (FdCallEngine *engine,
            double        ms,
            FdAgentCall  *call)
{
  g_array_append_val (call->latencies, ms);
  g_array_append_val (call->agent->latencies, ms);
}

static void
send_chat (FdAgentCall *call,
           const char  *text)
{
  g_autoptr(GError) error = NULL;

  gboolean sent = call->model != NULL ? fd_relay_call_send_chat (call->model, text, &error)
                                      : fd_call_engine_send_chat (call->engine, text, &error);

  if (!sent)
    {
      JsonBuilder *b = fd_agent_line (call->agent, "error");

      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, error->message);
      fd_agent_print (b);
    }
}

static void
on_chat_open (GObject     *source,
              FdAgentCall *call)
{
  if (call->agent->chat != NULL && !call->chat_sent)
    {
      call->chat_sent = TRUE;
      send_chat (call, call->agent->chat);
    }
}

static void
chat_received (FdAgentCall *call,
               const char  *text)
{
  JsonBuilder *b = fd_agent_line (call->agent, "chat");

  json_builder_set_member_name (b, "call");
  json_builder_add_string_value (b, call->label);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  fd_agent_print (b);
  if (call->agent->echo_chat && !g_str_has_prefix (text, "echo: "))
    {
      g_autofree char *reply = g_strconcat ("echo: ", text, NULL);

      send_chat (call, reply);
    }
}

static void
on_engine_chat (FdCallEngine *engine,
                const char   *text,
                FdAgentCall  *call)
{
  chat_received (call, text);
}

/* Chat from the peer through the relay call: over the data channel or the relay. */
static void
on_model_chat (FdRelayCall *model,
               const char  *text,
               const char  *from,
               FdAgentCall *call)
{
  chat_received (call, text);
}

FdAgentCall *
fd_agent_call_new (FdAgent         *agent,
                   FdCallEngine    *engine,
                   FdRelayCall     *model,
                   const char      *label,
                   gint64           requested_us,
                   FdAgentCallDone  done,
                   gpointer         user_data)
{
  FdAgentCall *call = g_new0 (FdAgentCall, 1);

  call->agent = agent;
  call->engine = engine;
  call->model = model != NULL ? g_object_ref (model) : NULL;
  call->label = g_strdup (label);
  call->requested_us = requested_us;
  call->setup_ms = -1;
  call->latencies = g_array_new (FALSE, FALSE, sizeof (double));
  call->done = done;
  call->done_data = user_data;
  g_signal_connect (engine, "state-changed", G_CALLBACK (on_state_changed), call);
  g_signal_connect (engine, "error", G_CALLBACK (on_error), call);
  g_signal_connect (engine, "first-remote-frame", G_CALLBACK (on_first_frame), call);
  g_signal_connect (engine, "stamp-latency", G_CALLBACK (on_latency), call);
  if (model != NULL)
    {
      g_signal_connect (model, "chat-open", G_CALLBACK (on_chat_open), call);
      g_signal_connect (model, "chat-received", G_CALLBACK (on_model_chat), call);
    }
  else
    {
      g_signal_connect (engine, "chat-open", G_CALLBACK (on_chat_open), call);
      g_signal_connect (engine, "chat-received", G_CALLBACK (on_engine_chat), call);
    }
  g_signal_connect (fd_call_engine_get_stats (engine), "updated", G_CALLBACK (on_stats_updated), call);
  return call;
}

FdCallEngine *
fd_agent_call_get_engine (FdAgentCall *call)
{
  return call->engine;
}

void
fd_agent_call_finish (FdAgentCall *call,
                      const char  *reason)
{
  FdCallStats *stats = fd_call_engine_get_stats (call->engine);
  JsonBuilder *b;
  g_autoptr(JsonBuilder) result = json_builder_new ();
  double fps = -1, secs;
  gboolean connected_ever = call->first_frame_us > 0;

  call->done_called = TRUE;
  g_clear_handle_id (&call->duration_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (stats, call);
  g_signal_handlers_disconnect_by_data (call->engine, call);
  fd_call_engine_hang_up (call->engine);

  secs = (call->last_frames_us - call->first_frames_us) / 1e6;
  if (secs > 0.5)
    fps = (call->last_frames - call->first_frames) / secs;

  json_builder_begin_object (result);
  json_builder_set_member_name (result, "call");
  json_builder_add_string_value (result, call->label);
  json_builder_set_member_name (result, "reason");
  json_builder_add_string_value (result, reason);
  json_builder_set_member_name (result, "ok");
  json_builder_add_boolean_value (result, connected_ever && fd_call_engine_get_error (call->engine) == NULL);
  json_builder_set_member_name (result, "setup_ms");
  json_builder_add_double_value (result, call->setup_ms);
  json_builder_set_member_name (result, "fps_in_avg");
  json_builder_add_double_value (result, fps);
  json_builder_set_member_name (result, "frames_in");
  json_builder_add_int_value (result, (gint64) fd_call_stats_get_frames_received (stats));
  json_builder_set_member_name (result, "frames_out");
  json_builder_add_int_value (result, (gint64) fd_call_stats_get_frames_sent (stats));
  json_builder_set_member_name (result, "freezes");
  json_builder_add_int_value (result, fd_call_stats_get_freeze_count (stats));
  json_builder_set_member_name (result, "longest_freeze_ms");
  json_builder_add_double_value (result, fd_call_stats_get_longest_freeze (stats));
  json_builder_set_member_name (result, "fds");
  json_builder_add_int_value (result, fd_agent_count_fds ());
  json_builder_set_member_name (result, "threads");
  json_builder_add_int_value (result, fd_agent_count_threads ());
  if (fd_call_engine_get_error (call->engine) != NULL)
    {
      json_builder_set_member_name (result, "error");
      json_builder_add_string_value (result, fd_call_engine_get_error (call->engine)->message);
    }
  json_builder_end_object (result);

  b = fd_agent_line (call->agent, "call-end");
  {
    g_autoptr(JsonNode) root = json_builder_get_root (result);
    JsonObject *object = json_node_get_object (root);
    g_autoptr(GList) members = json_object_get_members (object);

    for (GList *l = members; l != NULL; l = l->next)
      {
        json_builder_set_member_name (b, l->data);
        json_builder_add_value (b, json_node_copy (json_object_get_member (object, l->data)));
      }
    json_array_add_element (call->agent->call_results, json_node_copy (root));
  }
  fd_agent_print (b);
  fd_agent_call_free (call);
}

void
fd_agent_call_free (FdAgentCall *call)
{
  if (call == NULL)
    return;
  g_clear_handle_id (&call->duration_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (fd_call_engine_get_stats (call->engine), call);
  g_signal_handlers_disconnect_by_data (call->engine, call);
  if (call->model != NULL)
    g_signal_handlers_disconnect_by_data (call->model, call);
  g_clear_object (&call->model);
  fd_call_engine_hang_up (call->engine);
  g_clear_object (&call->engine);
  g_array_unref (call->latencies);
  g_free (call->label);
  g_free (call);
}
