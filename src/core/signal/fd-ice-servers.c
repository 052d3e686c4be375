/* fd-ice-servers.c: the STUN/TURN servers the relay hands out with a call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fd-ice-servers.h"

static gboolean
text_ok (JsonNode *node)
{
  const char *s;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  s = json_node_get_string (node);
  return *s != '\0' && strlen (s) <= FD_ICE_SERVERS_MAX_TEXT;
}

static gboolean
url_ok (JsonNode *node)
{
  const char *s;

  if (!text_ok (node))
    return FALSE;
  s = json_node_get_string (node);
  /* No whitespace, no userinfo, no fragment: a host[:port] and maybe ?transport=. */
  for (const char *p = s; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == '@' || *p == '#' || *p == '/' || (guchar) *p >= 0x7f)
      return FALSE;
  return (g_str_has_prefix (s, "stun:") && s[5] != '\0') ||
         (g_str_has_prefix (s, "turn:") && s[5] != '\0') ||
         (g_str_has_prefix (s, "turns:") && s[6] != '\0');
}

gboolean
fd_ice_servers_validate (JsonNode *node)
{
  JsonArray *servers;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  servers = json_node_get_array (node);
  if (json_array_get_length (servers) > FD_ICE_SERVERS_MAX)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (servers); i++)
    {
      JsonNode *item = json_array_get_element (servers, i);
      JsonObject *server;
      JsonNode *urls, *member;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      server = json_node_get_object (item);
      urls = json_object_get_member (server, "urls");
      if (urls == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_ARRAY (urls))
        {
          JsonArray *list = json_node_get_array (urls);

          if (json_array_get_length (list) == 0 ||
              json_array_get_length (list) > FD_ICE_SERVERS_MAX_URLS)
            return FALSE;
          for (guint j = 0; j < json_array_get_length (list); j++)
            if (!url_ok (json_array_get_element (list, j)))
              return FALSE;
        }
      else if (!url_ok (urls))
        return FALSE;
      member = json_object_get_member (server, "username");
      if (member != NULL && !text_ok (member))
        return FALSE;
      member = json_object_get_member (server, "credential");
      if (member != NULL && !text_ok (member))
        return FALSE;
    }
  return TRUE;
}

static void
add_url (const char  *url,
         const char  *username,
         const char  *credential,
         char       **stun,
         GPtrArray   *turn)
{
  const char *colon = strchr (url, ':');
  g_autofree char *scheme = g_strndup (url, colon - url);
  g_autofree char *user = NULL;
  g_autofree char *pass = NULL;

  if (g_str_equal (scheme, "stun"))
    {
      if (*stun == NULL)
        *stun = g_strconcat ("stun://", colon + 1, NULL);
      return;
    }
  if (username == NULL || credential == NULL)
    return;   /* a TURN server needs credentials: this entry is unusable */
  user = g_uri_escape_string (username, NULL, FALSE);
  pass = g_uri_escape_string (credential, NULL, FALSE);
  g_ptr_array_add (turn, g_strdup_printf ("%s://%s:%s@%s", scheme, user, pass, colon + 1));
}

void
fd_ice_servers_to_uris (JsonArray   *servers,
                        char       **stun,
                        char      ***turn)
{
  g_autoptr(GPtrArray) turns = g_ptr_array_new_with_free_func (g_free);

  *stun = NULL;
  for (guint i = 0; servers != NULL && i < json_array_get_length (servers); i++)
    {
      JsonObject *server = json_array_get_object_element (servers, i);
      JsonNode *urls = json_object_get_member (server, "urls");
      const char *username = json_object_get_string_member_with_default (server, "username", NULL);
      const char *credential = json_object_get_string_member_with_default (server, "credential",
                                                                           NULL);

      if (JSON_NODE_HOLDS_ARRAY (urls))
        {
          JsonArray *list = json_node_get_array (urls);

          for (guint j = 0; j < json_array_get_length (list); j++)
            add_url (json_array_get_string_element (list, j), username, credential, stun, turns);
        }
      else
        add_url (json_node_get_string (urls), username, credential, stun, turns);
    }
  g_ptr_array_add (turns, NULL);
  *turn = (char **) g_ptr_array_free (g_steal_pointer (&turns), FALSE);
}
