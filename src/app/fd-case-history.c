/* fd-case-history.c: the audit trail of one case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-history"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "fd-case-history.h"

/* One audit entry as a list item (the history list is bound to a GListStore
 * of these). */
#define FD_TYPE_CASE_HISTORY_ITEM (fd_case_history_item_get_type ())
G_DECLARE_FINAL_TYPE (FdCaseHistoryItem, fd_case_history_item, FD, CASE_HISTORY_ITEM, GObject)

struct _FdCaseHistoryItem
{
  GObject           parent_instance;
  FdCaseAuditEntry *entry;
};

G_DEFINE_FINAL_TYPE (FdCaseHistoryItem, fd_case_history_item, G_TYPE_OBJECT)

static void
fd_case_history_item_finalize (GObject *object)
{
  g_clear_pointer (&FD_CASE_HISTORY_ITEM (object)->entry, fd_case_audit_entry_free);
  G_OBJECT_CLASS (fd_case_history_item_parent_class)->finalize (object);
}

static void
fd_case_history_item_class_init (FdCaseHistoryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_case_history_item_finalize;
}

static void
fd_case_history_item_init (FdCaseHistoryItem *self)
{
}

struct _FdCaseHistory
{
  GtkBox         parent_instance;

  FdCaseStore   *store;
  gint64         case_id;
  GCancellable  *cancellable;
  GListStore    *entries;       /* FdCaseHistoryItem, oldest first */

  GtkWidget     *toggle;
  GtkWidget     *revealer;
  GtkListBox    *list;
  GtkWidget     *placeholder;
};

G_DEFINE_FINAL_TYPE (FdCaseHistory, fd_case_history, GTK_TYPE_BOX)

static const char *
action_label (FdCaseAuditAction action)
{
  switch (action)
    {
    case FD_CASE_AUDIT_CREATE: return _("Created");
    case FD_CASE_AUDIT_UPDATE: return _("Changed");
    case FD_CASE_AUDIT_CLOSE: return _("Closed");
    case FD_CASE_AUDIT_EXPORT: return _("Exported");
    case FD_CASE_AUDIT_PURGE: return _("Purged");
    case FD_CASE_AUDIT_DELETE: return _("Deleted");
    case FD_CASE_AUDIT_IMPORT: return _("Imported");
    default: return _("Changed");
    }
}

static GtkWidget *
entry_row_new (gpointer item,
               gpointer user_data)
{
  FdCaseAuditEntry *entry = FD_CASE_HISTORY_ITEM (item)->entry;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = g_date_time_format (entry->at, "%Y-%m-%d %H:%M:%S");
  /* Translators: an audit trail entry: "Changed by desk1" */
  g_autofree char *title = g_strdup_printf (_("%s by %s"), action_label (entry->action),
                                            entry->actor != NULL ? entry->actor : "");
  g_autofree char *subtitle = entry->detail != NULL && entry->detail[0] != '\0'
                              ? g_strdup_printf ("%s · %s", when, entry->detail)
                              : g_strdup (when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
on_audit_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FdCaseHistory) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = fd_case_store_list_audit_finish (FD_CASE_STORE (source), result, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (rows == NULL)
    {
      /* Translators: %s is the database's error message */
      g_autofree char *text = g_strdup_printf (_("Could not read the history: %s"), error->message);

      g_list_store_remove_all (self->entries);
      gtk_label_set_text (GTK_LABEL (self->placeholder), text);
      return;
    }
  gtk_label_set_text (GTK_LABEL (self->placeholder), _("No history recorded."));
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      FdCaseHistoryItem *item = g_object_new (FD_TYPE_CASE_HISTORY_ITEM, NULL);

      item->entry = fd_case_audit_entry_copy (g_ptr_array_index (rows, i));
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       items->pdata, items->len);
}

static void
on_toggled (GtkToggleButton *toggle,
            FdCaseHistory   *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), gtk_toggle_button_get_active (toggle));
  fd_case_history_reload (self);
}

static void
fd_case_history_dispose (GObject *object)
{
  FdCaseHistory *self = FD_CASE_HISTORY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (fd_case_history_parent_class)->dispose (object);
}

static void
fd_case_history_finalize (GObject *object)
{
  FdCaseHistory *self = FD_CASE_HISTORY (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (fd_case_history_parent_class)->finalize (object);
}

static void
fd_case_history_class_init (FdCaseHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_case_history_dispose;
  object_class->finalize = fd_case_history_finalize;
}

static void
fd_case_history_init (FdCaseHistory *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  /* A toggle button and a revealer rather than a GtkExpander: GTK 4.8 gives
   * the expander no named, clickable node for screen readers. */
  self->toggle = gtk_toggle_button_new_with_label (_("History of Changes"));
  gtk_widget_set_halign (self->toggle, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->toggle, "flat");
  self->revealer = gtk_revealer_new ();
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 6);
  self->placeholder = gtk_label_new (_("No history recorded."));
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_widget_set_margin_top (self->placeholder, 12);
  gtk_widget_set_margin_bottom (self->placeholder, 12);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list, self->placeholder);
  self->entries = g_list_store_new (FD_TYPE_CASE_HISTORY_ITEM);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->entries), entry_row_new, NULL, NULL);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), GTK_WIDGET (self->list));
  g_signal_connect (self->toggle, "toggled", G_CALLBACK (on_toggled), self);
  gtk_box_append (GTK_BOX (self), self->toggle);
  gtk_box_append (GTK_BOX (self), self->revealer);
}

GtkWidget *
fd_case_history_new (void)
{
  return g_object_new (FD_TYPE_CASE_HISTORY, NULL);
}

void
fd_case_history_set_store (FdCaseHistory *self,
                           FdCaseStore   *store)
{
  g_return_if_fail (FD_IS_CASE_HISTORY (self));
  g_return_if_fail (store == NULL || FD_IS_CASE_STORE (store));

  g_set_object (&self->store, store);
}

void
fd_case_history_set_case_id (FdCaseHistory *self,
                             gint64         case_id)
{
  g_return_if_fail (FD_IS_CASE_HISTORY (self));

  self->case_id = case_id;
}

void
fd_case_history_reload (FdCaseHistory *self)
{
  g_return_if_fail (FD_IS_CASE_HISTORY (self));

  if (self->store == NULL || self->case_id == 0 || !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->toggle)))
    return;
  fd_case_store_list_audit_async (self->store, self->case_id, 0, self->cancellable,
                                  on_audit_listed, g_object_ref (self));
}
