/* main.c: frontdesk-agent, a headless call endpoint printing JSON lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lines on stdout, one JSON object each, with "event" and "t" (seconds since
 * start): "state", "first-frame", "stats" (once a second), "chat", "error",
 * "call-end", and a final "summary"; with --type, "typed" (each keystroke) and "sent", and on every
 * change of the peer's real-time text "peer-draft" (these three and "chat" carry "mono_us", the
 * monotonic clock). Diagnostics go to stderr.
 */
#define G_LOG_DOMAIN "fd-agent"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "fd-secret.h"
#include "fd-agent.h"

void
fd_agent_print (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  g_object_unref (builder);
}

JsonBuilder *
fd_agent_line (FdAgent    *agent,
               const char *event)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "event");
  json_builder_add_string_value (b, event);
  json_builder_set_member_name (b, "t");
  json_builder_add_double_value (b, (g_get_monotonic_time () - agent->started_us) / 1e6);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, agent->loopback ? "loopback" : agent->role);
  return b;
}

FdCallEngine *
fd_agent_new_engine (FdAgent    *agent,
                     FdCallRole  role)
{
  gboolean file = g_strcmp0 (agent->video, "test") != 0;

  return g_object_new (FD_TYPE_CALL_ENGINE,
                       "role", role,
                       "width", agent->width,
                       "height", agent->height,
                       "video-source", file ? FD_CALL_VIDEO_FILE : FD_CALL_VIDEO_TEST,
                       "video-file", file ? agent->video : NULL,
                       "audio-source", FD_CALL_AUDIO_TEST,
                       "play-audio", FALSE,
                       "deliver-frames", FALSE,
                       "ice-addresses", agent->ice_addresses,
                       "stun-server", agent->stun,
                       "turn-servers", agent->turn,
                       "send-loss", agent->loss,
                       "stamp-frames", agent->stamp,
                       "read-stamps", agent->read_stamps,
                       "setup-timeout", agent->setup_timeout,
                       NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
fd_agent_percentile (GArray *values,
                     double  pct)
{
  guint index;

  if (values->len == 0)
    return -1;
  g_array_sort (values, compare_doubles);
  /* Nearest rank. */
  index = (guint) (pct / 100.0 * values->len + 0.999999);
  index = CLAMP (index, 1, values->len) - 1;
  return g_array_index (values, double, index);
}

double
fd_agent_cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

int
fd_agent_count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  int n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return dir != NULL ? n - 1 : -1; /* not the directory's own fd */
}

int
fd_agent_count_threads (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nThreads:");
  return line != NULL ? atoi (line + 9) : -1;
}

static void
add_distribution (JsonBuilder *b,
                  const char  *name,
                  GArray      *values)
{
  g_autoptr(GArray) copy = g_array_copy (values);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, copy->len);
  json_builder_set_member_name (b, "median");
  json_builder_add_double_value (b, fd_agent_percentile (copy, 50));
  json_builder_set_member_name (b, "p99");
  json_builder_add_double_value (b, fd_agent_percentile (copy, 99));
  json_builder_set_member_name (b, "min");
  json_builder_add_double_value (b, copy->len ? g_array_index (copy, double, 0) : -1);
  json_builder_set_member_name (b, "max");
  json_builder_add_double_value (b, copy->len ? g_array_index (copy, double, copy->len - 1) : -1);
  json_builder_end_object (b);
}

static void
print_summary (FdAgent *agent)
{
  JsonBuilder *b = fd_agent_line (agent, "summary");
  guint ok = 0;
  double wall = (g_get_monotonic_time () - agent->started_us) / 1e6;

  for (guint i = 0; i < json_array_get_length (agent->call_results); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (agent->call_results, i), "ok"))
      ok++;
  json_builder_set_member_name (b, "calls");
  json_builder_add_int_value (b, json_array_get_length (agent->call_results));
  json_builder_set_member_name (b, "calls_ok");
  json_builder_add_int_value (b, ok);
  add_distribution (b, "setup_ms", agent->setup_ms);
  add_distribution (b, "latency_ms", agent->latencies);
  json_builder_set_member_name (b, "cpu_s");
  json_builder_add_double_value (b, fd_agent_cpu_seconds ());
  json_builder_set_member_name (b, "wall_s");
  json_builder_add_double_value (b, wall);
  json_builder_set_member_name (b, "cpu_pct");
  json_builder_add_double_value (b, wall > 0 ? 100 * fd_agent_cpu_seconds () / wall : -1);
  json_builder_set_member_name (b, "results");
  json_builder_add_value (b, json_node_init_array (json_node_alloc (), agent->call_results));
  fd_agent_print (b);
}

/* ---- loopback: two engines in this process ---------------------------- */

typedef struct {
  FdAgent     *agent;
  FdAgentCall *offerer;
  FdAgentCall *answerer;
  int          done;
  int          remaining;
} Loopback;

static gboolean start_loopback_call (gpointer data);

static void
on_loopback_done (FdAgentCall *call,
                  const char  *reason,
                  gpointer     user_data)
{
  Loopback *lb = user_data;

  /* Either side done (or failed) ends the call for both. */
  if (lb->offerer != NULL)
    fd_agent_call_finish (g_steal_pointer (&lb->offerer), reason);
  if (lb->answerer != NULL)
    fd_agent_call_finish (g_steal_pointer (&lb->answerer), reason);
  if (g_strcmp0 (reason, "done") != 0)
    lb->agent->exit_status = 1;
  if (--lb->remaining > 0)
    g_timeout_add (200, start_loopback_call, lb);
  else
    g_main_loop_quit (lb->agent->loop);
}

static gboolean
start_loopback_call (gpointer data)
{
  Loopback *lb = data;
  FdAgent *agent = lb->agent;
  FdCallEngine *a = fd_agent_new_engine (agent, FD_CALL_ROLE_OFFERER);
  FdCallEngine *b = fd_agent_new_engine (agent, FD_CALL_ROLE_ANSWERER);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;

  lb->offerer = fd_agent_call_new (agent, a, NULL, "offerer", now, on_loopback_done, lb);
  lb->answerer = fd_agent_call_new (agent, b, NULL, "answerer", now, on_loopback_done, lb);
  fd_call_loopback_connect (a, b);
  if (!fd_call_engine_start (b, &error) || !fd_call_engine_start (a, &error))
    {
      /* The engine already reported it (::error) and ended the call. */
      g_printerr ("frontdesk-agent: %s\n", error->message);
    }
  return G_SOURCE_REMOVE;
}

int
fd_agent_run_loopback (FdAgent *agent)
{
  Loopback lb = { .agent = agent, .remaining = agent->calls > 0 ? agent->calls : 1 };

  if (agent->duration <= 0)
    agent->duration = 10;
  g_idle_add (start_loopback_call, &lb);
  g_main_loop_run (agent->loop);
  if (lb.offerer != NULL)
    fd_agent_call_finish (g_steal_pointer (&lb.offerer), "stopped");
  if (lb.answerer != NULL)
    fd_agent_call_finish (g_steal_pointer (&lb.answerer), "stopped");
  return agent->exit_status;
}

/* ---- main -------------------------------------------------------------- */

static gboolean
on_signal (gpointer data)
{
  FdAgent *agent = data;

  g_main_loop_quit (agent->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  gint64 w, h;

  w = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || (*end != 'x' && *end != 'X'))
    return FALSE;
  h = g_ascii_strtoll (end + 1, &end, 10);
  if (*end != '\0' || w < 16 || h < 16 || w > 3840 || h > 2160 || (w % 2) || (h % 2))
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  FdAgent agent = { .type_interval = 150 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *language = NULL;
  double setup_timeout = 45, max_wait = 120;
  int status;
  GOptionEntry entries[] = {
    { "relay", 0, 0, G_OPTION_ARG_STRING, &agent.relay, "Relay address (ws://HOST:PORT/ws)", "URL" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &agent.role, "desk or interpreter", "ROLE" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      "Language asked for (desk) or offered, comma-separated (interpreter): csl, en, ru", "LANG" },
    { "auto-answer", 0, 0, G_OPTION_ARG_NONE, &agent.auto_answer, "Interpreter: accept every incoming call", NULL },
    { "video", 0, 0, G_OPTION_ARG_FILENAME, &agent.video, "test (default) or a video file", "SOURCE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Send size, default 640x480", "WxH" },
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &agent.duration,
      "Seconds of media per call before hanging up (0: until the peer ends)", "S" },
    { "calls", 0, 0, G_OPTION_ARG_INT, &agent.calls, "Calls to make or take, then exit (0: no limit)", "N" },
    { "ice-address", 0, 0, G_OPTION_ARG_STRING_ARRAY, &agent.ice_addresses,
      "Local address ICE may use (repeat; default: all interfaces)", "ADDRESS" },
    { "stun", 0, 0, G_OPTION_ARG_STRING, &agent.stun, "STUN server (stun://host:port)", "URL" },
    { "turn", 0, 0, G_OPTION_ARG_STRING_ARRAY, &agent.turn, "TURN server (turn://user:pass@host:port)", "URL" },
    { "loss", 0, 0, G_OPTION_ARG_DOUBLE, &agent.loss,
      "Drop this % of our sent RTP packets (network emulation; NACK repairs)", "PCT" },
    { "stamp", 0, 0, G_OPTION_ARG_NONE, &agent.stamp, "Stamp the send time into frames (QR)", NULL },
    { "read-stamps", 0, 0, G_OPTION_ARG_NONE, &agent.read_stamps,
      "Read stamps from received frames: glass-to-glass latency", NULL },
    { "setup-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &setup_timeout,
      "Seconds for a call to connect before it fails (default 45)", "S" },
    { "max-wait", 0, 0, G_OPTION_ARG_DOUBLE, &max_wait,
      "Desk: seconds to wait for an interpreter to accept (default 120)", "S" },
    { "chat", 0, 0, G_OPTION_ARG_STRING, &agent.chat, "Send this chat message once per call", "TEXT" },
    { "echo-chat", 0, 0, G_OPTION_ARG_NONE, &agent.echo_chat, "Answer every chat message with “echo: …”", NULL },
    { "type", 0, 0, G_OPTION_ARG_STRING, &agent.type_text,
      "Type this text as real-time text (a character per --type-interval), then send it", "TEXT" },
    { "type-interval", 0, 0, G_OPTION_ARG_INT, &agent.type_interval,
      "Milliseconds between typed characters (default 150)", "MS" },
    { "type-after", 0, 0, G_OPTION_ARG_INT, &agent.type_after,
      "Milliseconds after the chat opens before typing starts (default 0)", "MS" },
    { "loopback", 0, 0, G_OPTION_ARG_NONE, &agent.loopback,
      "No relay: call between two engines in this process", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  gst_init (&argc, &argv);
  context = g_option_context_new ("— headless Frontdesk call endpoint");
  g_option_context_set_summary (context,
    "Places (desk) or takes (interpreter) calls through frontdesk-relay with test or file\n"
    "media and prints call statistics as JSON lines, once a second, then a summary.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("frontdesk-agent: %s\n", error->message);
      return 2;
    }

  agent.width = 640;
  agent.height = 480;
  if (size != NULL && !parse_size (size, &agent.width, &agent.height))
    {
      g_printerr ("frontdesk-agent: --size wants WIDTHxHEIGHT with even numbers, e.g. 1280x720\n");
      return 2;
    }
  if (agent.video == NULL)
    agent.video = g_strdup ("test");
  if (g_strcmp0 (agent.video, "test") != 0 && !g_file_test (agent.video, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("frontdesk-agent: no such video file: %s\n", agent.video);
      return 2;
    }
  if (agent.loss < 0 || agent.loss > 50 || agent.duration < 0 || agent.calls < 0 ||
      setup_timeout < 1 || setup_timeout > 600 || max_wait < 1)
    {
      g_printerr ("frontdesk-agent: --loss 0..50, --duration >= 0, --calls >= 0, "
                  "--setup-timeout 1..600, --max-wait >= 1\n");
      return 2;
    }
  agent.setup_timeout = (guint) setup_timeout;
  agent.max_wait = (guint) max_wait;
  agent.languages = g_strsplit (language != NULL ? language : "csl", ",", -1);
  {
    g_autoptr(GError) token_error = NULL;

    /* From a private file or the environment, never argv (ps shows argv to everyone). */
    agent.token = fd_secret_from_environment ("FRONTDESK_TOKEN", "FRONTDESK_TOKEN_FILE", &token_error);
    if (token_error != NULL)
      {
        g_printerr ("frontdesk-agent: %s\n", token_error->message);
        return 2;
      }
  }
  if (!agent.loopback)
    {
      if (agent.relay == NULL || agent.token == NULL ||
          (g_strcmp0 (agent.role, "desk") != 0 && g_strcmp0 (agent.role, "interpreter") != 0))
        {
          g_printerr ("frontdesk-agent: give --relay, a token (FRONTDESK_TOKEN_FILE or FRONTDESK_TOKEN) and --role desk|interpreter "
                      "(or --loopback)\n");
          return 2;
        }
    }
  else if (agent.role == NULL)
    agent.role = g_strdup ("loopback");

  /* The DTLS certificate is a start-up cost, not part of any call. */
  fd_call_engine_prepare_wait ();
  agent.loop = g_main_loop_new (NULL, FALSE);
  agent.started_us = g_get_monotonic_time ();
  agent.call_results = json_array_new ();
  agent.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  agent.setup_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_unix_signal_add (SIGINT, on_signal, &agent);
  g_unix_signal_add (SIGTERM, on_signal, &agent);

  status = agent.loopback ? fd_agent_run_loopback (&agent) : fd_agent_run_relay (&agent);
  print_summary (&agent);

  g_main_loop_unref (agent.loop);
  json_array_unref (agent.call_results);
  g_array_unref (agent.latencies);
  g_array_unref (agent.setup_ms);
  g_strfreev (agent.languages);
  g_strfreev (agent.ice_addresses);
  g_strfreev (agent.turn);
  g_free (agent.relay);
  g_free (agent.token);
  g_free (agent.role);
  g_free (agent.video);
  g_free (agent.stun);
  g_free (agent.chat);
  g_free (agent.type_text);
  return status;
}
