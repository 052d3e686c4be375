/* fuzz-case-csv.c: libFuzzer harness for CSV import of escort cases (fd-case-csv.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a CSV file as a hall might hand to `frontdesk-cases import`.
 * A refusal always says why in FD_CASE_ERROR; every case accepted passes the
 * case rules; and what is accepted exports and imports again to the same
 * CSV text (the export of the re-import equals the first export).
 *
 * In the fuzz build (tests/fuzz/meson.build, issue 12): one line
 *   ['case-csv', files('fuzz-case-csv.c'), [core_dep]],
 * Standalone, from the source folder after `ninja -C build`:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ibuild -Ibuild/src/core/cases \
 *     -Isrc/core/cases -Itests/fuzz tests/fuzz/fuzz-case-csv.c src/core/cases/fd-case.c \
 *     src/core/cases/fd-case-csv.c src/core/cases/fd-case-rules.c src/core/cases/fd-case-mask.c \
 *     build/src/core/cases/fd-case-enums.c $(pkg-config --cflags --libs gio-2.0) \
 *     -o fuzz-case-csv && ./fuzz-case-csv -max_total_time=60 tests/fuzz/corpus/case-csv
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fd-case-csv.h"
#include "fuzz-common.h"

static GString *
export_all (GPtrArray *cases)
{
  GString *out = g_string_new (NULL);

  fd_case_csv_append_header (out);
  for (guint i = 0; i < cases->len; i++)
    fd_case_csv_append_case (out, g_ptr_array_index (cases, i));
  return out;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = fd_case_csv_parse ((const char *) data, size, &error);
  g_autoptr(GPtrArray) again = NULL;
  GString *first, *second;

  if (cases == NULL)
    {
      if (error == NULL || error->domain != FD_CASE_ERROR || error->code != FD_CASE_ERROR_CSV)
        abort ();
      return 0;
    }
  for (guint i = 0; i < cases->len; i++)
    {
      FdCase *c = g_ptr_array_index (cases, i);

      if (!fd_case_validate (c, NULL))
        abort ();
      fd_case_mask_notes (c);
    }
  first = export_all (cases);
  again = fd_case_csv_parse (first->str, first->len, &error);
  if (again == NULL || again->len != cases->len)
    abort ();
  second = export_all (again);
  if (!g_string_equal (first, second))
    abort ();
  g_string_free (first, TRUE);
  g_string_free (second, TRUE);
  return 0;
}
