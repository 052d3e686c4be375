/* fd-relay-resume.h: resume tokens a relay can verify after a restart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fd-protocol.h"

G_BEGIN_DECLS

#define FD_RELAY_RESUME_KEY_BYTES 32
/* How long after the answer a call can still be resumed (a hall's call is minutes long). */
#define FD_RELAY_RESUME_LIFETIME_S (12 * 3600)

/* Reads the relay's resume key from @path, or creates it there (32 random bytes, mode 0600, in a
 * folder that exists). Refuses a file that is not a regular file of 32 bytes owned by this user,
 * or that its group or others may read or write. */
gboolean fd_relay_resume_key_load   (const char   *path,
                                     guint8        key[FD_RELAY_RESUME_KEY_BYTES],
                                     GError      **error);
/* Where the key lives by default: $STATE_DIRECTORY (systemd's StateDirectory), else beside an
 * SQLite @database; NULL for a PostgreSQL one without a state directory (newly allocated). */
char    *fd_relay_resume_key_path   (const char   *database);

/* The token for @party_id (@role) of @call_id, valid until @expires_s (Unix seconds): base64url
 * of a version byte, the expiry and HMAC-SHA256 (key; call, role, party, expiry). */
char    *fd_relay_resume_token      (const guint8  key[FD_RELAY_RESUME_KEY_BYTES],
                                     const char   *call_id,
                                     FdSignalRole  role,
                                     const char   *party_id,
                                     gint64        expires_s);
/* Whether @token is the one for this call, role and party, not expired at @now_s (the MAC is
 * compared in constant time; any malformed token is simply wrong). */
gboolean fd_relay_resume_token_check (const guint8  key[FD_RELAY_RESUME_KEY_BYTES],
                                      const char   *token,
                                      const char   *call_id,
                                      FdSignalRole  role,
                                      const char   *party_id,
                                      gint64        now_s);

G_END_DECLS
