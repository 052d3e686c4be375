/* fd-call-lateness.c: how late this machine's scheduler runs our threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thread of ordinary priority sleeps a period at a time, as a streaming
 * thread waits for its socket, and reports how much later than asked it
 * woke. On a machine busier than its processors that lateness is added to
 * every arrival time a streaming thread takes: the bandwidth estimate
 * (fd-call-bwe.c) takes it off the delays it reads as a queue on the path.
 * One wake-up every 10 ms costs a few microseconds of processor.
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include "fd-call-lateness.h"

struct _FdCallLateness {
  GThread           *thread;
  gint               stopping;        /* atomic */
  gint64             period_us;
  FdCallLatenessFunc func;
  gpointer           data;
};

static gpointer
lateness_thread (gpointer data)
{
  FdCallLateness *self = data;

  while (!g_atomic_int_get (&self->stopping))
    {
      gint64 asked = g_get_monotonic_time () + self->period_us, woke;

      g_usleep (self->period_us);
      woke = g_get_monotonic_time ();
      self->func (self->data, MAX (0, woke - asked), woke);
    }
  return NULL;
}

FdCallLateness *
_fd_call_lateness_start (gint64             period_us,
                         FdCallLatenessFunc func,
                         gpointer           data)
{
  FdCallLateness *self = g_new0 (FdCallLateness, 1);

  self->period_us = period_us;
  self->func = func;
  self->data = data;
  self->thread = g_thread_new ("fd-lateness", lateness_thread, self);
  return self;
}

void
_fd_call_lateness_stop (FdCallLateness *self)
{
  g_atomic_int_set (&self->stopping, 1);
  g_thread_join (self->thread);
  g_free (self);
}
