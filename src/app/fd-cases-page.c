/* fd-cases-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-cases-page"

#include "config.h"

#include "fd-cases-page.h"

struct _FdCasesPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (FdCasesPage, fd_cases_page, ADW_TYPE_BIN)

static void
fd_cases_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_CASES_PAGE);

  G_OBJECT_CLASS (fd_cases_page_parent_class)->dispose (object);
}

static void
fd_cases_page_class_init (FdCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_cases_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-cases-page.ui");
}

static void
fd_cases_page_init (FdCasesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
