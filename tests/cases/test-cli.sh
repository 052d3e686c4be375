#!/bin/bash
# frontdesk-cases end to end on a SQLite file: import, report (text, PDF, PNG),
# export, check, purge, and the exit codes for bad input. TAP output.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cli=$1
export TZ=Asia/Shanghai
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="sqlite://$dir/cases.db"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

printf '\xef\xbb\xbfopened_at,closed_at,needs,outcome,staff,language,notes,matters,calls\r\n' > "$dir/in.csv"
printf '2026-11-02 09:00,2026-11-02 09:30,deaf;elderly,completed,wang,zh,"tel 13812345678, ""ok""",a;b,c1|csl|120\r\n' >> "$dir/in.csv"
printf '2026-11-03 10:00,2026-11-03 10:45,foreign-language,referred,li,ru,"=1+1",,\r\n' >> "$dir/in.csv"
printf '2026-11-04 11:00,,blind,,li,en,,,\r\n' >> "$dir/in.csv"

out=$("$cli" --db "$db" import "$dir/in.csv"); rc=$?
check "import exits 0" test $rc -eq 0
check "import counts 3 cases" grep -q "imported 3 cases" <<<"$out"

out=$("$cli" --db "$db" report --by need --from 2026-11-01 --to 2026-11-30); rc=$?
check "report exits 0" test $rc -eq 0
check "report total" grep -q "^cases: 3 (closed 2)" <<<"$out"
check "report by need counts deaf" grep -Eq "^  deaf +1$" <<<"$out"
check "report share with calls" grep -q "with interpreter calls: 1 (33.3%)" <<<"$out"
out=$("$cli" --db "$db" report --from 2026-11-03 --to 2026-11-03 --by day)
check "report range is inclusive of --to" grep -q "^cases: 1 " <<<"$out"

"$cli" --db "$db" report --pdf "$dir/r.pdf" >/dev/null; rc=$?
check "report --pdf exits 0" test $rc -eq 0
check "PDF written" grep -q "^%PDF" "$dir/r.pdf"
"$cli" --db "$db" report --png "$dir/r.png" >/dev/null; rc=$?
check "report --png exits 0" test $rc -eq 0
check "PNG written, 1240 px wide" test "$(head -c 24 "$dir/r.png" | tail -c 8 | od -An -tx1 | tr -d ' \n')" = "000004d8$(head -c 24 "$dir/r.png" | tail -c 4 | od -An -tx1 | tr -d ' \n')"
"$cli" --db "$db" report --png /nonexistent/dir/r.png >/dev/null 2>&1; rc=$?
check "report --png to a missing folder exits 1" test $rc -eq 1

# Issue 12: import applies the editor's rules (a plausible phone) and nothing is stored.
printf 'opened_at,contact_phone,contact_consent\r\n2026-11-05 09:00,call me maybe,yes\r\n' > "$dir/badphone.csv"
out=$("$cli" --db "$db" import "$dir/badphone.csv" 2>&1); rc=$?
check "an implausible phone fails the import (exit 3)" test $rc -eq 3
check "the error names the line and the rule" grep -q "line 2: The contact phone must be" <<<"$out"
out=$("$cli" --db "$db" report --from 2026-11-05 --to 2026-11-05 --by day)
check "nothing of the bad file was stored" grep -q "^cases: 0 " <<<"$out"

# Issue 12: no password on the command line; the URI may come from the environment.
out=$("$cli" --db "postgresql://frontdesk:s3cret@db.hall.example/cases" check 2>&1); rc=$?
check "a password in --db is refused (exit 2)" test $rc -eq 2
check "the refusal names PGPASSWORD and does not echo the password" \
  bash -c "grep -q PGPASSWORD <<<'$out' && ! grep -q s3cret <<<'$out'"
out=$("$cli" --db "postgresql:///cases?host=/nonexistent&password=s3cret" check 2>&1); rc=$?
check "password= in --db is refused (exit 2)" test $rc -eq 2
out=$(FRONTDESK_CASES_DB="$db" "$cli" check 2>&1); rc=$?
check "FRONTDESK_CASES_DB gives the database" bash -c "test $rc -eq 0 && grep -q 'cases: 3' <<<'$out'"

"$cli" --db "$db" export -o "$dir/out.csv" 2>/dev/null; rc=$?
check "export exits 0" test $rc -eq 0
check "export starts with a BOM" test "$(head -c 3 "$dir/out.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf"
check "export uses CRLF" grep -q $'\r$' "$dir/out.csv"
check "export neutralises formulas" grep -q "'=1+1" "$dir/out.csv"
check "export holds masked mobile only" bash -c "grep -q '138\*\*\*\*5678' '$dir/out.csv' && ! grep -q 13812345678 '$dir/out.csv'"

out=$("$cli" --db "$db" list --open 2>/dev/null); rc=$?
check "list --open exits 0" test $rc -eq 0
check "list --open shows the one open case" test "$(wc -l <<<"$out")" -eq 1
check "list shows no notes" bash -c "! grep -q 138 <<<\"\$0\"" "$out"

out=$("$cli" --db "$db" check); rc=$?
check "check exits 0" test $rc -eq 0
check "check reports integrity ok" grep -q "integrity_check: ok" <<<"$out"

out=$("$cli" --db "$db" purge --dry-run --retention-days 0); rc=$?
check "purge dry run" grep -q "would purge notes and contact phone of 2 cases" <<<"$out"
out=$("$cli" --db "$db" purge --retention-days 100000)
check "purge with long retention purges none" grep -q "of 0 cases" <<<"$out"

printf 'opened_at,needs\n2026-11-01 09:00,deaf\nyesterday,deaf\n2026-11-01 10:00,wheelchair\n' > "$dir/bad.csv"
err=$("$cli" --db "$db" import "$dir/bad.csv" 2>&1); rc=$?
check "bad CSV exits 3" test $rc -eq 3
check "bad CSV names line 3" grep -q "line 3: opened_at" <<<"$err"
check "bad CSV names line 4" grep -q "line 4: needs" <<<"$err"
out=$("$cli" --db "$db" report)
check "bad CSV imported nothing" grep -q "^cases: 3 " <<<"$out"

"$cli" --db "$db" frobnicate 2>/dev/null; rc=$?
check "unknown command exits 2" test $rc -eq 2
"$cli" --db "$db" report --by colour 2>/dev/null; rc=$?
check "bad --by exits 2" test $rc -eq 2
"$cli" --db "$db" report --from 2026-13-01 2>/dev/null; rc=$?
check "bad date exits 2" test $rc -eq 2
"$cli" --db "ftp://x" check 2>/dev/null; rc=$?
check "unknown URI scheme exits 1" test $rc -eq 1
err=$("$cli" --db "postgresql:///none?host=$dir" check 2>&1); rc=$?
check "unreachable PostgreSQL exits 1 with a clear message" bash -c "test $rc -eq 1 && grep -q 'Cannot connect' <<<\"\$0\"" "$err"

echo "1..$n"
exit $failed
