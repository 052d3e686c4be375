/* test-case-format.c: display helpers of the escort cases UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "fd-case-format.h"
#include "fd-case-store.h"
#include "fd-lang.h"

static void
use_language (const char *lang)
{
  const char *localedir = g_getenv ("FRONTDESK_LOCALEDIR");

  fd_i18n_init (lang, GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
}

static void
check_duration (gint64      seconds,
                const char *expected)
{
  g_autofree char *text = fd_case_format_duration (seconds);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_duration_en (void)
{
  if (g_test_subprocess ())
    {
      use_language ("en");
      check_duration (0, "less than a minute");
      check_duration (59, "less than a minute");
      check_duration (60, "1 minute");
      check_duration (125, "2 minutes");
      check_duration (3600, "1 hour");
      check_duration (7200, "2 hours");
      check_duration (7500, "2 h 05 min");
      {
        g_autofree char *open_for = fd_case_format_open_for (12 * 60 + 30);
        g_assert_cmpstr (open_for, ==, "Open for 12 minutes");
      }
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_duration_ru (void)
{
  if (g_test_subprocess ())
    {
      use_language ("ru");
      /* Russian has three plural forms: 1 минута, 2 минуты, 5 минут; 11-14 are "many". */
      check_duration (60, "1 минута");
      check_duration (3 * 60, "3 минуты");
      check_duration (5 * 60, "5 минут");
      check_duration (11 * 60, "11 минут");
      check_duration (21 * 60, "21 минута");
      check_duration (22 * 60, "22 минуты");
      check_duration (3600, "1 час");
      check_duration (2 * 3600, "2 часа");
      check_duration (5 * 3600, "5 часов");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_duration_zh (void)
{
  if (g_test_subprocess ())
    {
      use_language ("zh_CN");
      check_duration (5 * 60, "5 分钟");
      check_duration (3600, "1 小时");
      g_assert_cmpstr (fd_case_need_label (FD_CASE_NEED_DEAF), ==, "聋人或听力障碍");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_clock (void)
{
  g_autofree char *a = fd_case_format_clock (0);
  g_autofree char *b = fd_case_format_clock (3 * 3600 + 4 * 60 + 5);
  g_autofree char *c = fd_case_format_clock (-5);

  g_assert_cmpstr (a, ==, "00:00:00");
  g_assert_cmpstr (b, ==, "03:04:05");
  g_assert_cmpstr (c, ==, "00:00:00");
}

static void
test_labels (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *needs = NULL;
      g_autofree char *none = NULL;
      g_autofree char *need = NULL;
      g_autofree char *outcome = NULL;
      g_autofree char *staff = NULL;
      g_autofree char *day = NULL;
      g_autofree char *unknown = NULL;

      use_language ("en");
      needs = fd_case_needs_label (FD_CASE_NEED_DEAF | FD_CASE_NEED_ELDERLY);
      none = fd_case_needs_label (0);
      need = fd_case_bucket_label (FD_CASE_REPORT_BY_NEED, "blind");
      outcome = fd_case_bucket_label (FD_CASE_REPORT_BY_OUTCOME, "none");
      staff = fd_case_bucket_label (FD_CASE_REPORT_BY_STAFF, "");
      day = fd_case_bucket_label (FD_CASE_REPORT_BY_DAY, "2026-11-26");
      unknown = fd_case_bucket_label (FD_CASE_REPORT_BY_NEED, "telepathy");
      g_assert_cmpstr (needs, ==, "Deaf or hard of hearing, Elderly");
      g_assert_cmpstr (none, ==, "No need recorded");
      g_assert_cmpstr (need, ==, "Blind or low vision");
      g_assert_cmpstr (outcome, ==, "Open");
      g_assert_cmpstr (staff, ==, "Not recorded");
      g_assert_cmpstr (day, ==, "2026-11-26");
      g_assert_cmpstr (unknown, ==, "telepathy");
      g_assert_cmpstr (fd_case_language_label ("csl"), ==, "Chinese Sign Language");
      g_assert_cmpstr (fd_case_language_label ("xx"), ==, "xx");
      /* Every need has a label and an icon, in a fixed order covering all bits. */
      {
        FdCaseNeed all = 0;

        for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
          {
            all |= fd_case_need_nth (i);
            g_assert_nonnull (fd_case_need_icon (fd_case_need_nth (i)));
          }
        g_assert_cmpuint (all, ==, FD_CASE_NEED_ALL);
      }
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-format/duration/en", test_duration_en);
  g_test_add_func ("/case-format/duration/ru", test_duration_ru);
  g_test_add_func ("/case-format/duration/zh", test_duration_zh);
  g_test_add_func ("/case-format/clock", test_clock);
  g_test_add_func ("/case-format/labels", test_labels);

  return g_test_run ();
}
