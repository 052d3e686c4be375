/* fd-guides-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides-page"

#include "config.h"

#include "fd-guides-page.h"

struct _FdGuidesPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (FdGuidesPage, fd_guides_page, ADW_TYPE_BIN)

static void
fd_guides_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_GUIDES_PAGE);

  G_OBJECT_CLASS (fd_guides_page_parent_class)->dispose (object);
}

static void
fd_guides_page_class_init (FdGuidesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_guides_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-guides-page.ui");
}

static void
fd_guides_page_init (FdGuidesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
