/* fd-interpreter-page.c: the desk's remote-interpreter page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pick a language, press Call; the page shows the desk's FdRelayCall as it
 * goes through the relay (connecting, queued with position and wait,
 * ringing), the media set-up and the call, and says every state in words and
 * an icon in the status card that screen readers announce. The call model
 * times the set-up (45 s) and says why a call ended or failed. A finished call
 * is offered to an open escort case through the application action
 * "app.offer-call" (call id, language, seconds).
 */
#define G_LOG_DOMAIN "fd-interpreter-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-call-check.h"
#include "fd-call-pane.h"
#include "fd-call-setup.h"
#include "fd-interpreter-page.h"

struct _FdInterpreterPage
{
  AdwBin          parent_instance;

  FdRelayCall    *call;            /* the pane's */
  FdSignalClient *client;          /* the call's relay connection */
  gboolean        configured;      /* a relay address and token are set */
  char           *missing_detail;  /* GStreamer elements this computer lacks, or NULL */

  /* Template widgets */
  FdCallPane     *pane;
  FdCallStatus   *call_status;     /* the pane's */
  AdwComboRow    *language_row;    /* holds the relay's language codes, shows their names */
  GtkWidget      *call_button;
  GtkWidget      *call_again_button;
};

G_DEFINE_FINAL_TYPE (FdInterpreterPage, fd_interpreter_page, ADW_TYPE_BIN)

static void
update_actions (FdInterpreterPage *self)
{
  FdRelayCallState state = fd_relay_call_get_state (self->call);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.call",
                                 self->configured && !fd_relay_call_is_active (self->call));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.cancel",
                                 state == FD_RELAY_CALL_REQUESTING ||
                                 state == FD_RELAY_CALL_QUEUED || state == FD_RELAY_CALL_RINGING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.done",
                                 state == FD_RELAY_CALL_ENDED || state == FD_RELAY_CALL_FAILED);
}

/* Checks (and, when something is missing, rescans) the GStreamer registry;
 * keeps the answer for the status line. TRUE when a call can be made. */
static gboolean
check_call_elements (FdInterpreterPage *self)
{
  g_free (self->missing_detail);
  self->missing_detail = fd_call_check_missing ();
  return self->missing_detail == NULL;
}

static void
set_again_label (FdInterpreterPage *self,
                 const char        *label)
{
  GtkWidget *content = gtk_button_get_child (GTK_BUTTON (self->call_again_button));

  if (ADW_IS_BUTTON_CONTENT (content))
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
}

/* In the idle state the status card tells how the relay connection is. */
static void
show_relay_status (FdInterpreterPage *self)
{
  g_autofree char *detail = NULL;

  if (self->missing_detail != NULL)
    {
      fd_call_status_set (self->call_status, "dialog-error-symbolic",
                          _("Video calls cannot work on this computer"), self->missing_detail);
      return;
    }
  if (fd_call_status_show_relay (self->call_status,
                                 _("You can still press Call Interpreter: the call starts when the "
                                   "relay is back.")))
    return;
  /* Translators: %s is this desk's name as the relay knows it */
  detail = g_strdup_printf (_("Connected to the relay as “%s”. Choose a language and press "
                              "Call Interpreter."),
                            fd_signal_client_get_user_name (self->client));
  fd_call_status_set (self->call_status, "emblem-ok-symbolic", _("Ready to call"), detail);
}

static void
show_queue (FdInterpreterPage *self)
{
  guint position = fd_relay_call_get_queue_position (self->call);
  int eta = fd_relay_call_get_queue_eta (self->call);
  g_autofree char *where = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *detail = NULL;

  where = g_strdup_printf (ngettext ("Position %u in the queue.", "Position %u in the queue.",
                                     position), position);
  if (eta < 0)
    wait = g_strdup (_("No interpreter for this language is signed in now; the wait cannot be "
                       "estimated."));
  else if (eta < 60)
    wait = g_strdup (_("Expected wait: less than a minute."));
  else
    wait = g_strdup_printf (ngettext ("Expected wait: about %d minute.",
                                      "Expected wait: about %d minutes.", (eta + 59) / 60),
                            (eta + 59) / 60);
  detail = g_strdup_printf ("%s %s", where, wait);
  fd_call_status_set (self->call_status, "preferences-system-time-symbolic",
                      _("Waiting for a free interpreter"), detail);
}

static void
on_queue (FdInterpreterPage *self)
{
  if (fd_relay_call_get_state (self->call) == FD_RELAY_CALL_QUEUED)
    show_queue (self);
}

/* The call (or request) is over: say why. */
static void
show_outcome (FdInterpreterPage *self)
{
  g_autofree char *duration = fd_call_status_format_duration (fd_relay_call_get_duration (self->call));
  g_autofree char *detail = NULL;
  FdRelayCallEnd reason = fd_relay_call_get_end_reason (self->call);
  const char *icon = "call-stop-symbolic";
  const char *title = _("Call ended");

  if (fd_relay_call_get_state (self->call) == FD_RELAY_CALL_FAILED)
    {
      const GError *error = fd_relay_call_get_error (self->call);

      icon = "dialog-error-symbolic";
      title = _("Call failed");
      if (g_error_matches (error, FD_CALL_ERROR, FD_CALL_ERROR_MISSING_ELEMENT) &&
          !check_call_elements (self))
        detail = g_strdup (self->missing_detail);
      else
        detail = fd_call_setup_describe_error (error);
    }
  else if (reason == FD_RELAY_CALL_END_HUNG_UP)
    /* Translators: %s is the call's duration, e.g. 02:13 */
    detail = g_strdup_printf (_("You ended the call after %s."), duration);
  else if (reason == FD_RELAY_CALL_END_PEER_HUNG_UP)
    /* Translators: %s is the call's duration, e.g. 02:13 */
    detail = g_strdup_printf (_("The interpreter ended the call after %s."), duration);
  else if (reason == FD_RELAY_CALL_END_CANCELLED)
    title = _("Call cancelled");
  else if (reason == FD_RELAY_CALL_END_PEER_GONE)
    {
      icon = "network-offline-symbolic";
      title = _("The interpreter was disconnected");
      detail = g_strdup (_("The interpreter’s connection was lost. Press Call Again to ask for "
                           "another interpreter."));
    }
  else if (reason == FD_RELAY_CALL_END_SHUTDOWN)
    {
      icon = "network-offline-symbolic";
      detail = g_strdup (_("The relay is restarting. Press Call Again in a moment."));
    }
  else if (reason == FD_RELAY_CALL_END_CONNECTION_LOST)
    {
      icon = "network-offline-symbolic";
      title = _("Connection to the relay lost");
      detail = g_strdup (_("The call ended because the connection to the relay was lost. Frontdesk "
                           "is reconnecting; press Call Again when it is back."));
    }
  else
    /* Translators: %s is a technical reason code, in English */
    detail = g_strdup_printf (_("The call ended (%s)."), fd_relay_call_end_to_string (reason));
  fd_call_status_set (self->call_status, icon, title, detail);
}

static void
offer_call_to_case (FdInterpreterPage *self)
{
  GApplication *app = g_application_get_default ();
  guint seconds = fd_relay_call_get_duration (self->call);
  const char *call_id = fd_relay_call_get_call_id (self->call);

  if (seconds == 0 || call_id == NULL || app == NULL)
    return;
  if (!g_action_group_has_action (G_ACTION_GROUP (app), "offer-call"))
    return;
  g_action_group_activate_action (G_ACTION_GROUP (app), "offer-call",
                                  g_variant_new ("(ssu)", call_id,
                                                 fd_relay_call_get_language (self->call),
                                                 (guint32) seconds));
}

/* Everything the page shows follows the call's state. */
static void
on_call_state (FdInterpreterPage *self)
{
  FdRelayCallState state = fd_relay_call_get_state (self->call);
  /* "waiting": its spinner turns while it is shown; NULL: the pane shows the call */
  const char *mode = "waiting";
  g_autofree char *text = NULL;

  switch (state)
    {
    case FD_RELAY_CALL_REQUESTING:
      if (fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_CONNECTED)
        {
          /* Translators: %s is a language, e.g. Chinese Sign Language */
          text = g_strdup_printf (_("Asking for an interpreter: %s."),
                                  fd_call_setup_language_name (fd_relay_call_get_language (self->call)));
          fd_call_status_set (self->call_status, "emblem-synchronizing-symbolic",
                              _("Connecting to the relay…"), text);
        }
      else
        fd_call_status_set (self->call_status, "network-offline-symbolic",
                            _("Reconnecting to the relay"),
                            _("The call will be placed as soon as the relay is back."));
      break;
    case FD_RELAY_CALL_QUEUED:
      show_queue (self);
      break;
    case FD_RELAY_CALL_RINGING:
      if (fd_relay_call_get_peer_name (self->call) != NULL)
        /* Translators: %s is the interpreter's name */
        text = g_strdup_printf (_("Ringing %s…"), fd_relay_call_get_peer_name (self->call));
      fd_call_status_set (self->call_status, "call-outgoing-symbolic", _("Ringing an interpreter"),
                          text);
      break;
    case FD_RELAY_CALL_CONNECTING:
    case FD_RELAY_CALL_CONNECTED:
      mode = NULL;   /* the status card says these */
      break;
    case FD_RELAY_CALL_ENDED:
    case FD_RELAY_CALL_FAILED:
      offer_call_to_case (self);
      show_outcome (self);
      mode = "ended";
      break;
    case FD_RELAY_CALL_IDLE:
    case FD_RELAY_CALL_INCOMING:
    default:
      show_relay_status (self);
      mode = "idle";
      break;
    }
  if (mode != NULL)
    fd_call_pane_set_mode (self->pane, mode);
  if (g_strcmp0 (mode, "ended") == 0)
    {
      set_again_label (self, state == FD_RELAY_CALL_FAILED ? _("Try Again") : _("Call Again"));
      gtk_widget_grab_focus (self->call_again_button);
    }
  update_actions (self);
}

static void
on_client_state (FdInterpreterPage *self)
{
  FdRelayCallState state = fd_relay_call_get_state (self->call);

  if (state == FD_RELAY_CALL_IDLE || state == FD_RELAY_CALL_REQUESTING)
    on_call_state (self);
}

/* (Re)reads the relay address and token and (re)connects. */
static void
configure (FdInterpreterPage *self)
{
  if (fd_relay_call_is_active (self->call))
    return;   /* applied after this call */
  self->configured = fd_call_pane_connect (self->pane, NULL);
  if (fd_relay_call_get_state (self->call) == FD_RELAY_CALL_IDLE)
    on_call_state (self);
  else
    update_actions (self);
}

static void
call_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FdInterpreterPage *self = FD_INTERPRETER_PAGE (widget);
  GtkStringObject *language = adw_combo_row_get_selected_item (self->language_row);

  if (!self->configured)
    return;
  if (!check_call_elements (self))
    {
      /* No interpreter is rung for a call this computer cannot make. */
      fd_call_status_set (self->call_status, "dialog-error-symbolic", _("Call failed"),
                          self->missing_detail);
      fd_call_pane_set_mode (self->pane, "ended");
      set_again_label (self, _("Try Again"));
      gtk_widget_grab_focus (self->call_again_button);
      return;
    }
  if (language != NULL)
    fd_relay_call_request (self->call, gtk_string_object_get_string (language), NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  fd_relay_call_hang_up (FD_INTERPRETER_PAGE (widget)->call);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FdInterpreterPage *self = FD_INTERPRETER_PAGE (widget);

  fd_relay_call_reset (self->call);
  fd_call_view_reset (fd_call_pane_get_view (self->pane));
  configure (self);   /* settings changed during the call apply now */
  gtk_widget_grab_focus (self->call_button);
}

static void
fd_interpreter_page_dispose (GObject *object)
{
  g_clear_pointer (&FD_INTERPRETER_PAGE (object)->missing_detail, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_INTERPRETER_PAGE);

  G_OBJECT_CLASS (fd_interpreter_page_parent_class)->dispose (object);
}

static void
fd_interpreter_page_class_init (FdInterpreterPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = fd_interpreter_page_dispose;
  gtk_widget_class_install_action (widget_class, "desk.call", NULL, call_action);
  gtk_widget_class_install_action (widget_class, "desk.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "desk.done", NULL, done_action);

  g_type_ensure (FD_TYPE_CALL_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-interpreter-page.ui");
  gtk_widget_class_bind_template_callback (widget_class, gtk_spinner_start);
  gtk_widget_class_bind_template_callback (widget_class, gtk_spinner_stop);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, pane);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, call_button);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, call_again_button);
}

static void
fd_interpreter_page_init (FdInterpreterPage *self)
{
  g_autoptr(GtkStringList) languages = NULL;
  g_autoptr(FdRelayCall) call = fd_call_setup_new_call (FD_SIGNAL_ROLE_DESK);
  GSignalGroup *call_signals;
  GSignalGroup *client_signals;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->call_status = fd_call_pane_get_status (self->pane);

  adw_combo_row_set_expression (self->language_row, fd_call_setup_language_name_expression ());
  languages = gtk_string_list_new (fd_protocol_languages ());
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));

  /* The pane keeps the call, ends it when the page goes and drops these handlers first. */
  call_signals = fd_call_pane_get_call_signals (self->pane);
  client_signals = fd_call_pane_get_client_signals (self->pane);
  g_signal_group_connect_swapped (call_signals, "notify::state", G_CALLBACK (on_call_state), self);
  g_signal_group_connect_swapped (call_signals, "notify::queue-position", G_CALLBACK (on_queue),
                                  self);
  g_signal_group_connect_swapped (call_signals, "notify::queue-eta", G_CALLBACK (on_queue), self);
  g_signal_group_connect_swapped (call_signals, "notify::relay-error",
                                  G_CALLBACK (on_client_state), self);
  g_signal_group_connect_swapped (client_signals, "notify::state", G_CALLBACK (on_client_state),
                                  self);
  g_signal_group_connect_swapped (client_signals, "notify::user-name",
                                  G_CALLBACK (on_client_state), self);
  fd_call_pane_set_call (self->pane, call);
  self->call = call;
  self->client = fd_relay_call_get_client (call);
  g_signal_connect_swapped (self->pane, "relay-changed", G_CALLBACK (configure), self);
  /* The start-up check: say at once when calls cannot work here. */
  check_call_elements (self);
  configure (self);
}
