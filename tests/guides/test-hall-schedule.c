/* test-hall-schedule.c: "can it be done now" over a table of dates and times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fd-hall-folder.h"
#include "fd-hall-schedule.h"
#include "fd-guide-strings.h"

#define M FD_EXTENDED_MORNING
#define E FD_EXTENDED_EVENING
#define S FD_EXTENDED_SATURDAY
#define ALL (M | E | S)

static FdHallSchedule *schedule;

typedef struct {
  const char     *when;      /* Asia/Shanghai local, "YYYY-MM-DD HH:MM" */
  FdExtendedFlags lists;
  FdHallState     state;
  const char     *until;     /* NULL when closed */
  const char     *next;      /* NULL when beyond the known calendars */
  FdHallState     next_state;
  gboolean        provisional;
} Case;

static const Case cases[] = {
  /* an ordinary Monday */
  { "2026-03-02 08:00", ALL,  FD_HALL_CLOSED,        NULL,               "2026-03-02 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-03-02 08:45", 0,    FD_HALL_CLOSED,        NULL,               "2026-03-02 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-03-02 08:45", M,    FD_HALL_OPEN_MORNING,  "2026-03-02 17:00", "2026-03-03 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-03-02 08:30", M,    FD_HALL_OPEN_MORNING,  "2026-03-02 17:00", "2026-03-03 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-03-02 08:29", M,    FD_HALL_CLOSED,        NULL,               "2026-03-02 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-03-02 10:00", ALL,  FD_HALL_OPEN_REGULAR,  "2026-03-02 17:30", "2026-03-03 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-03-02 12:30", 0,    FD_HALL_OPEN_REGULAR,  "2026-03-02 17:00", "2026-03-03 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-03-02 17:10", E,    FD_HALL_OPEN_EVENING,  "2026-03-02 17:30", "2026-03-03 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-03-02 17:10", M,    FD_HALL_CLOSED,        NULL,               "2026-03-03 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-03-02 17:00", 0,    FD_HALL_CLOSED,        NULL,               "2026-03-03 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-03-02 17:30", E,    FD_HALL_CLOSED,        NULL,               "2026-03-03 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  /* Friday evening: next is Saturday only for the Saturday list */
  { "2026-03-06 18:00", S,    FD_HALL_CLOSED,        NULL,               "2026-03-07 09:00", FD_HALL_OPEN_SATURDAY, FALSE },
  { "2026-03-06 18:00", M,    FD_HALL_CLOSED,        NULL,               "2026-03-09 08:30", FD_HALL_OPEN_MORNING, FALSE },
  /* an ordinary Saturday and Sunday */
  { "2026-03-07 10:00", S,    FD_HALL_OPEN_SATURDAY, "2026-03-07 13:00", "2026-03-09 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-03-07 10:00", M | E, FD_HALL_CLOSED,       NULL,               "2026-03-09 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-03-07 13:00", S,    FD_HALL_CLOSED,        NULL,               "2026-03-09 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-03-07 08:50", ALL,  FD_HALL_CLOSED,        NULL,               "2026-03-07 09:00", FD_HALL_OPEN_SATURDAY, FALSE },
  { "2026-03-08 10:00", ALL,  FD_HALL_CLOSED,        NULL,               "2026-03-09 08:30", FD_HALL_OPEN_MORNING, FALSE },
  /* 元旦: Jan 1-3 off, Sunday Jan 4 a working day */
  { "2026-01-01 10:00", ALL,  FD_HALL_CLOSED,        NULL,               "2026-01-04 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-01-04 09:00", 0,    FD_HALL_OPEN_REGULAR,  "2026-01-04 17:00", "2026-01-05 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  /* 春节: Sat Feb 14 worked, Feb 15-23 off, Sat Feb 28 worked (a full working day) */
  { "2026-02-14 16:00", 0,    FD_HALL_OPEN_REGULAR,  "2026-02-14 17:00", "2026-02-24 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-02-20 10:00", ALL,  FD_HALL_CLOSED,        NULL,               "2026-02-24 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-02-21 10:00", S,    FD_HALL_CLOSED,        NULL,               "2026-02-24 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-02-28 15:00", S,    FD_HALL_OPEN_REGULAR,  "2026-02-28 17:00", "2026-03-02 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-02-28 17:15", E,    FD_HALL_OPEN_EVENING,  "2026-02-28 17:30", "2026-03-02 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  /* 清明: Sat Apr 4 is a holiday, no Saturday service */
  { "2026-04-04 10:00", S,    FD_HALL_CLOSED,        NULL,               "2026-04-07 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  /* 劳动节: May 1-5 off, Sat May 9 worked */
  { "2026-05-05 10:00", 0,    FD_HALL_CLOSED,        NULL,               "2026-05-06 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-05-09 08:40", M,    FD_HALL_OPEN_MORNING,  "2026-05-09 17:00", "2026-05-11 08:30", FD_HALL_OPEN_MORNING, FALSE },
  /* 端午 Jun 19-21 */
  { "2026-06-19 10:00", 0,    FD_HALL_CLOSED,        NULL,               "2026-06-22 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  /* 国庆 and 中秋: Sun Sep 20 worked, Sep 25-27 and Oct 1-7 off, Sat Oct 10 worked */
  { "2026-09-20 11:00", 0,    FD_HALL_OPEN_REGULAR,  "2026-09-20 17:00", "2026-09-21 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-09-26 10:00", S,    FD_HALL_CLOSED,        NULL,               "2026-09-28 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-09-30 17:20", M | E, FD_HALL_OPEN_EVENING, "2026-09-30 17:30", "2026-10-08 08:30", FD_HALL_OPEN_MORNING, FALSE },
  { "2026-10-03 10:00", S,    FD_HALL_CLOSED,        NULL,               "2026-10-08 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  { "2026-10-10 10:00", S,    FD_HALL_OPEN_REGULAR,  "2026-10-10 17:00", "2026-10-12 09:00", FD_HALL_OPEN_REGULAR, FALSE },
  /* into the provisional 2027 calendar */
  { "2026-12-31 18:00", 0,    FD_HALL_CLOSED,        NULL,               "2027-01-04 09:00", FD_HALL_OPEN_REGULAR, TRUE },
  { "2027-02-05 10:00", 0,    FD_HALL_CLOSED,        NULL,               "2027-02-09 09:00", FD_HALL_OPEN_REGULAR, TRUE },
  { "2027-03-01 10:00", 0,    FD_HALL_OPEN_REGULAR,  "2027-03-01 17:00", "2027-03-02 09:00", FD_HALL_OPEN_REGULAR, TRUE },
  /* beyond the last calendar: no guess */
  { "2027-12-31 18:00", 0,    FD_HALL_CLOSED,        NULL,               NULL,               FD_HALL_UNKNOWN_CALENDAR, TRUE },
};

static GDateTime *
local_time (const char *text)
{
  int y, mo, d, h, mi;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  return g_date_time_new (fd_hall_schedule_get_timezone (), y, mo, d, h, mi, 0);
}

static void
assert_time (GDateTime  *t,
             const char *expected)
{
  if (expected == NULL)
    {
      g_assert_null (t);
      return;
    }
  g_assert_nonnull (t);
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (t, fd_hall_schedule_get_timezone ());
    g_autofree char *s = g_date_time_format (local, "%Y-%m-%d %H:%M");
    g_assert_cmpstr (s, ==, expected);
  }
}

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GDateTime) when = local_time (c->when);
      g_autoptr(GError) error = NULL;
      FdHallAvailability a;

      g_test_message ("case %u: %s lists=%d", i, c->when, c->lists);
      g_assert_true (fd_hall_schedule_query (schedule, c->lists, when, &a, &error));
      g_assert_no_error (error);
      g_assert_cmpint (a.state, ==, c->state);
      assert_time (a.until, c->until);
      assert_time (a.next_start, c->next);
      g_assert_cmpint (a.next_state, ==, c->next_state);
      g_assert_cmpint (a.provisional, ==, c->provisional);
      fd_hall_availability_clear (&a);
    }
}

static void
test_unknown_calendar (void)
{
  g_autoptr(GDateTime) when = local_time ("2028-03-01 10:00");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  FdHallAvailability a;

  g_assert_false (fd_hall_schedule_query (schedule, ALL, when, &a, &error));
  g_assert_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_UNKNOWN_CALENDAR);
  g_assert_cmpint (a.state, ==, FD_HALL_UNKNOWN_CALENDAR);
  g_assert_null (a.next_start);
  text = fd_hall_availability_describe (&a, FD_LANG_EN);
  g_assert_cmpstr (text, ==, "Holiday calendar unknown");
  g_assert_cmpint (fd_hall_schedule_get_day_kind (schedule, 2025, 10, 1, NULL), ==, FD_DAY_UNKNOWN);
}

/* Time zones: the hall's local time decides, whatever zone the caller uses. */
static void
test_timezone (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 3, 2, 1, 30, 0); /* 09:30 in Beijing */
  g_autoptr(GDateTime) utc_late = g_date_time_new_utc (2026, 3, 2, 9, 5, 0); /* 17:05 */
  FdHallAvailability a;

  g_assert_true (fd_hall_schedule_query (schedule, 0, utc, &a, NULL));
  g_assert_cmpint (a.state, ==, FD_HALL_OPEN_REGULAR);
  fd_hall_availability_clear (&a);
  g_assert_true (fd_hall_schedule_query (schedule, E, utc_late, &a, NULL));
  g_assert_cmpint (a.state, ==, FD_HALL_OPEN_EVENING);
  fd_hall_availability_clear (&a);
}

static void
test_day_kinds (void)
{
  const char *name = NULL;
  gboolean provisional = TRUE;

  g_assert_cmpint (fd_hall_schedule_get_day_kind (schedule, 2026, 2, 17, &name), ==, FD_DAY_HOLIDAY);
  g_assert_cmpstr (name, ==, "春节");
  g_assert_cmpint (fd_hall_schedule_get_day_kind (schedule, 2026, 10, 10, &name), ==, FD_DAY_MAKEUP_WORKDAY);
  g_assert_cmpstr (name, ==, "国庆节调休上班");
  g_assert_cmpint (fd_hall_schedule_get_day_kind (schedule, 2026, 3, 7, &name), ==, FD_DAY_SATURDAY);
  g_assert_null (name);
  g_assert_cmpint (fd_hall_schedule_get_day_kind (schedule, 2026, 3, 8, NULL), ==, FD_DAY_SUNDAY);
  g_assert_cmpint (fd_hall_schedule_get_day_kind (schedule, 2026, 3, 9, NULL), ==, FD_DAY_WORKDAY);
  g_assert_true (fd_hall_schedule_has_year (schedule, 2026, &provisional));
  g_assert_false (provisional);
  g_assert_true (fd_hall_schedule_has_year (schedule, 2027, &provisional));
  g_assert_true (provisional);
  g_assert_false (fd_hall_schedule_has_year (schedule, 2028, NULL));
}

static void
test_describe (void)
{
  g_autoptr(GDateTime) when = local_time ("2026-03-06 18:00");
  g_autoptr(GDateTime) open = local_time ("2026-03-02 17:10");
  FdHallAvailability a;
  g_autofree char *ru = NULL;
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;

  g_assert_true (fd_hall_schedule_query (schedule, S, when, &a, NULL));
  ru = fd_hall_availability_describe (&a, FD_LANG_RU);
  zh = fd_hall_availability_describe (&a, FD_LANG_ZH_CN);
  g_assert_cmpstr (ru, ==, "Сейчас закрыто; ближайшее время: сб 07.03 9:00");
  g_assert_cmpstr (zh, ==, "现在不可办理；下次可办理：3月7日 周六 9:00");
  fd_hall_availability_clear (&a);
  g_assert_true (fd_hall_schedule_query (schedule, E, open, &a, NULL));
  en = fd_hall_availability_describe (&a, FD_LANG_EN);
  g_assert_cmpstr (en, ==, "Open now (late service) until 17:30");
  fd_hall_availability_clear (&a);
}

static void
test_bad_calendar (void)
{
  g_autoptr(FdHallSchedule) s = fd_hall_schedule_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("fd-cal-XXXXXX.xml", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path,
    "<calendar year=\"2026\">\n"
    "  <holiday from=\"2026-01-01\" to=\"2026-01-03\" name=\"元旦\"/>\n"
    "  <holiday from=\"2026-02-30\" to=\"2026-03-01\" name=\"bad\"/>\n"
    "</calendar>\n", -1, NULL));
  g_assert_false (fd_hall_schedule_load_file (s, path, &error));
  g_assert_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID);
  {
    g_autofree char *prefix = g_strdup_printf ("%s:3:", path);
    g_assert_true (g_str_has_prefix (error->message, prefix));
  }
  g_unlink (path);
}

static void
on_schedule_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fd_hall_schedule_load_dir_finish (FD_HALL_SCHEDULE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Loaded on a worker thread, added on the caller's thread; "loaded" once. */
static void
test_async (void)
{
  g_autoptr(FdHallSchedule) sched = fd_hall_schedule_new ();
  gboolean done = FALSE, provisional = TRUE;

  g_assert_false (fd_hall_schedule_get_loaded (sched));
  fd_hall_schedule_load_dir_async (sched, g_getenv ("FD_GUIDES_CALENDAR"), NULL, NULL, on_schedule_loaded, &done);
  g_assert_false (fd_hall_schedule_has_year (sched, 2026, NULL));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (fd_hall_schedule_get_loaded (sched));
  g_assert_true (fd_hall_schedule_has_year (sched, 2026, &provisional));
  g_assert_false (provisional);
  g_assert_true (fd_hall_schedule_has_year (sched, 2027, &provisional));
  g_assert_true (provisional);
}

/* A hall's own folder: windows and floors, phones, lists and a calendar;
 * a bad hall.xml is reported with its position and not used. */
static void
test_hall_folder (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("FD_GUIDES_FIXTURES_SRC"), "hall", NULL);
  g_autoptr(FdHallSchedule) sched = fd_hall_schedule_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) saturday = fd_guide_new_from_data (
    "<matter id=\"residence-permit\" category=\"c\" type=\"other\" extended=\"evening\"><name>居住证</name>"
    "<department>公安</department><materials/><fee free=\"true\"/></matter>", -1, "a.xml", NULL);
  g_autoptr(FdGuide) other = fd_guide_new_from_data (
    "<matter id=\"other-matter\" category=\"c\" type=\"other\" extended=\"saturday morning\"><name>别的</name>"
    "<department>公安</department><materials/><fee free=\"true\"/></matter>", -1, "b.xml", NULL);
  gboolean provisional = FALSE;

  g_assert_nonnull (saturday);
  g_assert_nonnull (other);
  g_assert_true (fd_hall_schedule_get_sample_data (sched));
  /* a folder without hall.xml is not a hall folder */
  g_assert_false (fd_hall_folder_load (sched, "/nonexistent/frontdesk/hall", &error));
  g_assert_no_error (error);
  g_assert_true (fd_hall_schedule_get_sample_data (sched));

  g_assert_true (fd_hall_folder_load (sched, dir, &error));
  g_assert_no_error (error);
  g_assert_false (fd_hall_schedule_get_sample_data (sched));
  g_assert_cmpstr (fd_hall_schedule_get_hall_dir (sched), ==, dir);
  g_assert_cmpstr (fd_hall_schedule_get_window_floor (sched, "C01", FD_LANG_ZH_CN), ==, "三层");
  g_assert_cmpstr (fd_hall_schedule_get_window_floor (sched, "A02", FD_LANG_RU), ==, "1-й этаж");
  /* no name-en= on 三层: the Chinese name */
  g_assert_cmpstr (fd_hall_schedule_get_window_floor (sched, "C01", FD_LANG_EN), ==, "三层");
  g_assert_null (fd_hall_schedule_get_window_floor (sched, "Z99", FD_LANG_EN));
  {
    g_auto(GStrv) zh = fd_hall_schedule_dup_phones (sched, FD_LANG_ZH_CN);
    g_auto(GStrv) en = fd_hall_schedule_dup_phones (sched, FD_LANG_EN);
    g_autofree char *windows = fd_hall_schedule_format_windows (
      sched, (const char *[]) { "A01", "A02", "B07", "C01", NULL }, FD_LANG_EN);
    g_autofree char *windows_zh = fd_hall_schedule_format_windows (
      sched, (const char *[]) { "A01", "C01", NULL }, FD_LANG_ZH_CN);

    g_assert_cmpstrv (zh, ((const char *[]) { "咨询：010-00000000", "周六预约（短信）：10690000", NULL }));
    g_assert_cmpstrv (en, ((const char *[]) { "Enquiries: 010-00000000",
                                              "Saturday booking (text message): 10690000", NULL }));
    /* consecutive windows of one floor grouped; an unlisted window alone */
    g_assert_cmpstr (windows, ==, "A01 A02 (Floor 1); B07; C01 (三层)");
    g_assert_cmpstr (windows_zh, ==, "A01（一层）；C01（三层）");
  }
  /* the hall's Saturday list replaces the guides' attribute; the other
   * lists, not in the folder, stay as the guides say */
  g_assert_cmpint (fd_hall_schedule_get_extended (sched, saturday), ==, FD_EXTENDED_EVENING | FD_EXTENDED_SATURDAY);
  g_assert_cmpint (fd_hall_schedule_get_extended (sched, other), ==, FD_EXTENDED_MORNING);
  /* next year's calendar, provisional */
  g_assert_true (fd_hall_schedule_has_year (sched, 2028, &provisional));
  g_assert_true (provisional);

  /* a bad hall.xml */
  {
    g_autofree char *tmp = g_dir_make_tmp ("fd-hall-XXXXXX", NULL);
    g_autofree char *hall = g_build_filename (tmp, "hall.xml", NULL);
    g_autoptr(FdHallSchedule) bad = fd_hall_schedule_new ();
    g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *prefix = g_strdup_printf ("%s:3:3: error: ", hall);

    g_assert_true (g_file_set_contents (hall, "<hall>\n  <floor name=\"1\"><window id=\"A01\"/></floor>\n"
                                        "  <window id=\"A02\"/>\n</hall>\n", -1, NULL));
    g_assert_false (fd_hall_folder_load (bad, tmp, &error));
    g_assert_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID);
    g_assert_true (fd_hall_schedule_get_sample_data (bad));
    g_assert_false (fd_hall_folder_check (tmp, messages));
    g_assert_cmpuint (messages->len, ==, 1);
    g_test_message ("%s", (char *) g_ptr_array_index (messages, 0));
    g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, 0), prefix));
    /* a translation without the Chinese name it translates */
    g_clear_error (&error);
    g_ptr_array_set_size (messages, 0);
    g_assert_true (g_file_set_contents (hall, "<hall>\n  <phone label-en=\"Enquiries\">12345</phone>\n</hall>\n",
                                        -1, NULL));
    g_assert_false (fd_hall_folder_check (tmp, messages));
    g_assert_cmpuint (messages->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), ":2:3: error: label-en= needs label="));
    g_unlink (hall);
    g_rmdir (tmp);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  schedule = fd_hall_schedule_new ();
  if (!fd_hall_schedule_load_dir (schedule, g_getenv ("FD_GUIDES_CALENDAR"), &error))
    g_error ("%s", error->message);

  g_test_add_func ("/guides/hours/table", test_table);
  g_test_add_func ("/guides/hours/unknown-calendar", test_unknown_calendar);
  g_test_add_func ("/guides/hours/timezone", test_timezone);
  g_test_add_func ("/guides/hours/day-kinds", test_day_kinds);
  g_test_add_func ("/guides/hours/describe", test_describe);
  g_test_add_func ("/guides/hours/bad-calendar", test_bad_calendar);
  g_test_add_func ("/guides/hours/async", test_async);
  g_test_add_func ("/guides/hours/hall-folder", test_hall_folder);

  status = g_test_run ();
  g_object_unref (schedule);
  return status;
}
