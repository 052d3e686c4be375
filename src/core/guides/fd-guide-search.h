/* fd-guide-search.h: ranked as-you-type search over a guide catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One query box for every language: a query matches
 *  - Chinese text by substring (1 character and up),
 *  - full pinyin of Chinese titles and keywords (yinhang → 银行), from a
 *    syllable start, the last syllable possibly unfinished (yinh), typed
 *    apart or with tone marks (qiye kaiban, qǐyè kāibàn),
 *  - pinyin initials of titles and keywords (qykb → 企业开办),
 *  - English and Russian case-insensitively at the start of a word, with
 *    hyphens folded (start-up = start up = startup), by Snowball stems
 *    (регистрацию → регистрация) and, for a word that matches nothing,
 *    one typo from 5 letters, two from 9;
 *  - every term of the query somewhere in the guide, in any order;
 *  - the synonyms of a term (synonyms.tsv in the guides directory);
 *  - the known Chinese terms inside a sentence (身份证丢了).
 * Fields searched: name, keywords, department, category title, material
 * names — in all three languages. Pinyin and stems are computed once when
 * the catalogue loads, never per keystroke.
 *
 * Ranking (best first): name equal to the query > name starts with it >
 * name contains it (incl. pinyin / initials, and any match through terms,
 * stems, synonyms or typos) > keywords > other fields. Ties keep
 * catalogue order; a package ranking no better than one of its matters
 * follows that matter. Results never depend on the UI language.
 */
#pragma once

#include "fd-guide-catalog.h"

G_BEGIN_DECLS

typedef enum {
  FD_GUIDE_MATCH_NAME_EXACT,      /* the whole name (in some language) */
  FD_GUIDE_MATCH_NAME_PREFIX,     /* start of the name, or of its pinyin / initials */
  FD_GUIDE_MATCH_NAME,            /* elsewhere in the name (or its pinyin) */
  FD_GUIDE_MATCH_KEYWORDS,        /* keywords (or their pinyin) */
  FD_GUIDE_MATCH_OTHER,           /* department, category, material names */
} FdGuideMatch;

typedef struct {
  FdGuide      *guide;            /* (transfer none): owned by the catalogue */
  FdGuideMatch  match;            /* the best field that matched */
  FdLang        lang;             /* language of the text that matched
                                     (pinyin counts as FD_LANG_ZH_CN) */
} FdGuideSearchHit;

/* Returns an array of FdGuideSearchHit (free with g_array_unref), best
 * first, at most @limit long (0 = no limit). An empty or blank query
 * returns an empty array. Safe to call on every keystroke (well under a
 * millisecond for 2,000 guides, see docs/performance.md). Call it from the
 * thread that owns the catalogue (it uses per-catalogue scratch space);
 * the hits stay valid until the catalogue is reloaded. */
GArray *fd_guide_catalog_search (FdGuideCatalog *self,
                                 const char     *query,
                                 guint           limit);

/* Pinyin of a Chinese text as computed for the index, syllables separated
 * by spaces, without tones ("银行卡" → "yin hang ka"); characters without a
 * reading are kept as they are. Newly allocated. */
char   *fd_pinyin_from_text     (const char     *text);
/* Pinyin initials ("企业开办" → "qykb"). Newly allocated. */
char   *fd_pinyin_initials      (const char     *text);

G_END_DECLS
