/* fd-guide-checklist.h: printed materials checklist of a guide (cairo + pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws the checklist of a matter or theme package in a chosen content
 * language: name, window(s) with their floors, place, hours, materials (form, quantity,
 * note, tick box), steps, time limits, fees, phones, and a QR code of the
 * online URL when there is one. Text is tagged with its language (Pango
 * language attribute) so Chinese gets zh-CN glyphs.
 *
 * Drawing works on any cairo_t, so the app can use it from
 * GtkPrintOperation: call fd_guide_checklist_layout() in begin-print (with
 * the print context's cairo_t and page size, n_pages = its result) and
 * fd_guide_checklist_draw_page() in draw-page.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "fd-guide-catalog.h"
#include "fd-hall-schedule.h"
#include "fd-lang.h"

G_BEGIN_DECLS

#define FD_TYPE_GUIDE_CHECKLIST (fd_guide_checklist_get_type ())
G_DECLARE_FINAL_TYPE (FdGuideChecklist, fd_guide_checklist, FD, GUIDE_CHECKLIST, GObject)

/* @catalog (nullable) resolves a package's matters and says whether the
 * data are samples; @schedule (nullable) gives the hall's floors of the
 * windows and its phone numbers once a hall folder is loaded. */
FdGuideChecklist *fd_guide_checklist_new        (FdGuide          *guide,
                                                 FdGuideCatalog   *catalog,
                                                 FdHallSchedule   *schedule,
                                                 FdLang            lang);

/* Lays the checklist out for pages of @width x @height cairo units
 * (points for PDF), using @cr's font options and target. Returns the
 * number of pages (>= 1). */
guint             fd_guide_checklist_layout     (FdGuideChecklist *self,
                                                 cairo_t          *cr,
                                                 double            width,
                                                 double            height);
guint             fd_guide_checklist_get_n_pages (FdGuideChecklist *self);
/* Draws page @page (0-based) of the last layout at the origin of @cr. */
void              fd_guide_checklist_draw_page  (FdGuideChecklist *self,
                                                 cairo_t          *cr,
                                                 guint             page);

/* Writes an A4 PDF. */
gboolean          fd_guide_checklist_export_pdf (FdGuideChecklist *self,
                                                 const char       *path,
                                                 GError          **error);

G_END_DECLS
