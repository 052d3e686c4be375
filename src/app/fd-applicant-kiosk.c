/* fd-applicant-kiosk.c: the applicant screen as a kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-applicant-kiosk"

#include "config.h"

#include "fd-applicant-kiosk.h"
#include "fd-applicant-monitor.h"
#include "fd-application.h"

struct _FdApplicantKiosk
{
  GObject            parent_instance;

  FdApplicantWindow *window;      /* weak: the window owns the kiosk */
  GSettings         *settings;
  GListModel        *monitors;
  GdkMonitor        *fallback;    /* the Guides page's choice, if no monitor is remembered */
  gboolean           active;
  guint              idle_id;
};

G_DEFINE_FINAL_TYPE (FdApplicantKiosk, fd_applicant_kiosk, G_TYPE_OBJECT)

static gboolean
on_idle (gpointer data)
{
  FdApplicantKiosk *self = data;

  self->idle_id = 0;
  if (self->window != NULL)
    _fd_applicant_window_reset (self->window);
  return G_SOURCE_REMOVE;
}

static void
restart_idle (FdApplicantKiosk *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->active)
    self->idle_id = g_timeout_add_seconds (g_settings_get_uint (self->settings, "kiosk-idle-seconds"),
                                           on_idle, self);
}

/* Every input event restarts the idle time. */
static gboolean
on_any_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              FdApplicantKiosk         *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_MOTION_NOTIFY:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_SCROLL:
      restart_idle (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* No key combination leaves the kiosk: Ctrl, Alt and Super combinations
 * (Ctrl+Q, Ctrl+W, Alt+F4, the desk's shortcuts) and F10 stop here, before
 * the application's shortcuts see them. Typing (Shift, input methods) goes on. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                FdApplicantKiosk      *self)
{
  if (!self->active)
    return GDK_EVENT_PROPAGATE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0
      || keyval == GDK_KEY_F10 || keyval == GDK_KEY_Escape)
    return GDK_EVENT_STOP;
  return GDK_EVENT_PROPAGATE;
}

/* Fullscreen on the remembered monitor when it is there, else on the
 * Guides page's choice, else the last monitor. */
static void
place (FdApplicantKiosk *self)
{
  g_autoptr(GdkMonitor) monitor = NULL;
  guint n;

  if (!self->active || self->window == NULL)
    return;
  monitor = _fd_applicant_monitor_find (self->monitors, self->settings);
  n = g_list_model_get_n_items (self->monitors);
  if (monitor == NULL && self->fallback != NULL && gdk_monitor_is_valid (self->fallback))
    monitor = g_object_ref (self->fallback);
  if (monitor == NULL && n > 0)
    monitor = g_list_model_get_item (self->monitors, n - 1);
  if (monitor != NULL)
    {
      GtkWidget *widget = GTK_WIDGET (self->window);
      GdkRectangle geometry;
      gboolean again = FALSE;

      /* the monitor's size too, for X sessions without a window manager
       * (where fullscreen is not honoured). A window already shown keeps
       * its size there (the default size is for a first showing), so on a
       * monitor that came back at another size it is shown anew. */
      gdk_monitor_get_geometry (monitor, &geometry);
      if (gtk_widget_get_mapped (widget)
          && (ABS (gtk_widget_get_width (widget) - geometry.width) > 32
              || ABS (gtk_widget_get_height (widget) - geometry.height) > 32))
        {
          gtk_widget_set_visible (widget, FALSE);
          gtk_widget_unrealize (widget);
          again = TRUE;
        }
      gtk_window_set_default_size (GTK_WINDOW (self->window), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->window), monitor);
      if (again)
        gtk_window_present (GTK_WINDOW (self->window));
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self->window));
}

/* A monitor came or went: the remembered one may be back. */
static void
on_monitors_changed (GListModel       *monitors,
                     guint             position,
                     guint             removed,
                     guint             added,
                     FdApplicantKiosk *self)
{
  place (self);
}

static void
fd_applicant_kiosk_dispose (GObject *object)
{
  FdApplicantKiosk *self = FD_APPLICANT_KIOSK (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->monitors != NULL)
    g_signal_handlers_disconnect_by_data (self->monitors, self);
  g_clear_object (&self->monitors);
  g_clear_object (&self->fallback);
  g_clear_object (&self->settings);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  G_OBJECT_CLASS (fd_applicant_kiosk_parent_class)->dispose (object);
}

static void
fd_applicant_kiosk_class_init (FdApplicantKioskClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fd_applicant_kiosk_dispose;
}

static void
fd_applicant_kiosk_init (FdApplicantKiosk *self)
{
}

FdApplicantKiosk *
_fd_applicant_kiosk_new (FdApplicantWindow *window)
{
  FdApplicantKiosk *self = g_object_new (FD_TYPE_APPLICANT_KIOSK, NULL);
  GApplication *app = g_application_get_default ();
  GtkEventController *legacy = gtk_event_controller_legacy_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->settings = FD_IS_APPLICATION (app) ? g_object_ref (fd_application_get_settings (FD_APPLICATION (app)))
                                           : g_settings_new (BASE_ID);
  self->monitors = g_object_ref (gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (window))));

  /* Capture phase, added before the application's shortcut controller. */
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (window), legacy);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  return self;
}

gboolean
_fd_applicant_kiosk_start (FdApplicantKiosk *self,
                           GdkMonitor       *fallback)
{
  g_return_val_if_fail (FD_IS_APPLICANT_KIOSK (self), FALSE);

  if (self->window == NULL || !g_settings_get_boolean (self->settings, "applicant-kiosk"))
    return FALSE;
  g_set_object (&self->fallback, fallback);
  if (!self->active)
    {
      self->active = TRUE;
      gtk_window_set_deletable (GTK_WINDOW (self->window), FALSE);
      g_signal_connect (self->monitors, "items-changed", G_CALLBACK (on_monitors_changed), self);
      _fd_applicant_window_reset (self->window);
    }
  place (self);
  gtk_window_present (GTK_WINDOW (self->window));
  restart_idle (self);
  return TRUE;
}

/* Something happened on the board (the desk answered): not idle. */
void
_fd_applicant_kiosk_activity (FdApplicantKiosk *self)
{
  g_return_if_fail (FD_IS_APPLICANT_KIOSK (self));

  if (self->idle_id != 0)
    restart_idle (self);
}

gboolean
_fd_applicant_kiosk_get_active (FdApplicantKiosk *self)
{
  return self != NULL && self->active;
}
