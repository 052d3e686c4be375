/* fd-handwriting.c: Chinese handwriting recognition (zinnia)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-handwriting"

#include "fd-handwriting.h"

#include <math.h>
#include <zinnia.h>

/* zinnia takes integer coordinates: every canvas is mapped onto this grid
 * (keeping its aspect ratio) so a small canvas loses no precision. */
#define GRID 1000

struct _FdHandwriting {
  GObject              parent_instance;
  char                *model_path;
  zinnia_recognizer_t *recognizer;
  GMutex               lock;      /* one classification at a time */
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

static zinnia_character_t *
ink_to_zinnia (FdInk *ink)
{
  zinnia_character_t *character = zinnia_character_new ();
  double scale = GRID / MAX (fd_ink_get_width (ink), fd_ink_get_height (ink));
  guint n_strokes = fd_ink_get_n_strokes (ink);
  guint id = 0;

  zinnia_character_set_width (character, (size_t) lround (fd_ink_get_width (ink) * scale));
  zinnia_character_set_height (character, (size_t) lround (fd_ink_get_height (ink) * scale));

  for (guint i = 0; i < n_strokes; i++)
    {
      guint n_points = 0;
      const FdInkPoint *points = fd_ink_get_stroke (ink, i, &n_points);

      if (n_points == 0)
        continue;
      for (guint j = 0; j < n_points; j++)
        zinnia_character_add (character, id, (int) lround (points[j].x * scale),
                              (int) lround (points[j].y * scale));
      id++;
    }
  return character;
}

GPtrArray *
fd_handwriting_recognize (FdHandwriting  *self,
                          FdInk          *ink,
                          guint           n_best,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  zinnia_character_t *character;
  zinnia_result_t *result;

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
  character = ink_to_zinnia (ink);
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

  candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_candidate_free);
  for (size_t i = 0; i < zinnia_result_size (result); i++)
    {
      FdCandidate *candidate = g_new0 (FdCandidate, 1);

      candidate->text = g_strdup (zinnia_result_value (result, i));
      candidate->score = zinnia_result_score (result, i);
      g_ptr_array_add (candidates, candidate);
    }
  zinnia_result_destroy (result);

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
