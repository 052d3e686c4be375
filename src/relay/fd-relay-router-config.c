/* fd-relay-router-config.c: the router as the relay's configuration says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TURN servers handed out with calls, the resume grace, and the resume key: kept in the state
 * directory (or resume-key-file) so that the connected calls of the last run, rebuilt here from
 * their open records, can be resumed after a restart (fd-relay-router-resume.c).
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include <gio/gio.h>

#include "fd-relay-resume.h"
#include "fd-relay-router-private.h"

gboolean
fd_relay_router_configure (FdRelayRouter  *router,
                           FdRelayConfig  *config,
                           GError        **error)
{
  g_autofree char *path = config->resume_key_file != NULL
                          ? g_strdup (config->resume_key_file)
                          : fd_relay_resume_key_path (config->database);
  guint8 key[FD_RELAY_RESUME_KEY_BYTES];

  fd_relay_router_set_turn (router, config->turn);
  if (config->turn != NULL)
    g_message ("each call gets %u TURN and %u STUN servers (TURN credentials valid %u s)",
               config->turn->turn_uris != NULL ? g_strv_length (config->turn->turn_uris) : 0,
               config->turn->stun_uris != NULL ? g_strv_length (config->turn->stun_uris) : 0,
               config->turn->ttl);
  fd_relay_router_set_resume_grace (router, config->resume_grace);
  if (path == NULL)
    {
      /* A PostgreSQL store and no state directory: a key for this run only. */
      g_message ("no resume-key-file and no state directory: calls survive network blips but "
                 "not a relay restart");
      if (getrandom (key, sizeof key, 0) != sizeof key)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no random bytes for a resume key");
          return FALSE;
        }
    }
  else if (!fd_relay_resume_key_load (path, key, error))
    return FALSE;
  fd_relay_router_set_resume_key (router, key);
  explicit_bzero (key, sizeof key);
  fd_relay_router_restore_calls (router);
  return TRUE;
}
