/* test-lang.c: language codes and i18n set-up on a C.UTF-8-only machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libintl.h>
#include <locale.h>

#include "fd-lang.h"

static void
test_from_string (void)
{
  static const struct { const char *in; gboolean ok; FdLang lang; } cases[] = {
    { "zh_CN", TRUE, FD_LANG_ZH_CN },
    { "zh-CN", TRUE, FD_LANG_ZH_CN },
    { "zh-Hans", TRUE, FD_LANG_ZH_CN },
    { "zh_CN.UTF-8", TRUE, FD_LANG_ZH_CN },
    { "zh", TRUE, FD_LANG_ZH_CN },
    { "en", TRUE, FD_LANG_EN },
    { "en_GB.UTF-8", TRUE, FD_LANG_EN },
    { "ru", TRUE, FD_LANG_RU },
    { "ru_RU.UTF-8@latin", TRUE, FD_LANG_RU },
    { "RU", TRUE, FD_LANG_RU },
    { "zh_TW", FALSE, 0 },
    { "de_DE", FALSE, 0 },
    { "", FALSE, 0 },
    { "r", FALSE, 0 },
    { "english", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FdLang lang = 99;
      gboolean ok = fd_lang_from_string (cases[i].in, &lang);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (lang, ==, cases[i].lang);
    }
  g_assert_false (fd_lang_from_string (NULL, NULL));
}

static void
test_codes (void)
{
  g_assert_cmpstr (fd_lang_to_code (FD_LANG_ZH_CN), ==, "zh_CN");
  g_assert_cmpstr (fd_lang_to_tag (FD_LANG_ZH_CN), ==, "zh-CN");
  g_assert_cmpstr (fd_lang_to_code (FD_LANG_RU), ==, "ru");
  g_assert_cmpstr (fd_lang_native_name (FD_LANG_RU), ==, "Русский");

  /* Every code maps back to its own language. */
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    {
      FdLang back;

      g_assert_true (fd_lang_from_string (fd_lang_to_code (l), &back));
      g_assert_cmpint (back, ==, l);
      g_assert_true (fd_lang_from_string (fd_lang_to_tag (l), &back));
      g_assert_cmpint (back, ==, l);
    }
}

static void
clear_locale_env (void)
{
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LANG");
}

static void
test_from_environment (void)
{
  clear_locale_env ();
  g_assert_cmpint (fd_lang_from_environment (), ==, FD_LANG_EN);

  g_setenv ("LANG", "ru_RU.UTF-8", TRUE);
  g_assert_cmpint (fd_lang_from_environment (), ==, FD_LANG_RU);

  /* LC_ALL wins over LANG */
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  g_assert_cmpint (fd_lang_from_environment (), ==, FD_LANG_ZH_CN);

  /* LANGUAGE lists preferences; the first of ours wins */
  g_setenv ("LANGUAGE", "de:ru:en", TRUE);
  g_assert_cmpint (fd_lang_from_environment (), ==, FD_LANG_RU);

  /* A locale that is not ours decides: English, not a lower variable */
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_assert_cmpint (fd_lang_from_environment (), ==, FD_LANG_EN);
  clear_locale_env ();
}

/* The real catalogues built by meson into <build>/po/<lang>/LC_MESSAGES. */
static void
check_translation (const char *requested,
                   FdLang      expected_lang,
                   const char *msgid,
                   const char *expected)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("FD_BUILD_ROOT"), "po", NULL);
  FdLang lang;

  clear_locale_env ();
  lang = fd_i18n_init (requested, GETTEXT_PACKAGE, localedir);
  g_assert_cmpint (lang, ==, expected_lang);
  /* Whatever locale the machine has, it is never plain C afterwards. */
  g_assert_cmpstr (setlocale (LC_ALL, NULL), !=, "C");
  g_assert_cmpstr (gettext (msgid), ==, expected);
}

static void
test_init_zh (void)
{
  if (g_test_subprocess ())
    {
      check_translation ("zh_CN", FD_LANG_ZH_CN, "Preferences", "首选项");
      g_assert_cmpstr (g_getenv ("PANGO_LANGUAGE"), ==, "zh-cn");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_init_ru (void)
{
  if (g_test_subprocess ())
    {
      check_translation ("ru", FD_LANG_RU, "Preferences", "Параметры");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_init_en (void)
{
  if (g_test_subprocess ())
    {
      check_translation ("en", FD_LANG_EN, "Preferences", "Preferences");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_init_system (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("FD_BUILD_ROOT"), "po", NULL);

      clear_locale_env ();
      g_setenv ("LANG", "ru_RU.UTF-8", TRUE);
      /* "system" follows LANG even where ru_RU.UTF-8 is not installed */
      g_assert_cmpint (fd_i18n_init ("system", GETTEXT_PACKAGE, localedir), ==, FD_LANG_RU);
      g_assert_cmpstr (gettext ("Preferences"), ==, "Параметры");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lang/from-string", test_from_string);
  g_test_add_func ("/lang/codes", test_codes);
  g_test_add_func ("/lang/from-environment", test_from_environment);
  g_test_add_func ("/lang/init/zh_CN", test_init_zh);
  g_test_add_func ("/lang/init/ru", test_init_ru);
  g_test_add_func ("/lang/init/en", test_init_en);
  g_test_add_func ("/lang/init/system", test_init_system);

  return g_test_run ();
}
