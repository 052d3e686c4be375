/* bench-common.c: what every benchmark prints the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-common.h"

#include <stdio.h>
#include <string.h>

/* CPU time of @clock (CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID) in ms */
double
fd_bench_cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* for g_array_sort() of doubles */
int
fd_bench_compare_double (gconstpointer a,
                         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* @p (0..1) of a sorted array of doubles, nearest index */
double
fd_bench_percentile (GArray *sorted,
                     double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, i);
}

void
fd_bench_print_machine (void)
{
  g_autofree char *cpuinfo = NULL;
  const char *model = "unknown CPU";
  g_autofree char *model_copy = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      char *line = strstr (cpuinfo, "model name");
      if (line != NULL && (line = strchr (line, ':')) != NULL)
        {
          char *end = strchr (line, '\n');
          model_copy = g_strndup (line + 2, end != NULL ? (gsize) (end - line - 2) : strlen (line + 2));
          model = model_copy;
        }
    }
  printf ("machine: %u CPUs (nproc), %s\n", g_get_num_processors (), model);
}
