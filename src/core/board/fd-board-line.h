/* fd-board-line.h: one line of a board conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who said it (the visitor or the desk), what, and in which language. The
 * conversation is a GListStore of these, oldest first.
 */
#pragma once

#include <glib-object.h>

#include "fd-lang.h"

G_BEGIN_DECLS

#define FD_BOARD_LINE_MAX_TEXT 4096   /* bytes */

typedef enum {
  FD_SPEAKER_VISITOR,
  FD_SPEAKER_DESK,
} FdSpeaker;

#define FD_TYPE_BOARD_LINE (fd_board_line_get_type ())
G_DECLARE_FINAL_TYPE (FdBoardLine, fd_board_line, FD, BOARD_LINE, GObject)

FdBoardLine *fd_board_line_new         (FdSpeaker    speaker,
                                        FdLang       lang,
                                        const char  *text);
FdSpeaker    fd_board_line_get_speaker (FdBoardLine *self);
FdLang       fd_board_line_get_lang    (FdBoardLine *self);
const char  *fd_board_line_get_text    (FdBoardLine *self);

G_END_DECLS
