/* fd-cases-page.c: the escort cases page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One tap on a need starts a case (stored before the page says so), the
 * active case card (FdCaseEditor) runs its timer, and today's cases are
 * listed with filters. Open cases are restored from the store on start.
 * Installs the application action "app.offer-call" ((ssu): call id,
 * language, seconds): when a case is open, the page offers to link the
 * ended interpreter call to it (see docs/ARCHITECTURE.md).
 *
 * Today's list is a GtkListBox bound to a GtkFilterListModel over a
 * GListStore of FdCase (newest first, as the store lists them): a reload
 * splices the store once; the filters only refilter it.
 */
#define G_LOG_DOMAIN "fd-cases-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-case-editor.h"
#include "fd-case-format.h"
#include "fd-case-report-view.h"
#include "fd-case-row.h"
#include "fd-cases-page.h"

struct _FdCasesPage
{
  AdwBin           parent_instance;

  FdApplication   *app;          /* weak: outlives the page */
  FdCaseStore     *store;
  FdGuideCatalog  *catalog;      /* the application's */
  GListStore      *today;        /* FdCase: today's cases as the store listed them */
  GtkCustomFilter *today_filter; /* the three drop-downs */
  GtkFilterListModel *today_shown;
  GSettings       *settings;
  GCancellable    *cancellable;
  FdCaseCall      *offered_call;
  GSimpleAction   *offer_action;
  GtkWidget       *editor;       /* the active case card, or NULL */
  GtkWidget       *start_buttons[FD_CASE_N_NEEDS];
  FdLang           lang;
  gboolean         starting;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  GtkWidget       *offer_box;
  GtkLabel        *offer_label;
  GtkFlowBox      *start_flow;
  GtkWidget       *active_box;
  GtkDropDown     *need_filter;
  GtkDropDown     *outcome_filter;
  GtkDropDown     *state_filter;
  GtkListBox      *today_list;
  GtkWidget       *reports_button;
};

G_DEFINE_FINAL_TYPE (FdCasesPage, fd_cases_page, ADW_TYPE_BIN)

static void refresh_today (FdCasesPage *self);

static void
show_error (FdCasesPage  *self,
            const char   *what,
            const GError *error)
{
  /* Translators: %1$s says what failed, %2$s is the database's error message */
  g_autofree char *text = g_strdup_printf (_("%1$s: %2$s"), what, error->message);

  gtk_label_set_text (self->error_label, text);
  gtk_widget_set_visible (self->error_box, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
on_error_dismiss_clicked (FdCasesPage *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
}

static void
toast (FdCasesPage *self,
       const char  *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* --- The active case ---------------------------------------------------------- */

static void
on_editor_saved (FdCaseEditor *editor,
                 FdCasesPage  *self)
{
  refresh_today (self);
}

static void restore_open_cases (FdCasesPage *self);

static void
on_editor_closed (FdCaseEditor *editor,
                  FdCasesPage  *self)
{
  /* Translators: %s is the outcome of the case, e.g. "Completed" */
  g_autofree char *text = g_strdup_printf (_("Case closed: %s"),
                                           fd_case_outcome_label (fd_case_get_outcome (
                                             fd_case_editor_get_case (editor))));

  toast (self, text);
  restore_open_cases (self);
}

static void
show_active_case (FdCasesPage *self,
                  FdCase      *fcase)
{
  if (self->editor != NULL)
    {
      gtk_box_remove (GTK_BOX (self->active_box), self->editor);
      self->editor = NULL;
    }
  gtk_widget_set_visible (self->offer_box, FALSE);
  gtk_widget_set_visible (self->active_box, fcase != NULL);
  if (fcase == NULL)
    return;

  self->editor = fd_case_editor_new (self->store, self->catalog, self->lang, fcase);
  g_signal_connect (self->editor, "saved", G_CALLBACK (on_editor_saved), self);
  g_signal_connect (self->editor, "closed", G_CALLBACK (on_editor_closed), self);
  gtk_box_append (GTK_BOX (self->active_box), self->editor);
}

static void
on_open_listed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = fd_case_store_list_finish (FD_CASE_STORE (source), result, &error);
  g_autoptr(FdCasesPage) self = user_data;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (open == NULL)
    {
      show_error (self, _("Could not read the open cases"), error);
      return;
    }
  /* The newest open case is the active one; the others are in today's list. */
  show_active_case (self, open->len > 0 ? g_ptr_array_index (open, 0) : NULL);
  refresh_today (self);
}

static void
restore_open_cases (FdCasesPage *self)
{
  FdCaseFilter filter = { .open_only = TRUE };

  if (self->store == NULL)
    return;
  fd_case_store_list_async (self->store, &filter, self->cancellable, on_open_listed,
                            g_object_ref (self));
}

/* --- Starting a case ---------------------------------------------------------- */

static void
set_start_sensitive (FdCasesPage *self,
                     gboolean     sensitive)
{
  /* Each button itself, so screen readers hear "dimmed" too. */
  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    if (self->start_buttons[i] != NULL)
      gtk_widget_set_sensitive (self->start_buttons[i], sensitive);
}

typedef struct
{
  FdCasesPage *self;     /* a reference: a started commit always reports back */
  FdCase      *fcase;
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->fcase);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StartData, start_data_free)

static void
on_case_created (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StartData) data = user_data;
  FdCasesPage *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = fd_case_store_create_finish (FD_CASE_STORE (source), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->starting = FALSE;
  set_start_sensitive (self, TRUE);
  if (!ok)
    {
      show_error (self, _("Could not start the case. Nothing was recorded; try again"), error);
      return;
    }
  show_active_case (self, data->fcase);
  {
    g_autofree char *needs = fd_case_needs_label (fd_case_get_needs (data->fcase));
    /* Translators: %s lists the visitor's needs */
    g_autofree char *text = g_strdup_printf (_("Case started: %s"), needs);

    toast (self, text);
  }
  refresh_today (self);
  gtk_widget_grab_focus (self->editor);
}

static void
start_case_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FdCasesPage *self = FD_CASES_PAGE (widget);
  FdCaseNeed need = g_variant_get_uint32 (param);
  g_autofree char *hall = g_settings_get_string (self->settings, "hall-name");
  g_autofree char *desk = g_settings_get_string (self->settings, "desk-name");
  StartData *data;

  if (self->store == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (FD_CASE_ERROR, FD_CASE_ERROR_CONNECTION,
                                                     _("the case database is not open"));

      show_error (self, _("Could not start the case"), error);
      return;
    }
  if (self->starting)
    return;

  data = g_new0 (StartData, 1);
  data->self = g_object_ref (self);
  data->fcase = fd_case_new ();
  fd_case_set_needs (data->fcase, need);
  fd_case_set_hall (data->fcase, hall[0] != '\0' ? hall : NULL);
  fd_case_set_desk (data->fcase, desk[0] != '\0' ? desk : NULL);
  self->starting = TRUE;
  set_start_sensitive (self, FALSE);
  fd_case_store_create_async (self->store, data->fcase, self->cancellable, on_case_created, data);
}

/* --- Today's cases ---------------------------------------------------------------- */

enum { STATE_ANY, STATE_OPEN, STATE_CLOSED };

static void
on_edit_window_saved (FdCaseEditor *editor,
                      FdCasesPage  *self)
{
  refresh_today (self);
}

static void
open_case_window (FdCasesPage *self,
                  FdCase      *fcase)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *editor = fd_case_editor_new (self->store, self->catalog, self->lang, fcase);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, fd_case_get_id (fcase));
  /* Translators: title of the window editing a case; %s is its number */
  g_autofree char *title = g_strdup_printf (_("Edit Case %s"), number);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 720);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_margin_top (editor, 18);
  gtk_widget_set_margin_bottom (editor, 18);
  gtk_widget_set_margin_start (editor, 12);
  gtk_widget_set_margin_end (editor, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), editor);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_edit_window_saved), self, 0);
  g_signal_connect_object (editor, "closed", G_CALLBACK (on_edit_window_saved), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_today_row_activated (GtkListBox    *list,
                        GtkListBoxRow *row,
                        FdCasesPage   *self)
{
  FdCase *fcase = fd_case_row_get_case (FD_CASE_ROW (row));

  if (fd_case_is_open (fcase))
    {
      show_active_case (self, fcase);
      gtk_widget_grab_focus (self->editor);
    }
  else
    open_case_window (self, fcase);
}

static GtkWidget *
case_row_new (gpointer item,
              gpointer user_data)
{
  return fd_case_row_new (FD_CASE (item));
}

static gboolean
today_filter_match (gpointer item,
                    gpointer user_data)
{
  FdCasesPage *self = user_data;
  FdCase *fcase = FD_CASE (item);
  guint need = gtk_drop_down_get_selected (self->need_filter);
  guint outcome = gtk_drop_down_get_selected (self->outcome_filter);
  guint state = gtk_drop_down_get_selected (self->state_filter);

  if (need != GTK_INVALID_LIST_POSITION && need > 0
      && (fd_case_get_needs (fcase) & fd_case_need_nth (need - 1)) == 0)
    return FALSE;
  if (outcome != GTK_INVALID_LIST_POSITION && outcome > 0
      && fd_case_get_outcome (fcase) != (FdCaseOutcome) outcome)
    return FALSE;
  if (state == STATE_OPEN && !fd_case_is_open (fcase))
    return FALSE;
  if (state == STATE_CLOSED && fd_case_is_open (fcase))
    return FALSE;
  return TRUE;
}

static void
on_today_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = fd_case_store_list_finish (FD_CASE_STORE (source), result, &error);
  g_autoptr(FdCasesPage) self = user_data;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (cases == NULL)
    {
      show_error (self, _("Could not list today's cases"), error);
      return;
    }
  g_list_store_splice (self->today, 0, g_list_model_get_n_items (G_LIST_MODEL (self->today)),
                       cases->pdata, cases->len);
}

static void
refresh_today (FdCasesPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) from = g_date_time_new_local (g_date_time_get_year (now),
                                                     g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_add_days (from, 1);
  FdCaseFilter filter = { .from = from, .to = to };

  if (self->store == NULL)
    return;
  fd_case_store_list_async (self->store, &filter, self->cancellable, on_today_listed,
                            g_object_ref (self));
}

static void
on_filter_changed (GObject     *dropdown,
                   GParamSpec  *pspec,
                   FdCasesPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->today_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* --- Linking interpreter calls ------------------------------------------------------ */

static void
on_offer_call (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  FdCasesPage *self = user_data;
  const char *call_id, *language;
  guint32 seconds;
  FdCase *active;
  g_autofree char *duration = NULL;
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  g_variant_get (param, "(&s&su)", &call_id, &language, &seconds);
  active = self->editor != NULL ? fd_case_editor_get_case (FD_CASE_EDITOR (self->editor)) : NULL;
  if (active == NULL || !fd_case_is_open (active) || call_id[0] == '\0')
    return;    /* no open case: nothing to offer */

  g_clear_pointer (&self->offered_call, fd_case_call_free);
  self->offered_call = fd_case_call_new (call_id, language, seconds);
  duration = fd_case_format_duration (seconds);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, fd_case_get_id (active));
  /* Translators: %1$s is a language, %2$s a duration, %3$s the case number */
  text = g_strdup_printf (_("An interpreter call in %1$s (%2$s) has ended. Link it to case %3$s?"),
                          fd_case_language_label (language), duration, number);
  gtk_label_set_text (self->offer_label, text);
  gtk_widget_set_visible (self->offer_box, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->offer_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
on_offer_link_clicked (FdCasesPage *self)
{
  gtk_widget_set_visible (self->offer_box, FALSE);
  if (self->offered_call != NULL && self->editor != NULL)
    fd_case_editor_link_call (FD_CASE_EDITOR (self->editor), self->offered_call);
  g_clear_pointer (&self->offered_call, fd_case_call_free);
}

static void
on_offer_dismiss_clicked (FdCasesPage *self)
{
  gtk_widget_set_visible (self->offer_box, FALSE);
  g_clear_pointer (&self->offered_call, fd_case_call_free);
}

/* --- Reports ------------------------------------------------------------------------- */

static void
on_reports_clicked (FdCasesPage *self)
{
  GtkWidget *view;
  GtkRoot *root;

  if (self->store == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (FD_CASE_ERROR, FD_CASE_ERROR_CONNECTION,
                                                     _("the case database is not open"));

      show_error (self, _("Could not open the reports"), error);
      return;
    }
  view = fd_case_report_view_new (self->store);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (view), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (view), gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_present (GTK_WINDOW (view));
}

/* --- Store ---------------------------------------------------------------- */

static void
on_case_store_changed (FdApplication *app,
                       GParamSpec    *pspec,
                       FdCasesPage   *self)
{
  FdCaseStore *store = fd_application_get_case_store (app);
  const GError *error = fd_application_get_case_store_error (app);

  if (store == NULL)
    {
      if (error != NULL)
        {
          show_error (self, _("The case database could not be opened"), error);
          set_start_sensitive (self, FALSE);
        }
      return;
    }
  if (!g_set_object (&self->store, store))
    return;
  {
    g_autofree char *desk = g_settings_get_string (self->settings, "desk-name");

    if (desk[0] != '\0')
      fd_case_store_set_actor (store, desk);
  }
  set_start_sensitive (self, TRUE);
  restore_open_cases (self);
}

static void
build_start_buttons (FdCasesPage *self)
{
  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    {
      FdCaseNeed need = fd_case_need_nth (i);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name (fd_case_need_icon (need));
      GtkWidget *label = gtk_label_new (fd_case_need_label (need));
      /* Translators: accessible name of a button; %s is a need such as "Elderly" */
      g_autofree char *name = g_strdup_printf (_("Start case: %s"), fd_case_need_label (need));

      gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "fd-case-start");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "cases.start");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", (guint32) need);
      gtk_flow_box_append (self->start_flow, button);
      self->start_buttons[i] = button;
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

static void
build_filters (FdCasesPage *self)
{
  GtkStringList *needs = gtk_string_list_new (NULL);
  GtkStringList *outcomes = gtk_string_list_new (NULL);
  const char *states[] = { N_("Open and closed"), N_("Open only"), N_("Closed only") };
  GtkStringList *state_list = gtk_string_list_new (NULL);

  gtk_string_list_append (needs, _("Any need"));
  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    gtk_string_list_append (needs, fd_case_need_label (fd_case_need_nth (i)));
  gtk_string_list_append (outcomes, _("Any outcome"));
  for (guint i = 1; i < FD_CASE_N_OUTCOMES; i++)
    gtk_string_list_append (outcomes, fd_case_outcome_label (i));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    gtk_string_list_append (state_list, _(states[i]));

  gtk_drop_down_set_model (self->need_filter, G_LIST_MODEL (needs));
  gtk_drop_down_set_model (self->outcome_filter, G_LIST_MODEL (outcomes));
  gtk_drop_down_set_model (self->state_filter, G_LIST_MODEL (state_list));
  g_object_unref (needs);
  g_object_unref (outcomes);
  g_object_unref (state_list);
  g_signal_connect (self->need_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->outcome_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->state_filter, "notify::selected", G_CALLBACK (on_filter_changed), self);
}

static void
fd_cases_page_dispose (GObject *object)
{
  FdCasesPage *self = FD_CASES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->offer_action != NULL && self->app != NULL)
    {
      GAction *installed = g_action_map_lookup_action (G_ACTION_MAP (self->app), "offer-call");

      if (installed == G_ACTION (self->offer_action))
        g_action_map_remove_action (G_ACTION_MAP (self->app), "offer-call");
    }
  if (self->app != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->app, self);
      g_object_remove_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
      self->app = NULL;
    }
  g_clear_object (&self->offer_action);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  if (self->today_list != NULL)
    gtk_list_box_bind_model (self->today_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->today_shown);
  g_clear_object (&self->today);
  g_clear_object (&self->settings);
  self->editor = NULL;
  self->toast_overlay = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_CASES_PAGE);

  G_OBJECT_CLASS (fd_cases_page_parent_class)->dispose (object);
}

static void
fd_cases_page_finalize (GObject *object)
{
  FdCasesPage *self = FD_CASES_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->offered_call, fd_case_call_free);

  G_OBJECT_CLASS (fd_cases_page_parent_class)->finalize (object);
}

static void
fd_cases_page_class_init (FdCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_cases_page_dispose;
  object_class->finalize = fd_cases_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, offer_box);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, offer_label);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, start_flow);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, active_box);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, need_filter);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, outcome_filter);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, state_filter);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, FdCasesPage, reports_button);
  gtk_widget_class_bind_template_callback (widget_class, on_error_dismiss_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_offer_link_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_offer_dismiss_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reports_clicked);
  gtk_widget_class_install_action (widget_class, "cases.start", "u", start_case_action);
}

static void
fd_cases_page_init (FdCasesPage *self)
{
  GApplication *app = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: it is the AdwBin's own child, which AdwBin
   * unparents itself on dispose. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (BASE_ID);
  self->lang = FD_LANG_EN;
  build_start_buttons (self);
  self->today = g_list_store_new (FD_TYPE_CASE);
  self->today_filter = gtk_custom_filter_new (today_filter_match, self, NULL);
  self->today_shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->today)),
                                                 GTK_FILTER (self->today_filter));
  gtk_list_box_bind_model (self->today_list, G_LIST_MODEL (self->today_shown),
                           case_row_new, self, NULL);
  g_signal_connect (self->today_list, "row-activated", G_CALLBACK (on_today_row_activated), self);
  build_filters (self);
  {
    GtkWidget *placeholder = gtk_label_new (_("No cases match today."));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 18);
    gtk_widget_set_margin_bottom (placeholder, 18);
    gtk_list_box_set_placeholder (self->today_list, placeholder);
  }
  set_start_sensitive (self, FALSE);    /* until the store is open */

  if (FD_IS_APPLICATION (app))
    {
      self->app = FD_APPLICATION (app);
      g_object_add_weak_pointer (G_OBJECT (app), (gpointer *) &self->app);
      self->lang = fd_application_get_ui_lang (self->app);
      /* The application's catalogue, loaded once for every page. */
      self->catalog = g_object_ref (fd_application_get_guide_catalog (self->app));

      /* app.offer-call (ssu): call id, language code, duration in seconds. */
      if (g_action_map_lookup_action (G_ACTION_MAP (app), "offer-call") == NULL)
        {
          self->offer_action = g_simple_action_new ("offer-call", G_VARIANT_TYPE ("(ssu)"));
          g_signal_connect (self->offer_action, "activate", G_CALLBACK (on_offer_call), self);
          g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (self->offer_action));
        }
      g_signal_connect (app, "notify::case-store", G_CALLBACK (on_case_store_changed), self);
      on_case_store_changed (self->app, NULL, self);
    }
  else
    set_start_sensitive (self, FALSE);
}
