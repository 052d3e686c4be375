/* fd-guide-xml.c: a small XML tree with line numbers for guide files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide-private.h"

typedef struct {
  GMarkupParseContext *context;
  FdXmlNode           *root;
  FdXmlNode           *current;
} ParseState;

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  FdXmlNode *node = g_new0 (FdXmlNode, 1);

  node->name = g_strdup (element_name);
  node->attr_names = g_strdupv ((char **) attribute_names);
  node->attr_values = g_strdupv ((char **) attribute_values);
  node->text = g_string_new (NULL);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_xml_node_free);
  g_markup_parse_context_get_position (context, &node->line, &node->col);
  node->parent = state->current;

  if (state->current != NULL)
    g_ptr_array_add (state->current->children, node);
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
on_end_element (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;

  g_assert (state->current != NULL);
  state->current = state->current->parent;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->current != NULL)
    g_string_append_len (state->current->text, text, text_len);
}

static const GMarkupParser parser = {
  on_start_element, on_end_element, on_text, NULL, NULL,
};

FdXmlNode *
fd_xml_parse (const char  *data,
              gssize       length,
              const char  *filename,
              GError     **error)
{
  ParseState state = { NULL, NULL, NULL };
  g_autoptr(GError) local_error = NULL;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_PARSE,
                   "%s:1:1: the file is not valid UTF-8", filename);
      return NULL;
    }

  state.context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
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
      g_clear_pointer (&state.root, fd_xml_node_free);
      return NULL;
    }
  g_markup_parse_context_free (state.context);

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
  g_free (node->name);
  g_strfreev (node->attr_names);
  g_strfreev (node->attr_values);
  g_string_free (node->text, TRUE);
  g_ptr_array_unref (node->children);
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
