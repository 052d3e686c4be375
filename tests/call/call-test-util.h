/* call-test-util.h: what the call tests that run two engines share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

#include "fd-call-engine.h"

G_BEGIN_DECLS

/* ICE on 127.0.0.1 only: the tests run in a private namespace. */
extern const char *fd_call_test_addresses[];

/* An engine with test sources, no sound played and ICE on 127.0.0.1 only
 * (fd_call_test_addresses), 30 s to set up. */
FdCallEngine *fd_call_test_engine     (FdCallRole   role,
                                       int          width,
                                       int          height,
                                       gboolean     deliver_frames);
/* Iterates the default main context and polls @pred every 2 ms until it is
 * TRUE (or @seconds passed: FALSE). Polls, unlike fd_test_wait_until, which
 * sleeps until the context has an event: what the tests look at is changed
 * on GStreamer's streaming threads, which wake no main context. */
gboolean      fd_call_test_poll_until (gboolean   (*pred)(gpointer),
                                       gpointer     data,
                                       guint        seconds);
/* The first element made by @factory_name in @bin or its bins (a new
 * reference), or NULL. */
GstElement   *fd_call_test_find       (GstBin      *bin,
                                       const char  *factory_name);
/* The top-level object @inside is in (the call's pipeline; a new reference). */
GstObject    *fd_call_test_top        (GstElement  *inside);

G_END_DECLS
