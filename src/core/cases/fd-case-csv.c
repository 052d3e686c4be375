/* fd-case-csv.c: RFC 4180 CSV of escort cases, safe against formula injection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-csv"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fd-case-csv.h"
#include "fd-case-store.h"

#define MAX_REPORTED_ERRORS 50

enum {
  COL_ID, COL_HALL, COL_DESK, COL_OPENED, COL_CLOSED, COL_NEEDS, COL_LANGUAGE, COL_STAFF,
  COL_MATTERS, COL_CALLS, COL_OUTCOME, COL_NOTES, COL_PHONE, COL_CONSENT, N_COLS
};

static const char * const columns[N_COLS + 1] = {
  "id", "hall", "desk", "opened_at", "closed_at", "needs", "language", "staff", "matters",
  "calls", "outcome", "notes", "contact_phone", "contact_consent", NULL
};

const char * const *
fd_case_csv_columns (void)
{
  return columns;
}

/* What a spreadsheet may take as the start of a formula at the start of a
 * cell ('"' too: a quoted cell is evaluated by some). */
static gboolean
is_dangerous (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\''
         || c == '"';
}

/* Where a spreadsheet may start a cell inside a field: after any separator
 * it might split on (comma, semicolon, tab) or a line break. */
static gboolean
is_separator (char c)
{
  return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n';
}

void
fd_case_csv_append_field (GString *out, const char *value)
{
  gboolean quote;

  if (value == NULL)
    value = "";
  /* Quoted when it holds a separator of either convention, so that a
   * spreadsheet splitting on ';' keeps it one cell as well. */
  quote = strpbrk (value, ",;\"\t\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      /* Neutralised at every place a cell may start, not only the first. */
      if ((p == value || is_separator (p[-1])) && is_dangerous (*p))
        g_string_append_c (out, '\'');
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

void
fd_case_csv_append_header (GString *out)
{
  for (guint i = 0; i < N_COLS; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      g_string_append (out, columns[i]);
    }
  g_string_append (out, "\r\n");
}

static char *
format_time (GDateTime *dt)
{
  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

void
fd_case_csv_append_case (GString *out, FdCase *c)
{
  g_autofree char *fields[N_COLS] = { NULL };
  g_autoptr(GString) calls = g_string_new (NULL);
  GPtrArray *list = fd_case_get_calls (c);

  fields[COL_ID] = g_strdup_printf ("%" G_GINT64_FORMAT, fd_case_get_id (c));
  fields[COL_HALL] = g_strdup (fd_case_get_hall (c));
  fields[COL_DESK] = g_strdup (fd_case_get_desk (c));
  fields[COL_OPENED] = format_time (fd_case_get_opened_at (c));
  fields[COL_CLOSED] = format_time (fd_case_get_closed_at (c));
  fields[COL_NEEDS] = fd_case_needs_to_string (fd_case_get_needs (c));
  fields[COL_LANGUAGE] = g_strdup (fd_case_get_language (c));
  fields[COL_STAFF] = g_strdup (fd_case_get_staff (c));
  fields[COL_MATTERS] = g_strjoinv (";", (char **) fd_case_get_matters (c));
  for (guint i = 0; i < list->len; i++)
    {
      FdCaseCall *call = g_ptr_array_index (list, i);
      g_string_append_printf (calls, "%s%s|%s|%u", i ? ";" : "", call->call_id,
                              call->language ? call->language : "", call->duration_s);
    }
  fields[COL_CALLS] = g_strdup (calls->str);
  fields[COL_OUTCOME] = g_strdup (fd_case_get_outcome (c) ? fd_case_outcome_to_code (fd_case_get_outcome (c)) : "");
  fields[COL_NOTES] = g_strdup (fd_case_get_notes (c));
  fields[COL_PHONE] = g_strdup (fd_case_get_contact_phone (c));
  fields[COL_CONSENT] = g_strdup (fd_case_get_contact_consent (c) ? "yes" : "no");
  for (guint i = 0; i < N_COLS; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      fd_case_csv_append_field (out, fields[i]);
      g_clear_pointer (&fields[i], g_free);
    }
  g_string_append (out, "\r\n");
}

/* Parsing */

typedef struct
{
  guint      line;     /* where the record starts, 1-based */
  GPtrArray *fields;   /* char* */
} Record;

static void
record_free (Record *r)
{
  g_ptr_array_unref (r->fields);
  g_free (r);
}

/* Splits the document into records. FALSE with @error_line/@error_msg on a
 * malformed quote. */
static GPtrArray *
split_records (const char *data, gsize len, guint *error_line, const char **error_msg)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Record *rec = NULL;
  guint line = 1;
  gsize i = 0;

  while (i < len)
    {
      gboolean quoted = FALSE;

      if (rec == NULL)
        {
          rec = g_new0 (Record, 1);
          rec->line = line;
          rec->fields = g_ptr_array_new_with_free_func (g_free);
        }
      g_string_truncate (field, 0);
      if (data[i] == '"')
        {
          quoted = TRUE;
          i++;
          for (;;)
            {
              if (i >= len)
                {
                  *error_line = rec->line;
                  *error_msg = "a quoted field is not closed";
                  record_free (rec);
                  return NULL;
                }
              if (data[i] == '"')
                {
                  if (i + 1 < len && data[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              if (data[i] == '\n')
                line++;
              g_string_append_c (field, data[i++]);
            }
        }
      while (i < len && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
        {
          if (quoted || data[i] == '"')
            {
              *error_line = line;
              *error_msg = "a quote inside an unquoted field, or text after a closing quote";
              record_free (rec);
              return NULL;
            }
          g_string_append_c (field, data[i++]);
        }
      g_ptr_array_add (rec->fields, g_strdup (field->str));
      if (i < len && data[i] == ',')
        {
          i++;
          if (i == len)
            g_ptr_array_add (rec->fields, g_strdup (""));
          continue;
        }
      /* End of record: CRLF, LF or CR. */
      if (i < len && data[i] == '\r')
        i++;
      if (i < len && data[i] == '\n')
        i++;
      line++;
      /* Skip empty lines (a record of one empty field). */
      if (rec->fields->len == 1 && *(char *) g_ptr_array_index (rec->fields, 0) == '\0')
        record_free (rec);
      else
        g_ptr_array_add (records, rec);
      rec = NULL;
    }
  if (rec)
    g_ptr_array_add (records, rec);
  return g_steal_pointer (&records);
}

/* Removes exactly the apostrophes fd_case_csv_append_field() added. */
static char *
unneutralise (const char *v)
{
  GString *s = g_string_sized_new (strlen (v));

  for (const char *p = v; *p; p++)
    {
      if (*p == '\'' && (p == v || is_separator (p[-1])) && is_dangerous (p[1]))
        p++;
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static GDateTime *
parse_time (const char *s)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int y, mo, d, h, mi, sec = 0;
  char tail;

  GDateTime *dt = g_date_time_new_from_iso8601 (s, local);
  if (dt)
    return dt;
  if (sscanf (s, "%d-%d-%d %d:%d:%d%c", &y, &mo, &d, &h, &mi, &sec, &tail) == 6
      || sscanf (s, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &tail) == 5)
    return g_date_time_new_local (y, mo, d, h, mi, sec);
  return NULL;
}

static gboolean
parse_bool (const char *s, gboolean *out)
{
  if (*s == '\0' || !g_ascii_strcasecmp (s, "no") || !g_ascii_strcasecmp (s, "false") || !strcmp (s, "0"))
    *out = FALSE;
  else if (!g_ascii_strcasecmp (s, "yes") || !g_ascii_strcasecmp (s, "true") || !strcmp (s, "1"))
    *out = TRUE;
  else
    return FALSE;
  return TRUE;
}

/* Fills @c from one record; on failure appends the reason to @errors. */
static gboolean
fill_case (FdCase *c, Record *rec, const int *col_of, GString *errors)
{
  const char *v[N_COLS];
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  FdCaseNeed needs;
  FdCaseOutcome outcome = FD_CASE_OUTCOME_NONE;
  gboolean consent;

  for (guint k = 0; k < N_COLS; k++)
    {
      v[k] = "";
      if (col_of[k] >= 0 && (guint) col_of[k] < rec->fields->len)
        {
          g_ptr_array_add (owned, unneutralise (g_ptr_array_index (rec->fields, col_of[k])));
          v[k] = g_ptr_array_index (owned, owned->len - 1);
        }
    }

#define FAIL(...) G_STMT_START { g_string_append_printf (errors, "line %u: ", rec->line); \
  g_string_append_printf (errors, __VA_ARGS__); g_string_append_c (errors, '\n'); return FALSE; } G_STMT_END

  {
    g_autoptr(GDateTime) opened = parse_time (v[COL_OPENED]);
    g_autoptr(GDateTime) closed = *v[COL_CLOSED] ? parse_time (v[COL_CLOSED]) : NULL;

    if (opened == NULL)
      FAIL ("opened_at: “%s” is not a date and time (use 2026-11-26T09:30:00+08:00 or "
            "2026-11-26 09:30)", v[COL_OPENED]);
    if (*v[COL_CLOSED] && closed == NULL)
      FAIL ("closed_at: “%s” is not a date and time", v[COL_CLOSED]);
    if (closed && g_date_time_compare (closed, opened) < 0)
      FAIL ("closed_at is before opened_at");
    fd_case_set_opened_at (c, opened);
    fd_case_set_closed_at (c, closed);
  }
  if (!fd_case_needs_from_string (v[COL_NEEDS], &needs, &local))
    FAIL ("needs: %s", local->message);
  fd_case_set_needs (c, needs);
  if (*v[COL_OUTCOME] && (!fd_case_outcome_from_code (v[COL_OUTCOME], &outcome)
                          || outcome == FD_CASE_OUTCOME_NONE))
    FAIL ("outcome: unknown “%s” (completed, appointment, referred, escalated, left)", v[COL_OUTCOME]);
  if (*v[COL_CLOSED] && outcome == FD_CASE_OUTCOME_NONE)
    FAIL ("outcome: a closed case needs an outcome");
  if (!*v[COL_CLOSED] && outcome != FD_CASE_OUTCOME_NONE)
    FAIL ("closed_at: a case with an outcome needs a closing time");
  fd_case_set_outcome (c, outcome);
  if (!parse_bool (v[COL_CONSENT], &consent))
    FAIL ("contact_consent: “%s” is not yes or no", v[COL_CONSENT]);
  if (*v[COL_PHONE] && !consent)
    FAIL ("contact_phone given without contact_consent = yes");
  fd_case_set_contact_consent (c, consent);
  fd_case_set_contact_phone (c, *v[COL_PHONE] ? v[COL_PHONE] : NULL);
  fd_case_set_hall (c, *v[COL_HALL] ? v[COL_HALL] : NULL);
  fd_case_set_desk (c, *v[COL_DESK] ? v[COL_DESK] : NULL);
  fd_case_set_language (c, *v[COL_LANGUAGE] ? v[COL_LANGUAGE] : NULL);
  fd_case_set_staff (c, *v[COL_STAFF] ? v[COL_STAFF] : NULL);
  fd_case_set_notes (c, *v[COL_NOTES] ? v[COL_NOTES] : NULL);
  {
    g_auto(GStrv) matters = g_strsplit (v[COL_MATTERS], ";", -1);
    for (guint i = 0; matters[i]; i++)
      g_strstrip (matters[i]);
    fd_case_set_matters (c, (const char * const *) matters);
  }
  if (*v[COL_CALLS])
    {
      g_auto(GStrv) items = g_strsplit (v[COL_CALLS], ";", -1);
      for (guint i = 0; items[i]; i++)
        {
          g_auto(GStrv) parts = g_strsplit (items[i], "|", -1);
          guint64 secs;
          g_autoptr(FdCaseCall) call = NULL;

          if (g_strv_length (parts) != 3 || *g_strstrip (parts[0]) == '\0'
              || !g_ascii_string_to_unsigned (g_strstrip (parts[2]), 10, 0, G_MAXINT32, &secs, NULL))
            FAIL ("calls: “%s” is not call_id|language|seconds", items[i]);
          call = fd_case_call_new (parts[0], g_strstrip (parts[1]), secs);
          fd_case_add_call (c, call);
        }
    }
#undef FAIL
  return TRUE;
}

GPtrArray *
fd_case_csv_parse (const char *data, gsize length, GError **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) errors = g_string_new (NULL);
  int col_of[N_COLS];
  Record *header;
  guint line = 0, n_errors = 0;
  const char *msg = NULL;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, length -= 3;
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                           "The CSV file is not UTF-8 text; save it as “CSV UTF-8”");
      return NULL;
    }
  records = split_records (data, length, &line, &msg);
  if (records == NULL)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV, "line %u: %s", line, msg);
      return NULL;
    }
  if (records->len == 0)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV, "The CSV file is empty");
      return NULL;
    }
  header = g_ptr_array_index (records, 0);
  for (guint k = 0; k < N_COLS; k++)
    col_of[k] = -1;
  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (header->fields, i), -1));
      gboolean known = FALSE;

      for (guint k = 0; k < N_COLS; k++)
        if (g_str_equal (name, columns[k]))
          {
            if (col_of[k] >= 0)
              {
                g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                             "line 1: column “%s” appears twice", name);
                return NULL;
              }
            col_of[k] = i;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                       "line 1: unknown column “%s” (known: id, hall, desk, opened_at, closed_at, "
                       "needs, language, staff, matters, calls, outcome, notes, contact_phone, "
                       "contact_consent)", name);
          return NULL;
        }
    }
  if (col_of[COL_OPENED] < 0)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                           "line 1: the column opened_at is required");
      return NULL;
    }
  for (guint r = 1; r < records->len; r++)
    {
      Record *rec = g_ptr_array_index (records, r);
      g_autoptr(FdCase) c = fd_case_new ();

      if (rec->fields->len != header->fields->len)
        {
          if (n_errors++ < MAX_REPORTED_ERRORS)
            g_string_append_printf (errors, "line %u: %u fields, the header has %u\n",
                                    rec->line, rec->fields->len, header->fields->len);
          continue;
        }
      if (n_errors >= MAX_REPORTED_ERRORS)
        {
          GString *scratch = g_string_new (NULL);
          if (!fill_case (c, rec, col_of, scratch))
            n_errors++;
          g_string_free (scratch, TRUE);
          continue;
        }
      if (!fill_case (c, rec, col_of, errors))
        {
          n_errors++;
          continue;
        }
      g_ptr_array_add (cases, g_steal_pointer (&c));
    }
  if (n_errors)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                   "%u bad row%s, nothing imported:\n%s%s", n_errors, n_errors == 1 ? "" : "s",
                   errors->str, n_errors > MAX_REPORTED_ERRORS ? "…\n" : "");
      return NULL;
    }
  return g_steal_pointer (&cases);
}
