/* fd-handwriting.h: Chinese handwriting recognition (zinnia)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FdHandwriting wraps a zinnia recogniser loaded with the Simplified Chinese
 * model of Debian's tegaki-zinnia-simplified-chinese. Strokes go in as an
 * FdInk; ranked candidates (best first, with zinnia's score) come out.
 * Recognition runs on a worker thread (GTask); one recogniser serves any
 * number of requests, one at a time.
 *
 * The model is found at run time: the path given to fd_handwriting_new(),
 * else $FRONTDESK_HANDWRITING_MODEL, else the Debian default
 * FD_HANDWRITING_DEFAULT_MODEL.
 *
 * The strokes are mapped onto zinnia's square box by their own bounding box
 * (aspect ratio kept, centred), so where and how large a character is
 * written on the pad does not matter.
 *
 * With $FRONTDESK_INK_RECORD_DIR set when the recogniser is made, every ink
 * it recognises is also written there as a stroke file (ink-TIME-N.ink, with
 * the candidates as a comment): how fixtures are recorded through the real
 * board (tests/board/record-strokes.py).
 */
#pragma once

#include <gio/gio.h>

#include "fd-ink.h"

G_BEGIN_DECLS

#define FD_HANDWRITING_DEFAULT_MODEL "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model"
#define FD_HANDWRITING_MAX_CANDIDATES 50

#define FD_HANDWRITING_ERROR (fd_handwriting_error_quark ())

typedef enum {
  FD_HANDWRITING_ERROR_MODEL_MISSING,  /* no model file: the package is not installed */
  FD_HANDWRITING_ERROR_MODEL_INVALID,  /* a file zinnia cannot load */
  FD_HANDWRITING_ERROR_EMPTY,          /* nothing drawn */
  FD_HANDWRITING_ERROR_FAILED,         /* zinnia gave no result */
} FdHandwritingError;

typedef struct {
  char   *text;    /* one character, UTF-8 */
  double  score;   /* zinnia's score: higher is better; comparable within one result */
} FdCandidate;

#define FD_TYPE_CANDIDATE (fd_candidate_get_type ())
GType        fd_candidate_get_type (void) G_GNUC_CONST;
FdCandidate *fd_candidate_copy     (const FdCandidate *candidate);
void         fd_candidate_free     (FdCandidate       *candidate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdCandidate, fd_candidate_free)

#define FD_TYPE_HANDWRITING (fd_handwriting_get_type ())
G_DECLARE_FINAL_TYPE (FdHandwriting, fd_handwriting, FD, HANDWRITING, GObject)

GQuark         fd_handwriting_error_quark   (void);
const char    *fd_handwriting_find_model    (void);

FdHandwriting *fd_handwriting_new           (const char     *model_path,
                                             GError        **error);
const char    *fd_handwriting_get_model_path (FdHandwriting *self);
guint          fd_handwriting_get_n_characters (FdHandwriting *self);

GPtrArray     *fd_handwriting_recognize     (FdHandwriting  *self,
                                             FdInk          *ink,
                                             guint           n_best,
                                             GCancellable   *cancellable,
                                             GError        **error);
void           fd_handwriting_recognize_async  (FdHandwriting       *self,
                                                FdInk               *ink,
                                                guint                n_best,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray     *fd_handwriting_recognize_finish (FdHandwriting  *self,
                                                GAsyncResult   *result,
                                                GError        **error);

G_END_DECLS
