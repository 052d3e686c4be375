/* fd-case-history.h: the audit trail of one case, read when expanded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An expander "History of Changes" listing who created, changed, closed or
 * exported the case and when (fd_case_store_list_audit() in a worker thread).
 */
#pragma once

#include <gtk/gtk.h>

#include "fd-case-store.h"

G_BEGIN_DECLS

#define FD_TYPE_CASE_HISTORY (fd_case_history_get_type ())

G_DECLARE_FINAL_TYPE (FdCaseHistory, fd_case_history, FD, CASE_HISTORY, GtkBox)

GtkWidget *fd_case_history_new         (void);
void       fd_case_history_set_store   (FdCaseHistory *self,
                                        FdCaseStore   *store);
void       fd_case_history_set_case_id (FdCaseHistory *self,
                                        gint64         case_id);
/* Reads the trail again if the expander is open (else when it opens). */
void       fd_case_history_reload      (FdCaseHistory *self);

G_END_DECLS
