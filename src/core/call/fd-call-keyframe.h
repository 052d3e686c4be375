/* fd-call-keyframe.h: the receiver's key-frame requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* On a video depayloader, before it is linked: its key-frame requests leave
 * as PLIs, one at a time, asked again until a key frame comes. */
void _fd_call_keyframe_watch (GstElement *depay);

G_END_DECLS
