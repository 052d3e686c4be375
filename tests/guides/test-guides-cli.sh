#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end test of frontdesk-guides on the merged fixtures (TAP).
#   test-guides-cli.sh PATH/TO/frontdesk-guides
set -u
cli=$1
data=$FD_GUIDES_FIXTURES
src=$FD_GUIDES_FIXTURES_SRC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
# expect NAME EXPECTED_STATUS COMMAND... ; output in $tmp/out, $tmp/err
expect() {
  local name=$1 want=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok "$name"; else
    not_ok "$name" "exit $got, expected $want" "$(cat "$tmp/out" "$tmp/err")"; fi
}
contains() { # NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1" "\"$3\" not in:" "$(cat "$2")"; fi
}
equals() { # NAME FILE EXPECTED
  if [ "$(cat "$2")" = "$3" ]; then ok "$1"; else not_ok "$1" "expected:" "$3" "got:" "$(cat "$2")"; fi
}

echo "1..45"

expect "check good sources" 0 "$cli" check "$src/src/matters" "$src/src/packages"
expect "check merged guides dir" 0 "$cli" --data "$data" check
expect "check broken files fails" 1 "$cli" check "$src/broken/invalid.xml" "$src/broken/not-well-formed.xml"
contains "check: file:line for a bad attribute" "$tmp/out" "$src/broken/invalid.xml:6:5: error: form=\"photocopy\""
contains "check: file:line for bad XML" "$tmp/out" "$src/broken/not-well-formed.xml:6:"
expect "check missing file fails" 1 "$cli" check "$tmp/nope.xml"
expect "check calendars and categories" 0 "$cli" check "$FD_GUIDES_CALENDAR/2026.xml" "$FD_GUIDES_CALENDAR/2027.xml" "$src/src/categories.xml"
printf '<calendar year="2026">\n  <workday date="2026-13-01"/>\n</calendar>\n' > "$tmp/cal.xml"
expect "check bad calendar fails" 1 "$cli" check "$tmp/cal.xml"
contains "check: file:line for a bad calendar date" "$tmp/out" "$tmp/cal.xml:2:3: error: <workday> needs date="
expect "check dir with package bundling unknown matter" 1 "$cli" check "$src/badref"

expect "search qykb" 0 "$cli" --data "$data" search qykb --lang ru
equals "search qykb prints id, Chinese and Russian title" "$tmp/out" \
  "$(printf 'company-startup\t企业开办一件事\tОткрытие компании «одно дело»')"
expect "search Chinese, no lang" 0 "$cli" --data "$data" search 登记
equals "search 登记 ranked, id and Chinese title" "$tmp/out" \
  "$(printf 'company-establishment\t企业设立登记\nreal-estate-registration\t不动产转移登记')"
expect "search --limit" 0 "$cli" --data "$data" search company --limit 1 --lang en
equals "search --limit 1" "$tmp/out" "$(printf 'company-startup\t企业开办一件事\tCompany start-up package')"
expect "search unknown lang" 2 "$cli" --data "$data" search qykb --lang fr
contains "search unknown lang message" "$tmp/err" 'unknown language "fr"'

expect "show in Russian" 0 "$cli" --data "$data" show real-estate-registration --lang ru
contains "show: Russian name" "$tmp/out" "Регистрация перехода права на недвижимость"
contains "show: Russian plural" "$tmp/out" "11 рабочих дней"
expect "show calendar days" 0 "$cli" --data "$data" show residence-permit --lang ru
contains "show: statutory limit in calendar days" "$tmp/out" "Срок по закону: 15 календарных дней"
contains "show: promise in working days" "$tmp/out" "Обещанный срок: 10 рабочих дней"
expect "show without a statutory limit" 0 "$cli" --data "$data" show bank-account-opening --lang en
contains "show: only the promise" "$tmp/out" "Promised time limit: 1 working day"
if grep -q "Statutory" "$tmp/out"; then not_ok "show: no statutory line without statutory=" "$(cat "$tmp/out")"
else ok "show: no statutory line without statutory="; fi
expect "show unknown id" 1 "$cli" --data "$data" show no-such-matter --lang en
contains "show unknown id message" "$tmp/err" 'unknown guide id "no-such-matter"'

expect "checklist to PDF" 0 "$cli" --data "$data" checklist company-establishment --lang ru -o "$tmp/c.pdf"
pdftotext -enc UTF-8 "$tmp/c.pdf" "$tmp/c.txt"
contains "checklist PDF has the Russian plural" "$tmp/c.txt" "2 рабочих дня"
expect "checklist without --lang" 2 "$cli" --data "$data" checklist company-establishment -o "$tmp/d.pdf"
expect "checklist unknown id" 1 "$cli" --data "$data" checklist nope --lang en -o "$tmp/d.pdf"
expect "missing data dir" 1 "$cli" --data "$tmp/none" search qykb

# hall data without a rebuild (docs/hall-data.md): checked, and read by the checklist
expect "check a hall folder" 0 "$cli" check "$src/hall"
mkdir -p "$tmp/badhall"
printf '<hall>\n  <phone>call us</phone>\n</hall>\n' > "$tmp/badhall/hall.xml"
expect "check a bad hall folder fails" 1 "$cli" check "$tmp/badhall"
contains "check: file:line for a bad hall file" "$tmp/out" "$tmp/badhall/hall.xml:2:3: error: <phone>"
noconf="$tmp/noconf"; mkdir -p "$noconf"
XDG_CONFIG_HOME="$noconf" XDG_CONFIG_DIRS="$noconf" expect "checklist with example data" 0 \
  "$cli" --data "$data" checklist company-establishment --lang en -o "$tmp/s.pdf"
pdftotext -enc UTF-8 "$tmp/s.pdf" "$tmp/s.txt"
contains "checklist says the windows are examples" "$tmp/s.txt" "Sample data"
mkdir -p "$tmp/conf/frontdesk"; cp -r "$src/hall" "$tmp/conf/frontdesk/hall"
XDG_CONFIG_HOME="$tmp/conf" XDG_CONFIG_DIRS="$noconf" expect "checklist with the hall's data" 0 \
  "$cli" --data "$data" checklist company-establishment --lang en -o "$tmp/h.pdf"
pdftotext -enc UTF-8 "$tmp/h.pdf" "$tmp/h.txt"
if grep -q "Sample data" "$tmp/h.txt"; then not_ok "no sample-data notice with hall data" "$(cat "$tmp/h.txt")"; else ok "no sample-data notice with hall data"; fi
contains "checklist gives the hall's phone numbers" "$tmp/h.txt" "Hall phone numbers: Enquiries: 010-00000000"
XDG_CONFIG_HOME="$tmp/conf" XDG_CONFIG_DIRS="$noconf" expect "checklist in Russian with the hall's data" 0 \
  "$cli" --data "$data" checklist company-name-reservation --lang ru -o "$tmp/hr.pdf"
pdftotext -enc UTF-8 "$tmp/hr.pdf" "$tmp/hr.txt"
contains "checklist gives the windows' floors from hall.xml" "$tmp/hr.txt" "A01 A02 (1-й этаж)"
if grep -q "010-00000000" "$tmp/s.txt"; then not_ok "no hall phones with example data" "$(cat "$tmp/s.txt")"; else ok "no hall phones with example data"; fi

exit $failed
