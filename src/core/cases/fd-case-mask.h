/* fd-case-mask.h: masking personal numbers in free text (PIPL de-identification)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Applied to case notes on every save. What is masked (see docs/cases.md):
 * - Mainland resident ID-card numbers: 18 characters, 17 digits then a digit
 *   or X/x, with a VALID ISO 7064 MOD 11-2 check character, not touching other
 *   letters or digits. All but the first and the last character become '*'
 *   ("110105194912310025" -> "1****************5"). An 18-digit run with a
 *   wrong check character is not an ID number and is left as it is.
 * - Mainland mobile numbers: 11 digits 1[3-9]xxxxxxxxx, optionally written
 *   3-4-4 with single spaces or hyphens, optionally after +86 / 86, not touching
 *   other digits. The middle four digits become '*' ("13812345678" ->
 *   "138****5678"; "138 1234 5678" -> "138 **** 5678").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE if @str (exactly 18 characters) is an ID-card number with a valid
 * ISO 7064 MOD 11-2 check character (X or x for 10). */
gboolean  fd_case_id_number_is_valid (const char *str);
/* TRUE if @str is a mainland mobile number (11 digits 1[3-9]…, optional +86
 * or 86 prefix, optional 3-4-4 space or hyphen separators). */
gboolean  fd_case_mobile_is_valid    (const char *str);
/* A newly allocated copy of @text (UTF-8) with ID-card and mobile numbers
 * masked. @out_n_masked (optional) gets the number of masked numbers. */
char     *fd_case_mask_text          (const char *text,
                                      guint      *out_n_masked);

G_END_DECLS
