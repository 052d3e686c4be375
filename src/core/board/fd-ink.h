/* fd-ink.h: strokes drawn on the conversation board, and their text file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An FdInk is what a visitor drew for one character: a canvas size and a
 * list of strokes, each a list of points in canvas coordinates (pixels,
 * origin at the top left). It is bounded (FD_INK_MAX_STROKES strokes,
 * FD_INK_MAX_POINTS points in all) so a runaway pointer or a hostile file
 * cannot make the recogniser work without end.
 *
 * Stroke files (docs/board-strokes.md), UTF-8 text, one record per line:
 *
 *   frontdesk-ink 1            first line, format and version
 *   size 300 300               canvas width and height (1..10000)
 *   label 人                   optional: the character meant (fixtures)
 *   source ...                 optional: where the strokes came from
 *   stroke 10,20 30,40 ...     one line per stroke, points "x,y" (numbers)
 *   # ...                      comment
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FD_INK_MAX_STROKES    64
#define FD_INK_MAX_POINTS     8192     /* all strokes together */
#define FD_INK_MAX_SIZE       10000    /* canvas width or height */
#define FD_INK_MAX_FILE_BYTES (256 * 1024)

#define FD_INK_ERROR (fd_ink_error_quark ())

typedef enum {
  FD_INK_ERROR_TOO_LARGE,   /* too many strokes or points, or a file too big */
  FD_INK_ERROR_PARSE,       /* a stroke file that does not follow the format */
} FdInkError;

typedef struct {
  double x;
  double y;
} FdInkPoint;

typedef struct _FdInk FdInk;

#define FD_TYPE_INK (fd_ink_get_type ())

GType         fd_ink_get_type        (void) G_GNUC_CONST;
GQuark        fd_ink_error_quark     (void);

FdInk        *fd_ink_new             (double        width,
                                      double        height);
FdInk        *fd_ink_ref             (FdInk        *ink);
void          fd_ink_unref           (FdInk        *ink);
FdInk        *fd_ink_copy            (const FdInk  *ink);

double        fd_ink_get_width       (const FdInk  *ink);
double        fd_ink_get_height      (const FdInk  *ink);
guint         fd_ink_get_n_strokes   (const FdInk  *ink);
guint         fd_ink_get_n_points    (const FdInk  *ink);
const FdInkPoint *fd_ink_get_stroke  (const FdInk  *ink,
                                      guint         index,
                                      guint        *out_n_points);

gboolean      fd_ink_begin_stroke    (FdInk        *ink,
                                      GError      **error);
gboolean      fd_ink_add_point       (FdInk        *ink,
                                      double        x,
                                      double        y,
                                      GError      **error);
void          fd_ink_remove_last_stroke (FdInk     *ink);
void          fd_ink_clear           (FdInk        *ink);

FdInk        *fd_ink_new_from_text   (const char   *text,
                                      gssize        length,
                                      char        **out_label,
                                      GError      **error);
FdInk        *fd_ink_new_from_file   (const char   *path,
                                      char        **out_label,
                                      GError      **error);
char         *fd_ink_to_text         (const FdInk  *ink,
                                      const char   *label,
                                      const char   *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdInk, fd_ink_unref)

G_END_DECLS
