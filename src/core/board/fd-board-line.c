/* fd-board-line.c: one line of a board conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fd-board-line.h"

#include <string.h>

struct _FdBoardLine {
  GObject    parent_instance;
  FdSpeaker  speaker;
  FdLang     lang;
  char      *text;
};

G_DEFINE_FINAL_TYPE (FdBoardLine, fd_board_line, G_TYPE_OBJECT)

static void
fd_board_line_finalize (GObject *object)
{
  g_free (FD_BOARD_LINE (object)->text);
  G_OBJECT_CLASS (fd_board_line_parent_class)->finalize (object);
}

static void
fd_board_line_class_init (FdBoardLineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_board_line_finalize;
}

static void
fd_board_line_init (FdBoardLine *self)
{
}

/* @text is cut (at a character boundary) to FD_BOARD_LINE_MAX_TEXT bytes;
 * invalid UTF-8 is replaced. */
FdBoardLine *
fd_board_line_new (FdSpeaker   speaker,
                   FdLang      lang,
                   const char *text)
{
  FdBoardLine *self;
  g_autofree char *valid = NULL;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);

  valid = g_utf8_make_valid (text, strnlen (text, FD_BOARD_LINE_MAX_TEXT + 8));
  end = valid + strlen (valid);
  if (end - valid > FD_BOARD_LINE_MAX_TEXT)
    end = g_utf8_find_prev_char (valid, valid + FD_BOARD_LINE_MAX_TEXT + 1);

  self = g_object_new (FD_TYPE_BOARD_LINE, NULL);
  self->speaker = speaker;
  self->lang = lang;
  self->text = g_strndup (valid, end - valid);
  return self;
}

FdSpeaker
fd_board_line_get_speaker (FdBoardLine *self)
{
  g_return_val_if_fail (FD_IS_BOARD_LINE (self), FD_SPEAKER_VISITOR);
  return self->speaker;
}

FdLang
fd_board_line_get_lang (FdBoardLine *self)
{
  g_return_val_if_fail (FD_IS_BOARD_LINE (self), FD_LANG_ZH_CN);
  return self->lang;
}

const char *
fd_board_line_get_text (FdBoardLine *self)
{
  g_return_val_if_fail (FD_IS_BOARD_LINE (self), NULL);
  return self->text;
}
