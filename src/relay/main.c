/* main.c: frontdesk-relay, the signalling and routing server (docs/relay.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib-unix.h>

#include "fd-pg-uri.h"
#include "fd-relay-config.h"
#include "fd-relay-server.h"

static gboolean
on_quit_signal (gpointer data)
{
  GMainLoop *loop = data;

  g_message ("stopping");
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

typedef struct {
  const char *path;
  FdRelayServer *server;
} Reload;

static gboolean
on_reload_signal (gpointer data)
{
  Reload *reload = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdRelayConfig) fresh = fd_relay_config_load (reload->path, &error);

  if (fresh == NULL)
    {
      g_message ("reload failed, keeping the current tokens: %s", error->message);
      return G_SOURCE_CONTINUE;
    }
  fd_relay_server_reload_identities (reload->server, g_steal_pointer (&fresh->identities));
  return G_SOURCE_CONTINUE;
}

static gboolean
on_grace_over (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* One token a line on standard input, one hash line out for each; the tokens of one run share
 * one fresh salt, so that the relay hashes a hello once for all of them (docs/relay.md). */
static int
hash_token (void)
{
  char buffer[1024];
  guint8 salt[16];
  guint count = 0;

  if (!fd_relay_new_salt (salt))
    {
      fprintf (stderr, "frontdesk-relay hash-token: no random numbers available\n");
      return 1;
    }
  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    {
      g_autofree char *line = NULL;
      gsize len = strlen (buffer);

      while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
        buffer[--len] = '\0';
      if (len < 16)
        {
          fprintf (stderr, "frontdesk-relay hash-token: a token needs at least 16 characters "
                   "(e.g. from “head -c 24 /dev/urandom | base64”)\n");
          memset (buffer, 0, sizeof buffer);
          return 1;
        }
      line = fd_relay_hash_token_salted (buffer, salt);
      memset (buffer, 0, sizeof buffer);
      printf ("hash=%s\n", line);
      count++;
    }
  if (count == 0)
    {
      fprintf (stderr, "frontdesk-relay hash-token: give the token on standard input\n");
      return 1;
    }
  return 0;
}

int
main (int argc, char *argv[])
{
  g_autofree char *config_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *database = NULL;
  g_autofree char *static_dir = NULL;
  gint port = -1;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path, "Configuration file", "FILE" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (overrides the file)", "N" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen, "Address to listen on", "ADDRESS" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      "SQLite file or postgresql:// URI (no password) for call records", "FILE|URI" },
    { "static-dir", 0, 0, G_OPTION_ARG_FILENAME, &static_dir, "Directory served at /", "DIR" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdRelayConfig) config = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  FdRelayServer *server;
  Reload reload;

  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);
  if (argc >= 2 && strcmp (argv[1], "hash-token") == 0)
    return hash_token ();

  context = g_option_context_new ("[hash-token] — Frontdesk signalling and routing relay");
  g_option_context_set_summary (context,
                                "Routes desks to sign-language and spoken-language interpreters.\n"
                                "“frontdesk-relay hash-token” reads tokens on standard input, one a line, and prints a\n"
                                "hash line for the configuration file for each (one salt shared by the tokens of a run).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "frontdesk-relay: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      printf ("frontdesk-relay %s (protocol %d)\n", PACKAGE_VERSION, FD_PROTOCOL_VERSION);
      return 0;
    }
  if (config_path == NULL)
    {
      fprintf (stderr, "frontdesk-relay: --config FILE is required (see docs/relay.md)\n");
      return 2;
    }
  config = fd_relay_config_load (config_path, &error);
  if (config == NULL)
    {
      fprintf (stderr, "frontdesk-relay: %s\n", error->message);
      return 1;
    }
  if (port >= 0)
    {
      if (port > 65535)
        {
          fprintf (stderr, "frontdesk-relay: --port must be 0 to 65535\n");
          return 2;
        }
      config->port = (guint) port;
    }
  if (listen != NULL)
    {
      g_free (config->listen);
      config->listen = g_steal_pointer (&listen);
    }
  if (database != NULL)
    {
      if (fd_pg_uri_has_password (database))
        {
          /* Every user of the machine can read a command line. */
          fprintf (stderr, "frontdesk-relay: --database must not carry a password; put the URI in "
                   "the configuration file or the password in ~/.pgpass\n");
          return 2;
        }
      g_free (config->database);
      config->database = g_steal_pointer (&database);
    }
  if (static_dir != NULL)
    {
      g_free (config->static_dir);
      config->static_dir = g_steal_pointer (&static_dir);
    }
  if (config->identities->len == 0)
    g_message ("no [token …] groups in %s: nobody can sign in", config_path);

  /* Thousands of desks: as many descriptors as the hard limit (systemd's LimitNOFILE) allows. */
  {
    struct rlimit limit;

    if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
      {
        limit.rlim_cur = limit.rlim_max;
        setrlimit (RLIMIT_NOFILE, &limit);
      }
  }
  server = fd_relay_server_new (config, &error);
  if (server == NULL)
    {
      fprintf (stderr, "frontdesk-relay: %s\n", error->message);
      return 1;
    }
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  reload.path = config_path;
  reload.server = server;
  g_unix_signal_add (SIGHUP, on_reload_signal, &reload);
  g_main_loop_run (loop);

  /* Tell everyone, give the close frames a moment to leave, then stop. */
  fd_relay_server_shutdown (server);
  g_timeout_add (300, on_grace_over, loop);
  g_main_loop_run (loop);
  fd_relay_server_free (server);
  return 0;
}
