/* fd-guides-page.c: browse, search and show process guides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff side: a sidebar (search entry, a browse filter by theme
 * package, category or department, the list) and the guide in the staff's
 * UI language, with buttons to show it on the applicant screen and to
 * print or export its checklist in the applicant's language.
 */
#define G_LOG_DOMAIN "fd-guides-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-applicant-window.h"
#include "fd-application.h"
#include "fd-guide-filter.h"
#include "fd-guide-print.h"
#include "fd-guide-search.h"
#include "fd-guide-view.h"
#include "fd-guides-page-private.h"

#define SEARCH_LIMIT 100

G_DEFINE_FINAL_TYPE (FdGuidesPage, fd_guides_page, ADW_TYPE_BIN)

void
_fd_guides_page_show_toast (FdGuidesPage *self,
            const char   *message,
            guint         timeout)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self))), toast);
}

FdLang
_fd_guides_page_chosen_lang (FdGuidesPage *self)
{
  guint i = gtk_drop_down_get_selected (self->lang_dropdown);

  return i < FD_N_LANGS ? (FdLang) i : FD_LANG_EN;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  FdGuidesPage *self = user_data;
  FdGuide *guide = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (fd_guide_get_name (guide, self->ui_lang));
  const char *sub_text;
  GtkWidget *sub;

  if (fd_guide_get_kind (guide) == FD_GUIDE_KIND_PACKAGE)
    sub_text = _("Theme package");
  else
    sub_text = fd_guide_get_department (guide, self->ui_lang);
  sub = gtk_label_new (sub_text != NULL ? sub_text : "");

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  fd_label_set_lang (GTK_LABEL (title), self->ui_lang);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  fd_label_set_lang (GTK_LABEL (sub), self->ui_lang);
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fd_guide_get_name (guide, self->ui_lang), -1);
  return row;
}

/* The guide shown by a row of the list (transfer full). */
static FdGuide *
row_guide (FdGuidesPage  *self,
           GtkListBoxRow *row)
{
  return g_list_model_get_item (G_LIST_MODEL (self->sorted), gtk_list_box_row_get_index (row));
}

static gboolean
filter_guide (gpointer item,
              gpointer user_data)
{
  FdGuidesPage *self = user_data;
  FdGuide *guide = item;
  FdGuideFilter *browse;

  if (self->ranks != NULL)
    return g_hash_table_contains (self->ranks, guide);
  browse = gtk_drop_down_get_selected_item (self->filter_dropdown);
  return browse == NULL || fd_guide_filter_matches (browse, guide);
}

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  FdGuidesPage *self = user_data;
  guint ra = GPOINTER_TO_UINT (g_hash_table_lookup (self->ranks, a));
  guint rb = GPOINTER_TO_UINT (g_hash_table_lookup (self->ranks, b));

  return ra < rb ? -1 : ra > rb;
}

static void
update_count (FdGuidesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  /* Translators: the number of guides in the list */
  g_autofree char *count = g_strdup_printf (ngettext ("%u guide", "%u guides", n), n);

  gtk_label_set_text (self->count_label, count);
}

static void
on_list_changed (GListModel   *model,
                 guint         position,
                 guint         removed,
                 guint         added,
                 FdGuidesPage *self)
{
  update_count (self);
}

/* Runs the search (or leaves search mode) and lets the models refilter. */
static void
refilter (FdGuidesPage *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_clear_pointer (&self->ranks, g_hash_table_unref);
  if (*query != '\0')
    {
      g_autoptr(GArray) hits = fd_guide_catalog_search (self->catalog, query, SEARCH_LIMIT);

      self->ranks = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < hits->len; i++)
        g_hash_table_insert (self->ranks, g_array_index (hits, FdGuideSearchHit, i).guide, GUINT_TO_POINTER (i + 1));
    }
  gtk_sort_list_model_set_sorter (self->sorted, self->ranks != NULL ? GTK_SORTER (self->sorter) : NULL);
  if (self->ranks != NULL)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   FdGuidesPage   *self)
{
  refilter (self);
}

static void
on_search_activate (GtkSearchEntry *entry,
                    FdGuidesPage   *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->guide_list, 0);

  if (row != NULL)
    {
      g_autoptr(FdGuide) guide = row_guide (self, row);

      gtk_list_box_select_row (self->guide_list, row);
      fd_guides_page_open_guide (self, guide);
    }
}

static void
on_stop_search (GtkSearchEntry *entry,
                FdGuidesPage   *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Down from the search entry moves into the list. */
static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       FdGuidesPage          *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  row = gtk_list_box_get_row_at_index (self->guide_list, 0);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_list_box_select_row (self->guide_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return GDK_EVENT_STOP;
}

static void
on_filter_changed (GtkDropDown  *dropdown,
                   GParamSpec   *pspec,
                   FdGuidesPage *self)
{
  if (self->filter != NULL)
    refilter (self);
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  FdGuidesPage  *self)
{
  g_autoptr(FdGuide) guide = row_guide (self, row);

  fd_guides_page_open_guide (self, guide);
}

static void
on_view_guide_activated (FdGuideView  *view,
                         FdGuide      *guide,
                         FdGuidesPage *self)
{
  fd_guides_page_open_guide (self, guide);
}

static void
on_lang_dropdown_changed (GtkDropDown  *dropdown,
                          GParamSpec   *pspec,
                          FdGuidesPage *self)
{
  if (self->applicant != NULL)
    fd_applicant_window_set_lang (self->applicant, _fd_guides_page_chosen_lang (self));
}

/* The browse list: all guides, theme packages, then each category and department. */
static void
fill_filters (FdGuidesPage *self)
{
  g_autoptr(GListStore) model = g_list_store_new (FD_TYPE_GUIDE_FILTER);
  const char * const *cats = fd_guide_catalog_get_categories (self->catalog);
  const char * const *depts = fd_guide_catalog_get_departments (self->catalog);
  g_autoptr(FdGuideFilter) all = fd_guide_filter_new (FD_GUIDE_FILTER_ALL, NULL, _("All Guides"));
  g_autoptr(FdGuideFilter) packages = fd_guide_filter_new (FD_GUIDE_FILTER_PACKAGES, NULL,
                                                           _("Theme Packages"));

  g_list_store_append (model, all);
  g_list_store_append (model, packages);
  for (guint i = 0; cats != NULL && cats[i] != NULL; i++)
    {
      /* Translators: a browse filter; %s is the name of a category of matters */
      g_autofree char *s = g_strdup_printf (_("Category: %s"),
                                            fd_guide_catalog_get_category_title (self->catalog, cats[i],
                                                                                 self->ui_lang));
      g_autoptr(FdGuideFilter) item = fd_guide_filter_new (FD_GUIDE_FILTER_CATEGORY, cats[i], s);

      g_list_store_append (model, item);
    }
  for (guint i = 0; depts != NULL && depts[i] != NULL; i++)
    {
      /* Translators: a browse filter; %s is the name of a government department */
      g_autofree char *s = g_strdup_printf (_("Department: %s"),
                                            fd_guide_catalog_get_department_name (self->catalog, depts[i],
                                                                                  self->ui_lang));
      g_autoptr(FdGuideFilter) item = fd_guide_filter_new (FD_GUIDE_FILTER_DEPARTMENT, depts[i], s);

      g_list_store_append (model, item);
    }
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->filter_dropdown, 0);
}

static void
show_problems (FdGuidesPage *self,
               GPtrArray    *messages)
{
  g_autofree char *title = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (messages->len == 0)
    {
      gtk_revealer_set_reveal_child (self->errors_revealer, FALSE);
      return;
    }
  for (guint i = 0; i < messages->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (messages, i));
  title = g_strdup_printf (ngettext ("%u problem while loading the guides: some files were skipped",
                                     "%u problems while loading the guides: some files were skipped",
                                     messages->len), messages->len);
  gtk_label_set_text (self->errors_title, title);
  gtk_label_set_text (self->errors_label, text->str);
  gtk_revealer_set_reveal_child (self->errors_revealer, TRUE);
}

/* "Holiday calendars: 2026, 2027 (provisional)": which years the "open now"
 * answers rest on, and which of them are not yet the official notice. */
static void
show_calendars (FdGuidesPage *self)
{
  g_autoptr(GArray) years = fd_hall_schedule_list_years (self->schedule);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);
      gboolean provisional = FALSE;

      fd_hall_schedule_has_year (self->schedule, year, &provisional);
      if (list->len > 0)
        g_string_append (list, ", ");
      if (provisional)
        /* Translators: a year of the holiday calendar not yet confirmed by the official notice */
        g_string_append_printf (list, _("%d (provisional)"), year);
      else
        g_string_append_printf (list, "%d", year);
    }
  /* Translators: %s is a list of years, e.g. "2026, 2027 (provisional)" */
  text = list->len > 0 ? g_strdup_printf (_("Holiday calendars: %s"), list->str)
                       : g_strdup (_("No holiday calendar: opening hours cannot be told"));
  gtk_label_set_text (self->calendar_label, text);
}

static void
on_guides_loaded (FdApplication *app,
                  GParamSpec    *pspec,
                  FdGuidesPage  *self)
{
  if (!fd_application_get_guides_loaded (app))
    return;
  show_problems (self, fd_application_get_guide_problems (app));
  show_calendars (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->catalog)) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  fd_guide_view_set_sources (self->view, self->catalog, self->schedule);
  fill_filters (self);
  refilter (self);
  gtk_stack_set_visible_child_name (self->stack, "browse");
}

static void
update_actions (FdGuidesPage *self)
{
  gboolean has_guide = fd_guide_view_get_guide (self->view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guides.print", has_guide);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guides.export-pdf", has_guide);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FdGuidesPage *self = FD_GUIDES_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->guide_list);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  FdGuidesPage *self = FD_GUIDES_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
fd_guides_page_dispose (GObject *object)
{
  FdGuidesPage *self = FD_GUIDES_PAGE (object);

  if (self->applicant != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->applicant), (gpointer *) &self->applicant);
      gtk_window_destroy (GTK_WINDOW (self->applicant));
      self->applicant = NULL;
    }
  if (self->monitors != NULL)
    g_signal_handlers_disconnect_by_data (self->monitors, self);
  g_clear_object (&self->monitors);
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_GUIDES_PAGE);
  self->stack = NULL;
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->ranks, g_hash_table_unref);
  g_clear_object (&self->catalog);
  g_clear_object (&self->schedule);

  G_OBJECT_CLASS (fd_guides_page_parent_class)->dispose (object);
}

static void
fd_guides_page_class_init (FdGuidesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_guides_page_dispose;

  g_type_ensure (FD_TYPE_GUIDE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-guides-page.ui");
  gtk_widget_class_bind_template_callback (widget_class, gtk_spinner_start);
  gtk_widget_class_bind_template_callback (widget_class, gtk_spinner_stop);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, sample_revealer);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, errors_revealer);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, errors_title);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, errors_label);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, detail);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, calendar_label);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, guide_list);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, lang_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, monitor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, close_applicant_button);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, FdGuidesPage, view);

  gtk_widget_class_install_action (widget_class, "guides.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "guides.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "guides.show-applicant", NULL, _fd_guides_page_show_applicant_action);
  gtk_widget_class_install_action (widget_class, "guides.show-board", NULL, _fd_guides_page_show_board_action);
  gtk_widget_class_install_action (widget_class, "guides.close-applicant", NULL, _fd_guides_page_close_applicant_action);
  gtk_widget_class_install_action (widget_class, "guides.print", NULL, _fd_guides_page_print_action);
  gtk_widget_class_install_action (widget_class, "guides.export-pdf", NULL, _fd_guides_page_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "guides.back", NULL);
}

static void
fd_guides_page_init (FdGuidesPage *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GtkStringList) langs = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;
  GtkEventController *key;
  GdkDisplay *display;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ui_lang = FD_IS_APPLICATION (app) ? fd_application_get_ui_lang (FD_APPLICATION (app))
                                          : fd_lang_from_environment ();
  /* The browse list shows each choice's title. */
  gtk_drop_down_set_expression (self->filter_dropdown,
                                gtk_property_expression_new (FD_TYPE_GUIDE_FILTER, NULL, "title"));
  /* the application's models; a page outside FdApplication (never in the
   * app) stays empty */
  if (FD_IS_APPLICATION (app))
    {
      self->catalog = g_object_ref (fd_application_get_guide_catalog (FD_APPLICATION (app)));
      self->schedule = g_object_ref (fd_application_get_hall_schedule (FD_APPLICATION (app)));
    }
  else
    {
      self->catalog = fd_guide_catalog_new ();
      self->schedule = fd_hall_schedule_new ();
    }
  /* the sample-data notice, as long as the catalogue says so */
  g_object_bind_property (self->catalog, "sample-data", self->sample_revealer, "visible",
                          G_BINDING_SYNC_CREATE);
  self->filter = gtk_custom_filter_new (filter_guide, self, NULL);
  self->sorter = gtk_custom_sorter_new (compare_rank, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->catalog)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), NULL);
  g_signal_connect (self->sorted, "items-changed", G_CALLBACK (on_list_changed), self);
  gtk_list_box_bind_model (self->guide_list, G_LIST_MODEL (self->sorted), create_row, self, NULL);
  fd_guide_view_set_lang (self->view, self->ui_lang);

  for (guint i = 0; i < FD_N_LANGS; i++)
    gtk_string_list_append (langs, fd_lang_native_name ((FdLang) i));
  gtk_drop_down_set_model (self->lang_dropdown, G_LIST_MODEL (langs));
  gtk_drop_down_set_selected (self->lang_dropdown, FD_LANG_EN);

  display = gdk_display_get_default ();
  if (display != NULL)
    {
      self->monitors = g_object_ref (gdk_display_get_monitors (display));
      g_signal_connect (self->monitors, "items-changed", G_CALLBACK (_fd_guides_page_on_monitors_changed), self);
      _fd_guides_page_fill_monitors (self);
    }

  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_stop_search), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->guide_list));
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);
  g_signal_connect (self->filter_dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->lang_dropdown, "notify::selected", G_CALLBACK (on_lang_dropdown_changed), self);
  g_signal_connect (self->guide_list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect (self->view, "guide-activated", G_CALLBACK (on_view_guide_activated), self);

  /* Ctrl+F and Ctrl+Shift+A wherever the focus is in the window while the
   * page is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                                                          gtk_named_action_new ("guides.focus-search")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>a"),
                                                          gtk_named_action_new ("guides.show-applicant")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update_actions (self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  if (FD_IS_APPLICATION (app))
    {
      g_signal_connect_object (app, "notify::guides-loaded", G_CALLBACK (on_guides_loaded), self, 0);
      on_guides_loaded (FD_APPLICATION (app), NULL, self);
    }
}

FdGuideCatalog *
fd_guides_page_get_catalog (FdGuidesPage *self)
{
  g_return_val_if_fail (FD_IS_GUIDES_PAGE (self), NULL);
  return self->catalog;
}

void
fd_guides_page_open_guide (FdGuidesPage *self,
                           FdGuide      *guide)
{
  g_return_if_fail (FD_IS_GUIDES_PAGE (self));
  g_return_if_fail (guide == NULL || FD_IS_GUIDE (guide));

  fd_guide_view_set_guide (self->view, guide);
  gtk_stack_set_visible_child_name (self->detail_stack, guide != NULL ? "guide" : "none");
  if (guide != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->detail);
  if (self->applicant != NULL)
    fd_applicant_window_set_guide (self->applicant, guide);
  update_actions (self);
}
