/* fd-guide-print.h: print or export the materials checklist of a guide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both draw with the engine's checklist renderer (fd-guide-checklist.h) in
 * an explicit content language, independent of the UI language.
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-guide-catalog.h"
#include "fd-hall-schedule.h"

G_BEGIN_DECLS

/* @catalog and @schedule (both nullable) as for fd_guide_checklist_new():
 * a package's matters, the sample-data notice, the hall's floors and
 * phone numbers. */

/* Shows the print dialog and prints the checklist of @guide in @lang.
 * Returns FALSE with @error set when printing failed; TRUE when it was
 * printed or the user cancelled. */
gboolean fd_guide_print_checklist      (GtkWindow       *parent,
                                        FdGuide         *guide,
                                        FdGuideCatalog  *catalog,
                                        FdHallSchedule  *schedule,
                                        FdLang           lang,
                                        GError         **error);

/* The same print path without a dialog: GtkPrintOperation exports the
 * pages (drawn on the print context) to a PDF at @path. */
gboolean fd_guide_print_checklist_to_file (FdGuide         *guide,
                                           FdGuideCatalog  *catalog,
                                           FdHallSchedule  *schedule,
                                           FdLang           lang,
                                           const char      *path,
                                           GError         **error);

/* Writes the checklist of @guide in @lang as an A4 PDF at @path. */
gboolean fd_guide_export_checklist_pdf (FdGuide         *guide,
                                        FdGuideCatalog  *catalog,
                                        FdHallSchedule  *schedule,
                                        FdLang           lang,
                                        const char      *path,
                                        GError         **error);

/* A file name to offer: "<guide id>-checklist-<lang code>.pdf". */
char    *fd_guide_checklist_file_name  (FdGuide         *guide,
                                        FdLang           lang);

G_END_DECLS
