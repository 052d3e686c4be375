/* guides-fixture.c: the guides of this build, loaded for the Guides page's C tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "guides-fixture.h"

FdGuideCatalog *
guides_fixture_load (void)
{
  g_autofree char *dir = fd_guides_default_dir ();
  FdGuideCatalog *catalog = fd_guide_catalog_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (fd_guide_catalog_load_dir (catalog, dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >, 0);
  return catalog;
}
