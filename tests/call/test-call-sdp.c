/* test-call-sdp.c: what the engine reads from and changes in session descriptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions (fd-call-sdp.c): no pipeline, no network. The offer below
 * is the shape Chromium 156 sends (trimmed to what matters here).
 */
#include "config.h"

#include <string.h>

#include "fd-call-engine.h"
#include "fd-call-sdp.h"
#include "fd-call-send-time.h"

#define TWCC "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"

static const char browser_offer[] =
  "v=0\r\n"
  "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
  "s=-\r\n"
  "t=0 0\r\n"
  "a=group:BUNDLE 0 1 2\r\n"
  "m=audio 9 UDP/TLS/RTP/SAVPF 111 63\r\n"
  "c=IN IP4 0.0.0.0\r\n"
  "a=mid:0\r\n"
  "a=extmap:3 " TWCC "\r\n"
  "a=sendrecv\r\n"
  "a=rtpmap:111 opus/48000/2\r\n"
  "a=rtcp-fb:111 transport-cc\r\n"
  "a=rtpmap:63 red/48000/2\r\n"
  "m=video 9 UDP/TLS/RTP/SAVPF 102 96 97\r\n"
  "c=IN IP4 0.0.0.0\r\n"
  "a=mid:1\r\n"
  "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n"
  "a=extmap:3 " TWCC "\r\n"
  "a=sendrecv\r\n"
  "a=rtpmap:102 H264/90000\r\n"
  "a=rtpmap:96 VP8/90000\r\n"
  "a=rtcp-fb:96 goog-remb\r\n"
  "a=rtcp-fb:96 transport-cc\r\n"
  "a=rtcp-fb:96 nack\r\n"
  "a=rtcp-fb:96 nack pli\r\n"
  "a=rtpmap:97 rtx/90000\r\n"
  "a=fmtp:97 apt=96\r\n"
  "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
  "c=IN IP4 0.0.0.0\r\n"
  "a=mid:2\r\n"
  "a=sctp-port:5000\r\n";

static void
test_parse_refuses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (browser_offer);
  g_autoptr(GString) many = g_string_new ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
  GstSDPMessage *sdp;

  sdp = _fd_call_sdp_parse ("", &error);
  g_assert_null (sdp);
  g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP);
  g_clear_error (&error);

  /* SDP with no m-line: nothing to call with. */
  sdp = _fd_call_sdp_parse ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", &error);
  g_assert_null (sdp);
  g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP);
  g_clear_error (&error);

  /* Larger than the bound: refused before GStreamer parses it. */
  while (big->len <= FD_CALL_SDP_MAX_BYTES)
    g_string_append (big, "a=x-padding:0123456789012345678901234567890123456789\r\n");
  sdp = _fd_call_sdp_parse (big->str, &error);
  g_assert_null (sdp);
  g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP);
  g_assert_nonnull (strstr (error->message, "larger"));
  g_clear_error (&error);

  for (int i = 0; i <= FD_CALL_SDP_MAX_MEDIA; i++)
    g_string_append (many, "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n");
  sdp = _fd_call_sdp_parse (many->str, &error);
  g_assert_null (sdp);
  g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_SDP);
  g_assert_nonnull (strstr (error->message, "media lines"));
}

static void
test_codecs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstSDPMessage) sdp = _fd_call_sdp_parse (browser_offer, &error);
  FdCallCodecs codecs;

  g_assert_no_error (error);
  _fd_call_sdp_codecs (sdp, &codecs);
  /* VP8 on 96 although H264 comes first; Opus on 111. */
  g_assert_cmpint (codecs.vp8_pt, ==, 96);
  g_assert_cmpint (codecs.opus_pt, ==, 111);
}

static void
test_codecs_bad_payload_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstSDPMessage) sdp =
    _fd_call_sdp_parse ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                        "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
                        "a=rtpmap:x96 VP8/90000\r\n"       /* not a number */
                        "a=rtpmap:300 VP8/90000\r\n"       /* out of range */
                        "a=rtpmap:8 VP8/90000\r\n"         /* a static type */
                        "a=rtpmap:98 VP80/90000\r\n"       /* another name */
                        "a=rtpmap:99 VP8\r\n"              /* no clock rate */
                        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                        "a=rtpmap:111 OPUS/48000/2\r\n", &error);
  FdCallCodecs codecs;

  g_assert_no_error (error);
  _fd_call_sdp_codecs (sdp, &codecs);
  g_assert_cmpint (codecs.vp8_pt, ==, -1);
  g_assert_cmpint (codecs.opus_pt, ==, 111);
}

static guint
count_twcc (const GstSDPMessage *sdp)
{
  guint n = 0;

  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);

      for (guint j = 0; j < gst_sdp_media_attributes_len (media); j++)
        {
          const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, j);

          if (a->value != NULL && (strstr (a->value, TWCC) != NULL ||
                                   g_str_has_suffix (a->value, " transport-cc")))
            n++;
        }
    }
  return n;
}

static void
test_drop_transport_cc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstSDPMessage) sdp = _fd_call_sdp_parse (browser_offer, &error);
  guint attrs_before = gst_sdp_media_attributes_len (gst_sdp_message_get_media (sdp, 1));

  g_assert_cmpuint (count_twcc (sdp), ==, 4);
  g_assert_cmpuint (_fd_call_sdp_drop_transport_cc (sdp), ==, 4);
  g_assert_cmpuint (count_twcc (sdp), ==, 0);
  /* Only those: NACK, PLI and REMB stay. */
  g_assert_cmpuint (gst_sdp_media_attributes_len (gst_sdp_message_get_media (sdp, 1)), ==,
                    attrs_before - 2);
  g_assert_cmpuint (_fd_call_sdp_drop_transport_cc (sdp), ==, 0);
}

/* A description of @video_attrs on one video m-line (after an audio one). */
static GstSDPMessage *
video_with (const char *video_attrs)
{
  g_autofree char *text = g_strdup_printf ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                                           "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                                           "a=extmap:2 " FD_CALL_SEND_TIME_URI "\r\n"
                                           "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n%s", video_attrs);
  g_autoptr(GError) error = NULL;
  GstSDPMessage *sdp = _fd_call_sdp_parse (text, &error);

  g_assert_no_error (error);
  return sdp;
}

static void
test_send_time_id (void)
{
  static const struct {
    const char *attrs;
    guint       id;
  } cases[] = {
    { "a=extmap:3 " FD_CALL_SEND_TIME_URI "\r\n", 3 },
    { "a=extmap:14/sendrecv " FD_CALL_SEND_TIME_URI "\r\n", 14 },
    { "a=extmap:1 " TWCC "\r\na=extmap:7 " FD_CALL_SEND_TIME_URI " x\r\n", 7 },
    /* Only the video m-line's counts (the audio one names id 2). */
    { "", 0 },
    /* Hostile or foreign: out of the one-byte range, not a number, a longer
     * URI, a missing URI, a huge number. */
    { "a=extmap:15 " FD_CALL_SEND_TIME_URI "\r\n", 0 },
    { "a=extmap:0 " FD_CALL_SEND_TIME_URI "\r\n", 0 },
    { "a=extmap:-3 " FD_CALL_SEND_TIME_URI "\r\n", 0 },
    { "a=extmap:x " FD_CALL_SEND_TIME_URI "\r\n", 0 },
    { "a=extmap:3 " FD_CALL_SEND_TIME_URI "-2\r\n", 0 },
    { "a=extmap:3\r\n", 0 },
    { "a=extmap:3/\r\n", 0 },
    { "a=extmap:\r\n", 0 },
    { "a=extmap:4294967299 " FD_CALL_SEND_TIME_URI "\r\n", 0 },
    { "a=extmap:0003 " FD_CALL_SEND_TIME_URI "\r\n", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GstSDPMessage) sdp = video_with (cases[i].attrs);

      g_test_message ("%s", cases[i].attrs);
      g_assert_cmpuint (_fd_call_sdp_send_time_id (sdp), ==, cases[i].id);
    }
}

static void
test_answer_send_time (void)
{
  g_autoptr(GstSDPMessage) plain = video_with ("a=sendrecv\r\n");
  g_autoptr(GstSDPMessage) clash = video_with ("a=extmap:5 urn:x\r\n");
  FdCallCodecs codecs;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstSDPMessage) offer = _fd_call_sdp_take_offer (browser_offer, &codecs, &error);

  /* The id a browser's offer names is taken up in the answer as it is. */
  g_assert_no_error (error);
  g_assert_cmpuint (codecs.send_time_id, ==, 2);
  g_assert_cmpuint (_fd_call_sdp_add_send_time (plain, codecs.send_time_id), ==, 2);
  g_assert_cmpuint (_fd_call_sdp_send_time_id (plain), ==, 2);
  /* An answer already using that id for something else goes without. */
  g_assert_cmpuint (_fd_call_sdp_add_send_time (clash, 5), ==, 0);
  g_assert_cmpuint (_fd_call_sdp_send_time_id (clash), ==, 0);
}

static void
test_offer_send_time (void)
{
  g_autoptr(GstSDPMessage) plain = video_with ("a=sendrecv\r\n");
  g_autoptr(GstSDPMessage) taken = video_with ("a=extmap:1 " TWCC "\r\na=extmap:2/recvonly urn:x\r\n");
  g_autoptr(GstSDPMessage) has = video_with ("a=extmap:9 " FD_CALL_SEND_TIME_URI "\r\n");
  g_autoptr(GString) full = g_string_new (NULL);
  g_autoptr(GstSDPMessage) none_free = NULL;
  guint before;

  /* Added once, under the lowest free id, to the video m-line only. */
  g_assert_cmpuint (_fd_call_sdp_add_send_time (plain, 0), ==, 1);
  g_assert_cmpuint (_fd_call_sdp_send_time_id (plain), ==, 1);
  before = gst_sdp_media_attributes_len (gst_sdp_message_get_media (plain, 1));
  g_assert_cmpuint (_fd_call_sdp_add_send_time (plain, 0), ==, 1);
  g_assert_cmpuint (gst_sdp_media_attributes_len (gst_sdp_message_get_media (plain, 1)), ==, before);
  g_assert_cmpuint (gst_sdp_media_attributes_len (gst_sdp_message_get_media (plain, 0)), ==, 1);
  g_assert_cmpuint (_fd_call_sdp_add_send_time (taken, 0), ==, 3);
  g_assert_cmpuint (_fd_call_sdp_add_send_time (has, 0), ==, 9);
  /* Every id taken: none added. */
  for (guint id = 1; id <= 14; id++)
    g_string_append_printf (full, "a=extmap:%u urn:x:%u\r\n", id, id);
  none_free = video_with (full->str);
  g_assert_cmpuint (_fd_call_sdp_add_send_time (none_free, 0), ==, 0);
  g_assert_cmpuint (_fd_call_sdp_send_time_id (none_free), ==, 0);
}

static void
test_directions (void)
{
  static const struct {
    const char *media;
    gboolean    ok;
  } cases[] = {
    { "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv\r\n", TRUE },
    { "m=video 0 UDP/TLS/RTP/SAVPF 96\r\na=bundle-only\r\n", TRUE },
    { "m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n", TRUE },
    { "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=recvonly\r\n", FALSE },
    { "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendonly\r\n", FALSE },
    { "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=inactive\r\n", FALSE },
    { "m=audio 0 UDP/TLS/RTP/SAVPF 111\r\n", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n",
                                           cases[i].media, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GstSDPMessage) sdp = _fd_call_sdp_parse (text, &error);
      g_autofree char *problem = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (_fd_call_sdp_check_directions (sdp, &problem), ==, cases[i].ok);
      g_assert_true ((problem == NULL) == cases[i].ok);
    }
}

static void
test_munge_offer (void)
{
  g_autoptr(GError) error = NULL;
  FdCallCodecs codecs;
  g_autofree char *out = _fd_call_sdp_munge_offer (browser_offer, &codecs, &error);
  g_autofree char *no_vp8 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_null (strstr (out, "transport-cc"));
  g_assert_null (strstr (out, TWCC));
  g_assert_nonnull (strstr (out, "a=rtpmap:96 VP8/90000"));
  g_assert_nonnull (strstr (out, "a=rtcp-fb:96 nack pli"));
  g_assert_cmpint (codecs.vp8_pt, ==, 96);

  /* An offer of H264 only: refused as a negotiation failure. */
  no_vp8 = _fd_call_sdp_munge_offer ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                                     "m=video 9 UDP/TLS/RTP/SAVPF 102\r\n"
                                     "a=rtpmap:102 H264/90000\r\n", &codecs, &error);
  g_assert_null (no_vp8);
  g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_NEGOTIATION);
  g_assert_cmpint (codecs.vp8_pt, ==, -1);
}

/* Bounded garbage: cut the offer at every length and flip bytes; nothing
 * may crash or leak (the memcheck suite runs this under valgrind). */
static void
test_munge_truncated (void)
{
  gsize len = strlen (browser_offer);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);

  for (gsize cut = 0; cut <= len; cut += 7)
    {
      g_autofree char *text = g_strndup (browser_offer, cut);
      g_autoptr(GError) error = NULL;
      FdCallCodecs codecs;
      g_autofree char *out = _fd_call_sdp_munge_offer (text, &codecs, &error);

      g_assert_true ((out == NULL) == (error != NULL));
    }
  for (guint round = 0; round < 200; round++)
    {
      g_autofree char *text = g_strdup (browser_offer);
      g_autoptr(GError) error = NULL;
      FdCallCodecs codecs;
      g_autofree char *out = NULL;

      for (guint k = 0; k < 4; k++)
        text[g_rand_int_range (rand, 0, (gint32) len)] = (char) g_rand_int_range (rand, 1, 256);
      out = _fd_call_sdp_munge_offer (text, &codecs, &error);
      g_assert_true ((out == NULL) == (error != NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/call/sdp/parse-refuses", test_parse_refuses);
  g_test_add_func ("/call/sdp/codecs", test_codecs);
  g_test_add_func ("/call/sdp/codecs-bad-payload-types", test_codecs_bad_payload_types);
  g_test_add_func ("/call/sdp/drop-transport-cc", test_drop_transport_cc);
  g_test_add_func ("/call/sdp/directions", test_directions);
  g_test_add_func ("/call/sdp/send-time-id", test_send_time_id);
  g_test_add_func ("/call/sdp/offer-send-time", test_offer_send_time);
  g_test_add_func ("/call/sdp/answer-send-time", test_answer_send_time);
  g_test_add_func ("/call/sdp/munge-offer", test_munge_offer);
  g_test_add_func ("/call/sdp/munge-truncated", test_munge_truncated);
  return g_test_run ();
}
