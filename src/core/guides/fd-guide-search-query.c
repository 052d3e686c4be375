/* fd-guide-search-query.c: answering a query over the search index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A text is matched by one memmem() walk over the text of its script:
 * each hit is mapped to its field by binary search, checked (word start
 * for English and Russian, syllable start for pinyin) and kept if it is
 * the guide's best so far. A query is
 *  1. the whole folded query as one text ("real estate"), also without
 *     its spaces ("qiye kaiban" → qiyekaiban, "企业 开办" → 企业开办) and
 *     stemmed;
 *  2. when it has several terms, every term must match somewhere (any
 *     order): a term matches as typed, by its stem, by its synonyms, and,
 *     when nothing matched that way, by vocabulary words one edit away
 *     (two from 9 letters);
 *  3. a Chinese sentence that matched nothing is searched for the known
 *     terms inside it ("身份证丢了" → 身份证).
 * Ranking: the best field of the whole-query match (exact name > name
 * prefix > name > keywords > other fields); a match by terms, stems,
 * synonyms or typos counts as a name match at best. Packages are listed
 * beside the matters they bundle.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide-search-private.h"

#define MAX_TERMS 8
#define MAX_TYPO_CANDIDATES 8

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
is_word_start (const char *text,
               guint32     field_start,
               guint32     offset)
{
  const char *prev;

  if (offset == field_start)
    return TRUE;
  prev = g_utf8_find_prev_char (text + field_start, text + offset);
  return prev == NULL || !g_unichar_isalnum (g_utf8_get_char (prev));
}

static gboolean
is_ascii_letters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;
  return *text != '\0';
}

/* The scripts a text can match in. */
static guint
scripts_of (const char *text)
{
  guint scripts = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        continue;
      if (c < 0x80 && g_ascii_isalpha (c))
        scripts |= 1 << BLOB_LATIN;
      else if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_CYRILLIC)
        scripts |= 1 << BLOB_CYRILLIC;
      else if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        return 1 << BLOB_HAN; /* mixed "e窗通" lives in Chinese text */
    }
  return scripts != 0 ? scripts : (1 << BLOB_HAN) | (1 << BLOB_LATIN) | (1 << BLOB_CYRILLIC);
}

static void
keep (guint8  *best,
      guint8  *best_lang,
      guint32  g,
      guint8   rank,
      guint8   lang)
{
  if (rank < best[g])
    {
      best[g] = rank;
      best_lang[g] = lang;
    }
}

static gboolean
is_word_end (const char *text,
             guint32     field_end,
             guint32     offset)
{
  return offset >= field_end || !g_unichar_isalnum (g_utf8_get_char (text + offset));
}

/* What a query text is matched with. */
typedef struct {
  const char   *text;
  gsize         len;
  gboolean      ascii;
  gboolean      whole_word;
  guint8        floor;
  gsize         pivot;      /* the byte next_hit() looks for */
  const guint8 *member;     /* per guide: 0 = not a candidate; NULL = all */
  guint8       *best;
  guint8       *best_lang;
} Needle;

/* Below this many candidates their texts are scanned one by one; above,
 * the whole text is scanned and other guides' hits are skipped (memmem()
 * has a set-up cost per call). */
#define FEW_CANDIDATES 48

/* Letters of English text, most frequent first: the needle is found by
 * memchr() of its rarest byte (SIMD) and checked where a match may start,
 * which for a short term ("re") is far cheaper than memmem() restarting
 * after every hit inside a word. */
static const char frequent_letters[] = "etaoinshrdlcumwfgypbvkjxqz";

static gsize
pivot_of (const char *text,
          gsize       len)
{
  gsize best = 0;
  int best_score = -1;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      const char *f = c < 0x80 ? strchr (frequent_letters, c) : NULL;
      int score;

      if (c == ' ' || c == 0xD0 || c == 0xD1)
        score = 0;                       /* spaces, Cyrillic lead bytes */
      else if (c >= 0x80 || f == NULL || c == '\0')
        score = 20;
      else
        score = (int) (f - frequent_letters);
      if (score > best_score)
        {
          best = i;
          best_score = score;
        }
    }
  return best;
}

/* The next hit of @n in [@p, @end) at a possible match start, or NULL. */
static const char *
next_hit (const Needle *n,
          const guint8 *starts,
          const char   *base,
          const char   *p,
          const char   *end)
{
  const char *last = end - n->len;   /* last possible hit */
  const char *q;

  if (p > last)
    return NULL;
  for (q = p + n->pivot; q <= last + n->pivot; q++)
    {
      const char *hit;

      q = memchr (q, n->text[n->pivot], (last + n->pivot) - q + 1);
      if (q == NULL)
        return NULL;
      hit = q - n->pivot;
      if (starts[hit - base] && memcmp (hit, n->text, n->len) == 0)
        return hit;
    }
  return NULL;
}

/* Where the texts of guide @g end in a blob (its fields are consecutive). */
static guint32
guide_end (const Field  *fields,
           const GArray *guide_fields,
           guint32       g)
{
  return fields[g_array_index (guide_fields, guint32, g + 1) - 1].end;
}

/* Hits of @n in [@from, @to) of @blob, each checked against its field.
 * A guide's fields run names first, then keywords (fd-guide-search.c),
 * so once a guide has the best rank @n can give it (@n->floor), or a
 * keyword hit, nothing later in its texts can rank better: the scan goes
 * on after the guide. This is what keeps a short term ("re" in
 * "certificate re", a hit in most guides) from costing a hit per word. */
static gboolean
scan (const Needle *n,
      const Blob   *blob,
      const GArray *guide_fields,
      guint32       from,
      guint32       to)
{
  const char *start = blob->text->str;
  const char *end = start + to;
  const char *p = start + from;
  const Field *fields = (const Field *) blob->fields->data;
  gboolean any = FALSE;

  while (p < end)
    {
      const char *hit = next_hit (n, blob->starts->data, start, p, end);
      guint32 offset;
      const Field *f;
      guint8 rank;
      gboolean ok;

      if (hit == NULL)
        break;
      offset = hit - start;
      f = &fields[field_at (blob->fields, offset)];
      if ((n->member != NULL && !n->member[f->guide]) || n->best[f->guide] <= n->floor)
        {
          p = start + guide_end (fields, guide_fields, f->guide);
          continue;
        }
      switch (f->kind)
        {
        case KIND_HAN:
          ok = TRUE;
          break;
        case KIND_WORDS:
          ok = !n->whole_word || is_word_end (start, f->end, offset + n->len);
          break;
        case KIND_PINYIN:
          ok = n->ascii;
          break;
        case KIND_INITIALS:
        default:
          ok = n->ascii;
          break;
        }
      if (!ok)
        {
          p = hit + 1;
          continue;
        }
      if (f->klass == CLASS_NAME)
        rank = offset == f->start && offset + n->len == f->end ? FD_GUIDE_MATCH_NAME_EXACT
             : offset == f->start ? FD_GUIDE_MATCH_NAME_PREFIX : FD_GUIDE_MATCH_NAME;
      else
        rank = f->klass == CLASS_KEYWORDS ? FD_GUIDE_MATCH_KEYWORDS : FD_GUIDE_MATCH_OTHER;
      rank = MAX (rank, n->floor);
      keep (n->best, n->best_lang, f->guide, rank, f->lang);
      any = TRUE;
      /* a later hit in the same field cannot rank better; in a later field
       * neither, after a keyword hit or the best rank there is */
      p = start + (rank == n->floor || f->klass != CLASS_NAME ? guide_end (fields, guide_fields, f->guide)
                                                              : f->end);
    }
  return any;
}

/* One text against the index: ranks into @best (never better than
 * @floor). English and Russian match from a word start; @whole_word also
 * asks for the end of a word (synonyms: "роды" must not find "родители").
 * With @candidates (guide indexes), only their own texts are scanned: the
 * later terms of a query look only at the guides the first one found.
 * Returns whether anything matched. */
static gboolean
match_text_full (FdGuideIndex *index,
                 const char   *text,
                 guint8        floor,
                 gboolean      whole_word,
                 GArray       *candidates,
                 guint8       *best,
                 guint8       *best_lang)
{
  Needle n = { text, strlen (text), is_ascii_letters (text), whole_word, floor, pivot_of (text, strlen (text)),
               candidates != NULL ? index->member : NULL, best, best_lang };
  guint scripts = scripts_of (text);
  gboolean any = FALSE;

  if (n.len == 0)
    return FALSE;
  for (guint b = 0; b < N_BLOBS; b++)
    {
      Blob *blob = &index->blobs[b];
      const Field *fields = (const Field *) blob->fields->data;

      if ((scripts & (1 << b)) == 0 || blob->fields->len == 0)
        continue;
      if (candidates == NULL || candidates->len > FEW_CANDIDATES)
        {
          any |= scan (&n, blob, index->guide_fields[b], 0, blob->text->len);
          continue;
        }
      for (guint c = 0; c < candidates->len; c++)
        {
          guint32 g = g_array_index (candidates, guint32, c);
          guint32 first = g_array_index (index->guide_fields[b], guint32, g);
          guint32 last = g_array_index (index->guide_fields[b], guint32, g + 1);

          if (first < last)
            any |= scan (&n, blob, index->guide_fields[b], fields[first].start, fields[last - 1].end);
        }
    }

  /* Shared texts: a hit marks every guide using the text. */
  {
    const char *start = index->other.text->str;
    const char *end = start + index->other.text->len;
    const char *p = start;

    while (index->other.fields->len > 0 && p < end)
      {
        const char *hit = memmem (p, end - p, n.text, n.len);
        const Field *of;
        GArray *users;

        if (hit == NULL)
          break;
        of = &g_array_index (index->other.fields, Field, field_at (index->other.fields, hit - start));
        if (of->kind == KIND_WORDS && (!is_word_start (start, of->start, hit - start) ||
                                       (whole_word && !is_word_end (start, of->end, hit - start + n.len))))
          {
            p = hit + 1;
            continue;
          }
        users = g_ptr_array_index (index->other_users, of->guide);
        for (guint u = 0; u < users->len; u++)
          {
            guint32 g = g_array_index (users, guint32, u);

            if (n.member == NULL || n.member[g])
              keep (best, best_lang, g, FD_GUIDE_MATCH_OTHER, of->lang);
          }
        any = TRUE;
        p = start + of->end;
      }
  }
  return any;
}

static gboolean
match_text (FdGuideIndex *index,
            const char   *text,
            guint8        floor,
            GArray       *candidates,
            guint8       *best,
            guint8       *best_lang)
{
  return match_text_full (index, text, floor, FALSE, candidates, best, best_lang);
}

/* Terms that may be pinyin syllables typed apart, or Chinese words. */
static gboolean
short_terms (GPtrArray *terms)
{
  for (guint t = 0; t < terms->len; t++)
    {
      const char *term = g_ptr_array_index (terms, t);

      if (scripts_of (term) != (1 << BLOB_HAN) && (!is_ascii_letters (term) || strlen (term) > 6))
        return FALSE;
    }
  return TRUE;
}

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Vocabulary words within the allowed edits of a Latin or Cyrillic term. */
static gboolean
match_typos (FdGuideIndex *index,
             const char   *term,
             GArray       *candidates,
             guint8       *best,
             guint8       *best_lang)
{
  glong n = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (term, -1, &n);
  guint k = _fd_search_allowed_edits (n);
  guint found = 0;
  gboolean any = FALSE;

  if (k == 0 || n > FD_SEARCH_MAX_WORD || _fd_search_word_lang (term) == FD_LANG_ZH_CN)
    return FALSE;
  /* the nearest words only: two edits when no word is one edit away */
  for (guint d = 1; d <= k && !any; d++)
    for (glong len = MAX (n - (glong) d, 4); len <= MIN (n + (glong) d, FD_SEARCH_MAX_WORD); len++)
      {
        GPtrArray *words = index->vocabulary[len];

        for (guint i = 0; i < words->len && found < MAX_TYPO_CANDIDATES; i++)
          {
            VocabWord *v = g_ptr_array_index (words, i);

            if (_fd_search_within_edits (chars, n, v->chars, v->n_chars, d))
              {
                found++;
                any |= match_text (index, v->word, FD_GUIDE_MATCH_NAME, candidates, best, best_lang);
              }
          }
      }
  return any;
}

/* One term, as typed, by its stem and by its synonyms; by near words only
 * when nothing else matched. Without @precise (a term among others, ranked
 * as a name match at best anyway), a stem that starts the term finds all
 * the term would, and the term itself is not searched. */
static gboolean
match_term (FdGuideIndex *index,
            const char   *term,
            gboolean      precise,
            GArray       *candidates,
            guint8       *best,
            guint8       *best_lang)
{
  const char * const *synonyms = fd_synonyms_lookup (index->synonyms, term);
  g_autofree char *stem = _fd_search_stem_words (term);
  gboolean any = FALSE;

  if (precise || stem == NULL || !g_str_has_prefix (term, stem))
    any = match_text (index, term, FD_GUIDE_MATCH_NAME_EXACT, candidates, best, best_lang);
  if (stem != NULL)
    any |= match_text (index, stem, FD_GUIDE_MATCH_NAME, candidates, best, best_lang);
  for (guint i = 0; synonyms != NULL && synonyms[i] != NULL; i++)
    if (!g_str_equal (synonyms[i], term))
      {
        g_autofree char *s_stem = _fd_search_stem_words (synonyms[i]);

        any |= match_text_full (index, synonyms[i], FD_GUIDE_MATCH_NAME, TRUE, candidates, best, best_lang);
        if (s_stem != NULL)
          any |= match_text_full (index, s_stem, FD_GUIDE_MATCH_NAME, TRUE, candidates, best, best_lang);
      }
  if (!any)
    any = match_typos (index, term, candidates, best, best_lang);
  return any;
}

static int
compare_longer_first (gconstpointer a,
                      gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la > lb ? -1 : la < lb;
}

/* Every term must match somewhere: the guide's rank is its worst term's,
 * and a name match at best. The longest term goes first; the others look
 * only at the guides still in. Results go into index->best. */
static GArray *
match_all_terms (FdGuideIndex *index,
                 GPtrArray    *terms)
{
  guint n_guides = index->guides->len;
  g_autoptr(GArray) candidates = NULL;

  g_ptr_array_sort (terms, compare_longer_first);
  memset (index->all_terms, FD_GUIDE_MATCH_NAME, n_guides);
  for (guint t = 0; t < terms->len; t++)
    {
      memset (index->term_best, FD_SEARCH_NO_MATCH, n_guides);
      if (!match_term (index, g_ptr_array_index (terms, t), FALSE, candidates, index->term_best, index->term_lang))
        return NULL; /* one term matches nothing: no guide has them all */
      if (candidates == NULL)
        candidates = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_set_size (candidates, 0);
      for (guint32 g = 0; g < n_guides; g++)
        {
          index->all_terms[g] = MAX (index->all_terms[g], index->term_best[g]);
          index->member[g] = index->all_terms[g] != FD_SEARCH_NO_MATCH;
          if (index->member[g])
            g_array_append_val (candidates, g);
        }
      if (candidates->len == 0)
        return NULL;
    }
  for (guint g = 0; g < n_guides; g++)
    keep (index->best, index->best_lang, g, index->all_terms[g], index->term_lang[g]);
  return g_steal_pointer (&candidates);
}

/* The known Chinese terms inside a sentence, longest first, not
 * overlapping. */
static GPtrArray *
han_terms_in (FdGuideIndex *index,
              const char   *sentence)
{
  GPtrArray *found = g_ptr_array_new ();
  gsize len = strlen (sentence);
  g_autofree guint8 *used = g_malloc0 (len + 1);

  for (guint i = 0; i < index->han_terms->len && found->len < MAX_TERMS; i++)
    {
      const char *term = g_ptr_array_index (index->han_terms, i);
      const char *at = strstr (sentence, term);
      gsize tlen = strlen (term);
      gboolean free_span = TRUE;

      if (at == NULL)
        continue;
      for (gsize b = 0; b < tlen; b++)
        free_span = free_span && !used[at - sentence + b];
      if (!free_span)
        continue;
      memset (used + (at - sentence), 1, tlen);
      g_ptr_array_add (found, (gpointer) term);
    }
  return found;
}

static gboolean
any_match (FdGuideIndex *index)
{
  for (guint g = 0; g < index->guides->len; g++)
    if (index->best[g] != FD_SEARCH_NO_MATCH)
      return TRUE;
  return FALSE;
}

static void
add_hit (GArray       *hits,
         FdGuideIndex *index,
         guint8       *listed,
         guint         g,
         guint8        rank)
{
  FdGuideSearchHit h;

  h.guide = g_ptr_array_index (index->guides, g);
  h.match = rank;
  h.lang = index->best_lang[g];
  g_array_append_val (hits, h);
  listed[g] = 1;
}

GArray *
fd_guide_index_search (FdGuideIndex *index,
                       const char   *query,
                       guint         limit)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (FdGuideSearchHit));
  g_autofree char *norm = fd_search_normalize (query);
  g_autofree guint8 *listed = NULL;
  g_autoptr(GPtrArray) terms = g_ptr_array_new ();
  guint n_guides = index->guides->len;

  if (*norm == '\0' || n_guides == 0)
    return hits;
  memset (index->best, FD_SEARCH_NO_MATCH, n_guides);

  /* 1. every term, in any order (the first and longest over the whole
   * index, the others only over the guides still in) */
  {
    char *p = norm;

    while (p != NULL && *p != '\0' && terms->len < MAX_TERMS)
      {
        char *space = strchr (p, ' ');

        g_ptr_array_add (terms, p);
        if (space != NULL)
          *space++ = '\0';
        p = space;
      }
  }
  if (terms->len == 1)
    match_term (index, norm, TRUE, NULL, index->best, index->best_lang);
  else
    {
      g_autoptr(GArray) candidates = match_all_terms (index, terms);

      /* 2. among the guides having every term, a better rank where the
       * whole query matches as typed ("real estate") or, for pinyin
       * syllables and Chinese, without its spaces ("qiye kaiban" →
       * qiyekaiban, "企业 开办" → 企业开办) */
      if (candidates != NULL)
        {
          g_autofree char *folded = fd_search_normalize (query);

          match_text (index, folded, FD_GUIDE_MATCH_NAME_EXACT, candidates, index->best, index->best_lang);
          if (short_terms (terms))
            {
              g_autofree char *joined = without_spaces (folded);

              match_text (index, joined, FD_GUIDE_MATCH_NAME_EXACT, candidates, index->best, index->best_lang);
            }
        }
    }

  /* 3. known terms inside a Chinese sentence */
  if (!any_match (index) && scripts_of (query) == (1 << BLOB_HAN))
    {
      g_autofree char *sentence = fd_search_normalize (query);
      g_autoptr(GPtrArray) found = han_terms_in (index, sentence);
      GArray *candidates = found->len > 0 ? match_all_terms (index, found) : NULL;

      /* the ranks are in index->best; the candidate list is not needed */
      g_clear_pointer (&candidates, g_array_unref);
    }

  /* Buckets by rank keep catalogue order inside a rank; a package follows
   * the first of its matters listed when it did not rank better itself. */
  listed = g_malloc0 (n_guides);
  for (guint8 rank = FD_GUIDE_MATCH_NAME_EXACT; rank <= FD_GUIDE_MATCH_OTHER; rank++)
    for (guint g = 0; g < n_guides; g++)
      {
        GArray *packages;

        if (index->best[g] != rank || listed[g])
          continue;
        if (limit > 0 && hits->len >= limit)
          return hits;
        add_hit (hits, index, listed, g, rank);
        packages = g_array_index (index->packages_of, GArray *, g);
        for (guint i = 0; packages != NULL && i < packages->len; i++)
          {
            guint32 p = g_array_index (packages, guint32, i);

            if (listed[p] || index->best[p] == FD_SEARCH_NO_MATCH || (limit > 0 && hits->len >= limit))
              continue;
            add_hit (hits, index, listed, p, index->best[p]);
          }
      }
  return hits;
}
