/* fd-case-mask.h: masking personal numbers in free text (PIPL de-identification)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Applied to case notes on every save and import. What is masked (see docs/cases.md):
 * - Mainland resident ID-card numbers: 17 digits then a digit or X, with a
 *   VALID ISO 7064 MOD 11-2 check character. All but the first and the last
 *   character become '*' ("110105194912310025" -> "1****************5"). An
 *   18-digit run with a wrong check character is not an ID number and is
 *   left as it is.
 * - Mainland mobile numbers: 11 digits 1[3-9]xxxxxxxxx, optionally after
 *   0086, +86 or 86. The middle four digits become '*' ("13812345678" ->
 *   "138****5678").
 * Either may be written in ASCII or full-width digits, with one separator
 * between any two digits (space, hyphen, no-break space, ideographic space
 * U+3000, full-width hyphen, dashes U+2010…U+2015), and may touch letters
 * ("ID110105…", "tel13812345678"); a number never starts or ends inside a
 * longer run of digits. Masking replaces each masked character (one byte or
 * a full-width digit) by one '*'.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE if @str (exactly 18 characters) is an ID-card number with a valid
 * ISO 7064 MOD 11-2 check character (X or x for 10). */
gboolean  fd_case_id_number_is_valid (const char *str);
/* TRUE if @str is exactly a mainland mobile number as masked above (optional
 * +86, 0086 or 86 prefix, separators, full-width digits). */
gboolean  fd_case_mobile_is_valid    (const char *str);
/* A newly allocated copy of @text (UTF-8) with ID-card and mobile numbers
 * masked. @out_n_masked (optional) gets the number of masked numbers. */
char     *fd_case_mask_text          (const char *text,
                                      guint      *out_n_masked);

G_END_DECLS
