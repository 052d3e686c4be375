/* fd-guide-parser.c: the guide parser — checks a file and builds its model in one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GMarkup callbacks write straight into the FdGuide and check every rule
 * of docs/guide-format.md on the way, so loading and `frontdesk-guides
 * check` are the same code. A problem becomes a "FILE:LINE:COL: error: ..."
 * message; parsing goes on after it (an unknown element's subtree is
 * skipped) so a check lists every problem of a file at once. Positions are
 * kept as GMarkup gives them (line, character after the start tag) and
 * turned into the position of the tag's '<' only when a message is
 * written, so a good file pays nothing for them.
 *
 * Files are hostile input: the size, the depth, the number of elements
 * and attributes and the length of a text are bounded before or while
 * parsing (FD_GUIDE_MAX_*).
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd-guide-parser-private.h"

/* Positions */

static void
locate_tag_start (Parser     *p,
                  const char *name,
                  int        *line,
                  int        *col)
{
  if (p->line_starts == NULL)
    p->line_starts = _fd_xml_line_starts (p->data, p->length);
  _fd_xml_locate_tag_start (p->data, p->length, p->line_starts, name, line, col);
}

void
_fd_parser_report (Parser     *p,
                   gboolean    is_error,
                   int         code,
                   const Open *at,
                   const char *format,
                   ...)
{
  g_autofree char *msg = NULL;
  int line = 1, col = 1;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  if (at != NULL)
    {
      line = at->line;
      col = at->col;
      if (at->name != NULL)
        locate_tag_start (p, at->name, &line, &col);
    }
  if (is_error)
    {
      p->n_errors++;
      if (p->first_error == NULL)
        {
          p->first_error = g_strdup_printf ("%s:%d:%d: %s", p->filename, line, col, msg);
          p->first_code = code;
        }
    }
  if (p->messages != NULL)
    g_ptr_array_add (p->messages, g_strdup_printf ("%s:%d:%d: %s: %s", p->filename, line, col,
                                                   is_error ? "error" : "warning", msg));
}

/* The handler of the shared GMarkup front end (_fd_xml_context_new), which has already bounded
 * the number of elements, their attributes and their nesting. */

static void
on_start (gpointer              user_data,
          GMarkupParseContext  *context,
          const char           *name,
          const char          **names,
          const char          **values,
          GError              **error)
{
  Parser *p = user_data;
  Open open = { E_NONE, NULL, 0, 0 };

  g_markup_parse_context_get_position (context, &open.line, &open.col);
  open.name = name;

  if (p->skip > 0)
    {
      p->skip++;
      return;
    }
  if (p->depth == 0)
    {
      if (p->root_done)
        {
          g_set_error_literal (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_PARSE, "more than one root element");
          return;
        }
      p->stack[++p->depth] = open;
      p->stack[p->depth].elem = E_ROOT;
      if (!_fd_parser_start_root (p, &p->stack[1], name, names, values))
        {
          p->depth = 0;
          p->root_done = TRUE;
          p->skip = 1;
        }
      return;
    }
  if (p->in_text)
    {
      ERROR_AT (p, &open, "<%s> is not allowed inside <%s> (text only)", name, p->stack[p->depth].name);
      p->skip = 1;
      return;
    }
  if (!_fd_parser_start_element (p, &open, names, values))
    {
      p->skip = 1;
      return;
    }
  p->stack[++p->depth] = open;
}

static void
on_end (gpointer user_data)
{
  Parser *p = user_data;

  if (p->skip > 0)
    {
      p->skip--;
      return;
    }
  if (p->depth == 1)
    {
      _fd_parser_finish (p, &p->stack[1]);
      p->root_done = TRUE;
    }
  else
    _fd_parser_end_element (p, &p->stack[p->depth]);
  p->depth--;
}

static void
on_text (gpointer     user_data,
         const char  *text,
         gsize        text_len,
         GError     **error)
{
  Parser *p = user_data;

  if (!p->in_text || p->skip > 0)
    return;
  if (p->text->len + text_len > FD_GUIDE_MAX_TEXT)
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                   "a text longer than %u bytes in <%s>", FD_GUIDE_MAX_TEXT, p->stack[p->depth].name);
      return;
    }
  g_string_append_len (p->text, text, text_len);
}

static const FdXmlHandler handler = { on_start, on_end, on_text };

static void
clear_texts (GArray *array)
{
  if (array == NULL)
    return;
  for (guint i = 0; i < array->len; i++)
    fd_text_clear (&g_array_index (array, FdText, i));
  g_array_unref (array);
}

static void
parser_clear (Parser *p)
{
  if (p->context != NULL)
    g_markup_parse_context_free (p->context);
  g_clear_pointer (&p->line_starts, g_array_unref);
  g_clear_pointer (&p->first_error, g_free);
  g_string_free (p->text, TRUE);
  fd_guide_clear_material (&p->material);
  clear_texts (p->qs);
  clear_texts (p->as);
  if (p->refs != NULL)
    {
      g_ptr_array_set_free_func (p->refs, g_free);
      g_ptr_array_unref (p->refs);
    }
}

FdGuide *
fd_guide_parse (const char  *data,
                gsize        length,
                const char  *filename,
                GPtrArray   *messages,
                GError     **error)
{
  g_autoptr(FdGuide) guide = g_object_new (FD_TYPE_GUIDE, NULL);
  g_autoptr(GError) local_error = NULL;
  Parser p;

  memset (&p, 0, sizeof p);
  p.filename = filename != NULL ? filename : "<data>";
  p.data = data;
  p.length = length;
  p.messages = messages;
  p.guide = guide;
  p.text = g_string_sized_new (256);

  if (length > FD_GUIDE_MAX_FILE_SIZE)
    _fd_parser_report (&p, TRUE, FD_GUIDE_ERROR_INVALID, NULL, "the file is larger than %u bytes",
                       FD_GUIDE_MAX_FILE_SIZE);
  else
    {
      p.context = _fd_xml_context_new (&handler, &p, 0);
      if (!g_markup_parse_context_parse (p.context, data, length, &local_error) ||
          !g_markup_parse_context_end_parse (p.context, &local_error))
        {
          Open at = { E_NONE, NULL, 1, 1 };
          gboolean markup = local_error->domain == G_MARKUP_ERROR ||
                            local_error->code == FD_GUIDE_ERROR_PARSE;

          g_markup_parse_context_get_position (p.context, &at.line, &at.col);
          _fd_parser_report (&p, TRUE, markup ? FD_GUIDE_ERROR_PARSE : FD_GUIDE_ERROR_INVALID, &at, "%s%s",
                             markup ? "not well-formed XML: " : "", local_error->message);
        }
      else if (!p.root_done)
        _fd_parser_report (&p, TRUE, FD_GUIDE_ERROR_PARSE, NULL, "the file has no root element");
    }

  if (p.n_errors > 0)
    {
      g_set_error_literal (error, FD_GUIDE_ERROR, p.first_code, p.first_error);
      parser_clear (&p);
      return NULL;
    }
  parser_clear (&p);
  return g_steal_pointer (&guide);
}

/* Public */

/* Reads a whole guide file, refusing one larger than the bound before
 * reading it (one open, fstat, read: no more system calls than
 * g_file_get_contents). */
static char *
read_guide_file (const char  *path,
                 gsize       *length,
                 GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved = errno;

      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND, "%s:0:0: %s", path,
                   fd >= 0 && saved == 0 ? "not a regular file" : g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  if (st.st_size > FD_GUIDE_MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                   "%s:1:1: the file is larger than %u bytes", path, FD_GUIDE_MAX_FILE_SIZE);
      return NULL;
    }
  data = g_malloc ((gsize) st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break; /* shrank while reading: parse what is there */
      done += n;
    }
  close (fd);
  data[done] = '\0';
  *length = done;
  return g_steal_pointer (&data);
}

FdGuide *
fd_guide_new_from_file (const char  *path,
                        GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  FdGuide *self;

  g_return_val_if_fail (path != NULL, NULL);

  if ((data = read_guide_file (path, &length, error)) == NULL)
    return NULL;
  self = fd_guide_parse (data, length, path, NULL, error);
  if (self != NULL)
    self->path = g_strdup (path);
  return self;
}

FdGuide *
fd_guide_new_from_data (const char  *data,
                        gssize       length,
                        const char  *filename,
                        GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);
  return fd_guide_parse (data, length, filename, NULL, error);
}

gboolean
fd_guide_validate_file (const char *path,
                        GPtrArray  *messages)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) guide = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if ((data = read_guide_file (path, &length, &error)) == NULL)
    {
      /* "FILE:L:C: msg" -> "FILE:L:C: error: msg" */
      const char *msg = error->message + strlen (path);
      const char *rest = strstr (msg, ": ");

      if (messages != NULL)
        g_ptr_array_add (messages, g_strdup_printf ("%.*s: error: %s", (int) (rest - error->message),
                                                    error->message, rest + 2));
      return FALSE;
    }
  guide = fd_guide_parse (data, length, path, messages, NULL);
  return guide != NULL;
}
