/* fd-guides-page-private.h: the Guides page's fields, shared with its actions file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-applicant-window.h"
#include "fd-guide-view.h"
#include "fd-guides-page.h"

G_BEGIN_DECLS

struct _FdGuidesPage
{
  AdwBin             parent_instance;

  /* Owned by the application (fd_application_get_guide_catalog ()) */
  FdGuideCatalog    *catalog;
  FdHallSchedule    *schedule;
  FdLang             ui_lang;

  /* The list: catalogue → filter (browse key or search hits) → sort (by
   * search rank while searching, else catalogue order) → list box */
  GtkCustomFilter   *filter;
  GtkFilterListModel *filtered;
  GtkCustomSorter   *sorter;
  GtkSortListModel  *sorted;
  GHashTable        *ranks;              /* FdGuide* → rank + 1, NULL when not searching */
  FdApplicantWindow *applicant;          /* weak */
  GListModel        *monitors;

  /* Template widgets */
  GtkRevealer       *sample_revealer;
  GtkRevealer       *errors_revealer;
  GtkLabel          *errors_title;
  GtkLabel          *errors_label;
  GtkStack          *stack;
  AdwLeaflet        *leaflet;
  GtkWidget         *sidebar;
  GtkWidget         *detail;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *filter_dropdown;
  GtkLabel          *count_label;
  GtkLabel          *calendar_label;
  GtkListBox        *guide_list;
  GtkWidget         *back_button;
  GtkDropDown       *lang_dropdown;
  GtkDropDown       *monitor_dropdown;
  GtkWidget         *close_applicant_button;
  GtkStack          *detail_stack;
  FdGuideView       *view;
};

/* fd-guides-page.c */
void     _fd_guides_page_show_toast   (FdGuidesPage *self,
                                       const char   *message,
                                       guint         timeout);
FdLang   _fd_guides_page_chosen_lang  (FdGuidesPage *self);

/* fd-guides-page-actions.c: applicant screen, monitors, print and export */
void     _fd_guides_page_fill_monitors          (FdGuidesPage *self);
void     _fd_guides_page_on_monitors_changed    (GListModel   *model,
                                                 guint         position,
                                                 guint         removed,
                                                 guint         added,
                                                 FdGuidesPage *self);
void     _fd_guides_page_show_applicant_action  (GtkWidget    *widget,
                                                 const char   *action_name,
                                                 GVariant     *param);
void     _fd_guides_page_show_board_action      (GtkWidget    *widget,
                                                 const char   *action_name,
                                                 GVariant     *param);
void     _fd_guides_page_close_applicant_action (GtkWidget    *widget,
                                                 const char   *action_name,
                                                 GVariant     *param);
void     _fd_guides_page_print_action           (GtkWidget    *widget,
                                                 const char   *action_name,
                                                 GVariant     *param);
void     _fd_guides_page_export_action          (GtkWidget    *widget,
                                                 const char   *action_name,
                                                 GVariant     *param);

G_END_DECLS
