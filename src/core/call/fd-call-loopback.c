/* fd-call-loopback.c: two engines of one process wired to each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-loopback"

#include "config.h"

#include "fd-call-loopback.h"

static void
on_local_description (FdCallEngine *from,
                      const char   *type,
                      const char   *sdp,
                      gpointer      user_data)
{
  FdCallEngine *to = user_data;
  g_autoptr(GError) error = NULL;

  /* A failure here already failed the receiving engine (state, ::error). */
  if (!fd_call_engine_set_remote_description (to, type, sdp, &error))
    g_debug ("loopback: %s", error->message);
}

static void
on_local_ice (FdCallEngine *from,
              guint         mline,
              const char   *candidate,
              gpointer      user_data)
{
  FdCallEngine *to = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_call_engine_add_remote_ice (to, mline, candidate, &error))
    g_debug ("loopback: %s", error->message);
}

void
fd_call_loopback_connect (FdCallEngine *offerer,
                          FdCallEngine *answerer)
{
  g_return_if_fail (FD_IS_CALL_ENGINE (offerer));
  g_return_if_fail (FD_IS_CALL_ENGINE (answerer));

  /* The engines outlive their handlers: each disconnects on dispose. */
  g_signal_connect_object (offerer, "local-description", G_CALLBACK (on_local_description),
                           answerer, 0);
  g_signal_connect_object (answerer, "local-description", G_CALLBACK (on_local_description),
                           offerer, 0);
  g_signal_connect_object (offerer, "local-ice", G_CALLBACK (on_local_ice), answerer, 0);
  g_signal_connect_object (answerer, "local-ice", G_CALLBACK (on_local_ice), offerer, 0);
}
