/* bench-old-guide-loader.h: the pre-10.5 guide loader, for bench-guides only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Reads and parses one guide file as the old fast path did (the model is
 * built, then freed). FALSE when the old fast path would have handed the
 * file to its checked path. */
gboolean bench_old_load_file (const char *path);
