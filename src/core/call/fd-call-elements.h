/* fd-call-elements.h: every GStreamer element a call may create, and where it comes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table (fd-call-elements.c) names each element factory the call engine
 * creates, directly or inside webrtcbin, with the Debian package that
 * provides it and what it is for. The engine creates elements only through
 * names in this table (a name missing from it is a programming error), a
 * call checks that its elements exist before it starts, `frontdesk --check`
 * prints what is missing, and tests/call/test-call-elements.c keeps the
 * table, the source and build-aux/debian-packages.txt in step.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FD_CALL_ELEMENT_CALL   = 1 << 0, /* every call needs it */
  FD_CALL_ELEMENT_FILE   = 1 << 1, /* video-source FILE (looping a video file) */
  FD_CALL_ELEMENT_DEVICE = 1 << 2, /* made from a camera, microphone or speaker the
                                    * device monitor lists: there whenever the device is */
  FD_CALL_ELEMENT_BENCH  = 1 << 3, /* benchmark instruments: time stamps, simulated loss */
} FdCallElementUse;

typedef struct {
  const char       *factory;  /* GStreamer element factory name */
  const char       *package;  /* Debian 12 package that provides it */
  FdCallElementUse  use;
  const char       *purpose;  /* in English, for --check and logs */
} FdCallElement;

/* The whole table (static, never freed). */
const FdCallElement *fd_call_elements_get            (guint            *n_elements);
/* The entry for @factory, or NULL when the engine must not create it. */
const FdCallElement *fd_call_elements_lookup         (const char       *factory);
/* The entries of the given uses whose factory is not in the registry, as
 * const FdCallElement * (never NULL; empty when nothing is missing). When
 * something is missing the registry is rescanned once first, so a package
 * installed while the app runs is found. */
GPtrArray           *fd_call_elements_missing        (FdCallElementUse  uses);
/* "textoverlay (gstreamer1.0-x), zbar (gstreamer1.0-plugins-bad)" */
char                *fd_call_elements_describe       (GPtrArray        *missing);
/* The distinct Debian packages of @missing, space separated: "gstreamer1.0-x" */
char                *fd_call_elements_packages       (GPtrArray        *missing);
/* FALSE with FD_CALL_ERROR_MISSING_ELEMENT naming each missing element and
 * its package when any element of @uses is missing. */
gboolean             fd_call_elements_check          (FdCallElementUse  uses,
                                                      GError          **error);

G_END_DECLS
