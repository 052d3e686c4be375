/* bench-echo.c: echo return loss enhancement of the call's echo canceller
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The webrtcdsp + webrtcechoprobe pair exactly as the call engine makes them
 * (fd_call_voice_make_probe / _dsp), fed with a synthetic far end (what the
 * desk's loudspeaker plays) and a microphone signal made of a synthetic near
 * end (the person at the desk), the far end through a known echo path and a
 * low noise floor:
 *   echo path: 60 ms delay, one-pole low-pass, gain 0.35, a reflection 7 ms
 *   later at gain 0.12 (about -10 dB overall).
 * Speech-like signals: a glottal pulse train (pitch 95-230 Hz, moving)
 * through three formant resonators that change every syllable, syllables of
 * 120-300 ms with pauses, some unvoiced (noise) syllables. Fixed seed.
 *
 * Timeline (s): 0-15 far end alone, 15-22 near end alone, 22-32 both talk,
 * 32-40 far end alone again, 40-42 nobody (the noise floor alone).
 * ERLE per 0.5 s window with far-end speech and no near end, after 3 s of
 * convergence: 10·log10(power of the echo in the microphone / power of the
 * output). Near-end preservation: output level against the near end's own
 * level, in windows where only the near end talks and during double talk.
 * Blocks are pushed one 10 ms block at a time, far end first (as a speaker
 * plays before the microphone hears), faster than real time.
 *
 * usage: bench-echo [SECONDS-SCALE]    goal: median ERLE >= 20 dB
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-common.h"
#include "fd-call-voice.h"

#define RATE FD_CALL_VOICE_RATE
#define BLOCK (RATE / 100)
#define GOAL_ERLE_DB 20.0
#define SEED 20261206

typedef struct {
  GRand  *rand;
  double  phase;       /* glottal phase, 0..1 */
  double  f0_base;
  double  f0;
  double  formants[3];
  double  state[3][2]; /* resonator memories */
  int     left;        /* samples left in this syllable or pause */
  int     length;
  gboolean voiced;
  gboolean pause;
  double  level;
} Talker;

static void
talker_init (Talker  *t,
             guint32  seed,
             double   f0_base,
             double   level)
{
  memset (t, 0, sizeof *t);
  t->rand = g_rand_new_with_seed (seed);
  t->f0_base = f0_base;
  t->level = level;
}

static void
talker_next_syllable (Talker *t)
{
  static const double vowels[][3] = {
    { 730, 1090, 2440 }, { 270, 2290, 3010 }, { 530, 1840, 2480 },
    { 570, 840, 2410 }, { 300, 870, 2240 }, { 640, 1190, 2390 },
  };
  const double *v;

  t->pause = !t->pause && g_rand_double (t->rand) < 0.25;
  t->length = t->left = (int) (RATE * (t->pause ? g_rand_double_range (t->rand, 0.08, 0.35)
                                               : g_rand_double_range (t->rand, 0.12, 0.30)));
  t->voiced = g_rand_double (t->rand) < 0.8;
  v = vowels[g_rand_int_range (t->rand, 0, G_N_ELEMENTS (vowels))];
  for (int i = 0; i < 3; i++)
    t->formants[i] = v[i] * g_rand_double_range (t->rand, 0.9, 1.1);
  t->f0 = t->f0_base * g_rand_double_range (t->rand, 0.85, 1.25);
}

/* One two-pole resonator at @f (Hz), bandwidth 80 Hz, unity gain at @f (about). */
static double
resonate (double  x,
          double  f,
          double *m)
{
  double r = exp (-G_PI * 80.0 / RATE);
  double a1 = 2 * r * cos (2 * G_PI * f / RATE), a2 = -r * r;
  double y = (1 - r) * x + a1 * m[0] + a2 * m[1];

  m[1] = m[0];
  m[0] = y;
  return y;
}

static double
talker_sample (Talker *t)
{
  double env, x, y = 0;

  if (t->left <= 0)
    talker_next_syllable (t);
  t->left--;
  if (t->pause)
    return 0;
  /* raised-cosine syllable envelope */
  env = 0.5 - 0.5 * cos (2 * G_PI * (t->length - t->left) / (double) t->length);
  if (t->voiced)
    {
      t->phase += t->f0 * (1 + 0.03 * sin (2 * G_PI * 5 * t->left / RATE)) / RATE;
      x = 0;
      if (t->phase >= 1)
        {
          t->phase -= 1;
          x = 1;
        }
      x += 0.02 * g_rand_double_range (t->rand, -1, 1);
    }
  else
    x = 0.3 * g_rand_double_range (t->rand, -1, 1);
  for (int i = 0; i < 3; i++)
    y += resonate (x, t->formants[i], t->state[i]) * (i == 0 ? 1.0 : 0.6);
  return t->level * env * y;
}

static double
power (const double *x,
       gsize         n)
{
  double p = 0;

  for (gsize i = 0; i < n; i++)
    p += x[i] * x[i];
  return p / MAX (n, 1);
}

typedef struct {
  GArray *out;   /* doubles, -1..1 */
} Collect;

static GstFlowReturn
collect_chain (GstPad    *pad,
               GstObject *parent,
               GstBuffer *buffer)
{
  Collect *c = g_object_get_data (G_OBJECT (pad), "collect");
  GstMapInfo map;

  if (c != NULL && gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      const gint16 *s = (const gint16 *) map.data;

      for (gsize i = 0; i < map.size / 2; i++)
        {
          double v = s[i] / 32768.0;
          g_array_append_val (c->out, v);
        }
      gst_buffer_unmap (buffer, &map);
    }
  gst_buffer_unref (buffer);
  return GST_FLOW_OK;
}

static GstPad *
feed_pad (GstElement *element,
          GstCaps    *caps,
          const char *stream_id)
{
  GstPad *pad = gst_pad_new (stream_id, GST_PAD_SRC);
  g_autoptr(GstPad) sink = gst_element_get_static_pad (element, "sink");
  GstSegment segment;

  gst_pad_set_active (pad, TRUE);
  g_assert (gst_pad_link (pad, sink) == GST_PAD_LINK_OK);
  gst_pad_push_event (pad, gst_event_new_stream_start (stream_id));
  gst_pad_push_event (pad, gst_event_new_caps (caps));
  gst_segment_init (&segment, GST_FORMAT_TIME);
  gst_pad_push_event (pad, gst_event_new_segment (&segment));
  return pad;
}

static GstPad *
drain_pad (GstElement *element,
           Collect    *collect)
{
  GstPad *pad = gst_pad_new ("drain", GST_PAD_SINK);
  g_autoptr(GstPad) src = gst_element_get_static_pad (element, "src");

  g_object_set_data (G_OBJECT (pad), "collect", collect);
  gst_pad_set_chain_function (pad, collect_chain);
  gst_pad_set_active (pad, TRUE);
  g_assert (gst_pad_link (src, pad) == GST_PAD_LINK_OK);
  return pad;
}

static void
push_block (GstPad       *pad,
            const double *x,
            guint64       index)
{
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, BLOCK * 2, NULL);
  GstMapInfo map;

  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (int i = 0; i < BLOCK; i++)
    ((gint16 *) map.data)[i] = (gint16) CLAMP (x[i] * 32767.0, -32768, 32767);
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = index * 10 * GST_MSECOND;
  GST_BUFFER_DURATION (buffer) = 10 * GST_MSECOND;
  if (gst_pad_push (pad, buffer) != GST_FLOW_OK)
    g_error ("the DSP refused a block");
}

static void
print_dist (const char *what,
            GArray     *values,
            const char *unit,
            gboolean    low_is_worst)
{
  g_array_sort (values, fd_bench_compare_double);
  if (values->len == 0)
    {
      printf ("%-34s no windows\n", what);
      return;
    }
  printf ("%-34s median %6.1f  p99 %6.1f  min %6.1f  max %6.1f %s (n=%u windows)\n", what,
          fd_bench_percentile (values, 0.5),
          fd_bench_percentile (values, low_is_worst ? 0.01 : 0.99),
          g_array_index (values, double, 0), g_array_index (values, double, values->len - 1),
          unit, values->len);
}

int
main (int    argc,
      char **argv)
{
  double scale = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 1.0;
  gsize n;
  double t_near0, t_dt0, t_dt1, t_end;
  g_autofree double *far = NULL;
  g_autofree double *near = NULL;
  g_autofree double *echo = NULL;
  g_autofree double *mic = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GArray) erle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) near_only = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) double_talk = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) noise_only = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) block_us = g_array_new (FALSE, FALSE, sizeof (double));
  Collect out = { g_array_new (FALSE, FALSE, sizeof (double)) }, far_out = { g_array_new (FALSE, FALSE, sizeof (double)) };
  Talker far_talker, near_talker;
  GRand *noise = g_rand_new_with_seed (SEED + 2);
  GstElement *pipeline, *probe, *dsp;
  GstPad *far_pad, *mic_pad, *far_drain, *mic_drain;
  double lp = 0, converged_s = -1;
  const int delay = RATE * 60 / 1000, reflection = delay + RATE * 7 / 1000;
  const gsize window = RATE / 2;

  if (scale <= 0)
    scale = 1.0;
  n = (gsize) (42 * RATE * scale);
  t_near0 = 15 * scale;
  t_dt0 = 22 * scale;
  t_dt1 = 32 * scale;
  t_end = 40 * scale;
  gst_init (&argc, &argv);
  printf ("bench/voice: echo canceller (webrtcdsp as the call engine sets it up)\n");
  fd_bench_print_machine ();
  printf ("seed %u, %.0f s of 48 kHz mono, echo path: 60 ms delay, low-pass, gain 0.35, "
          "reflection +7 ms at 0.12; noise floor -65 dBFS\n", SEED, n / (double) RATE);

  /* the signals */
  far = g_new0 (double, n);
  near = g_new0 (double, n);
  echo = g_new0 (double, n);
  mic = g_new0 (double, n);
  talker_init (&far_talker, SEED, 120, 3.0);
  talker_init (&near_talker, SEED + 1, 190, 3.0);
  for (gsize i = 0; i < n; i++)
    {
      double t = i / (double) RATE;
      double f = talker_sample (&far_talker), s = talker_sample (&near_talker);

      far[i] = (t < t_near0 || (t >= t_dt0 && t < t_end)) ? f : 0;
      near[i] = (t >= t_near0 && t < t_dt1) ? s : 0;
    }
  for (gsize i = 0; i < n; i++)
    {
      double d = i >= (gsize) delay ? far[i - delay] : 0;

      lp = 0.6 * lp + 0.4 * d;
      echo[i] = 0.35 * lp + (i >= (gsize) reflection ? 0.12 * far[i - reflection] : 0);
      mic[i] = near[i] + echo[i] + pow (10, -65 / 20.0) * sqrt (3) * g_rand_double_range (noise, -1, 1);
    }
  printf ("levels: far end %.1f dBFS, echo in the microphone %.1f dBFS, near end %.1f dBFS (RMS while talking)\n",
          10 * log10 (power (far, (gsize) (t_near0 * RATE))),
          10 * log10 (power (echo, (gsize) (t_near0 * RATE))),
          10 * log10 (power (near + (gsize) (t_near0 * RATE), (gsize) ((t_dt0 - t_near0) * RATE))));

  /* the DSP as calls make it */
  pipeline = gst_pipeline_new ("bench-echo");
  if ((probe = fd_call_voice_make_probe (GST_BIN (pipeline), &error)) == NULL ||
      (dsp = fd_call_voice_make_dsp (GST_BIN (pipeline), probe, &error)) == NULL)
    {
      printf ("cannot make the echo canceller: %s\n", error->message);
      return 1;
    }
  caps = fd_call_voice_caps ();
  far_drain = drain_pad (probe, &far_out);
  mic_drain = drain_pad (dsp, &out);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    g_error ("the pipeline does not start");
  far_pad = feed_pad (probe, caps, "far");
  mic_pad = feed_pad (dsp, caps, "mic");
  /* What a running pipeline tells the probe: no extra output latency. */
  gst_pad_push_event (far_drain, gst_event_new_latency (0));

  for (guint64 b = 0; (b + 1) * BLOCK <= n; b++)
    {
      gint64 t0;
      double us;

      push_block (far_pad, far + b * BLOCK, b);
      t0 = g_get_monotonic_time ();
      push_block (mic_pad, mic + b * BLOCK, b);
      us = (double) (g_get_monotonic_time () - t0);
      g_array_append_val (block_us, us);
    }
  printf ("processed %u of %zu samples\n", out.out->len, n);
  if (out.out->len + BLOCK < n)
    g_error ("the DSP lost samples");

  /* the figures, per window */
  for (gsize w = 0; (w + 1) * window <= out.out->len; w++)
    {
      gsize at = w * window;
      double t = at / (double) RATE;
      double p_far = power (far + at, window), p_echo = power (echo + at, window);
      double p_near = power (near + at, window), p_out = power (&g_array_index (out.out, double, at), window);
      double p_mic = power (mic + at, window), v;
      gboolean far_talks = p_echo > pow (10, -45 / 10.0), near_talks = p_near > pow (10, -45 / 10.0);

      (void) p_far;
      if (far_talks && !near_talks && t >= 3.0 && (t < t_near0 || (t >= t_dt1 && t < t_end)))
        {
          v = 10 * log10 (p_echo / MAX (p_out, 1e-20));
          g_array_append_val (erle, v);
          if (converged_s < 0 && v >= GOAL_ERLE_DB)
            converged_s = t;
        }
      else if (converged_s < 0 && far_talks && !near_talks && t < 3.0)
        {
          v = 10 * log10 (p_echo / MAX (p_out, 1e-20));
          if (v >= GOAL_ERLE_DB)
            converged_s = t;
        }
      if (near_talks && !far_talks && t >= t_near0 && t < t_dt0)
        {
          v = 10 * log10 (p_out / p_near);
          g_array_append_val (near_only, v);
        }
      if (near_talks && far_talks && t >= t_dt0 && t < t_dt1)
        {
          v = 10 * log10 (p_out / p_near);
          g_array_append_val (double_talk, v);
        }
      if (t >= t_end + 0.5 && p_mic > 0)
        {
          v = 10 * log10 (p_mic / MAX (p_out, 1e-20));
          g_array_append_val (noise_only, v);
        }
    }
  printf ("\n");
  print_dist ("ERLE, far end alone (dB)", erle, "dB", TRUE);
  print_dist ("near end alone: output/near (dB)", near_only, "dB", TRUE);
  print_dist ("double talk: output/near (dB)", double_talk, "dB", TRUE);
  print_dist ("pauses: noise reduction (dB)", noise_only, "dB", TRUE);
  print_dist ("DSP time per 10 ms block (us)", block_us, "us", FALSE);
  printf ("first 0.5 s window with ERLE >= %.0f dB: %.1f s after the start\n", GOAL_ERLE_DB, converged_s);
  printf ("(p99 of a dB figure above = its worst 1 %%: the 1st percentile)\n\n");
  {
    double median = erle->len ? fd_bench_percentile (erle, 0.5) : -1;

    printf ("goal: median ERLE >= %.0f dB: measured %.1f dB: %s\n", GOAL_ERLE_DB, median,
            median >= GOAL_ERLE_DB ? "MET" : "NOT MET");
  }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (far_pad);
  gst_object_unref (mic_pad);
  gst_object_unref (far_drain);
  gst_object_unref (mic_drain);
  gst_object_unref (pipeline);
  g_array_unref (out.out);
  g_array_unref (far_out.out);
  g_rand_free (noise);
  g_rand_free (far_talker.rand);
  g_rand_free (near_talker.rand);
  return 0;
}
