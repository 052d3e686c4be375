/* fd-guides-page-actions.c: the Guides page's applicant screen, monitor picker, print and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-guide-checklist.h"
#include "fd-guide-print.h"
#include "fd-guides-page-private.h"

static void
on_applicant_lang (FdApplicantWindow *applicant,
                   GParamSpec        *pspec,
                   FdGuidesPage      *self)
{
  gtk_drop_down_set_selected (self->lang_dropdown, fd_applicant_window_get_lang (applicant));
}

void
_fd_guides_page_fill_monitors (FdGuidesPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n = self->monitors != NULL ? g_list_model_get_n_items (self->monitors) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) m = g_list_model_get_item (self->monitors, i);
      const char *connector = gdk_monitor_get_connector (m);
      /* Translators: a monitor in the monitor picker; %u is its number, %s its connector (HDMI-1) */
      g_autofree char *s = g_strdup_printf (_("Monitor %u (%s)"), i + 1,
                                            connector != NULL ? connector : "?");
      gtk_string_list_append (model, s);
    }
  gtk_drop_down_set_model (self->monitor_dropdown, G_LIST_MODEL (model));
  if (n > 1)
    gtk_drop_down_set_selected (self->monitor_dropdown, n - 1);
  gtk_widget_set_visible (GTK_WIDGET (self->monitor_dropdown), n > 1);
}

void
_fd_guides_page_on_monitors_changed (GListModel   *model,
                                     guint         position,
                                     guint         removed,
                                     guint         added,
                                     FdGuidesPage *self)
{
  _fd_guides_page_fill_monitors (self);
}

static void
on_applicant_destroy (GtkWidget    *applicant,
                      FdGuidesPage *self)
{
  gtk_widget_set_visible (self->close_applicant_button, FALSE);
}

void
_fd_guides_page_show_applicant_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  FdGuidesPage *self = FD_GUIDES_PAGE (widget);
  g_autoptr(GdkMonitor) monitor = NULL;
  guint n_monitors = self->monitors != NULL ? g_list_model_get_n_items (self->monitors) : 0;

  if (self->applicant == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      self->applicant = fd_applicant_window_new (self->catalog, self->schedule);
      g_object_add_weak_pointer (G_OBJECT (self->applicant), (gpointer *) &self->applicant);
      if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
        gtk_window_set_application (GTK_WINDOW (self->applicant),
                                    gtk_window_get_application (GTK_WINDOW (root)));
      fd_applicant_window_set_lang (self->applicant, _fd_guides_page_chosen_lang (self));
      g_signal_connect_object (self->applicant, "notify::lang",
                               G_CALLBACK (on_applicant_lang), self, 0);
      g_signal_connect_object (self->applicant, "destroy",
                               G_CALLBACK (on_applicant_destroy), self, 0);
    }
  fd_applicant_window_set_guide (self->applicant, fd_guide_view_get_guide (self->view));
  if (n_monitors > 1)
    monitor = g_list_model_get_item (self->monitors,
                                     MIN (gtk_drop_down_get_selected (self->monitor_dropdown),
                                          n_monitors - 1));
  fd_applicant_window_show_on (self->applicant, monitor);
  gtk_widget_set_visible (self->close_applicant_button, TRUE);
}

/* guides.show-board: the applicant screen opened from the Board page shows
 * the board (Write and Talk) rather than the guide. */
void
_fd_guides_page_show_board_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  FdGuidesPage *self = FD_GUIDES_PAGE (widget);

  _fd_guides_page_show_applicant_action (widget, action_name, param);
  if (self->applicant != NULL)
    fd_applicant_window_show_board (self->applicant);
}

void
_fd_guides_page_close_applicant_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  FdGuidesPage *self = FD_GUIDES_PAGE (widget);

  if (self->applicant != NULL)
    gtk_window_destroy (GTK_WINDOW (self->applicant));
}

void
_fd_guides_page_print_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  FdGuidesPage *self = FD_GUIDES_PAGE (widget);
  FdGuide *guide = fd_guide_view_get_guide (self->view);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (guide == NULL)
    return;
  if (!fd_guide_print_checklist (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 guide, self->catalog, self->schedule,
                                 _fd_guides_page_chosen_lang (self), &error))
    {
      /* Translators: %s is the error message */
      g_autofree char *msg = g_strdup_printf (_("Could not print the checklist: %s"), error->message);
      _fd_guides_page_show_toast (self, msg, 0);
    }
}

/* What an open export dialog writes. */
typedef struct {
  FdGuidesPage *self;
  FdGuide      *guide;
  FdLang        lang;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_object_unref (export->guide);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(Export) export = user_data;
  FdGuidesPage *self = export->self;
  FdGuide *guide = export->guide;
  FdLang lang = export->lang;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL && (path = g_file_get_path (file)) == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be written"));
  if (path != NULL)
    fd_guide_export_checklist_pdf (guide, self->catalog, self->schedule, lang, path, &error);
  if (error != NULL)
    {
      /* Translators: %s is the error message */
      g_autofree char *msg = g_strdup_printf (_("Could not export the checklist: %s"), error->message);
      _fd_guides_page_show_toast (self, msg, 0);
    }
  else if (path != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      /* Translators: %s is a file name */
      g_autofree char *msg = g_strdup_printf (_("Checklist saved as %s"), base);
      _fd_guides_page_show_toast (self, msg, 5);
    }
  g_object_unref (native);
}

void
_fd_guides_page_export_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  FdGuidesPage *self = FD_GUIDES_PAGE (widget);
  FdGuide *guide = fd_guide_view_get_guide (self->view);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;
  Export *export;

  if (guide == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Export Checklist as PDF"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  name = fd_guide_checklist_file_name (guide, _fd_guides_page_chosen_lang (self));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->guide = g_object_ref (guide);
  export->lang = _fd_guides_page_chosen_lang (self);
  g_signal_connect (native, "response", G_CALLBACK (on_export_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

