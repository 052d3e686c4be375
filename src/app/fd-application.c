/* fd-application.c: the single-instance desk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application-private.h"
#include "fd-call-check.h"
#include "fd-case-store.h"
#include "fd-renderer.h"
#include "fd-guide-catalog.h"
#include "fd-hall-folder.h"
#include "fd-hall-schedule.h"
#include "fd-interpreter-window.h"
#include "fd-preferences-window.h"
#include "fd-secret.h"
#include "fd-window.h"


enum {
  PROP_0,
  PROP_CASE_STORE,
  PROP_GUIDES_LOADED,
  PROP_RELAY_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* For fd-application-secrets.c. */
void
_fd_application_notify_relay_token (FdApplication *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELAY_TOKEN]);
}

G_DEFINE_FINAL_TYPE (FdApplication, fd_application, ADW_TYPE_APPLICATION)

static void
fd_application_activate (GApplication *app)
{
  FdApplication *self = FD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL && self->interpreter)
    window = GTK_WINDOW (fd_interpreter_window_new (self));
  else if (window == NULL)
    window = GTK_WINDOW (fd_window_new (self));

  gtk_window_present (window);
}

static char *
env_or_null (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static int
fd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  FdApplication *self = FD_APPLICATION (app);
  g_autofree char *ice = NULL;
  const char *test_media;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("frontdesk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "check"))
    return fd_call_check_print ();

  self->interpreter = g_variant_dict_contains (options, "interpreter");
  /* An interpreter's window is its own process, even next to a desk. */
  if (self->interpreter)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  if (!g_variant_dict_lookup (options, "relay", "s", &self->relay_url))
    self->relay_url = env_or_null ("FRONTDESK_RELAY_URL");
  {
    g_autoptr(GError) error = NULL;

    /* Never from the command line, where every user of the machine can read it. */
    self->relay_token = fd_secret_from_environment ("FRONTDESK_RELAY_TOKEN",
                                                    "FRONTDESK_RELAY_TOKEN_FILE", &error);
    if (error != NULL)
      {
        g_printerr ("frontdesk: %s\n", error->message);
        return 1;
      }
  }
  if (!g_variant_dict_lookup (options, "ice-address", "^as", &self->ice_addresses))
    {
      ice = env_or_null ("FRONTDESK_ICE_ADDRESSES");
      if (ice != NULL)
        self->ice_addresses = g_strsplit (ice, ",", -1);
    }
  test_media = g_getenv ("FRONTDESK_TEST_MEDIA");
  self->test_media = g_variant_dict_contains (options, "test-media") ||
                     g_strcmp0 (test_media, "1") == 0;

  return -1;
}

static gpointer
ref_window (gconstpointer window,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) window);
}

static void
on_quit (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  FdApplication *self = user_data;
  GList *windows;

  /* Close windows (so each saves its state) rather than exit abruptly.
   * Work on a referenced copy: closing one window may destroy others. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              ref_window, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  FdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  FdPreferencesWindow *prefs = fd_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
on_about (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  FdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "Frontdesk developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Frontdesk"),
                         "application-icon", APP_ID,
                         "developer-name", _("Frontdesk developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Service desk companion for government service halls: "
                                       "remote sign-language interpreting, process guides "
                                       "and escort case records"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

void
_fd_application_on_case_store_opened (GObject      *source,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(FdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  FdCaseStore *store = fd_case_store_open_finish (result, &error);

  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_error (&self->case_store_error);
      self->case_store_error = g_steal_pointer (&error);
    }
  self->case_store = store;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_STORE]);
}

static void
guide_load_done (FdApplication *self,
                 GError        *error)
{
  if (error != NULL)
    g_ptr_array_add (self->guide_problems, g_strdup (error->message));
  if (--self->guide_loads > 0)
    return;
  /* the hall's own folder replaces the example windows and codes */
  fd_guide_catalog_set_sample_data (self->guide_catalog,
                                    fd_hall_schedule_get_sample_data (self->hall_schedule));
  {
    GPtrArray *errors = fd_guide_catalog_get_load_errors (self->guide_catalog);

    for (guint i = 0; i < errors->len; i++)
      g_ptr_array_add (self->guide_problems, g_strdup (((GError *) g_ptr_array_index (errors, i))->message));
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUIDES_LOADED]);
}

static void
on_guide_catalog_loaded (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_guide_catalog_load_dir_finish (FD_GUIDE_CATALOG (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  guide_load_done (self, error);
}

static void
on_hall_schedule_loaded (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(FdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fd_hall_schedule_load_dir_finish (FD_HALL_SCHEDULE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  guide_load_done (self, error);
}

/* The guide catalogue and the hall calendar, each read once on a worker
 * thread; "guides-loaded" is notified when both are done. */
static void
load_guides (FdApplication *self)
{
  g_autofree char *dir = fd_guides_default_dir ();
  g_autofree char *calendar = g_build_filename (dir, "calendar", NULL);
  g_auto(GStrv) hall_dirs = fd_hall_folder_dirs ();

  self->guide_loads = 2;
  fd_guide_catalog_load_dir_async (self->guide_catalog, dir, self->cancellable,
                                   on_guide_catalog_loaded, g_object_ref (self));
  fd_hall_schedule_load_dir_async (self->hall_schedule, calendar, (const char * const *) hall_dirs,
                                   self->cancellable,
                                   on_hall_schedule_loaded, g_object_ref (self));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = on_quit },
  { .name = "preferences", .activate = on_preferences },
  { .name = "about", .activate = on_about },
};

static void
fd_application_startup (GApplication *app)
{
  FdApplication *self = FD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (fd_application_parent_class)->startup (app);
  g_free (_fd_renderer_pick (gdk_display_get_default ()));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  _fd_application_open_case_store (self);
  _fd_application_load_relay_token (self);
  load_guides (self);
}

static void
fd_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FdApplication *self = FD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CASE_STORE:
      g_value_set_object (value, self->case_store);
      break;
    case PROP_RELAY_TOKEN:
      g_value_take_string (value, fd_application_dup_relay_token (self));
      break;
    case PROP_GUIDES_LOADED:
      g_value_set_boolean (value, fd_application_get_guides_loaded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_application_dispose (GObject *object)
{
  FdApplication *self = FD_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->case_store);
  g_clear_object (&self->guide_catalog);
  g_clear_object (&self->hall_schedule);
  g_clear_object (&self->board);

  G_OBJECT_CLASS (fd_application_parent_class)->dispose (object);
}

static void
fd_application_finalize (GObject *object)
{
  FdApplication *self = FD_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->case_store_error);
  g_clear_pointer (&self->guide_problems, g_ptr_array_unref);
  g_clear_pointer (&self->relay_url, g_free);
  g_clear_pointer (&self->relay_token, g_free);
  g_clear_pointer (&self->stored_token, g_free);
  g_clear_error (&self->token_error);
  g_clear_pointer (&self->ice_addresses, g_strfreev);

  G_OBJECT_CLASS (fd_application_parent_class)->finalize (object);
}

static void
fd_application_class_init (FdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = fd_application_finalize;
  object_class->dispose = fd_application_dispose;
  object_class->get_property = fd_application_get_property;

  app_class->activate = fd_application_activate;
  app_class->startup = fd_application_startup;
  app_class->handle_local_options = fd_application_handle_local_options;

  /* The escort case store (FdCaseStore), set once opened; see fd_application_get_case_store(). */
  properties[PROP_CASE_STORE] =
    g_param_spec_object ("case-store", NULL, NULL, FD_TYPE_CASE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* TRUE once the guide catalogue and the hall calendar have been read
   * (with or without problems); see fd_application_get_guide_problems(). */
  properties[PROP_GUIDES_LOADED] =
    g_param_spec_boolean ("guides-loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The token this desk presents to the relay ("" until loaded or when none
   * is set); see fd_application_dup_relay_token(). */
  properties[PROP_RELAY_TOKEN] =
    g_param_spec_string ("relay-token", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_application_init (FdApplication *self)
{
  static const GOptionEntry options[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("User interface language: zh_CN, en or ru"), N_("LANG") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { "interpreter", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start as a remote interpreter’s station"), NULL },
    { "relay", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Relay address (ws://HOST:PORT/ws), instead of the one in Preferences"), N_("URL") },
    { "ice-address", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Local address video calls may use (repeat for more)"), N_("ADDRESS") },
    { "test-media", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Send a test picture and silence instead of camera and microphone"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check that video calls can work here (GStreamer elements, camera, microphone) and exit"),
      NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  self->cancellable = g_cancellable_new ();
  self->guide_catalog = fd_guide_catalog_new ();
  self->hall_schedule = fd_hall_schedule_new ();
  self->guide_problems = g_ptr_array_new_with_free_func (g_free);
}

FdApplication *
fd_application_new (const char *application_id,
                    FdLang      ui_lang)
{
  FdApplication *self;

  g_return_val_if_fail (application_id != NULL, NULL);

  self = g_object_new (FD_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
  self->ui_lang = ui_lang;
  self->settings = g_settings_new (BASE_ID);

  return self;
}

FdLang
fd_application_get_ui_lang (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), FD_LANG_EN);
  return self->ui_lang;
}

GSettings *
fd_application_get_settings (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* The case store opened at start-up (from the GSettings key database-uri),
 * or NULL while it opens or when opening failed (see
 * fd_application_get_case_store_error()). Watch notify::case-store. */
FdCaseStore *
fd_application_get_case_store (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);
  return self->case_store;
}

/* Why the case store could not be opened, or NULL. */
const GError *
fd_application_get_case_store_error (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);
  return self->case_store_error;
}

char *
fd_application_dup_relay_url (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);

  if (self->relay_url != NULL)
    return g_strdup (self->relay_url);
  return g_settings_get_string (self->settings, "relay-url");
}

const char * const *
fd_application_get_ice_addresses (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);
  return (const char * const *) self->ice_addresses;
}

gboolean
fd_application_get_test_media (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), FALSE);
  return self->test_media;
}

gboolean
fd_application_get_interpreter_mode (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), FALSE);
  return self->interpreter;
}

/* The guide catalogue, owned by the application and loaded once at
 * start-up: empty until fd_application_get_guides_loaded(). (transfer none) */
FdGuideCatalog *
fd_application_get_guide_catalog (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);
  return self->guide_catalog;
}

/* The hall calendar (holidays, make-up days), loaded with the catalogue.
 * (transfer none) */
FdHallSchedule *
fd_application_get_hall_schedule (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);
  return self->hall_schedule;
}

gboolean
fd_application_get_guides_loaded (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), FALSE);
  return self->guide_loads == 0 && fd_guide_catalog_get_loaded (self->guide_catalog);
}

/* Problems of both loads ("FILE:LINE:COL: ..." strings); complete once
 * the guides are loaded. Never NULL. */
GPtrArray *
fd_application_get_guide_problems (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);
  return self->guide_problems;
}

/* The conversation board (lines, recogniser, phrasebook, speech) the desk's
 * Board page and the applicant screen share; loaded on first use.
 * (transfer none) */
FdBoard *
fd_application_get_board (FdApplication *self)
{
  g_return_val_if_fail (FD_IS_APPLICATION (self), NULL);

  if (self->board == NULL)
    self->board = fd_board_new (NULL, NULL);
  return self->board;
}
