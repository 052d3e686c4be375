/* test-rtt.c: the real-time text wire format, its receiver and its pacing (src/core/call/fd-rtt.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fd-rtt.h"

static void
feed_text (FdRttReceiver *rx,
           const char    *json,
           gboolean       expect_change)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (fd_rtt_receiver_feed (rx, json, strlen (json), &error), ==, expect_change);
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autoptr(GBytes) msg = fd_rtt_encode (7, "你好 \"hi\"\n");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint64 seq = 0;
  gsize size;
  const char *data = g_bytes_get_data (msg, &size);

  g_assert_true (fd_rtt_decode (data, size, &seq, &text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seq, ==, 7);
  g_assert_cmpstr (text, ==, "你好 \"hi\"\n");
  g_assert_nonnull (g_strstr_len (data, size, "\"type\":\"rtt\""));
}

static void
test_receiver_order (void)
{
  FdRttReceiver rx;

  fd_rtt_receiver_init (&rx);
  g_assert_cmpstr (rx.draft, ==, "");
  feed_text (&rx, "{\"type\":\"rtt\",\"seq\":1,\"text\":\"h\"}", TRUE);
  feed_text (&rx, "{\"type\":\"rtt\",\"seq\":3,\"text\":\"hel\"}", TRUE);
  /* Stale and repeated: ignored. */
  feed_text (&rx, "{\"type\":\"rtt\",\"seq\":2,\"text\":\"he\"}", FALSE);
  feed_text (&rx, "{\"type\":\"rtt\",\"seq\":3,\"text\":\"other\"}", FALSE);
  g_assert_cmpstr (rx.draft, ==, "hel");
  /* Editing in the middle: the whole draft replaces the old one. */
  feed_text (&rx, "{\"type\":\"rtt\",\"seq\":4,\"text\":\"Hello\"}", TRUE);
  g_assert_cmpstr (rx.draft, ==, "Hello");
  /* The finished message clears it; seq goes on. */
  g_assert_true (fd_rtt_receiver_finish (&rx));
  g_assert_false (fd_rtt_receiver_finish (&rx));
  g_assert_cmpstr (rx.draft, ==, "");
  feed_text (&rx, "{\"type\":\"rtt\",\"seq\":4,\"text\":\"late\"}", FALSE);
  feed_text (&rx, "{\"type\":\"rtt\",\"seq\":5,\"text\":\"next\"}", TRUE);
  feed_text (&rx, "{\"type\":\"rtt\",\"seq\":6,\"text\":\"\"}", TRUE);
  g_assert_cmpstr (rx.draft, ==, "");
  fd_rtt_receiver_clear (&rx);
}

static void
test_hostile (void)
{
  FdRttReceiver rx;
  static const char * const bad[] = {
    "", "null", "[]", "\"rtt\"", "{}", "{\"type\":\"chat\",\"seq\":1,\"text\":\"x\"}",
    "{\"type\":\"rtt\",\"seq\":\"1\",\"text\":\"x\"}", "{\"type\":\"rtt\",\"seq\":0,\"text\":\"x\"}",
    "{\"type\":\"rtt\",\"seq\":-5,\"text\":\"x\"}", "{\"type\":\"rtt\",\"seq\":1.5,\"text\":\"x\"}",
    "{\"type\":\"rtt\",\"seq\":1,\"text\":7}", "{\"type\":\"rtt\",\"seq\":1}",
    "{\"type\":\"rtt\",\"seq\":1,\"text\":null}", "{\"type\":\"rtt\",\"seq\":1,\"text\":\"x\"",
    "{\"type\":\"rtt\",\"seq\":1,\"text\":\"\xff\"}",
  };

  fd_rtt_receiver_init (&rx);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad message %u", i);
      g_assert_false (fd_rtt_receiver_feed (&rx, bad[i], strlen (bad[i]), &error));
      g_assert_error (error, FD_RTT_ERROR, FD_RTT_ERROR_INVALID);
    }
  /* Over the size limit: refused before parsing. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *huge = g_strnfill (FD_RTT_MAX_BYTES + 1, ' ');

    g_assert_false (fd_rtt_receiver_feed (&rx, huge, strlen (huge), &error));
    g_assert_error (error, FD_RTT_ERROR, FD_RTT_ERROR_TOO_LONG);
  }
  /* Over the character limit (fits in the bytes). */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = g_strnfill (FD_RTT_MAX_CHARS + 1, 'a');
    g_autofree char *json = g_strdup_printf ("{\"type\":\"rtt\",\"seq\":9,\"text\":\"%s\"}", text);

    g_assert_false (fd_rtt_receiver_feed (&rx, json, strlen (json), &error));
    g_assert_error (error, FD_RTT_ERROR, FD_RTT_ERROR_TOO_LONG);
  }
  /* Deep nesting inside the limit: an error, not a crash. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *open = g_strnfill (4000, '[');

    g_assert_false (fd_rtt_receiver_feed (&rx, open, strlen (open), &error));
    g_assert_nonnull (error);
  }
  g_assert_cmpuint (rx.last_seq, ==, 0);
  g_assert_cmpstr (rx.draft, ==, "");
  fd_rtt_receiver_clear (&rx);
}

static void
test_encode_bounds (void)
{
  g_autofree char *long_text = g_strnfill (FD_RTT_MAX_CHARS + 500, 'x');
  g_autoptr(GString) chinese = g_string_new (NULL);
  g_autofree char *text = NULL;
  guint64 seq;
  gsize size;

  for (guint i = 0; i < FD_RTT_MAX_CHARS + 10; i++)
    g_string_append (chinese, "字");
  {
    g_autoptr(GBytes) msg = fd_rtt_encode (1, long_text);
    const char *data = g_bytes_get_data (msg, &size);

    g_assert_true (fd_rtt_decode (data, size, &seq, &text, NULL));
    g_assert_cmpuint (strlen (text), ==, FD_RTT_MAX_CHARS);
    g_clear_pointer (&text, g_free);
  }
  {
    g_autoptr(GBytes) msg = fd_rtt_encode (2, chinese->str);
    const char *data = g_bytes_get_data (msg, &size);

    g_assert_cmpuint (size, <=, FD_RTT_MAX_BYTES);
    g_assert_true (fd_rtt_decode (data, size, &seq, &text, NULL));
    g_assert_cmpuint (g_utf8_strlen (text, -1), ==, FD_RTT_MAX_CHARS);
    g_clear_pointer (&text, g_free);
  }
  {
    g_autoptr(GBytes) msg = fd_rtt_encode (3, "ok\xff\xfe tail");
    const char *data = g_bytes_get_data (msg, &size);

    g_assert_true (fd_rtt_decode (data, size, &seq, &text, NULL));
    g_assert_cmpstr (text, ==, "ok");
  }
}

static void
test_throttle (void)
{
  FdRttThrottle t;
  gint64 now = 1000000;
  g_autofree char *text = NULL;
  guint64 seq;

  fd_rtt_throttle_init (&t);
  /* Nothing typed: nothing to send. */
  g_assert_cmpint (fd_rtt_throttle_due (&t, "", now), ==, -1);
  /* The first keystroke goes at once. */
  g_assert_cmpint (fd_rtt_throttle_due (&t, "a", now), ==, 0);
  g_bytes_unref (fd_rtt_throttle_take (&t, "a", now));
  g_assert_cmpint (fd_rtt_throttle_due (&t, "a", now), ==, -1);
  /* The next within the interval waits for the rest of it. */
  g_assert_cmpint (fd_rtt_throttle_due (&t, "ab", now + 30000), ==, 70000);
  g_assert_cmpint (fd_rtt_throttle_due (&t, "abc", now + 99999), ==, 1);
  g_assert_cmpint (fd_rtt_throttle_due (&t, "abc", now + 100000), ==, 0);
  {
    g_autoptr(GBytes) msg = fd_rtt_throttle_take (&t, "abc", now + 100000);
    gsize size;
    const char *data = g_bytes_get_data (msg, &size);

    g_assert_true (fd_rtt_decode (data, size, &seq, &text, NULL));
    g_assert_cmpuint (seq, ==, 2);
    g_assert_cmpstr (text, ==, "abc");
  }
  /* After the finished message the peer has an empty draft: clearing sends nothing. */
  fd_rtt_throttle_sent_final (&t);
  g_assert_cmpint (fd_rtt_throttle_due (&t, "", now + 500000), ==, -1);
  g_assert_cmpint (fd_rtt_throttle_due (&t, "n", now + 500000), ==, 0);
  fd_rtt_throttle_clear (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rtt/round-trip", test_round_trip);
  g_test_add_func ("/rtt/receiver-order", test_receiver_order);
  g_test_add_func ("/rtt/hostile", test_hostile);
  g_test_add_func ("/rtt/encode-bounds", test_encode_bounds);
  g_test_add_func ("/rtt/throttle", test_throttle);
  return g_test_run ();
}
