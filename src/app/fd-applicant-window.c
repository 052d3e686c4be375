/* fd-applicant-window.c: the customer-facing screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-applicant-window"

#include "config.h"

#include <string.h>

#include "fd-applicant-window.h"
#include "fd-guide-strings.h"
#include "fd-guide-view.h"

enum {
  PROP_0,
  PROP_LANG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _FdApplicantWindow
{
  AdwWindow        parent_instance;

  FdLang           lang;

  /* Template widgets */
  GtkToggleButton *zh_button;
  GtkToggleButton *en_button;
  GtkToggleButton *ru_button;
  GtkLabel        *zh_label;
  GtkLabel        *en_label;
  GtkLabel        *ru_label;
  GtkLabel        *lang_label;
  GtkLabel        *waiting_label;
  GtkLabel        *sample_label;
  GtkStack        *stack;
  FdGuideView     *view;
};

G_DEFINE_FINAL_TYPE (FdApplicantWindow, fd_applicant_window, ADW_TYPE_WINDOW)

/* Shown in the applicant's language, whatever the UI language: a table by
 * FdLang, not gettext. */
static const char *waiting_text[FD_N_LANGS] = {
  [FD_LANG_ZH_CN] = "工作人员选择办事指南后，将在此显示。",
  [FD_LANG_EN] = "The guide appears here when the staff member opens one.",
  [FD_LANG_RU] = "Инструкция появится здесь, когда сотрудник откроет её.",
};

static GtkToggleButton *
button_for_lang (FdApplicantWindow *self,
                 FdLang             lang)
{
  switch (lang)
    {
    case FD_LANG_EN:
      return self->en_button;
    case FD_LANG_RU:
      return self->ru_button;
    case FD_LANG_ZH_CN:
    default:
      return self->zh_button;
    }
}

static void
on_lang_toggled (GtkToggleButton   *button,
                 FdApplicantWindow *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->en_button)
    fd_applicant_window_set_lang (self, FD_LANG_EN);
  else if (button == self->ru_button)
    fd_applicant_window_set_lang (self, FD_LANG_RU);
  else
    fd_applicant_window_set_lang (self, FD_LANG_ZH_CN);
}

/* The applicant opened one of a package's matters. */
static void
on_view_guide_activated (FdGuideView       *view,
                         FdGuide           *guide,
                         FdApplicantWindow *self)
{
  fd_applicant_window_set_guide (self, guide);
}

static void
update_texts (FdApplicantWindow *self)
{
  gtk_label_set_text (self->waiting_label, waiting_text[self->lang]);
  fd_label_set_lang (self->waiting_label, self->lang);
  /* the sample-data notice in the applicant's language */
  gtk_label_set_text (self->sample_label, fd_guide_label (FD_GUIDE_LABEL_SAMPLE_DATA, self->lang));
  fd_label_set_lang (self->sample_label, self->lang);
}

static void
fd_applicant_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FdApplicantWindow *self = FD_APPLICANT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LANG:
      g_value_set_int (value, self->lang);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_applicant_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FdApplicantWindow *self = FD_APPLICANT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LANG:
      fd_applicant_window_set_lang (self, (FdLang) g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_applicant_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_APPLICANT_WINDOW);

  G_OBJECT_CLASS (fd_applicant_window_parent_class)->dispose (object);
}

static void
fd_applicant_window_class_init (FdApplicantWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fd_applicant_window_get_property;
  object_class->set_property = fd_applicant_window_set_property;
  object_class->dispose = fd_applicant_window_dispose;

  properties[PROP_LANG] =
    g_param_spec_int ("lang", NULL, NULL, 0, FD_N_LANGS - 1, FD_LANG_EN,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FD_TYPE_GUIDE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-applicant-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, zh_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, en_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, ru_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, zh_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, en_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, ru_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, lang_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, sample_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, view);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fd_applicant_window_init (FdApplicantWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  {
    /* "语言 · Language · Язык": tag the Chinese word (its first 6 bytes). */
    g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
    PangoAttribute *attr = pango_attr_language_new (pango_language_from_string ("zh-CN"));

    attr->start_index = 0;
    attr->end_index = strlen ("语言");
    pango_attr_list_insert (attrs, attr);
    gtk_label_set_attributes (self->lang_label, attrs);
  }
  fd_label_set_lang (self->zh_label, FD_LANG_ZH_CN);
  fd_label_set_lang (self->en_label, FD_LANG_EN);
  fd_label_set_lang (self->ru_label, FD_LANG_RU);
  self->lang = FD_LANG_EN;
  fd_guide_view_set_lang (self->view, self->lang);
  gtk_toggle_button_set_active (self->en_button, TRUE);
  update_texts (self);
  g_signal_connect (self->zh_button, "toggled", G_CALLBACK (on_lang_toggled), self);
  g_signal_connect (self->en_button, "toggled", G_CALLBACK (on_lang_toggled), self);
  g_signal_connect (self->ru_button, "toggled", G_CALLBACK (on_lang_toggled), self);
  g_signal_connect (self->view, "guide-activated", G_CALLBACK (on_view_guide_activated), self);
}

FdApplicantWindow *
fd_applicant_window_new (FdGuideCatalog *catalog,
                         FdHallSchedule *schedule)
{
  FdApplicantWindow *self = g_object_new (FD_TYPE_APPLICANT_WINDOW, NULL);

  fd_guide_view_set_sources (self->view, catalog, schedule);
  if (catalog != NULL)
    g_object_bind_property (catalog, "sample-data", self->sample_label, "visible", G_BINDING_SYNC_CREATE);
  return self;
}

void
fd_applicant_window_set_guide (FdApplicantWindow *self,
                               FdGuide           *guide)
{
  g_return_if_fail (FD_IS_APPLICANT_WINDOW (self));

  fd_guide_view_set_guide (self->view, guide);
  gtk_stack_set_visible_child_name (self->stack, guide != NULL ? "guide" : "waiting");
}

FdLang
fd_applicant_window_get_lang (FdApplicantWindow *self)
{
  g_return_val_if_fail (FD_IS_APPLICANT_WINDOW (self), FD_LANG_EN);
  return self->lang;
}

void
fd_applicant_window_set_lang (FdApplicantWindow *self,
                              FdLang             lang)
{
  g_return_if_fail (FD_IS_APPLICANT_WINDOW (self));
  g_return_if_fail (lang < FD_N_LANGS);

  if (self->lang == lang)
    return;
  self->lang = lang;
  gtk_toggle_button_set_active (button_for_lang (self, lang), TRUE);
  fd_guide_view_set_lang (self->view, lang);
  update_texts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

void
fd_applicant_window_show_on (FdApplicantWindow *self,
                             GdkMonitor        *monitor)
{
  g_return_if_fail (FD_IS_APPLICANT_WINDOW (self));

  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  gtk_window_present (GTK_WINDOW (self));
}
