/* fd-call-sdp.c: what the call engine reads from, checks in and changes in
 * session descriptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fd-call-engine.h"
#include "fd-call-sdp.h"
#include "fd-call-send-time.h"

#define TWCC_URI "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"

GstSDPMessage *
_fd_call_sdp_parse (const char  *text,
                    GError     **error)
{
  g_autoptr(GstSDPMessage) sdp = NULL;
  gsize length;

  g_return_val_if_fail (text != NULL, NULL);

  length = strnlen (text, FD_CALL_SDP_MAX_BYTES + 1);
  if (length > FD_CALL_SDP_MAX_BYTES)
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP,
                   "The peer's session description is larger than %d bytes",
                   FD_CALL_SDP_MAX_BYTES);
      return NULL;
    }
  /* (An empty text is a critical inside GStreamer's parser.) */
  if (length == 0 || gst_sdp_message_new_from_text (text, &sdp) != GST_SDP_OK || sdp == NULL ||
      gst_sdp_message_medias_len (sdp) == 0)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP,
                           "The peer's session description is not valid SDP");
      return NULL;
    }
  if (gst_sdp_message_medias_len (sdp) > FD_CALL_SDP_MAX_MEDIA)
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP,
                   "The peer's session description has more than %d media lines",
                   FD_CALL_SDP_MAX_MEDIA);
      return NULL;
    }
  return g_steal_pointer (&sdp);
}

/* ---- transport-wide congestion control --------------------------------- */

static gboolean
is_transport_cc (const GstSDPAttribute *a)
{
  if (a->value == NULL)
    return FALSE;
  if (g_strcmp0 (a->key, "extmap") == 0)
    return strstr (a->value, TWCC_URI) != NULL;
  if (g_strcmp0 (a->key, "rtcp-fb") == 0)
    {
      const char *space = strchr (a->value, ' ');

      return space != NULL && g_strcmp0 (space + 1, "transport-cc") == 0;
    }
  return FALSE;
}

/* webrtcbin 1.22 estimates no bandwidth from transport-cc, and the feedback
 * its rtpsession sends kept Chromium's estimate low: measured here, Chromium
 * sent 21-25 fps at 480x360 to the engine for the first 40 s of a call in 3
 * runs out of 6, "limited by bandwidth" on a loopback link. Without it
 * Chromium estimates from RTCP reports and loss, as it does when the engine
 * offers, and keeps 30 fps (lowering resolution first while its estimate
 * grows). */
guint
_fd_call_sdp_drop_transport_cc (GstSDPMessage *sdp)
{
  guint removed = 0;

  g_return_val_if_fail (sdp != NULL, 0);

  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      GstSDPMedia *media = (GstSDPMedia *) gst_sdp_message_get_media (sdp, i);

      for (guint j = gst_sdp_media_attributes_len (media); j > 0; j--)
        if (is_transport_cc (gst_sdp_media_get_attribute (media, j - 1)))
          {
            gst_sdp_media_remove_attribute (media, j - 1);
            removed++;
          }
    }
  return removed;
}

/* ---- abs-send-time ----------------------------------------------------- */

#define MAX_EXT_ID 14   /* one-byte header extensions (RFC 8285) */

/* "ID[/direction] URI [attributes]": the id, 0 when the text is not that. */
static guint
extmap_id (const char *value,
           const char *uri)
{
  const char *p = value;
  char *end = NULL;
  guint64 id;
  gsize len = strlen (uri);

  if (!g_ascii_isdigit (*p))
    return 0;
  id = g_ascii_strtoull (p, &end, 10);
  if (end == p || end - p > 3 || id < 1 || id > MAX_EXT_ID)
    return 0;
  p = end;
  if (*p == '/')
    while (*p != '\0' && *p != ' ')
      p++;
  if (*p != ' ')
    return 0;
  p++;
  if (strncmp (p, uri, len) != 0 || (p[len] != '\0' && p[len] != ' '))
    return 0;
  return (guint) id;
}

static guint
media_send_time_id (const GstSDPMedia *media)
{
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    {
      const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, i);
      guint id;

      if (g_strcmp0 (a->key, "extmap") == 0 && a->value != NULL &&
          (id = extmap_id (a->value, FD_CALL_SEND_TIME_URI)) > 0)
        return id;
    }
  return 0;
}

guint
_fd_call_sdp_send_time_id (const GstSDPMessage *sdp)
{
  g_return_val_if_fail (sdp != NULL, 0);

  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);

      if (g_strcmp0 (gst_sdp_media_get_media (media), "video") == 0)
        return media_send_time_id (media);
    }
  return 0;
}

guint
_fd_call_sdp_add_send_time (GstSDPMessage *sdp,
                            guint          want)
{
  guint first = 0;
  gboolean seen_video = FALSE;

  g_return_val_if_fail (sdp != NULL && want <= MAX_EXT_ID, 0);

  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      GstSDPMedia *media = (GstSDPMedia *) gst_sdp_message_get_media (sdp, i);
      gboolean used[MAX_EXT_ID + 1] = { FALSE };
      guint id = 0;

      if (g_strcmp0 (gst_sdp_media_get_media (media), "video") != 0)
        continue;
      if ((id = media_send_time_id (media)) == 0)
        {
          for (guint j = 0; j < gst_sdp_media_attributes_len (media); j++)
            {
              const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, j);
              guint64 taken;

              if (g_strcmp0 (a->key, "extmap") != 0 || a->value == NULL)
                continue;
              taken = g_ascii_strtoull (a->value, NULL, 10);
              if (taken >= 1 && taken <= MAX_EXT_ID)
                used[taken] = TRUE;
            }
          for (guint k = want > 0 ? want : 1; k <= (want > 0 ? want : MAX_EXT_ID) && id == 0; k++)
            if (!used[k])
              id = k;
          if (id > 0)
            {
              g_autofree char *value = g_strdup_printf ("%u %s", id, FD_CALL_SEND_TIME_URI);

              gst_sdp_media_add_attribute (media, "extmap", value);
            }
        }
      if (!seen_video)
        first = id;
      seen_video = TRUE;
    }
  return first;
}

/* ---- codecs ------------------------------------------------------------ */

/* "96 VP8/90000": the payload type of @encoding, or -1. */
static int
codec_pt (const GstSDPMedia *media,
          const char        *encoding)
{
  gsize len = strlen (encoding);

  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    {
      const GstSDPAttribute *attr = gst_sdp_media_get_attribute (media, i);
      const char *space;
      char *end = NULL;
      long pt;

      if (g_strcmp0 (attr->key, "rtpmap") != 0 || attr->value == NULL)
        continue;
      space = strchr (attr->value, ' ');
      if (space == NULL || g_ascii_strncasecmp (space + 1, encoding, len) != 0 ||
          space[1 + len] != '/')
        continue;
      pt = strtol (attr->value, &end, 10);
      /* Dynamic payload types only; anything else is not a usable answer. */
      if (end == space && pt >= 96 && pt <= 127)
        return (int) pt;
    }
  return -1;
}

void
_fd_call_sdp_codecs (const GstSDPMessage *sdp,
                     FdCallCodecs        *codecs)
{
  g_return_if_fail (sdp != NULL && codecs != NULL);

  *codecs = (FdCallCodecs) { .vp8_pt = -1, .opus_pt = -1 };
  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);
      const char *kind = gst_sdp_media_get_media (media);

      if (g_strcmp0 (kind, "video") == 0 && codecs->vp8_pt < 0)
        codecs->vp8_pt = codec_pt (media, "VP8");
      else if (g_strcmp0 (kind, "audio") == 0 && codecs->opus_pt < 0)
        codecs->opus_pt = codec_pt (media, "OPUS");
    }
  codecs->send_time_id = _fd_call_sdp_send_time_id (sdp);
}

/* ---- directions -------------------------------------------------------- */

static gboolean
has_attr (const GstSDPMedia *media,
          const char        *key)
{
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    if (g_strcmp0 (gst_sdp_media_get_attribute (media, i)->key, key) == 0)
      return TRUE;
  return FALSE;
}

/* A one-way answer is the classic silent failure with browsers: refuse it. */
gboolean
_fd_call_sdp_check_directions (const GstSDPMessage  *sdp,
                               char                **problem)
{
  g_return_val_if_fail (sdp != NULL && problem != NULL, FALSE);

  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);
      const char *kind = gst_sdp_media_get_media (media);

      if (g_strcmp0 (kind, "video") != 0 && g_strcmp0 (kind, "audio") != 0)
        continue;
      /* Port 0 means rejected, unless the m-line rides on the bundle. */
      if ((gst_sdp_media_get_port (media) == 0 && !has_attr (media, "bundle-only")) ||
          has_attr (media, "recvonly") || has_attr (media, "sendonly") ||
          has_attr (media, "inactive"))
        {
          *problem = g_strdup_printf ("the %s stream would be one-way or disabled "
                                      "(no common codec or the peer does not send)", kind);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- a peer's offer ---------------------------------------------------- */

GstSDPMessage *
_fd_call_sdp_take_offer (const char    *text,
                         FdCallCodecs  *codecs,
                         GError       **error)
{
  g_autoptr(GstSDPMessage) sdp = NULL;

  g_return_val_if_fail (text != NULL && codecs != NULL, NULL);

  *codecs = (FdCallCodecs) { .vp8_pt = -1, .opus_pt = -1 };
  if ((sdp = _fd_call_sdp_parse (text, error)) == NULL)
    return NULL;
  if (_fd_call_sdp_drop_transport_cc (sdp) > 0)
    g_debug ("offer: transport-cc left out (loss-based estimation at the peer)");
  _fd_call_sdp_codecs (sdp, codecs);
  if (codecs->vp8_pt < 0)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_NEGOTIATION,
                           "The peer offers no VP8 video");
      return NULL;
    }
  return g_steal_pointer (&sdp);
}

char *
_fd_call_sdp_munge_offer (const char    *text,
                          FdCallCodecs  *codecs,
                          GError       **error)
{
  g_autoptr(GstSDPMessage) sdp = _fd_call_sdp_take_offer (text, codecs, error);

  return sdp != NULL ? gst_sdp_message_as_text (sdp) : NULL;
}
