/* fuzz-sdp.c: libFuzzer harness for SDP handling: what the call engine does with a peer's
 * description (bounded parse, transport-cc removal, codec choice, direction check,
 * abs-send-time's id), through
 * the pure functions of src/core/call/fd-call-sdp.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "fd-call-sdp.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *munged = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GError) error = NULL;
  GstSDPMessage *sdp;
  FdCallCodecs codecs;

  /* The relay's message limit is far above the engine's own SDP limit: let the engine's
   * bound be what cuts large inputs. */
  if (size > 256 * 1024)
    return 0;
  text = g_strndup ((const char *) data, size);
  munged = _fd_call_sdp_munge_offer (text, &codecs, &error);
  if ((munged == NULL) == (error == NULL))
    abort ();
  g_clear_error (&error);
  sdp = _fd_call_sdp_parse (text, &error);
  if (sdp != NULL)
    {
      guint id;

      (void) _fd_call_sdp_check_directions (sdp, &problem);
      /* abs-send-time: the id read must be a one-byte id; an answer takes
       * the offer's id up, or goes without it. */
      id = _fd_call_sdp_send_time_id (sdp);
      if (id > 14 || (codecs.vp8_pt >= 0 && codecs.send_time_id != id))
        abort ();
      id = _fd_call_sdp_add_send_time (sdp, id);
      if (id > 14 || (id > 0 && _fd_call_sdp_send_time_id (sdp) != id))
        abort ();
      gst_sdp_message_free (sdp);
    }
  return 0;
}
