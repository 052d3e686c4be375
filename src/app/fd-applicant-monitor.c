/* fd-applicant-monitor.c: which monitor the applicant screen goes to, and its preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-applicant-monitor"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-applicant-monitor.h"

int
_fd_applicant_monitor_match (guint               n,
                             const char * const *connectors,
                             const char * const *models,
                             const char         *want_connector,
                             const char         *want_model)
{
  gboolean by_connector = want_connector != NULL && *want_connector != '\0';
  gboolean by_model = want_model != NULL && *want_model != '\0';
  int same_connector = -1, same_model = -1;

  for (guint i = 0; i < n; i++)
    {
      gboolean c = by_connector && g_strcmp0 (connectors[i], want_connector) == 0;
      gboolean m = by_model && g_strcmp0 (models[i], want_model) == 0;

      if (c && (m || !by_model))
        return (int) i;
      if (c && same_connector < 0)
        same_connector = (int) i;
      if (m && same_model < 0)
        same_model = (int) i;
    }
  return same_connector >= 0 ? same_connector : same_model;
}

GdkMonitor *
_fd_applicant_monitor_find (GListModel *monitors,
                            GSettings  *settings)
{
  guint n = g_list_model_get_n_items (monitors);
  g_autofree const char **connectors = g_new0 (const char *, n + 1);
  g_autofree const char **models = g_new0 (const char *, n + 1);
  g_autofree char *connector = g_settings_get_string (settings, "applicant-monitor-connector");
  g_autofree char *model = g_settings_get_string (settings, "applicant-monitor-model");
  int i;

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GdkMonitor) m = g_list_model_get_item (monitors, k);

      /* the list keeps the monitors alive */
      connectors[k] = gdk_monitor_get_connector (m);
      models[k] = gdk_monitor_get_model (m);
    }
  i = _fd_applicant_monitor_match (n, connectors, models, connector, model);
  return i >= 0 ? g_list_model_get_item (monitors, i) : NULL;
}

/* Preferences ------------------------------------------------------------ */

typedef struct {
  GSettings   *settings;
  GListModel  *monitors;
  AdwComboRow *row;
  gboolean     filling;
} MonitorRow;

static void
monitor_row_free (gpointer data)
{
  MonitorRow *r = data;

  g_signal_handlers_disconnect_by_data (r->monitors, r);
  g_object_unref (r->settings);
  g_object_unref (r->monitors);
  g_free (r);
}

static void
fill_monitors (MonitorRow *r)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GdkMonitor) chosen = _fd_applicant_monitor_find (r->monitors, r->settings);
  g_autofree char *connector = g_settings_get_string (r->settings, "applicant-monitor-connector");
  guint n = g_list_model_get_n_items (r->monitors);
  guint selected = 0;

  r->filling = TRUE;
  gtk_string_list_append (names, _("The last monitor"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) m = g_list_model_get_item (r->monitors, i);
      const char *model = gdk_monitor_get_model (m);
      /* Translators: a monitor: its connector (HDMI-1) and model */
      g_autofree char *name = g_strdup_printf (_("%s (%s)"), gdk_monitor_get_connector (m) ? gdk_monitor_get_connector (m) : "?",
                                               model != NULL ? model : _("unknown model"));

      gtk_string_list_append (names, name);
      if (m == chosen)
        selected = i + 1;
    }
  /* remembered but unplugged now: keep it listed, so it is not forgotten */
  if (chosen == NULL && *connector != '\0')
    {
      /* Translators: %s is a monitor connector (HDMI-1) */
      g_autofree char *name = g_strdup_printf (_("%s (not connected)"), connector);

      gtk_string_list_append (names, name);
      selected = n + 1;
    }
  adw_combo_row_set_model (r->row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (r->row, selected);
  r->filling = FALSE;
}

static void
on_monitor_selected (MonitorRow *r)
{
  guint i = adw_combo_row_get_selected (r->row);
  guint n = g_list_model_get_n_items (r->monitors);
  g_autoptr(GdkMonitor) m = NULL;

  if (r->filling || i == GTK_INVALID_LIST_POSITION || i > n)
    return;   /* (n + 1: the remembered one, unplugged: unchanged) */
  if (i == 0)
    {
      g_settings_set_string (r->settings, "applicant-monitor-connector", "");
      g_settings_set_string (r->settings, "applicant-monitor-model", "");
      return;
    }
  m = g_list_model_get_item (r->monitors, i - 1);
  g_settings_set_string (r->settings, "applicant-monitor-connector",
                         gdk_monitor_get_connector (m) != NULL ? gdk_monitor_get_connector (m) : "");
  g_settings_set_string (r->settings, "applicant-monitor-model",
                         gdk_monitor_get_model (m) != NULL ? gdk_monitor_get_model (m) : "");
}

static void
on_monitors_changed (GListModel *monitors,
                     guint       position,
                     guint       removed,
                     guint       added,
                     MonitorRow *r)
{
  fill_monitors (r);
}

static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60.0);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value) * 60 + 0.5, 15, 3600));
}

GtkWidget *
_fd_applicant_preferences_page_new (GSettings *settings)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwActionRow *kiosk_row = ADW_ACTION_ROW (adw_action_row_new ());
  AdwActionRow *idle_row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *kiosk_switch = gtk_switch_new ();
  GtkWidget *idle_spin = gtk_spin_button_new_with_range (0.25, 60, 0.25);
  GdkDisplay *display = gdk_display_get_default ();
  MonitorRow *r = g_new0 (MonitorRow, 1);

  adw_preferences_page_set_title (page, _("Applicant Screen"));
  adw_preferences_page_set_icon_name (page, "video-display-symbolic");
  adw_preferences_group_set_title (group, _("Applicant Screen"));
  adw_preferences_group_set_description (group, _("The screen facing the visitor, opened from the Guides page"));

  r->row = ADW_COMBO_ROW (adw_combo_row_new ());
  r->settings = g_object_ref (settings);
  r->monitors = g_object_ref (gdk_display_get_monitors (display));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (r->row), _("Monitor"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (r->row), _("Remembered, also when it is unplugged and plugged in again"));
  fill_monitors (r);
  g_signal_connect_swapped (r->row, "notify::selected", G_CALLBACK (on_monitor_selected), r);
  g_signal_connect (r->monitors, "items-changed", G_CALLBACK (on_monitors_changed), r);
  g_object_set_data_full (G_OBJECT (r->row), "fd-monitor-row", r, monitor_row_free);
  adw_preferences_group_add (group, GTK_WIDGET (r->row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kiosk_row), _("Kiosk Mode"));
  adw_action_row_set_subtitle (kiosk_row, _("Fullscreen; visitors cannot close it; staff end it from the desk window"));
  gtk_widget_set_valign (kiosk_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (kiosk_row, kiosk_switch);
  adw_action_row_set_activatable_widget (kiosk_row, kiosk_switch);
  g_settings_bind (settings, "applicant-kiosk", kiosk_switch, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (group, GTK_WIDGET (kiosk_row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (idle_row), _("Back to the Language Picker After (Minutes)"));
  adw_action_row_set_subtitle (idle_row, _("Without input, the kiosk clears the board for the next visitor"));
  gtk_widget_set_valign (idle_spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (idle_spin), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (idle_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the Language Picker After (Minutes)"), -1);
  adw_action_row_add_suffix (idle_row, idle_spin);
  g_settings_bind_with_mapping (settings, "kiosk-idle-seconds", idle_spin, "value", G_SETTINGS_BIND_DEFAULT,
                                seconds_to_minutes, minutes_to_seconds, NULL, NULL);
  adw_preferences_group_add (group, GTK_WIDGET (idle_row));

  adw_preferences_page_add (page, group);
  return GTK_WIDGET (page);
}
