/* fd-lang.c: the three languages Frontdesk speaks, and process i18n set-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-lang"

#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "fd-lang.h"

static const struct {
  const char *code;   /* gettext catalogue name */
  const char *tag;    /* BCP 47 tag for Pango and xml:lang */
  const char *native; /* the language's name in itself */
} langs[FD_N_LANGS] = {
  [FD_LANG_ZH_CN] = { "zh_CN", "zh-CN", "中文（简体）" },
  [FD_LANG_EN]    = { "en",    "en",    "English" },
  [FD_LANG_RU]    = { "ru",    "ru",    "Русский" },
};

const char *
fd_lang_to_code (FdLang lang)
{
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);
  return langs[lang].code;
}

const char *
fd_lang_to_tag (FdLang lang)
{
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);
  return langs[lang].tag;
}

const char *
fd_lang_native_name (FdLang lang)
{
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);
  return langs[lang].native;
}

/* Accepts gettext codes, BCP 47 tags and POSIX locale names:
 * "zh_CN", "zh-CN", "zh-Hans", "zh", "zh_CN.UTF-8", "en_US", "ru_RU.UTF-8@x". */
gboolean
fd_lang_from_string (const char *str,
                     FdLang     *out_lang)
{
  g_autofree char *lower = NULL;
  char *end;

  if (str == NULL || *str == '\0')
    return FALSE;

  lower = g_ascii_strdown (str, -1);
  /* Strip encoding and modifier: "ru_ru.utf-8@x" → "ru_ru" */
  if ((end = strpbrk (lower, ".@")) != NULL)
    *end = '\0';
  g_strdelimit (lower, "-", '_');

  if (g_str_equal (lower, "zh") || g_str_equal (lower, "zh_cn") ||
      g_str_equal (lower, "zh_hans") || g_str_equal (lower, "zh_hans_cn") ||
      g_str_equal (lower, "zh_sg"))
    *out_lang = FD_LANG_ZH_CN;
  else if (g_str_equal (lower, "en") || g_str_has_prefix (lower, "en_"))
    *out_lang = FD_LANG_EN;
  else if (g_str_equal (lower, "ru") || g_str_has_prefix (lower, "ru_"))
    *out_lang = FD_LANG_RU;
  else
    return FALSE;

  return TRUE;
}

/* The language the user's environment asks for, by the same precedence
 * gettext uses; English (the source language) when none of ours is asked. */
FdLang
fd_lang_from_environment (void)
{
  static const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *value = g_getenv (vars[i]);
      g_auto(GStrv) parts = NULL;

      if (value == NULL || *value == '\0')
        continue;

      parts = g_strsplit (value, ":", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        {
          FdLang lang;

          if (fd_lang_from_string (parts[j], &lang))
            return lang;
        }

      /* LANGUAGE lists only preferences; the others name one locale and
       * decide, even when it is not one of ours (e.g. LANG=de_DE). */
      if (i > 0)
        break;
    }

  return FD_LANG_EN;
}

static gboolean
locale_is_plain_c (const char *locale)
{
  return locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX");
}

/*
 * Sets up the process locale and gettext for the UI language.
 *
 * @requested: a language code from --lang or the settings, or NULL / "" /
 *   "system" to follow the environment.
 *
 * glibc ignores LANGUAGE while the locale is plain "C", and many machines
 * have no locale but C.UTF-8: so we try the language's own UTF-8 locale,
 * then the environment's, and fall back to C.UTF-8, with LANGUAGE naming the
 * catalogue. Returns the language the UI will be in.
 */
FdLang
fd_i18n_init (const char *requested,
              const char *domain,
              const char *localedir)
{
  FdLang lang;
  gboolean explicit = FALSE;
  const char *locale = NULL;

  if (requested != NULL && *requested != '\0' && !g_str_equal (requested, "system"))
    explicit = fd_lang_from_string (requested, &lang);

  if (!explicit)
    lang = fd_lang_from_environment ();

  if (explicit)
    {
      static const char *full_locales[FD_N_LANGS] = {
        [FD_LANG_ZH_CN] = "zh_CN.UTF-8",
        [FD_LANG_EN] = "en_US.UTF-8",
        [FD_LANG_RU] = "ru_RU.UTF-8",
      };

      g_setenv ("LANGUAGE", fd_lang_to_code (lang), TRUE);
      locale = setlocale (LC_ALL, full_locales[lang]);
    }

  if (locale == NULL)
    locale = setlocale (LC_ALL, "");
  if (locale_is_plain_c (locale))
    {
      locale = setlocale (LC_ALL, "C.UTF-8");
      /* Under C.UTF-8 gettext reads LANGUAGE only: name our choice there
       * unless the environment already lists preferences. */
      if (locale != NULL && (g_getenv ("LANGUAGE") == NULL || *g_getenv ("LANGUAGE") == '\0'))
        g_setenv ("LANGUAGE", fd_lang_to_code (lang), TRUE);
    }

  /* Pango picks glyph forms for Han characters from its preferred
   * languages: name ours so Chinese is shown with Simplified Chinese forms. */
  g_setenv ("PANGO_LANGUAGE",
            lang == FD_LANG_ZH_CN ? "zh-cn" : (lang == FD_LANG_RU ? "ru:zh-cn" : "en:zh-cn"),
            TRUE);

  if (domain != NULL)
    {
      bindtextdomain (domain, localedir);
      bind_textdomain_codeset (domain, "UTF-8");
      textdomain (domain);
    }

  return lang;
}
