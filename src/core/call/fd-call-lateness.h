/* fd-call-lateness.h: how late this machine's scheduler runs our threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FdCallLateness FdCallLateness;

/* Called on the probe's thread after each sleep: how late it woke (µs) and
 * when (monotonic µs). */
typedef void (*FdCallLatenessFunc) (gpointer data,
                                    gint64   late_us,
                                    gint64   now_us);

FdCallLateness *_fd_call_lateness_start (gint64              period_us,
                                         FdCallLatenessFunc  func,
                                         gpointer            data);
/* Ends the thread and waits for it: @func is not called after this. */
void            _fd_call_lateness_stop  (FdCallLateness     *probe);

G_END_DECLS
