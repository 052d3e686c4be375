/* fd-applicant-board.h: the conversation board on the applicant screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The visitor's side of the application's FdBoard: the conversation in big
 * type (newest at the bottom), a line to type on, the handwriting pad with
 * large candidates, and the consent step for keeping the conversation in
 * their case. All its texts are in the visitor's language (tables by
 * FdLang, never gettext: the desk keeps its own language).
 */
#pragma once

#include <adwaita.h>

#include "fd-board.h"

G_BEGIN_DECLS

#define FD_TYPE_APPLICANT_BOARD (fd_applicant_board_get_type ())
G_DECLARE_FINAL_TYPE (FdApplicantBoard, fd_applicant_board, FD, APPLICANT_BOARD, GtkBox)

FdApplicantBoard *fd_applicant_board_new      (FdBoard          *board);
void              fd_applicant_board_set_lang (FdApplicantBoard *self,
                                               FdLang            lang);
/* Empties the pad and the line being typed (a new visitor). */
void              fd_applicant_board_reset    (FdApplicantBoard *self);

G_END_DECLS
