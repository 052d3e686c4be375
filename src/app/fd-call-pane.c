/* fd-call-pane.c: one FdRelayCall shown: relay set-up, status card, modes and the call view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-pane"

#include "config.h"

#include "fd-application.h"
#include "fd-call-pane.h"
#include "fd-call-setup.h"

struct _FdCallPane
{
  AdwBin         parent_instance;

  FdRelayCall   *call;
  GSignalGroup  *call_signals;    /* the owner's handlers on the call */
  GSignalGroup  *client_signals;  /* … and on its relay connection */

  /* Template widgets (the pages "empty" and "relay" are the bin's child, a GtkStack: not bound,
   * so that AdwBin alone unparents it) */
  AdwStatusPage *empty_page;
  GtkBox        *relay_box;
  FdCallStatus  *call_status;
  GtkStack      *mode_stack;
  FdCallView    *call_view;
};

enum {
  PROP_0,
  PROP_CALL,
  PROP_EMPTY_DESCRIPTION,
  N_PROPS
};

enum {
  RELAY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GtkBuildableIface *parent_buildable_iface;

static void fd_call_pane_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FdCallPane, fd_call_pane, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      fd_call_pane_buildable_init))

/* The media's set-up and the call itself are shown in the call view; every other state is the
 * owner's to show. */
static void
on_call_state (FdCallPane *self)
{
  FdRelayCallState state = fd_relay_call_get_state (self->call);

  if (state == FD_RELAY_CALL_CONNECTING || state == FD_RELAY_CALL_CONNECTED)
    gtk_stack_set_visible_child_name (self->mode_stack, "call");
}

static void
on_relay_changed (FdCallPane *self)
{
  if (self->call == NULL)
    return;   /* disposed, or no call yet */
  g_signal_emit (self, signals[RELAY_CHANGED], 0);
}

/* <child type="controls"> goes above the status card, <child type="mode"> (a GtkStackPage) into
 * the stack of modes. */
static void
fd_call_pane_add_child (GtkBuildable *buildable,
                        GtkBuilder   *builder,
                        GObject      *child,
                        const char   *type)
{
  FdCallPane *self = FD_CALL_PANE (buildable);

  if (g_strcmp0 (type, "controls") == 0 && GTK_IS_WIDGET (child))
    gtk_widget_insert_before (GTK_WIDGET (child), GTK_WIDGET (self->relay_box),
                              GTK_WIDGET (self->call_status));
  else if (g_strcmp0 (type, "mode") == 0)
    GTK_BUILDABLE_GET_IFACE (self->mode_stack)->add_child (GTK_BUILDABLE (self->mode_stack),
                                                           builder, child, NULL);
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
fd_call_pane_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = fd_call_pane_add_child;
}

static void
fd_call_pane_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FdCallPane *self = FD_CALL_PANE (object);

  switch (prop_id)
    {
    case PROP_CALL:
      g_value_set_object (value, self->call);
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_page));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_call_pane_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FdCallPane *self = FD_CALL_PANE (object);

  switch (prop_id)
    {
    case PROP_CALL:
      fd_call_pane_set_call (self, g_value_get_object (value));
      break;
    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (self->empty_page, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_call_pane_dispose (GObject *object)
{
  FdCallPane *self = FD_CALL_PANE (object);

  /* The owner's handlers go first: the call's last notifications (hung up, disconnected) come
   * while the owner is being disposed. */
  g_signal_group_set_target (self->call_signals, NULL);
  g_signal_group_set_target (self->client_signals, NULL);
  fd_call_setup_drop_call (&self->call, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_CALL_PANE);

  G_OBJECT_CLASS (fd_call_pane_parent_class)->dispose (object);
}

static void
fd_call_pane_finalize (GObject *object)
{
  FdCallPane *self = FD_CALL_PANE (object);

  g_clear_object (&self->call_signals);
  g_clear_object (&self->client_signals);

  G_OBJECT_CLASS (fd_call_pane_parent_class)->finalize (object);
}

static void
fd_call_pane_class_init (FdCallPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fd_call_pane_get_property;
  object_class->set_property = fd_call_pane_set_property;
  object_class->dispose = fd_call_pane_dispose;
  object_class->finalize = fd_call_pane_finalize;

  properties[PROP_CALL] =
    g_param_spec_object ("call", NULL, NULL, FD_TYPE_RELAY_CALL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY_DESCRIPTION] =
    g_param_spec_string ("empty-description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The relay address or token in the settings changed. */
  signals[RELAY_CHANGED] =
    g_signal_new ("relay-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  g_type_ensure (FD_TYPE_CALL_VIEW);
  g_type_ensure (FD_TYPE_CALL_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-call-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, FdCallPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FdCallPane, relay_box);
  gtk_widget_class_bind_template_child (widget_class, FdCallPane, call_status);
  gtk_widget_class_bind_template_child (widget_class, FdCallPane, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, FdCallPane, call_view);
}

static void
fd_call_pane_init (FdCallPane *self)
{
  GApplication *app = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->call_signals = g_signal_group_new (FD_TYPE_RELAY_CALL);
  self->client_signals = g_signal_group_new (FD_TYPE_SIGNAL_CLIENT);

  if (FD_IS_APPLICATION (app))
    {
      g_signal_connect_object (fd_application_get_settings (FD_APPLICATION (app)),
                               "changed::relay-url", G_CALLBACK (on_relay_changed), self,
                               G_CONNECT_SWAPPED);
      /* The token comes from the keyring, after start-up. */
      g_signal_connect_object (app, "notify::relay-token", G_CALLBACK (on_relay_changed), self,
                               G_CONNECT_SWAPPED);
    }
}

void
fd_call_pane_set_call (FdCallPane  *self,
                       FdRelayCall *call)
{
  g_return_if_fail (FD_IS_CALL_PANE (self));
  g_return_if_fail (call == NULL || FD_IS_RELAY_CALL (call));

  if (self->call == call)
    return;
  if (self->call != NULL)
    g_signal_handlers_disconnect_by_data (self->call, self);
  g_set_object (&self->call, call);
  if (call != NULL)
    g_signal_connect_swapped (call, "notify::state", G_CALLBACK (on_call_state), self);
  g_signal_group_set_target (self->call_signals, call);
  g_signal_group_set_target (self->client_signals,
                             call != NULL ? fd_relay_call_get_client (call) : NULL);
  fd_call_view_set_call (self->call_view, call);
  fd_call_status_set_call (self->call_status, call);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALL]);
}

FdRelayCall *
fd_call_pane_get_call (FdCallPane *self)
{
  g_return_val_if_fail (FD_IS_CALL_PANE (self), NULL);
  return self->call;
}

GSignalGroup *
fd_call_pane_get_call_signals (FdCallPane *self)
{
  g_return_val_if_fail (FD_IS_CALL_PANE (self), NULL);
  return self->call_signals;
}

GSignalGroup *
fd_call_pane_get_client_signals (FdCallPane *self)
{
  g_return_val_if_fail (FD_IS_CALL_PANE (self), NULL);
  return self->client_signals;
}

FdCallStatus *
fd_call_pane_get_status (FdCallPane *self)
{
  g_return_val_if_fail (FD_IS_CALL_PANE (self), NULL);
  return self->call_status;
}

FdCallView *
fd_call_pane_get_view (FdCallPane *self)
{
  g_return_val_if_fail (FD_IS_CALL_PANE (self), NULL);
  return self->call_view;
}

void
fd_call_pane_set_mode (FdCallPane *self,
                       const char *mode)
{
  g_return_if_fail (FD_IS_CALL_PANE (self));
  gtk_stack_set_visible_child_name (self->mode_stack, mode);
}

gboolean
fd_call_pane_connect (FdCallPane         *self,
                      const char * const *languages)
{
  gboolean configured;

  g_return_val_if_fail (FD_IS_CALL_PANE (self), FALSE);
  g_return_val_if_fail (self->call != NULL, FALSE);

  configured = fd_call_setup_connect (self->call, languages);
  if (!configured)
    fd_relay_call_disconnect (self->call);
  gtk_stack_set_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self))),
                                    configured ? "relay" : "empty");
  return configured;
}
