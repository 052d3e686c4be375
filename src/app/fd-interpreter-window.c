/* fd-interpreter-window.c: `frontdesk --interpreter`, a remote interpreter's station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presence (available / away; busy is the relay's), the languages offered,
 * an incoming call shown as a large banner with Accept and Decline (never a
 * sound alone), then the shared call view. Every state is said in the status
 * card, which screen readers announce. The call itself is an FdRelayCall; the
 * window only shows it.
 */
#define G_LOG_DOMAIN "fd-interpreter-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-call-pane.h"
#include "fd-call-setup.h"
#include "fd-interpreter-window.h"

struct _FdInterpreterWindow
{
  AdwApplicationWindow  parent_instance;

  FdRelayCall          *call;        /* the pane's */
  FdSignalClient       *client;      /* the call's relay connection */
  gboolean              syncing;

  /* Template widgets */
  FdCallPane           *pane;
  FdCallStatus         *call_status;  /* the pane's */
  GtkDropDown          *presence_dropdown;
  GtkStringList        *presence_names;
  GtkCheckButton       *lang_csl;
  GtkCheckButton       *lang_en;
  GtkCheckButton       *lang_ru;
  GtkLabel             *incoming_label;
  GtkWidget            *accept_button;
};

G_DEFINE_FINAL_TYPE (FdInterpreterWindow, fd_interpreter_window, ADW_TYPE_APPLICATION_WINDOW)

/* How the last call ended, for the waiting status; a reason not listed says "The call ended." */
static const struct {
  FdRelayCallEnd  reason;
  const char     *text;
} last_call_texts[] = {
  { FD_RELAY_CALL_END_HUNG_UP, N_("You ended the last call.") },
  { FD_RELAY_CALL_END_PEER_HUNG_UP, N_("The desk ended the last call.") },
  { FD_RELAY_CALL_END_PEER_GONE, N_("The desk was disconnected from the last call.") },
  { FD_RELAY_CALL_END_PEER_CANCELLED, N_("The desk cancelled the call before it was answered.") },
  { FD_RELAY_CALL_END_CANCELLED, N_("The desk cancelled the call before it was answered.") },
  { FD_RELAY_CALL_END_RING_TIMEOUT,
    N_("The call was not answered in time, so your presence was set to Away.") },
  { FD_RELAY_CALL_END_DECLINED, N_("You declined the call.") },
  { FD_RELAY_CALL_END_SHUTDOWN, N_("The relay is restarting.") },
  { FD_RELAY_CALL_END_CONNECTION_LOST, N_("The connection to the relay was lost.") },
};

static char *
last_call_text (FdInterpreterWindow *self)
{
  FdRelayCallEnd reason;

  switch (fd_relay_call_get_state (self->call))
    {
    case FD_RELAY_CALL_FAILED:
      return fd_call_setup_describe_error (fd_relay_call_get_error (self->call));
    case FD_RELAY_CALL_ENDED:
      break;
    default:
      return NULL;
    }
  reason = fd_relay_call_get_end_reason (self->call);
  for (guint i = 0; i < G_N_ELEMENTS (last_call_texts); i++)
    if (last_call_texts[i].reason == reason)
      return g_strdup (_(last_call_texts[i].text));
  return g_strdup (_("The call ended."));
}

/* While waiting: the relay connection, our presence and how the last call ended. */
static void
show_waiting_status (FdInterpreterWindow *self)
{
  g_autofree char *last_call = NULL;

  if (self->call == NULL || fd_relay_call_is_active (self->call) ||
      fd_call_status_show_relay (self->call_status, NULL))
    return;
  last_call = last_call_text (self);
  switch (fd_signal_client_get_presence (self->client))
    {
    case FD_PRESENCE_AVAILABLE:
      fd_call_status_set (self->call_status, "user-available-symbolic",
                          _("Available: waiting for calls"), last_call);
      break;
    case FD_PRESENCE_BUSY:
      fd_call_status_set (self->call_status, "user-busy-symbolic", _("Busy"), last_call);
      break;
    case FD_PRESENCE_AWAY:
    default:
      fd_call_status_set (self->call_status, "user-away-symbolic",
                          _("Away: no calls are offered to you"),
                          last_call != NULL ? last_call
                                            : _("Set your presence to Available to take calls."));
      break;
    }
}

/* Everything the window shows follows the call's state. */
static void
on_call_state (FdInterpreterWindow *self)
{
  FdRelayCallState state = fd_relay_call_get_state (self->call);
  const char *language = fd_call_setup_language_name (fd_relay_call_get_language (self->call));
  const char *peer = fd_relay_call_get_peer_name (self->call);
  g_autofree char *text = NULL;

  peer = peer != NULL ? peer : "";
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "station.accept",
                                 state == FD_RELAY_CALL_INCOMING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "station.decline",
                                 state == FD_RELAY_CALL_INCOMING);
  switch (state)
    {
    case FD_RELAY_CALL_INCOMING:
      /* Translators: first %s is the desk's name, second a language */
      text = g_strdup_printf (_("%s asks for %s"), peer, language);
      gtk_label_set_label (self->incoming_label, text);
      fd_call_status_set (self->call_status, "call-incoming-symbolic", _("Incoming call"), text);
      fd_call_pane_set_mode (self->pane, "incoming");
      gtk_window_present (GTK_WINDOW (self));
      gtk_widget_grab_focus (self->accept_button);
      break;
    case FD_RELAY_CALL_CONNECTING:
    case FD_RELAY_CALL_CONNECTED:
      break;   /* the pane shows the call, the status card says it */
    case FD_RELAY_CALL_IDLE:
    case FD_RELAY_CALL_ENDED:
    case FD_RELAY_CALL_FAILED:
    case FD_RELAY_CALL_REQUESTING:
    case FD_RELAY_CALL_QUEUED:
    case FD_RELAY_CALL_RINGING:
    default:
      fd_call_pane_set_mode (self->pane, "waiting");
      show_waiting_status (self);
      break;
    }
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
  show_waiting_status (self);
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
    fd_call_status_set (self->call_status, "dialog-error-symbolic", _("Presence not changed"),
                        error->message);
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
      fd_call_status_set (self->call_status, "dialog-warning-symbolic",
                          _("Keep at least one language"),
                          _("To take no calls, set your presence to Away."));
      return;
    }
  if (self->client != NULL &&
      !fd_signal_client_set_languages (self->client, (const char * const *) langs, &error))
    fd_call_status_set (self->call_status, "dialog-error-symbolic", _("Languages not changed"),
                        error->message);
}

/* station.accept and station.decline. A failure shows in the waiting status (the call goes
 * FAILED). */
static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  FdRelayCall *call = FD_INTERPRETER_WINDOW (widget)->call;

  if (g_str_equal (action_name, "station.accept"))
    fd_relay_call_accept (call, NULL);
  else
    fd_relay_call_decline (call, NULL);
}

/* (Re)connects with the relay address and token; the token may come from the keyring after
 * start-up (notify::relay-token). A call in hand keeps its connection. */
static void
configure (FdInterpreterWindow *self)
{
  g_auto(GStrv) langs = chosen_languages (self);

  if (fd_relay_call_is_active (self->call))
    return;
  if (fd_call_pane_connect (self->pane, (const char * const *) langs))
    on_call_state (self);
}

/* The pane keeps the call, ends it when the window goes and drops these handlers first. */
static void
start_call (FdInterpreterWindow *self)
{
  g_autoptr(FdRelayCall) call = fd_call_setup_new_call (FD_SIGNAL_ROLE_INTERPRETER);
  GSignalGroup *call_signals = fd_call_pane_get_call_signals (self->pane);
  GSignalGroup *client_signals = fd_call_pane_get_client_signals (self->pane);

  g_signal_group_connect_swapped (call_signals, "notify::state", G_CALLBACK (on_call_state), self);
  g_signal_group_connect_swapped (call_signals, "notify::relay-error",
                                  G_CALLBACK (show_waiting_status), self);
  g_signal_group_connect_swapped (client_signals, "notify::state",
                                  G_CALLBACK (show_waiting_status), self);
  g_signal_group_connect_swapped (client_signals, "notify::presence",
                                  G_CALLBACK (on_client_presence), self);
  g_signal_connect_swapped (self->pane, "relay-changed", G_CALLBACK (configure), self);
  fd_call_pane_set_call (self->pane, call);
  self->call = call;
  self->client = fd_relay_call_get_client (call);
  configure (self);
}

static void
fd_interpreter_window_constructed (GObject *object)
{
  FdInterpreterWindow *self = FD_INTERPRETER_WINDOW (object);
  /* "application" is not a construct property: not set yet here. */
  GApplication *app = g_application_get_default ();

  G_OBJECT_CLASS (fd_interpreter_window_parent_class)->constructed (object);

  /* Without the application there are no settings: the pane says "No Relay Configured". */
  if (FD_IS_APPLICATION (app))
    start_call (self);
}

static void
fd_interpreter_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_INTERPRETER_WINDOW);

  G_OBJECT_CLASS (fd_interpreter_window_parent_class)->dispose (object);
}

static void
fd_interpreter_window_class_init (FdInterpreterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fd_interpreter_window_constructed;
  object_class->dispose = fd_interpreter_window_dispose;

  g_type_ensure (FD_TYPE_CALL_PANE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fd-interpreter-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, pane);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, presence_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, presence_names);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, lang_csl);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, lang_en);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, lang_ru);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, incoming_label);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterWindow, accept_button);

  gtk_widget_class_install_action (widget_class, "station.accept", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "station.decline", NULL, answer_action);
}

static void
fd_interpreter_window_init (FdInterpreterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->call_status = fd_call_pane_get_status (self->pane);

  /* Translators: an interpreter's presence */
  gtk_string_list_append (self->presence_names, _("Available"));
  /* Translators: an interpreter's presence */
  gtk_string_list_append (self->presence_names, _("Away"));
  gtk_check_button_set_label (self->lang_csl, fd_call_setup_language_name ("csl"));
  gtk_check_button_set_label (self->lang_en, fd_call_setup_language_name ("en"));
  gtk_check_button_set_label (self->lang_ru, fd_call_setup_language_name ("ru"));
  g_signal_connect_swapped (self->presence_dropdown, "notify::selected",
                            G_CALLBACK (on_presence_selected), self);
  g_signal_connect (self->lang_csl, "toggled", G_CALLBACK (on_language_toggled), self);
  g_signal_connect (self->lang_en, "toggled", G_CALLBACK (on_language_toggled), self);
  g_signal_connect (self->lang_ru, "toggled", G_CALLBACK (on_language_toggled), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "station.accept", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "station.decline", FALSE);
}

FdInterpreterWindow *
fd_interpreter_window_new (FdApplication *application)
{
  g_return_val_if_fail (FD_IS_APPLICATION (application), NULL);

  return g_object_new (FD_TYPE_INTERPRETER_WINDOW, "application", application, NULL);
}
