/* test-case-mask.c: ID-card and mobile numbers are masked in notes, nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fd-case-mask.h"

static void
test_id_check_digit (void)
{
  g_assert_true (fd_case_id_number_is_valid ("11010519491231002X"));
  g_assert_true (fd_case_id_number_is_valid ("11010519491231002x"));
  g_assert_true (fd_case_id_number_is_valid ("440301199003071230"));
  g_assert_true (fd_case_id_number_is_valid ("310115198506123454"));
  /* One digit off, wrong check digit, wrong length, letters. */
  g_assert_false (fd_case_id_number_is_valid ("110105194912310021"));
  g_assert_false (fd_case_id_number_is_valid ("440301199003071231"));
  g_assert_false (fd_case_id_number_is_valid ("440301199003071"));
  g_assert_false (fd_case_id_number_is_valid ("4403011990030712300"));
  g_assert_false (fd_case_id_number_is_valid ("44030119900307123A"));
  g_assert_false (fd_case_id_number_is_valid ("X40301199003071230"));
}

static void
test_mobile (void)
{
  g_assert_true (fd_case_mobile_is_valid ("13812345678"));
  g_assert_true (fd_case_mobile_is_valid ("+86 199-1234-5678"));
  g_assert_true (fd_case_mobile_is_valid ("8615912345678"));
  g_assert_false (fd_case_mobile_is_valid ("12812345678"));   /* 12x is not mobile */
  g_assert_false (fd_case_mobile_is_valid ("1381234567"));
  g_assert_false (fd_case_mobile_is_valid ("010-12345678"));
  g_assert_true (fd_case_mobile_is_valid ("0086 13812345678"));
  g_assert_true (fd_case_mobile_is_valid ("１３８ １２３４ ５６７８"));
  g_assert_true (fd_case_mobile_is_valid ("＋86\u3000138\u30001234\u30005678"));
  g_assert_false (fd_case_mobile_is_valid ("138123456789"));
}

typedef struct
{
  const char *in;
  const char *out;
  guint       n;
} Case;

static const Case cases[] = {
  { "身份证11010519491231002X已核对", "身份证1****************X已核对", 1 },
  { "ID 440301199003071230.", "ID 4****************0.", 1 },
  /* Invalid check digit: not an ID number, left alone. */
  { "ref 440301199003071231", "ref 440301199003071231", 0 },
  /* Part of a longer number or code: not touched. */
  { "order 4403011990030712301", "order 4403011990030712301", 0 },
  /* Right after letters: still an ID number (issue 12). */
  { "A440301199003071230", "A4****************0", 1 },
  { "电话13812345678，谢谢", "电话138****5678，谢谢", 1 },
  { "tel: 138 1234 5678 / 139-8765-4321", "tel: 138 **** 5678 / 139-****-4321", 2 },
  { "+8613812345678", "+86138****5678", 1 },
  { "+86 13812345678", "+86 138****5678", 1 },
  { "not mobile 12812345678 nor 138123456789", "not mobile 12812345678 nor 138123456789", 0 },
  { "window 12, 3 visits, 2026-11-26", "window 12, 3 visits, 2026-11-26", 0 },
  { "Посетитель: 13912345678; паспорт не нужен; ID 11010519491231002x",
    "Посетитель: 139****5678; паспорт не нужен; ID 1****************x", 2 },
  { "", "", 0 },
  /* Issue 12: separators, full-width digits, letters, international prefixes. */
  { "身份证 110105 19491231 002X", "身份证 1***** ******** ***X", 1 },
  { "ID 440301-19900307-1230", "ID 4*****-********-***0", 1 },
  { "身份证\u3000440301\u300019900307\u30001230", "身份证\u30004*****\u3000********\u3000***0", 1 },
  { "电话１３８１２３４５６７８", "电话１３８****５６７８", 1 },
  { "证件号４４０３０１１９９００３０７１２３０", "证件号４****************０", 1 },
  { "tel13812345678", "tel138****5678", 1 },
  { "ID440301199003071230ok", "ID4****************0ok", 1 },
  { "0086 138 1234 5678", "0086 138 **** 5678", 1 },
  { "008613812345678", "0086138****5678", 1 },
  { "+86-138-1234-5678", "+86-138-****-5678", 1 },
  { "手机\u3000138\u30001234\u30005678", "手机\u3000138\u3000****\u30005678", 1 },
  { "1381234\u20145678", "138****\u20145678", 1 },
  { "13812345678 13912345678", "138****5678 139****5678", 2 },
  /* Still not: longer runs, dates, invalid check digits with separators. */
  { "110105 19491231 0021", "110105 19491231 0021", 0 },
  { "0013812345678", "0013812345678", 0 },
  { "2026-11-26 09:30", "2026-11-26 09:30", 0 },
};

static void
test_mask_text (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n = 99;
      g_autofree char *out = fd_case_mask_text (cases[i].in, &n);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpuint (n, ==, cases[i].n);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cases/mask/id-check-digit", test_id_check_digit);
  g_test_add_func ("/cases/mask/mobile", test_mobile);
  g_test_add_func ("/cases/mask/text", test_mask_text);
  return g_test_run ();
}
