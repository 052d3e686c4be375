/* fd-window.c: the staff window with its three pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-board-page.h"
#include "fd-cases-page.h"
#include "fd-guides-page.h"
#include "fd-interpreter-page.h"
#include "fd-window.h"

struct _FdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwViewStack         *stack;
};

G_DEFINE_FINAL_TYPE (FdWindow, fd_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *page_names[] = { "guides", "interpreter", "cases", "board" };

static gboolean
is_page_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  fd_window_show_page (FD_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* win.show-applicant / win.show-board / win.close-applicant: the Guides page
 * owns the applicant screen; other pages (the Board) open and end it through
 * it. */
static void
applicant_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  FdWindow *self = FD_WINDOW (widget);
  GtkWidget *guides = adw_view_stack_get_child_by_name (self->stack, "guides");

  if (guides != NULL)
    gtk_widget_activate_action (guides, g_str_equal (action_name, "win.show-applicant") ? "guides.show-applicant"
                                        : g_str_equal (action_name, "win.show-board") ? "guides.show-board"
                                        : "guides.close-applicant", NULL);
}

static void
save_state (FdWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_string (self->settings, "last-page", fd_window_get_page (self));
  g_settings_apply (self->settings);
}

static gboolean
fd_window_close_request (GtkWindow *window)
{
  save_state (FD_WINDOW (window));

  return GTK_WINDOW_CLASS (fd_window_parent_class)->close_request (window);
}

static void
fd_window_constructed (GObject *object)
{
  FdWindow *self = FD_WINDOW (object);
  g_autofree char *page = NULL;

  G_OBJECT_CLASS (fd_window_parent_class)->constructed (object);

  self->settings = g_settings_new (BASE_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  if (is_page_name (page))
    adw_view_stack_set_visible_child_name (self->stack, page);

  if (g_str_equal (PROFILE, "devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
fd_window_dispose (GObject *object)
{
  FdWindow *self = FD_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_WINDOW);

  G_OBJECT_CLASS (fd_window_parent_class)->dispose (object);
}

static void
fd_window_finalize (GObject *object)
{
  FdWindow *self = FD_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fd_window_parent_class)->finalize (object);
}

static void
fd_window_class_init (FdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = fd_window_constructed;
  object_class->dispose = fd_window_dispose;
  object_class->finalize = fd_window_finalize;
  window_class->close_request = fd_window_close_request;

  g_type_ensure (FD_TYPE_GUIDES_PAGE);
  g_type_ensure (FD_TYPE_INTERPRETER_PAGE);
  g_type_ensure (FD_TYPE_CASES_PAGE);
  g_type_ensure (FD_TYPE_BOARD_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FdWindow, stack);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-applicant", NULL, applicant_action);
  gtk_widget_class_install_action (widget_class, "win.show-board", NULL, applicant_action);
  gtk_widget_class_install_action (widget_class, "win.close-applicant", NULL, applicant_action);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_names[i]);
}

static void
fd_window_init (FdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FdWindow *
fd_window_new (FdApplication *application)
{
  g_return_val_if_fail (FD_IS_APPLICATION (application), NULL);

  return g_object_new (FD_TYPE_WINDOW, "application", application, NULL);
}

void
fd_window_show_page (FdWindow   *self,
                     const char *name)
{
  g_return_if_fail (FD_IS_WINDOW (self));

  if (!is_page_name (name))
    return;
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
fd_window_get_page (FdWindow *self)
{
  const char *name;

  g_return_val_if_fail (FD_IS_WINDOW (self), NULL);

  name = adw_view_stack_get_visible_child_name (self->stack);
  return name != NULL ? name : page_names[0];
}
