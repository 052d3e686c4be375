/* stroke-fixture.h: the handwriting fixtures (tests/board/strokes/NAME.ink,
 * synthetic, and tests/board/recorded/NAME.ink, drawn on the board by a
 * program), shared by the board tests and bench/board.
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

/* Top-1 and top-5 counts over a part of a fixture. */
typedef struct {
  guint n;
  guint top1;
  guint top5;
} FixtureScore;

/* Parts of a fixture: what recognition was tuned on, and what it was not. */
typedef enum {
  FIXTURE_TUNE,      /* characters whose code point is even */
  FIXTURE_HELD_OUT,  /* odd: never looked at while choosing how to feed zinnia */
  FIXTURE_N_PARTS,
} FixturePart;

/* All .ink files of @dir, sorted by name (FixtureChar, freed with the array). */
GPtrArray  *fixture_load      (const char        *dir,
                               GError           **error);

FixturePart fixture_part      (const FixtureChar *c);
const char *fixture_part_name (FixturePart        part);

/* 1-based rank of @label among @candidates, 0 if absent. */
guint       fixture_rank      (GPtrArray         *candidates,
                               const char        *label);

/* Counts a character found at @rank (0: not found). */
void        fixture_score_add (FixtureScore      *score,
                               guint              rank);
double      fixture_score_rate (guint             count,
                                const FixtureScore *score);
