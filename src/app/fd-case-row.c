/* fd-case-row.c: one case in today's list ("09:30 · Case 12 · Deaf")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-row"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-case-format.h"
#include "fd-case-row.h"

struct _FdCaseRow
{
  AdwActionRow  parent_instance;

  FdCase       *fcase;
};

G_DEFINE_FINAL_TYPE (FdCaseRow, fd_case_row, ADW_TYPE_ACTION_ROW)

static void
fd_case_row_dispose (GObject *object)
{
  g_clear_object (&FD_CASE_ROW (object)->fcase);

  G_OBJECT_CLASS (fd_case_row_parent_class)->dispose (object);
}

static void
fd_case_row_class_init (FdCaseRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fd_case_row_dispose;
}

static void
fd_case_row_init (FdCaseRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
}

GtkWidget *
fd_case_row_new (FdCase *fcase)
{
  FdCaseRow *self;
  GtkWidget *state;
  g_autofree char *needs = NULL, *time = NULL, *duration = NULL, *number = NULL;
  g_autofree char *title = NULL, *matters = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *language, *staff;
  guint n_matters;

  g_return_val_if_fail (FD_IS_CASE (fcase), NULL);

  self = g_object_new (FD_TYPE_CASE_ROW, NULL);
  self->fcase = g_object_ref (fcase);
  needs = fd_case_needs_label (fd_case_get_needs (fcase));
  time = g_date_time_format (fd_case_get_opened_at (fcase), "%H:%M");
  duration = fd_case_format_duration (fd_case_get_duration (fcase));
  number = g_strdup_printf ("%" G_GINT64_FORMAT, fd_case_get_id (fcase));
  /* Translators: a case in today's list: "09:30 · Case 12 · Deaf, Elderly" */
  title = g_strdup_printf (_("%1$s · Case %2$s · %3$s"), time, number, needs);
  n_matters = g_strv_length ((char **) fd_case_get_matters (fcase));
  matters = g_strdup_printf (ngettext ("%u matter", "%u matters", n_matters), n_matters);
  g_string_append_printf (subtitle, "%s · %s", duration, matters);
  language = fd_case_get_language (fcase);
  if (language != NULL && language[0] != '\0')
    g_string_append_printf (subtitle, " · %s", fd_case_language_label (language));
  staff = fd_case_get_staff (fcase);
  if (staff != NULL && staff[0] != '\0')
    g_string_append_printf (subtitle, " · %s", staff);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);

  state = gtk_label_new (fd_case_outcome_label (fd_case_get_outcome (fcase)));
  gtk_widget_add_css_class (state, fd_case_is_open (fcase) ? "accent" : "dim-label");
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (state), 18);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), state);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return GTK_WIDGET (self);
}

FdCase *
fd_case_row_get_case (FdCaseRow *self)
{
  g_return_val_if_fail (FD_IS_CASE_ROW (self), NULL);
  return self->fcase;
}
