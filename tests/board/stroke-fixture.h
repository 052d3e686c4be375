/* stroke-fixture.h: the handwriting fixture (tests/board/strokes/NAME.ink),
 * shared by the board tests and bench/board.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-handwriting.h"

typedef struct {
  char  *name;   /* file name */
  char  *label;  /* the character meant */
  FdInk *ink;
} FixtureChar;

/* All .ink files of @dir, sorted by name (FixtureChar, freed with the array). */
GPtrArray *fixture_load (const char  *dir,
                         GError     **error);

/* 1-based rank of @label among @candidates, 0 if absent. */
guint      fixture_rank (GPtrArray   *candidates,
                         const char  *label);
