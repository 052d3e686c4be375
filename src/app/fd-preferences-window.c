/* fd-preferences-window.c: hall, desk, language, relay and records settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-preferences-window.h"

struct _FdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwEntryRow          *hall_row;
  AdwEntryRow          *desk_row;
  AdwComboRow          *language_row;
  AdwEntryRow          *relay_row;
  AdwPasswordEntryRow  *token_row;
  AdwEntryRow          *database_row;
};

G_DEFINE_FINAL_TYPE (FdPreferencesWindow, fd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Order of the language combo row's model in the template. */
static const char *language_values[] = { "system", "zh_CN", "en", "ru" };

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (language_values); i++)
    if (g_str_equal (code, language_values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  if (index >= G_N_ELEMENTS (language_values))
    index = 0;
  return g_variant_new_string (language_values[index]);
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
bind_settings (FdPreferencesWindow *self)
{
  g_settings_bind (self->settings, "hall-name", self->hall_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "desk-name", self->desk_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "relay-url", self->relay_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "relay-token", self->token_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "database-uri", self->database_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "ui-language",
                                self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping, language_set_mapping,
                                NULL, NULL);

  g_signal_connect_swapped (self->relay_row, "changed", G_CALLBACK (on_relay_changed), self);
  on_relay_changed (self);
}

static void
fd_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (fd_preferences_window_parent_class)->dispose (object);
}

static void
fd_preferences_window_finalize (GObject *object)
{
  FdPreferencesWindow *self = FD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, relay_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, FdPreferencesWindow, database_row);
}

static void
fd_preferences_window_init (FdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FdPreferencesWindow *
fd_preferences_window_new (GSettings *settings)
{
  FdPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (FD_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  bind_settings (self);

  return self;
}
