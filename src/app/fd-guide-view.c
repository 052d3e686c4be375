/* fd-guide-view.c: every field of one guide, in one content language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guide-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-guide-strings.h"
#include "fd-guide-view.h"
#include "fd-guide-view-private.h"
#include "fd-text-item.h"

enum {
  PROP_0,
  PROP_GUIDE,
  PROP_LANG,
  PROP_STAFF,
  N_PROPS
};

enum {
  GUIDE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Each section's heading; the overview has none. */
static const int section_headings[FD_GUIDE_N_SECTIONS] = {
  -1, FD_GUIDE_LABEL_MATERIALS, FD_GUIDE_LABEL_STEPS, FD_GUIDE_LABEL_LOCATION,
  FD_GUIDE_LABEL_ELIGIBILITY, FD_GUIDE_LABEL_BASIS, FD_GUIDE_LABEL_FAQ,
};

struct _FdGuideView
{
  AdwBin          parent_instance;

  FdGuide        *guide;
  FdGuideCatalog *catalog;
  FdHallSchedule *schedule;
  FdLang          lang;
  gboolean        staff;
  GListStore     *package_matters;  /* FdGuide: the matters of the package shown */
  GListStore     *facts[FD_GUIDE_N_SECTIONS];  /* FdTextItem: each section's rows */
  guint           tick_id;

  /* The document, built once (fd_guide_view_init()); a guide fills its labels and models. */
  GtkLabel       *title_label;
  GtkLabel       *kind_label;
  GtkWidget      *badge;
  GtkImage       *badge_icon;
  GtkLabel       *badge_label;
  GtkLabel       *description_label;
  GtkLabel       *matters_heading;
  GtkLabel       *headings[FD_GUIDE_N_SECTIONS];

  /* Template widgets */
  GtkBox         *content;
};

G_DEFINE_FINAL_TYPE (FdGuideView, fd_guide_view, ADW_TYPE_BIN)

static void schedule_tick (FdGuideView *self);

static GtkWidget *
text_label (const char *text,
            FdLang      lang,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  fd_label_set_lang (GTK_LABEL (label), lang);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A section heading (level 2); its text is set per guide and language. */
static GtkLabel *
add_heading (FdGuideView *self)
{
  GtkWidget *label = text_label ("", self->lang, "fd-guide-section");

  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  g_object_set (label, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_box_append (self->content, label);
  return GTK_LABEL (label);
}

/* A boxed list of @model's rows, shown while @model has items (and @heading with it). */
static GtkListBox *
add_list (FdGuideView                *self,
          GListModel                 *model,
          GtkLabel                   *heading,
          GtkListBoxCreateWidgetFunc  create_row)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), model, create_row, self, NULL);
  g_object_bind_property (model, "n-items", list, "visible", G_BINDING_SYNC_CREATE);
  if (heading != NULL)
    g_object_bind_property (model, "n-items", heading, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (self->content, list);
  return GTK_LIST_BOX (list);
}

/* One row of one or two lines: the item's title in bold above its text, or the text alone. */
static GtkWidget *
create_fact_row (gpointer item,
                 gpointer user_data)
{
  FdGuideView *self = user_data;
  FdTextItem *fact = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (fd_text_item_get_title (fact) != NULL)
    gtk_box_append (GTK_BOX (box),
                    text_label (fd_text_item_get_title (fact), self->lang, "fd-field-title"));
  gtk_box_append (GTK_BOX (box), text_label (fd_text_item_get_text (fact), self->lang, NULL));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
on_matter_activated (GtkListBox    *list,
                     GtkListBoxRow *row,
                     FdGuideView   *self)
{
  g_autoptr(FdGuide) guide = g_list_model_get_item (G_LIST_MODEL (self->package_matters),
                                                    gtk_list_box_row_get_index (row));

  if (guide != NULL)
    g_signal_emit (self, signals[GUIDE_ACTIVATED], 0, guide);
}

static GtkWidget *
create_matter_row (gpointer item,
                   gpointer user_data)
{
  FdGuideView *self = user_data;
  FdGuide *m = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = text_label (fd_guide_get_name (m, self->lang), self->lang, NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  fd_guide_get_name (m, self->lang), -1);
  return row;
}

static void
update_badge (FdGuideView *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;
  FdHallAvailability a = { 0 };
  gboolean open;

  gtk_widget_set_visible (self->badge, self->guide != NULL && self->schedule != NULL);
  if (self->guide == NULL || self->schedule == NULL)
    return;

  now = g_date_time_new_now_local ();
  fd_hall_schedule_query_guide (self->schedule, self->guide, now, &a, NULL);
  text = fd_hall_availability_describe (&a, self->lang);
  open = a.state != FD_HALL_CLOSED && a.state != FD_HALL_UNKNOWN_CALENDAR;
  gtk_label_set_text (self->badge_label, text);
  fd_label_set_lang (self->badge_label, self->lang);
  gtk_image_set_from_icon_name (self->badge_icon,
                                open ? "emblem-ok-symbolic"
                                     : a.state == FD_HALL_UNKNOWN_CALENDAR ? "dialog-question-symbolic"
                                                                           : "alarm-symbolic");
  if (open)
    {
      gtk_widget_add_css_class (self->badge, "fd-open");
      gtk_widget_remove_css_class (self->badge, "fd-closed");
    }
  else
    {
      gtk_widget_add_css_class (self->badge, "fd-closed");
      gtk_widget_remove_css_class (self->badge, "fd-open");
    }
  fd_hall_availability_clear (&a);
}

static gboolean
on_tick (gpointer user_data)
{
  FdGuideView *self = user_data;

  self->tick_id = 0;
  update_badge (self);
  schedule_tick (self);
  return G_SOURCE_REMOVE;
}

/* Wakes at the next minute boundary. */
static void
schedule_tick (FdGuideView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint ms = (guint) (60000 - (g_date_time_get_second (now) * 1000
                               + g_date_time_get_microsecond (now) / 1000) % 60000);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->guide != NULL && self->schedule != NULL)
    self->tick_id = g_timeout_add (ms + 50, on_tick, self);
}

static GtkLabel *
add_label (FdGuideView *self,
           const char  *css_class)
{
  GtkWidget *label = text_label ("", self->lang, css_class);

  gtk_box_append (self->content, label);
  return GTK_LABEL (label);
}

static void
set_label (GtkLabel   *label,
           const char *text,
           FdLang      lang)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  fd_label_set_lang (label, lang);
}

/* The document's parts, once: labels for the title, kind, badge and description, then each
 * section's heading and list bound to its model. */
static void
build_document (FdGuideView *self)
{
  GtkWidget *badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkListBox *matters;

  self->title_label = add_label (self, "fd-guide-title");
  g_object_set (self->title_label, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  self->kind_label = add_label (self, NULL);

  gtk_widget_add_css_class (badge, "fd-badge");
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  self->badge_icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->badge_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  self->badge_label = GTK_LABEL (text_label ("", self->lang, NULL));
  gtk_box_append (GTK_BOX (badge), GTK_WIDGET (self->badge_icon));
  gtk_box_append (GTK_BOX (badge), GTK_WIDGET (self->badge_label));
  gtk_box_append (self->content, badge);
  self->badge = badge;

  self->description_label = add_label (self, NULL);
  for (guint i = 0; i < FD_GUIDE_N_SECTIONS; i++)
    {
      self->facts[i] = g_list_store_new (FD_TYPE_TEXT_ITEM);
      if (section_headings[i] >= 0)
        self->headings[i] = add_heading (self);
      add_list (self, G_LIST_MODEL (self->facts[i]),
                i == FD_GUIDE_SECTION_MATERIALS ? NULL : self->headings[i], create_fact_row);
      if (i == FD_GUIDE_SECTION_OVERVIEW)
        {
          self->matters_heading = add_heading (self);
          matters = add_list (self, G_LIST_MODEL (self->package_matters), self->matters_heading,
                              create_matter_row);
          gtk_list_box_set_activate_on_single_click (matters, TRUE);
          g_signal_connect (matters, "row-activated", G_CALLBACK (on_matter_activated), self);
        }
    }
  /* The materials' heading stays when a guide lists none. */
  g_object_bind_property (self->title_label, "visible", self->headings[FD_GUIDE_SECTION_MATERIALS],
                          "visible", G_BINDING_SYNC_CREATE);
}

static void
fill_package_matters (FdGuideView *self)
{
  g_autoptr(GPtrArray) matters = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->package_matters));

  if (self->guide != NULL && self->catalog != NULL &&
      fd_guide_get_kind (self->guide) == FD_GUIDE_KIND_PACKAGE)
    matters = fd_guide_catalog_get_package_matters (self->catalog, self->guide);
  g_list_store_splice (self->package_matters, 0, n, matters != NULL ? matters->pdata : NULL,
                       matters != NULL ? matters->len : 0);
}

/* Shows the guide (or nothing) in the language: the labels' texts, and each section's model
 * replaced by the new rows in one splice. */
static void
rebuild (FdGuideView *self)
{
  FdGuide *g = self->guide;
  FdLang lang = self->lang;
  FdGuideFacts what = { self->guide, self->lang, self->staff, self->schedule };
  GPtrArray *facts[FD_GUIDE_N_SECTIONS];

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), g != NULL);
  for (guint i = 0; i < FD_GUIDE_N_SECTIONS; i++)
    {
      facts[i] = g_ptr_array_new_with_free_func (g_object_unref);
      if (self->headings[i] != NULL)
        gtk_label_set_text (self->headings[i], fd_guide_label (section_headings[i], lang));
    }
  gtk_label_set_text (self->matters_heading,
                      fd_guide_label (FD_GUIDE_LABEL_INCLUDED_MATTERS, lang));
  if (g != NULL)
    {
      g_autofree char *kind = NULL;

      set_label (self->title_label, fd_guide_get_name (g, lang), lang);
      if (fd_guide_get_kind (g) == FD_GUIDE_KIND_PACKAGE)
        kind = g_strdup (fd_guide_label (FD_GUIDE_LABEL_PACKAGE, lang));
      else
        kind = g_strdup_printf ("%s · %s%s%s", fd_guide_label (FD_GUIDE_LABEL_MATTER, lang),
                                fd_guide_type_label (fd_guide_get_guide_type (g), lang),
                                fd_guide_get_code (g) != NULL ? " · " : "",
                                fd_guide_get_code (g) != NULL ? fd_guide_get_code (g) : "");
      set_label (self->kind_label, kind, lang);
      set_label (self->description_label, fd_guide_get_description (g, lang), lang);
      _fd_guide_facts_fill (&what, facts);
    }
  else
    {
      set_label (self->kind_label, NULL, lang);
      set_label (self->description_label, NULL, lang);
    }
  update_badge (self);
  fill_package_matters (self);
  for (guint i = 0; i < FD_GUIDE_N_SECTIONS; i++)
    {
      g_list_store_splice (self->facts[i], 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->facts[i])),
                           facts[i]->pdata, facts[i]->len);
      g_ptr_array_unref (facts[i]);
    }
  for (guint i = 0; i < FD_GUIDE_N_SECTIONS; i++)
    if (self->headings[i] != NULL)
      fd_label_set_lang (self->headings[i], lang);
  fd_label_set_lang (self->matters_heading, lang);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)))), 0);
  schedule_tick (self);
}

static void
fd_guide_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FdGuideView *self = FD_GUIDE_VIEW (object);

  switch (prop_id)
    {
    case PROP_GUIDE:
      g_value_set_object (value, self->guide);
      break;
    case PROP_LANG:
      g_value_set_int (value, self->lang);
      break;
    case PROP_STAFF:
      g_value_set_boolean (value, self->staff);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_guide_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FdGuideView *self = FD_GUIDE_VIEW (object);

  switch (prop_id)
    {
    case PROP_GUIDE:
      fd_guide_view_set_guide (self, g_value_get_object (value));
      break;
    case PROP_LANG:
      fd_guide_view_set_lang (self, (FdLang) g_value_get_int (value));
      break;
    case PROP_STAFF:
      if (self->staff != g_value_get_boolean (value))
        {
          self->staff = g_value_get_boolean (value);
          rebuild (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_guide_view_dispose (GObject *object)
{
  FdGuideView *self = FD_GUIDE_VIEW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_GUIDE_VIEW);
  g_clear_object (&self->guide);
  g_clear_object (&self->catalog);
  g_clear_object (&self->schedule);
  g_clear_object (&self->package_matters);
  for (guint i = 0; i < FD_GUIDE_N_SECTIONS; i++)
    g_clear_object (&self->facts[i]);

  G_OBJECT_CLASS (fd_guide_view_parent_class)->dispose (object);
}

static void
fd_guide_view_class_init (FdGuideViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fd_guide_view_get_property;
  object_class->set_property = fd_guide_view_set_property;
  object_class->dispose = fd_guide_view_dispose;

  properties[PROP_GUIDE] =
    g_param_spec_object ("guide", NULL, NULL, FD_TYPE_GUIDE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LANG] =
    g_param_spec_int ("lang", NULL, NULL, 0, FD_N_LANGS - 1, FD_LANG_ZH_CN,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* On the staff screen: marks of the UI (unverified facts) come from
   * gettext in the staff's language instead of the content tables. */
  properties[PROP_STAFF] =
    g_param_spec_boolean ("staff", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A package's bundled matter was clicked. */
  signals[GUIDE_ACTIVATED] =
    g_signal_new ("guide-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FD_TYPE_GUIDE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-guide-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FdGuideView, content);
}

static void
fd_guide_view_init (FdGuideView *self)
{
  self->package_matters = g_list_store_new (FD_TYPE_GUIDE);
  gtk_widget_init_template (GTK_WIDGET (self));
  build_document (self);
  rebuild (self);
}

GtkWidget *
fd_guide_view_new (void)
{
  return g_object_new (FD_TYPE_GUIDE_VIEW, NULL);
}

/* The hall's folder is read after the guides may already be shown: its
 * floors and phones replace the examples when the catalogue says so. */
static void
on_sample_data_changed (FdGuideView *self)
{
  rebuild (self);
}

void
fd_guide_view_set_sources (FdGuideView    *self,
                           FdGuideCatalog *catalog,
                           FdHallSchedule *schedule)
{
  g_return_if_fail (FD_IS_GUIDE_VIEW (self));

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_func (self->catalog, on_sample_data_changed, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "notify::sample-data", G_CALLBACK (on_sample_data_changed),
                             self, G_CONNECT_SWAPPED);
  g_set_object (&self->schedule, schedule);
  rebuild (self);
}

FdGuide *
fd_guide_view_get_guide (FdGuideView *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_VIEW (self), NULL);
  return self->guide;
}

void
fd_guide_view_set_guide (FdGuideView *self,
                         FdGuide     *guide)
{
  g_return_if_fail (FD_IS_GUIDE_VIEW (self));

  if (g_set_object (&self->guide, guide))
    {
      rebuild (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUIDE]);
    }
}

FdLang
fd_guide_view_get_lang (FdGuideView *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_VIEW (self), FD_LANG_ZH_CN);
  return self->lang;
}

void
fd_guide_view_set_lang (FdGuideView *self,
                        FdLang       lang)
{
  g_return_if_fail (FD_IS_GUIDE_VIEW (self));
  g_return_if_fail (lang < FD_N_LANGS);

  if (self->lang == lang)
    return;
  self->lang = lang;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

void
fd_label_set_lang (GtkLabel *label,
                   FdLang    lang)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  g_return_if_fail (GTK_IS_LABEL (label));

  lang = fd_text_lang (gtk_label_get_text (label), lang);
  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string (fd_lang_to_tag (lang))));
  gtk_label_set_attributes (label, attrs);
}
