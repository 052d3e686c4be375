/* fd-guide-search.h: ranked as-you-type search over a guide catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One query box for every language: a query matches
 *  - Chinese text by substring (1 character and up),
 *  - full pinyin of Chinese titles and keywords (yinhang → 银行), from a
 *    syllable start, the last syllable possibly unfinished (yinh),
 *  - pinyin initials of titles and keywords (qykb → 企业开办),
 *  - English and Russian case-insensitively at the start of a word
 *    (a prefix of any word: "pass" → "Passport", "пасп" → "Паспорт").
 * Pinyin is computed once when the catalogue loads (Unihan kMandarin
 * readings plus a curated table of word readings for polyphonic
 * characters), never per keystroke. Fields searched: name, keywords,
 * department, category title, material names — in all three languages.
 *
 * Ranking (best first): name equal to the query > name starts with it >
 * name contains it (incl. pinyin / initials) > keywords > other fields.
 * Ties keep catalogue order (stable). Results never depend on the UI
 * language.
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
 * returns an empty array. Safe to call on every keystroke. */
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
