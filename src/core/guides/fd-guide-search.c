/* fd-guide-search.c: the search index of a guide catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At load time every searchable field of every guide (names, keywords,
 * department, category title, material names in three languages; pinyin
 * and initials of the Chinese name and keywords) is normalised and
 * appended to one text buffer, with a table of fields (owner guide, rank
 * class, kind) sorted by offset and a bitmap of pinyin syllable starts.
 * A query is one memmem() walk over that buffer: each hit is mapped to its
 * field by binary search, checked (word start for English and Russian,
 * syllable start for pinyin) and kept if it is the guide's best so far.
 * Nothing is computed per keystroke but the query's own normalisation.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide-private.h"
#include "fd-guide-search.h"

typedef enum {
  KIND_HAN,        /* Chinese text: substring anywhere */
  KIND_WORDS,      /* English / Russian: from a word start */
  KIND_PINYIN,     /* from a syllable start, ASCII queries only */
  KIND_INITIALS,   /* ASCII queries only */
} FieldKind;

typedef enum {
  CLASS_NAME,
  CLASS_KEYWORDS,
  CLASS_OTHER,
} FieldClass;

typedef struct {
  guint32 start;
  guint32 end;     /* exclusive; blob[end] is the separator */
  guint32 guide;
  guint8  klass;
  guint8  kind;
  guint8  lang;
} Field;

/* Names, keywords and their pinyin of one guide (built on the parsing
 * threads, offsets from 0, .guide 0), appended to the index later. */
struct _FdGuideSearchPart {
  GString    *blob;
  GArray     *fields;     /* Field, by start */
  GByteArray *syllable;   /* 1 where a pinyin syllable starts (per blob byte) */
};

struct _FdGuideIndex {
  GPtrArray *guides;      /* FdGuide*, refs */
  GString   *blob;
  GArray    *fields;      /* Field, by start */
  GByteArray *syllable;   /* 1 where a pinyin syllable starts (per blob byte) */
  guint8    *best;        /* per guide, scratch for a query */
  guint8    *best_lang;

  /* Department, category and material names repeat across guides: each
   * distinct text is stored once in other_blob, with the guides using it. */
  GString    *other_blob;
  GArray     *other_fields;   /* Field; .guide = index into other_users */
  GPtrArray  *other_users;    /* GArray of guint32 guide indexes, per text */
  GHashTable *other_ids[FD_N_LANGS]; /* raw text (owned by a guide) → GUINT_TO_POINTER (id + 1) */
};

#define SEPARATOR '\x01'
#define NO_MATCH 0xFF

char *
fd_search_normalize (const char *text)
{
  g_autofree char *down = NULL;
  GString *out;
  gboolean space = FALSE;

  down = g_utf8_strdown (text, -1);
  out = g_string_sized_new (strlen (down));
  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == SEPARATOR)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c == 0x0451) /* ё */
        g_string_append (out, "е");
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

static void
add_field_to (GString      *blob,
              GArray       *fields,
              guint         guide,
              FieldClass    klass,
              FieldKind     kind,
              FdLang        lang,
              const char   *text,
              gboolean      normalize);

static void
add_field (FdGuideSearchPart *index,
           guint         guide,
           FieldClass    klass,
           FieldKind     kind,
           FdLang        lang,
           const char   *text,
           gboolean      normalize)
{
  add_field_to (index->blob, index->fields, guide, klass, kind, lang, text, normalize);
}

/* An "other" field: stored once per distinct text and language. */
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
      id = index->other_users->len;
      g_ptr_array_add (index->other_users, g_array_new (FALSE, FALSE, sizeof (guint32)));
      g_hash_table_insert (index->other_ids[lang], (gpointer) text, GUINT_TO_POINTER (id + 1));
      add_field_to (index->other_blob, index->other_fields, id, CLASS_OTHER,
                    lang == FD_LANG_ZH_CN ? KIND_HAN : KIND_WORDS, lang, text, TRUE);
    }
  else
    id = GPOINTER_TO_UINT (value) - 1;
  users = g_ptr_array_index (index->other_users, id);
  if (users->len == 0 || g_array_index (users, guint32, users->len - 1) != g)
    g_array_append_val (users, g);
}

static void
add_field_to (GString      *blob,
              GArray       *fields,
              guint         guide,
           FieldClass    klass,
           FieldKind     kind,
           FdLang        lang,
           const char   *text,
           gboolean      normalize)
{
  g_autofree char *norm = NULL;
  Field f;

  if (text == NULL || *text == '\0')
    return;
  norm = normalize ? fd_search_normalize (text) : g_strdup (text);
  if (*norm == '\0')
    return;

  f.start = blob->len;
  g_string_append (blob, norm);
  f.end = blob->len;
  g_string_append_c (blob, SEPARATOR);
  f.guide = guide;
  f.klass = klass;
  f.kind = kind;
  f.lang = lang;
  g_array_append_val (fields, f);
}

/* "yin hang ka" → field "yinhangka" with syllable starts marked. */
static void
add_pinyin_field (FdGuideSearchPart *index,
                  guint         guide,
                  FieldClass    klass,
                  const char   *text)
{
  g_autofree char *pinyin = NULL;
  g_autofree char *initials = NULL;
  GString *joined;
  guint32 base;

  if (text == NULL || *text == '\0')
    return;
  pinyin = fd_pinyin_from_text (text);
  if (*pinyin == '\0')
    return;
  /* initials: first letter of each syllable (as fd_pinyin_initials) */
  {
    GString *ini = g_string_new (NULL);
    gboolean at_start = TRUE;

    for (const char *p = pinyin; *p != '\0'; p++)
      {
        if (*p == ' ')
          at_start = TRUE;
        else if (at_start)
          {
            g_string_append_c (ini, *p);
            at_start = FALSE;
          }
      }
    initials = g_string_free (ini, FALSE);
  }

  joined = g_string_new (NULL);
  base = index->blob->len;
  g_byte_array_set_size (index->syllable, base + strlen (pinyin) + 1);
  memset (index->syllable->data + base, 0, strlen (pinyin) + 1);
  {
    gboolean start = TRUE;
    for (const char *p = pinyin; *p != '\0'; p++)
      {
        if (*p == ' ')
          {
            start = TRUE;
            continue;
          }
        if (start)
          index->syllable->data[base + joined->len] = 1;
        start = FALSE;
        g_string_append_c (joined, *p);
      }
  }
  add_field (index, guide, klass, KIND_PINYIN, FD_LANG_ZH_CN, joined->str, FALSE);
  g_string_free (joined, TRUE);
  add_field (index, guide, klass, KIND_INITIALS, FD_LANG_ZH_CN, initials, FALSE);
}

FdGuideSearchPart *
fd_guide_search_part_new (FdGuide *guide)
{
  FdGuideSearchPart *part = g_new0 (FdGuideSearchPart, 1);
  const FdText *name = fd_guide_get_name_text (guide);
  const FdText *keywords = fd_guide_get_keywords_text (guide);
  guint g = 0;

  part->blob = g_string_sized_new (512);
  part->fields = g_array_sized_new (FALSE, FALSE, sizeof (Field), 16);
  part->syllable = g_byte_array_new ();

  /* Order inside a guide follows rank, best first. */
  add_field (part, g, CLASS_NAME, KIND_HAN, FD_LANG_ZH_CN, name->s[FD_LANG_ZH_CN], TRUE);
  for (FdLang l = FD_LANG_EN; l < FD_N_LANGS; l++)
    add_field (part, g, CLASS_NAME, KIND_WORDS, l, name->s[l], TRUE);
  add_pinyin_field (part, g, CLASS_NAME, name->s[FD_LANG_ZH_CN]);

  add_field (part, g, CLASS_KEYWORDS, KIND_HAN, FD_LANG_ZH_CN, keywords->s[FD_LANG_ZH_CN], TRUE);
  for (FdLang l = FD_LANG_EN; l < FD_N_LANGS; l++)
    add_field (part, g, CLASS_KEYWORDS, KIND_WORDS, l, keywords->s[l], TRUE);
  if (keywords->s[FD_LANG_ZH_CN] != NULL)
    {
      g_auto(GStrv) kw = g_strsplit (keywords->s[FD_LANG_ZH_CN], " ", -1);
      for (guint i = 0; kw[i] != NULL; i++)
        add_pinyin_field (part, g, CLASS_KEYWORDS, kw[i]);
    }
  g_byte_array_set_size (part->syllable, part->blob->len + 1);
  return part;
}

void
fd_guide_search_part_free (FdGuideSearchPart *part)
{
  if (part == NULL)
    return;
  g_string_free (part->blob, TRUE);
  g_array_unref (part->fields);
  g_byte_array_unref (part->syllable);
  g_free (part);
}

/* Appends the guide's part (computed now when the loader did not). */
static void
append_part (FdGuideIndex *index,
             guint         g,
             FdGuide      *guide)
{
  FdGuideSearchPart *part = fd_guide_steal_search_part (guide);
  guint32 base = index->blob->len;

  if (part == NULL)
    part = fd_guide_search_part_new (guide);
  g_string_append_len (index->blob, part->blob->str, part->blob->len);
  g_byte_array_set_size (index->syllable, base + part->blob->len);
  memcpy (index->syllable->data + base, part->syllable->data, part->blob->len);
  for (guint i = 0; i < part->fields->len; i++)
    {
      Field f = g_array_index (part->fields, Field, i);

      f.start += base;
      f.end += base;
      f.guide = g;
      g_array_append_val (index->fields, f);
    }
  fd_guide_search_part_free (part);
}

FdGuideIndex *
fd_guide_index_new (GPtrArray           *guides,
                    FdCategoryTitleFunc  category_title,
                    gpointer             data)
{
  FdGuideIndex *index = g_new0 (FdGuideIndex, 1);

  index->guides = g_ptr_array_new_with_free_func (g_object_unref);
  index->blob = g_string_sized_new (1024 * 1024);
  index->fields = g_array_new (FALSE, FALSE, sizeof (Field));
  index->syllable = g_byte_array_new ();
  index->other_blob = g_string_new (NULL);
  index->other_fields = g_array_new (FALSE, FALSE, sizeof (Field));
  index->other_users = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    index->other_ids[l] = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint g = 0; g < guides->len; g++)
    {
      FdGuide *guide = g_ptr_array_index (guides, g);
      const FdText *department = fd_guide_get_department_text (guide);

      g_ptr_array_add (index->guides, g_object_ref (guide));

      append_part (index, g, guide);

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
  g_byte_array_set_size (index->syllable, index->blob->len + 1);
  index->best = g_malloc (MAX (guides->len, 1));
  index->best_lang = g_malloc (MAX (guides->len, 1));
  return index;
}

void
fd_guide_index_free (FdGuideIndex *index)
{
  if (index == NULL)
    return;
  g_ptr_array_unref (index->guides);
  g_string_free (index->blob, TRUE);
  g_array_unref (index->fields);
  g_byte_array_unref (index->syllable);
  g_free (index->best);
  g_free (index->best_lang);
  g_string_free (index->other_blob, TRUE);
  g_array_unref (index->other_fields);
  g_ptr_array_unref (index->other_users);
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    g_hash_table_unref (index->other_ids[l]);
  g_free (index);
}

static guint
field_at (GArray  *array,
          guint32  offset)
{
  guint lo = 0, hi = array->len;
  const Field *fields = (const Field *) array->data;

  /* last field with start <= offset */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (fields[mid].start <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
is_word_start (const char *blob,
               guint32     field_start,
               guint32     offset)
{
  const char *prev;
  gunichar c;

  if (offset == field_start)
    return TRUE;
  prev = g_utf8_find_prev_char (blob + field_start, blob + offset);
  if (prev == NULL)
    return TRUE;
  c = g_utf8_get_char (prev);
  return !g_unichar_isalnum (c);
}

static gboolean
is_ascii_letters (const char *query)
{
  for (const char *p = query; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return *query != '\0';
}

GArray *
fd_guide_index_search (FdGuideIndex *index,
                       const char   *query,
                       guint         limit)
{
  g_autofree char *norm = NULL;
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (FdGuideSearchHit));
  gsize qlen;
  gboolean ascii;
  const char *blob = index->blob->str;
  const char *blob_end = blob + index->blob->len;
  const char *p;
  const Field *fields = (const Field *) index->fields->data;
  guint n_guides = index->guides->len;

  norm = fd_search_normalize (query);
  qlen = strlen (norm);
  if (qlen == 0 || n_guides == 0 || index->fields->len == 0)
    return hits;
  ascii = is_ascii_letters (norm);
  memset (index->best, NO_MATCH, n_guides);

  p = blob;
  while (p < blob_end)
    {
      const char *hit = memmem (p, blob_end - p, norm, qlen);
      guint32 offset;
      const Field *f;
      guint8 rank;
      gboolean ok;

      if (hit == NULL)
        break;
      offset = hit - blob;
      f = &fields[field_at (index->fields, offset)];

      switch (f->kind)
        {
        case KIND_HAN:
          ok = TRUE;
          break;
        case KIND_WORDS:
          ok = is_word_start (blob, f->start, offset);
          break;
        case KIND_PINYIN:
          ok = ascii && index->syllable->data[offset];
          break;
        case KIND_INITIALS:
        default:
          ok = ascii;
          break;
        }
      if (!ok)
        {
          p = hit + 1;
          continue;
        }

      if (f->klass == CLASS_NAME)
        {
          if (offset == f->start && offset + qlen == f->end)
            rank = FD_GUIDE_MATCH_NAME_EXACT;
          else if (offset == f->start)
            rank = FD_GUIDE_MATCH_NAME_PREFIX;
          else
            rank = FD_GUIDE_MATCH_NAME;
        }
      else if (f->klass == CLASS_KEYWORDS)
        rank = FD_GUIDE_MATCH_KEYWORDS;
      else
        rank = FD_GUIDE_MATCH_OTHER;

      if (rank < index->best[f->guide])
        {
          index->best[f->guide] = rank;
          index->best_lang[f->guide] = f->lang;
        }
      /* A later hit in the same field cannot rank better. */
      p = blob + f->end;
    }

  /* Shared texts: a hit marks every guide using the text. */
  p = index->other_blob->str;
  while (index->other_fields->len > 0 && p < index->other_blob->str + index->other_blob->len)
    {
      const char *ob = index->other_blob->str;
      const char *hit = memmem (p, ob + index->other_blob->len - p, norm, qlen);
      const Field *of;
      GArray *users;

      if (hit == NULL)
        break;
      of = &g_array_index (index->other_fields, Field, field_at (index->other_fields, hit - ob));
      if (of->kind == KIND_WORDS && !is_word_start (ob, of->start, hit - ob))
        {
          p = hit + 1;
          continue;
        }
      users = g_ptr_array_index (index->other_users, of->guide);
      for (guint u = 0; u < users->len; u++)
        {
          guint32 g = g_array_index (users, guint32, u);
          if (index->best[g] == NO_MATCH)
            {
              index->best[g] = FD_GUIDE_MATCH_OTHER;
              index->best_lang[g] = of->lang;
            }
        }
      p = ob + of->end;
    }

  /* Buckets by rank keep catalogue order inside a rank: a stable sort. */
  for (guint8 rank = FD_GUIDE_MATCH_NAME_EXACT; rank <= FD_GUIDE_MATCH_OTHER; rank++)
    for (guint g = 0; g < n_guides; g++)
      {
        FdGuideSearchHit h;

        if (index->best[g] != rank)
          continue;
        if (limit > 0 && hits->len >= limit)
          return hits;
        h.guide = g_ptr_array_index (index->guides, g);
        h.match = rank;
        h.lang = index->best_lang[g];
        g_array_append_val (hits, h);
      }
  return hits;
}
