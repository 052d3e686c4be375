/* fd-interpreter-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-interpreter-page"

#include "config.h"

#include "fd-interpreter-page.h"

struct _FdInterpreterPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (FdInterpreterPage, fd_interpreter_page, ADW_TYPE_BIN)

static void
fd_interpreter_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_INTERPRETER_PAGE);

  G_OBJECT_CLASS (fd_interpreter_page_parent_class)->dispose (object);
}

static void
fd_interpreter_page_class_init (FdInterpreterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_interpreter_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-interpreter-page.ui");
}

static void
fd_interpreter_page_init (FdInterpreterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
