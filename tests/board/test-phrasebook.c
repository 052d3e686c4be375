/* test-phrasebook.c: the desk phrasebook, complete in zh-CN/en/ru, with
 * Russian (and English) plural forms right where numbers appear
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fd-phrasebook.h"

static FdPhrasebook *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fd_phrasebook_default_path ();
  FdPhrasebook *book;

  /* The tests run with FRONTDESK_DATADIR=<build>/data, as dev.sh does. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  book = fd_phrasebook_new_from_file (path, &error);
  g_assert_no_error (error);
  return book;
}

static void
test_complete (void)
{
  g_autoptr(FdPhrasebook) book = load_shipped ();
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_phrases = 0;
  static const char * const needed[] = { "greeting", "talk", "queue", "directions", "documents",
                                         "time", "fees", "help" };
  static const char * const needed_phrases[] = { "hello", "take-number", "window", "floor", "missing",
                                                 "come-back-days", "wait-minutes", "free", "fee-yuan",
                                                 "write-down" };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (book)) == FD_TYPE_PHRASE_CATEGORY);

  for (guint c = 0; c < g_list_model_get_n_items (G_LIST_MODEL (book)); c++)
    {
      g_autoptr(FdPhraseCategory) category = g_list_model_get_item (G_LIST_MODEL (book), c);
      GListModel *phrases = fd_phrase_category_get_phrases (category);

      g_hash_table_add (categories, (gpointer) fd_phrase_category_get_id (category));
      for (FdLang l = 0; l < FD_N_LANGS; l++)
        g_assert_nonnull (fd_phrase_category_get_name (category, l));
      g_assert_cmpuint (g_list_model_get_n_items (phrases), >, 0);

      for (guint i = 0; i < g_list_model_get_n_items (phrases); i++)
        {
          g_autoptr(FdPhrase) phrase = g_list_model_get_item (phrases, i);
          FdPhraseNumber number = fd_phrase_get_number (phrase);

          n_phrases++;
          g_test_message ("%s", fd_phrase_get_id (phrase));
          g_assert_cmpstr (fd_phrase_get_category (phrase), ==, fd_phrase_category_get_id (category));
          g_assert_true (fd_phrasebook_lookup (book, fd_phrase_get_id (phrase)) == phrase);

          for (FdLang l = 0; l < FD_N_LANGS; l++)
            {
              /* Exactly the forms the language has: zh other; en one, other;
               * ru one, few, many (count phrases); other alone otherwise. */
              for (FdPlural f = 0; f < FD_N_PLURALS; f++)
                {
                  const char *form = fd_phrase_get_form (phrase, l, f);
                  gboolean wanted;

                  if (number != FD_PHRASE_COUNT)
                    wanted = f == FD_PLURAL_OTHER;
                  else if (l == FD_LANG_ZH_CN)
                    wanted = f == FD_PLURAL_OTHER;
                  else if (l == FD_LANG_EN)
                    wanted = f == FD_PLURAL_ONE || f == FD_PLURAL_OTHER;
                  else
                    wanted = f == FD_PLURAL_ONE || f == FD_PLURAL_FEW || f == FD_PLURAL_MANY;

                  g_test_message ("  %s %s: %s", fd_lang_to_tag (l), fd_plural_to_string (f), form);
                  g_assert_true ((form != NULL) == wanted);
                  if (form != NULL)
                    {
                      g_assert_true (g_utf8_validate (form, -1, NULL));
                      /* {n} exactly once in a numbered phrase, never elsewhere */
                      if (number == FD_PHRASE_PLAIN)
                        g_assert_null (strstr (form, "{n}"));
                      else
                        {
                          g_assert_nonnull (strstr (form, "{n}"));
                          g_assert_null (strstr (strstr (form, "{n}") + 3, "{n}"));
                        }
                      /* Chinese text in Chinese, the others not */
                      if (l == FD_LANG_ZH_CN)
                        g_assert_true (g_unichar_get_script (g_utf8_get_char (form)) == G_UNICODE_SCRIPT_HAN
                                       || strstr (form, "{n}") == form);
                    }
                }
            }
        }
    }

  g_assert_cmpuint (n_phrases, >=, 60);
  g_assert_cmpuint (n_phrases, ==, fd_phrasebook_get_n_phrases (book));
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    g_assert_true (g_hash_table_contains (categories, needed[i]));
  for (guint i = 0; i < G_N_ELEMENTS (needed_phrases); i++)
    g_assert_nonnull (fd_phrasebook_lookup (book, needed_phrases[i]));
}

static void
test_plural_rules (void)
{
  static const struct { guint64 n; FdPlural ru; FdPlural en; } cases[] = {
    { 0, FD_PLURAL_MANY, FD_PLURAL_OTHER }, { 1, FD_PLURAL_ONE, FD_PLURAL_ONE },
    { 2, FD_PLURAL_FEW, FD_PLURAL_OTHER }, { 4, FD_PLURAL_FEW, FD_PLURAL_OTHER },
    { 5, FD_PLURAL_MANY, FD_PLURAL_OTHER }, { 11, FD_PLURAL_MANY, FD_PLURAL_OTHER },
    { 12, FD_PLURAL_MANY, FD_PLURAL_OTHER }, { 14, FD_PLURAL_MANY, FD_PLURAL_OTHER },
    { 21, FD_PLURAL_ONE, FD_PLURAL_OTHER }, { 22, FD_PLURAL_FEW, FD_PLURAL_OTHER },
    { 25, FD_PLURAL_MANY, FD_PLURAL_OTHER }, { 101, FD_PLURAL_ONE, FD_PLURAL_OTHER },
    { 111, FD_PLURAL_MANY, FD_PLURAL_OTHER }, { 112, FD_PLURAL_MANY, FD_PLURAL_OTHER },
    { 1002, FD_PLURAL_FEW, FD_PLURAL_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (fd_plural_for (FD_LANG_RU, cases[i].n), ==, cases[i].ru);
      g_assert_cmpint (fd_plural_for (FD_LANG_EN, cases[i].n), ==, cases[i].en);
      g_assert_cmpint (fd_plural_for (FD_LANG_ZH_CN, cases[i].n), ==, FD_PLURAL_OTHER);
    }
}

/* Whole sentences as a Russian reader must see them. */
static void
test_russian_numbers (void)
{
  g_autoptr(FdPhrasebook) book = load_shipped ();
  static const struct { const char *id; guint64 n; const char *ru; const char *en; } cases[] = {
    { "come-back-days", 1, "Пожалуйста, приходите через 1 рабочий день.", "Please come back in 1 working day." },
    { "come-back-days", 3, "Пожалуйста, приходите через 3 рабочих дня.", "Please come back in 3 working days." },
    { "come-back-days", 5, "Пожалуйста, приходите через 5 рабочих дней.", NULL },
    { "come-back-days", 11, "Пожалуйста, приходите через 11 рабочих дней.", NULL },
    { "come-back-days", 21, "Пожалуйста, приходите через 21 рабочий день.", "Please come back in 21 working days." },
    { "ready-days", 1, "Будет готово в течение 1 рабочего дня.", NULL },
    { "ready-days", 20, "Будет готово в течение 20 рабочих дней.", NULL },
    { "wait-minutes", 1, "Ждать придётся примерно 1 минуту.", "The wait is about 1 minute." },
    { "wait-minutes", 3, "Ждать придётся примерно 3 минуты.", NULL },
    { "wait-minutes", 15, "Ждать придётся примерно 15 минут.", "The wait is about 15 minutes." },
    { "people-ahead", 2, "Перед вами 2 человека.", "There are 2 people ahead of you." },
    { "people-ahead", 7, "Перед вами 7 человек.", NULL },
    { "missing-count", 1, "Нужен ещё 1 документ.", "1 more document is needed." },
    { "missing-count", 2, "Нужно ещё 2 документа.", NULL },
    { "fee-yuan", 12, "Сбор составляет 12 юаней.", "The fee is 12 yuan." },
    { "fee-yuan", 22, "Сбор составляет 22 юаня.", NULL },
    { "window", 5, "Пожалуйста, подойдите к окну номер 5.", "Please go to window 5." },
    { "floor", 2, "Пожалуйста, пройдите на 2-й этаж.", "Please go to floor 2." },
    { "write-down", 7, "Пожалуйста, напишите это.", "Please write it down." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FdPhrase *phrase = fd_phrasebook_lookup (book, cases[i].id);
      g_autofree char *ru = NULL;
      g_autofree char *en = NULL;
      g_autofree char *zh = NULL;

      g_assert_nonnull (phrase);
      ru = fd_phrase_format (phrase, FD_LANG_RU, cases[i].n);
      en = fd_phrase_format (phrase, FD_LANG_EN, cases[i].n);
      zh = fd_phrase_format (phrase, FD_LANG_ZH_CN, cases[i].n);
      g_assert_cmpstr (ru, ==, cases[i].ru);
      if (cases[i].en != NULL)
        g_assert_cmpstr (en, ==, cases[i].en);
      g_assert_null (strstr (zh, "{n}"));
    }

  /* In every Russian count phrase the three forms differ where the grammar
   * needs it: the form for 1 never equals the form for 5. */
  for (guint c = 0; c < g_list_model_get_n_items (G_LIST_MODEL (book)); c++)
    {
      g_autoptr(FdPhraseCategory) category = g_list_model_get_item (G_LIST_MODEL (book), c);
      GListModel *phrases = fd_phrase_category_get_phrases (category);

      for (guint i = 0; i < g_list_model_get_n_items (phrases); i++)
        {
          g_autoptr(FdPhrase) phrase = g_list_model_get_item (phrases, i);

          if (fd_phrase_get_number (phrase) == FD_PHRASE_COUNT && strcmp (fd_phrase_get_id (phrase), "people-ahead") != 0)
            g_assert_cmpstr (fd_phrase_get_form (phrase, FD_LANG_RU, FD_PLURAL_ONE), !=,
                             fd_phrase_get_form (phrase, FD_LANG_RU, FD_PLURAL_MANY));
        }
    }
}

static void
test_bad_data (void)
{
  static const char * const bad[] = {
    "",
    "<phrasebook version=\"2\"><category id=\"a\"/></phrasebook>",
    "<phrasebook version=\"1\"></phrasebook>",
    "<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\"><text xml:lang=\"en\">Hi</text></phrase></category></phrasebook>",
    "<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\"><text xml:lang=\"zh-CN\">好</text></phrase>"
    "<phrase id=\"x\"><text xml:lang=\"zh-CN\">好</text></phrase></category></phrasebook>",
    "<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\"><text xml:lang=\"zh-CN\" plural=\"one\">好</text></phrase></category></phrasebook>",
    "<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\" number=\"count\"><text xml:lang=\"zh-CN\">{n}</text></phrase></category></phrasebook>",
    "<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\"><text xml:lang=\"zh-CN\">好</text><text xml:lang=\"zh-CN\">好</text></phrase></category></phrasebook>",
    "<phrasebook version=\"1\"><category id=\"a\"><script/></category></phrasebook>",
    "<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\"><text xml:lang=\"zh-CN\"></text></phrase></category></phrasebook>",
    "<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\"><text xml:lang=\"zh-CN\">好",
  };
  g_autoptr(GString) huge = g_string_new ("<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\"><text xml:lang=\"zh-CN\">");
  g_autoptr(GError) error = NULL;
  g_autoptr(FdPhrasebook) ok = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(FdPhrasebook) book = fd_phrasebook_new_from_data (bad[i], -1, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (book);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  for (guint i = 0; i <= FD_PHRASEBOOK_MAX_TEXT / 3; i++)
    g_string_append (huge, "好");
  g_string_append (huge, "</text></phrase></category></phrasebook>");
  g_assert_null (fd_phrasebook_new_from_data (huge->str, huge->len, &error));
  g_assert_error (error, FD_PHRASEBOOK_ERROR, FD_PHRASEBOOK_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* A language Frontdesk does not speak is skipped; a missing one falls back to Chinese. */
  ok = fd_phrasebook_new_from_data ("<phrasebook version=\"1\"><category id=\"a\"><phrase id=\"x\">"
                                    "<text xml:lang=\"zh-CN\">好</text><text xml:lang=\"fr\">Bien</text>"
                                    "</phrase></category></phrasebook>", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fd_phrase_get_text (fd_phrasebook_lookup (ok, "x"), FD_LANG_RU), ==, "好");
  g_assert_null (fd_phrase_get_form (fd_phrasebook_lookup (ok, "x"), FD_LANG_RU, FD_PLURAL_OTHER));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board/phrasebook/complete", test_complete);
  g_test_add_func ("/board/phrasebook/plural-rules", test_plural_rules);
  g_test_add_func ("/board/phrasebook/russian-numbers", test_russian_numbers);
  g_test_add_func ("/board/phrasebook/bad-data", test_bad_data);

  return g_test_run ();
}
