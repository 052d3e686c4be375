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

/* Reading: one record at a time from a stream, every size bounded */

typedef enum { REC_OK, REC_END, REC_ERROR } RecordResult;
typedef enum { S_FIELD_START, S_UNQUOTED, S_QUOTED, S_QUOTE } ParseState;

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  guint8        buf[64 * 1024];
  gsize         len;
  gsize         pos;
  guint64       total;
  guint         line;
  gboolean      skip_lf;
  gboolean      started;
} Reader;

static gboolean
reader_fill (Reader  *r,
             GError **error)
{
  if (!g_input_stream_read_all (r->stream, r->buf, sizeof r->buf, &r->len, r->cancellable, error))
    return FALSE;
  r->pos = 0;
  r->total += r->len;
  if (r->total > FD_CASE_CSV_MAX_BYTES)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                   "The CSV file is larger than %d MB; split it", FD_CASE_CSV_MAX_BYTES >> 20);
      return FALSE;
    }
  if (!r->started)
    {
      r->started = TRUE;
      if (r->len >= 3 && memcmp (r->buf, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    }
  return TRUE;
}

static gboolean
end_field (Reader     *r,
           GString    *field,
           GPtrArray  *fields,
           guint       line,
           GError    **error)
{
  if (fields->len >= FD_CASE_CSV_MAX_FIELDS)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                   "line %u: more than %d fields", line, FD_CASE_CSV_MAX_FIELDS);
      return FALSE;
    }
  if (!g_utf8_validate_len (field->str, field->len, NULL))
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                   "line %u: the CSV file is not UTF-8 text; save it as “CSV UTF-8”", line);
      return FALSE;
    }
  g_ptr_array_add (fields, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
  return TRUE;
}

/* Reads the next non-empty record into @fields (RFC 4180; CRLF, LF or CR
 * ends a record). */
static RecordResult
read_record (Reader     *r,
             GPtrArray  *fields,
             guint      *out_line,
             GError    **error)
{
  g_autoptr(GString) field = g_string_new (NULL);
  ParseState st = S_FIELD_START;
  gsize record_bytes = 0;

  g_ptr_array_set_size (fields, 0);
  *out_line = r->line;
#define FAIL_AT(line, ...) G_STMT_START { \
    g_autofree char *why_ = g_strdup_printf (__VA_ARGS__); \
    g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV, "line %u: %s", line, why_); \
    return REC_ERROR; } G_STMT_END
  for (;;)
    {
      guint8 c;

      if (r->pos == r->len)
        {
          if (!reader_fill (r, error))
            return REC_ERROR;
          /* read_all fills the buffer unless at the end; a buffer holding
           * only the byte order mark is the end too. */
          if (r->pos == r->len)
            {
              if (st == S_QUOTED)
                FAIL_AT (*out_line, "a quoted field is not closed");
              if (st == S_FIELD_START && fields->len == 0)
                return REC_END;
              if (!end_field (r, field, fields, *out_line, error))
                return REC_ERROR;
              return REC_OK;
            }
        }
      c = r->buf[r->pos++];
      if (r->skip_lf)
        {
          r->skip_lf = FALSE;
          if (c == '\n')
            continue;
        }
      if (++record_bytes > FD_CASE_CSV_MAX_RECORD_BYTES)
        FAIL_AT (*out_line, "a record longer than %d KB", FD_CASE_CSV_MAX_RECORD_BYTES >> 10);
      if (field->len >= FD_CASE_CSV_MAX_FIELD_BYTES && st != S_QUOTE)
        FAIL_AT (*out_line, "a field longer than %d KB", FD_CASE_CSV_MAX_FIELD_BYTES >> 10);
      switch (st)
        {
        case S_QUOTED:
          if (c == '"')
            st = S_QUOTE;
          else
            {
              if (c == '\n')
                r->line++;
              g_string_append_c (field, c);
            }
          continue;
        case S_QUOTE:
          if (c == '"')
            {
              g_string_append_c (field, '"');
              st = S_QUOTED;
              continue;
            }
          if (c != ',' && c != '\r' && c != '\n')
            FAIL_AT (r->line, "a quote inside an unquoted field, or text after a closing quote");
          break;
        case S_FIELD_START:
          if (c == '"')
            {
              st = S_QUOTED;
              continue;
            }
          break;
        case S_UNQUOTED:
        default:
          break;
        }
      /* Unquoted text, or the character after a closing quote. */
      if (c == ',')
        {
          if (!end_field (r, field, fields, *out_line, error))
            return REC_ERROR;
          st = S_FIELD_START;
        }
      else if (c == '\r' || c == '\n')
        {
          r->skip_lf = c == '\r';
          r->line++;
          if (!end_field (r, field, fields, *out_line, error))
            return REC_ERROR;
          /* An empty line is no record. */
          if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0' && st != S_QUOTE)
            {
              g_ptr_array_set_size (fields, 0);
              *out_line = r->line;
              record_bytes = 0;
              st = S_FIELD_START;
              continue;
            }
          return REC_OK;
        }
      else if (c == '"')
        FAIL_AT (r->line, "a quote inside an unquoted field, or text after a closing quote");
      else
        {
          g_string_append_c (field, c);
          st = S_UNQUOTED;
        }
    }
#undef FAIL_AT
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

/* A case is from 1970 to 9999: other years (a two-digit "26-10-08", a
 * typo) are refused rather than stored as antiquity. */
static GDateTime *
plausible (GDateTime *dt)
{
  if (dt != NULL && (g_date_time_get_year (dt) < 1970 || g_date_time_get_year (dt) > 9999))
    g_clear_pointer (&dt, g_date_time_unref);
  return dt;
}

static GDateTime *
parse_time (const char *s)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int y, mo, d, h, mi, sec = 0;
  char tail;

  GDateTime *dt = g_date_time_new_from_iso8601 (s, local);
  if (dt)
    return plausible (dt);
  if (sscanf (s, "%d-%d-%d %d:%d:%d%c", &y, &mo, &d, &h, &mi, &sec, &tail) == 6
      || sscanf (s, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &tail) == 5)
    return plausible (g_date_time_new_local (y, mo, d, h, mi, sec));
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
fill_case (FdCase    *c,
           GPtrArray *fields,
           guint      line,
           const int *col_of,
           GString   *errors)
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
      if (col_of[k] >= 0 && (guint) col_of[k] < fields->len)
        {
          g_ptr_array_add (owned, unneutralise (g_ptr_array_index (fields, col_of[k])));
          v[k] = g_ptr_array_index (owned, owned->len - 1);
        }
    }

#define FAIL(...) G_STMT_START { g_string_append_printf (errors, "line %u: ", line); \
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

static gboolean
read_header (Reader     *r,
             GPtrArray  *fields,
             int        *col_of,
             GError    **error)
{
  guint line;

  switch (read_record (r, fields, &line, error))
    {
    case REC_ERROR:
      return FALSE;
    case REC_END:
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV, "The CSV file is empty");
      return FALSE;
    case REC_OK:
    default:
      break;
    }
  for (guint k = 0; k < N_COLS; k++)
    col_of[k] = -1;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (fields, i), -1));
      gboolean known = FALSE;

      for (guint k = 0; k < N_COLS; k++)
        if (g_str_equal (name, columns[k]))
          {
            if (col_of[k] >= 0)
              {
                g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                             "line %u: column “%s” appears twice", line, name);
                return FALSE;
              }
            col_of[k] = i;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                       "line %u: unknown column “%s” (known: id, hall, desk, opened_at, "
                       "closed_at, needs, language, staff, matters, calls, outcome, notes, "
                       "contact_phone, contact_consent)", line, name);
          return FALSE;
        }
    }
  if (col_of[COL_OPENED] < 0)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                   "line %u: the column opened_at is required", line);
      return FALSE;
    }
  return TRUE;
}

gboolean
fd_case_csv_read (GInputStream   *stream,
                  FdCaseCsvFunc   func,
                  gpointer        user_data,
                  guint          *out_n_cases,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autofree Reader *r = g_new0 (Reader, 1);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) errors = g_string_new (NULL);
  int col_of[N_COLS];
  guint n_header, n_errors = 0, n_cases = 0, n_records = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  r->stream = stream;
  r->cancellable = cancellable;
  r->line = 1;
  if (!read_header (r, fields, col_of, error))
    return FALSE;
  n_header = fields->len;
  for (;;)
    {
      g_autoptr(FdCase) c = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(GString) scratch = NULL;
      GString *why;
      guint line;

      switch (read_record (r, fields, &line, error))
        {
        case REC_ERROR:
          return FALSE;
        case REC_END:
          goto done;
        case REC_OK:
        default:
          break;
        }
      if (++n_records > FD_CASE_CSV_MAX_RECORDS)
        {
          g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                       "line %u: more than %d cases in one file; split it", line,
                       FD_CASE_CSV_MAX_RECORDS);
          return FALSE;
        }
      /* Only the first bad lines are listed; the others are counted. */
      why = n_errors < MAX_REPORTED_ERRORS ? errors : (scratch = g_string_new (NULL));
      if (fields->len != n_header)
        {
          g_string_append_printf (why, "line %u: %u fields, the header has %u\n",
                                  line, fields->len, n_header);
          n_errors++;
          continue;
        }
      c = fd_case_new ();
      if (!fill_case (c, fields, line, col_of, why))
        {
          n_errors++;
          continue;
        }
      /* The rules the editor and the store apply (a plausible phone…). */
      if (!fd_case_validate (c, &local))
        {
          g_string_append_printf (why, "line %u: %s\n", line, local->message);
          n_errors++;
          continue;
        }
      if (n_errors == 0)
        {
          if (!func (c, line, user_data, error))
            return FALSE;
          n_cases++;
        }
    }
done:
  if (n_errors)
    {
      g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_CSV,
                   "%u bad row%s, nothing imported:\n%s%s", n_errors, n_errors == 1 ? "" : "s",
                   errors->str, n_errors > MAX_REPORTED_ERRORS ? "…\n" : "");
      return FALSE;
    }
  if (out_n_cases)
    *out_n_cases = n_cases;
  return TRUE;
}

static gboolean
collect_case (FdCase    *fcase,
              guint      line,
              gpointer   user_data,
              GError   **error)
{
  g_ptr_array_add (user_data, g_object_ref (fcase));
  return TRUE;
}

GPtrArray *
fd_case_csv_parse (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, length, NULL);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);

  if (!fd_case_csv_read (in, collect_case, cases, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&cases);
}
