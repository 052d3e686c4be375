/* test-call-ladder.c: when the sender changes its send size (fd-call-rate.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ladder's rule driven tick by tick (a tick is the engine's second) with
 * made-up times, targets and receiver's estimates: no pipeline, no clock.
 * The needs are those of 640x480 at 30 fps (0.10 bit per pixel).
 */
#include "config.h"

#include <glib.h>

#include "fd-call-ladder.h"

#define S G_TIME_SPAN_SECOND

static const double need[FD_CALL_LADDER_RUNGS] = { 921600, 518400, 230400, 129600, 57600 };

typedef struct {
  FdCallLadder ladder;
  gint64       now;
  guint        climbs;
  gint64       climbed_at[16];
} Sender;

static void
sender_init (Sender *s,
             int     rung)
{
  s->now = 1000 * S;
  s->climbs = 0;
  _fd_call_ladder_init (&s->ladder, rung);
}

/* @seconds ticks at @target (and the receiver's estimate, the same); climbs
 * are counted and timed. */
static void
tick (Sender *s,
      guint   seconds,
      double  target)
{
  for (guint i = 0; i < seconds; i++)
    {
      int before = s->ladder.rung;

      s->now += S;
      if (_fd_call_ladder_step (&s->ladder, need, target, target, s->now) < before)
        {
          if (s->climbs < G_N_ELEMENTS (s->climbed_at))
            s->climbed_at[s->climbs] = s->now;
          s->climbs++;
        }
    }
}

static void
test_down_at_once_up_slowly (void)
{
  Sender s;

  /* Full size at 1.2 Mbit/s; 700 kbit/s: the next rung at once. */
  sender_init (&s, 0);
  tick (&s, 5, 1.2e6);
  g_assert_cmpint (s.ladder.rung, ==, 0);
  tick (&s, 1, 7e5);
  g_assert_cmpint (s.ladder.rung, ==, 1);
  /* Room for 15 % more than the full size needs, but the estimate fell
   * (from 1.2 to 0.7 Mbit/s): not within 10 s of it. */
  tick (&s, 9, 1.1e6);
  g_assert_cmpint (s.ladder.rung, ==, 1);
  tick (&s, 5, 1.1e6);
  g_assert_cmpint (s.ladder.rung, ==, 0);
  g_assert_cmpuint (s.climbs, ==, 1);
}

static void
test_failed_climb_backs_off (void)
{
  Sender s;
  gint64 gap[3];

  /* A cap the full size does not fit in, with an estimate that reaches
   * the room to climb now and then (1.1 Mbit/s, the full size needs 1.06
   * with 15 % room) and falls to 0.9 two seconds after each climb (the
   * larger size filled the queue). */
  sender_init (&s, 1);
  for (guint i = 0; i < 400; i++)
    {
      guint before = s.climbs;

      tick (&s, 1, 1.1e6);
      if (s.climbs > before)
        {
          tick (&s, 2, 1.1e6);
          tick (&s, 1, 9e5);
        }
    }
  g_test_message ("%u climbs in %u s", s.climbs, 400);
  g_assert_cmpuint (s.climbs, >=, 4);
  /* Each failed climb waits twice as long as the one before: 30, 60,
   * 120 s (and the 3 ticks with room). */
  for (guint i = 0; i < 3; i++)
    {
      gap[i] = s.climbed_at[i + 1] - s.climbed_at[i];
      g_test_message ("climb %u → %u: %.0f s", i + 1, i + 2, gap[i] / 1e6);
    }
  g_assert_cmpint (gap[0], >=, 30 * S);
  g_assert_cmpint (gap[1], >=, 2 * gap[0] - 10 * S);
  g_assert_cmpint (gap[2], >=, 2 * gap[1] - 10 * S);
  /* ...up to 8 minutes, however often it fails. */
  g_assert_cmpint (s.ladder.backoff_us[0], ==, 480 * S);
}

static void
test_held_climb_resets_backoff (void)
{
  Sender s;

  /* One failed climb (the size goes back down at once)... */
  sender_init (&s, 1);
  tick (&s, 11, 1e6);   /* the first estimate, without room */
  tick (&s, 3, 1.1e6);
  g_assert_cmpint (s.ladder.rung, ==, 0);
  tick (&s, 1, 8e5);
  g_assert_cmpint (s.ladder.rung, ==, 1);
  g_assert_cmpint (s.ladder.backoff_us[0], ==, 60 * S);
  /* ...the rung waits 30 s: nothing before... */
  tick (&s, 25, 1.1e6);
  g_assert_cmpint (s.ladder.rung, ==, 1);
  tick (&s, 10, 1.1e6);
  g_assert_cmpint (s.ladder.rung, ==, 0);
  /* ...and a climb that holds its 15 s sets the wait back to 30 s. */
  tick (&s, 16, 1.1e6);
  g_assert_cmpint (s.ladder.rung, ==, 0);
  g_assert_cmpint (s.ladder.backoff_us[0], ==, 30 * S);
}

static void
test_faster_path_tried_at_once (void)
{
  Sender s;

  /* A climb made on 1.1 Mbit/s failed; then the receiver sees 1.4 Mbit/s
   * (20 % over: the cap is gone): the full size is tried again without
   * waiting out its 30 s (but 10 s after the estimate fell, as always). */
  sender_init (&s, 1);
  tick (&s, 11, 1e6);
  tick (&s, 3, 1.1e6);
  tick (&s, 1, 8e5);
  g_assert_cmpint (s.ladder.rung, ==, 1);
  tick (&s, 14, 1.4e6);
  g_assert_cmpint (s.ladder.rung, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/call/ladder/down-at-once-up-slowly", test_down_at_once_up_slowly);
  g_test_add_func ("/call/ladder/failed-climb-backs-off", test_failed_climb_backs_off);
  g_test_add_func ("/call/ladder/held-climb-resets-backoff", test_held_climb_resets_backoff);
  g_test_add_func ("/call/ladder/faster-path-tried-at-once", test_faster_path_tried_at_once);
  return g_test_run ();
}
