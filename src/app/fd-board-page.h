/* fd-board-page.h: the conversation board (handwriting, typing, phrasebook, voice)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FD_TYPE_BOARD_PAGE (fd_board_page_get_type ())
G_DECLARE_FINAL_TYPE (FdBoardPage, fd_board_page, FD, BOARD_PAGE, AdwBin)

G_END_DECLS
