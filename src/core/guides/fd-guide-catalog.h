/* fd-guide-catalog.h: every guide of a guides directory, browsable and searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A guides directory (installed: PKGDATADIR/guides; uninstalled:
 * $FRONTDESK_DATADIR/guides, see fd_guides_default_dir()) holds
 *   matters/NAME.xml  packages/NAME.xml  categories.xml  calendar/<year>.xml
 * as merged at build time (each translatable element with xml:lang
 * siblings). Loading never fails because of one bad file: the file is
 * skipped and its GError (message "FILE:LINE:COL: ...") is kept in
 * fd_guide_catalog_get_load_errors() for the UI to show.
 *
 * FdGuideCatalog is a GListModel of FdGuide: packages first, then matters,
 * each in file-name order. Search (fd-guide-search.h) runs over an index
 * built once at load time.
 */
#pragma once

#include <gio/gio.h>

#include "fd-guide.h"
#include "fd-lang.h"

G_BEGIN_DECLS

/* The guides directory to use: $FRONTDESK_DATADIR/guides when the variable
 * is set (dev.sh and the tests set it to <build>/data), else
 * PKGDATADIR "/guides". Never NULL; free with g_free(). */
char *fd_guides_default_dir (void);

#define FD_TYPE_GUIDE_CATALOG (fd_guide_catalog_get_type ())
G_DECLARE_FINAL_TYPE (FdGuideCatalog, fd_guide_catalog, FD, GUIDE_CATALOG, GObject)

FdGuideCatalog *fd_guide_catalog_new               (void);

/* Loads a guides directory, replacing what was loaded before (emits
 * items-changed). Returns FALSE only when @dir itself cannot be read;
 * bad files are skipped and listed by fd_guide_catalog_get_load_errors(). */
gboolean        fd_guide_catalog_load_dir          (FdGuideCatalog      *self,
                                                    const char          *dir,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
/* The same in a worker thread; the catalogue changes (and emits
 * items-changed) on the calling thread's main context when it is done. */
void            fd_guide_catalog_load_dir_async    (FdGuideCatalog      *self,
                                                    const char          *dir,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        fd_guide_catalog_load_dir_finish   (FdGuideCatalog      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Loads an explicit list of guide files (matters and packages; a file
 * named categories.xml is read as the category list). Same skipping rules. */
gboolean        fd_guide_catalog_load_files        (FdGuideCatalog      *self,
                                                    const char * const  *paths,
                                                    GError             **error);

/* TRUE once a load has finished, with or without errors (property
 * "loaded", notified once). A cancelled load leaves it FALSE. */
gboolean        fd_guide_catalog_get_loaded        (FdGuideCatalog      *self);

/* TRUE (default) while the window numbers, floors and codes of the guides
 * are the shipped examples; whoever reads the hall's own folder
 * (fd-hall-folder.h) sets it FALSE. Property "sample-data". Views show a
 * notice while it is TRUE. */
gboolean        fd_guide_catalog_get_sample_data   (FdGuideCatalog      *self);
void            fd_guide_catalog_set_sample_data   (FdGuideCatalog      *self,
                                                    gboolean             sample_data);

/* The directory last loaded, or NULL. */
const char     *fd_guide_catalog_get_dir           (FdGuideCatalog      *self);

/* GErrors (FD_GUIDE_ERROR, message "FILE:LINE:COL: ...") of the files
 * skipped by the last load, and problems between files (a package
 * referring to an unknown matter, a duplicate id, an unknown category).
 * Never NULL; owned by the catalogue. */
GPtrArray      *fd_guide_catalog_get_load_errors   (FdGuideCatalog      *self);

/* Lookup by id; NULL when unknown. (transfer none) */
FdGuide        *fd_guide_catalog_lookup            (FdGuideCatalog      *self,
                                                    const char          *id);

/* (transfer container) GPtrArray of FdGuide, in model order. */
GPtrArray      *fd_guide_catalog_list_matters      (FdGuideCatalog      *self);
GPtrArray      *fd_guide_catalog_list_packages     (FdGuideCatalog      *self);

/* Categories of categories.xml, in file order (category ids, NULL-terminated,
 * owned by the catalogue). Categories used by guides but missing from
 * categories.xml are appended (their title is then the id). */
const char * const *fd_guide_catalog_get_categories (FdGuideCatalog     *self);
/* Title of a category in @lang (falls back to Chinese, then to the id). */
const char     *fd_guide_catalog_get_category_title (FdGuideCatalog     *self,
                                                     const char         *category,
                                                     FdLang              lang);
/* (transfer container) the guides (matters and packages) of a category. */
GPtrArray      *fd_guide_catalog_list_by_category  (FdGuideCatalog      *self,
                                                    const char          *category);

/* Departments, keyed by their Chinese name, sorted; NULL-terminated and
 * owned by the catalogue. Show one in another language with
 * fd_guide_catalog_get_department_name(). */
const char * const *fd_guide_catalog_get_departments (FdGuideCatalog    *self);
const char     *fd_guide_catalog_get_department_name (FdGuideCatalog    *self,
                                                      const char        *department_zh,
                                                      FdLang             lang);
/* (transfer container) the guides of a department (Chinese name). */
GPtrArray      *fd_guide_catalog_list_by_department (FdGuideCatalog     *self,
                                                     const char         *department_zh);

/* (transfer container) a package's matters, in the package's order
 * (unknown refs are skipped; they are in the load errors). */
GPtrArray      *fd_guide_catalog_get_package_matters (FdGuideCatalog    *self,
                                                      FdGuide           *package);
/* (transfer container) the packages that bundle a matter. */
GPtrArray      *fd_guide_catalog_get_matter_packages (FdGuideCatalog    *self,
                                                      FdGuide           *matter);

G_END_DECLS
