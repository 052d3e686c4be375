/* test-case-csv.c: RFC 4180 output, formula neutralising, parsing and errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fd-case-csv.h"
#include "fd-case-store.h"

static void
test_fields (void)
{
  struct { const char *in, *out; } t[] = {
    { "plain", "plain" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\r\nlines", "\"two\r\nlines\"" },
    { "=1+2", "'=1+2" },
    { "+7", "'+7" },
    { "-1", "'-1" },
    { "@cmd", "'@cmd" },
    { "\tx", "\"'\tx\"" },
    { "'=x", "''=x" },
    { "=a,\"b\"", "\"'=a,'\"\"b\"\"\"" },
    /* Issue 12: every place a cell may start, for ';' spreadsheets too. */
    { "tel;=HYPERLINK(1)", "\"tel;'=HYPERLINK(1)\"" },
    { "a;b", "\"a;b\"" },
    { "1;2;-3", "\"1;2;'-3\"" },
    { "x\n@y", "\"x\n'@y\"" },
    { "ok, +1", "\"ok, +1\"" },
    { "ok,+1", "\"ok,'+1\"" },
    { "中文", "中文" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      fd_case_csv_append_field (s, t[i].in);
      g_assert_cmpstr (s->str, ==, t[i].out);
    }
}

static void
test_roundtrip (void)
{
  const char *notes[] = {
    "=HYPERLINK(\"http://evil\")", "+SUM(1)", "-2", "@x", "'=quoted", "'plain apostrophe",
    "multi\r\nline\nwith, commas and \"quotes\"", "Китай 中国 China", "\r starts with CR",
    "ok;=cmd|' /C calc'!A0", "a;'=b", "x;\"=1\"", "x,-y;+z\t@w\n=v", ";;;=", "'", "';",
  };
  g_autoptr(GString) doc = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GPtrArray) in = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;

  fd_case_csv_append_header (doc);
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      FdCase *c = fd_case_new ();
      g_autoptr(FdCaseCall) call = fd_case_call_new ("call-1", "csl", 75);
      fd_case_set_notes (c, notes[i]);
      fd_case_set_staff (c, "-staff");
      fd_case_set_needs (c, FD_CASE_NEED_BLIND | FD_CASE_NEED_FOREIGN);
      fd_case_add_matter (c, "guide-a");
      fd_case_add_matter (c, "guide-b");
      fd_case_add_call (c, call);
      g_ptr_array_add (in, c);
      fd_case_csv_append_case (doc, c);
    }
  g_assert_true (g_str_has_suffix (doc->str, "\r\n"));
  out = fd_case_csv_parse (doc->str, doc->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, in->len);
  for (guint i = 0; i < in->len; i++)
    {
      FdCase *a = g_ptr_array_index (in, i), *b = g_ptr_array_index (out, i);
      g_assert_cmpstr (fd_case_get_notes (b), ==, fd_case_get_notes (a));
      g_assert_true (fd_case_equal (a, b));
    }
}

/* What a spreadsheet would do with the export: split every line on ',' or
 * on ';' (Russian and German locales), ignoring quotes, and look at each
 * cell's first character (after one opening quote). None may start a formula. */
static void
test_semicolon_split (void)
{
  const char *notes[] = {
    "tel;=HYPERLINK(\"http://evil\";\"x\")", "a;+1", "b;-1", "c;@SUM(1)", "d,=1", "e\n=1",
    "f;\"=1\"", "g;\t=1", "h\r\n;=1",
  };
  g_autoptr(GString) doc = g_string_new (NULL);

  fd_case_csv_append_header (doc);
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr(FdCase) c = fd_case_new ();

      fd_case_set_notes (c, notes[i]);
      fd_case_set_staff (c, "x;=evil()");
      fd_case_csv_append_case (doc, c);
    }
  for (guint sep = 0; sep < 2; sep++)
    {
      g_auto(GStrv) cells = g_strsplit_set (doc->str, sep ? ";\r\n" : ",\r\n", -1);

      for (guint i = 0; cells[i]; i++)
        {
          const char *cell = cells[i];

          if (*cell == '"')
            cell++;
          if (strchr ("=+-@", *cell) != NULL && *cell != '\0')
            g_error ("a cell split on '%c' starts a formula: %s", sep ? ';' : ',', cells[i]);
        }
    }
}

/* The document is refused with FD_CASE_ERROR_CSV naming @expect. */
static void
expect_refused (const char *doc,
                gsize       len,
                const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = fd_case_csv_parse (doc, len, &error);

  g_assert_null (cases);
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV);
  if (!strstr (error->message, expect))
    g_error ("expected “%s” in “%s”", expect, error->message);
}

static void
test_errors (void)
{
  struct { const char *doc, *expect; } t[] = {
    { "", "empty" },
    { "opened_at,colour\r\n2026-11-01 09:00,red\r\n", "unknown column “colour”" },
    { "hall\r\nx\r\n", "opened_at is required" },
    { "opened_at,notes\r\n2026-11-01 09:00,\"unclosed\r\n", "line 2: a quoted field is not closed" },
    { "opened_at,notes\r\n2026-11-01 09:00,a\"b\r\n", "line 2: a quote inside" },
    { "opened_at,notes\r\n2026-11-01 09:00\r\n", "line 2: 1 fields, the header has 2" },
    { "opened_at,notes\r\n\"2026-11-01 09:00\",\"x\ny\"\r\nbad,z\r\n", "line 4: opened_at" },
    { "opened_at,calls\r\n2026-11-01 09:00,c1|csl\r\n", "line 2: calls" },
    { "opened_at,contact_consent\r\n2026-11-01 09:00,maybe\r\n", "line 2: contact_consent" },
    { "opened_at,closed_at,outcome\r\n2026-11-01 09:00,2026-11-01 08:00,completed\r\n",
      "line 2: closed_at is before opened_at" },
    { "opened_at\r\n\xff\xfe\r\n", "not UTF-8" },
    /* Found by fuzz-case-csv: a file of only the byte order mark. */
    { "\xEF\xBB\xBF", "empty" },
    /* Found by fuzz-case-csv: a two-digit year (stored as year 26, exported as
     * something that did not import again). */
    { "opened_at\n26-10-08 10:00:30\n", "line 2: opened_at" },
    { "opened_at\n0026-10-08T10:00:30Z\n", "line 2: opened_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    expect_refused (t[i].doc, strlen (t[i].doc), t[i].expect);
}

/* Issue 12: import applies the case rules the editor applies, and bounds
 * every size before holding it. */
static void
test_import_rules_and_limits (void)
{
  g_autoptr(GString) big = g_string_new ("opened_at,notes\r\n2026-11-01 09:00,");
  g_autoptr(GString) wide = g_string_new ("opened_at");
  g_autoptr(GString) many_lines = g_string_new (NULL);
  struct { const char *doc, *expect; } t[] = {
    { "opened_at,contact_phone,contact_consent\r\n2026-11-01 09:00,call me maybe,yes\r\n",
      "line 2: The contact phone must be 5 to 20 digits" },
    { "opened_at,contact_phone,contact_consent\r\n2026-11-01 09:00,1234,yes\r\n",
      "line 2: The contact phone must be" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    expect_refused (t[i].doc, strlen (t[i].doc), t[i].expect);

  /* One field over 64 KB. */
  for (guint i = 0; i < FD_CASE_CSV_MAX_FIELD_BYTES + 10; i++)
    g_string_append_c (big, 'a');
  g_string_append (big, "\r\n");
  /* A header of 65 columns. */
  for (guint i = 0; i < FD_CASE_CSV_MAX_FIELDS; i++)
    g_string_append (wide, ",notes");
  g_string_append (wide, "\r\n");
  /* A record of 20 fields of 60 KB: each field fits, the record does not. */
  g_string_truncate (many_lines, 0);
  for (guint f = 0; f < 20; f++)
    {
      g_string_append (many_lines, f ? ",\"" : "\"");
      for (guint i = 0; i < 60 * 1024; i++)
        g_string_append_c (many_lines, 'a' + (i % 26));
      g_string_append_c (many_lines, '"');
    }
  {
    struct { GString *doc; const char *expect; } l[] = {
      { big, "line 2: a field longer than 64 KB" },
      { wide, "line 1: more than 64 fields" },
      { many_lines, "line 1: a record longer than 1024 KB" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (l); i++)
      expect_refused (l[i].doc->str, l[i].doc->len, l[i].expect);
  }
}

/* Rows are passed on as they are read: the reader stops at the function's
 * error without reading the rest of the stream. */
static gboolean
stop_at_second (FdCase    *fcase,
                guint      line,
                gpointer   user_data,
                GError   **error)
{
  guint *seen = user_data;

  if (++*seen == 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop at line %u", line);
      return FALSE;
    }
  return TRUE;
}

static void
test_streamed (void)
{
  g_autoptr(GString) doc = g_string_new ("opened_at,notes\r\n");
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  guint seen = 0;
  char buf[16];

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (doc, "2026-11-01 09:00,row %u\r\n", i);
  in = g_memory_input_stream_new_from_data (doc->str, doc->len, NULL);
  g_assert_false (fd_case_csv_read (in, stop_at_second, &seen, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "stop at line 3");
  /* Most of the 500 KB were never read. */
  g_assert_cmpint (g_input_stream_read (in, buf, sizeof buf, NULL, NULL), ==, sizeof buf);
  g_assert_true (g_seekable_tell (G_SEEKABLE (in)) < 200 * 1024);
}

static void
test_spreadsheet_log (void)
{
  /* As a hall's existing spreadsheet might be saved: LF endings, columns in
   * another order, upper case names, local times, no BOM. */
  const char *doc =
    "Staff,Opened_At,Closed_At,Needs,Outcome,Matters\n"
    "王丽,2026-10-08 09:15,2026-10-08 09:50,wheelchair,completed,a\n";
  const char *good =
    "Staff,Opened_At,Closed_At,Needs,Outcome,Matters\n"
    "王丽,2026-10-08 09:15,2026-10-08 09:50,mobility;elderly,completed,a;b\n"
    "Ivan,2026-10-08 10:00:30,,foreign-language,,\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = fd_case_csv_parse (doc, strlen (doc), &error);
  FdCase *c;

  g_assert_null (cases);
  g_assert_nonnull (strstr (error->message, "line 2: needs: Unknown need “wheelchair”"));
  g_clear_error (&error);
  cases = fd_case_csv_parse (good, strlen (good), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 2);
  c = g_ptr_array_index (cases, 0);
  g_assert_cmpint (fd_case_get_duration (c), ==, 35 * 60);
  g_assert_cmpint (fd_case_get_needs (c), ==, FD_CASE_NEED_MOBILITY | FD_CASE_NEED_ELDERLY);
  g_assert_cmpstr (fd_case_get_matters (c)[1], ==, "b");
  c = g_ptr_array_index (cases, 1);
  g_assert_true (fd_case_is_open (c));
  g_assert_cmpint (g_date_time_get_second (fd_case_get_opened_at (c)), ==, 30);
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cases/csv/fields", test_fields);
  g_test_add_func ("/cases/csv/roundtrip-hostile", test_roundtrip);
  g_test_add_func ("/cases/csv/errors-with-lines", test_errors);
  g_test_add_func ("/cases/csv/semicolon-split", test_semicolon_split);
  g_test_add_func ("/cases/csv/spreadsheet-log", test_spreadsheet_log);
  g_test_add_func ("/cases/csv/import-rules-and-limits", test_import_rules_and_limits);
  g_test_add_func ("/cases/csv/streamed", test_streamed);
  return g_test_run ();
}
