/* test-handwriting.c: stroke files and zinnia recognition of the fixture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "fd-handwriting.h"
#include "stroke-fixture.h"

/* The share of the fixture whose character must be among the first five
 * candidates. The goal (issue 14) is 90 %; the present fixture (straight
 * lines between KanjiVG stroke end points, not handwriting: see
 * docs/performance.md) reaches 45/55 = 81.8 %, so the floor is 80 %: a
 * recogniser or a conversion that gets worse fails here. */
#define TOP5_FLOOR 0.80

static char *
fixture_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "board", "strokes", NULL);
}

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
test_recognize_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdHandwriting) hw = fd_handwriting_new (NULL, &error);
  g_autofree char *dir = fixture_dir ();
  g_autoptr(GPtrArray) chars = NULL;
  guint top1 = 0, top5 = 0;
  g_autoptr(GString) misses = g_string_new (NULL);
  double rate1, rate5;

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
        g_assert_cmpfloat (((FdCandidate *) candidates->pdata[j - 1])->score, >=,
                           ((FdCandidate *) candidates->pdata[j])->score);
      rank = fixture_rank (candidates, c->label);
      top1 += rank == 1;
      top5 += rank >= 1 && rank <= 5;
      if (rank != 1)
        g_string_append_printf (misses, " U+%04X(U+%04X:%u)", g_utf8_get_char (c->label),
                                g_utf8_get_char (((FdCandidate *) candidates->pdata[0])->text), rank);
    }

  rate1 = (double) top1 / chars->len;
  rate5 = (double) top5 / chars->len;
  g_test_message ("fixture: %u characters, top-1 %u (%.1f %%), top-5 %u (%.1f %%), goal top-5 >= 90 %%",
                  chars->len, top1, 100 * rate1, top5, 100 * rate5);
  g_test_message ("not first (character(first candidate:rank, 0 = not in top 10)):%s", misses->str);
  g_assert_cmpfloat (rate5, >=, TOP5_FLOOR);
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
  g_test_add_func ("/board/handwriting/fixture", test_recognize_fixture);

  return g_test_run ();
}
