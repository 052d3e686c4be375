/* fd-call-view.c: the in-call view (remote video, self-view, controls, quality, chat)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-call-engine.h"
#include "fd-call-view.h"
#include "fd-text-item.h"
#include "fd-video-paintable.h"

struct _FdCallView
{
  GtkBox            parent_instance;

  FdRelayCall      *call;
  FdCallStats      *stats;
  FdVideoPaintable *remote;
  FdVideoPaintable *self_view;
  char             *peer_name;
  guint             tick_id;
  guint64           frames_at_tick;
  double            remote_fps;
  gboolean          syncing;      /* updating toggles from the call */

  /* Template widgets */
  GtkPicture       *remote_picture;
  GtkPicture       *self_picture;
  GtkWidget        *self_frame;
  GtkOverlay       *video_overlay;
  GtkLabel         *video_notice;
  GtkImage         *quality_icon;
  GtkLabel         *quality_label;
  GtkToggleButton  *mute_button;
  AdwButtonContent *mute_content;
  GtkToggleButton  *camera_button;
  AdwButtonContent *camera_content;
  GListStore       *messages;     /* FdTextItem, shown by chat_list */
  GtkListBox       *chat_list;
  GtkScrolledWindow *chat_scroller;
  GtkLabel         *chat_status;
  GtkEntry         *chat_entry;
  GtkWidget        *peer_draft_box;
  GtkLabel         *peer_draft_title;
  GtkLabel         *peer_draft_label;
};

G_DEFINE_FINAL_TYPE (FdCallView, fd_call_view, GTK_TYPE_BOX)

/* The call's shortcuts do nothing (and are not offered) without a call. */
static gboolean has_microphone (FdCallView *self);
static void     sync_mute      (FdCallView *self);

static void
update_actions (FdCallView *self)
{
  FdRelayCallState state = self->call != NULL ? fd_relay_call_get_state (self->call)
                                               : FD_RELAY_CALL_IDLE;
  gboolean in_call = state == FD_RELAY_CALL_CONNECTING || state == FD_RELAY_CALL_CONNECTED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.hang-up", in_call);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.send-chat", in_call);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.toggle-mute", in_call && has_microphone (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "call.toggle-camera", in_call);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mute_button), in_call && has_microphone (self));
  sync_mute (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->camera_button), in_call);
}

/* FALSE once a call's media is made on a computer with no microphone. */
static gboolean
has_microphone (FdCallView *self)
{
  FdCallMedia *media = self->call != NULL ? fd_relay_call_get_media (self->call) : NULL;

  return !FD_IS_CALL_ENGINE (media) || fd_call_engine_get_microphone_name (FD_CALL_ENGINE (media)) != NULL;
}

static void
sync_mute (FdCallView *self)
{
  gboolean muted = self->call != NULL && fd_relay_call_get_muted (self->call);

  if (!has_microphone (self))
    {
      /* Nothing to mute: the button says so rather than offer a switch. */
      adw_button_content_set_label (self->mute_content, _("No Microphone"));
      adw_button_content_set_icon_name (self->mute_content, "microphone-disabled-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->mute_button),
                                   _("This computer has no microphone: the other side cannot hear it"));
      return;
    }
  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->mute_button, muted);
  self->syncing = FALSE;
  /* The state is said in words and icon, not by the button's shade alone. */
  adw_button_content_set_label (self->mute_content,
                                muted ? _("Microphone Off") : _("Microphone On"));
  adw_button_content_set_icon_name (self->mute_content,
                                    muted ? "microphone-disabled-symbolic"
                                          : "audio-input-microphone-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mute_button),
                               muted ? _("Unmute the microphone (Ctrl+D)")
                                     : _("Mute the microphone (Ctrl+D)"));
}

static void
sync_camera (FdCallView *self)
{
  gboolean on = self->call == NULL || fd_relay_call_get_camera_enabled (self->call);

  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->camera_button, !on);
  self->syncing = FALSE;
  adw_button_content_set_label (self->camera_content, on ? _("Camera On") : _("Camera Off"));
  adw_button_content_set_icon_name (self->camera_content,
                                    on ? "camera-web-symbolic" : "camera-disabled-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->camera_button),
                               on ? _("Turn the camera off (Ctrl+E)")
                                  : _("Turn the camera on (Ctrl+E)"));
}

static void
on_mute_toggled (GtkToggleButton *button,
                 FdCallView      *self)
{
  if (self->syncing)
    return;
  if (self->call != NULL)
    fd_relay_call_set_muted (self->call, gtk_toggle_button_get_active (button));
  sync_mute (self);
}

static void
on_camera_toggled (GtkToggleButton *button,
                   FdCallView      *self)
{
  if (self->syncing)
    return;
  if (self->call != NULL)
    fd_relay_call_set_camera_enabled (self->call, !gtk_toggle_button_get_active (button));
  sync_camera (self);
}

static void
on_call_notify_muted (FdCallView *self)
{
  sync_mute (self);
}

static void
on_call_notify_camera (FdCallView *self)
{
  sync_camera (self);
}

static void
on_video_frame (FdRelayCall *call,
                int          stream,
                FdCallFrame *frame,
                FdCallView  *self)
{
  FdVideoPaintable *target = stream == FD_CALL_STREAM_SELF ? self->self_view : self->remote;

  /* Already on the main context (the engine hops there, the call forwards). */
  fd_video_paintable_push_frame (target, fd_call_frame_get_bytes (frame),
                                 fd_call_frame_get_width (frame),
                                 fd_call_frame_get_height (frame),
                                 fd_call_frame_get_stride (frame), TRUE);
  if (stream == FD_CALL_STREAM_REMOTE && gtk_widget_get_visible (GTK_WIDGET (self->video_notice)))
    gtk_widget_set_visible (GTK_WIDGET (self->video_notice), FALSE);
}

static const char *
quality_icon_name (FdCallQuality quality)
{
  switch (quality)
    {
    case FD_CALL_QUALITY_GOOD: return "network-cellular-signal-excellent-symbolic";
    case FD_CALL_QUALITY_FAIR: return "network-cellular-signal-ok-symbolic";
    case FD_CALL_QUALITY_POOR: return "network-cellular-signal-weak-symbolic";
    case FD_CALL_QUALITY_UNKNOWN:
    default: return "network-cellular-signal-none-symbolic";
    }
}

static const char *
quality_word (FdCallQuality quality)
{
  switch (quality)
    {
    /* Translators: connection quality of a video call */
    case FD_CALL_QUALITY_GOOD: return C_("call quality", "Good");
    /* Translators: connection quality of a video call */
    case FD_CALL_QUALITY_FAIR: return C_("call quality", "Fair");
    /* Translators: connection quality of a video call */
    case FD_CALL_QUALITY_POOR: return C_("call quality", "Poor");
    case FD_CALL_QUALITY_UNKNOWN:
    default:
      /* Translators: connection quality of a video call, not known yet */
      return C_("call quality", "Measuring");
    }
}

static void
on_stats_updated (FdCallStats *stats,
                  FdCallView  *self)
{
  FdCallQuality quality = fd_call_stats_get_quality (stats);
  double fps = fd_call_stats_get_fps_received (stats);
  double rtt = fd_call_stats_get_rtt (stats);
  g_autofree char *text = NULL;

  if (fps < 0)
    text = g_strdup (quality_word (quality));
  else if (rtt < 0)
    /* Translators: connection quality · received frames per second, e.g. "Good · 30 fps" */
    text = g_strdup_printf (_("%s · %.0f fps"), quality_word (quality), fps);
  else
    /* Translators: quality · frames per second · round-trip time, e.g. "Good · 30 fps · 25 ms" */
    text = g_strdup_printf (_("%s · %.0f fps · %.0f ms"), quality_word (quality), fps, rtt);
  gtk_label_set_label (self->quality_label, text);
  gtk_image_set_from_icon_name (self->quality_icon, quality_icon_name (quality));
}

/* Once a second: how many frames were actually shown, in words for screen
 * readers (and the UI test) in the remote video's description. */
static gboolean
on_tick (gpointer data)
{
  FdCallView *self = data;
  guint64 frames = fd_video_paintable_get_frames (self->remote);
  g_autofree char *description = NULL;
  int fps;

  self->remote_fps = (double) (frames - self->frames_at_tick);
  self->frames_at_tick = frames;
  fps = (int) self->remote_fps;
  if (frames == 0)
    description = g_strdup (_("Waiting for video"));
  else
    description = g_strdup_printf (ngettext ("Showing video at %d frame per second",
                                             "Showing video at %d frames per second", fps),
                                   fps);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remote_picture),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  if (self->call != NULL && FD_IS_CALL_ENGINE (fd_relay_call_get_media (self->call)))
    {
      /* The picture says "No camera" too; this says it to screen readers. */
      FdCallEngine *engine = FD_CALL_ENGINE (fd_relay_call_get_media (self->call));
      const char *camera = fd_call_engine_get_camera_name (engine);
      g_autofree char *self_description =
        camera != NULL ? g_strdup_printf (_("Camera: %s"), camera)
                       : g_strdup (_("No camera: the interpreter sees a test picture"));

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->self_picture),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self_description,
                                      -1);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_chat_received (FdRelayCall *call,
                  const char  *text,
                  const char  *from,
                  FdCallView  *self)
{
  fd_call_view_add_message (self, from != NULL ? from : self->peer_name, text, TRUE);
}

/* Real-time text: the peer's draft in its own area, shown while it is not empty. */
static void
show_peer_draft (FdCallView *self)
{
  const char *draft = self->call != NULL ? fd_relay_call_get_peer_draft (self->call) : "";
  const char *name = self->peer_name != NULL && *self->peer_name != '\0' ? self->peer_name
                     : _("Other side");
  g_autofree char *title = NULL;

  /* Translators: above the live text of the other side; %s is their name */
  title = g_strdup_printf (_("%s is typing:"), name);
  gtk_label_set_label (self->peer_draft_title, title);
  gtk_label_set_label (self->peer_draft_label, draft);
  gtk_widget_set_visible (self->peer_draft_box, *draft != '\0');
}

static void
on_chat_entry_changed (GtkEditable *entry,
                       FdCallView  *self)
{
  if (self->call != NULL)
    fd_relay_call_set_draft (self->call, gtk_editable_get_text (entry));
}

static void
send_chat (FdCallView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->chat_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  if (*stripped == '\0')
    return;
  if (self->call == NULL || !fd_relay_call_send_chat (self->call, stripped, &error))
    {
      /* Keep the text in the entry so nothing typed is lost. */
      gtk_label_set_label (self->chat_status,
                           _("The message could not be sent: chat is not connected yet. "
                             "Try again in a moment."));
      return;
    }
  fd_call_view_add_message (self, NULL, stripped, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->chat_entry), "");
}

static void
on_chat_entry_activate (GtkEntry   *entry,
                        FdCallView *self)
{
  send_chat (self);
}

static void
send_chat_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  send_chat (FD_CALL_VIEW (widget));
}

static void
hang_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  FdCallView *self = FD_CALL_VIEW (widget);

  if (self->call != NULL)
    fd_relay_call_hang_up (self->call);
}

static void
toggle_mute_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  FdCallView *self = FD_CALL_VIEW (widget);

  gtk_toggle_button_set_active (self->mute_button,
                                !gtk_toggle_button_get_active (self->mute_button));
}

static void
toggle_camera_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  FdCallView *self = FD_CALL_VIEW (widget);

  gtk_toggle_button_set_active (self->camera_button,
                                !gtk_toggle_button_get_active (self->camera_button));
}

/* The self-view keeps a fixed share of the video area (a fifth of its width,
 * 4:3) in the bottom-right corner, whatever size the camera sends. */
static gboolean
on_get_child_position (GtkOverlay    *overlay,
                       GtkWidget     *widget,
                       GdkRectangle  *allocation,
                       FdCallView    *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));
  int w, h;

  if (widget != self->self_frame)
    return FALSE;
  w = CLAMP (width / 5, 120, FD_CALL_SELF_VIEW_WIDTH);
  h = w * 3 / 4;
  if (h > height / 3)
    {
      h = MAX (height / 3, 60);
      w = h * 4 / 3;
    }
  allocation->width = w;
  allocation->height = h;
  allocation->x = MAX (width - w - 12, 0);
  allocation->y = MAX (height - h - 12, 0);
  return TRUE;
}

/* A chat line: the sender above the text. */
static GtkWidget *
create_message_row (gpointer item,
                    gpointer user_data)
{
  FdTextItem *message = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *who = gtk_label_new (fd_text_item_get_title (message));
  GtkWidget *what = gtk_label_new (fd_text_item_get_text (message));

  gtk_widget_add_css_class (box, fd_text_item_get_style (message));
  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_widget_add_css_class (who, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (what), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), what);
  return box;
}

static void
scroll_chat_to_end (FdCallView *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->chat_scroller);

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
}

static void
on_chat_adjustment_changed (GtkAdjustment *adj,
                            FdCallView    *self)
{
  scroll_chat_to_end (self);
}

static void
set_stats (FdCallView  *self,
           FdCallStats *stats)
{
  if (self->stats == stats)
    return;
  if (self->stats != NULL)
    g_signal_handlers_disconnect_by_data (self->stats, self);
  g_set_object (&self->stats, stats);
  if (stats != NULL)
    g_signal_connect (stats, "updated", G_CALLBACK (on_stats_updated), self);
}

/* A new call's media: the last call's video and quality go. */
static void
clear_video (FdCallView *self)
{
  fd_video_paintable_clear (self->remote);
  fd_video_paintable_clear (self->self_view);
  gtk_widget_set_visible (GTK_WIDGET (self->video_notice), TRUE);
  gtk_label_set_label (self->quality_label, _("Connection: measuring…"));
  gtk_image_set_from_icon_name (self->quality_icon, quality_icon_name (FD_CALL_QUALITY_UNKNOWN));
}

static void
on_call_notify_media (FdCallView *self)
{
  if (fd_relay_call_get_media (self->call) != NULL)
    {
      fd_call_view_reset (self);   /* a new call: its own chat and video */
      set_stats (self, fd_relay_call_get_stats (self->call));
    }
  else
    set_stats (self, NULL);
  sync_mute (self);
  sync_camera (self);
  update_actions (self);
}

static void
set_peer_name (FdCallView *self)
{
  const char *name = self->call != NULL ? fd_relay_call_get_peer_name (self->call) : NULL;
  g_autofree char *label = NULL;

  g_free (self->peer_name);
  self->peer_name = g_strdup (name);
  if (name != NULL && *name != '\0')
    /* Translators: accessible name of the large video; %s is the other person's name */
    label = g_strdup_printf (_("Video of %s"), name);
  else
    label = g_strdup (_("Interpreter video"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remote_picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
fd_call_view_dispose (GObject *object)
{
  FdCallView *self = FD_CALL_VIEW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  fd_call_view_set_call (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_CALL_VIEW);
  g_clear_object (&self->remote);
  g_clear_object (&self->self_view);

  G_OBJECT_CLASS (fd_call_view_parent_class)->dispose (object);
}

static void
fd_call_view_finalize (GObject *object)
{
  FdCallView *self = FD_CALL_VIEW (object);

  g_clear_pointer (&self->peer_name, g_free);
  g_clear_object (&self->messages);

  G_OBJECT_CLASS (fd_call_view_parent_class)->finalize (object);
}

static void
fd_call_view_class_init (FdCallViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_call_view_dispose;
  object_class->finalize = fd_call_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-call-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FdCallView, remote_picture);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, self_picture);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, self_frame);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, video_overlay);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, video_notice);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, quality_icon);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, quality_label);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, mute_button);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, mute_content);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, camera_button);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, camera_content);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, chat_list);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, chat_scroller);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, chat_status);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, chat_entry);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, peer_draft_box);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, peer_draft_title);
  gtk_widget_class_bind_template_child (widget_class, FdCallView, peer_draft_label);

  gtk_widget_class_install_action (widget_class, "call.hang-up", NULL, hang_up_action);
  gtk_widget_class_install_action (widget_class, "call.send-chat", NULL, send_chat_action);
  gtk_widget_class_install_action (widget_class, "call.toggle-mute", NULL, toggle_mute_action);
  gtk_widget_class_install_action (widget_class, "call.toggle-camera", NULL, toggle_camera_action);
}

static GtkShortcut *
shortcut (const char *accel,
          const char *action)
{
  return gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                           gtk_named_action_new (action));
}

static void
fd_call_view_init (FdCallView *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->messages = g_list_store_new (FD_TYPE_TEXT_ITEM);
  gtk_list_box_bind_model (self->chat_list, G_LIST_MODEL (self->messages), create_message_row,
                           NULL, NULL);

  self->remote = fd_video_paintable_new ();
  self->self_view = fd_video_paintable_new ();
  gtk_picture_set_paintable (self->remote_picture, GDK_PAINTABLE (self->remote));
  gtk_picture_set_paintable (self->self_picture, GDK_PAINTABLE (self->self_view));
  fd_video_paintable_follow_renderer (self->remote, GTK_WIDGET (self->remote_picture));
  fd_video_paintable_follow_renderer (self->self_view, GTK_WIDGET (self->self_picture));

  g_signal_connect (self->video_overlay, "get-child-position",
                    G_CALLBACK (on_get_child_position), self);
  g_signal_connect (self->mute_button, "toggled", G_CALLBACK (on_mute_toggled), self);
  g_signal_connect (self->camera_button, "toggled", G_CALLBACK (on_camera_toggled), self);
  g_signal_connect (self->chat_entry, "activate", G_CALLBACK (on_chat_entry_activate), self);
  g_signal_connect (self->chat_entry, "changed", G_CALLBACK (on_chat_entry_changed), self);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->chat_scroller), "changed",
                    G_CALLBACK (on_chat_adjustment_changed), self);

  /* Window-wide while the view is shown, whatever has the focus. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        shortcut ("<Control>d", "call.toggle-mute"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        shortcut ("<Control>e", "call.toggle-camera"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        shortcut ("<Control>h", "call.hang-up"));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  sync_mute (self);
  sync_camera (self);
  update_actions (self);
  self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

FdCallView *
fd_call_view_new (void)
{
  return g_object_new (FD_TYPE_CALL_VIEW, NULL);
}

void
fd_call_view_set_call (FdCallView  *self,
                       FdRelayCall *call)
{
  g_return_if_fail (FD_IS_CALL_VIEW (self));
  g_return_if_fail (call == NULL || FD_IS_RELAY_CALL (call));

  if (self->call == call)
    return;
  set_stats (self, NULL);
  if (self->call != NULL)
    g_signal_handlers_disconnect_by_data (self->call, self);
  g_set_object (&self->call, call);
  clear_video (self);
  if (call != NULL)
    {
      g_signal_connect (call, "video-frame", G_CALLBACK (on_video_frame), self);
      g_signal_connect (call, "chat-received", G_CALLBACK (on_chat_received), self);
      g_signal_connect_swapped (call, "notify::muted", G_CALLBACK (on_call_notify_muted), self);
      g_signal_connect_swapped (call, "notify::camera-enabled",
                                G_CALLBACK (on_call_notify_camera), self);
      g_signal_connect_swapped (call, "notify::media", G_CALLBACK (on_call_notify_media), self);
      g_signal_connect_swapped (call, "notify::state", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (call, "notify::peer-name", G_CALLBACK (set_peer_name), self);
      g_signal_connect_swapped (call, "notify::peer-draft", G_CALLBACK (show_peer_draft), self);
      set_stats (self, fd_relay_call_get_stats (call));
    }
  set_peer_name (self);
  show_peer_draft (self);
  sync_mute (self);
  sync_camera (self);
  update_actions (self);
}

FdRelayCall *
fd_call_view_get_call (FdCallView *self)
{
  g_return_val_if_fail (FD_IS_CALL_VIEW (self), NULL);
  return self->call;
}

void
fd_call_view_add_message (FdCallView *self,
                          const char *sender,
                          const char *text,
                          gboolean    incoming)
{
  g_autoptr(FdTextItem) message = NULL;
  const char *name;
  g_autofree char *announce = NULL;

  g_return_if_fail (FD_IS_CALL_VIEW (self));
  g_return_if_fail (text != NULL);

  if (incoming)
    name = sender != NULL && *sender != '\0' ? sender : _("Other side");
  else
    /* Translators: the sender of your own chat messages */
    name = _("You");
  message = fd_text_item_new (name, text, incoming ? "fd-chat-incoming" : "fd-chat-outgoing");
  g_list_store_append (self->messages, message);

  if (incoming)
    /* Translators: announced when a chat message arrives: sender, then the text */
    announce = g_strdup_printf (_("New message from %s: %s"), name, text);
  gtk_label_set_label (self->chat_status, announce != NULL ? announce : "");
  scroll_chat_to_end (self);
}

void
fd_call_view_reset (FdCallView *self)
{
  g_return_if_fail (FD_IS_CALL_VIEW (self));

  clear_video (self);
  g_list_store_remove_all (self->messages);
  gtk_label_set_label (self->chat_status, "");
  gtk_editable_set_text (GTK_EDITABLE (self->chat_entry), "");
  self->frames_at_tick = fd_video_paintable_get_frames (self->remote);
}

guint64
fd_call_view_get_remote_frames (FdCallView *self)
{
  g_return_val_if_fail (FD_IS_CALL_VIEW (self), 0);
  return fd_video_paintable_get_frames (self->remote);
}

double
fd_call_view_get_remote_fps (FdCallView *self)
{
  g_return_val_if_fail (FD_IS_CALL_VIEW (self), 0);
  return self->remote_fps;
}
