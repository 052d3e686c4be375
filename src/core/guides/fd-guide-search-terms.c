/* fd-guide-search-terms.c: how the words of guides and queries are folded before matching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the index (at load time) and the query (per keystroke):
 *  - folding: lower case, ё → е, tone marks off Latin letters (ǐ → i,
 *    ǜ → v as pinyin is typed), hyphens and dashes → spaces;
 *  - Snowball stems of English and Russian words (libstemmer; one stemmer
 *    per thread, as the parsing threads build the index parts);
 *  - bounded edit distance for typo tolerance;
 *  - the synonym list (data/guides/synonyms.tsv): one group a line,
 *    tab-separated terms in any language, any of them finds the others.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <libstemmer.h>
#include <string.h>

#include "fd-guide-private.h"
#include "fd-guide-search-private.h"

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 ||
         c == 0x2212 || c == '_' || c == '/';
}

/* A Latin letter with tone marks or other diacritics, as pinyin: the base
 * letter, ü as v. 0 when @c is anything else (Cyrillic й keeps its mark). */
static gunichar
latin_base (gunichar c)
{
  gunichar decomposed[4];
  gsize n;

  if (c < 0xC0 || c > 0x24F)
    return 0;
  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n < 2 || decomposed[0] > 0x7F || !g_ascii_isalpha (decomposed[0]))
    return 0;
  if (g_ascii_tolower (decomposed[0]) == 'u' && decomposed[1] == 0x0308)
    return 'v';
  return g_ascii_tolower (decomposed[0]);
}

/* fd_search_normalize() of a text made only of ASCII, Cyrillic U+0400-U+045F,
 * CJK ideographs U+4E00-U+9FFF, CJK punctuation U+3000-U+303F (without the
 * tone marks U+302A-U+302F) and fullwidth forms without case (U+FF01-U+FF20,
 * U+FF3B-U+FF5E), which is what guides are written in: folded byte by byte
 * with the same result as the general path below, without its lower-case
 * copy and its per-character Unicode look-ups. NULL at any other character
 * (or bad UTF-8): the general path folds it. ASCII folds the same in every
 * locale (a Turkish locale would fold I to dotless ı in the general path). */
static char *
normalize_common (const char *text)
{
  gsize len = strlen (text);
  char *out = g_malloc (len + 1);
  char *o = out;
  gboolean space = FALSE;
  const guchar *p = (const guchar *) text;

  while (*p != '\0')
    {
      guchar c = *p;
      guchar folded[2];
      const guchar *bytes = p;
      gsize n;

      if (c < 0x80)
        {
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == FD_SEARCH_SEPARATOR ||
              c == '-' || c == '_' || c == '/')
            {
              space = TRUE;
              p++;
              continue;
            }
          folded[0] = g_ascii_tolower (c);
          bytes = folded;
          n = 1;
        }
      else if ((c == 0xD0 || c == 0xD1) && (p[1] & 0xC0) == 0x80)
        {
          gunichar u = ((gunichar) (c & 0x1F) << 6) | (p[1] & 0x3F);

          if (u > 0x45F)
            break;
          if (u < 0x410)
            u += 0x50;          /* Ѐ-Џ → ѐ-џ */
          else if (u < 0x430)
            u += 0x20;          /* А-Я → а-я */
          if (u == 0x451)
            u = 0x435;          /* ё → е */
          folded[0] = 0xC0 | (u >> 6);
          folded[1] = 0x80 | (u & 0x3F);
          bytes = folded;
          n = 2;
        }
      else if (c >= 0xE3 && c <= 0xEF && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
        {
          gunichar u = ((gunichar) (c & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);

          if (u == 0x3000)      /* ideographic space */
            {
              space = TRUE;
              p += 3;
              continue;
            }
          if (!((u >= 0x4E00 && u <= 0x9FFF) || (u > 0x3000 && u <= 0x303F && (u < 0x302A || u > 0x302F)) ||
                (u >= 0xFF01 && u <= 0xFF5E && (u < 0xFF21 || u > 0xFF3A))))
            break;
          n = 3;
        }
      else
        break;
      if (space && o > out)
        *o++ = ' ';
      space = FALSE;
      memcpy (o, bytes, n);
      o += n;
      p += n;
    }
  if (*p != '\0')
    {
      g_free (out);
      return NULL;
    }
  *o = '\0';
  return out;
}

char *
_fd_search_normalize_general (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_sized_new (strlen (down));
  gboolean space = FALSE;

  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar base;

      if (g_unichar_isspace (c) || c == FD_SEARCH_SEPARATOR || is_dash (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c == 0x0451) /* ё */
        g_string_append (out, "е");
      else if (g_unichar_ismark (c) && out->len > 0 && (guchar) out->str[out->len - 1] < 0x80)
        continue; /* a combining tone mark typed after a Latin letter */
      else if ((base = latin_base (c)) != 0)
        g_string_append_c (out, (char) base);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

char *
fd_search_normalize (const char *text)
{
  char *common = normalize_common (text);

  return common != NULL ? common : _fd_search_normalize_general (text);
}

/* Whether @text has a character is_dash() accepts, by its bytes: '-', '_',
 * '/', U+2010-U+2014 (E2 80 90-94), U+2212 (E2 88 92). */
static gboolean
has_dash (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p == '-' || *p == '_' || *p == '/' ||
        (*p == 0xE2 && ((p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x94) || (p[1] == 0x88 && p[2] == 0x92))))
      return TRUE;
  return FALSE;
}

char *
_fd_search_join_dashes (const char *text)
{
  g_autofree char *down = NULL;
  GString *out;

  if (!has_dash (text))
    return NULL;
  down = g_utf8_strdown (text, -1);
  out = g_string_new (NULL);
  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_dash (g_utf8_get_char (p)))
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
  {
    g_autofree char *joined = g_string_free (out, FALSE);
    return fd_search_normalize (joined);
  }
}

/* Stemming */

/* Stemmers and the stems already computed on this thread: guides repeat
 * their words ("certificate", "регистрация"), and a stem costs about a
 * thousand instructions where a look-up costs a hundred or two. The cache
 * is bounded (emptied when full) and freed with the thread. */
#define STEM_CACHE_MAX   16384
#define STEM_CACHE_WORD  64      /* bytes; longer words are stemmed every time */

typedef struct {
  struct sb_stemmer *stemmer[FD_N_LANGS];
  GHashTable        *cache;      /* word → stem, both owned */
} Stemmers;

static void
stemmers_free (gpointer data)
{
  Stemmers *s = data;

  for (guint i = 0; i < FD_N_LANGS; i++)
    if (s->stemmer[i] != NULL)
      sb_stemmer_delete (s->stemmer[i]);
  g_hash_table_unref (s->cache);
  g_free (s);
}

static GPrivate thread_stemmers = G_PRIVATE_INIT (stemmers_free);

static Stemmers *
get_stemmers (void)
{
  Stemmers *s = g_private_get (&thread_stemmers);

  if (s == NULL)
    {
      s = g_new0 (Stemmers, 1);
      s->stemmer[FD_LANG_EN] = sb_stemmer_new ("english", "UTF_8");
      s->stemmer[FD_LANG_RU] = sb_stemmer_new ("russian", "UTF_8");
      s->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&thread_stemmers, s);
    }
  return s;
}

/* The language whose stemmer fits a word: Russian for Cyrillic, English
 * for Latin, none for anything else. */
FdLang
_fd_search_word_lang (const char *word)
{
  gunichar c = g_utf8_get_char (word);

  if (c < 0x80 && g_ascii_isalpha (c))
    return FD_LANG_EN;
  if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_CYRILLIC)
    return FD_LANG_RU;
  return FD_LANG_ZH_CN;
}

/* The stem of the @len bytes at @word (NULL-terminated or not), or NULL
 * when no stemmer fits it; *stem_len set. Owned by the thread's cache or
 * stemmer: valid until the next call. */
static const char *
stem_word (Stemmers   *s,
           const char *word,
           gsize       len,
           gsize      *stem_len)
{
  struct sb_stemmer *stemmer = s->stemmer[_fd_search_word_lang (word)];
  char key[STEM_CACHE_WORD];
  const char *stem;

  if (stemmer == NULL)
    return NULL;
  if (len < sizeof key)
    {
      memcpy (key, word, len);
      key[len] = '\0';
      if ((stem = g_hash_table_lookup (s->cache, key)) != NULL)
        {
          *stem_len = strlen (stem);
          return stem;
        }
    }
  stem = (const char *) sb_stemmer_stem (stemmer, (const sb_symbol *) word, (int) len);
  if (stem == NULL)
    return NULL;
  *stem_len = sb_stemmer_length (stemmer);
  if (len < sizeof key)
    {
      if (g_hash_table_size (s->cache) >= STEM_CACHE_MAX)
        g_hash_table_remove_all (s->cache);
      g_hash_table_insert (s->cache, g_strndup (key, len), g_strndup (stem, *stem_len));
    }
  return stem;
}

char *
_fd_search_stem_words (const char *folded)
{
  GString *out = g_string_sized_new (strlen (folded));
  const char *p = folded;
  gboolean changed = FALSE;
  Stemmers *stemmers = get_stemmers ();

  while (*p != '\0')
    {
      const char *end = strchr (p, ' ');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);
      gsize stem_len = 0;
      const char *stem = stem_word (stemmers, p, len, &stem_len);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (stem != NULL)
        {
          g_string_append_len (out, stem, stem_len);
          changed = changed || stem_len != len;
        }
      else
        g_string_append_len (out, p, len);
      p += len;
      while (*p == ' ')
        p++;
    }
  if (!changed)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Typos */

gboolean
_fd_search_within_edits (const gunichar *a,
                         glong           la,
                         const gunichar *b,
                         glong           lb,
                         guint           k)
{
  guint prev[FD_SEARCH_MAX_WORD + 1], cur[FD_SEARCH_MAX_WORD + 1];

  if (la > FD_SEARCH_MAX_WORD || lb > FD_SEARCH_MAX_WORD || (guint) ABS (la - lb) > k)
    return FALSE;
  for (glong j = 0; j <= lb; j++)
    prev[j] = j;
  for (glong i = 1; i <= la; i++)
    {
      guint row_min;

      cur[0] = i;
      row_min = cur[0];
      for (glong j = 1; j <= lb; j++)
        {
          guint sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
          guint del = prev[j] + 1;
          guint ins = cur[j - 1] + 1;

          cur[j] = MIN (sub, MIN (del, ins));
          row_min = MIN (row_min, cur[j]);
        }
      if (row_min > k)
        return FALSE;
      memcpy (prev, cur, (lb + 1) * sizeof (guint));
    }
  return prev[lb] <= k;
}

guint
_fd_search_allowed_edits (glong length)
{
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/* Synonyms */

struct _FdSynonyms {
  GPtrArray  *groups;   /* GStrv of folded terms */
  GHashTable *by_term;  /* folded term → GUINT_TO_POINTER (group + 1) */
};

void
fd_synonyms_free (FdSynonyms *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->groups);
  g_hash_table_unref (self->by_term);
  g_free (self);
}

FdSynonyms *
fd_synonyms_new_from_data (const char  *data,
                           gsize        length,
                           const char  *filename,
                           GError     **error)
{
  g_autoptr(FdSynonyms) self = g_new0 (FdSynonyms, 1);
  g_auto(GStrv) lines = NULL;

  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->by_term = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (length > FD_SYNONYMS_MAX_SIZE || !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                   "%s:1:1: not UTF-8 text of at most %u bytes", filename, FD_SYNONYMS_MAX_SIZE);
      return NULL;
    }
  {
    g_autofree char *text = g_strndup (data, length);
    lines = g_strsplit (text, "\n", FD_SYNONYMS_MAX_LINES + 1);
  }
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cells = NULL;
      GPtrArray *terms;
      guint group = self->groups->len;

      if (l >= FD_SYNONYMS_MAX_LINES)
        {
          g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                       "%s:%u:1: more than %u lines", filename, l + 1, FD_SYNONYMS_MAX_LINES);
          return NULL;
        }
      g_strstrip (lines[l]);
      if (lines[l][0] == '\0' || lines[l][0] == '#')
        continue;
      cells = g_strsplit (lines[l], "\t", FD_SYNONYMS_MAX_TERMS + 1);
      if (g_strv_length (cells) > FD_SYNONYMS_MAX_TERMS || g_strv_length (cells) < 2)
        {
          g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                       "%s:%u:1: a group needs 2 to %u tab-separated terms", filename, l + 1,
                       FD_SYNONYMS_MAX_TERMS);
          return NULL;
        }
      terms = g_ptr_array_new ();
      for (guint c = 0; cells[c] != NULL; c++)
        {
          char *term = fd_search_normalize (cells[c]);

          if (*term == '\0')
            {
              g_free (term);
              continue;
            }
          g_ptr_array_add (terms, term);
          /* a term in two groups belongs to the first */
          if (!g_hash_table_contains (self->by_term, term))
            g_hash_table_insert (self->by_term, g_strdup (term), GUINT_TO_POINTER (group + 1));
        }
      g_ptr_array_add (terms, NULL);
      g_ptr_array_add (self->groups, g_ptr_array_free (terms, FALSE));
    }
  return g_steal_pointer (&self);
}

FdSynonyms *
fd_synonyms_new_from_file (const char  *path,
                           GError     **error)
{
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &local_error);

  if (file == NULL)
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND, "%s:0:0: %s", path, local_error->message);
      return NULL;
    }
  length = g_mapped_file_get_length (file);
  if (length > FD_SYNONYMS_MAX_SIZE)
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                   "%s:1:1: larger than %u bytes", path, FD_SYNONYMS_MAX_SIZE);
      return NULL;
    }
  return fd_synonyms_new_from_data (g_mapped_file_get_contents (file) != NULL ? g_mapped_file_get_contents (file) : "",
                                    length, path, error);
}

const char * const *
fd_synonyms_lookup (FdSynonyms *self,
                    const char *folded_term)
{
  guint group;

  if (self == NULL)
    return NULL;
  group = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_term, folded_term));
  if (group == 0)
    return NULL;
  return g_ptr_array_index (self->groups, group - 1);
}

/* Every Chinese term of the list, for finding known terms in a sentence. */
void
fd_synonyms_foreach_han (FdSynonyms *self,
                         GFunc       func,
                         gpointer    data)
{
  GHashTableIter iter;
  gpointer key;

  if (self == NULL)
    return;
  g_hash_table_iter_init (&iter, self->by_term);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_unichar_get_script (g_utf8_get_char (key)) == G_UNICODE_SCRIPT_HAN)
      func (key, data);
}
