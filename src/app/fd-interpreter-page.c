/* fd-interpreter-page.c: the desk's remote-interpreter page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pick a language, press Call; the page follows the request through the
 * relay (connecting, queued with position and wait, ringing), the media
 * set-up and the call, and says every state in words and an icon in one
 * status label that screen readers announce. Set-up never hangs: the relay
 * connection and the media each get 45 s before the page gives up with a
 * message. A finished call is offered to an open escort case through the
 * application action "app.offer-call" (call id, language, seconds).
 */
#define G_LOG_DOMAIN "fd-interpreter-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-call-check.h"
#include "fd-call-link.h"
#include "fd-call-view.h"
#include "fd-interpreter-page.h"
#include "fd-signal-client.h"

#define SETUP_TIMEOUT_S 45

typedef enum {
  DESK_IDLE,
  DESK_REQUESTING,   /* waiting for the relay connection or its answer */
  DESK_QUEUED,
  DESK_RINGING,
  DESK_MEDIA,        /* accepted; the video connection is being made */
  DESK_CONNECTED,
  DESK_ENDED,
} DeskState;

static const char *language_codes[] = { "csl", "en", "ru" };

struct _FdInterpreterPage
{
  AdwBin          parent_instance;

  GSettings      *settings;
  FdSignalClient *client;
  FdCallEngine   *engine;
  DeskState       state;
  char           *language;
  char           *peer_name;
  char           *call_id;
  char           *relay_problem;   /* why the relay refused us for good, or NULL */
  char           *missing_detail;  /* GStreamer elements this computer lacks, or NULL */
  gint64          connected_us;
  gint64          retry_at_us;
  gboolean        pending_request;
  guint           watchdog_id;
  guint           clock_id;

  /* Template widgets */
  GtkStack       *page_stack;
  GtkStack       *mode_stack;
  GtkImage       *state_icon;
  GtkLabel       *state_title;
  GtkLabel       *state_detail;
  GtkLabel       *timer_label;
  AdwComboRow    *language_row;
  GtkStringList  *language_names;
  GtkSpinner     *spinner;
  FdCallView     *call_view;
  GtkWidget      *call_button;
  GtkWidget      *call_again_button;
};

G_DEFINE_FINAL_TYPE (FdInterpreterPage, fd_interpreter_page, ADW_TYPE_BIN)

static void
set_status (FdInterpreterPage *self,
            const char        *icon_name,
            const char        *title,
            const char        *detail)
{
  gtk_image_set_from_icon_name (self->state_icon, icon_name);
  /* Only a real change is announced again. */
  if (g_strcmp0 (gtk_label_get_label (self->state_title), title) != 0)
    gtk_label_set_label (self->state_title, title);
  gtk_label_set_label (self->state_detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_detail), detail != NULL && *detail != '\0');
}

static char *
format_duration (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static gint64
call_seconds (FdInterpreterPage *self)
{
  if (self->connected_us == 0)
    return 0;
  return (g_get_monotonic_time () - self->connected_us) / G_USEC_PER_SEC;
}

static void
update_actions (FdInterpreterPage *self)
{
  gboolean can_call = self->client != NULL &&
                      (self->state == DESK_IDLE || self->state == DESK_ENDED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.call", can_call);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.cancel",
                                 self->state == DESK_REQUESTING || self->state == DESK_QUEUED ||
                                 self->state == DESK_RINGING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "desk.done", self->state == DESK_ENDED);
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

/* In the idle state the status line tells how the relay connection is. */
static void
show_relay_status (FdInterpreterPage *self)
{
  g_autofree char *detail = NULL;

  if (self->missing_detail != NULL)
    {
      set_status (self, "dialog-error-symbolic", _("Video calls cannot work on this computer"),
                  self->missing_detail);
      return;
    }
  if (self->client == NULL)
    return;
  switch (fd_signal_client_get_state (self->client))
    {
    case FD_SIGNAL_STATE_CONNECTED:
      /* Translators: %s is this desk's name as the relay knows it */
      detail = g_strdup_printf (_("Connected to the relay as “%s”. Choose a language and press "
                                  "Call Interpreter."),
                                fd_signal_client_get_user_name (self->client));
      set_status (self, "emblem-ok-symbolic", _("Ready to call"), detail);
      break;
    case FD_SIGNAL_STATE_CONNECTING:
      set_status (self, "emblem-synchronizing-symbolic", _("Connecting to the relay…"), NULL);
      break;
    case FD_SIGNAL_STATE_RECONNECTING:
      {
        gint64 left = (self->retry_at_us - g_get_monotonic_time () + G_USEC_PER_SEC - 1) /
                      G_USEC_PER_SEC;

        left = MAX (left, 0);
        detail = g_strdup_printf (ngettext ("Trying again in %d second. You can still press Call "
                                            "Interpreter: the call starts when the relay is back.",
                                            "Trying again in %d seconds. You can still press Call "
                                            "Interpreter: the call starts when the relay is back.",
                                            (int) left),
                                  (int) left);
        set_status (self, "network-offline-symbolic", _("Reconnecting to the relay"), detail);
      }
      break;
    case FD_SIGNAL_STATE_DISCONNECTED:
    default:
      set_status (self, "dialog-error-symbolic", _("Not connected to the relay"),
                  self->relay_problem != NULL ? self->relay_problem
                                              : _("Check the relay address and token in Preferences."));
      break;
    }
}

static void
disarm_watchdog (FdInterpreterPage *self)
{
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
}

static gboolean on_watchdog (gpointer data);

static void
arm_watchdog (FdInterpreterPage *self)
{
  disarm_watchdog (self);
  self->watchdog_id = g_timeout_add_seconds (SETUP_TIMEOUT_S, on_watchdog, self);
}

static void
drop_engine (FdInterpreterPage *self)
{
  g_autoptr(FdCallEngine) engine = g_steal_pointer (&self->engine);

  if (engine == NULL)
    return;
  g_signal_handlers_disconnect_by_data (engine, self);
  fd_call_view_set_engine (self->call_view, NULL);
  fd_call_engine_hang_up (engine);
}

static void
offer_call_to_case (FdInterpreterPage *self)
{
  GApplication *app = g_application_get_default ();

  if (self->connected_us == 0 || self->call_id == NULL || app == NULL)
    return;
  if (!g_action_group_has_action (G_ACTION_GROUP (app), "offer-call"))
    return;
  g_action_group_activate_action (G_ACTION_GROUP (app), "offer-call",
                                  g_variant_new ("(ssu)", self->call_id, self->language,
                                                 (guint32) call_seconds (self)));
}

static void
set_again_label (FdInterpreterPage *self,
                 const char        *label)
{
  GtkWidget *content = gtk_button_get_child (GTK_BUTTON (self->call_again_button));

  if (ADW_IS_BUTTON_CONTENT (content))
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
}

/* The call (or request) is over: show why, offer Call Again. */
static void
finish (FdInterpreterPage *self,
        const char        *icon_name,
        const char        *title,
        const char        *detail)
{
  if (self->state == DESK_ENDED || self->state == DESK_IDLE)
    return;
  disarm_watchdog (self);
  self->pending_request = FALSE;
  drop_engine (self);
  offer_call_to_case (self);
  self->state = DESK_ENDED;
  self->connected_us = 0;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), FALSE);
  set_status (self, icon_name, title, detail);
  gtk_stack_set_visible_child_name (self->mode_stack, "ended");
  set_again_label (self, _("Call Again"));
  update_actions (self);
  gtk_widget_grab_focus (self->call_again_button);
}

static void
fail (FdInterpreterPage *self,
      const GError      *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, FD_CALL_ERROR, FD_CALL_ERROR_MISSING_ELEMENT) &&
      !check_call_elements (self))
    message = g_strdup (self->missing_detail);
  else
    message = fd_call_link_describe_error (error);
  finish (self, "dialog-error-symbolic", _("Call failed"), message);
  set_again_label (self, _("Try Again"));
}

static gboolean
on_watchdog (gpointer data)
{
  FdInterpreterPage *self = data;
  DeskState state = self->state;

  self->watchdog_id = 0;
  if (state == DESK_REQUESTING)
    {
      if (!self->pending_request && self->client != NULL)
        fd_signal_client_cancel_call (self->client, NULL);
      finish (self, "dialog-error-symbolic", _("Call failed"),
              _("The relay did not answer within 45 seconds. Check the network, then press "
                "Call Again."));
    }
  else if (state == DESK_MEDIA)
    {
      if (self->client != NULL)
        fd_signal_client_hang_up (self->client, NULL);
      finish (self, "dialog-error-symbolic", _("Call failed"),
              _("The video connection could not be set up within 45 seconds. The network may be "
                "blocking video calls; ask your administrator."));
    }
  return G_SOURCE_REMOVE;
}

static gboolean
on_clock (gpointer data)
{
  FdInterpreterPage *self = data;

  if (self->state == DESK_CONNECTED)
    {
      g_autofree char *text = format_duration (call_seconds (self));

      gtk_label_set_label (self->timer_label, text);
    }
  else if (self->state == DESK_IDLE && self->client != NULL &&
           fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_RECONNECTING)
    show_relay_status (self);
  return G_SOURCE_CONTINUE;
}

static void
send_request (FdInterpreterPage *self)
{
  g_autoptr(GError) error = NULL;

  self->pending_request = FALSE;
  if (!fd_signal_client_request_call (self->client, self->language, &error))
    fail (self, error);
}

static void
on_engine_state (FdCallEngine      *engine,
                 int                state,
                 FdInterpreterPage *self)
{
  g_autofree char *title = NULL;

  if (state == FD_CALL_STATE_CONNECTED && self->state == DESK_MEDIA)
    {
      disarm_watchdog (self);
      self->state = DESK_CONNECTED;
      self->connected_us = g_get_monotonic_time ();
      /* Translators: %s is the interpreter's name */
      title = g_strdup_printf (_("Connected to %s"), self->peer_name);
      if (fd_call_engine_get_microphone_name (engine) == NULL)
        {
          g_autofree char *detail =
            /* Translators: %s is a language, e.g. Chinese Sign Language */
            g_strdup_printf (_("%s. This computer has no microphone: the interpreter sees this "
                               "desk but cannot hear it."),
                             fd_call_link_language_name (self->language));

          set_status (self, "camera-video-symbolic", title, detail);
        }
      else
        set_status (self, "camera-video-symbolic", title,
                    fd_call_link_language_name (self->language));
      gtk_label_set_label (self->timer_label, "00:00");
      gtk_widget_set_visible (GTK_WIDGET (self->timer_label), TRUE);
    }
  else if (state == FD_CALL_STATE_FAILED)
    {
      if (self->client != NULL)
        fd_signal_client_hang_up (self->client, NULL);
      fail (self, fd_call_engine_get_error (engine));
    }
}

static void
on_view_hang_up (FdCallView        *view,
                 FdInterpreterPage *self)
{
  g_autofree char *detail = NULL;
  g_autofree char *duration = format_duration (call_seconds (self));

  if (self->state != DESK_MEDIA && self->state != DESK_CONNECTED)
    return;
  if (self->client != NULL)
    fd_signal_client_hang_up (self->client, NULL);
  /* Translators: %s is the call's duration, e.g. 02:13 */
  detail = g_strdup_printf (_("You ended the call after %s."), duration);
  finish (self, "call-stop-symbolic", _("Call ended"), detail);
}

static void
on_welcome (FdSignalClient    *client,
            const char        *id,
            const char        *name,
            FdInterpreterPage *self)
{
  g_clear_pointer (&self->relay_problem, g_free);
  if (self->state == DESK_REQUESTING && self->pending_request)
    send_request (self);
  else if (self->state == DESK_IDLE)
    show_relay_status (self);
}

static void
on_client_state (FdInterpreterPage *self)
{
  if (fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_RECONNECTING)
    self->retry_at_us = g_get_monotonic_time () +
                        (gint64) fd_signal_client_get_retry_delay (self->client) * G_USEC_PER_SEC;
  if (self->state == DESK_IDLE)
    show_relay_status (self);
  else if (self->state == DESK_REQUESTING &&
           fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_RECONNECTING)
    {
      /* The request died with the connection: ask again once it is back. */
      self->pending_request = TRUE;
      set_status (self, "network-offline-symbolic", _("Reconnecting to the relay"),
                  _("The call will be placed as soon as the relay is back."));
    }
}

static void
on_queued (FdSignalClient    *client,
           const char        *call,
           guint              position,
           int                eta,
           FdInterpreterPage *self)
{
  g_autofree char *where = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *detail = NULL;

  if (self->state != DESK_REQUESTING && self->state != DESK_QUEUED && self->state != DESK_RINGING)
    return;
  disarm_watchdog (self);
  self->state = DESK_QUEUED;
  g_free (self->call_id);
  self->call_id = g_strdup (call);
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
  set_status (self, "preferences-system-time-symbolic", _("Waiting for a free interpreter"), detail);
  update_actions (self);
}

static void
on_ringing (FdSignalClient    *client,
            const char        *call,
            const char        *interpreter,
            FdInterpreterPage *self)
{
  g_autofree char *detail = NULL;

  if (self->state != DESK_REQUESTING && self->state != DESK_QUEUED && self->state != DESK_RINGING)
    return;
  disarm_watchdog (self);
  self->state = DESK_RINGING;
  g_free (self->call_id);
  self->call_id = g_strdup (call);
  /* Translators: %s is the interpreter's name */
  detail = g_strdup_printf (_("Ringing %s…"), interpreter != NULL ? interpreter : "");
  set_status (self, "call-outgoing-symbolic", _("Ringing an interpreter"), detail);
  update_actions (self);
}

static void
on_call_accepted (FdSignalClient    *client,
                  const char        *call,
                  const char        *language,
                  const char        *peer_id,
                  const char        *peer_name,
                  gboolean           offerer,
                  FdInterpreterPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->state != DESK_REQUESTING && self->state != DESK_QUEUED && self->state != DESK_RINGING)
    return;
  self->state = DESK_MEDIA;
  g_free (self->call_id);
  self->call_id = g_strdup (call);
  g_free (self->peer_name);
  self->peer_name = g_strdup (peer_name != NULL ? peer_name : peer_id);
  arm_watchdog (self);
  update_actions (self);

  fd_call_view_reset (self->call_view);
  self->engine = fd_call_link_new_engine (client, offerer);
  g_signal_connect (self->engine, "state-changed", G_CALLBACK (on_engine_state), self);
  fd_call_view_set_engine (self->call_view, self->engine);
  fd_call_view_set_peer_name (self->call_view, self->peer_name);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->mode_stack, "call");
  /* Translators: %s is the interpreter's name */
  title = g_strdup_printf (_("Connecting video with %s…"), self->peer_name);
  set_status (self, "emblem-synchronizing-symbolic", title,
              fd_call_link_language_name (self->language));
  if (!fd_call_engine_start (self->engine, &error))
    {
      fd_signal_client_hang_up (client, NULL);
      fail (self, error);
    }
}

static void
on_relay_chat (FdSignalClient    *client,
               const char        *text,
               const char        *from,
               FdInterpreterPage *self)
{
  if (self->state == DESK_MEDIA || self->state == DESK_CONNECTED)
    fd_call_view_add_message (self->call_view, from, text, TRUE);
}

static void
on_call_ended (FdSignalClient    *client,
               const char        *call,
               const char        *reason,
               FdInterpreterPage *self)
{
  g_autofree char *duration = format_duration (call_seconds (self));
  g_autofree char *detail = NULL;

  if (self->state == DESK_IDLE || self->state == DESK_ENDED)
    return;
  if (self->call_id != NULL && call != NULL && g_strcmp0 (call, self->call_id) != 0)
    return;
  if (self->state == DESK_REQUESTING && self->pending_request)
    return;

  if (g_strcmp0 (reason, FD_END_PEER_GONE) == 0)
    finish (self, "network-offline-symbolic", _("The interpreter was disconnected"),
            _("The interpreter’s connection was lost. Press Call Again to ask for another "
              "interpreter."));
  else if (g_strcmp0 (reason, FD_END_HANG_UP) == 0)
    {
      /* Translators: %s is the call's duration, e.g. 02:13 */
      detail = g_strdup_printf (_("The interpreter ended the call after %s."), duration);
      finish (self, "call-stop-symbolic", _("Call ended"), detail);
    }
  else if (g_strcmp0 (reason, FD_END_CANCELLED) == 0)
    finish (self, "call-stop-symbolic", _("Call cancelled"), NULL);
  else if (g_strcmp0 (reason, FD_END_SHUTDOWN) == 0)
    finish (self, "network-offline-symbolic", _("Call ended"),
            _("The relay is restarting. Press Call Again in a moment."));
  else if (g_strcmp0 (reason, FD_END_CONNECTION_LOST) == 0)
    finish (self, "network-offline-symbolic", _("Connection to the relay lost"),
            _("The call ended because the connection to the relay was lost. Frontdesk is "
              "reconnecting; press Call Again when it is back."));
  else
    {
      /* Translators: %s is a technical reason code, in English */
      detail = g_strdup_printf (_("The call ended (%s)."), reason != NULL ? reason : "?");
      finish (self, "call-stop-symbolic", _("Call ended"), detail);
    }
}

static void
on_client_error (FdSignalClient    *client,
                 GError            *error,
                 FdInterpreterPage *self)
{
  gboolean gone = fd_signal_client_get_state (client) == FD_SIGNAL_STATE_DISCONNECTED;

  if (gone)
    {
      g_free (self->relay_problem);
      self->relay_problem = fd_call_link_describe_error (error);
    }
  /* A refused request (bad language, busy) or a relay that will not have us. */
  if ((self->state == DESK_REQUESTING && !self->pending_request &&
       error->domain == FD_SIGNAL_ERROR &&
       (error->code == FD_SIGNAL_ERROR_BAD_LANGUAGE || error->code == FD_SIGNAL_ERROR_BAD_STATE ||
        error->code == FD_SIGNAL_ERROR_FORBIDDEN || error->code == FD_SIGNAL_ERROR_RATE_LIMITED)) ||
      (gone && self->state != DESK_IDLE))
    fail (self, error);
  else if (self->state == DESK_IDLE)
    show_relay_status (self);
}

static void
stop_client (FdInterpreterPage *self)
{
  if (self->client == NULL)
    return;
  if (self->state == DESK_MEDIA || self->state == DESK_CONNECTED)
    fd_signal_client_hang_up (self->client, NULL);
  else if (self->state == DESK_QUEUED || self->state == DESK_RINGING)
    fd_signal_client_cancel_call (self->client, NULL);
  g_signal_handlers_disconnect_by_data (self->client, self);
  fd_signal_client_disconnect (self->client);
  g_clear_object (&self->client);
}

/* (Re)reads the relay address and token and (re)connects. */
static void
configure (FdInterpreterPage *self)
{
  GApplication *app = g_application_get_default ();
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  if (self->state != DESK_IDLE && self->state != DESK_ENDED)
    return;   /* applied after this call */
  if (FD_IS_APPLICATION (app))
    {
      url = fd_application_dup_relay_url (FD_APPLICATION (app));
      token = fd_application_dup_relay_token (FD_APPLICATION (app));
    }
  stop_client (self);
  g_clear_pointer (&self->relay_problem, g_free);
  if (url == NULL || *g_strstrip (url) == '\0' || token == NULL || *g_strstrip (token) == '\0')
    {
      gtk_stack_set_visible_child_name (self->page_stack, "empty");
      update_actions (self);
      return;
    }

  fd_call_engine_prepare ();
  self->client = fd_signal_client_new ();
  g_signal_connect (self->client, "welcome", G_CALLBACK (on_welcome), self);
  g_signal_connect_swapped (self->client, "notify::state", G_CALLBACK (on_client_state), self);
  g_signal_connect (self->client, "queued", G_CALLBACK (on_queued), self);
  g_signal_connect (self->client, "ringing", G_CALLBACK (on_ringing), self);
  g_signal_connect (self->client, "call-accepted", G_CALLBACK (on_call_accepted), self);
  g_signal_connect (self->client, "chat", G_CALLBACK (on_relay_chat), self);
  g_signal_connect (self->client, "call-ended", G_CALLBACK (on_call_ended), self);
  g_signal_connect (self->client, "error", G_CALLBACK (on_client_error), self);
  fd_signal_client_start (self->client, url, token, FD_SIGNAL_ROLE_DESK, NULL);
  gtk_stack_set_visible_child_name (self->page_stack, "desk");
  if (self->state == DESK_IDLE)
    show_relay_status (self);
  update_actions (self);
}

static void
on_settings_changed (FdInterpreterPage *self)
{
  configure (self);
}

static void
call_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FdInterpreterPage *self = FD_INTERPRETER_PAGE (widget);
  guint selected = adw_combo_row_get_selected (self->language_row);
  g_autofree char *detail = NULL;

  if (self->client == NULL || (self->state != DESK_IDLE && self->state != DESK_ENDED))
    return;
  if (selected >= G_N_ELEMENTS (language_codes))
    selected = 0;
  g_free (self->language);
  self->language = g_strdup (language_codes[selected]);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->peer_name, g_free);
  self->connected_us = 0;
  self->state = DESK_REQUESTING;
  if (!check_call_elements (self))
    {
      /* No interpreter is rung for a call this computer cannot make. */
      finish (self, "dialog-error-symbolic", _("Call failed"), self->missing_detail);
      set_again_label (self, _("Try Again"));
      return;
    }
  arm_watchdog (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "waiting");
  gtk_spinner_start (self->spinner);
  /* Translators: %s is a language, e.g. Chinese Sign Language */
  detail = g_strdup_printf (_("Asking for an interpreter: %s."),
                            fd_call_link_language_name (self->language));
  set_status (self, "emblem-synchronizing-symbolic", _("Connecting to the relay…"), detail);
  update_actions (self);
  if (fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_CONNECTED)
    send_request (self);
  else
    self->pending_request = TRUE;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  FdInterpreterPage *self = FD_INTERPRETER_PAGE (widget);

  if (!self->pending_request && self->client != NULL)
    fd_signal_client_cancel_call (self->client, NULL);
  finish (self, "call-stop-symbolic", _("Call cancelled"), NULL);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  FdInterpreterPage *self = FD_INTERPRETER_PAGE (widget);

  if (self->state != DESK_ENDED)
    return;
  self->state = DESK_IDLE;
  fd_call_view_reset (self->call_view);
  gtk_stack_set_visible_child_name (self->mode_stack, "idle");
  configure (self);   /* settings changed during the call apply now */
  show_relay_status (self);
  update_actions (self);
  gtk_widget_grab_focus (self->call_button);
}

static void
fd_interpreter_page_dispose (GObject *object)
{
  FdInterpreterPage *self = FD_INTERPRETER_PAGE (object);

  disarm_watchdog (self);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  drop_engine (self);
  stop_client (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_INTERPRETER_PAGE);

  G_OBJECT_CLASS (fd_interpreter_page_parent_class)->dispose (object);
}

static void
fd_interpreter_page_finalize (GObject *object)
{
  FdInterpreterPage *self = FD_INTERPRETER_PAGE (object);

  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->peer_name, g_free);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->relay_problem, g_free);
  g_clear_pointer (&self->missing_detail, g_free);

  G_OBJECT_CLASS (fd_interpreter_page_parent_class)->finalize (object);
}

static void
fd_interpreter_page_class_init (FdInterpreterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_interpreter_page_dispose;
  object_class->finalize = fd_interpreter_page_finalize;

  g_type_ensure (FD_TYPE_CALL_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-interpreter-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, state_title);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, state_detail);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, language_names);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, call_view);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, call_button);
  gtk_widget_class_bind_template_child (widget_class, FdInterpreterPage, call_again_button);

  gtk_widget_class_install_action (widget_class, "desk.call", NULL, call_action);
  gtk_widget_class_install_action (widget_class, "desk.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "desk.done", NULL, done_action);
}

static void
fd_interpreter_page_init (FdInterpreterPage *self)
{
  GApplication *app = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (language_codes); i++)
    gtk_string_list_append (self->language_names, fd_call_link_language_name (language_codes[i]));
  g_signal_connect (self->call_view, "hang-up", G_CALLBACK (on_view_hang_up), self);

  if (FD_IS_APPLICATION (app))
    {
      self->settings = g_object_ref (fd_application_get_settings (FD_APPLICATION (app)));
      g_signal_connect_swapped (self->settings, "changed::relay-url",
                                G_CALLBACK (on_settings_changed), self);
      /* The token comes from the keyring, after start-up. */
      g_signal_connect_object (app, "notify::relay-token",
                               G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
    }
  self->clock_id = g_timeout_add_seconds (1, on_clock, self);
  self->state = DESK_IDLE;
  /* The start-up check: say at once when calls cannot work here. */
  check_call_elements (self);
  configure (self);
}
