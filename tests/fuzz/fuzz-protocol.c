/* fuzz-protocol.c: libFuzzer harness for the signalling protocol parser (fd-protocol.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is parsed in both directions (what the relay reads, what a desk reads). A message
 * that parses must serialise and parse again to the same type: the relay rebuilds what it relays.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fd-protocol.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const FdProtocolDirection directions[] = { FD_PROTOCOL_TO_RELAY, FD_PROTOCOL_TO_CLIENT };

  (void) fd_protocol_depth_ok ((const char *) data, size, FD_PROTOCOL_MAX_DEPTH);
  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) message = NULL;
      FdMsgType type = FD_MSG_UNKNOWN;

      message = fd_protocol_parse ((const char *) data, size, directions[d], &type, &error);
      if (message == NULL)
        {
          if (error == NULL || error->domain != FD_SIGNAL_ERROR)
            abort ();   /* a refusal always says why, in the protocol's error domain */
          continue;
        }
      {
        g_autofree char *text = fd_protocol_to_string (message);
        g_autoptr(GError) again_error = NULL;
        g_autoptr(JsonObject) again = NULL;
        FdMsgType again_type = FD_MSG_UNKNOWN;

        again = fd_protocol_parse (text, strlen (text), directions[d], &again_type, &again_error);
        if (again == NULL || again_type != type)
          abort ();
        (void) fd_protocol_get_string (again, "call");
        (void) fd_protocol_get_int (again, "v", 0);
        g_strfreev (fd_protocol_get_strv (again, "languages"));
      }
    }
  return 0;
}
