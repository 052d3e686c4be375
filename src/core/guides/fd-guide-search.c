/* fd-guide-search.c: building the search index of a guide catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At load time every searchable field of every guide (names and keywords
 * in three languages, the pinyin and initials of the Chinese ones, the
 * Snowball stems of the English and Russian ones, hyphenated words also
 * written joined) is folded and appended to the text of its script (Han,
 * Latin, Cyrillic), with a table of fields (owner guide, rank class, kind)
 * sorted by offset and a byte per text byte saying where a match may start. Departments,
 * category titles and material names repeat across guides and are stored
 * once in a shared text. Also built here: the vocabulary of English and
 * Russian words (for typos), the known Chinese terms (to find them inside
 * a sentence) and which packages bundle each matter. Queries:
 * fd-guide-search-query.c.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide-search-private.h"

static void
blob_init (Blob  *blob,
           gsize  size)
{
  blob->text = g_string_sized_new (size);
  blob->fields = g_array_new (FALSE, FALSE, sizeof (Field));
  blob->starts = g_byte_array_new ();
}

static void
blob_clear (Blob *blob)
{
  if (blob->text != NULL)
    g_string_free (blob->text, TRUE);
  g_clear_pointer (&blob->fields, g_array_unref);
  g_clear_pointer (&blob->starts, g_byte_array_unref);
}

static BlobScript
script_of (FieldKind kind,
           FdLang    lang)
{
  if (kind == KIND_PINYIN || kind == KIND_INITIALS || lang == FD_LANG_EN)
    return BLOB_LATIN;
  if (lang == FD_LANG_RU)
    return BLOB_CYRILLIC;
  return BLOB_HAN;
}

static gboolean
is_alnum_at (const char *p)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    return g_ascii_isalnum (c);
  if (c == 0xD0 || c == 0xD1)   /* U+0400-U+047F: Cyrillic letters */
    return TRUE;
  return g_unichar_isalnum (g_utf8_get_char (p));
}

/* Marks where a query may match in field @f (Blob.starts): from a word
 * start in English and Russian, a syllable start in pinyin (marked by
 * add_pinyin() before), any character in Chinese and initials. */
static void
mark_starts (Blob        *blob,
             const Field *f)
{
  const char *text = blob->text->str;
  guint8 *starts;

  g_byte_array_set_size (blob->starts, f->end + 1);
  starts = blob->starts->data;
  starts[f->end] = 0;
  if (f->kind == KIND_PINYIN)
    return;
  if (f->kind != KIND_WORDS)
    {
      memset (starts + f->start, 1, f->end - f->start);
      return;
    }
  memset (starts + f->start, 0, f->end - f->start);
  {
    gboolean after_alnum = FALSE;

    for (const char *p = text + f->start; p < text + f->end; p = g_utf8_next_char (p))
      {
        gboolean alnum = is_alnum_at (p);

        starts[p - text] = !after_alnum;
        after_alnum = alnum;
      }
  }
}

/* Appends @text (already folded) as one field. */
static void
blob_add (Blob       *blob,
          guint       guide,
          FieldClass  klass,
          FieldKind   kind,
          FdLang      lang,
          const char *text)
{
  Field f;

  if (text == NULL || *text == '\0')
    return;
  f.start = blob->text->len;
  g_string_append (blob->text, text);
  f.end = blob->text->len;
  g_string_append_c (blob->text, FD_SEARCH_SEPARATOR);
  f.guide = guide;
  f.klass = klass;
  f.kind = kind;
  f.lang = lang;
  g_array_append_val (blob->fields, f);
  mark_starts (blob, &f);
}

/* A text field, folded; English and Russian also joined at hyphens
 * ("start-up" → "startup") and stemmed ("регистрацию" → "регистрац"). */
static void
add_text (FdGuideSearchPart *part,
          FieldClass         klass,
          FdLang             lang,
          const char        *text)
{
  FieldKind kind = lang == FD_LANG_ZH_CN ? KIND_HAN : KIND_WORDS;
  Blob *blob = &part->blobs[script_of (kind, lang)];
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return;
  folded = fd_search_normalize (text);
  blob_add (blob, 0, klass, kind, lang, folded);
  if (kind == KIND_WORDS)
    {
      g_autofree char *joined = _fd_search_join_dashes (text);
      g_autofree char *stems = _fd_search_stem_words (folded);

      blob_add (blob, 0, klass, kind, lang, joined);
      blob_add (blob, 0, klass, kind, lang, stems);
    }
}

/* "yin hang ka" → field "yinhangka" with syllable starts marked, and its
 * initials "yhk". */
static void
add_pinyin (FdGuideSearchPart *part,
            FieldClass         klass,
            const char        *text)
{
  Blob *blob = &part->blobs[BLOB_LATIN];
  g_autofree char *pinyin = NULL;
  g_autoptr(GString) joined = NULL;
  g_autoptr(GString) initials = NULL;
  gboolean start = TRUE;
  guint32 base;

  if (text == NULL || *text == '\0')
    return;
  pinyin = fd_pinyin_from_text (text);
  if (*pinyin == '\0')
    return;
  joined = g_string_new (NULL);
  initials = g_string_new (NULL);
  base = blob->text->len;
  g_byte_array_set_size (blob->starts, base + strlen (pinyin) + 1);
  memset (blob->starts->data + base, 0, strlen (pinyin) + 1);
  for (const char *p = pinyin; *p != '\0'; p++)
    {
      if (*p == ' ')
        {
          start = TRUE;
          continue;
        }
      if (start)
        {
          blob->starts->data[base + joined->len] = 1;
          g_string_append_c (initials, *p);
        }
      start = FALSE;
      g_string_append_c (joined, *p);
    }
  blob_add (blob, 0, klass, KIND_PINYIN, FD_LANG_ZH_CN, joined->str);
  blob_add (blob, 0, klass, KIND_INITIALS, FD_LANG_ZH_CN, initials->str);
}

FdGuideSearchPart *
fd_guide_search_part_new (FdGuide *guide)
{
  FdGuideSearchPart *part = g_new0 (FdGuideSearchPart, 1);
  const FdText *name = fd_guide_get_name_text (guide);
  const FdText *keywords = fd_guide_get_keywords_text (guide);

  for (guint b = 0; b < N_BLOBS; b++)
    blob_init (&part->blobs[b], 256);

  /* Order inside a guide follows rank, best first. */
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    add_text (part, CLASS_NAME, l, name->s[l]);
  add_pinyin (part, CLASS_NAME, name->s[FD_LANG_ZH_CN]);
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    add_text (part, CLASS_KEYWORDS, l, keywords->s[l]);
  if (keywords->s[FD_LANG_ZH_CN] != NULL)
    {
      g_auto(GStrv) kw = g_strsplit (keywords->s[FD_LANG_ZH_CN], " ", -1);

      for (guint i = 0; kw[i] != NULL; i++)
        add_pinyin (part, CLASS_KEYWORDS, kw[i]);
    }
  for (guint b = 0; b < N_BLOBS; b++)
    {
      g_byte_array_set_size (part->blobs[b].starts, part->blobs[b].text->len + 1);
      part->blobs[b].starts->data[part->blobs[b].text->len] = 0;
    }
  return part;
}

void
fd_guide_search_part_free (FdGuideSearchPart *part)
{
  if (part == NULL)
    return;
  for (guint b = 0; b < N_BLOBS; b++)
    blob_clear (&part->blobs[b]);
  g_free (part);
}

/* Appends a guide's part to the index. */
static void
append_part (FdGuideIndex            *index,
             guint                    g,
             const FdGuideSearchPart *part)
{
  for (guint b = 0; b < N_BLOBS; b++)
    {
      Blob *to = &index->blobs[b];
      const Blob *from = &part->blobs[b];
      guint32 base = to->text->len;
      guint32 first = to->fields->len;

      g_array_append_val (index->guide_fields[b], first);
      g_string_append_len (to->text, from->text->str, from->text->len);
      g_byte_array_set_size (to->starts, base + from->text->len);
      if (from->text->len > 0)
        memcpy (to->starts->data + base, from->starts->data, from->text->len);
      for (guint i = 0; i < from->fields->len; i++)
        {
          Field f = g_array_index (from->fields, Field, i);

          f.start += base;
          f.end += base;
          f.guide = g;
          g_array_append_val (to->fields, f);
        }
    }
}

/* A shared field: stored once per distinct text and language. */
static void
add_other (FdGuideIndex *index,
           guint         guide,
           FdLang        lang,
           const char   *text)
{
  gpointer value;
  guint32 id;
  GArray *users;
  guint32 g = guide;

  if (text == NULL || *text == '\0')
    return;
  value = g_hash_table_lookup (index->other_ids[lang], text);
  if (value == NULL)
    {
      g_autofree char *folded = fd_search_normalize (text);

      id = index->other_users->len;
      g_ptr_array_add (index->other_users, g_array_new (FALSE, FALSE, sizeof (guint32)));
      g_hash_table_insert (index->other_ids[lang], (gpointer) text, GUINT_TO_POINTER (id + 1));
      blob_add (&index->other, id, CLASS_OTHER, lang == FD_LANG_ZH_CN ? KIND_HAN : KIND_WORDS, lang, folded);
    }
  else
    id = GPOINTER_TO_UINT (value) - 1;
  users = g_ptr_array_index (index->other_users, id);
  if (users->len == 0 || g_array_index (users, guint32, users->len - 1) != g)
    g_array_append_val (users, g);
}

/* Every English and Russian word of 4 to FD_SEARCH_MAX_WORD characters,
 * once, in the order of the fields (read in place: no copy of a field). */
static void
add_vocabulary_words (FdGuideIndex *index,
                      GHashTable   *seen,
                      const Blob   *blob)
{
  char word[FD_SEARCH_MAX_WORD * 4 + 1];

  for (guint i = 0; i < blob->fields->len; i++)
    {
      const Field *f = &g_array_index (blob->fields, Field, i);
      const char *p = blob->text->str + f->start, *end = blob->text->str + f->end;

      if (f->kind != KIND_WORDS)
        continue;
      while (p < end)
        {
          const char *w = p;
          guint n = 0;
          VocabWord *v;

          for (; p < end && *p != ' '; p++)
            n += ((guchar) *p & 0xC0) != 0x80;
          if (n >= 4 && n <= FD_SEARCH_MAX_WORD && (gsize) (p - w) < sizeof word)
            {
              memcpy (word, w, p - w);
              word[p - w] = '\0';
              if (!g_hash_table_contains (seen, word))
                {
                  v = g_new0 (VocabWord, 1);
                  v->word = g_strdup (word);
                  v->chars = g_utf8_to_ucs4_fast (v->word, -1, &v->n_chars);
                  g_hash_table_add (seen, v->word);
                  g_ptr_array_add (index->vocabulary[n], v);
                }
            }
          if (p < end)
            p++;
        }
    }
}

/* The vocabulary of the guides' own words, read from their parts in
 * catalogue order (the order of the index's fields): on a second thread
 * while the main one appends the parts and the shared fields. */
typedef struct {
  FdGuideIndex       *index;
  GHashTable         *seen;
  FdGuideSearchPart **parts;
  guint               n_parts;
} VocabJob;

static gpointer
vocab_worker (gpointer data)
{
  VocabJob *job = data;
  const BlobScript scripts[] = { BLOB_LATIN, BLOB_CYRILLIC };

  for (guint s = 0; s < G_N_ELEMENTS (scripts); s++)
    for (guint g = 0; g < job->n_parts; g++)
      add_vocabulary_words (job->index, job->seen, &job->parts[g]->blobs[scripts[s]]);
  return NULL;
}

static void
vocab_word_free (gpointer data)
{
  VocabWord *v = data;

  g_free (v->word);
  g_free (v->chars);
  g_free (v);
}

static void
add_han_term (gpointer term,
              gpointer user_data)
{
  GHashTable *terms = user_data;

  if (g_utf8_strlen (term, -1) >= 2)
    g_hash_table_add (terms, g_strdup (term));
}

static int
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la > lb ? -1 : la < lb ? 1 : strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Known Chinese terms: the keywords of every guide and the Chinese terms
 * of the synonym list. */
static void
build_han_terms (FdGuideIndex *index)
{
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint g = 0; g < index->guides->len; g++)
    {
      const FdText *keywords = fd_guide_get_keywords_text (g_ptr_array_index (index->guides, g));
      g_autofree char *folded = NULL;
      g_auto(GStrv) words = NULL;

      if (keywords->s[FD_LANG_ZH_CN] == NULL)
        continue;
      folded = fd_search_normalize (keywords->s[FD_LANG_ZH_CN]);
      words = g_strsplit (folded, " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        add_han_term (words[w], terms);
    }
  fd_synonyms_foreach_han (index->synonyms, add_han_term, terms);
  index->han_terms = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, terms);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (index->han_terms, key);
    }
  g_ptr_array_sort (index->han_terms, compare_longest_first);
}

/* Which packages bundle each matter, to list them beside it. */
static void
build_packages_of (FdGuideIndex *index)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  index->packages_of = g_array_new (FALSE, TRUE, sizeof (GArray *));
  g_array_set_size (index->packages_of, index->guides->len);
  for (guint g = 0; g < index->guides->len; g++)
    g_hash_table_insert (by_id, (gpointer) fd_guide_get_id (g_ptr_array_index (index->guides, g)),
                         GUINT_TO_POINTER (g + 1));
  for (guint p = 0; p < index->guides->len; p++)
    {
      const char * const *refs = fd_guide_get_matter_refs (g_ptr_array_index (index->guides, p));
      guint32 package = p;

      for (guint r = 0; refs[r] != NULL; r++)
        {
          guint m = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, refs[r]));
          GArray **list;

          if (m == 0)
            continue;
          list = &g_array_index (index->packages_of, GArray *, m - 1);
          if (*list == NULL)
            *list = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_array_append_val (*list, package);
        }
    }
}

FdGuideIndex *
fd_guide_index_new (GPtrArray           *guides,
                    FdCategoryTitleFunc  category_title,
                    gpointer             data,
                    FdSynonyms          *synonyms)
{
  FdGuideIndex *index = g_new0 (FdGuideIndex, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = MAX (guides->len, 1);
  VocabJob job;
  GThread *vocab_thread = NULL;

  index->guides = g_ptr_array_new_with_free_func (g_object_unref);
  index->synonyms = synonyms;
  for (guint b = 0; b < N_BLOBS; b++)
    {
      blob_init (&index->blobs[b], 256 * 1024);
      index->guide_fields[b] = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  blob_init (&index->other, 4096);
  index->other_users = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    index->other_ids[l] = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint l = 0; l <= FD_SEARCH_MAX_WORD; l++)
    index->vocabulary[l] = g_ptr_array_new_with_free_func (vocab_word_free);
  /* each guide's part: built by the parsing threads, else now */
  job.index = index;
  job.seen = seen;
  job.n_parts = guides->len;
  job.parts = g_new (FdGuideSearchPart *, MAX (guides->len, 1));
  for (guint g = 0; g < guides->len; g++)
    {
      FdGuide *guide = g_ptr_array_index (guides, g);

      if ((job.parts[g] = fd_guide_steal_search_part (guide)) == NULL)
        job.parts[g] = fd_guide_search_part_new (guide);
    }
  if (guides->len >= 64 && g_get_num_processors () > 1)
    vocab_thread = g_thread_try_new ("fd-guide-vocab", vocab_worker, &job, NULL);
  if (vocab_thread == NULL)
    vocab_worker (&job);

  for (guint g = 0; g < guides->len; g++)
    {
      FdGuide *guide = g_ptr_array_index (guides, g);
      const FdText *department = fd_guide_get_department_text (guide);

      g_ptr_array_add (index->guides, g_object_ref (guide));
      append_part (index, g, job.parts[g]);

      for (FdLang l = 0; l < FD_N_LANGS; l++)
        {
          add_other (index, g, l, department->s[l]);
          if (category_title != NULL)
            add_other (index, g, l, category_title (data, fd_guide_get_category (guide), l));
          for (guint m = 0; m < fd_guide_get_n_materials (guide); m++)
            {
              const FdGuideMaterial *mat = fd_guide_get_material (guide, m);
              /* only real translations: the Chinese fallback is already indexed */
              const char *text = fd_guide_material_get_name (mat, l);

              if (l == FD_LANG_ZH_CN || text != fd_guide_material_get_name (mat, FD_LANG_ZH_CN))
                add_other (index, g, l, text);
            }
        }
    }
  for (guint b = 0; b < N_BLOBS; b++)
    {
      guint32 end = index->blobs[b].fields->len;

      g_array_append_val (index->guide_fields[b], end);
      g_byte_array_set_size (index->blobs[b].starts, index->blobs[b].text->len + 1);
    }
  g_byte_array_set_size (index->other.starts, index->other.text->len + 1);

  if (vocab_thread != NULL)
    g_thread_join (vocab_thread);
  for (guint g = 0; g < job.n_parts; g++)
    fd_guide_search_part_free (job.parts[g]);
  g_free (job.parts);
  add_vocabulary_words (index, seen, &index->other);
  build_han_terms (index);
  build_packages_of (index);

  index->best = g_malloc (n);
  index->best_lang = g_malloc (n);
  index->term_best = g_malloc (n);
  index->term_lang = g_malloc (n);
  index->all_terms = g_malloc (n);
  index->member = g_malloc0 (n);
  return index;
}

void
fd_guide_index_free (FdGuideIndex *index)
{
  if (index == NULL)
    return;
  g_ptr_array_unref (index->guides);
  for (guint b = 0; b < N_BLOBS; b++)
    {
      blob_clear (&index->blobs[b]);
      g_array_unref (index->guide_fields[b]);
    }
  blob_clear (&index->other);
  g_ptr_array_unref (index->other_users);
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    g_hash_table_unref (index->other_ids[l]);
  for (guint i = 0; i < index->packages_of->len; i++)
    g_clear_pointer (&g_array_index (index->packages_of, GArray *, i), g_array_unref);
  g_array_unref (index->packages_of);
  for (guint l = 0; l <= FD_SEARCH_MAX_WORD; l++)
    g_ptr_array_unref (index->vocabulary[l]);
  g_ptr_array_unref (index->han_terms);
  fd_synonyms_free (index->synonyms);
  g_free (index->best);
  g_free (index->best_lang);
  g_free (index->term_best);
  g_free (index->term_lang);
  g_free (index->all_terms);
  g_free (index->member);
  g_free (index);
}
