/* fd-call-media.c: the media side of a call, as FdRelayCall sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call"

#include "config.h"

#include "fd-call-media.h"

G_DEFINE_INTERFACE (FdCallMedia, fd_call_media, G_TYPE_OBJECT)

static void
fd_call_media_default_init (FdCallMediaInterface *iface)
{
}

gboolean
fd_call_media_start (FdCallMedia  *self,
                     GError      **error)
{
  g_return_val_if_fail (FD_IS_CALL_MEDIA (self), FALSE);
  return FD_CALL_MEDIA_GET_IFACE (self)->start (self, error);
}

gboolean
fd_call_media_set_remote_description (FdCallMedia  *self,
                                      const char   *type,
                                      const char   *sdp,
                                      GError      **error)
{
  g_return_val_if_fail (FD_IS_CALL_MEDIA (self), FALSE);
  return FD_CALL_MEDIA_GET_IFACE (self)->set_remote_description (self, type, sdp, error);
}

gboolean
fd_call_media_add_remote_ice (FdCallMedia  *self,
                              guint         mline_index,
                              const char   *candidate,
                              GError      **error)
{
  g_return_val_if_fail (FD_IS_CALL_MEDIA (self), FALSE);
  return FD_CALL_MEDIA_GET_IFACE (self)->add_remote_ice (self, mline_index, candidate, error);
}

gboolean
fd_call_media_send_chat (FdCallMedia  *self,
                         const char   *text,
                         GError      **error)
{
  g_return_val_if_fail (FD_IS_CALL_MEDIA (self), FALSE);
  return FD_CALL_MEDIA_GET_IFACE (self)->send_chat (self, text, error);
}

gboolean
fd_call_media_send_data (FdCallMedia  *self,
                         GBytes       *bytes,
                         GError      **error)
{
  FdCallMediaInterface *iface;

  g_return_val_if_fail (FD_IS_CALL_MEDIA (self), FALSE);
  iface = FD_CALL_MEDIA_GET_IFACE (self);
  if (iface->send_data == NULL)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_CHAT,
                           "This media carries no binary messages");
      return FALSE;
    }
  return iface->send_data (self, bytes, error);
}

void
fd_call_media_hang_up (FdCallMedia *self)
{
  g_return_if_fail (FD_IS_CALL_MEDIA (self));
  FD_CALL_MEDIA_GET_IFACE (self)->hang_up (self);
}

FdCallState
fd_call_media_get_state (FdCallMedia *self)
{
  g_return_val_if_fail (FD_IS_CALL_MEDIA (self), FD_CALL_STATE_FAILED);
  return FD_CALL_MEDIA_GET_IFACE (self)->get_state (self);
}

const GError *
fd_call_media_get_error (FdCallMedia *self)
{
  g_return_val_if_fail (FD_IS_CALL_MEDIA (self), NULL);
  return FD_CALL_MEDIA_GET_IFACE (self)->get_error (self);
}

FdCallStats *
fd_call_media_get_stats (FdCallMedia *self)
{
  FdCallMediaInterface *iface;

  g_return_val_if_fail (FD_IS_CALL_MEDIA (self), NULL);
  iface = FD_CALL_MEDIA_GET_IFACE (self);
  return iface->get_stats != NULL ? iface->get_stats (self) : NULL;
}

/* ---- FdCallEngine ---------------------------------------------------------------------------- */

static gboolean
engine_start (FdCallMedia  *media,
              GError      **error)
{
  return fd_call_engine_start (FD_CALL_ENGINE (media), error);
}

static gboolean
engine_set_remote_description (FdCallMedia  *media,
                               const char   *type,
                               const char   *sdp,
                               GError      **error)
{
  return fd_call_engine_set_remote_description (FD_CALL_ENGINE (media), type, sdp, error);
}

static gboolean
engine_add_remote_ice (FdCallMedia  *media,
                       guint         mline,
                       const char   *candidate,
                       GError      **error)
{
  return fd_call_engine_add_remote_ice (FD_CALL_ENGINE (media), mline, candidate, error);
}

static gboolean
engine_send_chat (FdCallMedia  *media,
                  const char   *text,
                  GError      **error)
{
  return fd_call_engine_send_chat (FD_CALL_ENGINE (media), text, error);
}

static gboolean
engine_send_data (FdCallMedia  *media,
                  GBytes       *bytes,
                  GError      **error)
{
  return fd_call_engine_send_data (FD_CALL_ENGINE (media), bytes, error);
}

static void
engine_hang_up (FdCallMedia *media)
{
  fd_call_engine_hang_up (FD_CALL_ENGINE (media));
}

static FdCallState
engine_get_state (FdCallMedia *media)
{
  return fd_call_engine_get_state (FD_CALL_ENGINE (media));
}

static const GError *
engine_get_error (FdCallMedia *media)
{
  return fd_call_engine_get_error (FD_CALL_ENGINE (media));
}

static FdCallStats *
engine_get_stats (FdCallMedia *media)
{
  return fd_call_engine_get_stats (FD_CALL_ENGINE (media));
}

void
_fd_call_engine_media_iface_init (FdCallMediaInterface *iface)
{
  iface->start = engine_start;
  iface->set_remote_description = engine_set_remote_description;
  iface->add_remote_ice = engine_add_remote_ice;
  iface->send_chat = engine_send_chat;
  iface->send_data = engine_send_data;
  iface->hang_up = engine_hang_up;
  iface->get_state = engine_get_state;
  iface->get_error = engine_get_error;
  iface->get_stats = engine_get_stats;
}
