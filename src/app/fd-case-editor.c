/* fd-case-editor.c: view and edit one escort case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-case-editor-private.h"
#include "fd-case-format.h"
#include "fd-case-history.h"
#include "fd-guide-search.h"

#define N_RESULTS 8

enum {
  SIGNAL_SAVED,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


G_DEFINE_FINAL_TYPE (FdCaseEditor, fd_case_editor, GTK_TYPE_BOX)

/* A linked call as a list item (the calls list is bound to a GListStore of these). */
#define FD_TYPE_CASE_CALL_ITEM (fd_case_call_item_get_type ())
G_DECLARE_FINAL_TYPE (FdCaseCallItem, fd_case_call_item, FD, CASE_CALL_ITEM, GObject)

struct _FdCaseCallItem
{
  GObject     parent_instance;
  FdCaseCall *call;
};

G_DEFINE_FINAL_TYPE (FdCaseCallItem, fd_case_call_item, G_TYPE_OBJECT)

static void
fd_case_call_item_finalize (GObject *object)
{
  g_clear_pointer (&FD_CASE_CALL_ITEM (object)->call, fd_case_call_free);
  G_OBJECT_CLASS (fd_case_call_item_parent_class)->finalize (object);
}

static void
fd_case_call_item_class_init (FdCaseCallItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_case_call_item_finalize;
}

static void
fd_case_call_item_init (FdCaseCallItem *self)
{
}

static FdCaseCallItem *
call_item_new (const FdCaseCall *call)
{
  FdCaseCallItem *item = g_object_new (FD_TYPE_CASE_CALL_ITEM, NULL);

  item->call = fd_case_call_copy (call);
  return item;
}

static void refresh_from_case (FdCaseEditor *self);
static void save_case         (FdCaseEditor *self);

/* --- Small widget helpers ------------------------------------------------ */

static void
name_widget (GtkWidget  *widget,
             const char *name)
{
  gtk_widget_set_tooltip_text (widget, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static gboolean
find_matter (FdCaseEditor *self,
             const char   *id,
             guint        *out_pos)
{
  for (*out_pos = 0; *out_pos < g_list_model_get_n_items (G_LIST_MODEL (self->matters)); (*out_pos)++)
    if (g_strcmp0 (gtk_string_list_get_string (self->matters, *out_pos), id) == 0)
      return TRUE;
  return FALSE;
}

static const char *
matter_name (FdCaseEditor *self,
             const char   *guide_id)
{
  FdGuide *guide = self->catalog != NULL ? fd_guide_catalog_lookup (self->catalog, guide_id) : NULL;

  return guide != NULL ? fd_guide_get_name (guide, self->lang) : guide_id;
}

static void
set_status (FdCaseEditor *self,
            const char   *icon,
            const char   *text,
            gboolean      error)
{
  gtk_widget_set_visible (self->status_box, text != NULL);
  if (text == NULL)
    return;
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), icon);
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
  if (error)
    gtk_widget_add_css_class (self->status_box, "fd-case-error");
  else
    gtk_widget_remove_css_class (self->status_box, "fd-case-error");
  /* Announce it: the status box is a live region for screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
show_store_error (FdCaseEditor *self,
                  const char   *what,
                  const GError *error)
{
  /* Translators: %1$s says what failed ("Could not save the case"), %2$s is the database error */
  g_autofree char *text = g_strdup_printf (_("%1$s: %2$s. What you entered is kept; try again."),
                                           what, error->message);

  set_status (self, "dialog-error-symbolic", text, TRUE);
}

static void
set_busy (FdCaseEditor *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->save_button, !busy);
  gtk_widget_set_sensitive (self->close_button, !busy);
}

/* --- Timer ------------------------------------------------------------------ */

static gboolean
on_timer_tick (gpointer user_data)
{
  FdCaseEditor *self = user_data;
  gint64 seconds = fd_case_get_duration (self->fcase);
  g_autofree char *clock = fd_case_format_clock (seconds);
  g_autofree char *open_for = NULL;

  gtk_label_set_text (GTK_LABEL (self->timer_label), clock);
  if (fd_case_is_open (self->fcase))
    open_for = fd_case_format_open_for (seconds);
  else
    {
      g_autofree char *duration = fd_case_format_duration (seconds);
      /* Translators: %s is a duration such as "12 minutes" */
      open_for = g_strdup_printf (_("Took %s"), duration);
    }
  /* The clock changes every second and is hidden from screen readers; the
   * caption ("Open for 12 minutes") changes once a minute and is what they read. */
  if (g_strcmp0 (open_for, gtk_label_get_text (GTK_LABEL (self->timer_caption))) != 0)
    gtk_label_set_text (GTK_LABEL (self->timer_caption), open_for);
  return G_SOURCE_CONTINUE;
}

static void
update_timer (FdCaseEditor *self)
{
  on_timer_tick (self);
  if (fd_case_is_open (self->fcase) && self->timer_id == 0)
    self->timer_id = g_timeout_add_seconds (1, on_timer_tick, self);
  else if (!fd_case_is_open (self->fcase))
    g_clear_handle_id (&self->timer_id, g_source_remove);
}

/* --- Matters and calls ------------------------------------------------------ */

static gboolean
matters_equal (FdCaseEditor       *self,
               const char * const *ids)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matters));

  if (g_strv_length ((char **) ids) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->matters, i), ids[i]) != 0)
      return FALSE;
  return TRUE;
}

static void
remove_matter_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  FdCaseEditor *self = FD_CASE_EDITOR (widget);
  guint pos;

  if (!find_matter (self, g_variant_get_string (param, NULL), &pos))
    return;
  gtk_string_list_remove (self->matters, pos);
  save_case (self);
}

static void
add_matter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FdCaseEditor *self = FD_CASE_EDITOR (widget);
  const char *id = g_variant_get_string (param, NULL);
  guint pos;

  if (find_matter (self, id, &pos))
    return;
  gtk_string_list_append (self->matters, id);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  save_case (self);
}

static GtkWidget *
matter_row_new (gpointer item,
                gpointer user_data)
{
  FdCaseEditor *self = user_data;
  const char *id = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  const char *name = matter_name (self, id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  /* Translators: accessible name of a button; %s is the matter's name */
  g_autofree char *label = g_strdup_printf (_("Remove matter: %s"), name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  name_widget (remove, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "editor.remove-matter");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static GtkWidget *
call_row_new (gpointer item,
              gpointer user_data)
{
  FdCaseCall *call = FD_CASE_CALL_ITEM (item)->call;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *duration = fd_case_format_duration (call->duration_s);
  /* Translators: a linked interpreter call, %s is its language */
  g_autofree char *title = g_strdup_printf (_("Interpreter call in %s"),
                                            fd_case_language_label (call->language));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), duration);
  return row;
}

static GtkWidget *
result_row_new (gpointer item,
                gpointer user_data)
{
  FdCaseEditor *self = user_data;
  FdGuide *guide = FD_GUIDE (item);
  const char *name = fd_guide_get_name (guide, self->lang);
  const char *department = fd_guide_get_department (guide, self->lang);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *add = gtk_button_new_with_label (_("Add"));
  /* Translators: accessible name of a button; %s is the matter's name */
  g_autofree char *label = g_strdup_printf (_("Add matter: %s"), name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (department != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), department);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  name_widget (add, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "editor.add-matter");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "s", fd_guide_get_id (guide));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  return row;
}

void
_fd_case_editor_on_search_changed (GtkSearchEntry *entry,
                                   gpointer        user_data)
{
  FdCaseEditor *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) guides = g_ptr_array_new ();

  gtk_widget_set_visible (GTK_WIDGET (self->results_list), query[0] != '\0');
  if (self->catalog != NULL && query[0] != '\0')
    {
      hits = fd_guide_catalog_search (self->catalog, query, N_RESULTS);
      for (guint i = 0; i < hits->len; i++)
        g_ptr_array_add (guides, g_array_index (hits, FdGuideSearchHit, i).guide);
    }
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       guides->pdata, guides->len);
}

/* --- Gathering and saving ----------------------------------------------------- */

static FdCaseOutcome
selected_outcome (FdCaseEditor *self)
{
  for (guint i = 1; i < FD_CASE_N_OUTCOMES; i++)
    if (gtk_toggle_button_get_active (self->outcome_checks[i]))
      return i;
  return FD_CASE_OUTCOME_NONE;
}

static FdCase *
gather_case (FdCaseEditor *self)
{
  FdCase *copy = fd_case_copy (self->fcase);
  FdCaseNeed needs = 0;
  GtkStringObject *language = adw_combo_row_get_selected_item (self->language_row);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *notes = NULL;
  g_autofree char *staff = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->staff_row))));
  g_autofree char *phone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_row))));
  gboolean consent = gtk_check_button_get_active (self->consent_check);

  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->need_buttons[i])))
      needs |= fd_case_need_nth (i);
  fd_case_set_needs (copy, needs);

  if (language != NULL)
    fd_case_set_language (copy, gtk_string_object_get_string (language));
  fd_case_set_staff (copy, staff[0] != '\0' ? staff : NULL);

  fd_case_set_matters (copy, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->matters)); i++)
    fd_case_add_matter (copy, gtk_string_list_get_string (self->matters, i));
  fd_case_clear_calls (copy);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->calls)); i++)
    {
      g_autoptr(FdCaseCallItem) item = g_list_model_get_item (G_LIST_MODEL (self->calls), i);
      fd_case_add_call (copy, item->call);
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  fd_case_set_notes (copy, notes[0] != '\0' ? notes : NULL);
  fd_case_set_contact_consent (copy, consent);
  fd_case_set_contact_phone (copy, consent && phone[0] != '\0' ? phone : NULL);

  if (!fd_case_is_open (copy) && selected_outcome (self) != FD_CASE_OUTCOME_NONE)
    fd_case_set_outcome (copy, selected_outcome (self));
  return copy;
}

static void
adopt_saved (FdCaseEditor *self,
             FdCase       *saved,
             const char   *typed_notes)
{
  gboolean masked = typed_notes != NULL && g_strcmp0 (typed_notes, fd_case_get_notes (saved)) != 0;

  g_set_object (&self->fcase, saved);
  refresh_from_case (self);
  if (masked)
    set_status (self, "security-high-symbolic",
                _("Saved. ID-card and mobile numbers in the notes were masked."), FALSE);
  else
    set_status (self, "emblem-ok-symbolic", _("Saved."), FALSE);
}

typedef struct
{
  FdCaseEditor *self;    /* a reference: a started commit always reports back */
  FdCase       *copy;
  char         *typed_notes;
  gboolean      closing;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->copy);
  g_free (data->typed_notes);
  g_free (data);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveData *data = user_data;
  FdCaseEditor *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->closing)
    ok = fd_case_store_close_case_finish (FD_CASE_STORE (source), result, &error);
  else
    ok = fd_case_store_update_finish (FD_CASE_STORE (source), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable)
      || (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      save_data_free (data);
      return;
    }

  set_busy (self, FALSE);
  if (!ok)
    {
      self->pending = FALSE;
      show_store_error (self, data->closing ? _("Could not close the case")
                                            : _("Could not save the case"), error);
    }
  else if (self->pending && !data->closing)
    {
      /* Keep what was entered meanwhile on screen and save it too. */
      self->pending = FALSE;
      g_set_object (&self->fcase, data->copy);
      save_case (self);
      g_signal_emit (self, signals[SIGNAL_SAVED], 0);
    }
  else
    {
      adopt_saved (self, data->copy, data->typed_notes);
      g_signal_emit (self, signals[data->closing ? SIGNAL_CLOSED : SIGNAL_SAVED], 0);
    }
  save_data_free (data);
}

static void
store_case (FdCaseEditor *self,
            gboolean      closing)
{
  SaveData *data;

  if (self->store == NULL)
    return;
  if (self->busy)
    {
      /* One write at a time; the next save picks up every change. */
      self->pending = TRUE;
      return;
    }
  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->copy = gather_case (self);
  data->typed_notes = g_strdup (fd_case_get_notes (data->copy));
  data->closing = closing;

  set_busy (self, TRUE);
  set_status (self, "content-loading-symbolic", _("Saving…"), FALSE);
  if (closing)
    fd_case_store_close_case_async (self->store, data->copy, selected_outcome (self),
                                    self->cancellable, on_saved, data);
  else
    fd_case_store_update_async (self->store, data->copy, self->cancellable, on_saved, data);
}

static void
save_case (FdCaseEditor *self)
{
  store_case (self, FALSE);
}

void
_fd_case_editor_on_save_clicked (GtkButton *button,
                 gpointer   user_data)
{
  save_case (FD_CASE_EDITOR (user_data));
}

void
_fd_case_editor_on_close_clicked (GtkButton *button,
                  gpointer   user_data)
{
  FdCaseEditor *self = user_data;

  if (selected_outcome (self) == FD_CASE_OUTCOME_NONE)
    {
      set_status (self, "dialog-information-symbolic",
                  _("Choose an outcome before closing the case."), TRUE);
      return;
    }
  store_case (self, TRUE);
}

void
_fd_case_editor_on_consent_toggled (GtkCheckButton *check,
                    gpointer        user_data)
{
  FdCaseEditor *self = user_data;

  gtk_widget_set_sensitive (GTK_WIDGET (self->phone_row), gtk_check_button_get_active (check));
}

/* --- Showing the case ------------------------------------------------------------- */

static void
refresh_from_case (FdCaseEditor *self)
{
  FdCaseNeed needs = fd_case_get_needs (self->fcase);
  const char *language = fd_case_get_language (self->fcase);
  const char * const *matters = fd_case_get_matters (self->fcase);
  GPtrArray *calls = fd_case_get_calls (self->fcase);
  gboolean open = fd_case_is_open (self->fcase);
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;
  guint lang_pos = _fd_case_editor_language_position (self, language);

  number = g_strdup_printf ("%" G_GINT64_FORMAT, fd_case_get_id (self->fcase));
  if (open)
    /* Translators: heading of the active case card, %s is the case number */
    title = g_strdup_printf (_("Active Case %s"), number);
  else
    /* Translators: heading of a closed case, %1$s is its number, %2$s its outcome */
    title = g_strdup_printf (_("Case %1$s — %2$s"), number,
                             fd_case_outcome_label (fd_case_get_outcome (self->fcase)));
  gtk_label_set_text (GTK_LABEL (self->title_label), title);

  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->need_buttons[i]),
                                  (needs & fd_case_need_nth (i)) != 0);

  adw_combo_row_set_selected (self->language_row, lang_pos != GTK_INVALID_LIST_POSITION ? lang_pos : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->staff_row),
                         fd_case_get_staff (self->fcase) != NULL ? fd_case_get_staff (self->fcase) : "");

  if (!matters_equal (self, matters))
    gtk_string_list_splice (self->matters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matters)),
                            matters);
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < calls->len; i++)
      g_ptr_array_add (items, call_item_new (g_ptr_array_index (calls, i)));
    g_list_store_splice (self->calls, 0, g_list_model_get_n_items (G_LIST_MODEL (self->calls)),
                         items->pdata, items->len);
  }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            fd_case_get_notes (self->fcase) != NULL ? fd_case_get_notes (self->fcase) : "",
                            -1);
  gtk_check_button_set_active (self->consent_check, fd_case_get_contact_consent (self->fcase));
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row),
                         fd_case_get_contact_phone (self->fcase) != NULL
                         ? fd_case_get_contact_phone (self->fcase) : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->phone_row), fd_case_get_contact_consent (self->fcase));

  if (!open && fd_case_get_outcome (self->fcase) != FD_CASE_OUTCOME_NONE)
    gtk_toggle_button_set_active (self->outcome_checks[fd_case_get_outcome (self->fcase)], TRUE);
  gtk_widget_set_visible (self->close_button, open);

  update_timer (self);
  fd_case_history_set_case_id (self->history, fd_case_get_id (self->fcase));
  fd_case_history_reload (self->history);
}

static void
fd_case_editor_dispose (GObject *object)
{
  FdCaseEditor *self = FD_CASE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (fd_case_editor_parent_class)->dispose (object);
}

static void
fd_case_editor_finalize (GObject *object)
{
  FdCaseEditor *self = FD_CASE_EDITOR (object);

  g_clear_object (&self->fcase);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->matters);
  g_clear_object (&self->calls);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (fd_case_editor_parent_class)->finalize (object);
}

static void
fd_case_editor_class_init (FdCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_case_editor_dispose;
  object_class->finalize = fd_case_editor_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "editor.add-matter", "s",
                                   add_matter_action);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "editor.remove-matter", "s",
                                   remove_matter_action);
}

static void
fd_case_editor_init (FdCaseEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->matters = gtk_string_list_new (NULL);
  self->calls = g_list_store_new (FD_TYPE_CASE_CALL_ITEM);
  self->results = g_list_store_new (FD_TYPE_GUIDE);
  _fd_case_editor_build_ui (self);
  gtk_list_box_bind_model (self->matters_list, G_LIST_MODEL (self->matters), matter_row_new, self, NULL);
  gtk_list_box_bind_model (self->calls_list, G_LIST_MODEL (self->calls), call_row_new, NULL, NULL);
  gtk_list_box_bind_model (self->results_list, G_LIST_MODEL (self->results), result_row_new, self, NULL);
}

GtkWidget *
fd_case_editor_new (FdCaseStore    *store,
                    FdGuideCatalog *catalog,
                    FdLang          lang,
                    FdCase         *fcase)
{
  FdCaseEditor *self;

  g_return_val_if_fail (FD_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (catalog == NULL || FD_IS_GUIDE_CATALOG (catalog), NULL);
  g_return_val_if_fail (FD_IS_CASE (fcase), NULL);

  self = g_object_new (FD_TYPE_CASE_EDITOR, NULL);
  self->store = g_object_ref (store);
  fd_case_history_set_store (self->history, store);
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  self->lang = lang;
  self->fcase = fd_case_copy (fcase);

  /* An unknown stored language stays selectable as itself. */
  if (fd_case_get_language (fcase) != NULL
      && _fd_case_editor_language_position (self, fd_case_get_language (fcase)) == GTK_INVALID_LIST_POSITION)
    gtk_string_list_append (GTK_STRING_LIST (adw_combo_row_get_model (self->language_row)),
                            fd_case_get_language (fcase));
  refresh_from_case (self);
  return GTK_WIDGET (self);
}

FdCase *
fd_case_editor_get_case (FdCaseEditor *self)
{
  g_return_val_if_fail (FD_IS_CASE_EDITOR (self), NULL);
  return self->fcase;
}

void
fd_case_editor_link_call (FdCaseEditor     *self,
                          const FdCaseCall *call)
{
  g_return_if_fail (FD_IS_CASE_EDITOR (self));
  g_return_if_fail (call != NULL && call->call_id != NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->calls)); i++)
    {
      g_autoptr(FdCaseCallItem) linked = g_list_model_get_item (G_LIST_MODEL (self->calls), i);

      if (g_str_equal (linked->call->call_id, call->call_id))
        {
          g_autoptr(FdCaseCallItem) item = call_item_new (call);

          g_list_store_splice (self->calls, i, 1, (gpointer *) &item, 1);
          save_case (self);
          return;
        }
    }
  {
    g_autoptr(FdCaseCallItem) item = call_item_new (call);

    g_list_store_append (self->calls, item);
  }
  save_case (self);
}
