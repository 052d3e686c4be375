/* fd-relay-config.h: frontdesk-relay configuration file (GKeyFile) and hashed bearer tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fd-protocol.h"
#include "fd-relay-turn.h"

G_BEGIN_DECLS

typedef struct {
  char *id;            /* from the group name [token ID] */
  char *name;          /* display name */
  FdSignalRole role;
  char **languages;    /* interpreter: allowed languages, NULL = all */
  guint8 salt[16];
  guint8 digest[32];   /* SHA-256 (salt || token) */
} FdRelayIdentity;

typedef struct {
  char *listen;
  guint port;
  char *database;          /* SQLite file, or postgresql:// URI */
  char *relay_name;        /* [relay] name, default the host name: tags rows in a shared store */
  char *tls_certificate;
  char *tls_key;
  guint ring_timeout;
  guint ping_interval;
  guint idle_timeout;
  guint resume_grace;      /* seconds a connected call waits for a dropped side (0 = none) */
  char *resume_key_file;   /* NULL: fd_relay_resume_key_path() of the database */
  guint hello_timeout;
  guint64 max_message_size;
  double rate_per_second;
  guint rate_burst;
  guint rate_strikes;
  guint listen_backlog;
  guint max_connections;
  guint max_per_address;
  guint request_timeout;
  guint64 max_send_queue;
  guint call_requests_per_minute;
  guint record_days;       /* 0 = keep call records for ever */
  char **allowed_origins;  /* besides the relay's own; NULL = none */
  gboolean have_monitor;   /* monitor-hash set: /health details and /metrics */
  guint8 monitor_salt[16];
  guint8 monitor_digest[32];
  FdRelayTurn *turn;     /* STUN/TURN servers handed out with calls; NULL = none */
  GPtrArray *identities; /* FdRelayIdentity; replace with fd_relay_config_set_identities() */
  GPtrArray *token_index; /* private: the identities grouped by salt */
} FdRelayConfig;

FdRelayConfig         *fd_relay_config_load       (const char     *path,
                                                   GError        **error);
void                   fd_relay_config_free       (FdRelayConfig  *config);
/* The identity whose hash @token matches: one SHA-256 per distinct salt in the file (no early
 * exit), then a lookup by digest; NULL if none. */
const FdRelayIdentity *fd_relay_config_verify     (FdRelayConfig  *config,
                                                   const char     *token);
/* Replaces the identities (takes @identities) and re-indexes them (SIGHUP reload). */
void                   fd_relay_config_set_identities (FdRelayConfig *config,
                                                       GPtrArray     *identities);
/* Whether @token is the monitoring token (constant-time; FALSE when none is configured). */
gboolean               fd_relay_config_verify_monitor (FdRelayConfig *config,
                                                       const char    *token);
/* "sha256:SALT_HEX:DIGEST_HEX" for a token, with a fresh random salt. */
char                  *fd_relay_hash_token        (const char     *token);
/* The same with a given salt (hash-token gives the tokens hashed in one run one salt). */
char                  *fd_relay_hash_token_salted (const char     *token,
                                                   const guint8    salt[16]);
/* 16 random bytes from getrandom(); FALSE if none are available. */
gboolean               fd_relay_new_salt          (guint8          salt[16]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdRelayConfig, fd_relay_config_free)

G_END_DECLS
