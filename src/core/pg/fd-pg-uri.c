/* fd-pg-uri.c: PostgreSQL connection URIs — passwords kept out of messages, and the TLS policy
 * of connections (shared by the case store and the relay's call records)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-pg"

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "fd-pg-uri.h"

G_DEFINE_QUARK (fd-pg-error-quark, fd_pg_error)

/* The userinfo of a URI ("user:password"), as [start, end) offsets, or FALSE.
 * The authority ends at the first '?' or '#'; the userinfo at the last '@'
 * before it, so a password with a raw '/', ':' or '@' is still found. */
static gboolean
uri_userinfo (const char *uri,
              gsize      *start,
              gsize      *end)
{
  const char *scheme_end = strstr (uri, "://");
  const char *p, *query, *at = NULL;

  if (scheme_end == NULL)
    return FALSE;
  p = scheme_end + 3;
  query = p + strcspn (p, "?#");
  for (const char *q = p; q < query; q++)
    if (*q == '@')
      at = q;
  if (at == NULL)
    return FALSE;
  *start = p - uri;
  *end = at - uri;
  return TRUE;
}

static GRegex *
password_param_regex (void)
{
  /* URI query (?password=…&) and key/value conninfo (password=… or
   * password = '…' with \' escapes), any case. */
  return g_regex_new ("((?:^|[?&\\s])password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^&\\s]*)",
                      G_REGEX_CASELESS, 0, NULL);
}

char *
fd_pg_uri_redact (const char *uri)
{
  g_autoptr(GRegex) re = password_param_regex ();
  g_autoptr(GString) s = NULL;
  gsize start, end;

  g_return_val_if_fail (uri != NULL, NULL);

  s = g_string_new (uri);
  if (uri_userinfo (uri, &start, &end))
    {
      const char *colon = memchr (uri + start, ':', end - start);

      if (colon != NULL)
        {
          gsize from = colon + 1 - uri;

          g_string_erase (s, from, end - from);
          g_string_insert (s, from, "***");
        }
    }
  return g_regex_replace (re, s->str, -1, 0, "\\1***", 0, NULL);
}

gboolean
fd_pg_uri_has_password (const char *uri)
{
  g_autofree char *redacted = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);
  redacted = fd_pg_uri_redact (uri);
  return g_strcmp0 (redacted, uri) != 0;
}

/* The password texts @uri may carry: after the first ':' of the userinfo,
 * and every password= value. */
static GPtrArray *
uri_passwords (const char *uri)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) re = password_param_regex ();
  g_autoptr(GMatchInfo) match = NULL;
  gsize start, end;

  if (uri_userinfo (uri, &start, &end))
    {
      const char *colon = memchr (uri + start, ':', end - start);

      if (colon != NULL && colon + 1 < uri + end)
        g_ptr_array_add (found, g_strndup (colon + 1, uri + end - colon - 1));
    }
  g_regex_match (re, uri, 0, &match);
  while (g_match_info_matches (match))
    {
      char *value = g_match_info_fetch (match, 2);

      if (value[0] == '\'')
        memmove (value, value + 1, strlen (value));
      if (*value && value[strlen (value) - 1] == '\'')
        value[strlen (value) - 1] = '\0';
      g_ptr_array_add (found, value);
      g_match_info_next (match, NULL);
    }
  return found;
}

char *
fd_pg_redact_message (const char *message,
                      const char *uri)
{
  g_autoptr(GPtrArray) secrets = uri_passwords (uri);
  g_autofree char *text = g_strdup (message);

  /* libpq may have read a password with a raw '/' or '@' as other parts of
   * the URI and quote a piece of it: remove the whole and every piece. */
  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);
      g_auto(GStrv) pieces = g_strsplit_set (secret, "/:@?#&%", -1);
      g_autoptr(GPtrArray) all = g_ptr_array_new ();

      g_ptr_array_add (all, (gpointer) secret);
      for (guint k = 0; pieces[k]; k++)
        if (strlen (pieces[k]) >= 3)
          g_ptr_array_add (all, pieces[k]);
      for (guint k = 0; k < all->len; k++)
        {
          const char *needle = g_ptr_array_index (all, k);
          g_auto(GStrv) parts = NULL;

          if (*needle == '\0' || strstr (text, needle) == NULL)
            continue;
          parts = g_strsplit (text, needle, -1);
          g_free (text);
          text = g_strjoinv ("***", parts);
        }
    }
  return g_steal_pointer (&text);
}

/* A host we reach without crossing a network: a Unix socket folder (or the
 * default socket when empty), localhost or a loopback address. */
static gboolean
host_is_local (const char *host)
{
  if (host == NULL || *host == '\0' || *host == '/' || *host == '@')
    return TRUE;
  return g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_prefix (host, "127.")
         || g_strcmp0 (host, "::1") == 0 || g_ascii_strcasecmp (host, "[::1]") == 0;
}

static gboolean
hosts_are_local (const char *list)
{
  g_auto(GStrv) hosts = NULL;

  if (list == NULL || *list == '\0')
    return TRUE;
  hosts = g_strsplit (list, ",", -1);
  for (guint i = 0; hosts[i]; i++)
    if (!host_is_local (g_strstrip (hosts[i])))
      return FALSE;
  return TRUE;
}

gboolean
fd_pg_conninfo (const char  *uri,
                const char  *what,
                GPtrArray   *keywords,
                GPtrArray   *values,
                GError     **error)
{
  PQconninfoOption *options;
  char *parse_error = NULL;
  const char *host = NULL, *hostaddr = NULL, *sslmode = NULL;
  gboolean local;

  options = PQconninfoParse (uri, &parse_error);
  if (options == NULL)
    {
      g_autofree char *shown = fd_pg_uri_redact (uri);

      g_autofree char *why = fd_pg_redact_message (parse_error ? g_strstrip (parse_error)
                                                                  : "out of memory", uri);

      g_set_error (error, FD_PG_ERROR, FD_PG_ERROR_URI,
                   "Cannot use the %s URI %s: %s", what, shown, why);
      PQfreemem (parse_error);
      return FALSE;
    }
  for (PQconninfoOption *o = options; o->keyword; o++)
    {
      if (o->val == NULL)
        continue;
      if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "hostaddr"))
        hostaddr = o->val;
      else if (g_str_equal (o->keyword, "sslmode"))
        {
          sslmode = o->val;
          continue;
        }
      g_ptr_array_add (keywords, g_strdup (o->keyword));
      g_ptr_array_add (values, g_strdup (o->val));
    }
  /* Unset host and hostaddr: libpq takes PGHOST / PGHOSTADDR. */
  local = hosts_are_local (host ? host : g_getenv ("PGHOST"))
          && hosts_are_local (hostaddr ? hostaddr : g_getenv ("PGHOSTADDR"));
  if (sslmode == NULL)
    sslmode = g_getenv ("PGSSLMODE");
  if (!local && (sslmode == NULL || *sslmode == '\0'))
    sslmode = "verify-full";
  else if (!local && (g_str_equal (sslmode, "disable") || g_str_equal (sslmode, "allow")
                      || g_str_equal (sslmode, "prefer")))
    {
      g_autofree char *shown = fd_pg_uri_redact (uri);

      g_set_error (error, FD_PG_ERROR, FD_PG_ERROR_URI,
                   "The %s %s is reached over the network, so the connection must "
                   "be encrypted: use sslmode=verify-full (or at least sslmode=require), not "
                   "sslmode=%s", what, shown, sslmode);
      PQconninfoFree (options);
      return FALSE;
    }
  if (sslmode != NULL && *sslmode != '\0')
    {
      g_ptr_array_add (keywords, g_strdup ("sslmode"));
      g_ptr_array_add (values, g_strdup (sslmode));
    }
  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);
  PQconninfoFree (options);
  return TRUE;
}
