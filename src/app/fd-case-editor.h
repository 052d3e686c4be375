/* fd-case-editor.h: view and edit one escort case (the active case card)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a stored case with a running timer while it is open, its needs,
 * visitor language, escort staff, matters (added by searching the guide
 * catalogue), linked interpreter calls, notes (masked by the store on save),
 * an optional contact phone with consent, the outcome and the audit trail.
 * Every change is saved through the store's async calls; the editor says
 * "saved" only once the store has committed, and on an error keeps what was
 * entered, shows the error and lets the user retry.
 *
 * Signals: "saved" after every committed update, "closed" after the case
 * was closed with an outcome.
 */
#pragma once

#include <adwaita.h>

#include "fd-case-store.h"
#include "fd-guide-catalog.h"

G_BEGIN_DECLS

#define FD_TYPE_CASE_EDITOR (fd_case_editor_get_type ())

G_DECLARE_FINAL_TYPE (FdCaseEditor, fd_case_editor, FD, CASE_EDITOR, GtkBox)

GtkWidget *fd_case_editor_new       (FdCaseStore        *store,
                                     FdGuideCatalog     *catalog,
                                     FdLang              lang,
                                     FdCase             *fcase);
/* The case as last committed by the store (transfer none). */
FdCase    *fd_case_editor_get_case  (FdCaseEditor       *self);
/* Links an interpreter call to the case and saves it. */
void       fd_case_editor_link_call (FdCaseEditor       *self,
                                     const FdCaseCall   *call);

G_END_DECLS
