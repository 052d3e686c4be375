/* fd-signal-client-private.h: FdSignalClient internals shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "fd-signal-client.h"

G_BEGIN_DECLS

struct _FdSignalClient
{
  GObject parent_instance;

  SoupSession *session;
  SoupWebsocketConnection *ws;
  GCancellable *cancellable;
  GTask *connect_task;

  char *url;
  char *token;
  FdSignalRole role;
  char **languages;
  FdPresence presence;
  FdPresence wanted;

  FdSignalState state;
  gboolean running;
  gboolean fatal;
  guint attempt;
  guint retry_delay_ms;
  guint backoff_initial_ms;
  guint backoff_max_ms;
  guint retry_source;
  guint ping_source;
  guint welcome_source;
  guint ping_interval;
  guint idle_timeout;
  gint64 last_rx;

  char *call_id;
  char *stun_uri;         /* from the current call's call-accepted (webrtcbin form) */
  char **turn_uris;
  char *user_id;
  char *user_name;
};

gboolean fd_signal_client_send_object            (FdSignalClient *self,
                                                  JsonObject     *message,
                                                  GError        **error);
void     fd_signal_client_add_languages          (FdSignalClient *self,
                                                  JsonObject     *message);
void     fd_signal_client_set_presence_internal  (FdSignalClient *self,
                                                  FdPresence      presence);
/* Keeps call-accepted's ice_servers in webrtcbin's form (@accepted NULL: forgets them). */
void     _fd_signal_client_set_ice_servers       (FdSignalClient *self,
                                                  JsonObject     *accepted);

G_END_DECLS
