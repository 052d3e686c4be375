/* fd-phrasebook.c: the desk phrasebook of the conversation board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-phrasebook"

#include "config.h"

#include "fd-phrasebook.h"

#include <string.h>

/* Plural rules (CLDR) -------------------------------------------------- */

FdPlural
fd_plural_for (FdLang  lang,
               guint64 n)
{
  switch (lang)
    {
    case FD_LANG_EN:
      return n == 1 ? FD_PLURAL_ONE : FD_PLURAL_OTHER;
    case FD_LANG_RU:
      if (n % 10 == 1 && n % 100 != 11)
        return FD_PLURAL_ONE;
      if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14))
        return FD_PLURAL_FEW;
      return FD_PLURAL_MANY;
    case FD_LANG_ZH_CN:
    default:
      return FD_PLURAL_OTHER;
    }
}

static const char * const plural_names[FD_N_PLURALS] = { "one", "few", "many", "other" };

const char *
fd_plural_to_string (FdPlural plural)
{
  g_return_val_if_fail (plural < FD_N_PLURALS, NULL);
  return plural_names[plural];
}

/* FdPhrase ------------------------------------------------------------- */

struct _FdPhrase {
  GObject         parent_instance;
  char           *id;
  char           *category;
  FdPhraseNumber  number;
  char           *forms[FD_N_LANGS][FD_N_PLURALS];
};

G_DEFINE_FINAL_TYPE (FdPhrase, fd_phrase, G_TYPE_OBJECT)

static void
fd_phrase_finalize (GObject *object)
{
  FdPhrase *self = FD_PHRASE (object);

  g_free (self->id);
  g_free (self->category);
  for (guint l = 0; l < FD_N_LANGS; l++)
    for (guint p = 0; p < FD_N_PLURALS; p++)
      g_free (self->forms[l][p]);
  G_OBJECT_CLASS (fd_phrase_parent_class)->finalize (object);
}

static void
fd_phrase_class_init (FdPhraseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_phrase_finalize;
}

static void
fd_phrase_init (FdPhrase *self)
{
}

const char *
fd_phrase_get_id (FdPhrase *self)
{
  g_return_val_if_fail (FD_IS_PHRASE (self), NULL);
  return self->id;
}

const char *
fd_phrase_get_category (FdPhrase *self)
{
  g_return_val_if_fail (FD_IS_PHRASE (self), NULL);
  return self->category;
}

FdPhraseNumber
fd_phrase_get_number (FdPhrase *self)
{
  g_return_val_if_fail (FD_IS_PHRASE (self), FD_PHRASE_PLAIN);
  return self->number;
}

/* The text of one plural form exactly as the file has it (a plain or label
 * phrase has only FD_PLURAL_OTHER), or NULL. */
const char *
fd_phrase_get_form (FdPhrase *self,
                    FdLang    lang,
                    FdPlural  plural)
{
  g_return_val_if_fail (FD_IS_PHRASE (self), NULL);
  g_return_val_if_fail (lang < FD_N_LANGS && plural < FD_N_PLURALS, NULL);
  return self->forms[lang][plural];
}

static const char *
any_form (FdPhrase *self,
          FdLang    lang,
          FdPlural  wanted)
{
  static const FdPlural fallback[] = { FD_PLURAL_OTHER, FD_PLURAL_MANY, FD_PLURAL_FEW, FD_PLURAL_ONE };

  if (self->forms[lang][wanted] != NULL)
    return self->forms[lang][wanted];
  for (guint i = 0; i < G_N_ELEMENTS (fallback); i++)
    if (self->forms[lang][fallback[i]] != NULL)
      return self->forms[lang][fallback[i]];
  return NULL;
}

/**
 * fd_phrase_get_text:
 *
 * Returns: the phrase in @lang as listed (a count phrase in its "other" or
 *   "many" form, with {n} still in it), falling back to Chinese when the
 *   language is missing
 */
const char *
fd_phrase_get_text (FdPhrase *self,
                    FdLang    lang)
{
  const char *text;

  g_return_val_if_fail (FD_IS_PHRASE (self), NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);

  text = any_form (self, lang, FD_PLURAL_OTHER);
  return text != NULL ? text : any_form (self, FD_LANG_ZH_CN, FD_PLURAL_OTHER);
}

/**
 * fd_phrase_format:
 * @n: the number ({n}); ignored by a plain phrase
 *
 * Returns: (transfer full): the sentence in @lang, with the plural form @n
 *   asks for and {n} replaced by @n
 */
char *
fd_phrase_format (FdPhrase *self,
                  FdLang    lang,
                  guint64   n)
{
  const char *text;
  const char *mark;
  GString *out;

  g_return_val_if_fail (FD_IS_PHRASE (self), NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);

  if (self->number == FD_PHRASE_COUNT && any_form (self, lang, FD_PLURAL_OTHER) != NULL)
    text = any_form (self, lang, fd_plural_for (lang, n));
  else
    text = fd_phrase_get_text (self, lang);
  if (self->number == FD_PHRASE_PLAIN)
    return g_strdup (text);

  out = g_string_new (NULL);
  while ((mark = strstr (text, "{n}")) != NULL)
    {
      g_string_append_len (out, text, mark - text);
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, n);
      text = mark + 3;
    }
  g_string_append (out, text);
  return g_string_free (out, FALSE);
}

/* FdPhraseCategory ----------------------------------------------------- */

struct _FdPhraseCategory {
  GObject     parent_instance;
  char       *id;
  char       *names[FD_N_LANGS];
  GListStore *phrases;
};

G_DEFINE_FINAL_TYPE (FdPhraseCategory, fd_phrase_category, G_TYPE_OBJECT)

static void
fd_phrase_category_finalize (GObject *object)
{
  FdPhraseCategory *self = FD_PHRASE_CATEGORY (object);

  g_free (self->id);
  for (guint l = 0; l < FD_N_LANGS; l++)
    g_free (self->names[l]);
  g_clear_object (&self->phrases);
  G_OBJECT_CLASS (fd_phrase_category_parent_class)->finalize (object);
}

static void
fd_phrase_category_class_init (FdPhraseCategoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_phrase_category_finalize;
}

static void
fd_phrase_category_init (FdPhraseCategory *self)
{
  self->phrases = g_list_store_new (FD_TYPE_PHRASE);
}

const char *
fd_phrase_category_get_id (FdPhraseCategory *self)
{
  g_return_val_if_fail (FD_IS_PHRASE_CATEGORY (self), NULL);
  return self->id;
}

/* The category's name in @lang; NULL when the file has none. */
const char *
fd_phrase_category_get_name (FdPhraseCategory *self,
                             FdLang            lang)
{
  g_return_val_if_fail (FD_IS_PHRASE_CATEGORY (self), NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);
  return self->names[lang];
}

/* Returns: (transfer none): the phrases of the category, a GListModel of FdPhrase */
GListModel *
fd_phrase_category_get_phrases (FdPhraseCategory *self)
{
  g_return_val_if_fail (FD_IS_PHRASE_CATEGORY (self), NULL);
  return G_LIST_MODEL (self->phrases);
}

/* FdPhrasebook --------------------------------------------------------- */

struct _FdPhrasebook {
  GObject     parent_instance;
  GPtrArray  *categories;   /* of FdPhraseCategory */
  GHashTable *by_id;        /* id -> FdPhrase (borrowed) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdPhrasebook, fd_phrasebook, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))
G_DEFINE_QUARK (fd-phrasebook-error-quark, fd_phrasebook_error)

static GType
get_item_type (GListModel *model)
{
  return FD_TYPE_PHRASE_CATEGORY;
}

static guint
get_n_items (GListModel *model)
{
  return FD_PHRASEBOOK (model)->categories->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  FdPhrasebook *self = FD_PHRASEBOOK (model);

  if (position >= self->categories->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->categories, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
fd_phrasebook_finalize (GObject *object)
{
  FdPhrasebook *self = FD_PHRASEBOOK (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  G_OBJECT_CLASS (fd_phrasebook_parent_class)->finalize (object);
}

static void
fd_phrasebook_class_init (FdPhrasebookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_phrasebook_finalize;
}

static void
fd_phrasebook_init (FdPhrasebook *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Parsing ---------------------------------------------------------------- */

typedef struct {
  FdPhrasebook     *book;
  FdPhraseCategory *category;  /* open <category> */
  FdPhrase         *phrase;    /* open <phrase> */
  GString          *text;      /* open <name> or <text> */
  char            **slot;      /* where the open element's text goes */
} Parser;

static gboolean
lang_of (const char *tag,
         FdLang     *out)
{
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    if (g_strcmp0 (tag, fd_lang_to_tag (l)) == 0)
      {
        *out = l;
        return TRUE;
      }
  return FALSE;
}

static gboolean
plural_of (const char *name,
           FdPlural   *out)
{
  for (FdPlural p = 0; p < FD_N_PLURALS; p++)
    if (g_strcmp0 (name, plural_names[p]) == 0)
      {
        *out = p;
        return TRUE;
      }
  return FALSE;
}

#define invalid(error, ...) \
  g_set_error ((error), FD_PHRASEBOOK_ERROR, FD_PHRASEBOOK_ERROR_INVALID, __VA_ARGS__)

static void
start_text (Parser      *p,
            const char  *element,
            const char **names,
            const char **values,
            GError     **error)
{
  const char *lang_tag = NULL, *plural_name = NULL;
  FdLang lang = FD_LANG_ZH_CN;
  FdPlural plural = FD_PLURAL_OTHER;
  gboolean is_name = g_str_equal (element, "name");

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "xml:lang", &lang_tag,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "plural", &plural_name,
                                    G_MARKUP_COLLECT_INVALID))
    return;
  if (plural_name != NULL && (is_name || !plural_of (plural_name, &plural)))
    {
      invalid (error, "Unknown plural form “%s”", plural_name);
      return;
    }

  p->text = g_string_new (NULL);
  if (!lang_of (lang_tag, &lang))
    return;  /* a language Frontdesk does not speak (yet): read and dropped */
  if (is_name)
    p->slot = &p->category->names[lang];
  else if ((p->phrase->number == FD_PHRASE_COUNT) != (plural_name != NULL))
    {
      invalid (error, "Phrase “%s”: plural forms go with number=\"count\" and only there", p->phrase->id);
      return;
    }
  else
    p->slot = &p->phrase->forms[lang][plural];
  if (*p->slot != NULL)
    {
      invalid (error, "Text “%s” given twice", lang_tag);
      return;
    }
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Parser *p = user_data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *parent = stack->next ? stack->next->data : NULL;
  const char *id = NULL, *version = NULL, *number = NULL;

  if (g_str_equal (element, "phrasebook") && parent == NULL)
    {
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "version", &version,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!g_str_equal (version, "1"))
        invalid (error, "Phrasebook version “%s” is not read by this version of Frontdesk", version);
    }
  else if (g_str_equal (element, "category") && g_strcmp0 (parent, "phrasebook") == 0)
    {
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id, G_MARKUP_COLLECT_INVALID))
        return;
      if (p->book->categories->len >= 100)
        {
          g_set_error_literal (error, FD_PHRASEBOOK_ERROR, FD_PHRASEBOOK_ERROR_TOO_LARGE, "Too many categories");
          return;
        }
      p->category = g_object_new (FD_TYPE_PHRASE_CATEGORY, NULL);
      p->category->id = g_strdup (id);
      g_ptr_array_add (p->book->categories, p->category);
    }
  else if (g_str_equal (element, "phrase") && g_strcmp0 (parent, "category") == 0)
    {
      FdPhraseNumber kind = FD_PHRASE_PLAIN;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "number", &number,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (g_hash_table_size (p->book->by_id) >= FD_PHRASEBOOK_MAX_PHRASES)
        {
          g_set_error (error, FD_PHRASEBOOK_ERROR, FD_PHRASEBOOK_ERROR_TOO_LARGE,
                       "A phrasebook has at most %d phrases", FD_PHRASEBOOK_MAX_PHRASES);
          return;
        }
      if (g_hash_table_contains (p->book->by_id, id))
        {
          invalid (error, "Phrase “%s” given twice", id);
          return;
        }
      if (g_strcmp0 (number, "count") == 0)
        kind = FD_PHRASE_COUNT;
      else if (g_strcmp0 (number, "label") == 0)
        kind = FD_PHRASE_LABEL;
      else if (number != NULL)
        {
          invalid (error, "Unknown number kind “%s”", number);
          return;
        }

      p->phrase = g_object_new (FD_TYPE_PHRASE, NULL);
      p->phrase->id = g_strdup (id);
      p->phrase->category = g_strdup (p->category->id);
      p->phrase->number = kind;
      g_list_store_append (p->category->phrases, p->phrase);
      g_hash_table_insert (p->book->by_id, p->phrase->id, p->phrase);
      g_object_unref (p->phrase);   /* the category's store owns it */
    }
  else if ((g_str_equal (element, "name") && g_strcmp0 (parent, "category") == 0)
           || (g_str_equal (element, "text") && g_strcmp0 (parent, "phrase") == 0))
    start_text (p, element, names, values, error);
  else
    invalid (error, "Unexpected element <%s>", element);
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Parser *p = user_data;

  if (g_str_equal (element, "category"))
    p->category = NULL;
  else if (g_str_equal (element, "phrase"))
    {
      if (fd_phrase_get_text (p->phrase, FD_LANG_ZH_CN) == NULL)
        invalid (error, "Phrase “%s” has no Chinese text", p->phrase->id);
      p->phrase = NULL;
    }
  else if (p->text != NULL)
    {
      char *text = g_strstrip (g_string_free (g_steal_pointer (&p->text), FALSE));

      if (p->slot == NULL)
        g_free (text);
      else if (*text == '\0')
        {
          g_free (text);
          invalid (error, "Empty <%s>", element);
        }
      else
        *p->slot = text;
      p->slot = NULL;
    }
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Parser *p = user_data;

  if (p->text == NULL)
    return;  /* whitespace between elements */
  if (p->text->len + length > FD_PHRASEBOOK_MAX_TEXT)
    {
      g_set_error (error, FD_PHRASEBOOK_ERROR, FD_PHRASEBOOK_ERROR_TOO_LARGE,
                   "A phrase is at most %d bytes", FD_PHRASEBOOK_MAX_TEXT);
      return;
    }
  g_string_append_len (p->text, text, length);
}

static const GMarkupParser parser_funcs = { on_start, on_end, on_text, NULL, NULL };

FdPhrasebook *
fd_phrasebook_new_from_data (const char  *data,
                             gssize       length,
                             GError     **error)
{
  g_autoptr(FdPhrasebook) book = g_object_new (FD_TYPE_PHRASEBOOK, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  Parser p = { book, NULL, NULL, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strnlen (data, FD_PHRASEBOOK_MAX_BYTES + 1);
  if (length > FD_PHRASEBOOK_MAX_BYTES)
    {
      g_set_error (error, FD_PHRASEBOOK_ERROR, FD_PHRASEBOOK_ERROR_TOO_LARGE,
                   "A phrasebook is at most %d bytes", FD_PHRASEBOOK_MAX_BYTES);
      return NULL;
    }

  context = g_markup_parse_context_new (&parser_funcs, G_MARKUP_PREFIX_ERROR_POSITION, &p, NULL);
  ok = g_markup_parse_context_parse (context, data, length, error)
       && g_markup_parse_context_end_parse (context, error);
  if (p.text != NULL)
    g_string_free (p.text, TRUE);
  if (!ok)
    return NULL;
  if (book->categories->len == 0)
    {
      g_set_error_literal (error, FD_PHRASEBOOK_ERROR, FD_PHRASEBOOK_ERROR_INVALID,
                           "Not a phrasebook: no <phrasebook> with categories");
      return NULL;
    }
  return g_steal_pointer (&book);
}

FdPhrasebook *
fd_phrasebook_new_from_file (const char  *path,
                             GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  FdPhrasebook *book;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  if (g_mapped_file_get_length (file) == 0)
    book = fd_phrasebook_new_from_data ("", 0, &local_error);
  else
    book = fd_phrasebook_new_from_data (g_mapped_file_get_contents (file),
                                        g_mapped_file_get_length (file), &local_error);
  if (book == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
  return book;
}

/* $FRONTDESK_DATADIR/board/phrasebook.xml, else the installed one. */
char *
fd_phrasebook_default_path (void)
{
  const char *datadir = g_getenv ("FRONTDESK_DATADIR");

  if (datadir != NULL && *datadir != '\0')
    return g_build_filename (datadir, "board", "phrasebook.xml", NULL);
  return g_build_filename (PKGDATADIR, "board", "phrasebook.xml", NULL);
}

guint
fd_phrasebook_get_n_phrases (FdPhrasebook *self)
{
  g_return_val_if_fail (FD_IS_PHRASEBOOK (self), 0);
  return g_hash_table_size (self->by_id);
}

/* Returns: (transfer none) (nullable): the phrase with @id */
FdPhrase *
fd_phrasebook_lookup (FdPhrasebook *self,
                      const char   *id)
{
  g_return_val_if_fail (FD_IS_PHRASEBOOK (self), NULL);
  return g_hash_table_lookup (self->by_id, id);
}
