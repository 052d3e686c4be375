/* frontdesk-guides: check, search, show and print process guides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   frontdesk-guides [--data DIR] check [FILE|DIR...]
 *   frontdesk-guides [--data DIR] search QUERY [--lang L] [--limit N]
 *   frontdesk-guides [--data DIR] show ID [--lang L]
 *   frontdesk-guides [--data DIR] checklist ID --lang L -o FILE.pdf
 *
 * DIR defaults to $FRONTDESK_DATADIR/guides, else the installed guides.
 * Exit status: 0 ok, 1 errors found / not found, 2 usage.
 */
#define G_LOG_DOMAIN "frontdesk-guides"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "fd-guide.h"
#include "fd-guide-catalog.h"
#include "fd-guide-checklist.h"
#include "fd-guide-search.h"
#include "fd-guide-strings.h"
#include "fd-hall-folder.h"
#include "fd-hall-schedule.h"
#include "fd-lang.h"

static char *opt_data;
static char *opt_lang;
static int opt_limit = 20;
static char *opt_output;

static const GOptionEntry entries[] = {
  { "data", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data, "Guides directory (default: $FRONTDESK_DATADIR/guides or the installed one)", "DIR" },
  { "lang", 'l', 0, G_OPTION_ARG_STRING, &opt_lang, "Content language: zh_CN, en or ru", "L" },
  { "limit", 'n', 0, G_OPTION_ARG_INT, &opt_limit, "At most N search results (default 20, 0 = all)", "N" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Output PDF file (checklist)", "FILE" },
  { NULL }
};

static const char usage_text[] =
  "COMMAND ...\n\n"
  "Commands:\n"
  "  check [FILE|DIR...]            validate guide files and hall folders (file:line messages)\n"
  "  search QUERY [--lang L]        ranked search: id, Chinese title[, title in L]\n"
  "  show ID [--lang L]             print a guide\n"
  "  checklist ID --lang L -o FILE  write the printed checklist as PDF";

static gboolean
parse_lang (FdLang *lang,
            gboolean required)
{
  if (opt_lang == NULL)
    {
      if (required)
        {
          g_printerr ("frontdesk-guides: --lang is required (zh_CN, en or ru)\n");
          return FALSE;
        }
      *lang = FD_LANG_ZH_CN;
      return TRUE;
    }
  if (!fd_lang_from_string (opt_lang, lang))
    {
      g_printerr ("frontdesk-guides: unknown language \"%s\" (use zh_CN, en or ru)\n", opt_lang);
      return FALSE;
    }
  return TRUE;
}

static char *
data_dir (void)
{
  return opt_data != NULL ? g_strdup (opt_data) : fd_guides_default_dir ();
}

/* The guides, and the hall's own folders into @schedule (nullable) as the
 * app reads them. */
static FdGuideCatalog *
load_catalog_with_hall (FdHallSchedule *schedule)
{
  g_autofree char *dir = data_dir ();
  g_autoptr(FdGuideCatalog) catalog = fd_guide_catalog_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *errors;

  if (!fd_guide_catalog_load_dir (catalog, dir, NULL, &error))
    {
      g_printerr ("frontdesk-guides: %s\n", error->message);
      return NULL;
    }
  errors = fd_guide_catalog_get_load_errors (catalog);
  for (guint i = 0; i < errors->len; i++)
    g_printerr ("warning: %s\n", ((GError *) g_ptr_array_index (errors, i))->message);

  /* the hall's own folder, as the app reads it: no sample-data notice then */
  {
    g_autoptr(FdHallSchedule) own = schedule == NULL ? fd_hall_schedule_new () : NULL;
    g_auto(GStrv) hall_dirs = fd_hall_folder_dirs ();

    if (schedule == NULL)
      schedule = own;

    for (guint i = 0; hall_dirs[i] != NULL; i++)
      {
        g_autoptr(GError) hall_error = NULL;

        if (!fd_hall_folder_load (schedule, hall_dirs[i], &hall_error) && hall_error != NULL)
          g_printerr ("warning: %s\n", hall_error->message);
      }
    fd_guide_catalog_set_sample_data (catalog, fd_hall_schedule_get_sample_data (schedule));
  }
  return g_steal_pointer (&catalog);
}

static FdGuideCatalog *
load_catalog (void)
{
  return load_catalog_with_hall (NULL);
}

/* "FILE:L:C: message" → "FILE:L:C: error: message", as fd_guide_validate_file prints */
static void
print_error (const char *message)
{
  const char *sep = strstr (message, ": ");

  if (sep != NULL)
    g_print ("%.*s: error: %s\n", (int) (sep - message), message, sep + 2);
  else
    g_print ("error: %s\n", message);
}

static gboolean
is_hall_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *parent_base = g_path_get_basename (parent);
  g_autofree char *hall = g_build_filename (path, "hall.xml", NULL);

  return g_str_equal (base, "hall.xml") || g_file_test (hall, G_FILE_TEST_EXISTS) ||
         (g_str_equal (parent_base, "lists") && g_str_has_suffix (base, ".txt"));
}

static int
check_path (const char *path,
            guint      *n_files)
{
  int status = 0;

  /* a hall folder (docs/hall-data.md), its hall.xml or one of its lists */
  if (is_hall_path (path))
    {
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      gboolean ok;

      (*n_files)++;
      ok = fd_hall_folder_check (path, messages);
      for (guint i = 0; i < messages->len; i++)
        g_print ("%s\n", (char *) g_ptr_array_index (messages, i));
      return ok ? 0 : 1;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(FdGuideCatalog) catalog = fd_guide_catalog_new ();
      g_autoptr(GError) error = NULL;
      static const char *subs[] = { "matters", "packages" };
      gboolean is_guides_dir = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (subs); s++)
        {
          g_autofree char *sub = g_build_filename (path, subs[s], NULL);
          if (g_file_test (sub, G_FILE_TEST_IS_DIR))
            {
              is_guides_dir = TRUE;
              if (check_path (sub, n_files) != 0)
                status = 1;
            }
        }
      if (is_guides_dir)
        {
          g_autofree char *cal = g_build_filename (path, "calendar", NULL);
          /* cross-file problems: unknown refs, categories, duplicate ids */
          if (!fd_guide_catalog_load_dir (catalog, path, NULL, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          {
            GPtrArray *errors = fd_guide_catalog_get_load_errors (catalog);
            for (guint i = 0; i < errors->len; i++)
              {
                const char *msg = ((GError *) g_ptr_array_index (errors, i))->message;
                /* per-file errors were already printed by the file checks */
                if (((GError *) g_ptr_array_index (errors, i))->code == FD_GUIDE_ERROR_INVALID &&
                    (strstr (msg, "package \"") != NULL || strstr (msg, "category \"") != NULL ||
                     strstr (msg, "is already used") != NULL || strstr (msg, "categories.xml") != NULL))
                  {
                    print_error (msg);
                    status = 1;
                  }
              }
          }
          if (g_file_test (cal, G_FILE_TEST_IS_DIR))
            {
              g_autoptr(FdHallSchedule) schedule = fd_hall_schedule_new ();
              g_autoptr(GError) cal_error = NULL;
              if (!fd_hall_schedule_load_dir (schedule, cal, &cal_error))
                {
                  print_error (cal_error->message);
                  status = 1;
                }
            }
        }
      else
        {
          g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            if (g_str_has_suffix (name, ".xml"))
              g_ptr_array_add (names, g_build_filename (path, name, NULL));
          g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
          for (guint i = 0; i < names->len; i++)
            if (check_path (g_ptr_array_index (names, i), n_files) != 0)
              status = 1;
        }
      return status;
    }

  /* categories.xml and calendar files have their own checks */
  {
    g_autofree char *data = NULL;

    if (g_file_get_contents (path, &data, NULL, NULL) && strstr (data, "<categories") != NULL &&
        strstr (data, "<matter") == NULL && strstr (data, "<package") == NULL)
      {
        g_autoptr(FdGuideCatalog) catalog = fd_guide_catalog_new ();
        const char *paths[] = { path, NULL };
        GPtrArray *errors;

        (*n_files)++;
        fd_guide_catalog_load_files (catalog, paths, NULL);
        errors = fd_guide_catalog_get_load_errors (catalog);
        for (guint i = 0; i < errors->len; i++)
          print_error (((GError *) g_ptr_array_index (errors, i))->message);
        return errors->len == 0 ? 0 : 1;
      }
    if (data != NULL && strstr (data, "<calendar") != NULL)
      {
        g_autoptr(FdHallSchedule) schedule = fd_hall_schedule_new ();
        g_autoptr(GError) error = NULL;

        (*n_files)++;
        if (fd_hall_schedule_load_file (schedule, path, &error))
          return 0;
        print_error (error->message);
        return 1;
      }
  }

  {
    g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
    gboolean ok;

    (*n_files)++;
    ok = fd_guide_validate_file (path, messages);
    for (guint i = 0; i < messages->len; i++)
      g_print ("%s\n", (char *) g_ptr_array_index (messages, i));
    return ok ? 0 : 1;
  }
}

static int
cmd_check (int    argc,
           char **argv)
{
  int status = 0;
  guint n_files = 0;

  if (argc < 2)
    {
      g_autofree char *dir = data_dir ();
      g_auto(GStrv) hall_dirs = fd_hall_folder_dirs ();

      status = check_path (dir, &n_files);
      /* and every hall folder the app would read */
      for (guint i = 0; hall_dirs[i] != NULL; i++)
        {
          g_autofree char *hall = g_build_filename (hall_dirs[i], "hall.xml", NULL);

          if (g_file_test (hall, G_FILE_TEST_EXISTS) && check_path (hall_dirs[i], &n_files) != 0)
            status = 1;
        }
    }
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          g_printerr ("%s: no such file or directory\n", argv[i]);
          status = 1;
          continue;
        }
      if (check_path (argv[i], &n_files) != 0)
        status = 1;
    }
  g_printerr ("%u file(s) checked: %s\n", n_files, status == 0 ? "ok" : "errors found");
  return status;
}

static int
cmd_search (int    argc,
            char **argv)
{
  g_autoptr(FdGuideCatalog) catalog = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autofree char *query = NULL;
  FdLang lang;

  if (argc < 2)
    {
      g_printerr ("frontdesk-guides: search needs a QUERY\n");
      return 2;
    }
  if (!parse_lang (&lang, FALSE) || opt_limit < 0)
    return 2;
  if ((catalog = load_catalog ()) == NULL)
    return 1;
  query = g_strjoinv (" ", argv + 1);
  hits = fd_guide_catalog_search (catalog, query, opt_limit);
  for (guint i = 0; i < hits->len; i++)
    {
      FdGuideSearchHit *h = &g_array_index (hits, FdGuideSearchHit, i);

      if (opt_lang != NULL && lang != FD_LANG_ZH_CN)
        g_print ("%s\t%s\t%s\n", fd_guide_get_id (h->guide), fd_guide_get_name (h->guide, FD_LANG_ZH_CN),
                 fd_guide_get_name (h->guide, lang));
      else
        g_print ("%s\t%s\n", fd_guide_get_id (h->guide), fd_guide_get_name (h->guide, FD_LANG_ZH_CN));
    }
  return 0;
}

static FdGuide *
find_guide (FdGuideCatalog *catalog,
            const char     *id)
{
  FdGuide *guide = fd_guide_catalog_lookup (catalog, id);

  if (guide == NULL)
    g_printerr ("frontdesk-guides: unknown guide id \"%s\" (try: frontdesk-guides search WORDS)\n", id);
  return guide;
}

static void
print_list (const char *label,
            guint       n,
            const char *(*get) (FdGuide *, guint, FdLang),
            FdGuide    *g,
            FdLang      lang)
{
  if (n == 0)
    return;
  g_print ("%s:\n", label);
  for (guint i = 0; i < n; i++)
    g_print ("  %u. %s\n", i + 1, get (g, i, lang));
}

static int
cmd_show (int    argc,
          char **argv)
{
  g_autoptr(FdGuideCatalog) catalog = NULL;
  g_autoptr(FdHallSchedule) schedule = fd_hall_schedule_new ();
  g_autofree char *hours = NULL;
  g_autofree char *cal = NULL;
  FdGuide *g;
  FdLang lang;
  guint statutory, promised;

  if (argc != 2)
    {
      g_printerr ("frontdesk-guides: show needs one ID\n");
      return 2;
    }
  if (!parse_lang (&lang, FALSE))
    return 2;
  if ((catalog = load_catalog ()) == NULL)
    return 1;
  if ((g = find_guide (catalog, argv[1])) == NULL)
    return 1;

  g_print ("%s\n", fd_guide_get_name (g, lang));
  g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_TYPE, lang),
           fd_guide_get_kind (g) == FD_GUIDE_KIND_PACKAGE ? fd_guide_label (FD_GUIDE_LABEL_PACKAGE, lang)
                                                          : fd_guide_type_label (fd_guide_get_guide_type (g), lang));
  if (fd_guide_get_department (g, lang) != NULL)
    g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_DEPARTMENT, lang), fd_guide_get_department (g, lang));
  g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_VISITS, lang),
           fd_guide_label (fd_guide_get_visits (g) == 0 ? FD_GUIDE_LABEL_NO_VISIT : FD_GUIDE_LABEL_ONE_VISIT, lang));
  if (fd_guide_get_description (g, lang) != NULL)
    g_print ("%s\n", fd_guide_get_description (g, lang));
  print_list (fd_guide_label (FD_GUIDE_LABEL_BASIS, lang), fd_guide_get_n_basis (g), fd_guide_get_basis, g, lang);
  print_list (fd_guide_label (FD_GUIDE_LABEL_ELIGIBILITY, lang), fd_guide_get_n_eligibility (g),
              fd_guide_get_eligibility, g, lang);
  if (fd_guide_get_kind (g) == FD_GUIDE_KIND_PACKAGE)
    {
      g_autoptr(GPtrArray) matters = fd_guide_catalog_get_package_matters (catalog, g);
      g_print ("%s:\n", fd_guide_label (FD_GUIDE_LABEL_INCLUDED_MATTERS, lang));
      for (guint i = 0; i < matters->len; i++)
        g_print ("  %u. %s (%s)\n", i + 1, fd_guide_get_name (g_ptr_array_index (matters, i), lang),
                 fd_guide_get_id (g_ptr_array_index (matters, i)));
    }
  g_print ("%s:\n", fd_guide_label (FD_GUIDE_LABEL_MATERIALS, lang));
  for (guint i = 0; i < fd_guide_get_n_materials (g); i++)
    {
      const FdGuideMaterial *m = fd_guide_get_material (g, i);
      g_autofree char *qty = fd_format_quantity (fd_guide_material_get_quantity (m), lang);

      g_print ("  [ ] %s (%s, %s)\n", fd_guide_material_get_name (m, lang),
               fd_material_form_label (fd_guide_material_get_form (m), lang), qty);
      if (fd_guide_material_get_note (m, lang) != NULL)
        g_print ("      %s\n", fd_guide_material_get_note (m, lang));
    }
  print_list (fd_guide_label (FD_GUIDE_LABEL_STEPS, lang), fd_guide_get_n_steps (g), fd_guide_get_step, g, lang);
  if (fd_guide_get_time_limit (g, &statutory, &promised))
    {
      g_autofree char *s = fd_guide_format_statutory (g, lang);
      g_autofree char *p = fd_format_working_days (promised, lang);
      if (s != NULL)
        g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_STATUTORY, lang), s);
      g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_PROMISED, lang), p);
    }
  if (fd_guide_get_fee_free (g))
    g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_FEES, lang), fd_guide_label (FD_GUIDE_LABEL_FREE, lang));
  else
    print_list (fd_guide_label (FD_GUIDE_LABEL_FEES, lang), fd_guide_get_n_fees (g), fd_guide_get_fee, g, lang);
  if (fd_guide_get_windows (g)[0] != NULL)
    {
      g_autofree char *w = g_strjoinv (" ", (char **) fd_guide_get_windows (g));
      g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_WINDOWS, lang), w);
    }
  if (fd_guide_get_place (g, lang) != NULL)
    g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_LOCATION, lang), fd_guide_get_place (g, lang));
  hours = fd_guide_format_hours (g, lang);
  g_print ("%s:\n  %s\n", fd_guide_label (FD_GUIDE_LABEL_HOURS, lang), hours);
  cal = g_build_filename (fd_guide_catalog_get_dir (catalog), "calendar", NULL);
  if (fd_hall_schedule_load_dir (schedule, cal, NULL))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      FdHallAvailability a;
      g_autofree char *text = NULL;

      fd_hall_schedule_query_guide (schedule, g, now, &a, NULL);
      text = fd_hall_availability_describe (&a, lang);
      g_print ("  %s\n", text);
      fd_hall_availability_clear (&a);
    }
  if (fd_guide_get_online_url (g) != NULL)
    g_print ("%s: %s %s\n", fd_guide_label (FD_GUIDE_LABEL_ONLINE, lang),
             fd_guide_get_online_channel (g, lang) ? fd_guide_get_online_channel (g, lang) : "",
             fd_guide_get_online_url (g));
  if (fd_guide_get_phone (g) != NULL)
    g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_PHONE, lang), fd_guide_get_phone (g));
  if (fd_guide_get_result (g, lang) != NULL)
    g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_RESULT, lang), fd_guide_get_result (g, lang));
  if (fd_guide_get_complaint (g, lang) != NULL)
    g_print ("%s: %s\n", fd_guide_label (FD_GUIDE_LABEL_COMPLAINT, lang), fd_guide_get_complaint (g, lang));
  for (guint i = 0; i < fd_guide_get_n_faq (g); i++)
    g_print ("%s %s\n  %s\n", i == 0 ? fd_guide_label (FD_GUIDE_LABEL_FAQ, lang) : "",
             fd_guide_get_faq_question (g, i, lang), fd_guide_get_faq_answer (g, i, lang));
  return 0;
}

static int
cmd_checklist (int    argc,
               char **argv)
{
  g_autoptr(FdGuideCatalog) catalog = NULL;
  g_autoptr(FdHallSchedule) schedule = fd_hall_schedule_new ();
  g_autoptr(FdGuideChecklist) checklist = NULL;
  g_autoptr(GError) error = NULL;
  FdGuide *g;
  FdLang lang;

  if (argc != 2 || opt_output == NULL)
    {
      g_printerr ("frontdesk-guides: usage: checklist ID --lang L -o FILE.pdf\n");
      return 2;
    }
  if (!parse_lang (&lang, TRUE))
    return 2;
  if ((catalog = load_catalog_with_hall (schedule)) == NULL)
    return 1;
  if ((g = find_guide (catalog, argv[1])) == NULL)
    return 1;
  checklist = fd_guide_checklist_new (g, catalog, schedule, lang);
  if (!fd_guide_checklist_export_pdf (checklist, opt_output, &error))
    {
      g_printerr ("frontdesk-guides: %s\n", error->message);
      return 1;
    }
  g_printerr ("%s: %u page(s)\n", opt_output, fd_guide_checklist_get_n_pages (checklist));
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  context = g_option_context_new (usage_text);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("frontdesk-guides: %s\n", error->message);
      return 2;
    }
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return 2;
    }
  if (g_str_equal (argv[1], "check"))
    return cmd_check (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "search"))
    return cmd_search (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "show"))
    return cmd_show (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "checklist"))
    return cmd_checklist (argc - 1, argv + 1);
  g_printerr ("frontdesk-guides: unknown command \"%s\" (check, search, show, checklist)\n", argv[1]);
  return 2;
}
