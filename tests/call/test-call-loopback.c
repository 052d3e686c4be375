/* test-call-loopback.c: two call engines in one process, real media on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside a private network namespace (netns-run.sh). Every wait is
 * bounded: a call that does not get there in time is a failure, not a hang.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/sdp/sdp.h>
#include <string.h>

#include "call-test-util.h"
#include "fd-call-engine.h"
#include "fd-call-instruments.h"
#include "fd-call-loopback.h"

#define WAIT_S 20

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

typedef struct {
  FdCallEngine *a;
  FdCallEngine *b;
  GPtrArray    *chat_a;
  GPtrArray    *chat_b;
  guint64       frames_a;
  guint64       frames_b;
} Pair;

static void
on_chat (FdCallEngine *engine,
         const char   *text,
         GPtrArray    *log)
{
  g_ptr_array_add (log, g_strdup (text));
}

static void
on_error_fail (FdCallEngine *engine,
               GError       *error,
               gpointer      user_data)
{
  g_test_message ("engine error: %s", error->message);
}

/* Two engines on a loopback link; each drops @loss percent of what it sends. */
static void
pair_start_lossy (Pair    *p,
                  gboolean frames,
                  double   loss)
{
  g_autoptr(GError) error = NULL;

  p->a = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, frames);
  p->b = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, frames);
  /* Simulated loss is an instrument attached from outside the engine. */
  if (loss > 0)
    {
      fd_call_instruments_add_loss (p->a, loss);
      fd_call_instruments_add_loss (p->b, loss);
    }
  p->chat_a = g_ptr_array_new_with_free_func (g_free);
  p->chat_b = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (p->a, "chat-received", G_CALLBACK (on_chat), p->chat_a);
  g_signal_connect (p->b, "chat-received", G_CALLBACK (on_chat), p->chat_b);
  g_signal_connect (p->a, "error", G_CALLBACK (on_error_fail), NULL);
  g_signal_connect (p->b, "error", G_CALLBACK (on_error_fail), NULL);
  fd_call_loopback_connect (p->a, p->b);
  g_assert_true (fd_call_engine_start (p->b, &error));
  g_assert_no_error (error);
  g_assert_true (fd_call_engine_start (p->a, &error));
  g_assert_no_error (error);
}

static void
pair_start (Pair    *p,
            gboolean frames)
{
  pair_start_lossy (p, frames, 0);
}

static gboolean
engines_gone (gpointer data)
{
  gpointer *slots = data;

  return g_atomic_pointer_get ((gpointer *) slots[0]) == NULL &&
         g_atomic_pointer_get ((gpointer *) slots[1]) == NULL;
}

/* Drops both engines; each must be finalized soon. */
static void
pair_release (Pair *p)
{
  FdCallEngine *a = p->a, *b = p->b;

  /* Let queued main-context hops run, then the engines must be gone. */
  run_for (50);
  g_object_add_weak_pointer (G_OBJECT (a), (gpointer *) &a);
  g_object_add_weak_pointer (G_OBJECT (b), (gpointer *) &b);
  g_clear_object (&p->a);
  g_clear_object (&p->b);
  /* The pipelines stop on a helper thread that holds the engines until
   * then: both must be gone soon (a stuck stop would keep them). */
  g_assert_true (fd_call_test_poll_until (engines_gone, (gpointer[]) { &a, &b }, WAIT_S));
  g_clear_pointer (&p->chat_a, g_ptr_array_unref);
  g_clear_pointer (&p->chat_b, g_ptr_array_unref);
}

static void
pair_stop (Pair *p)
{
  fd_call_engine_hang_up (p->a);
  fd_call_engine_hang_up (p->b);
  g_assert_cmpint (fd_call_engine_get_state (p->a), ==, FD_CALL_STATE_ENDED);
  g_assert_cmpint (fd_call_engine_get_state (p->b), ==, FD_CALL_STATE_ENDED);
  pair_release (p);
}

static gboolean
both_connected (gpointer data)
{
  Pair *p = data;

  g_assert_cmpint (fd_call_engine_get_state (p->a), !=, FD_CALL_STATE_FAILED);
  g_assert_cmpint (fd_call_engine_get_state (p->b), !=, FD_CALL_STATE_FAILED);
  return fd_call_engine_get_state (p->a) == FD_CALL_STATE_CONNECTED &&
         fd_call_engine_get_state (p->b) == FD_CALL_STATE_CONNECTED;
}

static gboolean
both_have_frames (gpointer data)
{
  Pair *p = data;

  return fd_call_stats_get_frames_received (fd_call_engine_get_stats (p->a)) > p->frames_a &&
         fd_call_stats_get_frames_received (fd_call_engine_get_stats (p->b)) > p->frames_b;
}

/* (time, frames received) at each statistics refresh of one engine. */
typedef struct {
  gint64  t0;
  guint64 f0;
  gint64  t1;
  guint64 f1;
} Window;

static void
on_stats_updated (FdCallStats *stats,
                  Window      *w)
{
  gint64 now = g_get_monotonic_time ();
  guint64 frames = fd_call_stats_get_frames_received (stats);

  if (w->t0 == 0)
    {
      w->t0 = now;
      w->f0 = frames;
    }
  w->t1 = now;
  w->f1 = frames;
}

static gboolean
windows_full (gpointer data)
{
  Window *w = data;

  return w[0].t1 - w[0].t0 >= 5 * G_TIME_SPAN_SECOND &&
         w[1].t1 - w[1].t0 >= 5 * G_TIME_SPAN_SECOND;
}

static void
test_call_fps (void)
{
  Pair p = { 0 };
  Window w[2] = { { 0 } };
  double fps_a, fps_b;

  /* Headless sinks (no BGRA conversion): two endpoints share 2 cores here. */
  pair_start (&p, FALSE);
  g_assert_true (fd_call_test_poll_until (both_connected, &p, WAIT_S));
  g_assert_true (fd_call_test_poll_until (both_have_frames, &p, WAIT_S));
  run_for (1000); /* past the first key frame */

  /* Frame counts taken at the sinks, between two refreshes >= 5 s apart. */
  g_signal_connect (fd_call_engine_get_stats (p.a), "updated", G_CALLBACK (on_stats_updated), &w[0]);
  g_signal_connect (fd_call_engine_get_stats (p.b), "updated", G_CALLBACK (on_stats_updated), &w[1]);
  g_assert_true (fd_call_test_poll_until (windows_full, w, WAIT_S));
  g_signal_handlers_disconnect_by_func (fd_call_engine_get_stats (p.a), on_stats_updated, &w[0]);
  g_signal_handlers_disconnect_by_func (fd_call_engine_get_stats (p.b), on_stats_updated, &w[1]);
  fps_a = (w[0].f1 - w[0].f0) / ((w[0].t1 - w[0].t0) / 1e6);
  fps_b = (w[1].f1 - w[1].f0) / ((w[1].t1 - w[1].t0) / 1e6);
  g_test_message ("received fps over 5 s: offerer %.1f, answerer %.1f", fps_a, fps_b);
  g_assert_cmpfloat (fps_a, >=, 25.0);
  g_assert_cmpfloat (fps_b, >=, 25.0);

  /* Live statistics are filled in. */
  g_assert_cmpfloat (fd_call_stats_get_fps_received (fd_call_engine_get_stats (p.a)), >, 0);
  g_assert_cmpfloat (fd_call_stats_get_bitrate_in (fd_call_engine_get_stats (p.b)), >, 0);
  g_assert_cmpint (fd_call_stats_get_recv_width (fd_call_engine_get_stats (p.a)), ==, 640);
  g_assert_cmpint (fd_call_stats_get_recv_height (fd_call_engine_get_stats (p.b)), ==, 480);
  pair_stop (&p);
}

static gboolean
both_sent_nacks (gpointer data)
{
  Pair *p = data;

  return fd_call_stats_get_nack_count (fd_call_engine_get_stats (p->a)) > 0 &&
         fd_call_stats_get_nack_count (fd_call_engine_get_stats (p->b)) > 0;
}

/* Under loss both sides ask for the lost video packets again. (webrtcbin
 * 1.22 gave all bundled jitterbuffers one transceiver's NACK setting: with
 * NACK on video only, one side's video then asked for nothing.) */
static void
test_nack_both_ways (void)
{
  Pair p = { 0 };

  pair_start_lossy (&p, FALSE, 10);
  g_assert_true (fd_call_test_poll_until (both_connected, &p, WAIT_S));
  g_assert_true (fd_call_test_poll_until (both_have_frames, &p, WAIT_S));
  g_assert_true (fd_call_test_poll_until (both_sent_nacks, &p, WAIT_S));
  g_test_message ("NACKs sent: offerer %u, answerer %u",
                  fd_call_stats_get_nack_count (fd_call_engine_get_stats (p.a)),
                  fd_call_stats_get_nack_count (fd_call_engine_get_stats (p.b)));
  pair_stop (&p);
}

static gboolean
has_failed (gpointer data)
{
  return fd_call_engine_get_state (data) == FD_CALL_STATE_FAILED;
}

/* The peer vanishes without a word (its program or network gone): the
 * other side fails with a connection error after media-timeout seconds
 * instead of showing a frozen picture as "connected". */
static void
test_peer_gone (void)
{
  Pair p = { 0 };
  const GError *failure;

  pair_start (&p, FALSE);
  g_object_set (p.b, "media-timeout", 2, NULL);
  g_assert_true (fd_call_test_poll_until (both_connected, &p, WAIT_S));
  g_assert_true (fd_call_test_poll_until (both_have_frames, &p, WAIT_S));
  /* Camera off and muted still send: no false alarm for 3 s. */
  fd_call_engine_set_camera_enabled (p.a, FALSE);
  fd_call_engine_set_muted (p.a, TRUE);
  run_for (3000);
  g_assert_cmpint (fd_call_engine_get_state (p.b), ==, FD_CALL_STATE_CONNECTED);
  /* Now the offerer stops, telling nobody. */
  fd_call_engine_hang_up (p.a);
  g_assert_true (fd_call_test_poll_until (has_failed, p.b, WAIT_S));
  failure = fd_call_engine_get_error (p.b);
  g_assert_error (failure, FD_CALL_ERROR, FD_CALL_ERROR_CONNECTION);
  g_assert_nonnull (strstr (failure->message, "Nothing received"));
  pair_release (&p);
}

static gboolean
chat_arrived (gpointer data)
{
  GPtrArray *log = data;

  return log->len > 0;
}

static gboolean
chat_open (gpointer data)
{
  FdCallEngine *engine = data;
  g_autoptr(GError) error = NULL;

  /* send_chat fails cleanly until the channel is open. */
  return fd_call_engine_send_chat (engine, "你好, hello, привет", &error);
}

static void
test_chat_round_trip (void)
{
  Pair p = { 0 };
  g_autoptr(GError) error = NULL;

  pair_start (&p, FALSE);
  g_assert_false (fd_call_engine_send_chat (p.a, "too early", &error));
  g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_CHAT);
  g_clear_error (&error);
  g_assert_true (fd_call_test_poll_until (both_connected, &p, WAIT_S));
  g_assert_true (fd_call_test_poll_until (chat_open, p.a, WAIT_S));
  g_assert_true (fd_call_test_poll_until (chat_arrived, p.chat_b, WAIT_S));
  g_assert_cmpstr (g_ptr_array_index (p.chat_b, 0), ==, "你好, hello, привет");
  g_assert_true (fd_call_engine_send_chat (p.b, "reply", &error));
  g_assert_no_error (error);
  g_assert_true (fd_call_test_poll_until (chat_arrived, p.chat_a, WAIT_S));
  g_assert_cmpstr (g_ptr_array_index (p.chat_a, 0), ==, "reply");
  pair_stop (&p);
}

static int
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  int n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static int
count_threads (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nThreads:");
  return line != NULL ? atoi (line + 9) : -1;
}

static void
one_call (void)
{
  Pair p = { 0 };

  pair_start (&p, TRUE);
  g_assert_true (fd_call_test_poll_until (both_connected, &p, WAIT_S));
  if (!fd_call_test_poll_until (both_have_frames, &p, WAIT_S))
    g_error ("no frames after %d s: offerer received %" G_GUINT64_FORMAT ", answerer %" G_GUINT64_FORMAT,
             WAIT_S,
             fd_call_stats_get_frames_received (fd_call_engine_get_stats (p.a)),
             fd_call_stats_get_frames_received (fd_call_engine_get_stats (p.b)));
  pair_stop (&p);
}

static void
test_recall_loop (void)
{
  int fds0, threads0, fds1, threads1;

  /* One call first: GStreamer loads plugins and keeps pools once. */
  one_call ();
  run_for (200);
  fds0 = count_fds ();
  threads0 = count_threads ();
  for (int i = 0; i < 20; i++)
    {
      g_test_message ("call %d", i + 1);
      one_call ();
    }
  run_for (500);
  fds1 = count_fds ();
  threads1 = count_threads ();
  g_test_message ("fds %d -> %d, threads %d -> %d", fds0, fds1, threads0, threads1);
  /* Nothing may grow with the number of calls. */
  g_assert_cmpint (fds1, <=, fds0 + 2);
  g_assert_cmpint (threads1, <=, threads0 + 4);
}

static void
test_setup_timeout (void)
{
  g_autoptr(FdCallEngine) lonely = NULL;
  g_autoptr(GError) error = NULL;
  const GError *failure;

  /* An offerer whose peer never answers. */
  lonely = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, FALSE);
  g_object_set (lonely, "setup-timeout", 2, NULL);
  g_assert_true (fd_call_engine_start (lonely, &error));
  g_assert_true (fd_call_test_poll_until (has_failed, lonely, 15));
  failure = fd_call_engine_get_error (lonely);
  g_assert_error (failure, FD_CALL_ERROR, FD_CALL_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (failure->message, "No connection"));
  /* Hanging up a failed call is harmless and keeps the failure. */
  fd_call_engine_hang_up (lonely);
  g_assert_cmpint (fd_call_engine_get_state (lonely), ==, FD_CALL_STATE_FAILED);
}

/* The benchmark's time stamps, attached through the hooks: A draws its send
 * time into each frame, B reads it back and reports the delay. */
static void
on_stamp_latency (FdCallEngine *engine,
                  double        ms,
                  GArray       *out)
{
  g_array_append_val (out, ms);
}

static gboolean
enough_stamps (gpointer data)
{
  return ((GArray *) data)->len >= 10;
}

static void
test_stamps (void)
{
  g_autoptr(FdCallEngine) a = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, FALSE);
  g_autoptr(FdCallEngine) b = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, FALSE);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  fd_call_instruments_add_stamps (a);
  fd_call_instruments_add_stamp_reader (b);
  g_signal_connect (b, "stamp-latency", G_CALLBACK (on_stamp_latency), latencies);
  fd_call_loopback_connect (a, b);
  g_assert_true (fd_call_engine_start (b, &error));
  g_assert_true (fd_call_engine_start (a, &error));
  g_assert_no_error (error);
  g_assert_true (fd_call_test_poll_until (enough_stamps, latencies, WAIT_S));
  for (guint i = 0; i < latencies->len; i++)
    {
      double ms = g_array_index (latencies, double, i);

      /* One clock, one machine: positive and well under the set-up timeout. */
      g_assert_cmpfloat (ms, >, 0);
      g_assert_cmpfloat (ms, <, 30000);
    }
  g_test_message ("first stamp delay %.1f ms", g_array_index (latencies, double, 0));
  fd_call_engine_hang_up (a);
  fd_call_engine_hang_up (b);
}

/* An engine made on a context of its own (a worker thread's) keeps its
 * timers and bus watch there: the set-up timeout fires although the global
 * default context is never run. */
static void
test_own_context_timeout (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(FdCallEngine) lonely = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  g_main_context_push_thread_default (context);
  lonely = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, FALSE);
  g_object_set (lonely, "setup-timeout", 1, NULL);
  g_assert_true (fd_call_engine_start (lonely, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 15 * G_TIME_SPAN_SECOND;
  while (fd_call_engine_get_state (lonely) != FD_CALL_STATE_FAILED &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (context, FALSE);
      g_usleep (2000);
    }
  g_assert_cmpint (fd_call_engine_get_state (lonely), ==, FD_CALL_STATE_FAILED);
  g_assert_error (fd_call_engine_get_error (lonely), FD_CALL_ERROR, FD_CALL_ERROR_TIMEOUT);
  g_clear_object (&lonely);
  /* Whatever the engine left queued runs and is dropped on its context. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
}

/* ---- answering offers that come from another stack (browser) ---------- */

typedef struct {
  char *type;
  char *sdp;
} Desc;

static void
on_description (FdCallEngine *engine,
                const char   *type,
                const char   *sdp,
                Desc         *out)
{
  g_free (out->type);
  g_free (out->sdp);
  out->type = g_strdup (type);
  out->sdp = g_strdup (sdp);
}

static gboolean
have_desc (gpointer data)
{
  Desc *d = data;

  return d->sdp != NULL;
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

/* A real offer from our own offerer, rewritten as another stack would write
 * it: VP8 on 100 (RTX 101), Opus on 109, transport-cc on extension id 5. */
static char *
foreign_offer (void)
{
  g_autoptr(FdCallEngine) offerer = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, FALSE);
  g_autoptr(GError) error = NULL;
  Desc offer = { 0 };
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s5 = NULL;
  g_autofree char *s6 = NULL, *s7 = NULL;

  g_signal_connect (offerer, "local-description", G_CALLBACK (on_description), &offer);
  g_assert_true (fd_call_engine_start (offerer, &error));
  g_assert_true (fd_call_test_poll_until (have_desc, &offer, WAIT_S));
  fd_call_engine_hang_up (offerer);
  g_assert_cmpstr (offer.type, ==, "offer");

  s1 = replace_all (offer.sdp, "SAVPF 96 97", "SAVPF 100 101");
  s2 = replace_all (s1, ":96 ", ":100 ");
  s3 = replace_all (s2, "a=rtpmap:97 ", "a=rtpmap:101 ");
  s4 = replace_all (s3, "apt=96", "apt=100");
  s5 = replace_all (s4, "a=fmtp:97 ", "a=fmtp:101 ");
  s6 = replace_all (s5, "SAVPF 111\r\n", "SAVPF 109\r\n");
  s7 = replace_all (s6, ":111 ", ":109 ");
  g_free (offer.type);
  g_free (offer.sdp);
  return replace_all (s7, "a=extmap:1 ", "a=extmap:5 ");
}

/* Starts an answerer on @offer and waits until it has made its answer. */
static FdCallEngine *
answer_offer (const char *offer,
              Desc       *answer)
{
  FdCallEngine *answerer = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, FALSE);
  g_autoptr(GError) error = NULL;

  g_signal_connect (answerer, "local-description", G_CALLBACK (on_description), answer);
  g_assert_true (fd_call_engine_start (answerer, &error));
  g_assert_true (fd_call_engine_set_remote_description (answerer, "offer", offer, &error));
  g_assert_no_error (error);
  g_assert_true (fd_call_test_poll_until (have_desc, answer, WAIT_S));
  g_test_message ("answer:\n%s", answer->sdp);
  return answerer;
}

static void
test_answer_takes_offer_codecs (void)
{
  g_autofree char *offer = foreign_offer ();
  g_autoptr(FdCallEngine) answerer = NULL;
  Desc answer = { 0 };

  g_assert_nonnull (strstr (offer, "a=rtpmap:100 VP8/90000"));
  answerer = answer_offer (offer, &answer);
  g_assert_cmpstr (answer.type, ==, "answer");
  /* Sending and receiving, with the offer's payload types and NACK kept. */
  g_assert_nonnull (strstr (answer.sdp, "a=rtpmap:100 VP8/90000"));
  g_assert_nonnull (strstr (answer.sdp, "a=rtpmap:109 OPUS/48000/2"));
  g_assert_nonnull (strstr (answer.sdp, "a=rtcp-fb:100 nack"));
  g_assert_nonnull (strstr (answer.sdp, "apt=100"));
  g_assert_null (strstr (answer.sdp, "a=recvonly"));
  g_assert_nonnull (strstr (answer.sdp, "a=sendrecv"));
  g_assert_null (strstr (answer.sdp, "a=rtpmap:96 "));
  if (strstr (offer, "a=extmap:5 ") != NULL)
    g_assert_nonnull (strstr (answer.sdp, "a=extmap:5 "));
  fd_call_engine_hang_up (answerer);
  g_free (answer.type);
  g_free (answer.sdp);
}

/* A browser's offer asks for transport-wide congestion control: the answer
 * leaves it out (the browser then estimates from RTCP reports and loss). */
static void
test_answer_without_transport_cc (void)
{
  g_autofree char *plain = foreign_offer ();
  g_autofree char *offer = replace_all (plain, "a=rtcp-fb:100 nack pli\r\n",
                                        "a=rtcp-fb:100 nack pli\r\na=rtcp-fb:100 transport-cc\r\n"
                                        "a=extmap:7 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n");
  g_autoptr(FdCallEngine) answerer = NULL;
  Desc answer = { 0 };

  g_assert_nonnull (strstr (offer, "transport-wide-cc"));
  answerer = answer_offer (offer, &answer);
  g_assert_null (strstr (answer.sdp, "transport-wide-cc"));
  g_assert_null (strstr (answer.sdp, "transport-cc"));
  /* The rest of the answer is whole: VP8 with NACK, sending both ways. */
  g_assert_nonnull (strstr (answer.sdp, "a=rtcp-fb:100 nack"));
  g_assert_null (strstr (answer.sdp, "a=recvonly"));
  fd_call_engine_hang_up (answerer);
  g_free (answer.type);
  g_free (answer.sdp);
}

/* NACK and RTX on a media section: (rtcp-fb nack, rtx payload) present. */
static void
media_repair (const GstSDPMedia *media,
              gboolean          *nack,
              gboolean          *rtx)
{
  *nack = *rtx = FALSE;
  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    {
      const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, i);

      if (g_strcmp0 (a->key, "rtcp-fb") == 0 && a->value != NULL && strstr (a->value, " nack") != NULL)
        *nack = TRUE;
      if (g_strcmp0 (a->key, "rtpmap") == 0 && a->value != NULL && strstr (a->value, " rtx/") != NULL)
        *rtx = TRUE;
    }
}

static void
assert_repair_on_video_only (const char *sdp_text)
{
  g_autoptr(GstSDPMessage) sdp = NULL;
  guint video = 0, audio = 0;

  g_assert_cmpint (gst_sdp_message_new_from_text (sdp_text, &sdp), ==, GST_SDP_OK);
  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);
      gboolean nack, rtx;

      media_repair (media, &nack, &rtx);
      if (g_strcmp0 (gst_sdp_media_get_media (media), "video") == 0)
        {
          video++;
          g_assert_true (nack);
          g_assert_true (rtx);
        }
      else if (g_strcmp0 (gst_sdp_media_get_media (media), "audio") == 0)
        {
          /* Chromium refuses audio RTX (one SSRC per audio stream). */
          audio++;
          g_assert_false (nack);
          g_assert_false (rtx);
          g_assert_null (gst_sdp_media_get_attribute_val (media, "ssrc-group"));
        }
    }
  g_assert_cmpuint (video, ==, 1);
  g_assert_cmpuint (audio, ==, 1);
}

/* The media stream id (msid) each m-line's sources carry: "" when none. */
static char *
stream_id_of (const char *sdp,
              const char *kind)
{
  g_autofree char *mline = g_strdup_printf ("m=%s ", kind);
  const char *m = strstr (sdp, mline);
  const char *next, *msid;

  g_assert_nonnull (m);
  /* g_strstr_len: GCC 12's -Wstringop-overread takes strstr (m + 2, ...) under ASan for a read
   * past a region of size 0 */
  next = g_strstr_len (m + 2, -1, "\r\nm=");
  msid = g_strstr_len (m, -1, " msid:");
  if (msid == NULL || (next != NULL && msid > next))
    return g_strdup ("");
  msid += strlen (" msid:");
  return g_strndup (msid, strcspn (msid, " \r\n"));
}

/* @offerer's offer, and the answer a new answerer makes to it. */
static FdCallEngine *
negotiate (FdCallEngine *offerer,
           Desc         *offer,
           Desc         *answer)
{
  g_autoptr(GError) error = NULL;

  g_signal_connect (offerer, "local-description", G_CALLBACK (on_description), offer);
  g_assert_true (fd_call_engine_start (offerer, &error));
  g_assert_true (fd_call_test_poll_until (have_desc, offer, WAIT_S));
  g_test_message ("offer:\n%s", offer->sdp);
  return answer_offer (offer->sdp, answer);
}

static void
end_negotiation (FdCallEngine *offerer,
                 FdCallEngine *answerer,
                 Desc         *offer,
                 Desc         *answer)
{
  fd_call_engine_hang_up (offerer);
  fd_call_engine_hang_up (answerer);
  g_free (offer->type);
  g_free (offer->sdp);
  g_free (answer->type);
  g_free (answer->sdp);
}

/* Audio and video as two media streams by default (a browser then shows the
 * video without holding it for lip sync), one with lip-sync; both in the
 * offer and in the answer to it. */
static void
test_stream_ids (void)
{
  for (int lip_sync = 0; lip_sync <= 1; lip_sync++)
    {
      g_autoptr(FdCallEngine) offerer = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, FALSE);
      g_autoptr(FdCallEngine) answerer = NULL;
      Desc offer = { 0 }, answer = { 0 };
      guint both = 0;

      g_object_set (offerer, "lip-sync", lip_sync, NULL);
      answerer = negotiate (offerer, &offer, &answer);
      /* webrtcbin writes a stream id only for a source whose caps it already
       * has, which may come after the offer: compare where both are written. */
      for (int i = 0; i < 2; i++)
        {
          const char *sdp = i == 0 ? offer.sdp : answer.sdp;
          g_autofree char *audio = stream_id_of (sdp, "audio");
          g_autofree char *video = stream_id_of (sdp, "video");

          if (*audio == '\0' || *video == '\0')
            continue;
          both++;
          if (lip_sync && i == 0)
            g_assert_cmpstr (audio, ==, video);
          else if (!lip_sync)
            g_assert_cmpstr (audio, !=, video);
        }
      if (!lip_sync)
        g_assert_cmpuint (both, >=, 1);
      end_negotiation (offerer, answerer, &offer, &answer);
    }
}

static void
test_repair_on_video_only (void)
{
  g_autoptr(FdCallEngine) offerer = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, FALSE);
  g_autoptr(FdCallEngine) answerer = NULL;
  Desc offer = { 0 }, answer = { 0 };

  answerer = negotiate (offerer, &offer, &answer);
  assert_repair_on_video_only (offer.sdp);
  assert_repair_on_video_only (answer.sdp);
  end_negotiation (offerer, answerer, &offer, &answer);
}

static void
test_answer_refuses_without_vp8 (void)
{
  g_autofree char *offer = foreign_offer ();
  g_autofree char *h264 = replace_all (offer, "VP8/90000", "H264/90000");
  g_autoptr(FdCallEngine) answerer = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (fd_call_engine_start (answerer, &error));
  /* No silent one-way call: a clear negotiation error. */
  g_assert_false (fd_call_engine_set_remote_description (answerer, "offer", h264, &error));
  g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_NEGOTIATION);
  g_assert_cmpint (fd_call_engine_get_state (answerer), ==, FD_CALL_STATE_FAILED);
  g_clear_error (&error);

  /* Garbage is refused with a clear error too. */
  {
    g_autoptr(FdCallEngine) other = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, FALSE);

    g_assert_true (fd_call_engine_start (other, &error));
    g_assert_false (fd_call_engine_set_remote_description (other, "offer", "not sdp", &error));
    g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP);
    g_clear_error (&error);
    g_assert_false (fd_call_engine_set_remote_description (other, "pranswer", "v=0", &error));
    g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP);
    g_clear_error (&error);
    g_assert_false (fd_call_engine_add_remote_ice (other, 0, "rubbish", &error));
    g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP);
    fd_call_engine_hang_up (other);
  }
}

/* ---- self-view and camera off ---------------------------------------- */

typedef struct {
  int      width;
  int      height;
  gboolean black;
  guint    frames;
} SelfView;

static void
on_frame (FdCallEngine *engine,
          FdCallStream  stream,
          FdCallFrame  *frame,
          SelfView     *view)
{
  gsize size;
  const guint8 *px;
  guint64 sum = 0;
  int w, h;
  gsize stride;

  if (stream != FD_CALL_STREAM_SELF)
    return;
  w = fd_call_frame_get_width (frame);
  h = fd_call_frame_get_height (frame);
  stride = fd_call_frame_get_stride (frame);
  px = g_bytes_get_data (fd_call_frame_get_bytes (frame), &size);
  g_assert_cmpuint (size, >=, stride * (h - 1) + (gsize) w * 4);
  for (int y = 0; y < h; y += 8)
    for (int x = 0; x < w; x += 8)
      {
        const guint8 *p = px + y * stride + x * 4;

        g_assert_cmpuint (p[3], ==, 255); /* opaque: usable as premultiplied */
        sum += p[0] + p[1] + p[2];
      }
  view->width = w;
  view->height = h;
  view->black = sum / ((h / 8) * (w / 8) * 3) < 20;
  view->frames++;
}

static gboolean
self_black (gpointer data)
{
  SelfView *view = data;

  return view->frames > 0 && view->black;
}

static gboolean
self_not_black (gpointer data)
{
  SelfView *view = data;

  return view->frames > 0 && !view->black;
}

static void
test_camera_off (void)
{
  g_autoptr(FdCallEngine) engine = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, TRUE);
  g_autoptr(GError) error = NULL;
  SelfView view = { 0 };

  g_signal_connect (engine, "video-frame", G_CALLBACK (on_frame), &view);
  g_assert_true (fd_call_engine_start (engine, &error));
  g_assert_true (fd_call_test_poll_until (self_not_black, &view, WAIT_S));
  /* The self view is a thumbnail of the 640x480 camera, aspect kept. */
  g_assert_cmpint (view.width, ==, FD_CALL_SELF_VIEW_WIDTH);
  g_assert_cmpint (view.height, ==, FD_CALL_SELF_VIEW_WIDTH * 3 / 4);
  fd_call_engine_set_camera_enabled (engine, FALSE);
  g_assert_false (fd_call_engine_get_camera_enabled (engine));
  view.frames = 0;
  g_assert_true (fd_call_test_poll_until (self_black, &view, WAIT_S));
  fd_call_engine_set_camera_enabled (engine, TRUE);
  view.frames = 0;
  g_assert_true (fd_call_test_poll_until (self_not_black, &view, WAIT_S));
  fd_call_engine_hang_up (engine);
}

/* ---- a video file as the source, looped ------------------------------- */

static gboolean
answerer_frames_over (gpointer data)
{
  Pair *p = data;

  return fd_call_stats_get_frames_received (fd_call_engine_get_stats (p->b)) >= p->frames_b;
}

/* ---- set-up speed (issue 11.8) ---------------------------------------- */

/* A pass-through aux sender (netsim dropping nothing) kept by the test: from
 * it the test reaches the call's own pipeline. */
static GstElement *
keep_aux_sender (gpointer data)
{
  GstElement **slot = data;
  GstElement *netsim = gst_element_factory_make ("netsim", NULL);

  if (netsim != NULL && *slot == NULL)
    *slot = gst_object_ref (netsim);
  return netsim;
}

static void
count_faststart (const GValue *item,
                 gpointer      user_data)
{
  GstElement *element = g_value_get_object (item);
  guint *counts = user_data;
  guint packets = 0;

  if (g_strcmp0 (G_OBJECT_TYPE_NAME (element), "GstRtpJitterBuffer") != 0)
    return;
  g_object_get (element, "faststart-min-packets", &packets, NULL);
  counts[0]++;
  counts[1] += packets == 3;
}

/* Each jitterbuffer starts with the first packets in a row (faststart)
 * rather than after its whole latency. */
static void
test_setup_faststart (void)
{
  static const FdCallHooks hooks = { .uses = FD_CALL_ELEMENT_BENCH, .aux_sender = keep_aux_sender };
  GstElement *aux = NULL;
  g_autoptr(GstObject) top = NULL;
  GstIterator *it;
  guint counts[2] = { 0, 0 };
  Pair p = { 0 };

  p.a = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, FALSE);
  fd_call_engine_add_hooks (p.a, &hooks, &aux, NULL);
  p.b = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, FALSE);
  p.chat_a = g_ptr_array_new_with_free_func (g_free);
  p.chat_b = g_ptr_array_new_with_free_func (g_free);
  fd_call_loopback_connect (p.a, p.b);
  g_assert_true (fd_call_engine_start (p.b, NULL));
  g_assert_true (fd_call_engine_start (p.a, NULL));
  g_assert_true (fd_call_test_poll_until (both_connected, &p, WAIT_S));
  g_assert_true (fd_call_test_poll_until (both_have_frames, &p, WAIT_S));
  g_assert_nonnull (aux);

  /* aux sender → … → webrtcbin → the call's pipeline */
  top = fd_call_test_top (aux);
  g_assert_true (GST_IS_PIPELINE (top));
  it = gst_bin_iterate_recurse (GST_BIN (top));
  while (gst_iterator_foreach (it, count_faststart, counts) == GST_ITERATOR_RESYNC)
    {
      gst_iterator_resync (it);
      counts[0] = counts[1] = 0;
    }
  gst_iterator_free (it);
  g_test_message ("jitterbuffers: %u, with faststart after 3 packets: %u", counts[0], counts[1]);
  g_assert_cmpuint (counts[0], >=, 2); /* the peer's audio and video */
  g_assert_cmpuint (counts[1], ==, counts[0]);

  g_clear_object (&top);
  gst_clear_object (&aux);
  pair_stop (&p);
}

/* Preparation loads every call element's plugin: the first call does not. */
static void
test_prepare_loads_plugins (void)
{
  static const char *plugins[] = { "webrtc", "srtp", "dtls", "nice", "sctp", "vpx", "opus", "rtp",
                                   "rtpmanager", NULL };

  g_autoptr(GstPlugin) webrtc = gst_registry_find_plugin (gst_registry_get (), "webrtc");

  /* registered first: nothing in this process has made a call yet */
  g_assert_nonnull (webrtc);
  g_assert_false (gst_plugin_is_loaded (webrtc));
  fd_call_engine_prepare_wait ();
  for (guint i = 0; plugins[i] != NULL; i++)
    {
      g_autoptr(GstPlugin) plugin = gst_registry_find_plugin (gst_registry_get (), plugins[i]);

      g_assert_nonnull (plugin);
      g_assert_true (gst_plugin_is_loaded (plugin));
    }
}

static void
test_file_source_loops (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fd-call-XXXXXX", NULL);
  g_autofree char *clip = g_build_filename (dir, "clip.webm", NULL);
  g_autofree char *launch = NULL;
  g_autoptr(GstElement) writer = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) done = NULL;
  g_autoptr(GError) error = NULL;
  Pair p = { 0 };

  /* A half-second clip (15 frames), made here. */
  launch = g_strdup_printf ("videotestsrc num-buffers=15 pattern=ball ! "
                            "video/x-raw,width=320,height=240,framerate=30/1 ! vp8enc ! "
                            "webmmux ! filesink location=\"%s\"", clip);
  writer = gst_parse_launch (launch, &error);
  g_assert_no_error (error);
  gst_element_set_state (writer, GST_STATE_PLAYING);
  bus = gst_element_get_bus (writer);
  done = gst_bus_timed_pop_filtered (bus, 20 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (done);
  g_assert_cmpint (GST_MESSAGE_TYPE (done), ==, GST_MESSAGE_EOS);
  gst_element_set_state (writer, GST_STATE_NULL);

  p.a = g_object_new (FD_TYPE_CALL_ENGINE, "role", FD_CALL_ROLE_OFFERER,
                      "video-source", FD_CALL_VIDEO_FILE, "video-file", clip,
                      "audio-source", FD_CALL_AUDIO_SILENCE, "play-audio", FALSE,
                      "deliver-frames", FALSE, "ice-addresses", fd_call_test_addresses, NULL);
  p.b = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, FALSE);
  p.chat_a = g_ptr_array_new_with_free_func (g_free);
  p.chat_b = g_ptr_array_new_with_free_func (g_free);
  fd_call_loopback_connect (p.a, p.b);
  g_assert_true (fd_call_engine_start (p.b, &error));
  g_assert_true (fd_call_engine_start (p.a, &error));
  g_assert_true (fd_call_test_poll_until (both_connected, &p, WAIT_S));
  /* Four times the clip's frames: it must have started over. */
  p.frames_b = 60;
  g_assert_true (fd_call_test_poll_until (answerer_frames_over, &p, WAIT_S));
  g_assert_cmpint (fd_call_engine_get_state (p.a), ==, FD_CALL_STATE_CONNECTED);
  pair_stop (&p);

  /* A missing file is a clear error at start. */
  {
    g_autoptr(FdCallEngine) bad = g_object_new (FD_TYPE_CALL_ENGINE, "role", FD_CALL_ROLE_OFFERER,
                                                "video-source", FD_CALL_VIDEO_FILE,
                                                "video-file", "/nonexistent/clip.webm",
                                                "audio-source", FD_CALL_AUDIO_SILENCE,
                                                "play-audio", FALSE, NULL);

    g_assert_false (fd_call_engine_start (bad, &error));
    g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_DEVICE);
    g_assert_cmpint (fd_call_engine_get_state (bad), ==, FD_CALL_STATE_FAILED);
  }
  g_unlink (clip);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/call/engine/prepare-loads-plugins", test_prepare_loads_plugins);
  g_test_add_func ("/call/loopback/fps-both-ways", test_call_fps);
  g_test_add_func ("/call/setup/faststart", test_setup_faststart);
  g_test_add_func ("/call/loopback/chat-round-trip", test_chat_round_trip);
  g_test_add_func ("/call/loopback/nack-both-ways", test_nack_both_ways);
  g_test_add_func ("/call/loopback/peer-gone", test_peer_gone);
  g_test_add_func ("/call/loopback/setup-timeout", test_setup_timeout);
  g_test_add_func ("/call/engine/own-context-timeout", test_own_context_timeout);
  g_test_add_func ("/call/instruments/stamps", test_stamps);
  g_test_add_func ("/call/answer/takes-offer-codecs", test_answer_takes_offer_codecs);
  g_test_add_func ("/call/answer/refuses-without-vp8", test_answer_refuses_without_vp8);
  g_test_add_func ("/call/sdp/repair-on-video-only", test_repair_on_video_only);
  g_test_add_func ("/call/sdp/stream-ids", test_stream_ids);
  g_test_add_func ("/call/answer/without-transport-cc", test_answer_without_transport_cc);
  g_test_add_func ("/call/self-view/camera-off", test_camera_off);
  g_test_add_func ("/call/file-source/loops", test_file_source_loops);
  g_test_add_func ("/call/loopback/hang-up-and-recall-20", test_recall_loop);
  return g_test_run ();
}
