/* fd-guide-view.c: every field of one guide, in one content language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guide-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-guide-strings.h"
#include "fd-guide-view.h"

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

struct _FdGuideView
{
  AdwBin          parent_instance;

  FdGuide        *guide;
  FdGuideCatalog *catalog;
  FdHallSchedule *schedule;
  FdLang          lang;
  gboolean        staff;
  GListStore     *package_matters;  /* FdGuide: the matters of the package shown */
  guint           tick_id;

  /* Built per guide */
  GtkImage       *badge_icon;
  GtkLabel       *badge_label;
  GtkWidget      *badge;

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

static void
add_heading (FdGuideView  *self,
             FdGuideLabel  which)
{
  GtkWidget *label = text_label (fd_guide_label (which, self->lang), self->lang, "fd-guide-section");

  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  g_object_set (label, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_box_append (self->content, label);
}

static GtkListBox *
add_list (FdGuideView *self)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (self->content, list);
  return GTK_LIST_BOX (list);
}

/* One row of one or two lines; the first line bold when @second is set. */
static void
add_row (FdGuideView *self,
         GtkListBox  *list,
         const char  *first,
         const char  *second)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), text_label (first, self->lang, second != NULL ? "fd-field-title" : NULL));
  if (second != NULL)
    gtk_box_append (GTK_BOX (box), text_label (second, self->lang, NULL));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (list, row);
}

/* The mark after a status="unverified" fact: in the staff UI language
 * (gettext) on the staff screen, in the content language elsewhere. */
static const char *
unverified_mark (FdGuideView *self)
{
  if (self->staff)
    /* Translators: shown after a fact of a guide that the content team could
     * not confirm (a fee, a time limit, a material...) */
    return _("to be confirmed at the window");
  return fd_guide_label (FD_GUIDE_LABEL_UNVERIFIED, self->lang);
}

/* @text, followed by the unverified mark when @unverified. Newly allocated. */
static char *
marked (FdGuideView *self,
        const char  *text,
        gboolean     unverified)
{
  if (!unverified)
    return g_strdup (text);
  return g_strdup_printf (self->lang == FD_LANG_ZH_CN ? "%s（%s）" : "%s (%s)", text, unverified_mark (self));
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

  if (self->badge == NULL || self->guide == NULL || self->schedule == NULL)
    return;

  now = g_date_time_new_now_local ();
  fd_hall_schedule_query_guide (self->schedule, self->guide, now, &a, NULL);
  text = fd_hall_availability_describe (&a, self->lang);
  open = a.state != FD_HALL_CLOSED && a.state != FD_HALL_UNKNOWN_CALENDAR;
  gtk_label_set_text (self->badge_label, text);
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

static void
add_badge (FdGuideView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_add_css_class (box, "fd-badge");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  self->badge_icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->badge_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  self->badge_label = GTK_LABEL (text_label ("", self->lang, NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->badge_icon));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->badge_label));
  gtk_box_append (self->content, box);
  self->badge = box;
  update_badge (self);
}

static void
add_materials (FdGuideView *self,
               FdLang       lang)
{
  GtkListBox *list;

  add_heading (self, FD_GUIDE_LABEL_MATERIALS);
  list = add_list (self);
  for (guint i = 0; i < fd_guide_get_n_materials (self->guide); i++)
    {
      const FdGuideMaterial *m = fd_guide_get_material (self->guide, i);
      const char *note = fd_guide_material_get_note (m, lang);
      g_autofree char *qty = fd_format_quantity (fd_guide_material_get_quantity (m), lang);
      g_autofree char *detail = g_strdup_printf ("%s · %s%s%s",
                                                 fd_material_form_label (fd_guide_material_get_form (m), lang),
                                                 qty, note != NULL ? "\n" : "",
                                                 note != NULL ? note : "");
      g_autofree char *name = marked (self, fd_guide_material_get_name (m, lang),
                                      fd_guide_material_is_unverified (m));

      add_row (self, list, name, detail);
    }
}

static void
add_text_list (FdGuideView  *self,
               FdGuideLabel  heading,
               guint         n,
               const char *(*get) (FdGuide *, guint, FdLang),
               gboolean      numbered,
               int           field)
{
  GtkListBox *list;

  if (n == 0)
    return;
  add_heading (self, heading);
  list = add_list (self);
  for (guint i = 0; i < n; i++)
    {
      gboolean unverified = field >= 0 && fd_guide_is_unverified (self->guide, (FdGuideField) field, i);
      g_autofree char *item = marked (self, get (self->guide, i, self->lang), unverified);
      g_autofree char *text = numbered ? g_strdup_printf ("%u. %s", i + 1, item) : g_strdup (item);

      add_row (self, list, text, NULL);
    }
}

static void
add_package_matters (FdGuideView *self)
{
  g_autoptr(GPtrArray) matters = NULL;
  GtkListBox *list;

  if (self->catalog == NULL || fd_guide_get_kind (self->guide) != FD_GUIDE_KIND_PACKAGE)
    return;
  matters = fd_guide_catalog_get_package_matters (self->catalog, self->guide);
  if (matters->len == 0)
    return;
  add_heading (self, FD_GUIDE_LABEL_INCLUDED_MATTERS);
  list = add_list (self);
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (list, TRUE);
  g_list_store_splice (self->package_matters, 0, 0, matters->pdata, matters->len);
  gtk_list_box_bind_model (list, G_LIST_MODEL (self->package_matters), create_matter_row, self, NULL);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_matter_activated), self);
}

static void
rebuild (FdGuideView *self)
{
  FdGuide *g = self->guide;
  FdLang lang = self->lang;
  GtkWidget *child;
  GtkListBox *list;
  const char *text;
  guint statutory, promised;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  if (self->package_matters != NULL)
    g_list_store_remove_all (self->package_matters);
  self->badge = NULL;
  self->badge_icon = NULL;
  self->badge_label = NULL;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (g == NULL)
    return;

  /* Title, kind and type */
  child = text_label (fd_guide_get_name (g, lang), lang, "fd-guide-title");
  g_object_set (child, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (self->content, child);
  {
    g_autofree char *kind = NULL;

    if (fd_guide_get_kind (g) == FD_GUIDE_KIND_PACKAGE)
      kind = g_strdup (fd_guide_label (FD_GUIDE_LABEL_PACKAGE, lang));
    else
      kind = g_strdup_printf ("%s · %s%s%s", fd_guide_label (FD_GUIDE_LABEL_MATTER, lang),
                              fd_guide_type_label (fd_guide_get_guide_type (g), lang),
                              fd_guide_get_code (g) != NULL ? " · " : "",
                              fd_guide_get_code (g) != NULL ? fd_guide_get_code (g) : "");
    gtk_box_append (self->content, text_label (kind, lang, NULL));
  }
  if (self->schedule != NULL)
    add_badge (self);
  if ((text = fd_guide_get_description (g, lang)) != NULL)
    gtk_box_append (self->content, text_label (text, lang, NULL));

  /* Overview: department, visits, time limits, fees */
  list = add_list (self);
  if ((text = fd_guide_get_department (g, lang)) != NULL)
    add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_DEPARTMENT, lang), text);
  add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_VISITS, lang),
           fd_guide_label (fd_guide_get_visits (g) == 0 ? FD_GUIDE_LABEL_NO_VISIT
                                                        : FD_GUIDE_LABEL_ONE_VISIT, lang));
  if (fd_guide_get_time_limit (g, &statutory, &promised))
    {
      gboolean unverified = fd_guide_is_unverified (g, FD_GUIDE_FIELD_TIME_LIMIT, 0);
      g_autofree char *s = fd_guide_format_statutory (g, lang);
      g_autofree char *p = fd_format_working_days (promised, lang);
      g_autofree char *pm = marked (self, p, unverified);

      if (s != NULL)
        {
          g_autofree char *sm = marked (self, s, unverified);
          add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_STATUTORY, lang), sm);
        }
      add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_PROMISED, lang), pm);
    }
  {
    gboolean unverified = fd_guide_is_unverified (g, FD_GUIDE_FIELD_FEE, 0);

    if (fd_guide_get_fee_free (g))
      {
        g_autofree char *free_text = marked (self, fd_guide_label (FD_GUIDE_LABEL_FREE, lang), unverified);
        add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_FEES, lang), free_text);
      }
    else
      for (guint i = 0; i < fd_guide_get_n_fees (g); i++)
        {
          g_autofree char *fee = marked (self, fd_guide_get_fee (g, i, lang), unverified);
          add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_FEES, lang), fee);
        }
  }

  /* what the applicant receives, and where to complain */
  if ((text = fd_guide_get_result (g, lang)) != NULL)
    add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_RESULT, lang), text);
  if ((text = fd_guide_get_complaint (g, lang)) != NULL)
    add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_COMPLAINT, lang), text);

  add_package_matters (self);
  add_materials (self, lang);
  add_text_list (self, FD_GUIDE_LABEL_STEPS, fd_guide_get_n_steps (g), fd_guide_get_step, TRUE,
                 FD_GUIDE_FIELD_STEP);

  /* Where and when */
  add_heading (self, FD_GUIDE_LABEL_LOCATION);
  list = add_list (self);
  {
    const char * const *windows = fd_guide_get_windows (g);
    gboolean unverified = fd_guide_is_unverified (g, FD_GUIDE_FIELD_LOCATION, 0);

    if ((text = fd_guide_get_place (g, lang)) != NULL)
      {
        g_autofree char *place = marked (self, text, unverified);
        add_row (self, list, place, NULL);
      }
    if (windows != NULL && windows[0] != NULL)
      {
        /* with the hall's own data, each window's floor */
        g_autofree char *joined = self->schedule != NULL
          ? fd_hall_schedule_format_windows (self->schedule, windows, lang)
          : g_strjoinv (" ", (char **) windows);
        g_autofree char *joined_marked = marked (self, joined, unverified);
        add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_WINDOWS, lang), joined_marked);
      }
  }
  {
    g_autofree char *hours = fd_guide_format_hours (g, lang);
    add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_HOURS, lang), hours);
  }
  if (fd_guide_get_online_url (g) != NULL)
    {
      g_autofree char *channel = marked (self, fd_guide_get_online_channel (g, lang) != NULL
                                                 ? fd_guide_get_online_channel (g, lang) : "",
                                         fd_guide_is_unverified (g, FD_GUIDE_FIELD_CHANNEL, 0));
      g_autofree char *online = g_strdup_printf ("%s\n%s", channel, fd_guide_get_online_url (g));
      add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_ONLINE, lang), online);
    }
  if (fd_guide_get_phone (g) != NULL)
    add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_PHONE, lang), fd_guide_get_phone (g));
  if (self->schedule != NULL)
    {
      g_auto(GStrv) phones = fd_hall_schedule_dup_phones (self->schedule, lang);

      if (phones[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv ("\n", phones);
          add_row (self, list, fd_guide_label (FD_GUIDE_LABEL_HALL_PHONES, lang), joined);
        }
    }

  add_text_list (self, FD_GUIDE_LABEL_ELIGIBILITY, fd_guide_get_n_eligibility (g),
                 fd_guide_get_eligibility, FALSE, -1);
  add_text_list (self, FD_GUIDE_LABEL_BASIS, fd_guide_get_n_basis (g), fd_guide_get_basis, FALSE,
                 FD_GUIDE_FIELD_BASIS);

  if (fd_guide_get_n_faq (g) > 0)
    {
      add_heading (self, FD_GUIDE_LABEL_FAQ);
      list = add_list (self);
      for (guint i = 0; i < fd_guide_get_n_faq (g); i++)
        add_row (self, list, fd_guide_get_faq_question (g, i, lang),
                 fd_guide_get_faq_answer (g, i, lang));
    }

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
