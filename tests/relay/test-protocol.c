/* test-protocol.c: signalling protocol parsing and validation; relay config and token hashes;
 * TURN credentials and ice_servers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fd-ice-servers.h"
#include "fd-protocol.h"
#include "fd-signal-client.h"
#include "fd-relay-config.h"
#include "fd-relay-static.h"

static void
test_good_messages (void)
{
  static const struct {
    const char *json;
    FdProtocolDirection dir;
    FdMsgType type;
  } good[] = {
    { "{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"abc\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_HELLO },
    { "{\"type\":\"hello\",\"v\":1,\"role\":\"interpreter\",\"token\":\"abc\",\"languages\":[\"csl\",\"ru\"],"
      "\"presence\":\"away\",\"client\":\"x\",\"future\":{\"a\":1}}", FD_PROTOCOL_TO_RELAY, FD_MSG_HELLO },
    { "{\"type\":\"ping\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_PING },
    { "{\"type\":\"presence\",\"presence\":\"available\",\"languages\":[\"en\"]}", FD_PROTOCOL_TO_RELAY, FD_MSG_PRESENCE },
    { "{\"type\":\"call-request\",\"language\":\"csl\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_CALL_REQUEST },
    { "{\"type\":\"call-cancel\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_CALL_CANCEL },
    { "{\"type\":\"call-accept\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_CALL_ACCEPT },
    { "{\"type\":\"call-decline\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_CALL_DECLINE },
    { "{\"type\":\"sdp\",\"call\":\"c-1\",\"sdp_type\":\"offer\",\"sdp\":\"v=0\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_SDP },
    { "{\"type\":\"ice\",\"call\":\"c-1\",\"candidate\":\"\",\"mline_index\":0,\"sdp_mid\":\"0\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_ICE },
    { "{\"type\":\"chat\",\"call\":\"c-1\",\"text\":\"你好\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_CHAT },
    { "{\"type\":\"hang-up\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_HANG_UP },
    { "{\"type\":\"welcome\",\"v\":1,\"session\":\"s\",\"id\":\"d\",\"name\":\"\",\"role\":\"desk\","
      "\"ping_interval\":3,\"idle_timeout\":10,\"ring_timeout\":20}", FD_PROTOCOL_TO_CLIENT, FD_MSG_WELCOME },
    { "{\"type\":\"presence\",\"presence\":\"busy\",\"languages\":[]}", FD_PROTOCOL_TO_CLIENT, FD_MSG_PRESENCE },
    { "{\"type\":\"queued\",\"call\":\"c-1\",\"language\":\"en\",\"position\":1,\"eta\":-1}", FD_PROTOCOL_TO_CLIENT, FD_MSG_QUEUED },
    { "{\"type\":\"call-accepted\",\"call\":\"c-1\",\"language\":\"en\",\"peer\":{},\"offerer\":true}", FD_PROTOCOL_TO_CLIENT, FD_MSG_CALL_ACCEPTED },
    { "{\"type\":\"call-ended\",\"call\":\"c-1\",\"reason\":\"hang-up\"}", FD_PROTOCOL_TO_CLIENT, FD_MSG_CALL_ENDED },
    { "{\"type\":\"error\",\"code\":\"bad-json\",\"message\":\"\"}", FD_PROTOCOL_TO_CLIENT, FD_MSG_ERROR },
    /* network blips */
    { "{\"type\":\"call-resume\",\"call\":\"c-1\",\"resume\":\"AbC_-0123456789abcdefXYZ\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_CALL_RESUME },
    { "{\"type\":\"call-resume\",\"call\":\"c-1\",\"resume\":\"AbC_-0123456789abcdefXYZ\",\"hang_up\":true}", FD_PROTOCOL_TO_RELAY, FD_MSG_CALL_RESUME },
    { "{\"type\":\"media-restart\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_RELAY, FD_MSG_MEDIA_RESTART },
    { "{\"type\":\"media-restart\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_CLIENT, FD_MSG_MEDIA_RESTART },
    { "{\"type\":\"call-resumed\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_CLIENT, FD_MSG_CALL_RESUMED },
    { "{\"type\":\"peer-signal\",\"call\":\"c-1\",\"connected\":false}", FD_PROTOCOL_TO_CLIENT, FD_MSG_PEER_SIGNAL },
    { "{\"type\":\"call-accepted\",\"call\":\"c-1\",\"language\":\"en\",\"peer\":{},\"offerer\":true,"
      "\"resume\":\"0123456789abcdef\",\"resume_grace\":30}", FD_PROTOCOL_TO_CLIENT, FD_MSG_CALL_ACCEPTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) msg = NULL;
      FdMsgType type = FD_MSG_UNKNOWN;

      msg = fd_protocol_parse (good[i].json, strlen (good[i].json), good[i].dir, &type, &error);
      g_assert_no_error (error);
      g_assert_nonnull (msg);
      g_assert_cmpint (type, ==, good[i].type);
    }
}

static void
test_bad_messages (void)
{
  static const struct {
    const char *json;
    FdProtocolDirection dir;
    FdSignalError code;
  } bad[] = {
    { "", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_JSON },
    { "{", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_JSON },
    { "null", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_JSON },
    { "[]", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_JSON },
    { "\xff\xfe{}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_JSON },
    { "{}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    /* resume secrets: 16–128 characters of base64url only; resume messages one way only */
    { "{\"type\":\"call-resume\",\"call\":\"c-1\",\"resume\":\"short\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"call-resume\",\"call\":\"c-1\",\"resume\":\"0123456789abcdef/+==\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"call-resume\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"call-resume\",\"call\":\"c-1\",\"resume\":\"AbC_-0123456789abcdefXYZ\",\"hang_up\":\"yes\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"call-resumed\",\"call\":\"c-1\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_UNKNOWN_TYPE },
    { "{\"type\":\"peer-signal\",\"call\":\"c-1\",\"connected\":\"no\"}", FD_PROTOCOL_TO_CLIENT, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":null}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"nope\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_UNKNOWN_TYPE },
    { "{\"type\":\"unknown\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_UNKNOWN_TYPE },
    { "{\"type\":\"welcome\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_UNKNOWN_TYPE },
    { "{\"type\":\"hello\"}", FD_PROTOCOL_TO_CLIENT, FD_SIGNAL_ERROR_UNKNOWN_TYPE },
    { "{\"type\":\"hello\",\"v\":\"1\",\"role\":\"desk\",\"token\":\"a\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"hello\",\"v\":1,\"role\":\"admin\",\"token\":\"a\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"a\",\"languages\":[\"de\"]}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_LANGUAGE },
    { "{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"a\",\"languages\":\"csl\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"hello\",\"v\":1,\"role\":\"desk\",\"token\":\"a\",\"presence\":\"busy\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"call-request\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"call-request\",\"language\":\"zh\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_LANGUAGE },
    { "{\"type\":\"call-accept\",\"call\":\"\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"call-accept\",\"call\":\"c-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"sdp\",\"call\":\"c\",\"sdp_type\":\"offer\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"sdp\",\"call\":\"c\",\"sdp_type\":\"rollback\",\"sdp\":\"v=0\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"ice\",\"call\":\"c\",\"candidate\":\"x\",\"mline_index\":1.5}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"ice\",\"call\":\"c\",\"candidate\":\"x\",\"mline_index\":-2}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"chat\",\"call\":\"c\",\"text\":\"\"}", FD_PROTOCOL_TO_RELAY, FD_SIGNAL_ERROR_BAD_MESSAGE },
    { "{\"type\":\"queued\",\"call\":\"c\",\"language\":\"en\",\"position\":\"1\",\"eta\":1}", FD_PROTOCOL_TO_CLIENT, FD_SIGNAL_ERROR_BAD_MESSAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) msg = NULL;

      g_autofree char *escaped = g_strescape (bad[i].json, NULL);

      g_test_message ("%s", escaped);
      msg = fd_protocol_parse (bad[i].json, strlen (bad[i].json), bad[i].dir, NULL, &error);
      g_assert_null (msg);
      g_assert_error (error, FD_SIGNAL_ERROR, (gint) bad[i].code);
    }
  {
    /* A chat over the limit. */
    g_autofree char *text = g_strnfill (FD_PROTOCOL_MAX_CHAT_BYTES + 1, 'a');
    g_autofree char *json = g_strdup_printf ("{\"type\":\"chat\",\"call\":\"c\",\"text\":\"%s\"}", text);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) msg = fd_protocol_parse (json, strlen (json), FD_PROTOCOL_TO_RELAY,
                                                   NULL, &error);

    g_assert_null (msg);
    g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE);
  }
}

static void
test_build_roundtrip (void)
{
  g_autoptr(JsonObject) msg = fd_protocol_message_new (FD_MSG_QUEUED);
  g_autoptr(JsonObject) parsed = NULL;
  g_autoptr(JsonObject) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err_text = NULL;
  FdMsgType type;

  json_object_set_string_member (msg, "call", "c-42");
  json_object_set_string_member (msg, "language", "ru");
  json_object_set_int_member (msg, "position", 3);
  json_object_set_int_member (msg, "eta", 450);
  text = fd_protocol_to_string (msg);
  parsed = fd_protocol_parse (text, strlen (text), FD_PROTOCOL_TO_CLIENT, &type, &error);
  g_assert_no_error (error);
  g_assert_cmpint (type, ==, FD_MSG_QUEUED);
  g_assert_cmpint (fd_protocol_get_int (parsed, "position", 0), ==, 3);
  g_assert_cmpint (fd_protocol_get_int (parsed, "eta", 0), ==, 450);
  g_assert_cmpint (fd_protocol_get_int (parsed, "call", -7), ==, -7);
  g_assert_cmpstr (fd_protocol_get_string (parsed, "language"), ==, "ru");

  err = fd_protocol_error_new (FD_SIGNAL_ERROR_RATE_LIMITED, "slow down", "chat");
  err_text = fd_protocol_to_string (err);
  g_clear_pointer (&parsed, json_object_unref);
  parsed = fd_protocol_parse (err_text, strlen (err_text), FD_PROTOCOL_TO_CLIENT, &type, &error);
  g_assert_no_error (error);
  g_assert_cmpint (type, ==, FD_MSG_ERROR);
  g_assert_cmpint (fd_signal_error_from_code (fd_protocol_get_string (parsed, "code")), ==,
                   FD_SIGNAL_ERROR_RATE_LIMITED);

  for (guint c = FD_SIGNAL_ERROR_BAD_JSON; c <= FD_SIGNAL_ERROR_INTERNAL; c++)
    g_assert_cmpint (fd_signal_error_from_code (fd_signal_error_to_code (c)), ==, c);
  g_assert_cmpint (fd_signal_error_from_code ("no-such-code"), ==, FD_SIGNAL_ERROR_INTERNAL);
  for (guint t = FD_MSG_HELLO; t <= FD_MSG_MEDIA_RESTART; t++)
    g_assert_cmpint (fd_msg_type_from_string (fd_msg_type_to_string (t)), ==, t);
  g_assert_true (fd_protocol_language_is_valid ("csl"));
  g_assert_false (fd_protocol_language_is_valid ("zh_CN"));
  g_assert_false (fd_protocol_language_is_valid (NULL));
}

static char *
write_temp (const char *dir, const char *name, const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_config_tokens (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-relay-conf-XXXXXX", &error);
  g_autofree char *h1 = fd_relay_hash_token ("first-token-0123456789");
  g_autofree char *h2 = fd_relay_hash_token ("second-token-0123456789");
  g_autofree char *h1b = fd_relay_hash_token ("first-token-0123456789");
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(FdRelayConfig) config = NULL;
  const FdRelayIdentity *identity;
  static const char * const broken[] = {
    "[relay]\nport=8000\n",                                         /* no database */
    "[relay]\ndatabase=x\nport=99999\n",
    "[relay]\ndatabase=x\nring-timeout=0\n",
    "[relay]\ndatabase=x\nmax-message-size=0\n",
    "[relay]\ndatabase=x\nidle-timeout=3\nping-interval=3\n",
    "[relay]\ndatabase=x\n[token a]\nrole=admin\nhash=sha256:00:00\n",
    "[relay]\ndatabase=x\n[token a]\nrole=desk\nhash=plain-text-token\n",
    "[relay]\ndatabase=x\ntls-certificate=cert.pem\n",
    "[relay]\ndatabase=x\n[other]\n",
    "[relay]\ndatabase=x\nname=an-overly-long-relay-name-that-goes-past-the-limit-of-64-characters\n",
  };

  g_assert_no_error (error);
  /* A fresh salt each time: the same token hashes differently. */
  g_assert_cmpstr (h1, !=, h1b);
  g_assert_true (g_str_has_prefix (h1, "sha256:"));
  g_assert_null (strstr (h1, "first-token"));

  text = g_strdup_printf ("[relay]\ndatabase=calls.sqlite\nring-timeout=5\n\n"
                          "[token desk-1]\nrole=desk\nname=Desk one\nhash=%s\n\n"
                          "[token li]\nrole=interpreter\nname=Li\nlanguages=csl;en\nhash=%s\n",
                          h1, h2);
  path = write_temp (dir, "relay.conf", text);
  config = fd_relay_config_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->ring_timeout, ==, 5);
  g_assert_cmpuint (config->port, ==, 8765);
  g_assert_cmpuint (config->max_message_size, ==, 65536);
  g_assert_true (g_path_is_absolute (config->database));
  g_assert_true (g_str_has_prefix (config->database, dir));
  g_assert_cmpstr (config->relay_name, ==, g_get_host_name ());

  identity = fd_relay_config_verify (config, "first-token-0123456789");
  g_assert_nonnull (identity);
  g_assert_cmpstr (identity->id, ==, "desk-1");
  g_assert_cmpstr (identity->name, ==, "Desk one");
  g_assert_cmpint (identity->role, ==, FD_SIGNAL_ROLE_DESK);
  identity = fd_relay_config_verify (config, "second-token-0123456789");
  g_assert_nonnull (identity);
  g_assert_cmpint (identity->role, ==, FD_SIGNAL_ROLE_INTERPRETER);
  g_assert_cmpuint (g_strv_length (identity->languages), ==, 2);
  g_assert_null (fd_relay_config_verify (config, "first-token-012345678"));
  g_assert_null (fd_relay_config_verify (config, ""));
  g_assert_null (fd_relay_config_verify (config, NULL));
  g_unlink (path);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *p = write_temp (dir, "broken.conf", broken[i]);
      g_autoptr(FdRelayConfig) c = fd_relay_config_load (p, &error);

      g_test_message ("broken config %u: %s", i, error ? error->message : "(accepted!)");
      g_assert_null (c);
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_unlink (p);
    }
  g_rmdir (dir);
}

/* A PostgreSQL URI is kept as written (not made a path under the config's folder); name tags
 * the rows. */
static void
test_config_pg_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-relay-conf-XXXXXX", &error);
  g_autofree char *path = write_temp (dir, "relay.conf",
                                      "[relay]\ndatabase = postgresql:///calls?host=/run/postgresql\n"
                                      "name = hall-a\n");
  g_autoptr(FdRelayConfig) config = fd_relay_config_load (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (config->database, ==, "postgresql:///calls?host=/run/postgresql");
  g_assert_cmpstr (config->relay_name, ==, "hall-a");
  g_unlink (path);
  g_rmdir (dir);
}

/* Tokens hashed in one hash-token run share a salt and are found by digest; a file may mix them
 * with tokens that have their own salt; a SIGHUP reload re-indexes. */
static void
test_config_shared_salt (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fd-relay-conf-XXXXXX", &error);
  g_autoptr(GString) text = g_string_new ("[relay]\ndatabase=calls.sqlite\n");
  g_autofree char *path = NULL;
  g_autofree char *lone = fd_relay_hash_token ("lone-token-0123456789");
  g_autofree char *first = NULL;
  g_autofree char *reloaded = NULL;
  g_autoptr(FdRelayConfig) config = NULL;
  g_autoptr(FdRelayConfig) other = NULL;
  const FdRelayIdentity *identity;
  guint8 salt[16];

  g_assert_no_error (error);
  g_assert_true (fd_relay_new_salt (salt));
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *token = g_strdup_printf ("shared-token-%04u-abcdef", i);
      g_autofree char *hash = fd_relay_hash_token_salted (token, salt);

      /* "sha256:" + 32 hex digits of salt: the same for every token of the run */
      if (first == NULL)
        first = g_strdup (hash);
      g_assert_cmpint (strncmp (hash, first, 7 + 32), ==, 0);
      g_assert_cmpint (strncmp (hash, lone, 7 + 32), !=, 0);
      g_string_append_printf (text, "[token d%u]\nrole=desk\nhash=%s\n", i, hash);
    }
  g_string_append_printf (text, "[token lone]\nrole=interpreter\nhash=%s\n", lone);
  path = write_temp (dir, "relay.conf", text->str);
  config = fd_relay_config_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->token_index->len, ==, 2);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *token = g_strdup_printf ("shared-token-%04u-abcdef", i);
      g_autofree char *id = g_strdup_printf ("d%u", i);

      identity = fd_relay_config_verify (config, token);
      g_assert_nonnull (identity);
      g_assert_cmpstr (identity->id, ==, id);
    }
  identity = fd_relay_config_verify (config, "lone-token-0123456789");
  g_assert_nonnull (identity);
  g_assert_cmpstr (identity->id, ==, "lone");
  g_assert_null (fd_relay_config_verify (config, "shared-token-0050-abcdef"));
  g_assert_null (fd_relay_config_verify (config, "shared-token-0001-abcde"));

  /* reload: a file with only the lone token */
  g_unlink (path);
  g_free (path);
  reloaded = g_strconcat ("[relay]\ndatabase=x\n", strstr (text->str, "[token lone]"), NULL);
  path = write_temp (dir, "relay.conf", reloaded);
  other = fd_relay_config_load (path, &error);
  g_assert_no_error (error);
  fd_relay_config_set_identities (config, g_steal_pointer (&other->identities));
  g_assert_cmpuint (config->identities->len, ==, 1);
  g_assert_null (fd_relay_config_verify (config, "shared-token-0001-abcdef"));
  g_assert_nonnull (fd_relay_config_verify (config, "lone-token-0123456789"));
  g_unlink (path);
  g_rmdir (dir);
}

/* Every file of data/web's resource list is in the relay, byte for byte, with its type; any
 * other path (traversal, escapes, folders, hidden names) finds nothing. */
static void
test_console_lookup (void)
{
  g_auto(GStrv) files = fd_relay_console_files ();
  static const char * const expected[] = {
    "/console.css", "/console.js", "/fd-call.js", "/fd-signal.js", "/i18n/en.json",
    "/i18n/ru.json", "/i18n/zh-CN.json", "/index.html", NULL
  };
  static const char * const refused[] = {
    "", "relative", "//index.html", "/..", "/../etc/passwd", "/%2e%2e/etc/passwd",
    "/a/../../etc/passwd", "/i18n/../index.html", "/./index.html", "/index%2Ehtml",
    "/i18n%2fen.json", "/.git/config", "/i18n/", "/i18n", "/nothing-here", "/%00", "/a%5c..",
    "/index.html/", "/fd-relay-console.gresource.xml", "/meson.build", "/INDEX.HTML",
    "/cn/frontdesk/Relay/console/index.html", "/index.html?x", "/index.html\\",
  };
  const char *mime;

  g_assert_cmpstrv (files, expected);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *source = g_build_filename (g_getenv ("FD_SOURCE_ROOT"), "data", "web",
                                                  files[i] + 1, NULL);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(GBytes) bytes = fd_relay_console_lookup (files[i], &mime);

      g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
      g_assert_nonnull (bytes);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents,
                       length);
      g_assert_cmpstr (mime, ==, g_str_has_suffix (files[i], ".html") ? "text/html; charset=utf-8"
                       : g_str_has_suffix (files[i], ".js") ? "text/javascript; charset=utf-8"
                       : g_str_has_suffix (files[i], ".css") ? "text/css; charset=utf-8"
                       : "application/json");
    }
  {
    g_autoptr(GBytes) root = fd_relay_console_lookup ("/", &mime);
    g_autoptr(GBytes) index = fd_relay_console_lookup ("/index.html", &mime);

    g_assert_nonnull (root);
    g_assert_true (g_bytes_equal (root, index));
    g_assert_cmpstr (mime, ==, "text/html; charset=utf-8");
  }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GBytes) bytes = fd_relay_console_lookup (refused[i], &mime);

      g_test_message ("%s refused", refused[i]);
      g_assert_null (bytes);
      g_assert_null (mime);
    }
  {
    g_autofree char *long_path = g_strnfill (4096, 'a');

    long_path[0] = '/';
    g_assert_null (fd_relay_console_lookup (long_path, &mime));
  }
  g_assert_cmpstr (fd_relay_mime_type ("a/style.css"), ==, "text/css; charset=utf-8");
  g_assert_cmpstr (fd_relay_mime_type ("app.JS"), ==, "text/javascript; charset=utf-8");
  g_assert_cmpstr (fd_relay_mime_type ("noext"), ==, "application/octet-stream");
}

/* Requests a client cannot make are refused locally, with a GError, before any network use. */
static void
test_client_local_checks (void)
{
  g_autoptr(FdSignalClient) client = fd_signal_client_new ();
  g_autoptr(GError) error = NULL;
  static const char * const bad_langs[] = { "csl", "fr", NULL };
  static const char * const good_langs[] = { "ru", NULL };

  g_assert_cmpint (fd_signal_client_get_state (client), ==, FD_SIGNAL_STATE_DISCONNECTED);
  g_assert_null (fd_signal_client_get_call_id (client));

  g_assert_false (fd_signal_client_request_call (client, "csl", &error));
  g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  g_assert_false (fd_signal_client_request_call (client, "de", &error));
  g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_LANGUAGE);
  g_clear_error (&error);
  g_assert_false (fd_signal_client_hang_up (client, &error));
  g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE);
  g_clear_error (&error);
  g_assert_false (fd_signal_client_send_chat (client, "", &error));
  g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE);
  g_clear_error (&error);
  /* The default role is desk: interpreter requests are refused. */
  g_assert_false (fd_signal_client_accept_call (client, "c-1", &error));
  g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (fd_signal_client_set_presence (client, FD_PRESENCE_AWAY, &error));
  g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (fd_signal_client_set_languages (client, bad_langs, &error));
  g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_LANGUAGE);
  g_clear_error (&error);
  g_assert_true (fd_signal_client_set_languages (client, good_langs, &error));
  g_assert_no_error (error);
  g_assert_false (fd_signal_client_set_ca_file (client, "/nonexistent/ca.pem", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (fd_signal_client_set_ca_file (client, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
depth_ok (const char *text,
          guint       max_depth)
{
  return fd_protocol_depth_ok (text, strlen (text), max_depth);
}

/* Deep nesting is refused before json-glib recurses (it would overflow the stack): the relay's
 * direction and the desk client's (which reads up to 1 MiB from the relay). */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"type\":\"pong\",\"x\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) message = NULL;
  const char *shallow = "{\"type\":\"pong\",\"x\":[[[[1]]]]}";
  FdMsgType type;

  g_assert_true (depth_ok ("{\"a\":[[1]]}", 3));
  g_assert_false (depth_ok ("{\"a\":[[1]]}", 2));
  /* Brackets inside strings, escaped quotes included, do not count. */
  g_assert_true (depth_ok ("{\"a\":\"[[[\\\"[[\"}", 1));
  g_assert_false (depth_ok ("{\"a\":\"\\\\\",\"b\":[[]]}", 2));

  for (guint i = 0; i < 512 * 1024 - 64; i++)
    g_string_append_c (deep, '[');
  for (guint pass = 0; pass < 2; pass++)
    {
      message = fd_protocol_parse (deep->str, deep->len,
                                   pass == 0 ? FD_PROTOCOL_TO_CLIENT : FD_PROTOCOL_TO_RELAY,
                                   &type, &error);
      g_assert_null (message);
      g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_JSON);
      g_clear_error (&error);
    }
  /* Found by fuzz-protocol: json-glib turns malformed escapes into bytes that are not UTF-8; the
   * relay would have rebuilt and sent them to a peer whose parser refuses them. */
  {
    const char *bad = "{\"type\":\"chat\",\"call\":\"c-1\",\"text\":\"\\604\\ufu597d\"}";

    message = fd_protocol_parse (bad, strlen (bad), FD_PROTOCOL_TO_RELAY, &type, &error);
    g_assert_null (message);
    g_assert_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_JSON);
    g_clear_error (&error);
  }
  /* Nesting within the limit still parses. */
  message = fd_protocol_parse (shallow, strlen (shallow), FD_PROTOCOL_TO_CLIENT, &type, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
}

/* ---- TURN: the relay's short-lived credentials (coturn REST scheme), call-accepted's
 * ice_servers and their webrtcbin URIs ---------------------------------------------------------- */

#define SECRET "0123456789abcdef-secret"

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
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/protocol/good-messages", test_good_messages);
  g_test_add_func ("/protocol/bad-messages", test_bad_messages);
  g_test_add_func ("/protocol/build-roundtrip", test_build_roundtrip);
  g_test_add_func ("/protocol/deep-nesting", test_deep_nesting);
  g_test_add_func ("/signal/client-local-checks", test_client_local_checks);
  g_test_add_func ("/relay/config-tokens", test_config_tokens);
  g_test_add_func ("/relay/config-shared-salt", test_config_shared_salt);
  g_test_add_func ("/relay/config-pg-database", test_config_pg_database);
  g_test_add_func ("/turn/credential", test_credential);
  g_test_add_func ("/turn/config", test_config);
  g_test_add_func ("/turn/ice-servers", test_ice_servers);
  g_test_add_func ("/relay/console-lookup", test_console_lookup);
  return g_test_run ();
}
