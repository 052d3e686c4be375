/* fd-interpreter-window.c: `frontdesk --interpreter`, a remote interpreter's station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presence (available / away; busy is the relay's), the languages offered,
 * an incoming call shown as a large banner with Accept and Decline (never a
 * sound alone), then the shared call view. Every state is said in the status
 * label, which screen readers announce.
 */
#define G_LOG_DOMAIN "fd-interpreter-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-call-link.h"
#include "fd-call-view.h"
#include "fd-interpreter-window.h"
#include "fd-signal-client.h"

typedef enum {
  STATION_WAITING,
  STATION_RINGING,
  STATION_ACCEPTING,
  STATION_MEDIA,
  STATION_CONNECTED,
} StationState;

struct _FdInterpreterWindow
{
  AdwApplicationWindow  parent_instance;

  FdSignalClient       *client;
  FdCallEngine         *engine;
  StationState          state;
  char                 *desk_name;
  char                 *language;
  gint64                connected_us;
  gint64                retry_at_us;
  guint                 clock_id;
  gboolean              syncing;

  /* Template widgets */
  GtkStack             *page_stack;
  GtkStack             *mode_stack;
  GtkDropDown          *presence_dropdown;
  GtkStringList        *presence_names;
  GtkCheckButton       *lang_csl;
  GtkCheckButton       *lang_en;
  GtkCheckButton       *lang_ru;
  GtkImage             *state_icon;
  GtkLabel             *state_title;
  GtkLabel             *state_detail;
  GtkLabel             *timer_label;
  GtkLabel             *incoming_label;
  GtkWidget            *accept_button;
  FdCallView           *call_view;
};

G_DEFINE_FINAL_TYPE (FdInterpreterWindow, fd_interpreter_window, ADW_TYPE_APPLICATION_WINDOW)

static void
set_status (FdInterpreterWindow *self,
            const char          *icon_name,
            const char          *title,
            const char          *detail)
{
  gtk_image_set_from_icon_name (self->state_icon, icon_name);
  if (g_strcmp0 (gtk_label_get_label (self->state_title), title) != 0)
    gtk_label_set_label (self->state_title, title);
  gtk_label_set_label (self->state_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_detail), detail != NULL && *detail != '\0');
}

static void
update_actions (FdInterpreterWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "station.accept",
                                 self->state == STATION_RINGING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "station.decline",
                                 self->state == STATION_RINGING);
}

/* While waiting: the relay connection and our presence. */
static void
show_waiting_status (FdInterpreterWindow *self,
                     const char          *last_call)
{
  if (self->client == NULL || self->state != STATION_WAITING)
    return;
  switch (fd_signal_client_get_state (self->client))
    {
    case FD_SIGNAL_STATE_CONNECTED:
      switch (fd_signal_client_get_presence (self->client))
        {
        case FD_PRESENCE_AVAILABLE:
          set_status (self, "user-available-symbolic", _("Available: waiting for calls"), last_call);
          break;
        case FD_PRESENCE_BUSY:
          set_status (self, "user-busy-symbolic", _("Busy"), last_call);
          break;
        case FD_PRESENCE_AWAY:
        default:
          set_status (self, "user-away-symbolic", _("Away: no calls are offered to you"),
                      last_call != NULL ? last_call : _("Set your presence to Available to take calls."));
          break;
        }
      break;
    case FD_SIGNAL_STATE_RECONNECTING:
      {
        gint64 left = (self->retry_at_us - g_get_monotonic_time () + G_USEC_PER_SEC - 1) /
                      G_USEC_PER_SEC;
        g_autofree char *detail = g_strdup_printf (ngettext ("Trying again in %d second.",
                                                             "Trying again in %d seconds.",
                                                             (int) MAX (left, 0)),
                                                   (int) MAX (left, 0));

        set_status (self, "network-offline-symbolic", _("Reconnecting to the relay"), detail);
      }
      break;
    case FD_SIGNAL_STATE_CONNECTING:
      set_status (self, "emblem-synchronizing-symbolic", _("Connecting to the relay…"), NULL);
      break;
    case FD_SIGNAL_STATE_DISCONNECTED:
    default:
      set_status (self, "dialog-error-symbolic", _("Not connected to the relay"),
                  _("Check the relay address and token in Preferences."));
      break;
    }
}

static void
drop_engine (FdInterpreterWindow *self)
{
  g_autoptr(FdCallEngine) engine = g_steal_pointer (&self->engine);

  if (engine == NULL)
    return;
  g_signal_handlers_disconnect_by_data (engine, self);
  fd_call_view_set_engine (self->call_view, NULL);
  fd_call_engine_hang_up (engine);
}

static void
back_to_waiting (FdInterpreterWindow *self,
                 const char          *why)
{
  drop_engine (self);
  self->state = STATION_WAITING;
  self->connected_us = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), FALSE);
  gtk_stack_set_visible_child_name (self->mode_stack, "waiting");
  update_actions (self);
  show_waiting_status (self, why);
}

static void
on_engine_state (FdCallEngine        *engine,
                 int                  state,
                 FdInterpreterWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  if (state == FD_CALL_STATE_CONNECTED && self->state == STATION_MEDIA)
    {
      self->state = STATION_CONNECTED;
      self->connected_us = g_get_monotonic_time ();
      /* Translators: %s is the desk's name */
      title = g_strdup_printf (_("In a call with %s"), self->desk_name);
      set_status (self, "camera-video-symbolic", title, fd_call_link_language_name (self->language));
      gtk_label_set_label (self->timer_label, "00:00");
      gtk_widget_set_visible (GTK_WIDGET (self->timer_label), TRUE);
    }
  else if (state == FD_CALL_STATE_FAILED)
    {
      fd_signal_client_hang_up (self->client, NULL);
      message = fd_call_link_describe_error (fd_call_engine_get_error (engine));
      back_to_waiting (self, message);
    }
}

static void
on_view_hang_up (FdCallView          *view,
                 FdInterpreterWindow *self)
{
  if (self->state != STATION_MEDIA && self->state != STATION_CONNECTED)
    return;
  fd_signal_client_hang_up (self->client, NULL);
  back_to_waiting (self, _("You ended the last call."));
}

static void
on_incoming_call (FdSignalClient      *client,
                  const char          *call,
                  const char          *language,
                  const char          *desk,
                  FdInterpreterWindow *self)
{
  g_autofree char *text = NULL;

  if (self->state != STATION_WAITING)
    return;
  self->state = STATION_RINGING;
  g_free (self->desk_name);
  self->desk_name = g_strdup (desk != NULL ? desk : "");
  g_free (self->language);
  self->language = g_strdup (language);
  /* Translators: first %s is the desk's name, second a language */
  text = g_strdup_printf (_("%s asks for %s"), self->desk_name, fd_call_link_language_name (language));
  gtk_label_set_label (self->incoming_label, text);
  set_status (self, "call-incoming-symbolic", _("Incoming call"), text);
  gtk_stack_set_visible_child_name (self->mode_stack, "incoming");
  update_actions (self);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->accept_button);
}

static void
on_call_accepted (FdSignalClient      *client,
                  const char          *call,
                  const char          *language,
                  const char          *peer_id,
                  const char          *peer_name,
                  gboolean             offerer,
                  FdInterpreterWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->state != STATION_ACCEPTING && self->state != STATION_RINGING)
    return;
  self->state = STATION_MEDIA;
  g_free (self->desk_name);
  self->desk_name = g_strdup (peer_name != NULL ? peer_name : peer_id);
  fd_call_view_reset (self->call_view);
  self->engine = fd_call_link_new_engine (client, offerer);
  g_signal_connect (self->engine, "state-changed", G_CALLBACK (on_engine_state), self);
  fd_call_view_set_engine (self->call_view, self->engine);
  fd_call_view_set_peer_name (self->call_view, self->desk_name);
  gtk_stack_set_visible_child_name (self->mode_stack, "call");
  update_actions (self);
  /* Translators: %s is the desk's name */
  title = g_strdup_printf (_("Connecting video with %s…"), self->desk_name);
  set_status (self, "emblem-synchronizing-symbolic", title, fd_call_link_language_name (language));
  if (!fd_call_engine_start (self->engine, &error))
    {
      g_autofree char *message = fd_call_link_describe_error (error);

      fd_signal_client_hang_up (client, NULL);
      back_to_waiting (self, message);
    }
}

static void
on_relay_chat (FdSignalClient      *client,
               const char          *text,
               const char          *from,
               FdInterpreterWindow *self)
{
  if (self->state == STATION_MEDIA || self->state == STATION_CONNECTED)
    fd_call_view_add_message (self->call_view, from, text, TRUE);
}

static void
on_call_ended (FdSignalClient      *client,
               const char          *call,
               const char          *reason,
               FdInterpreterWindow *self)
{
  const char *why;

  if (self->state == STATION_WAITING)
    return;
  if (g_strcmp0 (reason, FD_END_HANG_UP) == 0)
    why = _("The desk ended the last call.");
  else if (g_strcmp0 (reason, FD_END_PEER_GONE) == 0)
    why = _("The desk was disconnected from the last call.");
  else if (g_strcmp0 (reason, FD_END_CANCELLED) == 0)
    why = _("The desk cancelled the call before it was answered.");
  else if (g_strcmp0 (reason, FD_END_RING_TIMEOUT) == 0)
    why = _("The call was not answered in time, so your presence was set to Away.");
  else if (g_strcmp0 (reason, FD_END_DECLINED) == 0)
    why = _("You declined the call.");
  else if (g_strcmp0 (reason, FD_END_SHUTDOWN) == 0)
    why = _("The relay is restarting.");
  else if (g_strcmp0 (reason, FD_END_CONNECTION_LOST) == 0)
    why = _("The connection to the relay was lost.");
  else
    why = _("The call ended.");
  back_to_waiting (self, why);
}

static void
on_client_state (FdInterpreterWindow *self)
{
  if (fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_RECONNECTING)
    self->retry_at_us = g_get_monotonic_time () +
                        (gint64) fd_signal_client_get_retry_delay (self->client) * G_USEC_PER_SEC;
  show_waiting_status (self, NULL);
}

static void
on_client_presence (FdInterpreterWindow *self)
{
  FdPresence presence = fd_signal_client_get_presence (self->client);

  /* The relay may set us away (unanswered ring): show it in the list too. */
  self->syncing = TRUE;
  if (presence == FD_PRESENCE_AVAILABLE)
    gtk_drop_down_set_selected (self->presence_dropdown, 0);
  else if (presence == FD_PRESENCE_AWAY)
    gtk_drop_down_set_selected (self->presence_dropdown, 1);
  self->syncing = FALSE;
  show_waiting_status (self, NULL);
}

static void
on_client_error (FdSignalClient      *client,
                 GError              *error,
                 FdInterpreterWindow *self)
{
  if (fd_signal_client_get_state (client) == FD_SIGNAL_STATE_DISCONNECTED &&
      self->state == STATION_WAITING)
    {
      g_autofree char *message = fd_call_link_describe_error (error);

      set_status (self, "dialog-error-symbolic", _("Not connected to the relay"), message);
    }
}

static void
on_presence_selected (FdInterpreterWindow *self)
{
  g_autoptr(GError) error = NULL;
  FdPresence presence;

  if (self->syncing || self->client == NULL)
    return;
  presence = gtk_drop_down_get_selected (self->presence_dropdown) == 0 ? FD_PRESENCE_AVAILABLE
                                                                       : FD_PRESENCE_AWAY;
  if (!fd_signal_client_set_presence (self->client, presence, &error))
    set_status (self, "dialog-error-symbolic", _("Presence not changed"), error->message);
}

static char **
chosen_languages (FdInterpreterWindow *self)
{
  GPtrArray *langs = g_ptr_array_new ();

  if (gtk_check_button_get_active (self->lang_csl))
    g_ptr_array_add (langs, g_strdup ("csl"));
  if (gtk_check_button_get_active (self->lang_en))
    g_ptr_array_add (langs, g_strdup ("en"));
  if (gtk_check_button_get_active (self->lang_ru))
    g_ptr_array_add (langs, g_strdup ("ru"));
  g_ptr_array_add (langs, NULL);
  return (char **) g_ptr_array_free (langs, FALSE);
}

static void
on_language_toggled (GtkCheckButton      *button,
                     FdInterpreterWindow *self)
{
  g_auto(GStrv) langs = chosen_languages (self);
  g_autoptr(GError) error = NULL;

  if (g_strv_length (langs) == 0)
    {
      /* At least one language: set presence to Away to take no calls. */
      gtk_check_button_set_active (button, TRUE);
      set_status (self, "dialog-warning-symbolic", _("Keep at least one language"),
                  _("To take no calls, set your presence to Away."));
      return;
    }
  if (self->client != NULL &&
      !fd_signal_client_set_languages (self->client, (const char * const *) langs, &error))
    set_status (self, "dialog-error-symbolic", _("Languages not changed"), error->message);
}

static gboolean
on_clock (gpointer data)
{
  FdInterpreterWindow *self = data;

  if (self->state == STATION_CONNECTED)
    {
      gint64 s = (g_get_monotonic_time () - self->connected_us) / G_USEC_PER_SEC;
      g_autofree char *text = g_strdup_printf ("%02d:%02d", (int) (s / 60), (int) (s % 60));

      gtk_label_set_label (self->timer_label, text);
    }
  else if (self->state == STATION_WAITING && self->client != NULL &&
           fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_RECONNECTING)
    show_waiting_status (self, NULL);
  return G_SOURCE_CONTINUE;
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  FdInterpreterWindow *self = FD_INTERPRETER_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->state != STATION_RINGING)
    return;
  if (!fd_signal_client_accept_call (self->client, NULL, &error))
    {
      g_autofree char *message = fd_call_link_describe_error (error);

      back_to_waiting (self, message);
      return;
    }
  self->state = STATION_ACCEPTING;
  update_actions (self);
  set_status (self, "emblem-synchronizing-symbolic", _("Accepting the call…"), NULL);
}

static void
decline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  FdInterpreterWindow *self = FD_INTERPRETER_WINDOW (widget);

  if (self->state != STATION_RINGING)
    return;
  fd_signal_client_decline_call (self->client, NULL, NULL);
  back_to_waiting (self, _("You declined the call."));
}

static void
start_client (FdInterpreterWindow *self,
              FdApplication       *app)
{
  g_autofree char *url = fd_application_dup_relay_url (app);
  g_autofree char *token = fd_application_dup_relay_token (app);
  g_auto(GStrv) langs = NULL;

  if (*g_strstrip (url) == '\0' || *g_strstrip (token) == '\0')
    {
      gtk_stack_set_visible_child_name (self->page_stack, "empty");
      return;
    }
  fd_call_engine_prepare ();
  langs = chosen_languages (self);
  self->client = fd_signal_client_new ();
  g_signal_connect_swapped (self->client, "notify::state", G_CALLBACK (on_client_state), self);
  g_signal_connect_swapped (self->client, "notify::presence", G_CALLBACK (on_client_presence), self);
  g_signal_connect (self->client, "incoming-call", G_CALLBACK (on_incoming_call), self);
  g_signal_connect (self->client, "call-accepted", G_CALLBACK (on_call_accepted), self);
  g_signal_connect (self->client, "chat", G_CALLBACK (on_relay_chat), self);
  g_signal_connect (self->client, "call-ended", G_CALLBACK (on_call_ended), self);
  g_signal_connect (self->client, "error", G_CALLBACK (on_client_error), self);
  fd_signal_client_start (self->client, url, token, FD_SIGNAL_ROLE_INTERPRETER,
                          (const char * const *) langs);
  gtk_stack_set_visible_child_name (self->page_stack, "station");
  show_waiting_status (self, NULL);
}

static void
fd_interpreter_window_constructed (GObject *object)
{
  FdInterpreterWindow *self = FD_INTERPRETER_WINDOW (object);
  /* "application" is not a construct property: not set yet here. */
  GApplication *app = g_application_get_default ();

  G_OBJECT_CLASS (fd_interpreter_window_parent_class)->constructed (object);

  if (FD_IS_APPLICATION (app))
    start_client (self, FD_APPLICATION (app));
  else
    gtk_stack_set_visible_child_name (self->page_stack, "empty");
}

static void
fd_interpreter_window_dispose (GObject *object)
{
  FdInterpreterWindow *self = FD_INTERPRETER_WINDOW (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  drop_engine (self);
  if (self->client != NULL)
    {
      if (self->state == STATION_MEDIA || self->state == STATION_CONNECTED)
        fd_signal_client_hang_up (self->client, NULL);
      g_signal_handlers_disconnect_by_data (self->client, self);
      fd_signal_client_disconnect (self->client);
      g_clear_object (&self->client);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_INTERPRETER_WINDOW);

  G_OBJECT_CLASS (fd_interpreter_window_parent_class)->dispose (object);
}

static void
fd_interpreter_window_finalize (GObject *object)
{
  FdInterpreterWindow *self = FD_INTERPRETER_WINDOW (object);

  g_clear_pointer (&self->desk_name, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (fd_interpreter_window_parent_class)->finalize (object);
}

static void
fd_interpreter_window_class_init (FdInterpreterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fd_interpreter_window_constructed;
  object_class->dispose = fd_interpreter_window_dispose;
  object_class->finalize = fd_interpreter_window_finalize;

  g_type_ensure (FD_TYPE_CALL_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fd-interpreter-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, presence_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, presence_names);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, lang_csl);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, lang_en);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, lang_ru);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, state_title);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, state_detail);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, timer_label);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, incoming_label);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, accept_button);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, call_view);

  gtk_widget_class_install_action (widget_class, "station.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "station.decline", NULL, decline_action);
}

static void
fd_interpreter_window_init (FdInterpreterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: an interpreter's presence */
  gtk_string_list_append (self->presence_names, _("Available"));
  /* Translators: an interpreter's presence */
  gtk_string_list_append (self->presence_names, _("Away"));
  gtk_check_button_set_label (self->lang_csl, fd_call_link_language_name ("csl"));
  gtk_check_button_set_label (self->lang_en, fd_call_link_language_name ("en"));
  gtk_check_button_set_label (self->lang_ru, fd_call_link_language_name ("ru"));
  g_signal_connect_swapped (self->presence_dropdown, "notify::selected",
                            G_CALLBACK (on_presence_selected), self);
  g_signal_connect (self->lang_csl, "toggled", G_CALLBACK (on_language_toggled), self);
  g_signal_connect (self->lang_en, "toggled", G_CALLBACK (on_language_toggled), self);
  g_signal_connect (self->lang_ru, "toggled", G_CALLBACK (on_language_toggled), self);
  g_signal_connect (self->call_view, "hang-up", G_CALLBACK (on_view_hang_up), self);
  self->clock_id = g_timeout_add_seconds (1, on_clock, self);
  self->state = STATION_WAITING;
  update_actions (self);
}

FdInterpreterWindow *
fd_interpreter_window_new (FdApplication *application)
{
  g_return_val_if_fail (FD_IS_APPLICATION (application), NULL);

  return g_object_new (FD_TYPE_INTERPRETER_WINDOW, "application", application, NULL);
}
