/* fuzz-sdp.c: libFuzzer harness for SDP handling: GStreamer's SDP parser and what the call
 * engine does with a remote description (codec choice, direction check, transport-cc removal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine's SDP functions are internal (fd-call-engine-private.h); when SDP munging moves to
 * its own pure file, this harness follows it.
 */
#include "config.h"

#include <stdlib.h>

#include <gst/sdp/sdp.h>

#include "fd-call-engine-private.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GstSDPMessage *sdp = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *text = NULL;
  FdCallCodecs codecs;

  /* The protocol refuses an empty sdp member (and gst_sdp_message_parse_buffer requires a
   * non-empty buffer); the engine never sees descriptions over the relay's message limit. */
  if (size == 0 || size > 256 * 1024)
    return 0;
  if (gst_sdp_message_new (&sdp) != GST_SDP_OK)
    abort ();
  if (gst_sdp_message_parse_buffer (data, (guint) size, sdp) == GST_SDP_OK)
    {
      fd_call_engine_parse_offer (sdp, &codecs);
      (void) fd_call_engine_check_directions (sdp, &problem);
      (void) fd_call_sdp_drop_transport_cc (sdp);
      text = gst_sdp_message_as_text (sdp);
      if (text == NULL)
        abort ();
    }
  gst_sdp_message_free (sdp);
  return 0;
}
