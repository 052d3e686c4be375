/* fd-preferences-window.c: hall, desk, language, relay and records settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-preferences-window.h"
#include "fd-applicant-monitor.h"
#include "fd-secret.h"

struct _FdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  FdApplication        *app;
  GSettings            *settings;
  GCancellable         *cancellable;
  guint                 token_save_id;

  /* Template widgets */
  AdwEntryRow          *hall_row;
  AdwEntryRow          *desk_row;
  AdwComboRow          *language_row;
  AdwComboRow          *resolution_row;
  AdwEntryRow          *relay_row;
  AdwPasswordEntryRow  *token_row;
  GtkLabel             *token_status;
  AdwEntryRow          *database_row;
};

G_DEFINE_FINAL_TYPE (FdPreferencesWindow, fd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Orders of the combo rows' models in the template (NULL-terminated). */
static const char *language_values[] = { "system", "zh_CN", "en", "ru", NULL };
static const char *resolution_values[] = { "auto", "480p", "720p", NULL };

/* A string setting shown as the index of its value in @user_data. */
static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char **values = user_data;
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (code, values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char **values = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) values))
    index = 0;
  return g_variant_new_string (values[index]);
}

gboolean
fd_preferences_relay_url_is_valid (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    return TRUE; /* empty: calls are off */

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "ws") == 0 || g_ascii_strcasecmp (scheme, "wss") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static void
on_relay_changed (FdPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->relay_row));

  /* Shown, not only coloured: the subtitle-less row gets an error style and
   * the tooltip says what is wrong. */
  if (fd_preferences_relay_url_is_valid (text))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->relay_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->relay_row), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->relay_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->relay_row),
                                   _("The relay address must start with ws:// or wss:// and name a host"));
    }
}

static void
toast (FdPreferencesWindow *self,
       const char          *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
on_token_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean in_keyring = FALSE;

  if (!fd_application_set_relay_token_finish (FD_APPLICATION (source), result, &in_keyring, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The desk token was not saved: %s"), error->message);

          gtk_label_set_text (self->token_status, text);
          gtk_widget_set_visible (GTK_WIDGET (self->token_status), TRUE);
        }
      return;
    }
  /* Said where it stays in view (and where a screen reader finds it), not
   * only in a passing toast. */
  gtk_label_set_text (self->token_status,
                      in_keyring ? _("Desk token saved in the keyring")
                                 : _("Desk token saved in a file only you can read (this computer has no keyring)"));
  gtk_widget_set_visible (GTK_WIDGET (self->token_status), TRUE);
}

static gboolean
save_token (gpointer user_data)
{
  FdPreferencesWindow *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->token_row));

  self->token_save_id = 0;
  fd_application_set_relay_token_async (self->app, text, self->cancellable,
                                        on_token_saved, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Saved as typed, once typing pauses, as other settings are. */
static void
on_token_changed (FdPreferencesWindow *self)
{
  g_clear_handle_id (&self->token_save_id, g_source_remove);
  self->token_save_id = g_timeout_add (800, save_token, self);
}

static void
on_password_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(FdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_secret_store_finish (result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The database password was not saved: %s"), error->message);
          toast (self, text);
        }
      return;
    }
  toast (self, _("Database password saved apart from the address; the new location is used at the next start"));
}

/* A password typed into the address goes to the keyring; the settings keep
 * the address without it. */
static void
on_database_apply (FdPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->database_row));
  g_autofree char *address = NULL;
  g_autofree char *password = NULL;

  if (!fd_secret_split_uri_password (text, &address, &password))
    {
      g_settings_set_string (self->settings, "database-uri", text);
      toast (self, _("The new database location is used at the next start"));
      return;
    }
  g_settings_set_string (self->settings, "database-uri", address);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), address);
  fd_secret_store_async (FD_SECRET_DATABASE_PASSWORD, address, password, self->cancellable,
                         on_password_saved, g_object_ref (self));
}

static void
bind_settings (FdPreferencesWindow *self)
{
  g_autofree char *token = fd_application_dup_relay_token (self->app);
  g_autofree char *database = g_settings_get_string (self->settings, "database-uri");

  g_settings_bind (self->settings, "hall-name", self->hall_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "desk-name", self->desk_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "relay-url", self->relay_row, "text", G_SETTINGS_BIND_DEFAULT);
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
  g_signal_connect_swapped (self->token_row, "changed", G_CALLBACK (on_token_changed), self);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database);
  g_signal_connect_swapped (self->database_row, "apply", G_CALLBACK (on_database_apply), self);
  g_settings_bind_with_mapping (self->settings, "ui-language",
                                self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping,
                                (gpointer) language_values, NULL);
  g_settings_bind_with_mapping (self->settings, "camera-resolution",
                                self->resolution_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping,
                                (gpointer) resolution_values, NULL);

  g_signal_connect_swapped (self->relay_row, "changed", G_CALLBACK (on_relay_changed), self);
  on_relay_changed (self);
}

static void
fd_preferences_window_dispose (GObject *object)
{
  FdPreferencesWindow *self = FD_PREFERENCES_WINDOW (object);

  /* A token typed just before closing is still saved. */
  if (self->token_save_id != 0)
    {
      g_clear_handle_id (&self->token_save_id, g_source_remove);
      fd_application_set_relay_token_async (self->app,
                                            gtk_editable_get_text (GTK_EDITABLE (self->token_row)),
                                            NULL, NULL, NULL);
    }
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (fd_preferences_window_parent_class)->dispose (object);
}

static void
fd_preferences_window_finalize (GObject *object)
{
  FdPreferencesWindow *self = FD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->app);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (fd_preferences_window_parent_class)->finalize (object);
}

static void
fd_preferences_window_class_init (FdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_preferences_window_dispose;
  object_class->finalize = fd_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, hall_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, desk_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, relay_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, token_status);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, database_row);
}

static void
fd_preferences_window_init (FdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

FdPreferencesWindow *
fd_preferences_window_new (FdApplication *app)
{
  FdPreferencesWindow *self;

  g_return_val_if_fail (FD_IS_APPLICATION (app), NULL);

  self = g_object_new (FD_TYPE_PREFERENCES_WINDOW, NULL);
  self->app = g_object_ref (app);
  self->settings = g_object_ref (fd_application_get_settings (app));
  bind_settings (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (_fd_applicant_preferences_page_new (self->settings)));

  return self;
}
