/* bench-common.h: what every benchmark prints the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <time.h>

double fd_bench_cpu_ms          (clockid_t      clock);
int    fd_bench_compare_double  (gconstpointer  a,
                                 gconstpointer  b);
double fd_bench_percentile      (GArray        *sorted,
                                 double         p);
void   fd_bench_print_machine   (void);
