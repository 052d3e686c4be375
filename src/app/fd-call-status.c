/* fd-call-status.c: the call's status card (icon, title, detail, call timer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-status"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-call-setup.h"
#include "fd-call-status.h"

struct _FdCallStatus
{
  GtkBox       parent_instance;

  FdRelayCall *call;
  guint        clock_id;

  /* fd_call_status_show_relay(): its hint, the countdown's deadline (0 until the client is
   * reconnecting) and its clock; relay_clock_id is 0 when the card says something else. */
  char        *reconnect_hint;
  gint64       retry_at_us;
  guint        relay_clock_id;

  /* Template widgets */
  GtkImage    *icon;
  GtkLabel    *title;
  GtkLabel    *detail;
  GtkLabel    *timer;
};

G_DEFINE_FINAL_TYPE (FdCallStatus, fd_call_status, GTK_TYPE_BOX)

static gboolean
on_clock (gpointer data)
{
  FdCallStatus *self = data;
  g_autofree char *text = fd_call_status_format_duration (fd_relay_call_get_duration (self->call));

  gtk_label_set_label (self->timer, text);
  return G_SOURCE_CONTINUE;
}

/* The media's set-up and the call are said here, for both sides. */
static void
show_media_state (FdCallStatus *self)
{
  FdRelayCallState state = fd_relay_call_get_state (self->call);
  const char *language = fd_call_setup_language_name (fd_relay_call_get_language (self->call));
  const char *peer = fd_relay_call_get_peer_name (self->call);
  g_autofree char *title = NULL;

  peer = peer != NULL ? peer : "";
  if (state == FD_RELAY_CALL_CONNECTING)
    {
      /* Translators: %s is the other side's name (the interpreter, or the desk) */
      title = g_strdup_printf (_("Connecting video with %s…"), peer);
      fd_call_status_set (self, "emblem-synchronizing-symbolic", title, language);
    }
  else if (state == FD_RELAY_CALL_CONNECTED)
    {
      FdCallMedia *media = fd_relay_call_get_media (self->call);
      g_autofree char *detail = NULL;

      if (fd_relay_call_get_role (self->call) == FD_SIGNAL_ROLE_DESK)
        /* Translators: %s is the interpreter's name */
        title = g_strdup_printf (_("Connected to %s"), peer);
      else
        /* Translators: %s is the desk's name */
        title = g_strdup_printf (_("In a call with %s"), peer);
      if (fd_relay_call_get_role (self->call) == FD_SIGNAL_ROLE_DESK && FD_IS_CALL_ENGINE (media) &&
          fd_call_engine_get_microphone_name (FD_CALL_ENGINE (media)) == NULL)
        /* Translators: %s is a language, e.g. Chinese Sign Language */
        detail = g_strdup_printf (_("%s. This computer has no microphone: the interpreter sees this "
                                    "desk but cannot hear it."),
                                  language);
      /* Network blips: the video goes on while the relay connection comes back. */
      if (fd_relay_call_get_reconnecting (self->call))
        {
          g_free (detail);
          detail = g_strdup (_("Reconnecting to the relay… The call goes on."));
        }
      else if (fd_relay_call_get_peer_reconnecting (self->call))
        {
          g_free (detail);
          /* Translators: %s is the other side's name */
          detail = g_strdup_printf (_("Reconnecting… %s lost the connection to the relay; the call "
                                      "goes on."), peer);
        }
      fd_call_status_set (self, "camera-video-symbolic", title, detail != NULL ? detail : language);
    }
}

static void
set_status (FdCallStatus *self,
            const char   *icon_name,
            const char   *title,
            const char   *detail)
{
  gtk_image_set_from_icon_name (self->icon, icon_name);
  /* Only a real change is announced again. */
  if (g_strcmp0 (gtk_label_get_label (self->title), title) != 0)
    gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL && *detail != '\0');
}

/* Says the relay connection; FALSE (nothing said) when it is up. */
static gboolean
show_relay (FdCallStatus *self)
{
  FdSignalClient *client = fd_relay_call_get_client (self->call);
  g_autofree char *detail = NULL;
  const GError *refusal;
  gint64 left;

  switch (fd_signal_client_get_state (client))
    {
    case FD_SIGNAL_STATE_CONNECTED:
      return FALSE;
    case FD_SIGNAL_STATE_CONNECTING:
      set_status (self, "emblem-synchronizing-symbolic", _("Connecting to the relay…"), NULL);
      break;
    case FD_SIGNAL_STATE_RECONNECTING:
      if (self->retry_at_us == 0)
        self->retry_at_us = g_get_monotonic_time () +
                            (gint64) fd_signal_client_get_retry_delay (client) * G_USEC_PER_SEC;
      left = MAX ((self->retry_at_us - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, 0);
      detail = g_strdup_printf (ngettext ("Trying again in %d second.", "Trying again in %d seconds.",
                                          (int) left), (int) left);
      if (self->reconnect_hint != NULL)
        {
          g_autofree char *with_hint = g_strdup_printf ("%s %s", detail, self->reconnect_hint);

          g_free (detail);
          detail = g_steal_pointer (&with_hint);
        }
      set_status (self, "network-offline-symbolic", _("Reconnecting to the relay"), detail);
      break;
    case FD_SIGNAL_STATE_DISCONNECTED:
    default:
      refusal = fd_relay_call_get_relay_error (self->call);
      if (refusal != NULL)
        detail = fd_call_setup_describe_error (refusal);
      set_status (self, "dialog-error-symbolic", _("Not connected to the relay"),
                  detail != NULL ? detail : _("Check the relay address and token in Preferences."));
      break;
    }
  return TRUE;
}

/* Once a second while the card says the relay connection: the reconnect countdown. */
static gboolean
on_relay_clock (gpointer data)
{
  FdCallStatus *self = data;

  if (self->call != NULL &&
      fd_signal_client_get_state (fd_relay_call_get_client (self->call)) == FD_SIGNAL_STATE_RECONNECTING)
    show_relay (self);
  return G_SOURCE_CONTINUE;
}

static void
on_client_state (FdCallStatus *self)
{
  /* Each wait for a reconnection has its own deadline, taken when it is first shown. */
  if (fd_signal_client_get_state (fd_relay_call_get_client (self->call)) != FD_SIGNAL_STATE_RECONNECTING)
    self->retry_at_us = 0;
}

static void
on_call_state (FdCallStatus *self)
{
  gboolean connected = fd_relay_call_get_state (self->call) == FD_RELAY_CALL_CONNECTED;

  show_media_state (self);

  gtk_widget_set_visible (GTK_WIDGET (self->timer), connected);
  if (connected && self->clock_id == 0)
    {
      on_clock (self);
      self->clock_id = g_timeout_add_seconds (1, on_clock, self);
    }
  else if (!connected)
    g_clear_handle_id (&self->clock_id, g_source_remove);
}

static void
fd_call_status_dispose (GObject *object)
{
  FdCallStatus *self = FD_CALL_STATUS (object);

  fd_call_status_set_call (self, NULL);
  g_clear_pointer (&self->reconnect_hint, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_CALL_STATUS);

  G_OBJECT_CLASS (fd_call_status_parent_class)->dispose (object);
}

static void
fd_call_status_class_init (FdCallStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_call_status_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-call-status.ui");
  gtk_widget_class_bind_template_child (widget_class, FdCallStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, FdCallStatus, title);
  gtk_widget_class_bind_template_child (widget_class, FdCallStatus, detail);
  gtk_widget_class_bind_template_child (widget_class, FdCallStatus, timer);
}

static void
fd_call_status_init (FdCallStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
fd_call_status_set (FdCallStatus *self,
                    const char   *icon_name,
                    const char   *title,
                    const char   *detail)
{
  g_return_if_fail (FD_IS_CALL_STATUS (self));

  g_clear_handle_id (&self->relay_clock_id, g_source_remove);
  set_status (self, icon_name, title, detail);
}

gboolean
fd_call_status_show_relay (FdCallStatus *self,
                           const char   *reconnect_hint)
{
  g_return_val_if_fail (FD_IS_CALL_STATUS (self), FALSE);
  g_return_val_if_fail (self->call != NULL, FALSE);

  if (g_strcmp0 (self->reconnect_hint, reconnect_hint) != 0)
    {
      g_free (self->reconnect_hint);
      self->reconnect_hint = g_strdup (reconnect_hint);
    }
  if (!show_relay (self))
    return FALSE;
  if (self->relay_clock_id == 0)
    self->relay_clock_id = g_timeout_add_seconds (1, on_relay_clock, self);
  return TRUE;
}

void
fd_call_status_set_call (FdCallStatus *self,
                         FdRelayCall  *call)
{
  g_return_if_fail (FD_IS_CALL_STATUS (self));
  g_return_if_fail (call == NULL || FD_IS_RELAY_CALL (call));

  if (self->call == call)
    return;
  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->relay_clock_id, g_source_remove);
  self->retry_at_us = 0;
  if (self->call != NULL)
    {
      g_signal_handlers_disconnect_by_data (fd_relay_call_get_client (self->call), self);
      g_signal_handlers_disconnect_by_data (self->call, self);
    }
  g_set_object (&self->call, call);
  if (call != NULL)
    {
      g_signal_connect_swapped (fd_relay_call_get_client (call), "notify::state",
                                G_CALLBACK (on_client_state), self);
      g_signal_connect_swapped (call, "notify::state", G_CALLBACK (on_call_state), self);
      g_signal_connect_swapped (call, "notify::reconnecting", G_CALLBACK (show_media_state), self);
      g_signal_connect_swapped (call, "notify::peer-reconnecting", G_CALLBACK (show_media_state),
                                self);
      on_call_state (self);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->timer), FALSE);
}

char *
fd_call_status_format_duration (guint seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return g_strdup_printf ("%02u:%02u", seconds / 60, seconds % 60);
}
