/* fd-call-devices.c: cameras and microphones (GstDeviceMonitor)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine picks cameras, microphones and speakers from this list only,
 * never with autoaudiosrc/autoaudiosink: on a machine without a sound
 * server or sound card those try every output in turn (ALSA prints its
 * failures on the console) and end with a fake one anyway.
 */
#define G_LOG_DOMAIN "fd-call-devices"

#include "config.h"

#include "fd-call-devices.h"

GPtrArray *
fd_call_list_devices (FdCallDeviceKind kind)
{
  g_autoptr(GstDeviceMonitor) monitor = gst_device_monitor_new ();
  g_autoptr(GstCaps) caps = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (gst_object_unref);
  GList *devices;
  const char *klass;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);

  if (kind == FD_CALL_DEVICE_CAMERA)
    {
      klass = "Video/Source";
      caps = gst_caps_new_empty_simple ("video/x-raw");
    }
  else
    {
      klass = kind == FD_CALL_DEVICE_SPEAKER ? "Audio/Sink" : "Audio/Source";
      caps = gst_caps_new_empty_simple ("audio/x-raw");
    }
  gst_device_monitor_add_filter (monitor, klass, caps);

  /* Without start() the monitor probes once, synchronously. */
  devices = gst_device_monitor_get_devices (monitor);
  for (GList *l = devices; l != NULL; l = l->next)
    g_ptr_array_add (result, l->data); /* takes the list's reference */
  g_list_free (devices);
  return result;
}

gboolean
fd_call_device_offers_size (GstDevice *device,
                            int        width,
                            int        height,
                            int        framerate)
{
  g_autoptr(GstCaps) offered = NULL;
  g_autoptr(GstCaps) wanted = NULL;

  g_return_val_if_fail (GST_IS_DEVICE (device), FALSE);

  offered = gst_device_get_caps (device);
  if (offered == NULL)
    return FALSE;
  /* Raw only: the send chain converts and scales but decodes no JPEG. */
  wanted = gst_caps_new_simple ("video/x-raw", "width", G_TYPE_INT, width,
                                "height", G_TYPE_INT, height,
                                "framerate", GST_TYPE_FRACTION, framerate, 1, NULL);
  return gst_caps_can_intersect (offered, wanted);
}
