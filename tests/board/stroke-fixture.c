/* stroke-fixture.c: the handwriting fixture, shared by tests and bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "stroke-fixture.h"

#include <string.h>

static void
fixture_char_free (gpointer data)
{
  FixtureChar *c = data;

  g_free (c->name);
  g_free (c->label);
  g_clear_pointer (&c->ink, fd_ink_unref);
  g_free (c);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const FixtureChar *ca = *(FixtureChar * const *) a;
  const FixtureChar *cb = *(FixtureChar * const *) b;

  return strcmp (ca->name, cb->name);
}

GPtrArray *
fixture_load (const char  *dir,
              GError     **error)
{
  g_autoptr(GPtrArray) chars = g_ptr_array_new_with_free_func (fixture_char_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  const char *name;

  if (d == NULL)
    return NULL;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      FixtureChar *c;

      if (!g_str_has_suffix (name, ".ink"))
        continue;
      path = g_build_filename (dir, name, NULL);
      c = g_new0 (FixtureChar, 1);
      c->name = g_strdup (name);
      c->ink = fd_ink_new_from_file (path, &c->label, error);
      if (c->ink == NULL || c->label == NULL)
        {
          if (c->ink != NULL)
            g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE, "%s has no label", path);
          fixture_char_free (c);
          return NULL;
        }
      g_ptr_array_add (chars, c);
    }
  g_ptr_array_sort (chars, compare_names);
  return g_steal_pointer (&chars);
}

guint
fixture_rank (GPtrArray  *candidates,
              const char *label)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      const FdCandidate *candidate = g_ptr_array_index (candidates, i);

      if (g_strcmp0 (candidate->text, label) == 0)
        return i + 1;
    }
  return 0;
}

FixturePart
fixture_part (const FixtureChar *c)
{
  return g_utf8_get_char (c->label) % 2 == 0 ? FIXTURE_TUNE : FIXTURE_HELD_OUT;
}

const char *
fixture_part_name (FixturePart part)
{
  return part == FIXTURE_TUNE ? "tuned on" : "held out";
}

void
fixture_score_add (FixtureScore *score,
                   guint         rank)
{
  score->n++;
  score->top1 += rank == 1;
  score->top5 += rank >= 1 && rank <= 5;
}

double
fixture_score_rate (guint               count,
                    const FixtureScore *score)
{
  return score->n > 0 ? (double) count / score->n : 0;
}
