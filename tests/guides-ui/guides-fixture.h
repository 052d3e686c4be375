/* guides-fixture.h: the guides of this build, loaded for the Guides page's C tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-guide-catalog.h"

/* The merged guides under FRONTDESK_DATADIR (asserts they load and are not empty). */
FdGuideCatalog *guides_fixture_load (void);
