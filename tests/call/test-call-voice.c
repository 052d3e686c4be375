/* test-call-voice.c: the echo canceller in a real call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two engines in one process on 127.0.0.1 (inside netns-run.sh). B's
 * microphone hears a steady sound (pink noise); A's microphone hears only
 * the echo of what A's speaker plays: B's sound, delayed by 40 ms and
 * attenuated, as a loudspeaker at the desk would feed it back. What B then
 * receives from A is that echo. With echo cancellation (the engine's
 * default) B receives far less of its own sound than without.
 */
#include "config.h"

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "fd-call-engine.h"
#include "fd-call-loopback.h"
#include "fd-call-voice.h"
#include "fd-test-util.h"

#define WAIT_S 30
#define ECHO_DELAY (FD_CALL_VOICE_RATE * 40 / 1000)

static const char *loopback_addresses[] = { "127.0.0.1", NULL };

typedef struct {
  GMutex      lock;
  GstElement *mic;         /* A's appsrc (a ref) */
  gint16     *line;        /* delay line of the echo path */
  gsize       line_len;
  gsize       pos;
  guint64     pushed;      /* samples */
  guint       silence;     /* feed_silence source (main context) */
  /* B's side: what it plays of A's sound */
  gboolean    measuring;
  double      energy;
  guint64     samples;
} Echo;

static GstElement *
a_microphone (GstBin    *bin,
              gpointer   data,
              GError   **error)
{
  Echo *e = data;
  GstElement *src = gst_element_factory_make ("appsrc", NULL);
  g_autoptr(GstCaps) caps = fd_call_voice_caps ();

  g_object_set (src, "caps", caps, "is-live", TRUE, "do-timestamp", TRUE,
                "max-bytes", (guint64) FD_CALL_VOICE_RATE, NULL);
  gst_util_set_object_arg (G_OBJECT (src), "format", "time");
  gst_util_set_object_arg (G_OBJECT (src), "leaky-type", "upstream");
  gst_bin_add (bin, src);
  g_mutex_lock (&e->lock);
  e->mic = gst_object_ref (src);
  g_mutex_unlock (&e->lock);
  return src;
}

/* A's speaker: 40 ms later, a third as loud, into A's microphone. */
static void
a_played (const gint16 *samples,
          gsize         n,
          GstClockTime  running_time,
          gpointer      data)
{
  Echo *e = data;
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, n * 2, NULL);
  GstMapInfo map;
  GstElement *mic;

  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  g_mutex_lock (&e->lock);
  for (gsize i = 0; i < n; i++)
    {
      ((gint16 *) map.data)[i] = e->line[e->pos] / 3;
      e->line[e->pos] = samples[i];
      e->pos = (e->pos + 1) % e->line_len;
    }
  mic = e->mic ? gst_object_ref (e->mic) : NULL;
  e->pushed += n;
  g_mutex_unlock (&e->lock);
  gst_buffer_unmap (buffer, &map);
  if (mic != NULL)
    {
      gst_app_src_push_buffer (GST_APP_SRC (mic), buffer);
      gst_object_unref (mic);
    }
  else
    gst_buffer_unref (buffer);
}

/* Before A plays anything, its microphone hears silence: webrtcbin needs
 * the stream's caps (a first buffer) to describe it in the offer. */
static gboolean
feed_silence (gpointer data)
{
  Echo *e = data;
  GstElement *mic;

  g_mutex_lock (&e->lock);
  mic = e->pushed == 0 && e->mic != NULL ? gst_object_ref (e->mic) : NULL;
  g_mutex_unlock (&e->lock);
  if (mic == NULL)
    {
      e->silence = 0;
      return G_SOURCE_REMOVE;
    }
  {
    GstBuffer *buffer = gst_buffer_new_allocate (NULL, FD_CALL_VOICE_RATE / 100 * 2, NULL);

    gst_buffer_memset (buffer, 0, 0, FD_CALL_VOICE_RATE / 100 * 2);
    gst_app_src_push_buffer (GST_APP_SRC (mic), buffer);
  }
  gst_object_unref (mic);
  return G_SOURCE_CONTINUE;
}

static GstElement *
b_microphone (GstBin    *bin,
              gpointer   data,
              GError   **error)
{
  GstElement *src = gst_element_factory_make ("audiotestsrc", NULL);

  g_object_set (src, "is-live", TRUE, "volume", 0.8, "samplesperbuffer", 480, NULL);
  gst_util_set_object_arg (G_OBJECT (src), "wave", "pink-noise");
  gst_bin_add (bin, src);
  return src;
}

/* B's speaker: the energy of what A sends back. */
static void
b_played (const gint16 *samples,
          gsize         n,
          GstClockTime  running_time,
          gpointer      data)
{
  Echo *e = data;

  g_mutex_lock (&e->lock);
  if (e->measuring)
    {
      for (gsize i = 0; i < n; i++)
        e->energy += (samples[i] / 32768.0) * (samples[i] / 32768.0);
      e->samples += n;
    }
  g_mutex_unlock (&e->lock);
}

static gboolean
both_connected (gpointer data)
{
  FdCallEngine **pair = data;

  g_assert_cmpint (fd_call_engine_get_state (pair[0]), !=, FD_CALL_STATE_FAILED);
  g_assert_cmpint (fd_call_engine_get_state (pair[1]), !=, FD_CALL_STATE_FAILED);
  return fd_call_engine_get_state (pair[0]) == FD_CALL_STATE_CONNECTED &&
         fd_call_engine_get_state (pair[1]) == FD_CALL_STATE_CONNECTED;
}

static gboolean
engine_gone (gpointer data)
{
  return g_atomic_pointer_get ((gpointer *) data) == NULL;
}

static void
wait_gone (FdCallEngine **engine)
{
  FdCallEngine *weak = *engine;

  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_clear_object (engine);
  g_assert_true (fd_test_wait_until (engine_gone, &weak, WAIT_S * 1000));
}

/* The level (dBFS) of B's own sound coming back from A, averaged over 4 s
 * after 6 s of call (the canceller's convergence). */
static double
echo_level (gboolean cancel)
{
  static const FdCallHooks a_hooks = { .audio_source = a_microphone, .played_audio = a_played };
  static const FdCallHooks b_hooks = { .audio_source = b_microphone, .played_audio = b_played };
  g_autoptr(GError) error = NULL;
  Echo echo = { 0 };
  FdCallEngine *pair[2];
  double level;

  g_mutex_init (&echo.lock);
  echo.line_len = ECHO_DELAY;
  echo.line = g_new0 (gint16, echo.line_len);
  for (int i = 0; i < 2; i++)
    pair[i] = g_object_new (FD_TYPE_CALL_ENGINE,
                            "role", i == 0 ? FD_CALL_ROLE_OFFERER : FD_CALL_ROLE_ANSWERER,
                            "video-source", FD_CALL_VIDEO_TEST,
                            "play-audio", FALSE,
                            "deliver-frames", FALSE,
                            "ice-addresses", loopback_addresses,
                            /* only A's canceller matters: B's has no echo to remove */
                            "echo-cancel", i == 0 ? cancel : FALSE,
                            "setup-timeout", WAIT_S,
                            NULL);
  fd_call_engine_add_hooks (pair[0], &a_hooks, &echo, NULL);
  fd_call_engine_add_hooks (pair[1], &b_hooks, &echo, NULL);
  fd_call_loopback_connect (pair[0], pair[1]);
  g_assert_true (fd_call_engine_start (pair[1], &error));
  g_assert_no_error (error);
  g_assert_true (fd_call_engine_start (pair[0], &error));
  g_assert_no_error (error);
  echo.silence = g_timeout_add (10, feed_silence, &echo);

  g_assert_true (fd_test_wait_until (both_connected, pair, WAIT_S * 1000));
  fd_test_run_for (6000);
  g_clear_handle_id (&echo.silence, g_source_remove); /* if A never played anything */
  g_mutex_lock (&echo.lock);
  echo.measuring = TRUE;
  g_mutex_unlock (&echo.lock);
  fd_test_run_for (4000);
  g_mutex_lock (&echo.lock);
  echo.measuring = FALSE;
  g_mutex_unlock (&echo.lock);
  g_assert_cmpint (fd_call_engine_get_state (pair[0]), ==, FD_CALL_STATE_CONNECTED);
  /* the echo path really ran: A played B's sound for the whole window */
  g_assert_cmpuint (echo.pushed, >, 4 * FD_CALL_VOICE_RATE);
  g_assert_cmpuint (echo.samples, >, 3 * FD_CALL_VOICE_RATE);
  level = 10 * log10 (MAX (echo.energy / echo.samples, 1e-12));
  g_test_message ("echo cancellation %s: B hears its own sound back at %.1f dBFS",
                  cancel ? "on" : "off", level);

  for (int i = 0; i < 2; i++)
    fd_call_engine_hang_up (pair[i]);
  fd_test_run_for (50);
  for (int i = 0; i < 2; i++)
    wait_gone (&pair[i]);
  g_clear_object (&echo.mic);
  g_free (echo.line);
  g_mutex_clear (&echo.lock);
  return level;
}

static void
test_echo_cancelled (void)
{
  double off = echo_level (FALSE);
  double on = echo_level (TRUE);

  g_test_message ("echo reduced by %.1f dB", off - on);
  /* the echo without cancellation is well above silence: the path works */
  g_assert_cmpfloat (off, >, -50.0);
  /* and the canceller takes most of it away */
  g_assert_cmpfloat (off - on, >=, 10.0);
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  fd_call_engine_prepare ();
  g_test_add_func ("/call/voice/echo-cancelled", test_echo_cancelled);
  return g_test_run ();
}
