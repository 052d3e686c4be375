/* fd-call-voice.h: echo cancellation and noise suppression for the call's sound
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spoken-language interpreters use loudspeakers at the desk: what the
 * speaker plays reaches the microphone again. The engine puts a
 * webrtcechoprobe just before the speaker (it records what is played) and a
 * webrtcdsp after the microphone (it removes that echo, suppresses steady
 * noise and filters out rumble). Both run at FD_CALL_VOICE_RATE, mono,
 * S16LE: the probe and the DSP must agree on the rate.
 *
 * The probe is found by the DSP through its object name, in a table global
 * to the process: every probe made here has a name of its own, so several
 * calls in one process (tests, benchmarks) never share one. The probe must
 * exist before the DSP leaves READY.
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define FD_CALL_VOICE_RATE 48000

/* "audio/x-raw, format=S16LE, layout=interleaved, rate=48000, channels=1" */
GstCaps    *fd_call_voice_caps       (void);
/* A webrtcechoprobe with a name no other probe in this process has, added to
 * @bin when not NULL (else floating). */
GstElement *fd_call_voice_make_probe (GstBin      *bin,
                                      GError     **error);
/* A webrtcdsp set up as calls use it: echo cancellation with @probe (NULL:
 * none), noise suppression, high-pass filter, no automatic gain. */
GstElement *fd_call_voice_make_dsp   (GstBin      *bin,
                                      GstElement  *probe,
                                      GError     **error);

G_END_DECLS
