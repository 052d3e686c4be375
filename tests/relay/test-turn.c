/* test-turn.c: the relay's short-lived TURN credentials (coturn REST scheme), the ice_servers
 * member of call-accepted, and its conversion to webrtcbin's TURN URIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fd-ice-servers.h"
#include "fd-protocol.h"
#include "fd-relay-config.h"

#define SECRET "0123456789abcdef-secret"

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The expected password was computed apart from this code (Python's hmac and base64 modules). */
static void
test_credential (void)
{
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;

  fd_relay_turn_credential (SECRET, 1765000000, "desk-1", &username, &password);
  g_assert_cmpstr (username, ==, "1765000000:desk-1");
  g_assert_cmpstr (password, ==, "ZjsW3CJ7/Z1x80xSWGIN8eHbn9A=");
}

static FdRelayConfig *
load (const char  *dir,
      const char  *relay_keys,
      GError     **error)
{
  g_autofree char *text = g_strdup_printf ("[relay]\ndatabase=calls.sqlite\n%s", relay_keys);
  g_autofree char *path = write_temp (dir, "relay.conf", text);

  return fd_relay_config_load (path, error);
}

static void
test_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-relay-turn-XXXXXX", &error);
  g_autofree char *secret_path = write_temp (dir, "turn-secret", SECRET "\n");
  g_autoptr(FdRelayConfig) config = NULL;
  g_autoptr(JsonArray) servers = NULL;
  JsonObject *turn;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  static const char * const broken[] = {
    "turn-uris=turn:198.51.100.7:3478\n",                                   /* no secret */
    "turn-secret-file=turn-secret\n",                                       /* no URIs */
    "turn-uris=http://198.51.100.7/\nturn-secret-file=turn-secret\n",
    "turn-uris=turn:user:pass@198.51.100.7:3478\nturn-secret-file=turn-secret\n",
    "turn-uris=turn:198.51.100.7:3478\nturn-secret-file=missing\n",
    "turn-uris=turn:198.51.100.7:3478\nturn-secret-file=short\n",
    "turn-uris=turn:198.51.100.7:3478\nturn-secret-file=turn-secret\nturn-ttl=10\n",
    "turn-uris=turn:198.51.100.7:3478\nturn-secret-file=turn-secret\nturn-ttl=x\n",
    "stun-uris=turn:198.51.100.7:3478\n",
  };
  g_autofree char *short_path = write_temp (dir, "short", "tiny\n");

  g_assert_no_error (error);
  /* Nothing configured: no ICE servers. */
  config = load (dir, "", &error);
  g_assert_no_error (error);
  g_assert_null (config->turn);
  g_clear_pointer (&config, fd_relay_config_free);

  /* The secret from a file next to the configuration (as LoadCredential= leaves them). */
  config = load (dir, "turn-uris=turn:198.51.100.7:3478?transport=udp;turns:turn.example:5349\n"
                 "stun-uris=stun:198.51.100.7:3478\nturn-secret-file=turn-secret\n"
                 "turn-ttl=600\n", &error);
  g_assert_no_error (error);
  g_assert_nonnull (config->turn);
  g_assert_cmpstr (config->turn->secret, ==, SECRET);
  g_assert_cmpuint (config->turn->ttl, ==, 600);
  servers = fd_relay_turn_ice_servers (config->turn, "li", now);
  g_assert_cmpuint (json_array_get_length (servers), ==, 2);
  turn = json_array_get_object_element (servers, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (turn, "urls")), ==, 2);
  fd_relay_turn_credential (SECRET, now + 600, "li", &username, &password);
  g_assert_cmpstr (json_object_get_string_member (turn, "username"), ==, username);
  g_assert_cmpstr (json_object_get_string_member (turn, "credential"), ==, password);
  g_assert_false (json_object_has_member (json_array_get_object_element (servers, 1),
                                          "credential"));
  g_clear_pointer (&config, fd_relay_config_free);

  /* Or from the environment, which the relay then clears. */
  g_setenv ("FRONTDESK_RELAY_TURN_SECRET", "env-secret-0123456789", TRUE);
  config = load (dir, "turn-uris=turn:198.51.100.7:3478\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (config->turn->secret, ==, "env-secret-0123456789");
  g_assert_cmpuint (config->turn->ttl, ==, 4 * 3600);
  g_assert_null (g_getenv ("FRONTDESK_RELAY_TURN_SECRET"));
  g_clear_pointer (&config, fd_relay_config_free);

  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(FdRelayConfig) c = load (dir, broken[i], &e);

      g_test_message ("broken: %s", broken[i]);
      g_assert_null (c);
      g_assert_nonnull (e);
      /* The secret is never echoed in an error. */
      g_assert_null (strstr (e->message, SECRET));
    }
  g_unlink (secret_path);
  g_unlink (short_path);
  {
    g_autofree char *conf = g_build_filename (dir, "relay.conf", NULL);

    g_unlink (conf);
    g_rmdir (dir);
  }
}

static JsonObject *
parse_accepted (const char  *ice_servers,
                GError     **error)
{
  g_autofree char *json = g_strdup_printf ("{\"type\":\"call-accepted\",\"call\":\"c-1\","
                                           "\"language\":\"csl\",\"peer\":{\"id\":\"d\"},"
                                           "\"offerer\":true,\"ice_servers\":%s}", ice_servers);
  FdMsgType type;

  return fd_protocol_parse (json, strlen (json), FD_PROTOCOL_TO_CLIENT, &type, error);
}

static void
test_ice_servers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *stun = NULL;
  g_auto(GStrv) turn = NULL;
  g_autoptr(GString) many = g_string_new ("[");
  static const char * const bad[] = {
    "{}", "[1]", "[{}]", "[{\"urls\":[]}]", "[{\"urls\":\"http://x\"}]",
    "[{\"urls\":\"turn:u:p@x:3478\"}]", "[{\"urls\":\"turn:x:3478\",\"username\":5}]",
    "[{\"urls\":[\"turn:x:3478\",7]}]", "[{\"urls\":\"turn:\"}]", "[{\"urls\":\"stun:a b\"}]",
  };

  message = parse_accepted ("[{\"urls\":[\"turn:198.51.100.7:3478?transport=udp\","
                            "\"turns:[2001:db8::7]:5349\"],\"username\":\"1765000000:desk-1\","
                            "\"credential\":\"ZjsW3CJ7/Z1x80xSWGIN8eHbn9A=\"},"
                            "{\"urls\":\"stun:198.51.100.7:3478\"},{\"urls\":\"stun:other:1\"},"
                            "{\"urls\":\"turn:no-credentials:3478\"}]", &error);
  g_assert_no_error (error);
  fd_ice_servers_to_uris (json_object_get_array_member (message, "ice_servers"), &stun, &turn);
  g_assert_cmpstr (stun, ==, "stun://198.51.100.7:3478");
  g_assert_cmpuint (g_strv_length (turn), ==, 2);
  /* user and password percent-encoded: GStreamer 1.22 splits at the first ':' and unescapes. */
  g_assert_cmpstr (turn[0], ==, "turn://1765000000%3Adesk-1:ZjsW3CJ7%2FZ1x80xSWGIN8eHbn9A%3D"
                   "@198.51.100.7:3478?transport=udp");
  g_assert_cmpstr (turn[1], ==, "turns://1765000000%3Adesk-1:ZjsW3CJ7%2FZ1x80xSWGIN8eHbn9A%3D"
                   "@[2001:db8::7]:5349");

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(JsonObject) m = parse_accepted (bad[i], &e);

      g_test_message ("bad: %s", bad[i]);
      g_assert_null (m);
      g_assert_error (e, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE);
    }
  /* Bounded: at most FD_ICE_SERVERS_MAX entries. */
  for (int i = 0; i <= FD_ICE_SERVERS_MAX; i++)
    g_string_append_printf (many, "%s{\"urls\":\"stun:x:%d\"}", i > 0 ? "," : "", i);
  g_string_append (many, "]");
  {
    g_autoptr(GError) e = NULL;
    g_autoptr(JsonObject) m = parse_accepted (many->str, &e);

    g_assert_null (m);
    g_assert_error (e, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/turn/credential", test_credential);
  g_test_add_func ("/turn/config", test_config);
  g_test_add_func ("/turn/ice-servers", test_ice_servers);
  return g_test_run ();
}
