/* test-applicant-monitor.c: finding the applicant's monitor again after it
 * was unplugged and plugged in (by connector and model)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fd-applicant-monitor.h"

static void
test_match (void)
{
  const char *connectors[] = { "eDP-1", "HDMI-1", "DP-2" };
  const char *models[] = { "LCD", "DELL P2419H", "LG 24MK600" };

  /* nothing remembered: the caller's default */
  g_assert_cmpint (_fd_applicant_monitor_match (3, connectors, models, "", ""), ==, -1);
  g_assert_cmpint (_fd_applicant_monitor_match (3, connectors, models, NULL, NULL), ==, -1);
  /* connector and model */
  g_assert_cmpint (_fd_applicant_monitor_match (3, connectors, models, "HDMI-1", "DELL P2419H"), ==, 1);
  /* the same monitor plugged into another port: found by model */
  g_assert_cmpint (_fd_applicant_monitor_match (3, connectors, models, "HDMI-2", "LG 24MK600"), ==, 2);
  /* another monitor on the remembered port: the port wins over nothing */
  g_assert_cmpint (_fd_applicant_monitor_match (3, connectors, models, "DP-2", "BenQ GW2480"), ==, 2);
  /* unplugged: not there */
  g_assert_cmpint (_fd_applicant_monitor_match (3, connectors, models, "DP-3", "BenQ GW2480"), ==, -1);
  g_assert_cmpint (_fd_applicant_monitor_match (1, connectors, models, "HDMI-1", "DELL P2419H"), ==, -1);
  /* plugged in again */
  g_assert_cmpint (_fd_applicant_monitor_match (2, connectors, models, "HDMI-1", "DELL P2419H"), ==, 1);
}

static void
test_exact_beats_partial (void)
{
  /* two identical models: the remembered port decides */
  const char *connectors[] = { "DP-1", "DP-2" };
  const char *models[] = { "DELL P2419H", "DELL P2419H" };
  /* unknown models (NULL) match by connector only */
  const char *no_models[] = { NULL, NULL };

  g_assert_cmpint (_fd_applicant_monitor_match (2, connectors, models, "DP-2", "DELL P2419H"), ==, 1);
  g_assert_cmpint (_fd_applicant_monitor_match (2, connectors, no_models, "DP-2", "DELL P2419H"), ==, 1);
  g_assert_cmpint (_fd_applicant_monitor_match (2, connectors, no_models, "", "DELL P2419H"), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/board/applicant-monitor/match", test_match);
  g_test_add_func ("/board/applicant-monitor/exact-beats-partial", test_exact_beats_partial);
  return g_test_run ();
}
