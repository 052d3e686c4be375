/* test-handwriting.c: stroke files and zinnia recognition of the fixture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "fd-handwriting.h"
#include "stroke-fixture.h"

/* Fixtures (docs/performance.md, "Board: handwriting recognition"):
 *
 * - strokes/: synthetic, straight lines between KanjiVG stroke end points
 *   (make-strokes.py), not handwriting. Measured 47/55 = 85.5 % top-5 since
 *   zinnia gets the strokes by their bounding box; the floor is 85 %: a
 *   recogniser or a conversion that gets worse fails here.
 * - recorded/: 50 characters a visitor writes at a desk, drawn on the real
 *   board by a program (record-strokes.py moves the X pointer over the pad
 *   under Xvfb, seed 14), NOT by a human hand. This is the fixture of issue
 *   14's goal, top-5 >= 90 %; measured 45/50 = 90.0 %, so the test asserts
 *   the goal, with no room to spare.
 * - recorded-seed15/: the same 50 characters recorded again by the same
 *   program with another seed. Measured 43/50 = 86.0 % with one reading of
 *   the strokes, 45/50 = 90.0 % since each character is also read reduced to
 *   its corners (fd-handwriting.c, CORNER_TOLERANCE); the floor is 88 %, one
 *   miss below what is measured. Together the two recordings give 90 %: the
 *   goal is met on both, not with a margin. */
typedef struct {
  const char *dir;
  const char *what;
  double      top5_floor;
} Fixture;

static const Fixture synthetic = {
  "strokes", "synthetic: straight lines between KanjiVG stroke end points", 0.85
};
static const Fixture recorded = {
  "recorded", "drawn on the board by a program (XTest under Xvfb), not by a human hand", 0.90
};
static const Fixture recorded_seed15 = {
  "recorded-seed15", "the same program, another seed; measured 90 %, floor 88 %", 0.88
};

static void
test_ink_round_trip (void)
{
  g_autoptr(FdInk) ink = fd_ink_new (300, 200);
  g_autoptr(FdInk) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  const FdInkPoint *points;
  guint n = 0;

  g_assert_true (fd_ink_begin_stroke (ink, &error));
  g_assert_true (fd_ink_add_point (ink, 10, 20, &error));
  g_assert_true (fd_ink_add_point (ink, 400, -5, &error)); /* off the canvas: clamped */
  g_assert_true (fd_ink_begin_stroke (ink, &error));
  g_assert_true (fd_ink_add_point (ink, 150.25, 100.5, &error));
  g_assert_no_error (error);

  text = fd_ink_to_text (ink, "人", "test");
  back = fd_ink_new_from_text (text, -1, &label, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "人");
  g_assert_cmpfloat (fd_ink_get_width (back), ==, 300);
  g_assert_cmpfloat (fd_ink_get_height (back), ==, 200);
  g_assert_cmpuint (fd_ink_get_n_strokes (back), ==, 2);
  g_assert_cmpuint (fd_ink_get_n_points (back), ==, 3);
  points = fd_ink_get_stroke (back, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (points[1].x, ==, 300);
  g_assert_cmpfloat (points[1].y, ==, 0);
  points = fd_ink_get_stroke (back, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat_with_epsilon (points[0].x, 150.2, 0.11);

  fd_ink_remove_last_stroke (back);
  g_assert_cmpuint (fd_ink_get_n_strokes (back), ==, 1);
  g_assert_cmpuint (fd_ink_get_n_points (back), ==, 2);
  fd_ink_clear (back);
  g_assert_cmpuint (fd_ink_get_n_points (back), ==, 0);
}

static void
test_ink_bad_files (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 2\nsize 10 10\nstroke 1,1\n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nstroke 1,1\n", FD_INK_ERROR_PARSE },                 /* no size first */
    { "frontdesk-ink 1\nsize 0 10\nstroke 1,1\n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nsize 10 10 10\nstroke 1,1\n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nsize 10 10\n", FD_INK_ERROR_PARSE },                 /* no stroke */
    { "frontdesk-ink 1\nsize 10 10\nstroke \n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nsize 10 10\nstroke 1,x\n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nsize 10 10\nstroke 1,nan\n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nsize 10 10\nstroke 1,2,3\n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nsize 10 10\nstroke 1e99,2\n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nsize 10 10\nwhat 1\n", FD_INK_ERROR_PARSE },
    { "frontdesk-ink 1\nsize 10 10\nlabel \xff\nstroke 1,1\n", FD_INK_ERROR_PARSE },
  };
  g_autoptr(GString) many = g_string_new ("frontdesk-ink 1\nsize 10 10\n");
  g_autoptr(GString) long_stroke = g_string_new ("frontdesk-ink 1\nsize 10 10\nstroke");
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FdInk) ink = fd_ink_new_from_text (cases[i].text, -1, NULL, &error);

      g_test_message ("case %u", i);
      g_assert_null (ink);
      g_assert_error (error, FD_INK_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  for (guint i = 0; i <= FD_INK_MAX_STROKES; i++)
    g_string_append (many, "stroke 1,1\n");
  g_assert_null (fd_ink_new_from_text (many->str, many->len, NULL, &error));
  g_assert_error (error, FD_INK_ERROR, FD_INK_ERROR_TOO_LARGE);
  g_clear_error (&error);

  for (guint i = 0; i <= FD_INK_MAX_POINTS; i++)
    g_string_append (long_stroke, " 1,1");
  g_assert_null (fd_ink_new_from_text (long_stroke->str, long_stroke->len, NULL, &error));
  g_assert_error (error, FD_INK_ERROR, FD_INK_ERROR_TOO_LARGE);
  g_clear_error (&error);

  huge = g_strnfill (FD_INK_MAX_FILE_BYTES + 1, '#');
  g_assert_null (fd_ink_new_from_text (huge, -1, NULL, &error));
  g_assert_error (error, FD_INK_ERROR, FD_INK_ERROR_TOO_LARGE);
}

static void
test_model_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdHandwriting) hw = NULL;
  g_autofree char *not_model = NULL;
  g_autofree char *tmp = NULL;

  hw = fd_handwriting_new ("/nonexistent/handwriting-zh_CN.model", &error);
  g_assert_null (hw);
  g_assert_error (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_MODEL_MISSING);
  g_assert_nonnull (strstr (error->message, "tegaki-zinnia-simplified-chinese"));
  g_clear_error (&error);

  /* The environment names the model when the caller does not. */
  g_setenv ("FRONTDESK_HANDWRITING_MODEL", "/nonexistent/other.model", TRUE);
  g_assert_cmpstr (fd_handwriting_find_model (), ==, "/nonexistent/other.model");
  hw = fd_handwriting_new (NULL, &error);
  g_assert_null (hw);
  g_assert_error (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_MODEL_MISSING);
  g_assert_nonnull (strstr (error->message, "/nonexistent/other.model"));
  g_clear_error (&error);
  g_unsetenv ("FRONTDESK_HANDWRITING_MODEL");
  g_assert_cmpstr (fd_handwriting_find_model (), ==, FD_HANDWRITING_DEFAULT_MODEL);

  /* A file that is not a model. */
  tmp = g_dir_make_tmp ("fd-hw-XXXXXX", &error);
  g_assert_no_error (error);
  not_model = g_build_filename (tmp, "bad.model", NULL);
  g_assert_true (g_file_set_contents (not_model, "not a zinnia model\n", -1, &error));
  hw = fd_handwriting_new (not_model, &error);
  g_assert_null (hw);
  g_assert_error (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_MODEL_INVALID);
  g_unlink (not_model);
  g_rmdir (tmp);
}

static void
on_recognized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
recognize_async (FdHandwriting  *hw,
                 FdInk          *ink,
                 guint           n_best,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  fd_handwriting_recognize_async (hw, ink, n_best, cancellable, on_recognized, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return fd_handwriting_recognize_finish (hw, result, error);
}

static void
test_recognize_empty_and_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdHandwriting) hw = fd_handwriting_new (NULL, &error);
  g_autoptr(FdInk) ink = fd_ink_new (100, 100);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (fd_handwriting_get_n_characters (hw), >, 3000);

  none = recognize_async (hw, ink, 5, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_true (fd_ink_begin_stroke (ink, NULL));
  g_assert_true (fd_ink_add_point (ink, 10, 50, NULL));
  g_assert_true (fd_ink_add_point (ink, 90, 50, NULL));
  g_cancellable_cancel (cancellable);
  none = recognize_async (hw, ink, 5, cancellable, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_recognize_fixture (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdHandwriting) hw = fd_handwriting_new (NULL, &error);
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "board", fixture->dir, NULL);
  g_autoptr(GPtrArray) chars = NULL;
  FixtureScore all = { 0 }, parts[FIXTURE_N_PARTS] = { { 0 } };
  g_autoptr(GString) misses = g_string_new (NULL);

  g_assert_no_error (error);
  chars = fixture_load (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chars->len, >=, 30);

  for (guint i = 0; i < chars->len; i++)
    {
      FixtureChar *c = g_ptr_array_index (chars, i);
      g_autoptr(GPtrArray) candidates = recognize_async (hw, c->ink, 10, NULL, &error);
      guint rank;

      g_assert_no_error (error);
      g_assert_cmpuint (candidates->len, ==, 10);
      for (guint j = 1; j < candidates->len; j++)
        {
          g_assert_cmpfloat (((FdCandidate *) candidates->pdata[j - 1])->score, >=,
                             ((FdCandidate *) candidates->pdata[j])->score);
          /* The two readings are merged: each character once. */
          for (guint k = 0; k < j; k++)
            g_assert_cmpstr (((FdCandidate *) candidates->pdata[k])->text, !=,
                             ((FdCandidate *) candidates->pdata[j])->text);
        }
      rank = fixture_rank (candidates, c->label);
      fixture_score_add (&all, rank);
      fixture_score_add (&parts[fixture_part (c)], rank);
      if (rank != 1)
        g_string_append_printf (misses, " U+%04X(U+%04X:%u)", g_utf8_get_char (c->label),
                                g_utf8_get_char (((FdCandidate *) candidates->pdata[0])->text), rank);
    }

  g_test_message ("%s (%s): %u characters, top-1 %u (%.1f %%), top-5 %u (%.1f %%), goal top-5 >= 90 %%",
                  fixture->dir, fixture->what, all.n, all.top1, 100 * fixture_score_rate (all.top1, &all),
                  all.top5, 100 * fixture_score_rate (all.top5, &all));
  for (guint p = 0; p < FIXTURE_N_PARTS; p++)
    g_test_message ("  %s: %u characters, top-1 %u, top-5 %u", fixture_part_name (p),
                    parts[p].n, parts[p].top1, parts[p].top5);
  g_test_message ("not first (character(first candidate:rank, 0 = not in top 10)):%s", misses->str);
  g_assert_cmpfloat (fixture_score_rate (all.top5, &all), >=, fixture->top5_floor);
}

/* The largest ink a pad accepts (FD_INK_MAX_STROKES strokes,
 * FD_INK_MAX_POINTS points), with a first stroke that is a dense spiral (the
 * worst case of reducing a stroke to its corners: one corner split off at a
 * time) and one-point strokes, is recognised; asking one candidate gives the
 * first of ten (the merge of the two readings keeps the order). */
static void
test_recognize_largest_ink (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdHandwriting) hw = fd_handwriting_new (NULL, &error);
  g_autoptr(FdInk) ink = fd_ink_new (FD_INK_MAX_SIZE, FD_INK_MAX_SIZE);
  g_autoptr(GPtrArray) ten = NULL;
  g_autoptr(GPtrArray) one = NULL;
  guint n_first = FD_INK_MAX_POINTS - (FD_INK_MAX_STROKES - 1);

  g_assert_no_error (error);
  g_assert_true (fd_ink_begin_stroke (ink, NULL));
  for (guint j = 0; j < n_first; j++)
    {
      double angle = j * 0.05, radius = 10 + 4990.0 * j / n_first;

      g_assert_true (fd_ink_add_point (ink, 5000 + radius * cos (angle), 5000 + radius * sin (angle), &error));
    }
  for (guint i = 1; i < FD_INK_MAX_STROKES; i++)
    {
      g_assert_true (fd_ink_begin_stroke (ink, NULL));
      g_assert_true (fd_ink_add_point (ink, i * 150, FD_INK_MAX_SIZE - i * 150, &error));
    }
  g_assert_false (fd_ink_begin_stroke (ink, NULL));
  g_assert_cmpuint (fd_ink_get_n_points (ink), ==, FD_INK_MAX_POINTS);

  ten = fd_handwriting_recognize (hw, ink, 10, NULL, &error);
  g_assert_no_error (error);
  one = fd_handwriting_recognize (hw, ink, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ten->len, >=, 1);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpstr (((FdCandidate *) one->pdata[0])->text, ==, ((FdCandidate *) ten->pdata[0])->text);
}

/* Where and how large a character is written, and the shape of the pad, do
 * not change what zinnia sees: the recorded 身 drawn again at half its
 * size in the corner of a wide pad gives the same candidates. */
static void
test_recognize_anywhere_on_pad (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdHandwriting) hw = fd_handwriting_new (NULL, &error);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "board", "recorded", "U8EAB.ink", NULL);
  g_autoptr(FdInk) ink = fd_ink_new_from_file (path, NULL, &error);
  g_autoptr(FdInk) moved = fd_ink_new (700, 250);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < fd_ink_get_n_strokes (ink); i++)
    {
      guint n = 0;
      const FdInkPoint *points = fd_ink_get_stroke (ink, i, &n);

      g_assert_true (fd_ink_begin_stroke (moved, NULL));
      for (guint j = 0; j < n; j++)
        g_assert_true (fd_ink_add_point (moved, 500 + points[j].x / 2, 10 + points[j].y / 2, NULL));
    }

  first = fd_handwriting_recognize (hw, ink, 5, NULL, &error);
  g_assert_no_error (error);
  second = fd_handwriting_recognize (hw, moved, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture_rank (first, "身"), >=, 1);
  /* The same up to rounding onto zinnia's integer grid, which may swap
   * candidates whose scores are within a hair of each other. */
  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    {
      const FdCandidate *a = first->pdata[i];
      const FdCandidate *b = second->pdata[i];

      g_test_message ("%u: U+%04X %.4f / U+%04X %.4f", i + 1, g_utf8_get_char (a->text), a->score,
                      g_utf8_get_char (b->text), b->score);
      g_assert_cmpfloat_with_epsilon (a->score, b->score, 0.02);
    }
  g_assert_cmpstr (((FdCandidate *) first->pdata[0])->text, ==, ((FdCandidate *) second->pdata[0])->text);
  g_assert_cmpuint (fixture_rank (first, "身"), ==, fixture_rank (second, "身"));
}

/* $FRONTDESK_INK_RECORD_DIR: every recognised ink is written there as a
 * stroke file that reads back as the same strokes. */
static void
test_record_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("fd-ink-record-XXXXXX", &error);
  g_autofree char *record_dir = g_build_filename (tmp, "sub", NULL);
  g_autoptr(FdHandwriting) hw = NULL;
  g_autoptr(FdInk) ink = fd_ink_new (200, 100);
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(FdInk) back = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *name;

  g_assert_no_error (error);
  g_setenv ("FRONTDESK_INK_RECORD_DIR", record_dir, TRUE);
  hw = fd_handwriting_new (NULL, &error);
  g_unsetenv ("FRONTDESK_INK_RECORD_DIR");
  g_assert_no_error (error);

  g_assert_true (fd_ink_begin_stroke (ink, NULL));
  g_assert_true (fd_ink_add_point (ink, 20, 50, NULL));
  g_assert_true (fd_ink_add_point (ink, 100, 52, NULL));
  g_assert_true (fd_ink_add_point (ink, 180, 50, NULL));
  candidates = recognize_async (hw, ink, 3, NULL, &error);
  g_assert_no_error (error);

  dir = g_dir_open (record_dir, 0, &error);
  g_assert_no_error (error);
  name = g_dir_read_name (dir);
  g_assert_nonnull (name);
  g_assert_true (g_str_has_prefix (name, "ink-") && g_str_has_suffix (name, ".ink"));
  path = g_build_filename (record_dir, name, NULL);
  g_assert_null (g_dir_read_name (dir));
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_nonnull (strstr (text, "# candidates: "));
  g_assert_nonnull (strstr (text, ((FdCandidate *) candidates->pdata[0])->text));
  back = fd_ink_new_from_text (text, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fd_ink_get_n_strokes (back), ==, 1);
  g_assert_cmpuint (fd_ink_get_n_points (back), ==, 3);
  g_assert_cmpfloat (fd_ink_get_width (back), ==, 200);

  g_unlink (path);
  g_rmdir (record_dir);
  g_rmdir (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board/ink/round-trip", test_ink_round_trip);
  g_test_add_func ("/board/ink/bad-files", test_ink_bad_files);
  g_test_add_func ("/board/handwriting/model-missing", test_model_missing);
  g_test_add_func ("/board/handwriting/empty-and-cancelled", test_recognize_empty_and_cancelled);
  g_test_add_func ("/board/handwriting/anywhere-on-pad", test_recognize_anywhere_on_pad);
  g_test_add_func ("/board/handwriting/record-dir", test_record_dir);
  g_test_add_func ("/board/handwriting/largest-ink", test_recognize_largest_ink);
  g_test_add_data_func ("/board/handwriting/fixture/synthetic", &synthetic, test_recognize_fixture);
  g_test_add_data_func ("/board/handwriting/fixture/recorded", &recorded, test_recognize_fixture);
  g_test_add_data_func ("/board/handwriting/fixture/recorded-seed15", &recorded_seed15, test_recognize_fixture);

  return g_test_run ();
}
