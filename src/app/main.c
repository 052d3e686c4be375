/* main.c: start-up of the Frontdesk desk app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-lang.h"

/* The UI language must be fixed before GTK starts, so --lang is read here,
 * ahead of GApplication's own option parsing (which accepts and documents it). */
static char *
find_lang_option (int    argc,
                  char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--lang="))
        return g_strdup (argv[i] + strlen ("--lang="));
      if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        return g_strdup (argv[i + 1]);
      if (g_str_equal (argv[i], "--"))
        break;
    }
  return NULL;
}

static char *
settings_language (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* A missing schema must not abort start-up: fall back to the system. */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE)) == NULL)
    return NULL;
  settings = g_settings_new (BASE_ID);
  return g_settings_get_string (settings, "ui-language");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(FdApplication) app = NULL;
  g_autofree char *requested = NULL;
  const char *localedir;
  FdLang lang;

  requested = find_lang_option (argc, argv);
  if (requested != NULL && !g_str_equal (requested, "system"))
    {
      FdLang check;

      if (!fd_lang_from_string (requested, &check))
        {
          g_printerr ("frontdesk: unknown language “%s”; use zh_CN, en or ru\n", requested);
          return 2;
        }
    }
  if (requested == NULL)
    requested = settings_language ();

  /* FRONTDESK_LOCALEDIR lets the uninstalled build (tests, ./dev.sh run)
   * use the catalogues meson built. */
  localedir = g_getenv ("FRONTDESK_LOCALEDIR");
  lang = fd_i18n_init (requested, GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);

  app = fd_application_new (APP_ID, lang);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
