/* fd-call-voice.c: echo cancellation and noise suppression (webrtcdsp)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured by bench/voice (echo return loss enhancement on a synthetic
 * far-end/near-end mix); figures in docs/performance.md.
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include "fd-call-engine-private.h"
#include "fd-call-voice.h"

GstCaps *
fd_call_voice_caps (void)
{
  return gst_caps_new_simple ("audio/x-raw",
                              "format", G_TYPE_STRING, "S16LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, FD_CALL_VOICE_RATE,
                              "channels", G_TYPE_INT, 1, NULL);
}

GstElement *
fd_call_voice_make_probe (GstBin  *bin,
                          GError **error)
{
  static gint counter;
  g_autofree char *name = g_strdup_printf ("fd-echo-probe-%d", g_atomic_int_add (&counter, 1));
  GstElement *probe = _fd_call_make (bin, "webrtcechoprobe", error);

  if (probe != NULL)
    gst_object_set_name (GST_OBJECT (probe), name);
  return probe;
}

GstElement *
fd_call_voice_make_dsp (GstBin      *bin,
                        GstElement  *probe,
                        GError     **error)
{
  GstElement *dsp = _fd_call_make (bin, "webrtcdsp", error);
  g_autofree char *probe_name = NULL;

  if (dsp == NULL)
    return NULL;
  if (probe != NULL)
    probe_name = gst_object_get_name (GST_OBJECT (probe));
  /* No automatic gain: it would raise the residual echo along with the
   * voice between words, and the operating system's mixer sets the
   * microphone level. */
  g_object_set (dsp,
                "echo-cancel", probe != NULL,
                "noise-suppression", TRUE,
                "high-pass-filter", TRUE,
                "gain-control", FALSE,
                "voice-detection", FALSE,
                NULL);
  gst_util_set_object_arg (G_OBJECT (dsp), "noise-suppression-level", "moderate");
  if (probe_name != NULL)
    g_object_set (dsp, "probe", probe_name, NULL);
  return dsp;
}
