/* fd-call-devices.h: cameras and microphones (GstDeviceMonitor)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef enum {
  FD_CALL_DEVICE_CAMERA,
  FD_CALL_DEVICE_MICROPHONE,
  FD_CALL_DEVICE_SPEAKER,
} FdCallDeviceKind;

/* The devices present now, as GstDevice (display name:
 * gst_device_get_display_name). Never NULL; empty when there are none. */
GPtrArray *fd_call_list_devices (FdCallDeviceKind kind);

/* Whether the camera @device gives raw frames of @width x @height at
 * @framerate per second (its caps say so). */
gboolean   fd_call_device_offers_size (GstDevice *device,
                                       int        width,
                                       int        height,
                                       int        framerate);

G_END_DECLS
