/* fd-signal-client-actions.c: FdSignalClient requests (presence, calls, SDP/ICE/chat), accessors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-signal"

#include "config.h"

#include <string.h>

#include "fd-signal-client-private.h"
#include "fd-ice-servers.h"

gboolean
fd_signal_client_set_ca_file (FdSignalClient *self, const char *path, GError **error)
{
  g_autoptr(GTlsDatabase) database = NULL;

  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  if (path == NULL)
    {
      database = g_tls_backend_get_default_database (g_tls_backend_get_default ());
      soup_session_set_tls_database (self->session, database);
      return TRUE;
    }
  database = g_tls_file_database_new (path, error);
  if (database == NULL)
    {
      g_prefix_error (error, "relay certificate file %s: ", path);
      return FALSE;
    }
  soup_session_set_tls_database (self->session, database);
  return TRUE;
}

static gboolean
check_role (FdSignalClient *self, FdSignalRole role, GError **error)
{
  if (self->role == role)
    return TRUE;
  g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_FORBIDDEN,
               "only a %s can do this", fd_signal_role_to_string (role));
  return FALSE;
}

static gboolean
send_presence (FdSignalClient *self, GError **error)
{
  g_autoptr(JsonObject) message = fd_protocol_message_new (FD_MSG_PRESENCE);

  json_object_set_string_member (message, "presence",
                                 self->wanted == FD_PRESENCE_AWAY ? "away" : "available");
  fd_signal_client_add_languages (self, message);
  return fd_signal_client_send_object (self, message, error);
}

gboolean
fd_signal_client_set_presence (FdSignalClient *self, FdPresence presence, GError **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  if (!check_role (self, FD_SIGNAL_ROLE_INTERPRETER, error))
    return FALSE;
  if (presence == FD_PRESENCE_BUSY)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE,
                   "busy is set by the relay only");
      return FALSE;
    }
  self->wanted = presence;
  if (self->state != FD_SIGNAL_STATE_CONNECTED)
    {
      fd_signal_client_set_presence_internal (self, presence);
      return TRUE;   /* announced in the next hello */
    }
  return send_presence (self, error);
}

gboolean
fd_signal_client_set_languages (FdSignalClient *self, const char * const *languages, GError **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);
  g_return_val_if_fail (languages != NULL, FALSE);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (!fd_protocol_language_is_valid (languages[i]))
        {
          g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_LANGUAGE,
                       "unknown language “%s”", languages[i]);
          return FALSE;
        }
    }
  g_strfreev (self->languages);
  self->languages = g_strdupv ((char **) languages);
  if (self->state != FD_SIGNAL_STATE_CONNECTED || self->role != FD_SIGNAL_ROLE_INTERPRETER)
    return TRUE;
  return send_presence (self, error);
}

static gboolean
send_call_message (FdSignalClient *self, FdMsgType type, const char *call_id, GError **error)
{
  g_autoptr(JsonObject) message = NULL;

  if (call_id == NULL)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE, "there is no call");
      return FALSE;
    }
  message = fd_protocol_message_new (type);
  json_object_set_string_member (message, "call", call_id);
  return fd_signal_client_send_object (self, message, error);
}

gboolean
fd_signal_client_request_call (FdSignalClient *self, const char *language, GError **error)
{
  g_autoptr(JsonObject) message = NULL;

  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  if (!check_role (self, FD_SIGNAL_ROLE_DESK, error))
    return FALSE;
  if (!fd_protocol_language_is_valid (language))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_LANGUAGE,
                   "unknown language (expected csl, en or ru)");
      return FALSE;
    }
  message = fd_protocol_message_new (FD_MSG_CALL_REQUEST);
  json_object_set_string_member (message, "language", language);
  return fd_signal_client_send_object (self, message, error);
}

gboolean
fd_signal_client_cancel_call (FdSignalClient *self, GError **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  if (!check_role (self, FD_SIGNAL_ROLE_DESK, error))
    return FALSE;
  return send_call_message (self, FD_MSG_CALL_CANCEL, self->call_id, error);
}

gboolean
fd_signal_client_accept_call (FdSignalClient *self, const char *call_id, GError **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  if (!check_role (self, FD_SIGNAL_ROLE_INTERPRETER, error))
    return FALSE;
  return send_call_message (self, FD_MSG_CALL_ACCEPT, call_id ? call_id : self->call_id, error);
}

gboolean
fd_signal_client_decline_call (FdSignalClient *self, const char *call_id, GError **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  if (!check_role (self, FD_SIGNAL_ROLE_INTERPRETER, error))
    return FALSE;
  return send_call_message (self, FD_MSG_CALL_DECLINE, call_id ? call_id : self->call_id, error);
}

static JsonObject *
new_call_message (FdSignalClient *self, FdMsgType type, GError **error)
{
  JsonObject *message;

  if (self->call_id == NULL)
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_STATE, "there is no call");
      return NULL;
    }
  message = fd_protocol_message_new (type);
  json_object_set_string_member (message, "call", self->call_id);
  return message;
}

gboolean
fd_signal_client_send_sdp (FdSignalClient *self, const char *sdp_type, const char *sdp,
                           GError **error)
{
  g_autoptr(JsonObject) message = NULL;

  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_strcmp0 (sdp_type, "offer") == 0 || g_strcmp0 (sdp_type, "answer") == 0,
                        FALSE);
  g_return_val_if_fail (sdp != NULL, FALSE);

  message = new_call_message (self, FD_MSG_SDP, error);
  if (message == NULL)
    return FALSE;
  json_object_set_string_member (message, "sdp_type", sdp_type);
  json_object_set_string_member (message, "sdp", sdp);
  return fd_signal_client_send_object (self, message, error);
}

gboolean
fd_signal_client_send_ice (FdSignalClient *self, guint mline_index, const char *candidate,
                           GError **error)
{
  g_autoptr(JsonObject) message = NULL;

  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);
  g_return_val_if_fail (candidate != NULL, FALSE);

  message = new_call_message (self, FD_MSG_ICE, error);
  if (message == NULL)
    return FALSE;
  json_object_set_string_member (message, "candidate", candidate);
  json_object_set_int_member (message, "mline_index", mline_index);
  return fd_signal_client_send_object (self, message, error);
}

gboolean
fd_signal_client_send_chat (FdSignalClient *self, const char *text, GError **error)
{
  g_autoptr(JsonObject) message = NULL;

  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (*text == '\0' || strlen (text) > FD_PROTOCOL_MAX_CHAT_BYTES || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE,
                   "chat text must be 1 to %d bytes of UTF-8", FD_PROTOCOL_MAX_CHAT_BYTES);
      return FALSE;
    }
  message = new_call_message (self, FD_MSG_CHAT, error);
  if (message == NULL)
    return FALSE;
  json_object_set_string_member (message, "text", text);
  return fd_signal_client_send_object (self, message, error);
}

gboolean
fd_signal_client_hang_up (FdSignalClient *self, GError **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  /* Held (no connection): it goes to the relay with the resume. */
  if (_fd_signal_client_queue_hang_up (self))
    return TRUE;
  return send_call_message (self, FD_MSG_HANG_UP, self->call_id, error);
}

gboolean
fd_signal_client_send_media_restart (FdSignalClient  *self,
                                     GError         **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  return send_call_message (self, FD_MSG_MEDIA_RESTART, self->call_id, error);
}

gboolean
fd_signal_client_get_resuming (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  return self->resuming;
}

gboolean
fd_signal_client_get_call_resumable (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);

  return self->call_id != NULL && self->resume != NULL;
}

gboolean
fd_signal_client_send_message (FdSignalClient *self, JsonObject *message, GError **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  return fd_signal_client_send_object (self, message, error);
}

/* ---- construction and accessors --------------------------------------------------------------- */

FdSignalClient *
fd_signal_client_new (void)
{
  return g_object_new (FD_TYPE_SIGNAL_CLIENT, NULL);
}

gboolean
fd_signal_client_wait_finish (FdSignalClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fd_signal_client_wait_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

FdSignalState
fd_signal_client_get_state (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FD_SIGNAL_STATE_DISCONNECTED);
  return self->state;
}

FdSignalRole
fd_signal_client_get_role (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FD_SIGNAL_ROLE_DESK);
  return self->role;
}

FdPresence
fd_signal_client_get_presence (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), FD_PRESENCE_AWAY);
  return self->presence;
}

const char *
fd_signal_client_get_call_id (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), NULL);
  return self->call_id;
}

const char *
fd_signal_client_get_user_id (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), NULL);
  return self->user_id;
}

const char *
fd_signal_client_get_user_name (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), NULL);
  return self->user_name;
}

guint
fd_signal_client_get_retry_delay (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), 0);
  return (self->retry_delay_ms + 999) / 1000;
}

void
fd_signal_client_set_backoff (FdSignalClient *self,
                              guint           initial_ms,
                              guint           max_ms)
{
  g_return_if_fail (FD_IS_SIGNAL_CLIENT (self));
  g_return_if_fail (initial_ms > 0 && max_ms >= initial_ms);

  self->backoff_initial_ms = initial_ms;
  self->backoff_max_ms = max_ms;
}

void
_fd_signal_client_set_ice_servers (FdSignalClient *self,
                                   JsonObject     *accepted)
{
  g_clear_pointer (&self->stun_uri, g_free);
  g_clear_pointer (&self->turn_uris, g_strfreev);
  if (accepted != NULL && json_object_has_member (accepted, "ice_servers"))
    fd_ice_servers_to_uris (json_object_get_array_member (accepted, "ice_servers"),
                            &self->stun_uri, &self->turn_uris);
}

const char *
fd_signal_client_get_stun_uri (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), NULL);
  return self->stun_uri;
}

const char * const *
fd_signal_client_get_turn_uris (FdSignalClient *self)
{
  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (self), NULL);
  return (const char * const *) self->turn_uris;
}

void
fd_signal_client_wait_async (FdSignalClient      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FD_IS_SIGNAL_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_signal_client_wait_async);
  if (self->state == FD_SIGNAL_STATE_CONNECTED)
    g_task_return_boolean (task, TRUE);
  else if (!self->running)
    g_task_return_new_error (task, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_NOT_CONNECTED,
                             "no session with the relay is running");
  else if (self->connect_task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "already waiting");
  else
    self->connect_task = g_steal_pointer (&task);
}
