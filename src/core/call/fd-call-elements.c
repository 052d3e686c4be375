/* fd-call-elements.c: every GStreamer element a call may create, and where it comes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Add a row here before creating a new element anywhere in the engine:
 * _fd_call_make() refuses names that are not in this table, and
 * tests/call/test-call-elements.c fails when the source names an element the
 * table lacks, when a row's package is not in build-aux/debian-packages.txt,
 * or when a running call holds an element the table does not name.
 * Packages "libgstreamer1.0-0" and "libgstreamer-plugins-*" come with the
 * -dev packages that build-aux/debian-packages.txt lists.
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <gst/gst.h>

#include "fd-call-elements.h"
#include "fd-call-engine.h"

#define CORE "libgstreamer1.0-0"
#define BASE "gstreamer1.0-plugins-base"
#define GOOD "gstreamer1.0-plugins-good"
#define BAD  "gstreamer1.0-plugins-bad"
#define CALL FD_CALL_ELEMENT_CALL

static const FdCallElement elements[] = {
  /* the session */
  { "webrtcbin",     BAD,  CALL, "the WebRTC session (SDP, ICE, DTLS, RTP)" },
  /* inside webrtcbin */
  { "nicesrc",       "gstreamer1.0-nice", CALL, "ICE: receives from the network" },
  { "nicesink",      "gstreamer1.0-nice", CALL, "ICE: sends to the network" },
  { "dtlssrtpenc",   BAD,  CALL, "encrypts what is sent (DTLS-SRTP)" },
  { "dtlssrtpdec",   BAD,  CALL, "decrypts what is received (DTLS-SRTP)" },
  { "dtlsenc",       BAD,  CALL, "DTLS handshake, sending side" },
  { "dtlsdec",       BAD,  CALL, "DTLS handshake, receiving side; makes the certificate" },
  { "srtpenc",       BAD,  CALL, "SRTP encryption" },
  { "srtpdec",       BAD,  CALL, "SRTP decryption" },
  { "sctpenc",       BAD,  CALL, "the chat data channel, sending side" },
  { "sctpdec",       BAD,  CALL, "the chat data channel, receiving side" },
  { "rtpbin",        GOOD, CALL, "RTP sessions and jitter buffers" },
  { "rtpsession",    GOOD, CALL, "RTP session (inside rtpbin)" },
  { "rtpjitterbuffer", GOOD, CALL, "receive jitter buffer (inside rtpbin)" },
  { "rtpptdemux",    GOOD, CALL, "received streams by payload type (inside rtpbin)" },
  { "rtpssrcdemux",  GOOD, CALL, "received streams by source (inside rtpbin)" },
  { "rtpstorage",    GOOD, CALL, "keeps received packets for repair" },
  { "rtprtxsend",    GOOD, CALL, "resends lost video packets (NACK)" },
  { "rtprtxreceive", GOOD, CALL, "receives resent video packets" },
  { "rtpfunnel",     GOOD, CALL, "bundles the streams on one transport" },
  { "rtpulpfecdec",  GOOD, CALL, "forward error correction, receiving side" },
  { "rtpreddec",     GOOD, CALL, "redundant packets, receiving side" },
  { "rtpulpfecenc",  GOOD, CALL, "forward error correction, sending side" },
  { "rtpredenc",     GOOD, CALL, "redundant packets, sending side" },
  { "rtphdrexttwcc", GOOD, CALL, "transport-wide sequence numbers" },
  { "dtlssrtpdemux", BAD,  CALL, "separates DTLS from SRTP" },
  { "appsrc",        BASE, CALL, "feeds chat messages into the data channel" },
  { "pipeline",      CORE, CALL, "the call's pipeline" },
  { "bin",           CORE, CALL, "groups of elements" },
  { "funnel",        CORE, CALL, "joins RTP and RTCP on one transport" },
  { "capsfilter",    CORE, CALL, "fixes formats between elements" },
  { "queue",         CORE, CALL, "thread boundaries" },
  { "tee",           CORE, CALL, "splits a stream (self-view, stamp reader)" },
  { "fakesink",      CORE, CALL, "discards streams nobody shows or plays" },
  /* sending */
  { "videotestsrc",  BASE, CALL, "the moving picture sent when there is no camera" },
  { "textoverlay",   "gstreamer1.0-x", CALL, "writes “No camera” over that picture" },
  { "videoconvert",  BASE, CALL, "converts picture formats" },
  { "videoscale",    BASE, CALL, "scales pictures (send size ladder)" },
  { "videorate",     BASE, CALL, "fixes the frame rate" },
  { "vp8enc",        GOOD, CALL, "VP8 video encoder" },
  { "rtpvp8pay",     GOOD, CALL, "packs VP8 into RTP" },
  { "audiotestsrc",  BASE, CALL, "silence sent when there is no microphone" },
  { "audioconvert",  BASE, CALL, "converts sample formats" },
  { "audioresample", BASE, CALL, "converts sample rates" },
  { "volume",        BASE, CALL, "mutes the microphone" },
  { "webrtcdsp",     BAD,  CALL, "removes the speaker's echo and steady noise from the microphone" },
  { "webrtcechoprobe", BAD, CALL, "records what the speaker plays, for the echo canceller" },
  { "opusenc",       BASE, CALL, "Opus audio encoder" },
  { "rtpopuspay",    GOOD, CALL, "packs Opus into RTP" },
  /* receiving */
  { "rtpvp8depay",   GOOD, CALL, "unpacks VP8 from RTP" },
  { "vp8dec",        GOOD, CALL, "VP8 video decoder" },
  { "appsink",       BASE, CALL, "hands decoded frames to the app" },
  { "rtpopusdepay",  GOOD, CALL, "unpacks Opus from RTP" },
  { "opusdec",       BASE, CALL, "Opus audio decoder" },
  /* devices the device monitor lists (their plugin is there when it lists them) */
  { "v4l2src",       GOOD, FD_CALL_ELEMENT_DEVICE, "a camera (Video4Linux)" },
  { "pulsesrc",      GOOD, FD_CALL_ELEMENT_DEVICE, "a microphone (PulseAudio or PipeWire)" },
  { "pulsesink",     GOOD, FD_CALL_ELEMENT_DEVICE, "a speaker (PulseAudio or PipeWire)" },
  /* a looping video file instead of a camera */
  { "filesrc",       CORE, FD_CALL_ELEMENT_FILE, "reads the video file" },
  { "decodebin",     BASE, FD_CALL_ELEMENT_FILE, "decodes the video file" },
  { "clocksync",     CORE, FD_CALL_ELEMENT_FILE, "plays the file at real time" },
  /* benchmark instruments */
  { "netsim",        BAD,  FD_CALL_ELEMENT_BENCH, "drops sent packets (simulated loss)" },
  { "videocrop",     GOOD, FD_CALL_ELEMENT_BENCH, "cuts out the time stamp of a frame" },
  { "zbar",          BAD,  FD_CALL_ELEMENT_BENCH, "reads the time stamp (QR code)" },
};

const FdCallElement *
fd_call_elements_get (guint *n_elements)
{
  g_return_val_if_fail (n_elements != NULL, NULL);

  *n_elements = G_N_ELEMENTS (elements);
  return elements;
}

const FdCallElement *
fd_call_elements_lookup (const char *factory)
{
  g_return_val_if_fail (factory != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    if (g_str_equal (elements[i].factory, factory))
      return &elements[i];
  return NULL;
}

static GPtrArray *
find_missing (FdCallElementUse uses)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      g_autoptr(GstElementFactory) factory = NULL;

      if ((elements[i].use & uses) == 0)
        continue;
      factory = gst_element_factory_find (elements[i].factory);
      if (factory == NULL)
        g_ptr_array_add (missing, (gpointer) &elements[i]);
    }
  return missing;
}

GPtrArray *
fd_call_elements_missing (FdCallElementUse uses)
{
  GPtrArray *missing;

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  missing = find_missing (uses);
  if (missing->len > 0)
    {
      /* Perhaps installed since start-up: look at the plugin folders again. */
      g_debug ("%u call elements missing: rescanning the plugin registry", missing->len);
      gst_update_registry ();
      g_ptr_array_unref (missing);
      missing = find_missing (uses);
    }
  return missing;
}

char *
fd_call_elements_describe (GPtrArray *missing)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (missing != NULL, NULL);

  for (guint i = 0; i < missing->len; i++)
    {
      const FdCallElement *e = g_ptr_array_index (missing, i);

      g_string_append_printf (text, "%s%s (%s)", i > 0 ? ", " : "", e->factory, e->package);
    }
  return g_string_free (text, FALSE);
}

char *
fd_call_elements_packages (GPtrArray *missing)
{
  g_autoptr(GPtrArray) packages = g_ptr_array_new ();

  g_return_val_if_fail (missing != NULL, NULL);

  for (guint i = 0; i < missing->len; i++)
    {
      const FdCallElement *e = g_ptr_array_index (missing, i);

      if (!g_ptr_array_find_with_equal_func (packages, e->package, g_str_equal, NULL))
        g_ptr_array_add (packages, (gpointer) e->package);
    }
  g_ptr_array_add (packages, NULL);
  return g_strjoinv (" ", (char **) packages->pdata);
}

gboolean
fd_call_elements_check (FdCallElementUse   uses,
                        GError           **error)
{
  g_autoptr(GPtrArray) missing = fd_call_elements_missing (uses);
  g_autofree char *list = NULL;
  g_autofree char *packages = NULL;

  if (missing->len == 0)
    return TRUE;
  list = fd_call_elements_describe (missing);
  packages = fd_call_elements_packages (missing);
  g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_MISSING_ELEMENT,
               "GStreamer elements missing on this computer: %s. Install: apt-get install %s",
               list, packages);
  return FALSE;
}
