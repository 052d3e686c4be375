/* call-test-util.c: what the call tests that run two engines share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "call-test-util.h"

const char *fd_call_test_addresses[] = { "127.0.0.1", NULL };

FdCallEngine *
fd_call_test_engine (FdCallRole role,
                     int        width,
                     int        height,
                     gboolean   deliver_frames)
{
  return g_object_new (FD_TYPE_CALL_ENGINE,
                       "role", role,
                       "width", width,
                       "height", height,
                       "video-source", FD_CALL_VIDEO_TEST,
                       "audio-source", FD_CALL_AUDIO_TEST,
                       "play-audio", FALSE,
                       "deliver-frames", deliver_frames,
                       "ice-addresses", fd_call_test_addresses,
                       "setup-timeout", 30,
                       NULL);
}

gboolean
fd_call_test_poll_until (gboolean (*pred)(gpointer),
                         gpointer  data,
                         guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (!pred (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

GstElement *
fd_call_test_find (GstBin     *bin,
                   const char *factory_name)
{
  g_autoptr(GstIterator) it = gst_bin_iterate_recurse (bin);
  GValue item = G_VALUE_INIT;
  GstElement *found = NULL;

  while (found == NULL && gst_iterator_next (it, &item) == GST_ITERATOR_OK)
    {
      GstElement *element = g_value_get_object (&item);
      GstElementFactory *factory = gst_element_get_factory (element);

      if (factory != NULL && g_strcmp0 (GST_OBJECT_NAME (factory), factory_name) == 0)
        found = gst_object_ref (element);
      g_value_reset (&item);
    }
  g_value_unset (&item);
  return found;
}

GstObject *
fd_call_test_top (GstElement *inside)
{
  GstObject *top = gst_object_ref (GST_OBJECT (inside));
  GstObject *parent;

  while ((parent = gst_object_get_parent (top)) != NULL)
    {
      gst_object_unref (top);
      top = parent;
    }
  return top;
}
