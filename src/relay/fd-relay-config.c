/* fd-relay-config.c: frontdesk-relay configuration file (GKeyFile) and hashed bearer tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include "fd-relay-config.h"
#include "fd-relay-store-pg.h"

#define TOKEN_GROUP_PREFIX "token "

static void
identity_free (gpointer data)
{
  FdRelayIdentity *identity = data;

  g_free (identity->id);
  g_free (identity->name);
  g_strfreev (identity->languages);
  memset (identity, 0, sizeof *identity);
  g_free (identity);
}

/* Identities grouped by salt: a token is hashed once per distinct salt and looked up by its
 * digest, so checking a hello costs one SHA-256 for a file hashed with one shared salt
 * (`hash-token` with several tokens) instead of one per identity (10,000 per hello in
 * bench/relay's restart storm). */
typedef struct {
  guint8 salt[16];
  GHashTable *by_digest;  /* digest (32 bytes, in the identity) → FdRelayIdentity */
} SaltGroup;

static void
salt_group_free (gpointer data)
{
  SaltGroup *group = data;

  g_hash_table_unref (group->by_digest);
  g_free (group);
}

static guint
random_bytes_hash (gconstpointer key)
{
  guint h;

  memcpy (&h, key, sizeof h);  /* salts and digests are uniformly random already */
  return h;
}

static gboolean
salt_equal (gconstpointer a,
            gconstpointer b)
{
  return memcmp (a, b, 16) == 0;
}

static gboolean
digest_equal (gconstpointer a,
              gconstpointer b)
{
  const guint8 *x = a, *y = b;
  guint8 diff = 0;

  for (gsize k = 0; k < 32; k++)
    diff |= x[k] ^ y[k];
  return diff == 0;
}

static GPtrArray *
index_by_salt (GPtrArray *identities)
{
  GPtrArray *index = g_ptr_array_new_with_free_func (salt_group_free);
  g_autoptr(GHashTable) groups = g_hash_table_new (random_bytes_hash, salt_equal);

  for (guint i = 0; i < identities->len; i++)
    {
      FdRelayIdentity *identity = g_ptr_array_index (identities, i);
      SaltGroup *group = g_hash_table_lookup (groups, identity->salt);

      if (group == NULL)
        {
          group = g_new0 (SaltGroup, 1);
          memcpy (group->salt, identity->salt, sizeof group->salt);
          group->by_digest = g_hash_table_new (random_bytes_hash, digest_equal);
          g_hash_table_insert (groups, group->salt, group);
          g_ptr_array_add (index, group);
        }
      /* the same token twice under one salt: the first identity wins, as before */
      if (!g_hash_table_contains (group->by_digest, identity->digest))
        g_hash_table_insert (group->by_digest, identity->digest, identity);
    }
  return index;
}

static gboolean
hex_decode (const char *hex, guint8 *out, gsize out_len)
{
  if (hex == NULL || strlen (hex) != out_len * 2)
    return FALSE;
  for (gsize i = 0; i < out_len; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

static char *
hex_encode (const guint8 *data, gsize len)
{
  GString *s = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x", data[i]);
  return g_string_free (s, FALSE);
}

static void
digest_token (const guint8 *salt, gsize salt_len, const char *token, guint8 out[32])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 32;

  g_checksum_update (sum, salt, salt_len);
  g_checksum_update (sum, (const guchar *) token, strlen (token));
  g_checksum_get_digest (sum, out, &len);
}

static guint
get_uint (GKeyFile *kf, const char *key, guint fallback, guint min, guint max, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 value;

  if (!g_key_file_has_key (kf, "relay", key, NULL))
    return fallback;
  value = g_key_file_get_int64 (kf, "relay", key, &local_error);
  if (local_error != NULL || value < min || value > max)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[relay] %s must be a whole number from %u to %u", key, min, max);
      return fallback;
    }
  return (guint) value;
}

static char *
get_path (GKeyFile *kf, const char *key, const char *base_dir)
{
  g_autofree char *value = g_key_file_get_string (kf, "relay", key, NULL);

  if (value == NULL)
    return NULL;
  g_strstrip (value);
  if (*value == '\0')
    return NULL;
  if (g_path_is_absolute (value))
    return g_steal_pointer (&value);
  return g_build_filename (base_dir, value, NULL);
}

static gboolean
parse_hash (const char *hash,
            guint8      salt[16],
            guint8      digest[32])
{
  g_auto(GStrv) parts = NULL;

  if (hash == NULL)
    return FALSE;
  parts = g_strsplit (hash, ":", -1);
  return g_strv_length (parts) == 3 && g_strcmp0 (parts[0], "sha256") == 0
         && hex_decode (g_strstrip (parts[1]), salt, 16)
         && hex_decode (g_strstrip (parts[2]), digest, 32);
}

static gboolean
digest_matches (const guint8 *salt,
                const guint8 *expected,
                const char   *token)
{
  guint8 digest[32];
  guint8 diff = 0;

  digest_token (salt, 16, token, digest);
  for (gsize k = 0; k < sizeof digest; k++)
    diff |= digest[k] ^ expected[k];
  memset (digest, 0, sizeof digest);
  return diff == 0;
}

static FdRelayIdentity *
load_identity (GKeyFile *kf, const char *group, GError **error)
{
  g_autoptr(GPtrArray) langs = NULL;
  g_autofree char *role = g_key_file_get_string (kf, group, "role", NULL);
  g_autofree char *hash = g_key_file_get_string (kf, group, "hash", NULL);
  g_auto(GStrv) languages = NULL;
  FdRelayIdentity *identity = g_new0 (FdRelayIdentity, 1);

  identity->id = g_strstrip (g_strdup (group + strlen (TOKEN_GROUP_PREFIX)));
  if (*identity->id == '\0' || strlen (identity->id) > 64)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s]: the identity after “token” must be 1 to 64 characters", group);
      goto fail;
    }
  if (role == NULL || !fd_signal_role_from_string (g_strstrip (role), &identity->role))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s] role must be desk or interpreter", group);
      goto fail;
    }
  if (hash == NULL || !parse_hash (g_strstrip (hash), identity->salt, identity->digest))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s] hash must be a line made by “frontdesk-relay hash-token” "
                   "(sha256:SALT:DIGEST)", group);
      goto fail;
    }
  identity->name = g_key_file_get_string (kf, group, "name", NULL);
  if (identity->name == NULL)
    identity->name = g_strdup (identity->id);
  languages = g_key_file_get_string_list (kf, group, "languages", NULL, NULL);
  if (languages != NULL)
    {
      langs = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; languages[i] != NULL; i++)
        {
          const char *lang = g_strstrip (languages[i]);

          if (*lang == '\0')
            continue;
          if (!fd_protocol_language_is_valid (lang))
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "[%s] languages: “%s” is not csl, en or ru", group, lang);
              goto fail;
            }
          g_ptr_array_add (langs, g_strdup (lang));
        }
      g_ptr_array_add (langs, NULL);
      identity->languages = (char **) g_ptr_array_free (g_steal_pointer (&langs), FALSE);
    }
  return identity;

fail:
  identity_free (identity);
  return NULL;
}

FdRelayConfig *
fd_relay_config_load (const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(FdRelayConfig) config = g_new0 (FdRelayConfig, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base_dir = NULL;
  g_autofree char *abs = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *monitor = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  config->identities = g_ptr_array_new_with_free_func (identity_free);
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  abs = g_canonicalize_filename (path, NULL);
  base_dir = g_path_get_dirname (abs);

  config->listen = g_key_file_get_string (kf, "relay", "listen", NULL);
  if (config->listen == NULL)
    config->listen = g_strdup ("127.0.0.1");
  g_strstrip (config->listen);
  config->port = get_uint (kf, "port", 8765, 0, 65535, &local_error);
  if (local_error == NULL)
    config->ring_timeout = get_uint (kf, "ring-timeout", 20, 1, 600, &local_error);
  if (local_error == NULL)
    config->ping_interval = get_uint (kf, "ping-interval", 3, 1, 60, &local_error);
  if (local_error == NULL)
    config->idle_timeout = get_uint (kf, "idle-timeout", 10, 2, 600, &local_error);
  if (local_error == NULL)
    config->resume_grace = get_uint (kf, "resume-grace", FD_PROTOCOL_RESUME_GRACE, 0, 300,
                                     &local_error);
  if (local_error == NULL)
    config->hello_timeout = get_uint (kf, "hello-timeout", 10, 1, 600, &local_error);
  if (local_error == NULL)
    config->max_message_size = get_uint (kf, "max-message-size", 65536, 1024, 16 * 1024 * 1024,
                                         &local_error);
  if (local_error == NULL)
    config->rate_burst = get_uint (kf, "rate-burst", 60, 1, 100000, &local_error);
  if (local_error == NULL)
    config->rate_strikes = get_uint (kf, "rate-strikes", 50, 1, 100000, &local_error);
  if (local_error == NULL)
    config->listen_backlog = get_uint (kf, "listen-backlog", 4096, 16, 65535, &local_error);
  if (local_error == NULL)
    config->max_connections = get_uint (kf, "max-connections", 12000, 1, 1000000, &local_error);
  if (local_error == NULL)
    config->max_per_address = get_uint (kf, "max-connections-per-address", 256, 1, 1000000,
                                        &local_error);
  if (local_error == NULL)
    config->request_timeout = get_uint (kf, "request-timeout", 10, 1, 600, &local_error);
  if (local_error == NULL)
    config->max_send_queue = get_uint (kf, "max-send-queue", 1024 * 1024, 16 * 1024,
                                       256 * 1024 * 1024, &local_error);
  if (local_error == NULL)
    config->call_requests_per_minute = get_uint (kf, "call-requests-per-minute", 6, 1, 100000,
                                                 &local_error);
  if (local_error == NULL)
    config->record_days = get_uint (kf, "record-days", 366, 0, 36600, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }
  config->rate_per_second = 20;
  rate = g_key_file_get_string (kf, "relay", "rate-per-second", NULL);
  if (rate != NULL)
    {
      char *end = NULL;

      config->rate_per_second = g_ascii_strtod (g_strstrip (rate), &end);
      if (end == rate || *end != '\0' || !(config->rate_per_second > 0)
          || config->rate_per_second > 100000)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s: [relay] rate-per-second must be a positive number", path);
          return NULL;
        }
    }
  if (config->idle_timeout <= config->ping_interval)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "%s: [relay] idle-timeout must be longer than ping-interval", path);
      return NULL;
    }
  /* A PostgreSQL URI is kept as written; anything else is a file, relative to the config's folder. */
  config->database = g_key_file_get_string (kf, "relay", "database", NULL);
  if (config->database == NULL || !_fd_relay_store_is_pg_uri (g_strstrip (config->database)))
    {
      g_clear_pointer (&config->database, g_free);
      config->database = get_path (kf, "database", base_dir);
    }
  if (config->database == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                   "%s: [relay] database (the SQLite file or PostgreSQL URI for call records) "
                   "is required", path);
      return NULL;
    }
  config->relay_name = g_key_file_get_string (kf, "relay", "name", NULL);
  if (config->relay_name != NULL)
    g_strstrip (config->relay_name);
  if (config->relay_name == NULL || *config->relay_name == '\0'
      || strlen (config->relay_name) > 64)
    {
      if (config->relay_name != NULL)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s: [relay] name must be 1 to 64 characters", path);
          return NULL;
        }
      config->relay_name = g_strdup (g_get_host_name ());
    }
  config->allowed_origins = g_key_file_get_string_list (kf, "relay", "allowed-origins", NULL,
                                                        NULL);
  for (guint i = 0; config->allowed_origins != NULL && config->allowed_origins[i] != NULL; i++)
    g_strstrip (config->allowed_origins[i]);
  monitor = g_key_file_get_string (kf, "relay", "monitor-hash", NULL);
  if (monitor != NULL)
    {
      if (!parse_hash (g_strstrip (monitor), config->monitor_salt, config->monitor_digest))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s: [relay] monitor-hash must be a line made by “frontdesk-relay "
                       "hash-token” (sha256:SALT:DIGEST)", path);
          return NULL;
        }
      config->have_monitor = TRUE;
    }
  /* Older configurations named a folder for the console; it is now compiled in. */
  if (g_key_file_has_key (kf, "relay", "static-dir", NULL))
    g_message ("%s: [relay] static-dir is no longer read: the web console is built into "
               "frontdesk-relay", path);
  config->tls_certificate = get_path (kf, "tls-certificate", base_dir);
  config->resume_key_file = get_path (kf, "resume-key-file", base_dir);
  config->tls_key = get_path (kf, "tls-key", base_dir);
  if ((config->tls_certificate == NULL) != (config->tls_key == NULL))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "%s: [relay] tls-certificate and tls-key go together", path);
      return NULL;
    }

  config->turn = fd_relay_turn_load (kf, base_dir, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      FdRelayIdentity *identity;

      if (!g_str_has_prefix (groups[i], TOKEN_GROUP_PREFIX))
        {
          if (g_strcmp0 (groups[i], "relay") != 0)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                           "%s: unknown group [%s] (expected [relay] or [token ID])",
                           path, groups[i]);
              return NULL;
            }
          continue;
        }
      identity = load_identity (kf, groups[i], error);
      if (identity == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
      if (!g_hash_table_add (ids, identity->id))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s: identity “%s” is defined twice", path, identity->id);
          identity_free (identity);
          return NULL;
        }
      g_ptr_array_add (config->identities, identity);
    }
  config->token_index = index_by_salt (config->identities);
  return g_steal_pointer (&config);
}

void
fd_relay_config_free (FdRelayConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->listen);
  g_free (config->database);
  g_free (config->relay_name);
  g_free (config->tls_certificate);
  g_free (config->tls_key);
  g_free (config->resume_key_file);
  g_strfreev (config->allowed_origins);
  g_clear_pointer (&config->token_index, g_ptr_array_unref);
  g_clear_pointer (&config->turn, fd_relay_turn_free);
  g_clear_pointer (&config->identities, g_ptr_array_unref);
  g_free (config);
}

const FdRelayIdentity *
fd_relay_config_verify (FdRelayConfig *config, const char *token)
{
  const FdRelayIdentity *found = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  if (token == NULL || *token == '\0' || config->token_index == NULL)
    return NULL;
  for (guint i = 0; i < config->token_index->len; i++)
    {
      const SaltGroup *group = g_ptr_array_index (config->token_index, i);
      guint8 digest[32];
      const FdRelayIdentity *identity;

      digest_token (group->salt, sizeof group->salt, token, digest);
      identity = g_hash_table_lookup (group->by_digest, digest);
      memset (digest, 0, sizeof digest);
      if (found == NULL)
        found = identity;
    }
  return found;
}

void
fd_relay_config_set_identities (FdRelayConfig *config,
                                GPtrArray     *identities)
{
  g_return_if_fail (config != NULL && identities != NULL);

  g_clear_pointer (&config->token_index, g_ptr_array_unref);
  g_clear_pointer (&config->identities, g_ptr_array_unref);
  config->identities = identities;
  config->token_index = index_by_salt (identities);
}

gboolean
fd_relay_config_verify_monitor (FdRelayConfig *config,
                                const char    *token)
{
  g_return_val_if_fail (config != NULL, FALSE);

  if (!config->have_monitor || token == NULL || *token == '\0')
    return FALSE;
  return digest_matches (config->monitor_salt, config->monitor_digest, token);
}

char *
fd_relay_hash_token (const char *token)
{
  guint8 salt[16];

  g_return_val_if_fail (token != NULL, NULL);

  if (!fd_relay_new_salt (salt))
    return NULL;
  return fd_relay_hash_token_salted (token, salt);
}

gboolean
fd_relay_new_salt (guint8 salt[16])
{
  return getrandom (salt, 16, 0) == 16;
}

char *
fd_relay_hash_token_salted (const char   *token,
                            const guint8  salt[16])
{
  guint8 digest[32];
  g_autofree char *salt_hex = NULL;
  g_autofree char *digest_hex = NULL;

  g_return_val_if_fail (token != NULL, NULL);

  digest_token (salt, 16, token, digest);
  salt_hex = hex_encode (salt, 16);
  digest_hex = hex_encode (digest, sizeof digest);
  return g_strdup_printf ("sha256:%s:%s", salt_hex, digest_hex);
}
