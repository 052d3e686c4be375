/* fd-guide-search-private.h: the search index, shared by its three files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fd-guide-search.c        builds the index (load time);
 * fd-guide-search-query.c  answers a query (per keystroke);
 * fd-guide-search-terms.c  folding, stems, edit distance, synonyms.
 */
#pragma once

#include "fd-guide-private.h"
#include "fd-guide-search.h"

G_BEGIN_DECLS

#define FD_SEARCH_SEPARATOR   '\x01'
#define FD_SEARCH_NO_MATCH    0xFF
#define FD_SEARCH_MAX_WORD    32       /* characters; longer words are not typo-matched */
#define FD_SYNONYMS_MAX_SIZE  (256 * 1024)
#define FD_SYNONYMS_MAX_LINES 4000
#define FD_SYNONYMS_MAX_TERMS 16

typedef enum {
  KIND_HAN,        /* Chinese text: substring anywhere */
  KIND_WORDS,      /* English / Russian words (and their stems): from a word start */
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
  guint32 end;     /* exclusive; text[end] is the separator */
  guint32 guide;   /* guide index; in the shared blob: index into other_users */
  guint8  klass;
  guint8  kind;
  guint8  lang;
} Field;

/* Text of one script: a query scans only the blob of its own script. */
typedef enum {
  BLOB_HAN,        /* Chinese names and keywords */
  BLOB_LATIN,      /* English, pinyin, initials */
  BLOB_CYRILLIC,   /* Russian */
  N_BLOBS
} BlobScript;

typedef struct {
  GString    *text;
  GArray     *fields;     /* Field, by start */
  GByteArray *starts;     /* per text byte, 1 where a match may start: a word start
                           * (English, Russian), a syllable start (pinyin), any
                           * character (Chinese, initials); 0 on separators */
} Blob;

struct _FdGuideSearchPart {
  Blob blobs[N_BLOBS];
};

typedef struct {
  char     *word;         /* folded */
  gunichar *chars;
  glong     n_chars;
} VocabWord;

struct _FdGuideIndex {
  GPtrArray  *guides;     /* FdGuide*, refs */
  Blob        blobs[N_BLOBS];
  GArray     *guide_fields[N_BLOBS]; /* guint32 per guide + 1: its first field in the blob */

  /* Department, category and material names repeat across guides: each
   * distinct text is stored once in other, with the guides using it. */
  Blob        other;
  GPtrArray  *other_users;    /* GArray of guint32 guide indexes, per text */
  GHashTable *other_ids[FD_N_LANGS];

  GArray     *packages_of;    /* per guide: GArray of guint32 package indexes, or NULL */
  GPtrArray  *vocabulary[FD_SEARCH_MAX_WORD + 1]; /* VocabWord*, by length in characters */
  GPtrArray  *han_terms;      /* known Chinese terms (keywords, synonyms), longest first */
  FdSynonyms *synonyms;

  /* scratch of a query, one byte per guide */
  guint8     *best;
  guint8     *best_lang;
  guint8     *term_best;
  guint8     *term_lang;
  guint8     *all_terms;
  guint8     *member;         /* 1 for the guides still in (all terms so far) */
};

/* fd-guide-search-terms.c */
char         *_fd_search_join_dashes   (const char     *text);
char         *_fd_search_stem_words    (const char     *folded);
FdLang        _fd_search_word_lang     (const char     *word);
gboolean      _fd_search_within_edits  (const gunichar *a,
                                        glong           la,
                                        const gunichar *b,
                                        glong           lb,
                                        guint           k);
guint         _fd_search_allowed_edits (glong           length);

G_END_DECLS
