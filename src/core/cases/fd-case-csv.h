/* fd-case-csv.h: the CSV format of escort cases (export and import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180: fields separated by commas, records ended by CRLF, fields with a
 * comma, quote, CR or LF quoted with "…" and inner quotes doubled. The file is
 * UTF-8 and starts with a byte order mark (Excel needs it for Chinese).
 *
 * Formula injection: wherever a spreadsheet might start a cell inside a
 * field — its start, and after every comma, semicolon, tab or line break in
 * it (Russian and German spreadsheets split on ';') — a character among
 * = + - @ TAB CR ' " gets an apostrophe in front on export. Fields holding
 * a comma, semicolon, quote, tab or line break are quoted. On import exactly
 * those apostrophes are removed, so export -> import gives the text back.
 *
 * Columns (header row required; names matched case-insensitively, any order;
 * unknown columns are an error, so a typo does not silently lose data):
 *   id             ignored on import (the store assigns new ids)
 *   hall, desk     text
 *   opened_at      required: ISO 8601 "2026-11-26T09:30:00+08:00", or local
 *                  "2026-11-26 09:30" / "2026-11-26 09:30:00"
 *   closed_at      as opened_at, empty while open; not before opened_at
 *   needs          codes separated by ';' (mobility deaf blind speech
 *                  cognitive elderly pregnant foreign-language other)
 *   language       visitor language tag
 *   staff          escort staff handle
 *   matters        guide ids separated by ';'
 *   calls          call_id|language|seconds items separated by ';'
 *   outcome        completed appointment referred escalated left; required
 *                  when closed_at is set, empty while the case is open
 *   notes          free text (masked on import like on save)
 *   contact_phone  only with contact_consent = yes
 *   contact_consent  yes/no/1/0/true/false or empty (= no)
 * Only opened_at is required; the other columns may be absent.
 */
#pragma once

#include <gio/gio.h>

#include "fd-case.h"

G_BEGIN_DECLS

/* The export column order. NULL-terminated. */
const char * const *fd_case_csv_columns (void);

/* Appends one RFC 4180 field (quoted if needed, neutralised against formula
 * injection) to @out. */
void       fd_case_csv_append_field   (GString     *out,
                                       const char  *value);
/* Appends the header record (with CRLF) / one case record (with CRLF). */
void       fd_case_csv_append_header  (GString     *out);
void       fd_case_csv_append_case    (GString     *out,
                                       FdCase      *fcase);

/* Input is hostile: what one file may hold. */
#define FD_CASE_CSV_MAX_BYTES        (256 * 1024 * 1024)
#define FD_CASE_CSV_MAX_RECORD_BYTES (1024 * 1024)
#define FD_CASE_CSV_MAX_FIELD_BYTES  (64 * 1024)
#define FD_CASE_CSV_MAX_FIELDS       64
#define FD_CASE_CSV_MAX_RECORDS      1000000

/* Called for each good row, in order, while there is no bad row yet (a row
 * after a bad one is checked but not passed on). Return FALSE with @error to
 * stop reading. */
typedef gboolean (*FdCaseCsvFunc) (FdCase    *fcase,
                                   guint      line,
                                   gpointer   user_data,
                                   GError   **error);

/* Reads a CSV document (BOM optional) from @stream one record at a time,
 * within the limits above, and passes each row that makes a valid case
 * (the columns below, then fd_case_validate()) to @func. FALSE with
 * FD_CASE_ERROR_CSV if any row is bad: the message lists the bad lines
 * ("line 7: opened_at: …"), at most 50 of them; or with @func's error, or
 * an I/O error. @out_n_cases: the rows passed on. */
gboolean   fd_case_csv_read           (GInputStream  *stream,
                                       FdCaseCsvFunc  func,
                                       gpointer       user_data,
                                       guint         *out_n_cases,
                                       GCancellable  *cancellable,
                                       GError       **error);
/* fd_case_csv_read() of a document in memory, collecting the cases
 * (element type FdCase, id 0); NULL on any error. */
GPtrArray *fd_case_csv_parse          (const char  *data,
                                       gsize        length,
                                       GError     **error);

G_END_DECLS
