/* fd-ink.c: strokes drawn on the conversation board, and their text file format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-ink"

#include "fd-ink.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct _FdInk {
  gatomicrefcount ref_count;
  double          width;
  double          height;
  GPtrArray      *strokes;   /* of GArray of FdInkPoint */
  guint           n_points;
};

G_DEFINE_BOXED_TYPE (FdInk, fd_ink, fd_ink_ref, fd_ink_unref)
G_DEFINE_QUARK (fd-ink-error-quark, fd_ink_error)

static void
stroke_free (gpointer data)
{
  g_array_unref (data);
}

FdInk *
fd_ink_new (double width,
            double height)
{
  FdInk *self;

  g_return_val_if_fail (width >= 1 && width <= FD_INK_MAX_SIZE, NULL);
  g_return_val_if_fail (height >= 1 && height <= FD_INK_MAX_SIZE, NULL);

  self = g_new0 (FdInk, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->width = width;
  self->height = height;
  self->strokes = g_ptr_array_new_with_free_func (stroke_free);
  return self;
}

FdInk *
fd_ink_ref (FdInk *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
fd_ink_unref (FdInk *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->strokes);
      g_free (self);
    }
}

FdInk *
fd_ink_copy (const FdInk *self)
{
  FdInk *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = fd_ink_new (self->width, self->height);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);
      GArray *dup = g_array_sized_new (FALSE, FALSE, sizeof (FdInkPoint), stroke->len);

      g_array_append_vals (dup, stroke->data, stroke->len);
      g_ptr_array_add (copy->strokes, dup);
    }
  copy->n_points = self->n_points;
  return copy;
}

double
fd_ink_get_width (const FdInk *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

double
fd_ink_get_height (const FdInk *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

guint
fd_ink_get_n_strokes (const FdInk *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->strokes->len;
}

guint
fd_ink_get_n_points (const FdInk *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_points;
}

const FdInkPoint *
fd_ink_get_stroke (const FdInk *self,
                   guint        index,
                   guint       *out_n_points)
{
  GArray *stroke;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->strokes->len, NULL);

  stroke = g_ptr_array_index (self->strokes, index);
  if (out_n_points != NULL)
    *out_n_points = stroke->len;
  return (const FdInkPoint *) stroke->data;
}

gboolean
fd_ink_begin_stroke (FdInk   *self,
                     GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->strokes->len >= FD_INK_MAX_STROKES)
    {
      g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_TOO_LARGE,
                   "A character has at most %d strokes", FD_INK_MAX_STROKES);
      return FALSE;
    }
  g_ptr_array_add (self->strokes, g_array_new (FALSE, FALSE, sizeof (FdInkPoint)));
  return TRUE;
}

gboolean
fd_ink_add_point (FdInk   *self,
                  double   x,
                  double   y,
                  GError **error)
{
  FdInkPoint point;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->strokes->len > 0, FALSE);

  if (!isfinite (x) || !isfinite (y))
    {
      g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE, "A point is not a finite number");
      return FALSE;
    }
  if (self->n_points >= FD_INK_MAX_POINTS)
    {
      g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_TOO_LARGE,
                   "A character has at most %d points", FD_INK_MAX_POINTS);
      return FALSE;
    }

  /* A pointer dragged past the edge of the canvas stays on its edge. */
  point.x = CLAMP (x, 0, self->width);
  point.y = CLAMP (y, 0, self->height);
  g_array_append_val ((GArray *) g_ptr_array_index (self->strokes, self->strokes->len - 1), point);
  self->n_points++;
  return TRUE;
}

void
fd_ink_remove_last_stroke (FdInk *self)
{
  GArray *stroke;

  g_return_if_fail (self != NULL);

  if (self->strokes->len == 0)
    return;
  stroke = g_ptr_array_index (self->strokes, self->strokes->len - 1);
  self->n_points -= stroke->len;
  g_ptr_array_remove_index (self->strokes, self->strokes->len - 1);
}

void
fd_ink_clear (FdInk *self)
{
  g_return_if_fail (self != NULL);
  g_ptr_array_set_size (self->strokes, 0);
  self->n_points = 0;
}

/* The text format ------------------------------------------------------- */

static gboolean
parse_number (const char *str,
              double      min,
              double      max,
              double     *out)
{
  char *end = NULL;
  double value;

  if (str == NULL || *str == '\0')
    return FALSE;
  value = g_ascii_strtod (str, &end);
  if (end == str || *end != '\0' || !isfinite (value) || value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_stroke (FdInk       *ink,
              const char  *rest,
              guint        line_no,
              GError     **error)
{
  g_auto(GStrv) pairs = g_strsplit (rest, " ", -1);
  guint added = 0;

  if (!fd_ink_begin_stroke (ink, error))
    return FALSE;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) xy = NULL;
      double x, y;

      if (pairs[i][0] == '\0')
        continue;
      xy = g_strsplit (pairs[i], ",", 3);
      if (g_strv_length (xy) != 2
          || !parse_number (xy[0], -FD_INK_MAX_SIZE, 2 * FD_INK_MAX_SIZE, &x)
          || !parse_number (xy[1], -FD_INK_MAX_SIZE, 2 * FD_INK_MAX_SIZE, &y))
        {
          g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE,
                       "Line %u: “%s” is not a point x,y", line_no, pairs[i]);
          return FALSE;
        }
      if (!fd_ink_add_point (ink, x, y, error))
        return FALSE;
      added++;
    }

  if (added == 0)
    {
      g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE, "Line %u: a stroke with no points", line_no);
      return FALSE;
    }
  return TRUE;
}

FdInk *
fd_ink_new_from_text (const char  *text,
                      gssize       length,
                      char       **out_label,
                      GError     **error)
{
  g_autoptr(FdInk) ink = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean seen_header = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strnlen (text, FD_INK_MAX_FILE_BYTES + 1);
  if (length > FD_INK_MAX_FILE_BYTES)
    {
      g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_TOO_LARGE,
                   "A stroke file is at most %d bytes", FD_INK_MAX_FILE_BYTES);
      return NULL;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE, "A stroke file is not UTF-8 text");
      return NULL;
    }

  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      guint line_no = i + 1;

      if (line[0] == '\0' || line[0] == '#')
        continue;

      if (!seen_header)
        {
          if (g_strcmp0 (line, "frontdesk-ink 1") != 0)
            {
              g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE,
                           "Line %u: a stroke file starts with “frontdesk-ink 1”", line_no);
              return NULL;
            }
          seen_header = TRUE;
        }
      else if (g_str_has_prefix (line, "size "))
        {
          g_auto(GStrv) wh = g_strsplit (line + 5, " ", 3);
          double w, h;

          if (ink != NULL || g_strv_length (wh) != 2
              || !parse_number (wh[0], 1, FD_INK_MAX_SIZE, &w)
              || !parse_number (wh[1], 1, FD_INK_MAX_SIZE, &h))
            {
              g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE,
                           "Line %u: one “size W H” with W and H from 1 to %d", line_no, FD_INK_MAX_SIZE);
              return NULL;
            }
          ink = fd_ink_new (w, h);
        }
      else if (g_str_has_prefix (line, "label "))
        {
          g_free (label);
          label = g_strdup (g_strstrip (line + 6));
        }
      else if (g_str_has_prefix (line, "source "))
        continue;
      else if (g_str_has_prefix (line, "stroke "))
        {
          if (ink == NULL)
            {
              g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE,
                           "Line %u: “size” comes before the strokes", line_no);
              return NULL;
            }
          if (!parse_stroke (ink, line + 7, line_no, error))
            return NULL;
        }
      else
        {
          g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE,
                       "Line %u: unknown record “%.20s”", line_no, line);
          return NULL;
        }
    }

  if (ink == NULL || fd_ink_get_n_strokes (ink) == 0)
    {
      g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_PARSE,
                   "A stroke file needs a header, a size and at least one stroke");
      return NULL;
    }

  if (out_label != NULL)
    *out_label = g_steal_pointer (&label);
  return g_steal_pointer (&ink);
}

FdInk *
fd_ink_new_from_file (const char  *path,
                      char       **out_label,
                      GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  if (g_mapped_file_get_length (file) > FD_INK_MAX_FILE_BYTES)
    {
      g_set_error (error, FD_INK_ERROR, FD_INK_ERROR_TOO_LARGE,
                   "%s: a stroke file is at most %d bytes", path, FD_INK_MAX_FILE_BYTES);
      return NULL;
    }
  return fd_ink_new_from_text (g_mapped_file_get_contents (file) ? g_mapped_file_get_contents (file) : "",
                               g_mapped_file_get_length (file), out_label, error);
}

char *
fd_ink_to_text (const FdInk *self,
                const char  *label,
                const char  *source)
{
  GString *out;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new ("frontdesk-ink 1\n");
  g_string_append_printf (out, "size %g %g\n", self->width, self->height);
  if (label != NULL && *label != '\0' && strchr (label, '\n') == NULL)
    g_string_append_printf (out, "label %s\n", label);
  if (source != NULL && *source != '\0' && strchr (source, '\n') == NULL)
    g_string_append_printf (out, "source %s\n", source);

  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      g_string_append (out, "stroke");
      for (guint j = 0; j < stroke->len; j++)
        {
          const FdInkPoint *p = &g_array_index (stroke, FdInkPoint, j);

          g_string_append_c (out, ' ');
          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.1f", p->x));
          g_string_append_c (out, ',');
          g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.1f", p->y));
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
