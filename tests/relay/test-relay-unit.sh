#!/bin/sh
# The relay's systemd unit loads (systemd-analyze verify) and is sandboxed: systemd's own
# exposure score stays at 2.0 or below (0 = fully locked down, 10 = unprotected).
#   test-relay-unit.sh UNIT.service.in RELAY-BINARY-DIR
set -u
command -v systemd-analyze >/dev/null 2>&1 || { echo "systemd-analyze missing: skipped"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/fd-unit.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
unit="$work/frontdesk-relay.service"
sed "s|@BINDIR@|$2|; s|@DOCDIR@|/usr/share/doc/frontdesk|" "$1" > "$unit"
systemd-analyze verify "$unit" || { echo "systemd-analyze verify failed"; exit 1; }
out=$(systemd-analyze security --offline=yes "$unit" 2>&1) || { echo "$out"; exit 1; }
echo "$out" | tail -n 1
score=$(echo "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
[ -n "$score" ] || { echo "no exposure score in the output"; exit 1; }
awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }' || { echo "exposure $score is over 2.0"; exit 1; }
