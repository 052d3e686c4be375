/* test-call-ssrc.c: what a description announces is what the video packets carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A peer that reads the sender's a=ssrc lines (Chromium) routes packets of
 * any other SSRC to no track: it decoded a 720p engine's video yet showed
 * nothing (a <video> at readyState 0). Two engines on 127.0.0.1 in a private
 * namespace (netns-run.sh), the sender at 640x480 and at 1280x720, as offerer
 * and as answerer: every video packet the peer's depayloader receives must
 * carry the SSRC on the video m-line of the description the sender made,
 * before and after the sender changes its send size (as fd-call-rate.c does,
 * which makes the payloader negotiate again). A last case changes the size
 * 1500 times in about 4 s: the call must stay up (the capsfilter once refused the
 * size videoscale was negotiating and the source stopped). Every wait is
 * bounded.
 * The packets must also carry the abs-send-time stamp (fd-call-send-time.c)
 * under the id the sender's description names, and no other.
 */
#include "config.h"

#include <gst/gst.h>
#include <gst/rtp/rtp.h>
#include <gst/sdp/sdp.h>

#include "call-test-util.h"
#include "fd-call-engine.h"
#include "fd-call-loopback.h"
#include "fd-call-sdp.h"
#include "fd-call-stats.h"

#define WAIT_S 30
#define PACKETS 200  /* video packets looked at before and after the size change */

typedef struct {
  GMutex      lock;
  GArray     *ssrcs;     /* distinct SSRCs of the video packets received, in order */
  guint       packets;
  guint       stamped;   /* of them, with a 3-byte one-byte extension */
  guint       stamp_ids; /* the ids those were under, a bit each */
  GstElement *depay;     /* the engine's video depayloader, to find its pipeline */
} Received;

typedef struct {
  char *sdp;         /* the sender's local description */
} Sent;

static GstPadProbeReturn
on_rtp (GstPad          *pad,
        GstPadProbeInfo *info,
        gpointer         user_data)
{
  Received *r = user_data;
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  guint32 ssrc;
  gboolean known = FALSE;

  if (!gst_rtp_buffer_map (GST_PAD_PROBE_INFO_BUFFER (info), GST_MAP_READ, &rtp))
    return GST_PAD_PROBE_OK;
  ssrc = gst_rtp_buffer_get_ssrc (&rtp);
  g_mutex_lock (&r->lock);
  for (guint id = 1, seen = 0; id <= 14; id++)
    {
      gpointer data;
      guint size;

      if (gst_rtp_buffer_get_extension_onebyte_header (&rtp, (guint8) id, 0, &data, &size) && size == 3)
        {
          r->stamp_ids |= 1u << id;
          r->stamped += seen++ == 0;
        }
    }
  gst_rtp_buffer_unmap (&rtp);
  for (guint i = 0; i < r->ssrcs->len; i++)
    known = known || g_array_index (r->ssrcs, guint32, i) == ssrc;
  if (!known)
    g_array_append_val (r->ssrcs, ssrc);
  r->packets++;
  g_mutex_unlock (&r->lock);
  return GST_PAD_PROBE_OK;
}

/* The receiver's branch: its depayloader is in @bin; every RTP packet that
 * reaches it is looked at. The decoded frames go to a fakesink. */
static GstElement *
watch_depay (GstBin    *bin,
             gpointer   data,
             GError   **error)
{
  Received *r = data;
  g_autoptr(GstElement) depay = fd_call_test_find (bin, "rtpvp8depay");
  GstElement *sink;

  if (depay != NULL)
    {
      g_autoptr(GstPad) pad = gst_element_get_static_pad (depay, "sink");

      gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_rtp, data, NULL);
      g_mutex_lock (&r->lock);
      gst_object_replace ((GstObject **) &r->depay, GST_OBJECT (depay));
      g_mutex_unlock (&r->lock);
    }
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (bin, sink);
  return sink;
}

static void
on_local_description (FdCallEngine *engine,
                      const char   *type,
                      const char   *sdp,
                      Sent         *sent)
{
  g_free (sent->sdp);
  sent->sdp = g_strdup (sdp);
}

/* The SSRCs (a=ssrc) on the video m-line of @text, deduplicated. */
static GArray *
video_ssrcs (const char *text)
{
  g_autoptr(GstSDPMessage) sdp = NULL;
  GArray *ssrcs = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_assert_cmpint (gst_sdp_message_new_from_text (text, &sdp), ==, GST_SDP_OK);
  for (guint m = 0; m < gst_sdp_message_medias_len (sdp); m++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (sdp, m);

      if (g_strcmp0 (gst_sdp_media_get_media (media), "video") != 0)
        continue;
      for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
        {
          const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, i);
          guint64 ssrc;
          gboolean known = FALSE;

          if (g_strcmp0 (a->key, "ssrc") != 0 || a->value == NULL)
            continue;
          ssrc = g_ascii_strtoull (a->value, NULL, 10);
          for (guint j = 0; j < ssrcs->len; j++)
            known = known || g_array_index (ssrcs, guint32, j) == ssrc;
          if (!known)
            g_array_append_val (ssrcs, (guint32) { ssrc });
        }
    }
  return ssrcs;
}

typedef struct {
  Received *r;
  guint     packets;
} Enough;

static gboolean
enough_packets (gpointer data)
{
  Enough *e = data;
  gboolean enough;

  g_mutex_lock (&e->r->lock);
  enough = e->r->packets >= e->packets;
  g_mutex_unlock (&e->r->lock);
  return enough;
}

/* The first element made by @factory_name in the pipeline @inside is in. */
static GstElement *
find_in_pipeline (GstElement *inside,
                  const char *factory_name)
{
  g_autoptr(GstObject) top = fd_call_test_top (inside);

  return GST_IS_BIN (top) ? fd_call_test_find (GST_BIN (top), factory_name) : NULL;
}

static GstPadProbeReturn
count_caps (GstPad          *pad,
            GstPadProbeInfo *info,
            gpointer         user_data)
{
  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) == GST_EVENT_CAPS)
    g_atomic_int_inc ((gint *) user_data);
  return GST_PAD_PROBE_OK;
}

/* The capsfilter in front of the sender's encoder, where the send size ladder
 * sets the size (fd-call-rate.c); from now on *renegotiated counts the caps
 * the sender's payloader negotiates. */
static GstElement *
find_send_filter (Received *sender_side,
                  gint     *renegotiated)
{
  g_autoptr(GstElement) enc = NULL;
  g_autoptr(GstElement) pay = NULL;
  g_autoptr(GstPad) enc_sink = NULL;
  g_autoptr(GstPad) filter_src = NULL;
  g_autoptr(GstPad) pay_src = NULL;
  g_autoptr(GstElement) filter = NULL;

  g_mutex_lock (&sender_side->lock);
  g_assert_nonnull (sender_side->depay);
  enc = find_in_pipeline (sender_side->depay, "vp8enc");
  pay = find_in_pipeline (sender_side->depay, "rtpvp8pay");
  g_mutex_unlock (&sender_side->lock);
  g_assert_nonnull (enc);
  g_assert_nonnull (pay);
  enc_sink = gst_element_get_static_pad (enc, "sink");
  filter_src = gst_pad_get_peer (enc_sink);
  filter = gst_pad_get_parent_element (filter_src);
  g_assert_cmpstr (GST_OBJECT_NAME (gst_element_get_factory (filter)), ==, "capsfilter");
  /* The encoder at a fixed real-time speed (negative cpu-used) for the size
   * the ladder has set (fd-call-rate.c): 6 from CIF up, 4 below. Both are
   * set from this (the engine's) context, which is not iterated here. */
  {
    g_autoptr(GstCaps) caps = NULL;
    int w = 0, h = 0, speed = 0;

    g_object_get (filter, "caps", &caps, NULL);
    g_assert_true (caps != NULL && gst_caps_get_size (caps) == 1);
    g_assert_true (gst_structure_get_int (gst_caps_get_structure (caps, 0), "width", &w));
    g_assert_true (gst_structure_get_int (gst_caps_get_structure (caps, 0), "height", &h));
    g_object_get (enc, "cpu-used", &speed, NULL);
    g_test_message ("send size %dx%d, encoder speed %d", w, h, speed);
    g_assert_cmpint (speed, ==, w * h < 352 * 288 ? -4 : -6);
  }
  pay_src = gst_element_get_static_pad (pay, "src");
  gst_pad_add_probe (pay_src, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, count_caps, renegotiated, NULL);
  return g_steal_pointer (&filter);
}

/* Sets the sizes of the ladder's rungs on @filter @changes times, 2 ms apart,
 * from this (the main) thread while the encoder's thread negotiates: the
 * ladder does the same once a second, and any of its changes may fall while
 * videoscale is between its caps query and its caps event. */
static void
storm_send_size (GstElement *filter,
                 int         width,
                 int         height,
                 guint       changes)
{
  static const int eighths[] = { 8, 6, 4, 3, 2, 5 };

  for (guint i = 0; i < changes; i++)
    {
      int e = eighths[i % G_N_ELEMENTS (eighths)];
      g_autoptr(GstCaps) caps = gst_caps_new_simple ("video/x-raw",
                                                     "width", G_TYPE_INT, (width * e / 8) & ~1,
                                                     "height", G_TYPE_INT, (height * e / 8) & ~1,
                                                     NULL);

      g_object_set (filter, "caps", caps, NULL);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

typedef struct {
  FdCallEngine *a;
  FdCallEngine *b;
} Pair;

typedef struct {
  gint       *renegotiated;
  GstElement *filter;
  GstCaps    *caps;
  gint64      again_us;
} Renegotiation;

/* Sets the test's send size, 5/8 of the call's: on no rung of the ladder (8,
 * 6, 4, 3 or 2 eighths), so it differs from whatever size the ladder has set.
 * On a loaded machine the ladder may set its own rung's size back before a
 * frame of the test's size has passed; the test's size is then set again,
 * every 500 ms, until the payloader has negotiated. */
static gboolean
renegotiated_once (gpointer data)
{
  Renegotiation *n = data;
  gint64 now = g_get_monotonic_time ();

  if (g_atomic_int_get (n->renegotiated) > 0)
    return TRUE;
  if (now >= n->again_us)
    {
      g_object_set (n->filter, "caps", n->caps, NULL);
      n->again_us = now + 500 * G_TIME_SPAN_MILLISECOND;
    }
  return FALSE;
}

static gboolean
both_gone (gpointer data)
{
  Pair *p = data;

  return g_atomic_pointer_get (&p->a) == NULL && g_atomic_pointer_get (&p->b) == NULL;
}

typedef struct {
  FdCallRole role;   /* of the sender under test */
  int        width;
  int        height;
  guint      storm;  /* size changes in a row after the first (0: none) */
} Case;

static void
test_ssrc (gconstpointer data)
{
  const Case *c = data;
  const FdCallHooks hooks = { .received_branch = watch_depay };
  Received r = { 0 };
  Received sender_side = { 0 };  /* the sender's own receive branch: a way to its pipeline */
  Enough enough = { &r, PACKETS };
  gint renegotiated = 0;
  Sent sent = { 0 };
  Pair p;
  FdCallEngine *sender, *receiver;
  g_autoptr(GArray) announced = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GstElement) filter = NULL;
  Renegotiation renegotiation = { 0 };
  gboolean ok = TRUE;

  g_mutex_init (&r.lock);
  g_mutex_init (&sender_side.lock);
  r.ssrcs = g_array_new (FALSE, FALSE, sizeof (guint32));
  sender_side.ssrcs = g_array_new (FALSE, FALSE, sizeof (guint32));
  sender = fd_call_test_engine (c->role, c->width, c->height, FALSE);
  receiver = fd_call_test_engine (c->role == FD_CALL_ROLE_OFFERER ? FD_CALL_ROLE_ANSWERER : FD_CALL_ROLE_OFFERER,
                                  640, 480, FALSE);
  p.a = c->role == FD_CALL_ROLE_OFFERER ? sender : receiver;
  p.b = c->role == FD_CALL_ROLE_OFFERER ? receiver : sender;
  g_signal_connect (sender, "local-description", G_CALLBACK (on_local_description), &sent);
  fd_call_engine_add_hooks (receiver, &hooks, &r, NULL);
  fd_call_engine_add_hooks (sender, &hooks, &sender_side, NULL);
  fd_call_loopback_connect (p.a, p.b);
  g_assert_true (fd_call_engine_start (p.b, &error));
  g_assert_no_error (error);
  g_assert_true (fd_call_engine_start (p.a, &error));
  g_assert_no_error (error);
  if (!fd_call_test_poll_until (enough_packets, &enough, WAIT_S))
    g_error ("%u video packets in %d s (states %s, %s)", r.packets, WAIT_S,
             fd_call_state_to_string (fd_call_engine_get_state (p.a)),
             fd_call_state_to_string (fd_call_engine_get_state (p.b)));
  /* The sender's own receive branch exists once it receives video too. */
  g_assert_true (fd_call_test_poll_until (enough_packets, &(Enough) { &sender_side, 1 }, WAIT_S));
  filter = find_send_filter (&sender_side, &renegotiated);
  storm_send_size (filter, c->width, c->height, c->storm);
  renegotiation.renegotiated = &renegotiated;
  renegotiation.filter = filter;
  renegotiation.caps = gst_caps_new_simple ("video/x-raw",
                                            "width", G_TYPE_INT, (c->width * 5 / 8) & ~1,
                                            "height", G_TYPE_INT, (c->height * 5 / 8) & ~1, NULL);
  if (!fd_call_test_poll_until (renegotiated_once, &renegotiation, WAIT_S))
    g_error ("the sender's payloader did not negotiate again within %d s of the size change", WAIT_S);
  g_mutex_lock (&r.lock);
  enough.packets = r.packets + PACKETS;
  g_mutex_unlock (&r.lock);
  if (!fd_call_test_poll_until (enough_packets, &enough, WAIT_S))
    g_error ("%u video packets after %u size changes (states %s, %s)", r.packets, c->storm + 1,
             fd_call_state_to_string (fd_call_engine_get_state (p.a)),
             fd_call_state_to_string (fd_call_engine_get_state (p.b)));
  g_assert_cmpint (fd_call_engine_get_state (p.a), ==, FD_CALL_STATE_CONNECTED);
  g_assert_cmpint (fd_call_engine_get_state (p.b), ==, FD_CALL_STATE_CONNECTED);

  g_assert_nonnull (sent.sdp);
  announced = video_ssrcs (sent.sdp);
  g_mutex_lock (&r.lock);
  for (guint i = 0; i < r.ssrcs->len; i++)
    {
      guint32 ssrc = g_array_index (r.ssrcs, guint32, i);
      gboolean listed = FALSE;

      for (guint j = 0; j < announced->len; j++)
        listed = listed || g_array_index (announced, guint32, j) == ssrc;
      g_string_append_printf (got, " %u%s", ssrc, listed ? "" : " (not announced)");
      ok = ok && listed;
    }
  g_mutex_unlock (&r.lock);
  g_test_message ("%dx%d %s: announced %u video ssrc(s)%s%u; %u packets received with ssrc%s "
                  "(payloader renegotiated %d times after the size change)",
                  c->width, c->height, c->role == FD_CALL_ROLE_OFFERER ? "offerer" : "answerer",
                  announced->len, announced->len > 0 ? ", the first " : "",
                  announced->len > 0 ? g_array_index (announced, guint32, 0) : 0, r.packets, got->str,
                  g_atomic_int_get (&renegotiated));
  /* The sender must announce its video SSRC, and send only what it announced. */
  g_assert_cmpuint (announced->len, >, 0);
  g_assert_cmpuint (r.ssrcs->len, >, 0);
  /* Every packet stamped with its send time, under the negotiated id. */
  {
    g_autoptr(GstSDPMessage) message = NULL;
    guint id;

    g_assert_cmpint (gst_sdp_message_new_from_text (sent.sdp, &message), ==, GST_SDP_OK);
    id = _fd_call_sdp_send_time_id (message);
    g_test_message ("abs-send-time id %u; %u of %u packets stamped (ids 0x%x)", id, r.stamped, r.packets,
                    r.stamp_ids);
    /* rtpsession 1.22's race (fd-call-gst-races.c) came most with size changes. */
    g_test_message ("rtpsession's table race survived %u times in this process", fd_call_gst_race_count ());
    g_assert_cmpuint (id, >, 0);
    g_assert_cmphex (r.stamp_ids, ==, 1u << id);
    /* (The packets of the first frame may leave before the answer is in.) */
    g_assert_cmpuint (r.stamped, >=, r.packets * 9 / 10);
  }
  if (!ok)
    {
      g_auto(GStrv) lines = g_strsplit (sent.sdp, "\n", -1);

      g_test_message ("video packets carried an SSRC the sender's description did not announce:%s",
                      got->str);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "m=") || g_str_has_prefix (lines[i], "a=ssrc"))
          g_test_message ("  %s", g_strchomp (lines[i]));
      g_test_fail ();
    }

  /* The pipelines stop on a thread of their own that holds the engines:
   * once both are finalized, no packet reaches this test's probe any more. */
  fd_call_engine_hang_up (p.a);
  fd_call_engine_hang_up (p.b);
  g_object_add_weak_pointer (G_OBJECT (p.a), (gpointer *) &p.a);
  g_object_add_weak_pointer (G_OBJECT (p.b), (gpointer *) &p.b);
  g_object_unref (p.a);
  g_object_unref (p.b);
  g_assert_true (fd_call_test_poll_until (both_gone, &p, WAIT_S));
  g_free (sent.sdp);
  gst_caps_unref (renegotiation.caps);
  g_array_unref (r.ssrcs);
  g_array_unref (sender_side.ssrcs);
  gst_clear_object (&r.depay);
  gst_clear_object (&sender_side.depay);
  g_mutex_clear (&r.lock);
  g_mutex_clear (&sender_side.lock);
}

int
main (int   argc,
      char *argv[])
{
  static const Case cases[] = {
    { FD_CALL_ROLE_OFFERER, 640, 480 },
    { FD_CALL_ROLE_ANSWERER, 640, 480 },
    { FD_CALL_ROLE_OFFERER, 1280, 720 },
    { FD_CALL_ROLE_ANSWERER, 1280, 720 },
    { FD_CALL_ROLE_OFFERER, 640, 480, 1500 },
  };

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  fd_call_engine_prepare ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/call/ssrc/%dx%d-%s%s", cases[i].width, cases[i].height,
                                               cases[i].role == FD_CALL_ROLE_OFFERER ? "offerer"
                                                                                     : "answerer",
                                               cases[i].storm > 0 ? "-size-storm" : "");

      g_test_add_data_func (path, &cases[i], test_ssrc);
    }
  return g_test_run ();
}
