/* test-guide-print.c: the app's checklist export writes a PDF in the
 * chosen content language, whatever the UI language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "fd-guide-catalog.h"
#include "fd-guide-print.h"
#include "fd-guide-search.h"
#include "fd-guide-strings.h"
#include "fd-hall-folder.h"
#include "guides-fixture.h"

static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_test_skip_printf ("pdftotext not available: %s", error->message);
      return NULL;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Normalise whitespace: pdftotext breaks long titles across lines. */
static char *
squash (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

typedef gboolean (*Writer) (FdGuide *, FdGuideCatalog *, FdHallSchedule *, FdLang, const char *, GError **);

/* The hall folder of the tests (docs/hall-data.md), as the app reads it:
 * its floors and phones are printed, the sample-data notice is not. */
static FdHallSchedule *
load_hall (FdGuideCatalog *catalog)
{
  FdHallSchedule *schedule = fd_hall_schedule_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (fd_hall_folder_load (schedule, g_getenv ("FD_HALL_FIXTURE"), &error));
  g_assert_no_error (error);
  fd_guide_catalog_set_sample_data (catalog, fd_hall_schedule_get_sample_data (schedule));
  return schedule;
}

/* What the checklist of company-startup (windows A01-A06; the fixture hall
 * lists A01 and A02 on its first floor) says of the hall in each language,
 * whitespace removed. */
static const char * const hall_lines[][3] = {
  [FD_LANG_ZH_CN] = { "A01A02（一层）；A03A04A05A06", "大厅电话：咨询：010-00000000", "周六预约（短信）：10690000" },
  [FD_LANG_EN]    = { "A01A02(Floor1);A03A04A05A06", "Hallphonenumbers:Enquiries:010-00000000",
                      "Saturdaybooking(textmessage):10690000" },
  [FD_LANG_RU]    = { "A01A02(1-йэтаж);A03A04A05A06", "Телефоныцентра:Справки:010-00000000",
                      "Записьнасубботу(SMS):10690000" },
};

static void
check_languages (Writer   write,
                 gboolean with_hall)
{
  g_autoptr(FdGuideCatalog) catalog = guides_fixture_load ();
  g_autoptr(FdHallSchedule) schedule = with_hall ? load_hall (catalog) : NULL;
  g_autoptr(GArray) hits = fd_guide_catalog_search (catalog, "qykb", 1);
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  FdGuide *guide;
  const FdLang langs[] = { FD_LANG_RU, FD_LANG_EN, FD_LANG_ZH_CN };

  g_assert_cmpuint (hits->len, ==, 1);
  guide = g_array_index (hits, FdGuideSearchHit, 0).guide;
  tmpdir = g_dir_make_tmp ("fd-guide-print-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *name = fd_guide_checklist_file_name (guide, langs[i]);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *text = NULL, *flat = NULL, *title = NULL, *other = NULL;
      gsize len = 0;

      g_assert_true (g_str_has_suffix (name, ".pdf"));
      g_assert_true (write (guide, catalog, schedule, langs[i], path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 5);
      g_assert_true (memcmp (contents, "%PDF-", 5) == 0);

      text = pdf_text (path);
      if (text == NULL)
        return;
      flat = squash (text);
      title = squash (fd_guide_get_name (guide, langs[i]));
      g_test_message ("%s: looking for %s", fd_lang_to_code (langs[i]), title);
      g_assert_nonnull (strstr (flat, title));
      /* And not the title of another language (the names differ). */
      other = squash (fd_guide_get_name (guide, langs[i] == FD_LANG_RU ? FD_LANG_EN : FD_LANG_RU));
      g_assert_null (strstr (flat, other));
      /* the hall's floors and phones with its data, the notice without */
      for (guint l = 0; l < G_N_ELEMENTS (hall_lines[0]); l++)
        {
          g_test_message ("%s: %s %s", fd_lang_to_code (langs[i]), with_hall ? "looking for" : "not expecting",
                          hall_lines[langs[i]][l]);
          g_assert_true ((strstr (flat, hall_lines[langs[i]][l]) != NULL) == with_hall);
        }
      {
        g_autofree char *notice = squash (fd_guide_label (FD_GUIDE_LABEL_SAMPLE_DATA, langs[i]));
        g_assert_true ((strstr (flat, notice) != NULL) == !with_hall);
      }
      g_unlink (path);
    }
  g_rmdir (tmpdir);
}

/* The app's export: the engine's renderer writing an A4 PDF. */
static void
test_export_languages (void)
{
  check_languages (fd_guide_export_checklist_pdf, FALSE);
}

/* With the hall's folder: each window's floor and the hall's phone
 * numbers, in the checklist's language. */
static void
test_export_hall_data (void)
{
  check_languages (fd_guide_export_checklist_pdf, TRUE);
}

/* The print path: GtkPrintOperation's begin-print / draw-page handlers
 * drawing on the print context, exported to a PDF without a dialog. */
static void
test_print_operation (void)
{
  check_languages (fd_guide_print_checklist_to_file, FALSE);
  check_languages (fd_guide_print_checklist_to_file, TRUE);
}

static void
test_export_error (void)
{
  g_autoptr(FdGuideCatalog) catalog = guides_fixture_load ();
  FdGuide *guide = g_list_model_get_item (G_LIST_MODEL (catalog), 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (fd_guide_export_checklist_pdf (guide, catalog, NULL, FD_LANG_EN,
                                                 "/nonexistent-dir/for/sure/x.pdf", &error));
  g_assert_nonnull (error);
  g_object_unref (guide);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guide-print/export-languages", test_export_languages);
  g_test_add_func ("/guide-print/export-hall-data", test_export_hall_data);
  g_test_add_func ("/guide-print/export-error", test_export_error);
  /* Registered only where there is a display (the ui suite runs this
   * program under Xvfb): GtkPrintOperation needs an initialised GTK. */
  if (g_getenv ("FD_TEST_WITH_DISPLAY") != NULL)
    {
      g_assert_true (gtk_init_check ());
      g_test_add_func ("/guide-print/print-operation", test_print_operation);
    }

  return g_test_run ();
}
