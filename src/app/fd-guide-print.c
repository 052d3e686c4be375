/* fd-guide-print.c: print or export the materials checklist of a guide
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guide-print"

#include "config.h"

#include "fd-guide-checklist.h"
#include "fd-guide-print.h"

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                FdGuideChecklist  *checklist)
{
  guint pages = fd_guide_checklist_layout (checklist,
                                           gtk_print_context_get_cairo_context (context),
                                           gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              FdGuideChecklist  *checklist)
{
  fd_guide_checklist_draw_page (checklist, gtk_print_context_get_cairo_context (context),
                                (guint) page_nr);
}

static gboolean
run_operation (GtkWindow                *parent,
               FdGuide                  *guide,
               FdGuideCatalog           *catalog,
               FdHallSchedule           *schedule,
               FdLang                    lang,
               GtkPrintOperationAction   action,
               const char               *export_path,
               GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(FdGuideChecklist) checklist = NULL;
  g_autofree char *job = NULL;
  GtkPrintOperationResult result;

  checklist = fd_guide_checklist_new (guide, catalog, schedule, lang);
  operation = gtk_print_operation_new ();
  job = g_strdup_printf ("%s (%s)", fd_guide_get_name (guide, lang), fd_lang_native_name (lang));
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), checklist);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), checklist);

  result = gtk_print_operation_run (operation, action, parent, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
fd_guide_print_checklist (GtkWindow       *parent,
                          FdGuide         *guide,
                          FdGuideCatalog  *catalog,
                          FdHallSchedule  *schedule,
                          FdLang           lang,
                          GError         **error)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (FD_IS_GUIDE (guide), FALSE);
  g_return_val_if_fail (lang < FD_N_LANGS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_operation (parent, guide, catalog, schedule, lang, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                        NULL, error);
}

gboolean
fd_guide_print_checklist_to_file (FdGuide         *guide,
                                  FdGuideCatalog  *catalog,
                                  FdHallSchedule  *schedule,
                                  FdLang           lang,
                                  const char      *path,
                                  GError         **error)
{
  g_return_val_if_fail (FD_IS_GUIDE (guide), FALSE);
  g_return_val_if_fail (lang < FD_N_LANGS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_operation (NULL, guide, catalog, schedule, lang, GTK_PRINT_OPERATION_ACTION_EXPORT, path, error);
}

gboolean
fd_guide_export_checklist_pdf (FdGuide         *guide,
                               FdGuideCatalog  *catalog,
                               FdHallSchedule  *schedule,
                               FdLang           lang,
                               const char      *path,
                               GError         **error)
{
  g_autoptr(FdGuideChecklist) checklist = NULL;

  g_return_val_if_fail (FD_IS_GUIDE (guide), FALSE);
  g_return_val_if_fail (lang < FD_N_LANGS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  checklist = fd_guide_checklist_new (guide, catalog, schedule, lang);
  return fd_guide_checklist_export_pdf (checklist, path, error);
}

char *
fd_guide_checklist_file_name (FdGuide *guide,
                              FdLang   lang)
{
  g_return_val_if_fail (FD_IS_GUIDE (guide), NULL);

  return g_strdup_printf ("%s-checklist-%s.pdf", fd_guide_get_id (guide), fd_lang_to_code (lang));
}
