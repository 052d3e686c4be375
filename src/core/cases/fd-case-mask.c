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

/* The text as units: one per character, classified. Digits are ASCII or
 * full-width (U+FF10…U+FF19); X the ID check character (x, X, ｘ, Ｘ);
 * separators may stand between the digits of one number: space, hyphen,
 * no-break space, ideographic space U+3000, full-width hyphen U+FF0D and the
 * dashes U+2010…U+2015. */
typedef enum { U_OTHER, U_DIGIT, U_X, U_SEP } UnitKind;

typedef struct
{
  guint32  offset;   /* bytes into the text */
  guint8   len;      /* bytes */
  guint8   kind;
  char     digit;    /* '0'…'9' for U_DIGIT, 'X' for U_X */
} Unit;

static Unit
classify (const char *p,
          const char *end)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);
  Unit u = { 0, 1, U_OTHER, 0 };

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return u;    /* invalid UTF-8: one byte, copied as it is */
  u.len = g_utf8_skip[*(const guchar *) p];
  if (c >= '0' && c <= '9')
    u.kind = U_DIGIT, u.digit = (char) c;
  else if (c >= 0xFF10 && c <= 0xFF19)
    u.kind = U_DIGIT, u.digit = (char) ('0' + (c - 0xFF10));
  else if (c == 'x' || c == 'X' || c == 0xFF58 || c == 0xFF38)
    u.kind = U_X, u.digit = 'X';
  else if (c == ' ' || c == '-' || c == 0xA0 || c == 0x3000 || c == 0xFF0D
           || (c >= 0x2010 && c <= 0x2015))
    u.kind = U_SEP;
  return u;
}

/* Collects @want digits from unit @start: digits, each pair separated by at
 * most one separator; the last may be X when @x_last. Writes the digits to
 * @digits and their unit indices to @at. Returns the unit index after the
 * last digit, or 0 if there is no such number or it runs on into more
 * digits. */
static guint
take_digits (const Unit *u,
             guint       n,
             guint       start,
             guint       want,
             gboolean    x_last,
             char       *digits,
             guint      *at)
{
  guint i = start;

  for (guint k = 0; k < want; k++)
    {
      if (k > 0 && i < n && u[i].kind == U_SEP && i + 1 < n
          && (u[i + 1].kind == U_DIGIT || (x_last && k == want - 1 && u[i + 1].kind == U_X)))
        i++;
      if (i >= n || !(u[i].kind == U_DIGIT || (x_last && k == want - 1 && u[i].kind == U_X)))
        return 0;
      digits[k] = u[i].digit;
      at[k] = i++;
    }
  if (i < n && u[i].kind == U_DIGIT)
    return 0;
  return i;
}

static gboolean
is_mobile (const char *d)
{
  return d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/* A number to mask starting at unit @start: sets @n_mask units in @mask and
 * returns the unit index after it, or 0. */
static guint
match_at (const Unit *u,
          guint       n,
          guint       start,
          guint       mask[16],
          guint      *n_mask)
{
  char d[18];
  guint at[18], end;

  /* An ID-card number: 18 characters with a valid check character. */
  if ((end = take_digits (u, n, start, 18, TRUE, d, at)) && id_valid_at (d))
    {
      for (guint k = 1; k < 17; k++)
        mask[k - 1] = at[k];
      *n_mask = 16;
      return end;
    }
  /* A mobile: 11 digits 1[3-9]…, maybe after 0086 or 86 (a + stays as it is). */
  {
    static const struct { guint prefix; const char *digits; } forms[] = {
      { 4, "0086" }, { 2, "86" }, { 0, "" },
    };

    for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
      {
        guint want = forms[f].prefix + 11;

        if ((end = take_digits (u, n, start, want, FALSE, d, at))
            && memcmp (d, forms[f].digits, forms[f].prefix) == 0 && is_mobile (d + forms[f].prefix))
          {
            for (guint k = 0; k < 4; k++)
              mask[k] = at[forms[f].prefix + 3 + k];
            *n_mask = 4;
            return end;
          }
      }
  }
  return 0;
}

static Unit *
split_units (const char *text,
             gsize       len,
             guint      *out_n)
{
  Unit *u = g_new (Unit, len + 1);
  guint n = 0;

  for (gsize off = 0; off < len; off += u[n++].len)
    {
      u[n] = classify (text + off, text + len);
      u[n].offset = (guint32) off;
    }
  *out_n = n;
  return u;
}

gboolean
fd_case_mobile_is_valid (const char *str)
{
  g_autofree Unit *u = NULL;
  guint n, start = 0, mask[16], n_mask = 0;

  g_return_val_if_fail (str != NULL, FALSE);
  if (strlen (str) > 64)
    return FALSE;
  u = split_units (str, strlen (str), &n);
  if (n > 0 && u[0].kind == U_OTHER && (str[0] == '+' || g_str_has_prefix (str, "＋")))
    start = 1;
  while (start < n && u[start].kind == U_SEP)
    start++;
  return start < n && match_at (u, n, start, mask, &n_mask) == n && n_mask == 4;
}

char *
fd_case_mask_text (const char *text, guint *out_n_masked)
{
  g_autofree Unit *u = NULL;
  g_autofree gboolean *masked = NULL;
  GString *out;
  gsize len;
  guint n_units, i = 0, n = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (strlen (text) < G_MAXUINT32, NULL);

  len = strlen (text);
  u = split_units (text, len, &n_units);
  masked = g_new0 (gboolean, n_units + 1);
  while (i < n_units)
    {
      guint mask[16], n_mask = 0, end;

      /* A number starts at a digit not preceded by a digit: letters may
       * touch it ("ID110105…", "tel13812345678"). */
      if (u[i].kind != U_DIGIT || (i > 0 && u[i - 1].kind == U_DIGIT))
        {
          i++;
          continue;
        }
      end = match_at (u, n_units, i, mask, &n_mask);
      if (end)
        {
          for (guint k = 0; k < n_mask; k++)
            masked[mask[k]] = TRUE;
          n++;
          i = end;
          continue;
        }
      /* Not a number to mask: skip the whole digit run, so that a match
       * never starts inside a longer number. */
      while (i < n_units && u[i].kind == U_DIGIT)
        i++;
    }

  out = g_string_sized_new (len);
  for (i = 0; i < n_units; i++)
    if (masked[i])
      g_string_append_c (out, '*');
    else
      g_string_append_len (out, text + u[i].offset, u[i].len);
  if (out_n_masked)
    *out_n_masked = n;
  return g_string_free (out, FALSE);
}
