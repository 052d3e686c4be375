/* fuzz-case-mask.c: libFuzzer harness for masking personal numbers in notes (fd-case-mask.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the text of a note. Masking only ever replaces a digit
 * (ASCII or full-width) by one '*': everything else is kept byte for byte,
 * valid UTF-8 stays valid, and the text never grows.
 *
 * In the fuzz build (tests/fuzz/meson.build, issue 12): one line
 *   ['case-mask', files('fuzz-case-mask.c'), [core_dep]],
 * Standalone, from the source folder:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ibuild -Isrc/core/cases -Itests/fuzz \
 *     tests/fuzz/fuzz-case-mask.c src/core/cases/fd-case-mask.c \
 *     $(pkg-config --cflags --libs glib-2.0) -o fuzz-case-mask \
 *     && ./fuzz-case-mask -max_total_time=60 tests/fuzz/corpus/case-mask
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fd-case-mask.h"
#include "fuzz-common.h"

static gboolean
is_digit_char (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);   /* up to the first NUL */
  g_autofree char *masked = NULL;
  gboolean valid = g_utf8_validate (text, -1, NULL);
  const char *in, *out;
  guint n = 0, stars = 0;

  masked = fd_case_mask_text (text, &n);
  (void) fd_case_mobile_is_valid (text);
  (void) fd_case_id_number_is_valid (text);
  if (strlen (masked) > strlen (text))
    abort ();
  if (!valid)
    return 0;
  if (!g_utf8_validate (masked, -1, NULL))
    abort ();
  /* Walk both: each character is kept, or a digit became '*'. */
  for (in = text, out = masked; *in != '\0'; in = g_utf8_next_char (in))
    {
      gsize len = g_utf8_next_char (in) - in;

      if (strncmp (in, out, len) == 0)
        out += len;
      else if (*out == '*' && is_digit_char (g_utf8_get_char (in)))
        {
          out++;
          stars++;
        }
      else
        abort ();
    }
  if (*out != '\0')
    abort ();
  /* An ID number masks 16 characters, a mobile 4. */
  if ((n == 0) != (stars == 0) || stars > 16 * n || stars < 4 * n)
    abort ();
  return 0;
}
