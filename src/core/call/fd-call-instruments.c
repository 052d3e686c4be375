/* fd-call-instruments.c: benchmark and test instruments for a call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include <gst/video/video.h>
#include <qrencode.h>
#include <string.h>

#include "fd-call-engine-private.h"   /* _fd_call_make: the element table */
#include "fd-call-instruments.h"

/* ---- simulated loss ---------------------------------------------------- */

static GstElement *
loss_aux_sender (gpointer data)
{
  double percent = *(double *) data;
  GstElement *netsim = _fd_call_make (NULL, "netsim", NULL);

  if (netsim != NULL)
    g_object_set (netsim, "drop-probability", (float) (percent / 100.0), NULL);
  return netsim;
}

void
fd_call_instruments_add_loss (FdCallEngine *engine,
                              double        percent)
{
  static const FdCallHooks hooks = {
    .uses = FD_CALL_ELEMENT_BENCH,
    .aux_sender = loss_aux_sender,
  };
  double *data;

  g_return_if_fail (FD_IS_CALL_ENGINE (engine));
  g_return_if_fail (percent >= 0 && percent <= 100);

  data = g_new (double, 1);
  *data = percent;
  fd_call_engine_add_hooks (engine, &hooks, data, g_free);
}

/* ---- time stamps ------------------------------------------------------- */

/* Draws "fd:<monotonic microseconds>" as a QR code (libqrencode) into the
 * luma plane, top left. */
static void
stamp_frame (GstVideoFrame *frame,
             gpointer       data)
{
  char text[40];
  QRcode *qr;
  guint8 *luma = GST_VIDEO_FRAME_PLANE_DATA (frame, 0);
  int stride = GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0);
  int fw = GST_VIDEO_FRAME_WIDTH (frame), fh = GST_VIDEO_FRAME_HEIGHT (frame);
  const int module = 4, quiet = 4, origin = 8;

  g_snprintf (text, sizeof text, "fd:%" G_GINT64_FORMAT, g_get_monotonic_time ());
  qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == NULL)
    return;
  for (int my = -quiet; my < qr->width + quiet; my++)
    for (int mx = -quiet; mx < qr->width + quiet; mx++)
      {
        gboolean dark = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width &&
                        (qr->data[my * qr->width + mx] & 1);
        int x0 = origin + (mx + quiet) * module, y0 = origin + (my + quiet) * module;

        if (x0 + module > fw || y0 + module > fh)
          continue;
        for (int y = y0; y < y0 + module; y++)
          memset (luma + (gsize) y * stride + x0, dark ? 16 : 235, module);
      }
  QRcode_free (qr);
}

void
fd_call_instruments_add_stamps (FdCallEngine *engine)
{
  static const FdCallHooks hooks = { .sent_frame = stamp_frame };

  g_return_if_fail (FD_IS_CALL_ENGINE (engine));
  fd_call_engine_add_hooks (engine, &hooks, NULL, NULL);
}

/* ---- stamp reader ------------------------------------------------------ */

typedef struct {
  GWeakRef      engine;
  GMainContext *context;   /* the engine's: its signals are emitted there */
} Reader;

static void
reader_free (gpointer data)
{
  Reader *reader = data;

  g_weak_ref_clear (&reader->engine);
  g_main_context_unref (reader->context);
  g_free (reader);
}

/* The stamp sits in the top-left corner: scan only that (zbar over a whole
 * 640x480 frame costs more than decoding it). */
#define STAMP_AREA 176

static GstPadProbeReturn
on_crop_caps (GstPad          *pad,
              GstPadProbeInfo *info,
              gpointer         user_data)
{
  GstElement *crop = user_data;
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);
  GstCaps *caps;
  int w = 0, h = 0;

  if (GST_EVENT_TYPE (event) != GST_EVENT_CAPS)
    return GST_PAD_PROBE_OK;
  gst_event_parse_caps (event, &caps);
  gst_structure_get_int (gst_caps_get_structure (caps, 0), "width", &w);
  gst_structure_get_int (gst_caps_get_structure (caps, 0), "height", &h);
  g_object_set (crop, "right", MAX (0, w - STAMP_AREA), "bottom", MAX (0, h - STAMP_AREA), NULL);
  return GST_PAD_PROBE_OK;
}

/* videocrop ! zbar ! fakesink, after the engine's tee and leaky queue:
 * reading stamps never holds up the picture. */
static GstElement *
reader_branch (GstBin    *bin,
               gpointer   data,
               GError   **error)
{
  GstElement *crop, *zbar, *sink;
  g_autoptr(GstPad) crop_pad = NULL;

  if ((crop = _fd_call_make (bin, "videocrop", error)) == NULL ||
      (zbar = _fd_call_make (bin, "zbar", error)) == NULL ||
      (sink = _fd_call_make (bin, "fakesink", error)) == NULL)
    return NULL;
  g_object_set (zbar, "message", TRUE, "cache", FALSE, NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  crop_pad = gst_element_get_static_pad (crop, "sink");
  gst_pad_add_probe (crop_pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_crop_caps, crop, NULL);
  if (!gst_element_link_many (crop, zbar, sink, NULL))
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_PIPELINE,
                           "Could not link the stamp reader");
      return NULL;
    }
  return crop;
}

typedef struct {
  FdCallEngine *engine;
  double        ms;
} Latency;

static gboolean
emit_latency (gpointer data)
{
  Latency *latency = data;
  FdCallState state = fd_call_engine_get_state (latency->engine);

  if (state != FD_CALL_STATE_ENDED && state != FD_CALL_STATE_FAILED)
    g_signal_emit_by_name (latency->engine, "stamp-latency", latency->ms);
  return G_SOURCE_REMOVE;
}

static void
latency_free (gpointer data)
{
  Latency *latency = data;

  g_object_unref (latency->engine);
  g_free (latency);
}

/* On the thread that posts: a stamp is timed the moment zbar decodes it. */
static gboolean
reader_bus_message (GstMessage *message,
                    gpointer    data)
{
  Reader *reader = data;
  const GstStructure *s = gst_message_get_structure (message);
  const char *symbol;
  gint64 sent_us;
  char *end = NULL;
  FdCallEngine *engine;

  if (s == NULL || !gst_structure_has_name (s, "barcode") ||
      (symbol = gst_structure_get_string (s, "symbol")) == NULL || !g_str_has_prefix (symbol, "fd:"))
    return FALSE;
  sent_us = g_ascii_strtoll (symbol + 3, &end, 10);
  if (end != NULL && *end == '\0' && sent_us > 0 &&
      (engine = g_weak_ref_get (&reader->engine)) != NULL)
    {
      Latency *latency = g_new (Latency, 1);
      GSource *source = g_idle_source_new ();

      latency->engine = engine;
      latency->ms = (g_get_monotonic_time () - sent_us) / 1000.0;
      g_source_set_callback (source, emit_latency, latency, latency_free);
      g_source_attach (source, reader->context);
      g_source_unref (source);
    }
  return TRUE;
}

void
fd_call_instruments_add_stamp_reader (FdCallEngine *engine)
{
  static const FdCallHooks hooks = {
    .uses = FD_CALL_ELEMENT_BENCH,
    .received_branch = reader_branch,
    .bus_message = reader_bus_message,
  };
  Reader *reader;

  g_return_if_fail (FD_IS_CALL_ENGINE (engine));

  reader = g_new0 (Reader, 1);
  g_weak_ref_init (&reader->engine, engine);
  reader->context = g_main_context_ref_thread_default ();
  fd_call_engine_add_hooks (engine, &hooks, reader, reader_free);
}
