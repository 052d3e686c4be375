/* fd-board.h: one conversation board, shared by the desk and the applicant screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FdBoard is the model behind the desk's Board page and the applicant
 * screen's board: the conversation (a GListModel of FdBoardLine, oldest
 * first), the handwriting recogniser, the desk phrasebook, the speech client
 * and the language the visitor chose. The application owns one; both screens
 * bind to it, so a line written on either shows on both.
 *
 * Consent: the conversation may be attached to the open escort case (text
 * only, through the case store, so the case's masking, retention and audit
 * cover it) only after the visitor consented on the applicant screen
 * (fd_board_set_consent()). Clearing the board (a new visitor) withdraws it.
 */
#pragma once

#include <gio/gio.h>

#include "fd-board-line.h"
#include "fd-case-store.h"
#include "fd-handwriting.h"
#include "fd-phrasebook.h"
#include "fd-speech.h"

G_BEGIN_DECLS

#define FD_BOARD_MAX_LINES 500   /* the oldest lines leave beyond this */

#define FD_BOARD_ERROR (fd_board_error_quark ())

typedef enum {
  FD_BOARD_ERROR_NO_CONSENT,   /* the visitor has not consented */
  FD_BOARD_ERROR_EMPTY,        /* nothing new to attach */
  FD_BOARD_ERROR_NO_OPEN_CASE, /* no escort case is open */
} FdBoardError;

#define FD_TYPE_BOARD (fd_board_get_type ())
G_DECLARE_FINAL_TYPE (FdBoard, fd_board, FD, BOARD, GObject)

GQuark         fd_board_error_quark         (void);

FdBoard       *fd_board_new                 (const char    *handwriting_model,
                                             const char    *phrasebook_path);
GListModel    *fd_board_get_lines           (FdBoard       *self);
FdHandwriting *fd_board_get_handwriting     (FdBoard       *self);
const GError  *fd_board_get_handwriting_error (FdBoard     *self);
FdPhrasebook  *fd_board_get_phrasebook      (FdBoard       *self);
const GError  *fd_board_get_phrasebook_error (FdBoard      *self);
FdSpeech      *fd_board_get_speech          (FdBoard       *self);

FdLang         fd_board_get_visitor_lang    (FdBoard       *self);
void           fd_board_set_visitor_lang    (FdBoard       *self,
                                             FdLang         lang);
gboolean       fd_board_get_consent         (FdBoard       *self);
void           fd_board_set_consent         (FdBoard       *self,
                                             gboolean       consent);

FdBoardLine   *fd_board_add_line            (FdBoard       *self,
                                             FdSpeaker      speaker,
                                             FdLang         lang,
                                             const char    *text);
FdBoardLine   *fd_board_say_phrase          (FdBoard       *self,
                                             FdPhrase      *phrase,
                                             guint64        n);
FdBoardLine   *fd_board_get_last_line       (FdBoard       *self);
void           fd_board_clear               (FdBoard       *self);

char          *fd_board_format_transcript   (FdBoard       *self,
                                             guint          from_line);
guint          fd_board_get_n_attached      (FdBoard       *self);

gboolean       fd_board_attach_to_case      (FdBoard       *self,
                                             FdCaseStore   *store,
                                             gint64         case_id,
                                             gint64        *out_case_id,
                                             GError       **error);
void           fd_board_attach_to_case_async  (FdBoard             *self,
                                               FdCaseStore         *store,
                                               gint64               case_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gint64         fd_board_attach_to_case_finish (FdBoard       *self,
                                               GAsyncResult  *result,
                                               GError       **error);

G_END_DECLS
