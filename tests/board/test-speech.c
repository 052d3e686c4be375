/* test-speech.c: what FdSpeech hands to speech-dispatcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts a private speech-dispatcher (its own config dir, socket, logs and
 * home in a temporary directory, found by FdSpeech through
 * $SPEECHD_ADDRESS as a client finds any server) whose only output module is
 * sd_generic running a shell command that appends "lang=L rate=R text=T" to
 * a capture file instead of making sound (texts containing SLOW then sleep,
 * so cutting off can be seen). The server's own audio goes to libao's null
 * driver.
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "fd-phrasebook.h"
#include "fd-speech.h"

static char *tmp_dir;
static char *capture_path;
static GSubprocess *server;

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* A private speech-dispatcher whose only output module is the capturing
 * sd_generic, or with @espeak, espeak-ng's module (sd_espeak-ng, with its
 * own defaults) as a hall runs it. */
static void
start_server_with (gboolean espeak)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *conf = NULL, *modules = NULL, *run = NULL, *socket = NULL, *text = NULL;
  g_autofree char *address = NULL, *path = NULL;
  const char *module;

  tmp_dir = g_dir_make_tmp ("fd-speech-XXXXXX", &error);
  g_assert_no_error (error);
  conf = g_build_filename (tmp_dir, "conf", NULL);
  modules = g_build_filename (conf, "modules", NULL);
  run = g_build_filename (tmp_dir, "run", NULL);
  socket = g_build_filename (run, "speechd.sock", NULL);
  capture_path = g_build_filename (run, "capture.txt", NULL);
  g_assert_cmpint (g_mkdir_with_parents (modules, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (run, 0700), ==, 0);

  module = espeak ? "AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\nDefaultModule espeak-ng\n"
           : "AddModule \"capture\" \"sd_generic\" \"capture.conf\"\nDefaultModule capture\n";
  text = g_strdup_printf ("LogLevel 3\nLogDir \"%s\"\nAudioOutputMethod \"libao\"\n%s"
                          "DefaultLanguage \"en\"\n", run, module);
  path = g_build_filename (conf, "speechd.conf", NULL);
  write_file (path, text);
  g_free (text);
  g_free (path);

  /* GenericExecuteSynth last: after it, GenericDelimiters was not applied
   * (a message was still cut at ". "). One synth call per message. */
  text = g_strdup_printf ("GenericMaxChunkLength 100000\nGenericDelimiters \"\x1e\"\n"
                          "GenericLanguage \"zh\" \"zh\" \"utf-8\"\n"
                          "GenericLanguage \"en\" \"en\" \"utf-8\"\n"
                          "GenericLanguage \"ru\" \"ru\" \"utf-8\"\n"
                          "GenericRateAdd 0\nGenericRateMultiply 100\nGenericRateForceInteger 1\n"
                          "AddVoice \"zh\" \"MALE1\" \"zh\"\nAddVoice \"en\" \"MALE1\" \"en\"\n"
                          "AddVoice \"ru\" \"MALE1\" \"ru\"\nDefaultVoice \"en\"\n"
                          "GenericExecuteSynth \"printf 'lang=%%s rate=%%s text=' '$LANGUAGE' '$RATE' >> %1$s; "
                          "printf %%s \\'$DATA\\' >> %1$s; echo >> %1$s; "
                          "if printf %%s \\'$DATA\\' | grep -q SLOW; then sleep 30; fi\"\n", capture_path);
  path = g_build_filename (modules, "capture.conf", NULL);
  write_file (path, text);
  g_free (path);
  path = g_build_filename (modules, "espeak-ng.conf", NULL);
  write_file (path, "");
  g_free (path);

  /* libao (the server's audio) plays into its null driver */
  path = g_build_filename (run, ".libao", NULL);
  write_file (path, "default_driver=null\n");

  g_subprocess_launcher_setenv (launcher, "HOME", run, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", run, TRUE);
  server = g_subprocess_launcher_spawn (launcher, &error, "speech-dispatcher", "-s", "-t", "120",
                                        "-C", conf, "-c", "unix_socket", "-S", socket, "-L", run, NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 150 && !g_file_test (socket, G_FILE_TEST_EXISTS); i++)
    g_usleep (100 * 1000);
  g_assert_true (g_file_test (socket, G_FILE_TEST_EXISTS));

  address = g_strdup_printf ("unix_socket:%s", socket);
  g_setenv ("SPEECHD_ADDRESS", address, TRUE);
}

static void
start_server (void)
{
  start_server_with (FALSE);
}

static void
stop_server (void)
{
  g_autofree char *cmd = NULL;

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&capture_path, g_free);
}

static char **
captured (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (capture_path, &text, NULL, NULL))
    return g_new0 (char *, 1);
  return g_strsplit (g_strchomp (text), "\n", -1);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @n lines are captured and @speech is idle again
 * (or @seconds pass); returns the lines. */
static char **
wait_for_lines (FdSpeech *speech,
                guint     n,
                guint     seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_timeout, &timed_out);

  while (!timed_out)
    {
      g_auto(GStrv) lines = captured ();

      if (g_strv_length (lines) >= n && (speech == NULL || fd_speech_get_state (speech) == FD_SPEECH_IDLE))
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
  if (!timed_out)
    g_source_remove (id);
  return captured ();
}

static void
test_never_unasked (void)
{
  g_autoptr(FdSpeech) speech = fd_speech_new ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = g_strnfill (FD_SPEECH_MAX_TEXT + 1, 'a');

  start_server ();

  /* Nothing is said without a request, and bad requests say nothing. */
  g_assert_false (fd_speech_speak (speech, FD_LANG_EN, "   ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (fd_speech_speak (speech, FD_LANG_EN, "bad \xff text", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (fd_speech_speak (speech, FD_LANG_EN, too_long, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  lines = wait_for_lines (NULL, 1, 2);
  g_assert_cmpuint (g_strv_length (lines), ==, 0);
  g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_IDLE);

  g_clear_object (&speech);
  stop_server ();
}

static void
test_languages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fd_phrasebook_default_path ();
  g_autoptr(FdPhrasebook) book = fd_phrasebook_new_from_file (path, &error);
  g_autoptr(FdSpeech) speech = fd_speech_new ();
  static const struct { FdLang lang; int rate; const char *expected; } cases[] = {
    { FD_LANG_ZH_CN, -30, "lang=zh rate=-30 text=请到5号窗口办理。" },
    { FD_LANG_EN, 0, "lang=en rate=0 text=Please go to window 5." },
    { FD_LANG_RU, 40, "lang=ru rate=40 text=Пожалуйста, подойдите к окну номер 5." },
  };

  g_assert_no_error (error);
  start_server ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = fd_phrase_format (fd_phrasebook_lookup (book, "window"), cases[i].lang, 5);
      g_auto(GStrv) lines = NULL;

      fd_speech_set_rate (speech, cases[i].rate);
      g_assert_cmpint (fd_speech_get_rate (speech), ==, cases[i].rate);
      g_assert_true (fd_speech_speak (speech, cases[i].lang, text, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_SPEAKING);

      lines = wait_for_lines (speech, i + 1, 30);
      g_assert_cmpuint (g_strv_length (lines), ==, i + 1);
      g_assert_cmpstr (lines[i], ==, cases[i].expected);
      g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_IDLE);
      g_assert_null (fd_speech_get_error_message (speech));
    }

  g_clear_object (&speech);
  stop_server ();
}

static void
test_stop_and_cut_off (void)
{
  g_autoptr(FdSpeech) speech = fd_speech_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  start_server ();

  /* A long prompt (the capture command sleeps 30 s on SLOW) is cut off by
   * the next one: the next reaches the module well before 30 s. */
  g_assert_true (fd_speech_speak (speech, FD_LANG_EN, "SLOW first prompt", &error));
  g_strfreev (wait_for_lines (NULL, 1, 20));
  g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_SPEAKING);
  g_assert_true (fd_speech_speak (speech, FD_LANG_RU, "Второй", &error));
  lines = wait_for_lines (speech, 2, 20);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "lang=en rate=0 text=SLOW first prompt");
  g_assert_cmpstr (lines[1], ==, "lang=ru rate=0 text=Второй");
  g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_IDLE);
  g_strfreev (g_steal_pointer (&lines));

  /* Stop silences a long prompt and leaves the object idle. */
  g_assert_true (fd_speech_speak (speech, FD_LANG_EN, "SLOW again", &error));
  g_strfreev (wait_for_lines (NULL, 3, 20));
  fd_speech_stop (speech);
  g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_IDLE);
  g_assert_true (fd_speech_speak (speech, FD_LANG_EN, "after stop", &error));
  lines = wait_for_lines (speech, 4, 20);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "lang=en rate=0 text=after stop");
  g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_IDLE);

  g_clear_object (&speech);
  stop_server ();
}

static void
test_one_line (void)
{
  static const struct { FdLang lang; const char *text; const char *expected; } cases[] = {
    { FD_LANG_ZH_CN, "北京市居住证申领\n办理流程\n网上或窗口提交申请\n", "北京市居住证申领。办理流程。网上或窗口提交申请" },
    { FD_LANG_ZH_CN, "请稍等。\n\n  马上就好  \r\n", "请稍等。马上就好" },
    { FD_LANG_EN, "Procedure\nSubmit the application  \n\nThe window checks it.\n", "Procedure. Submit the application. The window checks it." },
    { FD_LANG_RU, "Порядок\r\nПодайте заявление\xe2\x80\xa8Окно", "Порядок. Подайте заявление. Окно" },
    { FD_LANG_EN, "\nHello!\n", "Hello!" },
    { FD_LANG_EN, "one line", "one line" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = fd_speech_one_line (cases[i].lang, cases[i].text);

      g_assert_cmpstr (line, ==, cases[i].expected);
    }
}

/* A text of several lines (a guide's name and steps, as the applicant
 * screen's Read Aloud sends it, ending in a line break) said by FdSpeech to a
 * freshly started speech-dispatcher: speech-dispatcher 0.11.4's output
 * modules misread a message of several lines when they read it before its
 * end has arrived (module_readline.c), which a fresh server on a quiet
 * machine did for most such first messages: "301 ERROR CANT SPEAK", nothing
 * captured, no END. Each text must reach the module whole, as one line, and
 * end. A few fresh servers, since whether the module reads early is timing. */
static void
test_several_lines (void)
{
  static const struct { FdLang lang; const char *text; const char *expected; } cases[] = {
    { FD_LANG_ZH_CN, "北京市居住证申领\n办理流程\n网上或窗口提交申请\n窗口受理并审核材料\n制证后通知领取\n居住证每年签注一次\n",
      "lang=zh rate=0 text=北京市居住证申领。办理流程。网上或窗口提交申请。窗口受理并审核材料。制证后通知领取。居住证每年签注一次" },
    { FD_LANG_EN, "Beijing residence permit application\nProcedure\nSubmit the application online or at the window\n"
      "The window accepts the application and checks the documents\n",
      "lang=en rate=0 text=Beijing residence permit application. Procedure. Submit the application online or at "
      "the window. The window accepts the application and checks the documents" },
    { FD_LANG_RU, "Порядок\nПодайте заявление\nОкно проверит документы\n",
      "lang=ru rate=0 text=Порядок. Подайте заявление. Окно проверит документы" },
  };

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(FdSpeech) speech = fd_speech_new ();
        g_autoptr(GError) error = NULL;
        g_auto(GStrv) lines = NULL;

        start_server ();
        g_assert_true (fd_speech_speak (speech, cases[i].lang, cases[i].text, &error));
        g_assert_no_error (error);
        lines = wait_for_lines (speech, 1, 15);
        g_assert_cmpuint (g_strv_length (lines), ==, 1);
        g_assert_cmpstr (lines[0], ==, cases[i].expected);
        /* the module's END reached FdSpeech */
        g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_IDLE);
        g_clear_object (&speech);
        stop_server ();
      }
}

/* The app's path with espeak-ng's module, as a hall runs it: texts of
 * several lines in zh, en and ru are taken and spoken to their end (the END
 * notification reaches FdSpeech), with no refusal in speech-dispatcher's
 * log. */
static void
test_espeak (void)
{
  static const struct { FdLang lang; const char *text; } cases[] = {
    { FD_LANG_ZH_CN, "居住证申领\n办理流程\n网上提交申请\n" },
    { FD_LANG_EN, "Residence permit\nProcedure\nSubmit the application\n" },
    { FD_LANG_RU, "Разрешение\nПорядок\nПодайте заявление\n" },
  };
  g_autofree char *log_path = NULL, *log = NULL;

  start_server_with (TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FdSpeech) speech = fd_speech_new ();
      g_autoptr(GError) error = NULL;
      gboolean timed_out = FALSE;
      guint id;

      g_assert_true (fd_speech_speak (speech, cases[i].lang, cases[i].text, &error));
      g_assert_no_error (error);
      id = g_timeout_add_seconds (60, on_timeout, &timed_out);
      while (!timed_out && fd_speech_get_state (speech) == FD_SPEECH_SPEAKING)
        g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (id);
      g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_IDLE);
    }
  log_path = g_build_filename (tmp_dir, "run", "speech-dispatcher.log", NULL);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_null (strstr (log, "CANT SPEAK"));
  g_assert_null (strstr (log, "Module reported error in speaking"));
  stop_server ();
}

static void
test_no_server (void)
{
  g_autoptr(FdSpeech) speech = fd_speech_new ();
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;

  /* A server address that answers nothing: the state says why, nothing hangs. */
  g_setenv ("SPEECHD_ADDRESS", "unix_socket:/nonexistent/speechd.sock", TRUE);
  g_assert_true (fd_speech_speak (speech, FD_LANG_EN, "hello", &error));
  g_timeout_add_seconds (30, on_timeout, &timed_out);
  while (!timed_out && fd_speech_get_state (speech) != FD_SPEECH_FAILED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (fd_speech_get_state (speech), ==, FD_SPEECH_FAILED);
  g_assert_nonnull (strstr (fd_speech_get_error_message (speech), "speech-dispatcher"));
  g_unsetenv ("SPEECHD_ADDRESS");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board/speech/never-unasked", test_never_unasked);
  g_test_add_func ("/board/speech/languages", test_languages);
  g_test_add_func ("/board/speech/stop-and-cut-off", test_stop_and_cut_off);
  g_test_add_func ("/board/speech/no-server", test_no_server);
  g_test_add_func ("/board/speech/one-line", test_one_line);
  g_test_add_func ("/board/speech/several-lines", test_several_lines);
  g_test_add_func ("/board/speech/espeak-ng", test_espeak);

  return g_test_run ();
}
