/* fd-case-mask.c: masking ID-card and mobile numbers in free text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-mask"

#include "config.h"

#include <string.h>

#include "fd-case-mask.h"

/* ISO 7064 MOD 11-2 as used by GB 11643-1999. */
static const int id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char id_check_chars[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

static gboolean
id_valid_at (const char *s)
{
  int sum = 0;
  char check;

  for (int i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      sum += (s[i] - '0') * id_weights[i];
    }
  check = g_ascii_toupper (s[17]);
  return check == id_check_chars[sum % 11];
}

gboolean
fd_case_id_number_is_valid (const char *str)
{
  g_return_val_if_fail (str != NULL, FALSE);
  return strlen (str) == 18 && id_valid_at (str);
}

/* Length of a mobile number at @s (0 if none): 11 digits 1[3-9]…, either
 * plain or as 3-4-4 with one space or hyphen between groups (same separator
 * twice). Writes the offsets of the 4 middle digits to @mid. */
static gsize
mobile_at (const char *s, gsize len, gsize mid[4])
{
  if (len >= 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9')
    {
      gboolean plain = TRUE;
      for (int i = 2; i < 11; i++)
        if (!g_ascii_isdigit (s[i]))
          plain = FALSE;
      if (plain)
        {
          for (int i = 0; i < 4; i++)
            mid[i] = 3 + i;
          return 11;
        }
    }
  if (len >= 13 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' && g_ascii_isdigit (s[2])
      && (s[3] == ' ' || s[3] == '-') && s[8] == s[3])
    {
      for (int i = 4; i < 8; i++)
        if (!g_ascii_isdigit (s[i]))
          return 0;
      for (int i = 9; i < 13; i++)
        if (!g_ascii_isdigit (s[i]))
          return 0;
      for (int i = 0; i < 4; i++)
        mid[i] = 4 + i;
      return 13;
    }
  return 0;
}

gboolean
fd_case_mobile_is_valid (const char *str)
{
  gsize mid[4], len;

  g_return_val_if_fail (str != NULL, FALSE);
  if (g_str_has_prefix (str, "+86"))
    str += 3;
  else if (g_str_has_prefix (str, "86") && strlen (str) > 11)
    str += 2;
  while (*str == ' ' || *str == '-')
    str++;
  len = strlen (str);
  return mobile_at (str, len, mid) == len;
}

static gboolean
is_word_char (char c)
{
  /* ASCII letters and digits only: Chinese text around a number is fine. */
  return g_ascii_isalnum (c);
}

char *
fd_case_mask_text (const char *text, guint *out_n_masked)
{
  GString *out;
  gsize len, i = 0;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  out = g_string_sized_new (len);
  while (i < len)
    {
      gboolean at_start = i == 0 || !is_word_char (text[i - 1]);
      gsize mid[4], mlen, start = i;

      if (at_start && g_ascii_isdigit (text[i]))
        {
          /* An ID-card number: exactly 18 characters not touching others. */
          if (len - i >= 18 && id_valid_at (text + i)
              && (i + 18 == len || !is_word_char (text[i + 18])))
            {
              g_string_append_c (out, text[i]);
              for (int k = 0; k < 16; k++)
                g_string_append_c (out, '*');
              g_string_append_c (out, text[i + 17]);
              i += 18;
              n++;
              continue;
            }
          /* A mobile, possibly after 86 (the + stays as it is). */
          if (len - i >= 13 && text[i] == '8' && text[i + 1] == '6')
            {
              gsize skip = 2;
              while (i + skip < len && (text[i + skip] == ' ' || text[i + skip] == '-') && skip < 3)
                skip++;
              mlen = mobile_at (text + i + skip, len - i - skip, mid);
              if (mlen && (i + skip + mlen == len || !g_ascii_isdigit (text[i + skip + mlen])))
                start = i + skip;
              else
                mlen = 0;
            }
          else
            mlen = 0;
          if (mlen == 0)
            {
              mlen = mobile_at (text + i, len - i, mid);
              if (mlen && i + mlen < len && g_ascii_isdigit (text[i + mlen]))
                mlen = 0;
              start = i;
            }
          if (mlen)
            {
              g_string_append_len (out, text + i, start - i);
              for (gsize k = 0; k < mlen; k++)
                {
                  if (k == mid[0] || k == mid[1] || k == mid[2] || k == mid[3])
                    g_string_append_c (out, '*');
                  else
                    g_string_append_c (out, text[start + k]);
                }
              i = start + mlen;
              n++;
              continue;
            }
          /* Not a number to mask: copy the whole digit run so that a match
           * never starts inside a longer number. */
          while (i < len && g_ascii_isdigit (text[i]))
            g_string_append_c (out, text[i++]);
          continue;
        }
      g_string_append_c (out, text[i++]);
    }

  if (out_n_masked)
    *out_n_masked = n;
  return g_string_free (out, FALSE);
}
