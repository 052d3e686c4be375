/* fd-handwriting.c: Chinese handwriting recognition (zinnia)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-handwriting"

#include "fd-handwriting.h"

#include <errno.h>
#include <math.h>
#include <zinnia.h>

/* What zinnia is fed (see docs/performance.md, "What zinnia is fed").
 *
 * zinnia divides x by the width and y by the height it is given, and most
 * of its features are absolute positions and angles around the centre of
 * that box (zinnia's feature.cpp). The Simplified Chinese model was trained
 * on Tomoe's character templates: one character filling a square
 * 1000 x 1000 box. So the strokes are mapped onto such a box by their own
 * bounding box, keeping the aspect ratio, centred, with a margin: a
 * character written small, off-centre or on a pad that is not square then
 * gives the features the model knows. (Before, the canvas itself was
 * mapped, which stretched a non-square pad and kept a small character
 * small and off-centre.) */
#define GRID 1000
#define MARGIN 100
/* A drawing smaller than this share of the pad's longer side (a dot, a
 * short dash) is not blown up to the whole box. */
#define MIN_EXTENT 0.1
/* The model's templates (Tomoe's) write a stroke as a few points, its
 * corners; a drawn stroke has hundreds, with the curvature of 撇 and 捺,
 * hooks and tremor. zinnia splits a stroke at its farthest point from the
 * chord while that is more than 3.2 % of the box away (feature.cpp,
 * getVertex), and each piece is a feature of its own, so a drawn stroke
 * gives pieces a template does not have. Each character is therefore read
 * twice, as drawn and with its strokes reduced to their corners
 * (Douglas-Peucker, tolerance this share of the character's size), and each
 * candidate keeps its better score. Chosen on the fixtures' tuned halves
 * (0.06 to 0.12 score the same there); see docs/performance.md. */
#define CORNER_TOLERANCE 0.08

/* Each recognised ink is written to $FRONTDESK_INK_RECORD_DIR when it is set
 * (recording fixtures through the real board: tests/board/record-strokes.py);
 * at most this many files per recogniser. */
#define MAX_RECORDED 10000

struct _FdHandwriting {
  GObject              parent_instance;
  char                *model_path;
  zinnia_recognizer_t *recognizer;
  GMutex               lock;      /* one classification at a time */
  char                *record_dir; /* $FRONTDESK_INK_RECORD_DIR, or NULL */
  guint                n_recorded;  /* under lock */
};

G_DEFINE_FINAL_TYPE (FdHandwriting, fd_handwriting, G_TYPE_OBJECT)
G_DEFINE_QUARK (fd-handwriting-error-quark, fd_handwriting_error)
G_DEFINE_BOXED_TYPE (FdCandidate, fd_candidate, fd_candidate_copy, fd_candidate_free)

FdCandidate *
fd_candidate_copy (const FdCandidate *candidate)
{
  FdCandidate *copy;

  g_return_val_if_fail (candidate != NULL, NULL);

  copy = g_new0 (FdCandidate, 1);
  copy->text = g_strdup (candidate->text);
  copy->score = candidate->score;
  return copy;
}

void
fd_candidate_free (FdCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->text);
  g_free (candidate);
}

static void
fd_handwriting_finalize (GObject *object)
{
  FdHandwriting *self = FD_HANDWRITING (object);

  if (self->recognizer != NULL)
    {
      zinnia_recognizer_close (self->recognizer);
      zinnia_recognizer_destroy (self->recognizer);
    }
  g_free (self->model_path);
  g_free (self->record_dir);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (fd_handwriting_parent_class)->finalize (object);
}

static void
fd_handwriting_class_init (FdHandwritingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_handwriting_finalize;
}

static void
fd_handwriting_init (FdHandwriting *self)
{
  g_mutex_init (&self->lock);
}

/**
 * fd_handwriting_find_model:
 *
 * Returns: the model path used when none is given:
 *   $FRONTDESK_HANDWRITING_MODEL if set and not empty, else the Debian default.
 */
const char *
fd_handwriting_find_model (void)
{
  const char *env = g_getenv ("FRONTDESK_HANDWRITING_MODEL");

  return (env != NULL && *env != '\0') ? env : FD_HANDWRITING_DEFAULT_MODEL;
}

FdHandwriting *
fd_handwriting_new (const char  *model_path,
                    GError     **error)
{
  g_autoptr(FdHandwriting) self = NULL;
  const char *record_dir;

  if (model_path == NULL || *model_path == '\0')
    model_path = fd_handwriting_find_model ();

  if (!g_file_test (model_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_MODEL_MISSING,
                   "The handwriting model %s is missing: install the Debian package "
                   "tegaki-zinnia-simplified-chinese, or set FRONTDESK_HANDWRITING_MODEL "
                   "to a zinnia model file", model_path);
      return NULL;
    }

  self = g_object_new (FD_TYPE_HANDWRITING, NULL);
  self->model_path = g_strdup (model_path);
  record_dir = g_getenv ("FRONTDESK_INK_RECORD_DIR");
  if (record_dir != NULL && *record_dir != '\0')
    self->record_dir = g_strdup (record_dir);
  self->recognizer = zinnia_recognizer_new ();
  if (!zinnia_recognizer_open (self->recognizer, model_path))
    {
      g_set_error (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_MODEL_INVALID,
                   "%s is not a zinnia handwriting model: %s", model_path,
                   zinnia_recognizer_strerror (self->recognizer));
      zinnia_recognizer_destroy (self->recognizer);
      self->recognizer = NULL;
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
fd_handwriting_get_model_path (FdHandwriting *self)
{
  g_return_val_if_fail (FD_IS_HANDWRITING (self), NULL);
  return self->model_path;
}

/* Number of characters the model knows. */
guint
fd_handwriting_get_n_characters (FdHandwriting *self)
{
  g_return_val_if_fail (FD_IS_HANDWRITING (self), 0);
  return (guint) zinnia_recognizer_size (self->recognizer);
}

/* Douglas-Peucker on one stroke in box coordinates: marks in @keep the
 * points that stay (the ends, and every point farther than @tolerance from
 * the chord of the piece it lies in). Iterative, with a stack of at most
 * @n pieces, so a stroke of any length (FD_INK_MAX_POINTS) is safe. */
static void
mark_corners (const double *x,
              const double *y,
              guint         n,
              double        tolerance,
              gboolean     *keep)
{
  g_autofree guint *stack = g_new (guint, 2 * (gsize) n);
  guint top = 0;

  keep[0] = keep[n - 1] = TRUE;
  stack[top++] = 0;
  stack[top++] = n - 1;
  while (top > 0)
    {
      guint last = stack[--top], first = stack[--top], best = first;
      double dx = x[last] - x[first], dy = y[last] - y[first], chord = hypot (dx, dy), max = tolerance;

      for (guint i = first + 1; i < last; i++)
        {
          double d = chord > 0 ? fabs (dx * (y[i] - y[first]) - dy * (x[i] - x[first])) / chord
                               : hypot (x[i] - x[first], y[i] - y[first]);
          if (d > max)
            {
              max = d;
              best = i;
            }
        }
      if (best != first)
        {
          keep[best] = TRUE;
          stack[top++] = first;
          stack[top++] = best;
          stack[top++] = best;
          stack[top++] = last;
        }
    }
}

/* zinnia (feature.cpp, getVertex) splits a stroke recursively at the point
 * farthest from the chord, numbering the pieces as a binary tree (piece i
 * splits into 2i+1 and 2i+2) and growing an array to the largest number:
 * a stroke with many corners (a spiral, a scribble) makes that number grow
 * as 2^depth, so zinnia would allocate without bound. Only pieces up to
 * number 50 become features (kMaxCharacterSize), all of depth <= 5. So the
 * stroke zinnia is given keeps only the ends of the pieces of depth <= 5,
 * found the same way zinnia finds them (same float arithmetic): zinnia then
 * finds the same pieces up to depth 5, hence the same features, and never
 * splits deeper than depth 6. */
#define ZINNIA_MAX_DEPTH 6

static void
add_stroke (zinnia_character_t *character,
            guint               id,
            const double       *x,
            const double       *y,
            const gboolean     *keep,
            guint               n)
{
  g_autofree int *ix = g_new (int, n);
  g_autofree int *iy = g_new (int, n);
  g_autofree gboolean *tree = g_new0 (gboolean, n);
  g_autofree guint *stack = g_new (guint, 3 * (gsize) n + 3);
  guint m = 0, top = 0;

  for (guint j = 0; j < n; j++)
    if (keep[j])
      {
        ix[m] = (int) lround (x[j]);
        iy[m] = (int) lround (y[j]);
        m++;
      }
  if (m == 0)
    return;
  tree[0] = tree[m - 1] = TRUE;
  stack[top++] = 0;
  stack[top++] = m - 1;
  stack[top++] = 0;
  while (top > 0)
    {
      guint depth = stack[--top], last = stack[--top], first = stack[--top], best = first;
      float fx = (float) (1.0 * ix[first] / GRID), fy = (float) (1.0 * iy[first] / GRID);
      float lx = (float) (1.0 * ix[last] / GRID), ly = (float) (1.0 * iy[last] / GRID);
      float a = lx - fx, b = ly - fy, c = (float) ((double) (ly * fx) - (double) (lx * fy)), max = -1, dist;

      if (first == last || depth >= ZINNIA_MAX_DEPTH)
        continue;
      for (guint j = first; j != last; j++)
        {
          float d = fabsf ((a * (float) (1.0 * iy[j] / GRID)) - (b * (float) (1.0 * ix[j] / GRID)) + c);

          if (d > max)
            {
              max = d;
              best = j;
            }
        }
      dist = max * max / (a * a + b * b);
      if (!(dist > 0.001f))
        continue;
      tree[best] = TRUE;
      stack[top++] = first;
      stack[top++] = best;
      stack[top++] = depth + 1;
      stack[top++] = best;
      stack[top++] = last;
      stack[top++] = depth + 1;
    }
  for (guint j = 0; j < m; j++)
    if (tree[j])
      zinnia_character_add (character, id, ix[j], iy[j]);
}

/* @ink as a zinnia character in the square GRID box (see GRID). With
 * @corners, each stroke is first reduced to its corners (Douglas-Peucker at
 * CORNER_TOLERANCE), as the strokes of the model's templates are written. */
static zinnia_character_t *
ink_to_zinnia (FdInk    *ink,
               gboolean  corners)
{
  zinnia_character_t *character = zinnia_character_new ();
  guint n_strokes = fd_ink_get_n_strokes (ink);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double side, scale, cx, cy;
  guint id = 0;

  for (guint i = 0; i < n_strokes; i++)
    {
      guint n_points = 0;
      const FdInkPoint *points = fd_ink_get_stroke (ink, i, &n_points);

      for (guint j = 0; j < n_points; j++)
        {
          x0 = MIN (x0, points[j].x);
          x1 = MAX (x1, points[j].x);
          y0 = MIN (y0, points[j].y);
          y1 = MAX (y1, points[j].y);
        }
    }
  side = MAX (MAX (x1 - x0, y1 - y0), MIN_EXTENT * MAX (fd_ink_get_width (ink), fd_ink_get_height (ink)));
  scale = (GRID - 2 * MARGIN) / side;
  cx = (x0 + x1) / 2;
  cy = (y0 + y1) / 2;

  zinnia_character_set_width (character, GRID);
  zinnia_character_set_height (character, GRID);
  for (guint i = 0; i < n_strokes; i++)
    {
      guint n_points = 0;
      const FdInkPoint *points = fd_ink_get_stroke (ink, i, &n_points);
      g_autofree double *x = NULL;
      g_autofree double *y = NULL;
      g_autofree gboolean *keep = NULL;

      if (n_points == 0)
        continue;
      x = g_new (double, n_points);
      y = g_new (double, n_points);
      keep = g_new0 (gboolean, n_points);
      for (guint j = 0; j < n_points; j++)
        {
          x[j] = GRID / 2 + (points[j].x - cx) * scale;
          y[j] = GRID / 2 + (points[j].y - cy) * scale;
          keep[j] = !corners;
        }
      if (corners)
        mark_corners (x, y, n_points, CORNER_TOLERANCE * (GRID - 2 * MARGIN), keep);
      add_stroke (character, id++, x, y, keep, n_points);
    }
  return character;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const FdCandidate *ca = *(FdCandidate * const *) a, *cb = *(FdCandidate * const *) b;

  return (ca->score < cb->score) - (ca->score > cb->score);
}

/* Adds @result's candidates to @candidates, keeping each character once
 * with its best score (@index: character -> its FdCandidate). */
static void
merge_result (GPtrArray         *candidates,
              GHashTable        *index,
              zinnia_result_t   *result)
{
  for (size_t i = 0; i < zinnia_result_size (result); i++)
    {
      const char *value = zinnia_result_value (result, i);
      double score = zinnia_result_score (result, i);
      FdCandidate *candidate = g_hash_table_lookup (index, value);

      if (candidate != NULL)
        {
          candidate->score = MAX (candidate->score, score);
          continue;
        }
      candidate = g_new0 (FdCandidate, 1);
      candidate->text = g_strdup (value);
      candidate->score = score;
      g_hash_table_insert (index, candidate->text, candidate);
      g_ptr_array_add (candidates, candidate);
    }
}

/* Writes @ink to the record directory (see MAX_RECORDED), with the first
 * candidates as a comment. Called with the lock held. */
static void
record_ink (FdHandwriting *self,
            FdInk         *ink,
            GPtrArray     *candidates)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ink_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (self->record_dir == NULL || self->n_recorded >= MAX_RECORDED)
    return;
  ink_text = fd_ink_to_text (ink, NULL, "recognised by Frontdesk (FRONTDESK_INK_RECORD_DIR)");
  text = g_string_new (ink_text);
  g_string_append (text, "# candidates:");
  for (guint i = 0; i < candidates->len; i++)
    g_string_append_printf (text, " %s", ((FdCandidate *) g_ptr_array_index (candidates, i))->text);
  g_string_append_c (text, '\n');

  name = g_strdup_printf ("ink-%" G_GINT64_FORMAT "-%05u.ink", g_get_real_time (), self->n_recorded++);
  path = g_build_filename (self->record_dir, name, NULL);
  if (g_mkdir_with_parents (self->record_dir, 0700) != 0
      || !g_file_set_contents_full (path, text->str, text->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Cannot record the ink in %s: %s", path, error != NULL ? error->message : g_strerror (errno));
}

GPtrArray *
fd_handwriting_recognize (FdHandwriting  *self,
                          FdInk          *ink,
                          guint           n_best,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GHashTable) index = NULL;

  g_return_val_if_fail (FD_IS_HANDWRITING (self), NULL);
  g_return_val_if_fail (ink != NULL, NULL);
  g_return_val_if_fail (n_best > 0, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (fd_ink_get_n_points (ink) == 0)
    {
      g_set_error_literal (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_EMPTY,
                           "Nothing has been written");
      return NULL;
    }

  n_best = MIN (n_best, FD_HANDWRITING_MAX_CANDIDATES);
  candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_candidate_free);
  index = g_hash_table_new (g_str_hash, g_str_equal);
  /* Two readings (see CORNER_TOLERANCE): as drawn, and reduced to corners;
   * the n_best of the merge are among the n_best of each. */
  for (guint reading = 0; reading < 2; reading++)
    {
      zinnia_character_t *character = ink_to_zinnia (ink, reading == 1);
      zinnia_result_t *result;

      g_mutex_lock (&self->lock);
      result = zinnia_recognizer_classify (self->recognizer, character, n_best);
      g_mutex_unlock (&self->lock);
      zinnia_character_destroy (character);
      if (result == NULL)
        {
          g_set_error (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_FAILED,
                       "Handwriting recognition failed: %s", zinnia_recognizer_strerror (self->recognizer));
          return NULL;
        }
      merge_result (candidates, index, result);
      zinnia_result_destroy (result);
    }
  /* A stable sort: on equal scores the reading as drawn comes first. */
  g_ptr_array_sort (candidates, compare_candidates);
  if (candidates->len > n_best)
    g_ptr_array_set_size (candidates, n_best);

  g_mutex_lock (&self->lock);
  record_ink (self, ink, candidates);
  g_mutex_unlock (&self->lock);

  return g_steal_pointer (&candidates);
}

typedef struct {
  FdInk *ink;
  guint  n_best;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  fd_ink_unref (job->ink);
  g_free (job);
}

static void
recognize_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *candidates;

  candidates = fd_handwriting_recognize (source_object, job->ink, job->n_best, cancellable, &error);
  if (candidates == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, candidates, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * fd_handwriting_recognize_async:
 * @ink: the strokes; copied, so the caller may go on drawing
 * @n_best: how many candidates at most (capped at FD_HANDWRITING_MAX_CANDIDATES)
 *
 * Recognises @ink on a worker thread.
 */
void
fd_handwriting_recognize_async (FdHandwriting       *self,
                                FdInk               *ink,
                                guint                n_best,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FD_IS_HANDWRITING (self));
  g_return_if_fail (ink != NULL);
  g_return_if_fail (n_best > 0);

  job = g_new0 (Job, 1);
  job->ink = fd_ink_copy (ink);
  job->n_best = n_best;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_handwriting_recognize_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, recognize_thread);
}

/**
 * fd_handwriting_recognize_finish:
 *
 * Returns: (transfer container): the candidates (FdCandidate), best first
 */
GPtrArray *
fd_handwriting_recognize_finish (FdHandwriting  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (FD_IS_HANDWRITING (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fd_handwriting_recognize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
