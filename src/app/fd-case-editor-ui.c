/* fd-case-editor-ui.c: the widget tree of the case editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-case-editor-private.h"
#include "fd-case-format.h"

/* A toggle button whose state shows as a check mark too, not only as shading. */
static GtkWidget *
marked_toggle_new (const char *icon_name,
                   const char *label_text)
{
  GtkWidget *toggle = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *label = gtk_label_new (label_text);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), mark);
  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (toggle), box);
  g_object_bind_property (toggle, "active", mark, "visible", G_BINDING_SYNC_CREATE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label_text, -1);
  return toggle;
}

static GtkWidget *
placeholder_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkListBox *
boxed_list (const char *placeholder)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  if (placeholder != NULL)
    gtk_list_box_set_placeholder (list, placeholder_label (placeholder));
  return list;
}

static char *
language_label (GtkStringObject *item,
                gpointer         user_data)
{
  return g_strdup (fd_case_language_label (gtk_string_object_get_string (item)));
}

/* The name of the language code an item of the language row holds. */
static GtkExpression *
language_label_expression (void)
{
  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (language_label), NULL, NULL);
}

static GtkWidget *
group_new (GtkWidget  *parent,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (parent), group);
  return group;
}

void
_fd_case_editor_build_ui (FdCaseEditor *self)
{
  GtkWidget *box = GTK_WIDGET (self);
  GtkWidget *header, *group, *flow, *warning, *icon, *label, *buttons, *outcomes;
  GtkStringList *languages = gtk_string_list_new (NULL);
  const char * const *codes = fd_case_language_codes ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);
  gtk_widget_add_css_class (box, "fd-case-editor");

  /* Heading and timer */
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->title_label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_widget_set_hexpand (self->title_label, TRUE);
  gtk_widget_add_css_class (self->title_label, "title-2");
  self->timer_label = gtk_label_new ("00:00:00");
  gtk_widget_add_css_class (self->timer_label, "title-1");
  gtk_widget_add_css_class (self->timer_label, "numeric");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->timer_label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  self->timer_caption = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->timer_caption), 1);
  gtk_widget_add_css_class (self->timer_caption, "dim-label");
  {
    GtkWidget *timer_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_set_valign (timer_box, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (timer_box), self->timer_label);
    gtk_box_append (GTK_BOX (timer_box), self->timer_caption);
    gtk_box_append (GTK_BOX (header), self->title_label);
    gtk_box_append (GTK_BOX (header), timer_box);
  }
  gtk_box_append (GTK_BOX (self), header);

  /* Status (saved / errors), said in text and with an icon, never by colour alone */
  self->status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (self->status_box, "fd-case-status");
  self->status_icon = gtk_image_new ();
  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_box_append (GTK_BOX (self->status_box), self->status_icon);
  gtk_box_append (GTK_BOX (self->status_box), self->status_label);
  gtk_widget_set_visible (self->status_box, FALSE);
  gtk_box_append (GTK_BOX (self), self->status_box);

  /* Needs */
  group = group_new (box, _("Needs"), _("Select every kind of help the visitor needs."));
  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    {
      FdCaseNeed need = fd_case_need_nth (i);
      GtkWidget *toggle = marked_toggle_new (fd_case_need_icon (need), fd_case_need_label (need));

      self->need_buttons[i] = toggle;
      gtk_flow_box_append (GTK_FLOW_BOX (flow), toggle);
      gtk_widget_set_focusable (gtk_widget_get_parent (toggle), FALSE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), flow);

  /* Details */
  group = group_new (box, _("Details"), NULL);
  /* The model holds the codes ("" for none); the row shows each code's name. */
  gtk_string_list_append (languages, "");
  gtk_string_list_splice (languages, 1, 0, codes);
  self->language_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->language_row), _("Visitor language"));
  adw_combo_row_set_expression (self->language_row, language_label_expression ());
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  g_object_unref (languages);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->language_row));
  self->staff_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->staff_row), _("Escort staff member"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->staff_row));

  /* Matters */
  group = group_new (box, _("Matters"), _("Search the guides and add each matter handled."));
  self->matters_list = boxed_list (_("No matters added yet."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->matters_list));
  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_margin_top (self->search_entry, 12);
  g_object_set (self->search_entry, "placeholder-text", _("Search guides to add a matter"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search guides to add a matter"), -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (_fd_case_editor_on_search_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->search_entry);
  self->results_list = boxed_list (_("No guide matches the search."));
  gtk_widget_set_margin_top (GTK_WIDGET (self->results_list), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->results_list));

  /* Linked interpreter calls */
  group = group_new (box, _("Interpreter Calls"),
                     _("Calls ended while this case is open can be linked to it."));
  self->calls_list = boxed_list (_("No linked calls."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->calls_list));

  /* Notes, with the privacy warning */
  group = group_new (box, _("Notes"), NULL);
  warning = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (warning, "fd-case-warning");
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  label = gtk_label_new (_("Do not enter names, ID numbers or phone numbers. "
                           "ID-card and mobile numbers are masked when saved."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (warning), icon);
  gtk_box_append (GTK_BOX (warning), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), warning);
  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->notes_view, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 96);
  gtk_widget_add_css_class (GTK_WIDGET (self->notes_view), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self->notes_view), "fd-case-notes");
  gtk_widget_set_margin_top (GTK_WIDGET (self->notes_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Notes"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->notes_view));

  /* Contact, only with consent */
  group = group_new (box, _("Contact"), _("Optional. Record a phone number only if the visitor agrees."));
  self->consent_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (
                                            _("The visitor consents to being contacted")));
  g_signal_connect (self->consent_check, "toggled", G_CALLBACK (_fd_case_editor_on_consent_toggled), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->consent_check));
  self->phone_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->phone_row), _("Contact phone"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->phone_row), 6);
  adw_entry_row_set_input_purpose (self->phone_row, GTK_INPUT_PURPOSE_PHONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->phone_row), "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->phone_row));

  /* Outcome */
  self->outcome_group = group_new (box, _("Outcome"), NULL);
  outcomes = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (outcomes), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (outcomes), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (outcomes), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (outcomes), 6);
  for (guint i = 1; i < FD_CASE_N_OUTCOMES; i++)
    {
      self->outcome_checks[i] = GTK_TOGGLE_BUTTON (marked_toggle_new (NULL, fd_case_outcome_label (i)));
      if (i > 1)
        gtk_toggle_button_set_group (self->outcome_checks[i], self->outcome_checks[1]);
      gtk_flow_box_append (GTK_FLOW_BOX (outcomes), GTK_WIDGET (self->outcome_checks[i]));
      gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->outcome_checks[i])), FALSE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->outcome_group), outcomes);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->save_button = gtk_button_new_with_label (_("Save Changes"));
  gtk_widget_add_css_class (self->save_button, "pill");
  g_signal_connect (self->save_button, "clicked", G_CALLBACK (_fd_case_editor_on_save_clicked), self);
  self->close_button = gtk_button_new_with_label (_("Close Case"));
  gtk_widget_add_css_class (self->close_button, "pill");
  gtk_widget_add_css_class (self->close_button, "suggested-action");
  g_signal_connect (self->close_button, "clicked", G_CALLBACK (_fd_case_editor_on_close_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->save_button);
  gtk_box_append (GTK_BOX (buttons), self->close_button);
  gtk_box_append (GTK_BOX (self), buttons);

  /* Audit trail, read when expanded */
  self->history = FD_CASE_HISTORY (fd_case_history_new ());
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->history));
}

guint
_fd_case_editor_language_position (FdCaseEditor *self,
                                   const char   *code)
{
  GListModel *codes = adw_combo_row_get_model (self->language_row);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (codes, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), code != NULL ? code : "") == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}
