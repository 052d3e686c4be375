/* fd-relay-turn.c: short-lived TURN credentials handed out with each call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>

#include "fd-ice-servers.h"
#include "fd-relay-turn.h"

#define SECRET_ENV      "FRONTDESK_RELAY_TURN_SECRET"
#define MAX_SECRET      4096
#define MIN_SECRET      16

void
fd_relay_turn_free (FdRelayTurn *turn)
{
  if (turn == NULL)
    return;
  g_strfreev (turn->stun_uris);
  g_strfreev (turn->turn_uris);
  if (turn->secret != NULL)
    memset (turn->secret, 0, strlen (turn->secret));
  g_free (turn->secret);
  g_free (turn);
}

/* The same checks clients apply (fd_ice_servers_validate), so the relay never hands out a list
 * its clients refuse. */
static gboolean
check_uris (char       **uris,
            const char  *key,
            const char  *scheme_a,
            const char  *scheme_b,
            GError     **error)
{
  for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) list = json_array_new ();
      g_autoptr(JsonObject) server = json_object_new ();

      g_strstrip (uris[i]);
      json_object_set_string_member (server, "urls", uris[i]);
      json_array_add_object_element (list, g_steal_pointer (&server));
      json_node_set_array (node, list);
      if (i >= FD_ICE_SERVERS_MAX_URLS || !fd_ice_servers_validate (node) ||
          !(g_str_has_prefix (uris[i], scheme_a) ||
            (scheme_b != NULL && g_str_has_prefix (uris[i], scheme_b))))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[relay] %s: “%s” is not a %sHOST:PORT URL (at most %d)", key,
                       strlen (uris[i]) <= 64 ? uris[i] : "…", scheme_a, FD_ICE_SERVERS_MAX_URLS);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
read_secret (const char  *path,
             GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, error);

  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > MAX_SECRET)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[relay] turn-secret-file %s is larger than %d bytes", path, MAX_SECRET);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  if (len > MAX_SECRET || memchr (data, '\0', len) != NULL)
    {
      memset (data, 0, len);
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[relay] turn-secret-file %s is not one line of text", path);
      return NULL;
    }
  return g_steal_pointer (&data);
}

FdRelayTurn *
fd_relay_turn_load (GKeyFile    *kf,
                    const char  *base_dir,
                    GError     **error)
{
  g_autoptr(FdRelayTurn) turn = g_new0 (FdRelayTurn, 1);
  g_autofree char *secret_file = g_key_file_get_string (kf, "relay", "turn-secret-file", NULL);
  g_autoptr(GError) local_error = NULL;
  const char *env = g_getenv (SECRET_ENV);
  gint64 ttl;

  turn->stun_uris = g_key_file_get_string_list (kf, "relay", "stun-uris", NULL, NULL);
  turn->turn_uris = g_key_file_get_string_list (kf, "relay", "turn-uris", NULL, NULL);
  if (!check_uris (turn->stun_uris, "stun-uris", "stun:", NULL, error) ||
      !check_uris (turn->turn_uris, "turn-uris", "turn:", "turns:", error))
    return NULL;
  ttl = g_key_file_get_int64 (kf, "relay", "turn-ttl", &local_error);
  if (local_error != NULL && !g_error_matches (local_error, G_KEY_FILE_ERROR,
                                               G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[relay] turn-ttl: %s", local_error->message);
      return NULL;
    }
  if (local_error != NULL)
    ttl = 4 * 3600;
  if (ttl < 60 || ttl > 7 * 24 * 3600)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[relay] turn-ttl must be 60 to 604800 seconds");
      return NULL;
    }
  turn->ttl = (guint) ttl;

  if (secret_file != NULL && *g_strstrip (secret_file) != '\0')
    {
      g_autofree char *path = g_path_is_absolute (secret_file)
                              ? g_strdup (secret_file)
                              : g_build_filename (base_dir, secret_file, NULL);

      turn->secret = read_secret (path, error);
      if (turn->secret == NULL)
        return NULL;
    }
  else if (env != NULL)
    {
      if (strlen (env) > MAX_SECRET)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s is longer than %d bytes", SECRET_ENV, MAX_SECRET);
          return NULL;
        }
      turn->secret = g_strdup (env);
    }
  /* Not left for child processes or /proc/PID/environ readers. */
  g_unsetenv (SECRET_ENV);
  if (turn->secret != NULL)
    g_strchomp (turn->secret);

  if (turn->turn_uris == NULL || turn->turn_uris[0] == NULL)
    {
      if (turn->secret != NULL)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[relay] a TURN secret is set but turn-uris is empty");
          return NULL;
        }
      if (turn->stun_uris == NULL || turn->stun_uris[0] == NULL)
        return NULL;   /* nothing to hand out */
      return g_steal_pointer (&turn);
    }
  if (turn->secret == NULL || strlen (turn->secret) < MIN_SECRET)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[relay] turn-uris needs the TURN shared secret (at least %d characters, the "
                   "same as coturn's static-auth-secret) in turn-secret-file or %s",
                   MIN_SECRET, SECRET_ENV);
      return NULL;
    }
  return g_steal_pointer (&turn);
}

void
fd_relay_turn_credential (const char  *secret,
                          gint64       expiry,
                          const char  *id,
                          char       **username,
                          char       **password)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) secret, strlen (secret));
  guint8 digest[20];
  gsize len = sizeof digest;

  *username = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", expiry, id);
  g_hmac_update (hmac, (const guchar *) *username, strlen (*username));
  g_hmac_get_digest (hmac, digest, &len);
  *password = g_base64_encode (digest, len);
}

static JsonArray *
strv_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

JsonArray *
fd_relay_turn_ice_servers (const FdRelayTurn *turn,
                           const char        *id,
                           gint64             now)
{
  JsonArray *servers = json_array_new ();

  if (turn->turn_uris != NULL && turn->turn_uris[0] != NULL)
    {
      JsonObject *server = json_object_new ();
      g_autofree char *username = NULL;
      g_autofree char *password = NULL;

      fd_relay_turn_credential (turn->secret, now + turn->ttl, id, &username, &password);
      json_object_set_array_member (server, "urls", strv_array (turn->turn_uris));
      json_object_set_string_member (server, "username", username);
      json_object_set_string_member (server, "credential", password);
      json_array_add_object_element (servers, server);
    }
  if (turn->stun_uris != NULL && turn->stun_uris[0] != NULL)
    {
      JsonObject *server = json_object_new ();

      json_object_set_array_member (server, "urls", strv_array (turn->stun_uris));
      json_array_add_object_element (servers, server);
    }
  return servers;
}
