/* fd-guide-catalog-private.h: what a catalogue load produces (fd-guide-catalog-load.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-guide-catalog.h"
#include "fd-guide-private.h"

G_BEGIN_DECLS

/* Everything a load produces; built off the main thread, then swapped in. */
typedef struct {
  char       *dir;
  GPtrArray  *guides;        /* FdGuide*, model order */
  GHashTable *by_id;         /* id → FdGuide* (borrowed) */
  GPtrArray  *errors;        /* GError* */
  GPtrArray  *categories;    /* char* ids + NULL */
  GHashTable *category_titles; /* id → FdText* */
  gboolean    have_categories_file;
  GPtrArray  *departments;   /* char* (zh) + NULL */
  GHashTable *department_texts; /* zh → const FdText* (borrowed from a guide) */
  FdGuideIndex *index;
  FdSynonyms *synonyms;      /* until the index takes it */
} CatalogData;

CatalogData *_fd_catalog_data_new        (void);
void         _fd_catalog_data_free       (CatalogData   *d);
/* Reads a guides directory on the calling thread (any thread). */
CatalogData *_fd_catalog_load_dir_data   (const char    *dir,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Reads explicit files (categories.xml among them is the category list). */
CatalogData *_fd_catalog_load_files_data (const char * const *paths);

G_END_DECLS
