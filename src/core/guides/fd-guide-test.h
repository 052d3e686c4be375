/* fd-guide-test.h: what the parser's tests and fuzz harness use of the guides
 * area's internals (the one-pass parser, its file size bound and the search
 * index), and nothing else of fd-guide-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-guide.h"

G_BEGIN_DECLS

#define FD_GUIDE_MAX_FILE_SIZE  (1024 * 1024)  /* bytes; a real guide is 2-20 KB */

/* The guide parser (fd-guide-parser.c): checks @data against
 * docs/guide-format.md and builds the guide in one pass. Appends every
 * "FILE:LINE:COL: error: ..." / "warning: ..." to @messages (char*, may be
 * NULL). Returns NULL on the first error's GError (FD_GUIDE_ERROR_PARSE for
 * XML that is not well-formed, else FD_GUIDE_ERROR_INVALID; message
 * "FILE:LINE:COL: ..."). */
FdGuide    *fd_guide_parse        (const char  *data,
                                   gsize        length,
                                   const char  *filename,
                                   GPtrArray   *messages,
                                   GError     **error);

/* The search index of a catalogue (fd-guide-search.c), which the fuzz
 * harness builds over what it parsed. */
/* The search index of a catalogue (fd-guide-search.c). */
typedef struct _FdGuideIndex FdGuideIndex;
/* The synonym list (data/guides/synonyms.tsv, fd-guide-search-terms.c):
 * one group a line, tab-separated terms in any language. */
typedef struct _FdSynonyms FdSynonyms;
/* @guides: FdGuide* in catalogue order. @category_title gives a guide's
 * category title in a language (may return NULL). */
typedef const char *(*FdCategoryTitleFunc) (gpointer    data,
                                            const char *category,
                                            FdLang      lang);
/* Takes @synonyms (nullable). */
FdGuideIndex *fd_guide_index_new    (GPtrArray           *guides,
                                     FdCategoryTitleFunc  category_title,
                                     gpointer             data,
                                     FdSynonyms          *synonyms);
void          fd_guide_index_free   (FdGuideIndex        *index);
GArray       *fd_guide_index_search (FdGuideIndex        *index,
                                     const char          *query,
                                     guint                limit);

/* Search folding (fd-guide-search-terms.c): fd_search_normalize() takes a
 * byte-by-byte path for the scripts guides are written in and the general
 * one (g_utf8_strdown and Unicode tables) for the rest; the tests check
 * that both fold every character alike. */
char         *fd_search_normalize          (const char *text);
char         *_fd_search_normalize_general (const char *text);

G_END_DECLS
