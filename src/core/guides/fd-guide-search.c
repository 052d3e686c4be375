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

struct _FdGuideIndex {
  GPtrArray *guides;      /* FdGuide*, refs */
  GString   *blob;
  GArray    *fields;      /* Field, by start */
  GByteArray *syllable;   /* 1 where a pinyin syllable starts (per blob byte) */
  guint8    *best;        /* per guide, scratch for a query */
  guint8    *best_lang;
};

#define SEPARATOR '\x01'
#define NO_MATCH 0xFF

char *
fd_search_normalize (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_sized_new (strlen (down));
  gboolean space = FALSE;

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
        c = 0x0435;    /* е */
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
add_field (FdGuideIndex *index,
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

  f.start = index->blob->len;
  g_string_append (index->blob, norm);
  f.end = index->blob->len;
  g_string_append_c (index->blob, SEPARATOR);
  f.guide = guide;
  f.klass = klass;
  f.kind = kind;
  f.lang = lang;
  g_array_append_val (index->fields, f);
}

/* "yin hang ka" → field "yinhangka" with syllable starts marked. */
static void
add_pinyin_field (FdGuideIndex *index,
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
  initials = fd_pinyin_initials (text);
  if (*pinyin == '\0')
    return;

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

  for (guint g = 0; g < guides->len; g++)
    {
      FdGuide *guide = g_ptr_array_index (guides, g);
      const FdText *name = fd_guide_get_name_text (guide);
      const FdText *keywords = fd_guide_get_keywords_text (guide);
      const FdText *department = fd_guide_get_department_text (guide);

      g_ptr_array_add (index->guides, g_object_ref (guide));

      /* Order inside a guide follows rank, best first. */
      add_field (index, g, CLASS_NAME, KIND_HAN, FD_LANG_ZH_CN, name->s[FD_LANG_ZH_CN], TRUE);
      for (FdLang l = FD_LANG_EN; l < FD_N_LANGS; l++)
        add_field (index, g, CLASS_NAME, KIND_WORDS, l, name->s[l], TRUE);
      add_pinyin_field (index, g, CLASS_NAME, name->s[FD_LANG_ZH_CN]);

      add_field (index, g, CLASS_KEYWORDS, KIND_HAN, FD_LANG_ZH_CN, keywords->s[FD_LANG_ZH_CN], TRUE);
      for (FdLang l = FD_LANG_EN; l < FD_N_LANGS; l++)
        add_field (index, g, CLASS_KEYWORDS, KIND_WORDS, l, keywords->s[l], TRUE);
      if (keywords->s[FD_LANG_ZH_CN] != NULL)
        {
          g_auto(GStrv) kw = g_strsplit (keywords->s[FD_LANG_ZH_CN], " ", -1);
          for (guint i = 0; kw[i] != NULL; i++)
            add_pinyin_field (index, g, CLASS_KEYWORDS, kw[i]);
        }

      for (FdLang l = 0; l < FD_N_LANGS; l++)
        {
          FieldKind kind = l == FD_LANG_ZH_CN ? KIND_HAN : KIND_WORDS;

          add_field (index, g, CLASS_OTHER, kind, l, department->s[l], TRUE);
          if (category_title != NULL)
            add_field (index, g, CLASS_OTHER, kind, l,
                       category_title (data, fd_guide_get_category (guide), l), TRUE);
          for (guint m = 0; m < fd_guide_get_n_materials (guide); m++)
            {
              const FdGuideMaterial *mat = fd_guide_get_material (guide, m);
              /* only real translations: the Chinese fallback is already indexed */
              const char *text = fd_guide_material_get_name (mat, l);
              if (l == FD_LANG_ZH_CN || text != fd_guide_material_get_name (mat, FD_LANG_ZH_CN))
                add_field (index, g, CLASS_OTHER, kind, l, text, TRUE);
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
  g_free (index);
}

static guint
field_at (FdGuideIndex *index,
          guint32       offset)
{
  guint lo = 0, hi = index->fields->len;
  const Field *fields = (const Field *) index->fields->data;

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
      f = &fields[field_at (index, offset)];

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
