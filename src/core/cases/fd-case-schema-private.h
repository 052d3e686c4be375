/* fd-case-schema-private.h: the case database's tables, written once for both backends
 *
 * Each backend's migrations (fd-case-store-sqlite.c, fd-case-store-pg.c) are these statements with
 * its own types, followed by what only it has (the audit trail's append-only triggers, the report
 * index). A macro rather than a function: the statements stay compile-time constants, and the text
 * each backend runs is exactly the text its database already recorded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Version 1. @SERIAL: an auto-increment primary key; @BIG: a 64-bit integer (times, ids). */
#define FD_CASE_SCHEMA_V1(SERIAL, BIG) \
  "CREATE TABLE cases (" \
  " id " SERIAL "," \
  " hall TEXT, desk TEXT," \
  " opened_at " BIG " NOT NULL, closed_at " BIG "," \
  " needs INTEGER NOT NULL DEFAULT 0," \
  " language TEXT, staff TEXT," \
  " outcome INTEGER NOT NULL DEFAULT 0," \
  " notes TEXT, contact_phone TEXT," \
  " contact_consent INTEGER NOT NULL DEFAULT 0," \
  " purged_at " BIG "," \
  " CHECK (contact_phone IS NULL OR contact_consent = 1)," \
  " CHECK (closed_at IS NULL OR closed_at >= opened_at))", \
  "CREATE INDEX cases_opened ON cases (opened_at)", \
  "CREATE INDEX cases_open ON cases (opened_at) WHERE closed_at IS NULL", \
  "CREATE TABLE case_matters (" \
  " case_id " BIG " NOT NULL REFERENCES cases (id) ON DELETE CASCADE," \
  " position INTEGER NOT NULL, guide_id TEXT NOT NULL," \
  " PRIMARY KEY (case_id, position))", \
  "CREATE TABLE case_calls (" \
  " case_id " BIG " NOT NULL REFERENCES cases (id) ON DELETE CASCADE," \
  " position INTEGER NOT NULL, call_id TEXT NOT NULL, language TEXT," \
  " duration_s INTEGER NOT NULL DEFAULT 0 CHECK (duration_s >= 0)," \
  " PRIMARY KEY (case_id, position))", \
  /* No foreign key: the audit outlives the cases it describes. */ \
  "CREATE TABLE audit (" \
  " id " SERIAL "," \
  " at " BIG " NOT NULL, actor TEXT, action TEXT NOT NULL," \
  " case_id " BIG ", detail TEXT)", \
  "CREATE INDEX audit_case ON audit (case_id)"

/* Version 2: report columns (local day, duration, number of calls); each backend then adds a
 * covering index so that a report reads the index only. */
#define FD_CASE_SCHEMA_V2 \
  "ALTER TABLE cases ADD COLUMN day INTEGER", \
  "ALTER TABLE cases ADD COLUMN duration_s INTEGER", \
  "ALTER TABLE cases ADD COLUMN n_calls INTEGER NOT NULL DEFAULT 0", \
  "DROP INDEX cases_opened"
