/* test-board-line.c: a board line keeps valid, bounded text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-board-line.h"

static void
test_line (void)
{
  g_autoptr(FdBoardLine) line = fd_board_line_new (FD_SPEAKER_DESK, FD_LANG_RU, "Пожалуйста, напишите это.");

  g_assert_cmpint (fd_board_line_get_speaker (line), ==, FD_SPEAKER_DESK);
  g_assert_cmpint (fd_board_line_get_lang (line), ==, FD_LANG_RU);
  g_assert_cmpstr (fd_board_line_get_text (line), ==, "Пожалуйста, напишите это.");
}

static void
test_bounded_and_valid (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(FdBoardLine) bad = fd_board_line_new (FD_SPEAKER_VISITOR, FD_LANG_ZH_CN, "好\xff坏");
  g_autoptr(FdBoardLine) cut = NULL;
  const char *text;

  g_assert_true (g_utf8_validate (fd_board_line_get_text (bad), -1, NULL));
  g_assert_true (g_str_has_prefix (fd_board_line_get_text (bad), "好"));
  g_assert_true (g_str_has_suffix (fd_board_line_get_text (bad), "坏"));

  /* 3-byte characters past the bound: cut at a character boundary */
  while (long_text->len <= FD_BOARD_LINE_MAX_TEXT + 100)
    g_string_append (long_text, "汉");
  cut = fd_board_line_new (FD_SPEAKER_VISITOR, FD_LANG_ZH_CN, long_text->str);
  text = fd_board_line_get_text (cut);
  g_assert_cmpuint (strlen (text), <=, FD_BOARD_LINE_MAX_TEXT);
  g_assert_cmpuint (strlen (text), >, FD_BOARD_LINE_MAX_TEXT - 3);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (strlen (text) % 3, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board/line/basic", test_line);
  g_test_add_func ("/board/line/bounded-and-valid", test_bounded_and_valid);

  return g_test_run ();
}
