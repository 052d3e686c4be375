/* test-call-keyframe.c: how the receiver asks its peer for a key frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rtpvp8depay asks for a key frame after each frame it could not complete
 * (a GstForceKeyUnit upstream event with all-headers set and count 0). With
 * all-headers, rtpsession 1.22 sends a FIR whose sequence number only changes
 * when the count does: every FIR of a call carried the same number, and
 * Chromium answers a FIR number once (RFC 5104: a repeat is the same request).
 * A call whose key frame of a size change was lost then decoded the new
 * frames on the old size until it ended (browser-call-hd, 2 of 10 runs).
 * The engine sends its requests as PLIs, which carry no number.
 *
 * A real call between two engines on 127.0.0.1 in a private namespace
 * (netns-run.sh): the answerer's depayloader is handed the very event it
 * sends itself, three times; the answerer's statistics (inbound-rtp
 * pli-count: PLIs sent) and the offerer's webrtcbin (outbound-rtp
 * pli-count: PLIs received) count each one. Requests made while one is
 * open are held back (a depayloader alone, no call). Then a request is lost
 * on the way: the receiver asks again by itself until a key frame comes (the
 * sender makes none of its own for 100 s). And under loss, the requests for
 * lost packets (NACKs) flow from a call's first seconds. Every wait is
 * bounded.
 */
#include "config.h"

#include <gst/gst.h>
#include <gst/video/video.h>

#include "call-test-util.h"
#include "fd-call-engine.h"
#include "fd-call-instruments.h"
#include "fd-call-keyframe.h"
#include "fd-call-loopback.h"
#include "fd-call-stats.h"
#include "fd-test-util.h"

#define WAIT_S 30
#define REQUESTS 3

typedef struct {
  GMutex      lock;
  GstElement *depay;      /* its rtpvp8depay, once its receive branch exists */
  GstElement *webrtc;     /* and its webrtcbin */
} Receiver;

/* The hook's branch is made inside the receive-video bin, before that bin
 * joins the pipeline: its depayloader is there; the pipeline (and its
 * webrtcbin) is the one whose receiver this is, found from the depayloader
 * later. The decoded frames go to a fakesink. */
static GstElement *
grab_depay (GstBin    *bin,
            gpointer   data,
            GError   **error)
{
  Receiver *r = data;
  GstElement *depay = fd_call_test_find (bin, "rtpvp8depay"), *sink;

  g_mutex_lock (&r->lock);
  g_clear_object (&r->depay);
  r->depay = depay;
  g_mutex_unlock (&r->lock);
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (bin, sink);
  return sink;
}

/* The webrtcbin of the pipeline @depay is in. */
static GstElement *
webrtc_of (GstElement *depay)
{
  g_autoptr(GstObject) top = fd_call_test_top (depay);

  return GST_IS_BIN (top) ? fd_call_test_find (GST_BIN (top), "webrtcbin") : NULL;
}

typedef struct {
  FdCallEngine *a;
  FdCallEngine *b;
  GstElement   *a_webrtc;
  guint         b_sent;   /* PLIs the answerer must have sent */
  guint         a_got;    /* PLIs the offerer must have received */
} Pair;

static gboolean
both_connected_with_frames (gpointer data)
{
  Pair *p = data;

  return fd_call_engine_get_state (p->a) == FD_CALL_STATE_CONNECTED &&
         fd_call_engine_get_state (p->b) == FD_CALL_STATE_CONNECTED &&
         fd_call_stats_get_frames_received (fd_call_engine_get_stats (p->b)) > 0;
}

/* PLIs received by the engine of @webrtc: its outbound-rtp pli-count. */
static guint
plis_received (GstElement *webrtc)
{
  g_autoptr(GstPromise) promise = gst_promise_new ();
  const GstStructure *reply;
  guint count = 0;

  g_signal_emit_by_name (webrtc, "get-stats", NULL, promise);
  if (gst_promise_wait (promise) != GST_PROMISE_RESULT_REPLIED)
    return 0;
  reply = gst_promise_get_reply (promise);
  for (int i = 0; reply != NULL && i < gst_structure_n_fields (reply); i++)
    {
      const GValue *value = gst_structure_get_value (reply, gst_structure_nth_field_name (reply, i));
      const GstStructure *s;
      guint n = 0;

      if (!GST_VALUE_HOLDS_STRUCTURE (value))
        continue;
      s = gst_value_get_structure (value);
      if (gst_structure_has_name (s, "outbound-rtp") && gst_structure_get_uint (s, "pli-count", &n))
        count += n;
    }
  return count;
}

static gboolean
plis_counted (gpointer data)
{
  Pair *p = data;

  return fd_call_stats_get_pli_count (fd_call_engine_get_stats (p->b)) >= p->b_sent &&
         plis_received (p->a_webrtc) >= p->a_got;
}

static gboolean
engines_gone (gpointer data)
{
  Pair *p = data;

  return fd_call_engine_get_state (p->a) == FD_CALL_STATE_ENDED &&
         fd_call_engine_get_state (p->b) == FD_CALL_STATE_ENDED;
}

typedef struct {
  Pair     p;
  Receiver r;       /* the answerer's depayloader */
  Receiver ra;      /* the offerer's, to find its webrtcbin */
} Call;

/* The offerer's webrtcbin, found from its depayloader once the receive bin
 * holding it has joined the pipeline: the hook runs before it does. */
static gboolean
offerer_webrtc_found (gpointer data)
{
  Call *c = data;

  g_mutex_lock (&c->ra.lock);
  if (c->p.a_webrtc == NULL && c->ra.depay != NULL)
    c->p.a_webrtc = webrtc_of (c->ra.depay);
  g_mutex_unlock (&c->ra.lock);
  return c->p.a_webrtc != NULL;
}

/* Two engines connected, each dropping @loss percent of what it sends, the
 * answerer showing frames; its depayloader and the offerer's webrtcbin
 * found. */
static void
call_start_lossy (Call  *c,
                  double loss)
{
  const FdCallHooks hooks = { .received_branch = grab_depay };
  g_autoptr(GError) error = NULL;

  g_mutex_init (&c->r.lock);
  g_mutex_init (&c->ra.lock);
  c->p.a = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, TRUE);
  c->p.b = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, TRUE);
  fd_call_engine_add_hooks (c->p.b, &hooks, &c->r, NULL);
  fd_call_engine_add_hooks (c->p.a, &hooks, &c->ra, NULL);
  if (loss > 0)
    {
      fd_call_instruments_add_loss (c->p.a, loss);
      fd_call_instruments_add_loss (c->p.b, loss);
    }
  fd_call_loopback_connect (c->p.a, c->p.b);
  g_assert_true (fd_call_engine_start (c->p.b, &error));
  g_assert_no_error (error);
  g_assert_true (fd_call_engine_start (c->p.a, &error));
  g_assert_no_error (error);
  g_assert_true (fd_test_wait_until (both_connected_with_frames, &c->p, WAIT_S * 1000));
  g_assert_true (fd_test_wait_until (offerer_webrtc_found, c, WAIT_S * 1000));
  g_assert_nonnull (c->r.depay);
}

static void
call_start (Call *c)
{
  call_start_lossy (c, 0);
}

static void
call_stop (Call *c)
{
  fd_call_engine_hang_up (c->p.a);
  fd_call_engine_hang_up (c->p.b);
  g_assert_true (fd_test_wait_until (engines_gone, &c->p, WAIT_S * 1000));
  g_clear_object (&c->p.a_webrtc);
  g_clear_object (&c->ra.depay);
  g_clear_object (&c->r.depay);
  g_clear_object (&c->p.a);
  g_clear_object (&c->p.b);
  g_mutex_clear (&c->r.lock);
  g_mutex_clear (&c->ra.lock);
}

/* A request exactly as rtpvp8depay makes it after a frame it lost. */
static void
request_as_depay (GstElement *depay)
{
  g_autoptr(GstPad) src = gst_element_get_static_pad (depay, "src");

  g_assert_true (gst_pad_send_event (src, gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE,
                                                                                       TRUE, 0)));
}

typedef struct {
  gint dropped;       /* requests the "network" lost */
  gint key_frames;    /* key frames out of the depayloader */
} Lossy;

/* After the engine's own probe (added first): the first request is lost on
 * the way, as a PLI lost on the network or one the sender dropped. */
static GstPadProbeReturn
lose_first_request (GstPad          *pad,
                    GstPadProbeInfo *info,
                    gpointer         user_data)
{
  Lossy *l = user_data;

  if (gst_video_event_is_force_key_unit (GST_PAD_PROBE_INFO_EVENT (info)) &&
      g_atomic_int_compare_and_exchange (&l->dropped, 0, 1))
    return GST_PAD_PROBE_DROP;
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
count_key_frames (GstPad          *pad,
                  GstPadProbeInfo *info,
                  gpointer         user_data)
{
  Lossy *l = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  if (buffer != NULL && !GST_BUFFER_FLAG_IS_SET (buffer, GST_BUFFER_FLAG_DELTA_UNIT))
    g_atomic_int_inc (&l->key_frames);
  return GST_PAD_PROBE_OK;
}

typedef struct {
  Lossy *l;
  gint   k0;
} KeyAfter;

static gboolean
key_frame_after (gpointer data)
{
  KeyAfter *w = data;

  return g_atomic_int_get (&w->l->key_frames) > w->k0;
}

static void
test_requests_are_plis (void)
{
  Call c = { 0 };
  Lossy l = { 0 };
  KeyAfter w = { &l, 0 };
  g_autoptr(GstPad) src = NULL;
  guint b0, a0;
  gulong count;

  call_start (&c);
  src = gst_element_get_static_pad (c.r.depay, "src");
  count = gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, count_key_frames, &l, NULL);
  b0 = fd_call_stats_get_pli_count (fd_call_engine_get_stats (c.p.b));
  a0 = plis_received (c.p.a_webrtc);

  /* Each request made after the last one was answered (its key frame came
   * out of the depayloader) must leave as a PLI and reach the sender. */
  for (guint i = 1; i <= REQUESTS; i++)
    {
      w.k0 = g_atomic_int_get (&l.key_frames);
      request_as_depay (c.r.depay);
      c.p.b_sent = b0 + i;
      c.p.a_got = a0 + i;
      if (!fd_test_wait_until (plis_counted, &c.p, 10 * 1000))
        g_error ("request %u: the answerer counts %u PLIs sent (%u before), the offerer %u received (%u before)",
                 i, fd_call_stats_get_pli_count (fd_call_engine_get_stats (c.p.b)), b0,
                 plis_received (c.p.a_webrtc), a0);
      if (!fd_test_wait_until (key_frame_after, &w, 10 * 1000))
        g_error ("request %u: no key frame came out 10 s after its PLI", i);
    }
  g_test_message ("%u requests: PLIs sent %u, then %u; received %u, then %u", REQUESTS, b0,
                  fd_call_stats_get_pli_count (fd_call_engine_get_stats (c.p.b)), a0,
                  plis_received (c.p.a_webrtc));
  gst_pad_remove_probe (src, count);
  call_stop (&c);
}

/* The depayloader asks after every frame it cannot complete: in a lost
 * burst, every frame. While a request is open those requests must not each
 * go upstream to become a PLI (each PLI made the sender encode a key frame
 * three frames large; under a cap there were 13 in one second): the open
 * request is made again every 200 ms until a key frame comes
 * (fd-call-keyframe.c), and that is all. The watch on a depayloader alone:
 * requests made one frame apart for a second, as the depayloader makes
 * them, and no key frame; what reaches its upstream peer is counted. */
#define BURST 30
#define RETRY_MS 200

static gboolean
count_upstream_requests (GstPad    *pad,
                         GstObject *parent,
                         GstEvent  *event)
{
  if (gst_video_event_is_force_key_unit (event))
    g_atomic_int_inc ((gint *) g_object_get_data (G_OBJECT (pad), "requests"));
  gst_event_unref (event);
  return TRUE;
}

static void
test_held_back (void)
{
  g_autoptr(GstElement) depay = gst_element_factory_make ("rtpvp8depay", NULL);
  g_autoptr(GstPad) peer = gst_pad_new ("peer", GST_PAD_SRC);
  g_autoptr(GstPad) sink = NULL;
  gint requests = 0;
  guint allowed;
  gint64 t0, took_us;

  g_assert_nonnull (depay);
  sink = gst_element_get_static_pad (depay, "sink");
  g_object_set (depay, "request-keyframe", TRUE, "wait-for-keyframe", FALSE, NULL);
  _fd_call_keyframe_watch (depay);
  g_object_set_data (G_OBJECT (peer), "requests", &requests);
  gst_pad_set_event_function (peer, count_upstream_requests);
  g_assert_cmpint (gst_pad_link (peer, sink), ==, GST_PAD_LINK_OK);
  gst_pad_set_active (peer, TRUE);
  g_assert_cmpint (gst_element_set_state (depay, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < BURST; i++)
    {
      request_as_depay (depay);
      g_usleep (33 * G_TIME_SPAN_MILLISECOND);
    }
  took_us = g_get_monotonic_time () - t0;
  /* The first request, and one more each retry interval since. */
  allowed = 1 + (guint) (took_us / (RETRY_MS * G_TIME_SPAN_MILLISECOND));
  g_test_message ("%u requests over %.0f ms, no key frame: %d went upstream (%u allowed)",
                  BURST, took_us / 1000.0, g_atomic_int_get (&requests), allowed);
  g_assert_cmpint (g_atomic_int_get (&requests), >=, 1);
  g_assert_cmpint (g_atomic_int_get (&requests), <=, (gint) allowed);
  gst_element_set_state (depay, GST_STATE_NULL);
  gst_pad_set_active (peer, FALSE);
}

typedef struct {
  Pair  *p;
  Lossy *l;
  guint  a0;
  gint   k0;
} Answered;

static gboolean
key_frame_came (gpointer data)
{
  Answered *w = data;

  return plis_received (w->p->a_webrtc) > w->a0 && g_atomic_int_get (&w->l->key_frames) > w->k0;
}

static gboolean
request_lost (gpointer data)
{
  Lossy *l = data;

  return g_atomic_int_get (&l->dropped) == 1;
}

static void
test_asks_again (void)
{
  Call c = { 0 };
  Lossy l = { 0 };
  Answered w = { &c.p, &l, 0, 0 };
  g_autoptr(GstPad) sink = NULL;
  g_autoptr(GstPad) src = NULL;
  gulong lose, count;

  call_start (&c);
  sink = gst_element_get_static_pad (c.r.depay, "sink");
  src = gst_element_get_static_pad (c.r.depay, "src");
  count = gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, count_key_frames, &l, NULL);
  lose = gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM, lose_first_request, &l, NULL);

  /* The first request to leave the depayloader is lost: this one, or, when
   * a request of its own is open (a slow sanitizer build loses packets on
   * loopback) and this one is held back, the next that goes (asked until
   * one does). The sender's next key frame would come only after
   * keyframe-max-dist (100 s): the receiver must ask again by itself. */
  for (guint tries = 0; !request_lost (&l); tries++)
    {
      if (tries == 30)
        g_error ("none of 30 requests left the depayloader");
      request_as_depay (c.r.depay);
      fd_test_wait_until (request_lost, &l, 2 * RETRY_MS);
    }
  w.a0 = plis_received (c.p.a_webrtc);
  w.k0 = g_atomic_int_get (&l.key_frames);
  if (!fd_test_wait_until (key_frame_came, &w, 10 * 1000))
    g_error ("no key frame 10 s after a lost request: the offerer received %u PLIs (%u before), "
             "%d key frames came out (%d before)", plis_received (c.p.a_webrtc), w.a0,
             g_atomic_int_get (&l.key_frames), w.k0);
  g_test_message ("after a lost request: a PLI reached the sender and a key frame came");
  gst_pad_remove_probe (sink, lose);
  gst_pad_remove_probe (src, count);
  call_stop (&c);
}

typedef struct {
  FdCallEngine *engine;
  guint         nacks;  /* NACKs it must have sent */
} Feedback;

static gboolean
nacks_sent (gpointer data)
{
  Feedback *f = data;

  return fd_call_stats_get_nack_count (fd_call_engine_get_stats (f->engine)) >= f->nacks;
}

static gboolean
bandwidth_measured (gpointer data)
{
  double bandwidth = -1;

  g_object_get (data, "bandwidth", &bandwidth, NULL);
  return bandwidth == 0.0;
}

/* A NACK leaves in the next RTCP packet rtpsession may send: one early
 * packet per interval T_rr, computed again only at a regular packet (2.5-7.5 s
 * apart under AVPF). From the 64 kbit/s rtpsession assumes before it has
 * measured the session, the first T_rr was about 1 s: at 10 % loss the
 * answerer sent 5-11 NACKs in a call's first 4 s (four runs here), and a
 * 720p picture stayed broken for seconds. The engine has it assume
 * 2 Mbit/s until the call's first 3 s are over (50-60 NACKs in 4 s), then
 * measure (bandwidth 0). */
static void
test_feedback_from_the_start (void)
{
  Call c = { 0 };
  g_autoptr(GstElement) webrtc = NULL;
  g_autoptr(GstElement) rtpbin = NULL;
  g_autoptr(GObject) session = NULL;
  Feedback f;

  call_start_lossy (&c, 10);
  f = (Feedback) { c.p.b, 25 };
  if (!fd_call_test_poll_until (nacks_sent, &f, 4))
    g_error ("the answerer sent %u NACKs in the 4 s after its first frame, at 10 %% loss",
             fd_call_stats_get_nack_count (fd_call_engine_get_stats (c.p.b)));
  g_test_message ("NACKs sent by the answerer: %u", fd_call_stats_get_nack_count (fd_call_engine_get_stats (c.p.b)));
  g_mutex_lock (&c.r.lock);
  webrtc = webrtc_of (c.r.depay);
  g_mutex_unlock (&c.r.lock);
  g_assert_nonnull (webrtc);
  rtpbin = gst_bin_get_by_name (GST_BIN (webrtc), "rtpbin");
  g_assert_nonnull (rtpbin);
  g_signal_emit_by_name (rtpbin, "get-internal-session", 0u, &session);
  g_assert_nonnull (session);
  g_assert_true (fd_call_test_poll_until (bandwidth_measured, session, 5));
  g_test_message ("rtpsession's table race survived %u times in this process", fd_call_gst_race_count ());
  call_stop (&c);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  fd_call_engine_prepare ();
  g_test_add_func ("/call/keyframe/requests-are-plis", test_requests_are_plis);
  g_test_add_func ("/call/keyframe/held-back", test_held_back);
  g_test_add_func ("/call/keyframe/asks-again", test_asks_again);
  g_test_add_func ("/call/keyframe/feedback-from-the-start", test_feedback_from_the_start);
  return g_test_run ();
}
