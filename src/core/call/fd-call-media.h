/* fd-call-media.h: the media side of a call, as FdRelayCall sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FdRelayCall carries a call's signalling; the media (webrtcbin, in FdCallEngine) sits behind this
 * small interface, so the call model can be tested against a scripted peer without media. Besides
 * the methods, an implementation has these signals with the engine's signatures (fd-call-engine.h):
 *   state-changed (int FdCallState), local-description (type, sdp), local-ice (mline, candidate),
 *   chat-received (text), chat-open (), data-received (GBytes, optional), video-frame (int FdCallStream, FdCallFrame),
 *   first-remote-frame (), error (GError)
 * and the boolean properties "muted" and "camera-enabled". All on the main context.
 */
#pragma once

#include <gio/gio.h>

#include "fd-call-engine.h"

G_BEGIN_DECLS

#define FD_TYPE_CALL_MEDIA (fd_call_media_get_type ())
G_DECLARE_INTERFACE (FdCallMedia, fd_call_media, FD, CALL_MEDIA, GObject)

struct _FdCallMediaInterface
{
  GTypeInterface parent_iface;

  gboolean      (*start)                  (FdCallMedia  *self,
                                           GError      **error);
  gboolean      (*set_remote_description) (FdCallMedia  *self,
                                           const char   *type,
                                           const char   *sdp,
                                           GError      **error);
  gboolean      (*add_remote_ice)         (FdCallMedia  *self,
                                           guint         mline_index,
                                           const char   *candidate,
                                           GError      **error);
  gboolean      (*send_chat)              (FdCallMedia  *self,
                                           const char   *text,
                                           GError      **error);
  /* Optional (NULL: no binary messages, so no real-time text). */
  gboolean      (*send_data)              (FdCallMedia  *self,
                                           GBytes       *bytes,
                                           GError      **error);
  void          (*hang_up)                (FdCallMedia  *self);
  FdCallState   (*get_state)              (FdCallMedia  *self);
  const GError *(*get_error)              (FdCallMedia  *self);
  FdCallStats  *(*get_stats)              (FdCallMedia  *self);
};

gboolean      fd_call_media_start                  (FdCallMedia  *self,
                                                    GError      **error);
gboolean      fd_call_media_set_remote_description (FdCallMedia  *self,
                                                    const char   *type,
                                                    const char   *sdp,
                                                    GError      **error);
gboolean      fd_call_media_add_remote_ice         (FdCallMedia  *self,
                                                    guint         mline_index,
                                                    const char   *candidate,
                                                    GError      **error);
gboolean      fd_call_media_send_chat              (FdCallMedia  *self,
                                                    const char   *text,
                                                    GError      **error);
gboolean      fd_call_media_send_data              (FdCallMedia  *self,
                                                    GBytes       *bytes,
                                                    GError      **error);
void          fd_call_media_hang_up                (FdCallMedia  *self);
FdCallState   fd_call_media_get_state              (FdCallMedia  *self);
const GError *fd_call_media_get_error              (FdCallMedia  *self);
/* May be NULL (a media without statistics). */
FdCallStats  *fd_call_media_get_stats              (FdCallMedia  *self);

/* FdCallEngine's implementation (used by its type definition). */
void          _fd_call_engine_media_iface_init     (FdCallMediaInterface *iface);

G_END_DECLS
