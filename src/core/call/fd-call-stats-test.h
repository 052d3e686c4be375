/* fd-call-stats-test.h: what tests of the call model use of FdCallStats'
 * internals (a statistics object a scripted media ticks), and nothing else of
 * fd-call-stats-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-call-stats.h"

G_BEGIN_DECLS

FdCallStats *_fd_call_stats_new       (void);
/* One update (::updated) with @bitrate_in kbit/s received and every other
 * value at its start. */
void         _fd_call_stats_test_tick (FdCallStats *self,
                                       double       bitrate_in);

G_END_DECLS
