/* test-guide-view.c: the guide view shows a guide from its section models: a guide or language
 * change replaces the rows, a package lists its matters, no guide shows nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "fd-guide-view.h"
#include "guides-fixture.h"

/* Texts of the labels that are visible (with all their ancestors) under @widget. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_labels (c, texts);
}

static gboolean
shows (GtkWidget  *view,
       const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (view, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (texts->pdata[i], text) == 0)
      return TRUE;
  return FALSE;
}

static guint
n_visible_labels (GtkWidget *view)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (view, texts);
  return texts->len;
}

/* The first matter with steps, and the first package with matters. */
static void
pick_guides (FdGuideCatalog  *catalog,
             FdGuide        **matter,
             FdGuide        **package)
{
  GListModel *model = G_LIST_MODEL (catalog);

  *matter = *package = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FdGuide) g = g_list_model_get_item (model, i);

      if (*matter == NULL && fd_guide_get_kind (g) != FD_GUIDE_KIND_PACKAGE &&
          fd_guide_get_n_steps (g) > 1)
        *matter = g_object_ref (g);
      if (*package == NULL && fd_guide_get_kind (g) == FD_GUIDE_KIND_PACKAGE)
        {
          g_autoptr(GPtrArray) matters = fd_guide_catalog_get_package_matters (catalog, g);

          if (matters->len > 0)
            *package = g_object_ref (g);
        }
    }
  g_assert_nonnull (*matter);
  g_assert_nonnull (*package);
}

static void
test_models (void)
{
  g_autoptr(FdGuideCatalog) catalog = guides_fixture_load ();
  g_autoptr(FdGuide) matter = NULL;
  g_autoptr(FdGuide) package = NULL;
  g_autoptr(GPtrArray) matters = NULL;
  GtkWidget *view = g_object_ref_sink (fd_guide_view_new ());
  g_autofree char *step_zh = NULL;
  g_autofree char *step_ru = NULL;

  pick_guides (catalog, &matter, &package);
  fd_guide_view_set_sources (FD_GUIDE_VIEW (view), catalog, NULL);
  g_assert_cmpuint (n_visible_labels (view), ==, 0);   /* no guide: nothing */

  fd_guide_view_set_guide (FD_GUIDE_VIEW (view), matter);
  step_zh = g_strdup_printf ("2. %s", fd_guide_get_step (matter, 1, FD_LANG_ZH_CN));
  g_assert_true (shows (view, fd_guide_get_name (matter, FD_LANG_ZH_CN)));
  g_assert_true (shows (view, step_zh));

  /* Another language: the same sections, their rows replaced. */
  fd_guide_view_set_lang (FD_GUIDE_VIEW (view), FD_LANG_RU);
  step_ru = g_strdup_printf ("2. %s", fd_guide_get_step (matter, 1, FD_LANG_RU));
  g_assert_true (shows (view, fd_guide_get_name (matter, FD_LANG_RU)));
  g_assert_true (shows (view, step_ru));
  g_assert_false (shows (view, step_zh));

  /* A package: its matters are listed; the matter's steps are gone. */
  fd_guide_view_set_guide (FD_GUIDE_VIEW (view), package);
  matters = fd_guide_catalog_get_package_matters (catalog, package);
  for (guint i = 0; i < matters->len; i++)
    g_assert_true (shows (view, fd_guide_get_name (matters->pdata[i], FD_LANG_RU)));
  g_assert_false (shows (view, step_ru));

  fd_guide_view_set_guide (FD_GUIDE_VIEW (view), NULL);
  g_assert_cmpuint (n_visible_labels (view), ==, 0);

  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* A widget test: registered only where there is a display (the ui suite runs it under Xvfb). */
  if (g_getenv ("FD_TEST_WITH_DISPLAY") != NULL)
    {
      g_assert_true (gtk_init_check ());
      g_test_add_func ("/guide-view/models", test_models);
    }
  return g_test_run ();
}
