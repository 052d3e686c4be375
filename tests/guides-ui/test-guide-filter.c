/* test-guide-filter.c: the guides page's browse choices (FdGuideFilter) on this build's guides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "fd-guide-catalog.h"
#include "fd-guide-filter.h"
#include "guides-fixture.h"

/* How many guides of @catalog @filter lets through. */
static guint
count_matches (FdGuideCatalog *catalog,
               FdGuideFilter  *filter)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(FdGuide) guide = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      n += fd_guide_filter_matches (filter, guide);
    }
  return n;
}

static void
test_kinds (void)
{
  g_autoptr(FdGuideCatalog) catalog = guides_fixture_load ();
  guint n_guides = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  g_autoptr(FdGuideFilter) all = fd_guide_filter_new (FD_GUIDE_FILTER_ALL, NULL, "All Guides");
  g_autoptr(FdGuideFilter) packages = fd_guide_filter_new (FD_GUIDE_FILTER_PACKAGES, NULL, "Theme Packages");
  g_autoptr(FdGuideFilter) nowhere = fd_guide_filter_new (FD_GUIDE_FILTER_DEPARTMENT, "no such department",
                                                          "Department: none");
  const char * const *cats = fd_guide_catalog_get_categories (catalog);
  const char * const *depts = fd_guide_catalog_get_departments (catalog);
  guint n_packages = 0;
  guint in_departments = 0;

  g_assert_cmpuint (count_matches (catalog, all), ==, n_guides);
  for (guint i = 0; i < n_guides; i++)
    {
      g_autoptr(FdGuide) guide = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      n_packages += fd_guide_get_kind (guide) == FD_GUIDE_KIND_PACKAGE;
    }
  g_assert_cmpuint (n_packages, >, 0);
  g_assert_cmpuint (count_matches (catalog, packages), ==, n_packages);
  g_assert_cmpuint (count_matches (catalog, nowhere), ==, 0);

  /* Every category and department the page lists lets some guides through, and a department's
   * guides are exactly those naming it. */
  g_assert_nonnull (cats);
  g_assert_nonnull (cats[0]);
  for (guint i = 0; cats[i] != NULL; i++)
    {
      g_autoptr(FdGuideFilter) cat = fd_guide_filter_new (FD_GUIDE_FILTER_CATEGORY, cats[i], cats[i]);
      guint n = count_matches (catalog, cat);

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (n, <, n_guides);
    }
  g_assert_nonnull (depts);
  for (guint i = 0; depts[i] != NULL; i++)
    {
      g_autoptr(FdGuideFilter) dept = fd_guide_filter_new (FD_GUIDE_FILTER_DEPARTMENT, depts[i], depts[i]);

      g_assert_cmpuint (count_matches (catalog, dept), >, 0);
      in_departments += count_matches (catalog, dept);
    }
  /* Each matter belongs to one department; packages to none. */
  g_assert_cmpuint (in_departments, <=, n_guides);
  g_assert_cmpuint (in_departments, >=, n_guides - n_packages);
}

/* The browse list shows each choice through a property expression on "title". */
static void
test_title_expression (void)
{
  g_autoptr(FdGuideFilter) item = fd_guide_filter_new (FD_GUIDE_FILTER_CATEGORY, "social-security",
                                                       "Category: Social security");
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (FD_TYPE_GUIDE_FILTER, NULL, "title");
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_true (gtk_expression_evaluate (expression, item, &value));
  g_assert_cmpstr (g_value_get_string (&value), ==, "Category: Social security");
  g_assert_cmpstr (fd_guide_filter_get_title (item), ==, "Category: Social security");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guides-page/filter/kinds", test_kinds);
  g_test_add_func ("/guides-page/filter/title-expression", test_title_expression);
  return g_test_run ();
}
