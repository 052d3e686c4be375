/* fd-case-editor-private.h: shared between fd-case-editor.c and its widget tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-case-editor.h"
#include "fd-case-history.h"

G_BEGIN_DECLS

struct _FdCaseEditor
{
  GtkBox           parent_instance;

  FdCaseStore     *store;
  FdGuideCatalog  *catalog;
  FdLang           lang;
  FdCase          *fcase;
  GCancellable    *cancellable;
  guint            timer_id;
  gboolean         busy;
  gboolean         pending;      /* a change arrived while a save was running */
  /* What the editor shows (saved or not); the lists are bound to these. */
  GtkStringList   *matters;      /* guide ids */
  GListStore      *calls;        /* FdCaseCallItem */
  GListStore      *results;      /* FdGuide: search hits */

  GtkWidget       *title_label;
  GtkWidget       *timer_label;
  GtkWidget       *timer_caption;
  GtkWidget       *status_box;
  GtkWidget       *status_icon;
  GtkWidget       *status_label;
  GtkWidget       *need_buttons[FD_CASE_N_NEEDS];
  AdwComboRow     *language_row;
  AdwEntryRow     *staff_row;
  GtkListBox      *matters_list;
  GtkWidget       *search_entry;
  GtkListBox      *results_list;
  GtkListBox      *calls_list;
  GtkTextView     *notes_view;
  GtkWidget       *masked_label;
  GtkCheckButton  *consent_check;
  AdwEntryRow     *phone_row;
  GtkToggleButton *outcome_checks[FD_CASE_N_OUTCOMES];
  GtkWidget       *outcome_group;
  GtkWidget       *save_button;
  GtkWidget       *close_button;
  FdCaseHistory   *history;
};

/* fd-case-editor-ui.c */
void _fd_case_editor_build_ui (FdCaseEditor *self);

/* fd-case-editor.c: callbacks the widget tree connects */
void _fd_case_editor_on_search_changed  (GtkSearchEntry *entry,
                                         gpointer        user_data);
void _fd_case_editor_on_save_clicked    (GtkButton      *button,
                                         gpointer        user_data);
void _fd_case_editor_on_close_clicked   (GtkButton      *button,
                                         gpointer        user_data);
void _fd_case_editor_on_consent_toggled (GtkCheckButton *check,
                                         gpointer        user_data);

/* Where the language row holds @code (NULL: "", not recorded), or GTK_INVALID_LIST_POSITION. */
guint _fd_case_editor_language_position (FdCaseEditor *self,
                                         const char   *code);

G_END_DECLS
