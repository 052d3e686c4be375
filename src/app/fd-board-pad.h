/* fd-board-pad.h: the handwriting pad of the conversation board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A square to write one Chinese character on (finger, stylus or mouse),
 * "Undo Stroke" and "Clear", and the candidates the board's recogniser
 * proposes, as buttons; picking one emits "picked" with its text. The desk's
 * Board page and the applicant screen each have one, bound to the
 * application's FdBoard. With a visitor language set (the applicant screen)
 * its own texts are in that language, not the UI language, and the
 * candidates are larger.
 */
#pragma once

#include <adwaita.h>

#include "fd-board.h"

G_BEGIN_DECLS

#define FD_TYPE_BOARD_PAD (fd_board_pad_get_type ())
G_DECLARE_FINAL_TYPE (FdBoardPad, fd_board_pad, FD, BOARD_PAD, GtkBox)

FdBoardPad *fd_board_pad_new             (FdBoard    *board);
void        fd_board_pad_set_visitor_lang (FdBoardPad *self,
                                           FdLang      lang);
void        fd_board_pad_clear           (FdBoardPad *self);

/* Rows of a conversation list: "Visitor"/"Desk" (in @label_lang, or the UI
 * language when @label_lang is FD_N_LANGS) over the text in big type. */
GtkWidget  *_fd_board_line_row_new       (FdBoardLine *line,
                                          FdLang       label_lang,
                                          gboolean     large);
/* Sets @button's label to @text, tagged with @lang (applicant-screen texts). */
void        _fd_board_button_set_text    (GtkButton   *button,
                                          const char  *text,
                                          FdLang       lang);
/* Keeps @scroll at its end (the newest line) when @lines grows. */
void        _fd_board_follow_end         (GtkScrolledWindow *scroll,
                                          GListModel        *lines);

G_END_DECLS
