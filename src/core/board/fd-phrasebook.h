/* fd-phrasebook.h: the desk phrasebook of the conversation board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phrases staff pick to answer a visitor, each in zh-CN, en and ru, read from
 * data/board/phrasebook.xml (installed to <pkgdatadir>/board; the directory is
 * $FRONTDESK_DATADIR/board when that variable is set). A phrase may hold a
 * number {n}: a label (window 5, floor 2) or a count, whose texts carry the
 * language's plural forms (CLDR: zh other; en one/other; ru one/few/many),
 * so a Russian sentence is never built by concatenation.
 *
 * FdPhrasebook is a GListModel of FdPhraseCategory; each category is a
 * GListModel of its FdPhrase (fd_phrase_category_get_phrases()).
 */
#pragma once

#include <gio/gio.h>

#include "fd-lang.h"

G_BEGIN_DECLS

#define FD_PHRASEBOOK_MAX_BYTES   (1024 * 1024)
#define FD_PHRASEBOOK_MAX_PHRASES 2000
#define FD_PHRASEBOOK_MAX_TEXT    2000    /* bytes of one text */

#define FD_PHRASEBOOK_ERROR (fd_phrasebook_error_quark ())

typedef enum {
  FD_PHRASEBOOK_ERROR_INVALID,   /* not a phrasebook, or one this version does not read */
  FD_PHRASEBOOK_ERROR_TOO_LARGE,
} FdPhrasebookError;

typedef enum {
  FD_PHRASE_PLAIN,   /* no number */
  FD_PHRASE_LABEL,   /* {n} names something: window 5, floor 2 */
  FD_PHRASE_COUNT,   /* {n} counts something: plural forms */
} FdPhraseNumber;

typedef enum {
  FD_PLURAL_ONE,
  FD_PLURAL_FEW,
  FD_PLURAL_MANY,
  FD_PLURAL_OTHER,
} FdPlural;

#define FD_N_PLURALS 4

FdPlural    fd_plural_for          (FdLang      lang,
                                    guint64     n);
const char *fd_plural_to_string    (FdPlural    plural);

#define FD_TYPE_PHRASE (fd_phrase_get_type ())
G_DECLARE_FINAL_TYPE (FdPhrase, fd_phrase, FD, PHRASE, GObject)

const char     *fd_phrase_get_id        (FdPhrase   *self);
const char     *fd_phrase_get_category  (FdPhrase   *self);
FdPhraseNumber  fd_phrase_get_number    (FdPhrase   *self);
const char     *fd_phrase_get_form      (FdPhrase   *self,
                                         FdLang      lang,
                                         FdPlural    plural);
char           *fd_phrase_format        (FdPhrase   *self,
                                         FdLang      lang,
                                         guint64     n);
const char     *fd_phrase_get_text      (FdPhrase   *self,
                                         FdLang      lang);

#define FD_TYPE_PHRASE_CATEGORY (fd_phrase_category_get_type ())
G_DECLARE_FINAL_TYPE (FdPhraseCategory, fd_phrase_category, FD, PHRASE_CATEGORY, GObject)

const char *fd_phrase_category_get_id      (FdPhraseCategory *self);
const char *fd_phrase_category_get_name    (FdPhraseCategory *self,
                                            FdLang            lang);
GListModel *fd_phrase_category_get_phrases (FdPhraseCategory *self);

#define FD_TYPE_PHRASEBOOK (fd_phrasebook_get_type ())
G_DECLARE_FINAL_TYPE (FdPhrasebook, fd_phrasebook, FD, PHRASEBOOK, GObject)

GQuark        fd_phrasebook_error_quark  (void);
char         *fd_phrasebook_default_path (void);
FdPhrasebook *fd_phrasebook_new_from_data (const char   *data,
                                           gssize        length,
                                           GError      **error);
FdPhrasebook *fd_phrasebook_new_from_file (const char   *path,
                                           GError      **error);
guint         fd_phrasebook_get_n_phrases (FdPhrasebook *self);
FdPhrase     *fd_phrasebook_lookup        (FdPhrasebook *self,
                                           const char   *id);

G_END_DECLS
