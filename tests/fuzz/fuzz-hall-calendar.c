/* fuzz-hall-calendar.c: libFuzzer harness for the hall calendar reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes to fd_hall_schedule_load_data() and, when a
 * calendar loads, asks it about every day of its year and a few moments,
 * as the guide view's "open now" badge does. Seeds: corpus/hall-calendar/.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "fd-hall-schedule.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(FdHallSchedule) schedule = fd_hall_schedule_new ();
  g_autoptr(GError) error = NULL;

  if (!fd_hall_schedule_load_data (schedule, (const char *) data, size, "fuzz.xml", &error))
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "fuzz.xml:"));
      return 0;
    }
  for (int year = 2000; year <= 2200; year++)
    {
      gboolean provisional;
      GTimeZone *tz;

      if (!fd_hall_schedule_has_year (schedule, year, &provisional))
        continue;
      for (int month = 1; month <= 12; month++)
        for (int day = 1; day <= g_date_get_days_in_month (month, year); day++)
          {
            const char *name = NULL;

            (void) fd_hall_schedule_get_day_kind (schedule, year, month, day, &name);
          }
      tz = fd_hall_schedule_get_timezone ();
      for (int month = 1; month <= 12; month += 5)
        {
          g_autoptr(GDateTime) when = g_date_time_new (tz, year, month, 3, 10, 30, 0);
          FdHallAvailability a = { 0 };

          fd_hall_schedule_query (schedule, FD_EXTENDED_MORNING | FD_EXTENDED_SATURDAY, when, &a, NULL);
          fd_hall_availability_clear (&a);
        }
      break;
    }
  return 0;
}
