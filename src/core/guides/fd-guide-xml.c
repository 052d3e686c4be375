/* fd-guide-xml.c: a small XML tree with line numbers for guide files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fd-guide-private.h"

typedef struct {
  GMarkupParseContext *context;
  GStringChunk        *chunk;
  const char          *data;
  const char          *end;
  GArray              *line_starts;  /* offsets of line starts, 0-based lines */
  FdXmlNode           *root;
  FdXmlNode           *current;
} ParseState;

GArray *
_fd_xml_line_starts (const char *data,
                     gsize       length)
{
  GArray *line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;

  g_array_append_val (line_starts, zero);
  for (gsize i = 0; i < length; i++)
    if (data[i] == '\n')
      {
        gsize next = i + 1;
        g_array_append_val (line_starts, next);
      }
  return line_starts;
}

/* GMarkup reports where it is when the start tag has been read (just
 * after its '>', sometimes one character further): walk back to the '<'
 * so messages point at the start of the element. */
void
_fd_xml_locate_tag_start (const char *data,
                          gsize       length,
                          GArray     *line_starts,
                          const char *name,
                          int        *line,
                          int        *col)
{
  const char *end = data + length;
  const char *p;
  int l = *line - 1;
  gsize name_len = strlen (name);

  if (l < 0 || (guint) l >= line_starts->len || length == 0)
    return;
  p = data + g_array_index (line_starts, gsize, l);
  for (int c = 1; c < *col && p < end && *p != '\n'; c++)
    p = g_utf8_next_char (p);
  if (p >= end)
    p = end - 1;
  while (p > data &&
         !(*p == '<' && (gsize) (end - p) > name_len + 1 && strncmp (p + 1, name, name_len) == 0 &&
           (g_ascii_isspace (p[1 + name_len]) || p[1 + name_len] == '>' || p[1 + name_len] == '/')))
    p--;
  if (*p != '<')
    return;
  while (l > 0 && data + g_array_index (line_starts, gsize, l) > p)
    l--;
  *line = l + 1;
  *col = 1 + (int) g_utf8_pointer_to_offset (data + g_array_index (line_starts, gsize, l), p);
}

/* ---- the front end shared with the guide parser ------------------------------------------ */

typedef struct {
  const FdXmlHandler *handler;
  gpointer            data;
  guint               n_elements;
  guint               depth;
} FrontEnd;

static void
on_start (GMarkupParseContext  *context,
          const char           *name,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  FrontEnd *f = user_data;

  if (++f->n_elements > FD_GUIDE_MAX_ELEMENTS)
    g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID, "more than %u elements",
                 FD_GUIDE_MAX_ELEMENTS);
  else if (g_strv_length ((char **) names) > FD_GUIDE_MAX_ATTRIBUTES)
    g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID, "more than %u attributes on <%s>",
                 FD_GUIDE_MAX_ATTRIBUTES, name);
  else if (++f->depth > FD_GUIDE_MAX_DEPTH)
    g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID, "elements nested deeper than %d",
                 FD_GUIDE_MAX_DEPTH);
  else
    f->handler->start (f->data, context, name, names, values, error);
}

static void
on_end (GMarkupParseContext  *context,
        const char           *name,
        gpointer              user_data,
        GError              **error)
{
  FrontEnd *f = user_data;

  f->depth--;
  f->handler->end (f->data);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  FrontEnd *f = user_data;

  f->handler->text (f->data, text, text_len, error);
}

static const GMarkupParser front_end = {
  on_start, on_end, on_text, NULL, NULL,
};

GMarkupParseContext *
_fd_xml_context_new (const FdXmlHandler *handler,
                     gpointer            data,
                     GMarkupParseFlags   flags)
{
  FrontEnd *f = g_new0 (FrontEnd, 1);

  f->handler = handler;
  f->data = data;
  return g_markup_parse_context_new (&front_end, flags, f, g_free);
}

/* ---- the tree ------------------------------------------------------------------------------ */

static void
tree_start (gpointer              user_data,
            GMarkupParseContext  *context,
            const char           *element_name,
            const char          **attribute_names,
            const char          **attribute_values,
            GError              **error)
{
  ParseState *state = user_data;
  FdXmlNode *node;
  guint n_attrs = g_strv_length ((char **) attribute_names);

  node = g_new0 (FdXmlNode, 1);

  /* one allocation for both attribute arrays, strings in the chunk */
  if (state->chunk == NULL)
    state->chunk = g_string_chunk_new (4096);
  node->name = g_string_chunk_insert (state->chunk, element_name);
  node->attr_names = g_new (const char *, 2 * (n_attrs + 1));
  node->attr_values = node->attr_names + n_attrs + 1;
  for (guint i = 0; i < n_attrs; i++)
    {
      node->attr_names[i] = g_string_chunk_insert (state->chunk, attribute_names[i]);
      node->attr_values[i] = g_string_chunk_insert (state->chunk, attribute_values[i]);
    }
  node->attr_names[n_attrs] = NULL;
  node->attr_values[n_attrs] = NULL;
  g_markup_parse_context_get_position (context, &node->line, &node->col);
  _fd_xml_locate_tag_start (state->data, state->end - state->data, state->line_starts, element_name,
                            &node->line, &node->col);
  node->parent = state->current;

  if (state->current != NULL)
    {
      if (state->current->children == NULL)
        state->current->children = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_xml_node_free);
      g_ptr_array_add (state->current->children, node);
    }
  else if (state->root == NULL)
    state->root = node;
  else
    {
      fd_xml_node_free (node);
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "more than one root element");
      return;
    }
  state->current = node;
}

static void
tree_end (gpointer user_data)
{
  ParseState *state = user_data;
  FdXmlNode *node = state->current;

  g_assert (node != NULL);
  if (node->text == NULL)
    node->text = g_string_new (NULL);
  if (node->children == NULL)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_xml_node_free);
  state->current = node->parent;
}

static void
tree_text (gpointer     user_data,
           const char  *text,
           gsize        text_len,
           GError     **error)
{
  ParseState *state = user_data;
  FdXmlNode *node = state->current;

  if (node == NULL)
    return;
  if (node->text == NULL)
    {
      gsize i = 0;

      while (i < text_len && g_ascii_isspace (text[i]))
        i++;
      if (i == text_len)
        return; /* indentation between elements */
      node->text = g_string_new_len (text, text_len);
    }
  else if (node->text->len + text_len > FD_GUIDE_MAX_TEXT)
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                 "a text longer than %u bytes", FD_GUIDE_MAX_TEXT);
  else
    g_string_append_len (node->text, text, text_len);
}

static const FdXmlHandler tree_handler = { tree_start, tree_end, tree_text };

FdXmlNode *
fd_xml_parse (const char  *data,
              gssize       length,
              const char  *filename,
              GError     **error)
{
  ParseState state = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) line_starts = NULL;

  if (length < 0)
    length = strlen (data);
  if (length > FD_GUIDE_MAX_FILE_SIZE)
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                   "%s:1:1: the file is larger than %u bytes", filename, FD_GUIDE_MAX_FILE_SIZE);
      return NULL;
    }
  line_starts = _fd_xml_line_starts (data, length);
  state.data = data;
  state.end = data + length;
  state.line_starts = line_starts;

/* GMarkup rejects invalid UTF-8 itself, with a position. */

  state.context = _fd_xml_context_new (&tree_handler, &state, G_MARKUP_PREFIX_ERROR_POSITION);
  if (!g_markup_parse_context_parse (state.context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (state.context, &local_error))
    {
      int line = 0, col = 0;
      const char *msg = local_error->message;

      g_markup_parse_context_get_position (state.context, &line, &col);
      /* GMarkup already says "Error on line N char M: ": keep its text after it. */
      if (g_str_has_prefix (msg, "Error on line ") && strstr (msg, ": ") != NULL)
        msg = strstr (msg, ": ") + 2;
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_PARSE,
                   "%s:%d:%d: not well-formed XML: %s", filename, line, col, msg);
      g_markup_parse_context_free (state.context);
      if (state.root != NULL)
        state.root->chunk = state.chunk;
      else if (state.chunk != NULL)
        g_string_chunk_free (state.chunk);
      g_clear_pointer (&state.root, fd_xml_node_free);
      return NULL;
    }
  g_markup_parse_context_free (state.context);

  if (state.root != NULL)
    state.root->chunk = state.chunk;
  else if (state.chunk != NULL)
    g_string_chunk_free (state.chunk);
  if (state.root == NULL)
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_PARSE,
                   "%s:1:1: the file has no root element", filename);
      return NULL;
    }
  return state.root;
}

FdXmlNode *
fd_xml_parse_file (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > FD_GUIDE_MAX_FILE_SIZE)
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                   "%s:1:1: the file is larger than %u bytes", path, FD_GUIDE_MAX_FILE_SIZE);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND,
                   "%s:0:0: %s", path, local_error->message);
      return NULL;
    }
  return fd_xml_parse (data, length, path, error);
}

void
fd_xml_node_free (FdXmlNode *node)
{
  if (node == NULL)
    return;
  g_free (node->attr_names);
  if (node->text != NULL)
    g_string_free (node->text, TRUE);
  if (node->children != NULL)
    g_ptr_array_unref (node->children);
  if (node->chunk != NULL)
    g_string_chunk_free (node->chunk);
  g_free (node);
}

const char *
fd_xml_node_attr (FdXmlNode  *node,
                  const char *name)
{
  for (guint i = 0; node->attr_names[i] != NULL; i++)
    if (g_str_equal (node->attr_names[i], name))
      return node->attr_values[i];
  return NULL;
}

char *
fd_xml_node_text (FdXmlNode *node)
{
  GString *out = g_string_sized_new (node->text->len);
  gboolean space = FALSE;

  for (const char *p = node->text->str; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

gboolean
fd_xml_node_lang (FdXmlNode *node,
                  FdLang    *lang,
                  gboolean  *unknown)
{
  const char *value = fd_xml_node_attr (node, "xml:lang");

  *unknown = FALSE;
  if (value == NULL)
    return FALSE;
  if (!fd_lang_from_string (value, lang))
    *unknown = TRUE;
  return TRUE;
}

char *
fd_xml_where (const char *filename,
              FdXmlNode  *node,
              const char *format,
              ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  return g_strdup_printf ("%s:%d:%d: %s", filename,
                          node != NULL ? node->line : 1,
                          node != NULL ? node->col : 1, msg);
}

const char *
fd_text_get (const FdText *text,
             FdLang        lang)
{
  g_assert (lang < FD_N_LANGS);
  if (text->s[lang] != NULL)
    return text->s[lang];
  return text->s[FD_LANG_ZH_CN];
}

void
fd_text_clear (FdText *text)
{
  for (guint i = 0; i < FD_N_LANGS; i++)
    g_clear_pointer (&text->s[i], g_free);
}
