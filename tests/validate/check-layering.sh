#!/bin/sh
# The layering rules of docs/ARCHITECTURE.md, checked on the tree (TAP):
#  - src/core never includes GTK or libadwaita;
#  - a core area's private headers (*-private.h) are included only inside that
#    area: not by another area, src/app, src/relay, src/cli, bench or tests
#    (tests that need internals use the area's explicit *-test.h header);
#  - no source file in src/ has more than 700 lines;
#  - frontdesk-relay links only what it uses: no GStreamer, pango, cairo,
#    qrencode or GTK (checked on the built binary when BUILD_DIR is given);
#    libpq only for its call records: in src/relay, only fd-relay-store-pg.c
#    includes libpq-fe.h or calls libpq.
# usage: check-layering.sh SOURCE_ROOT [BUILD_DIR]
set -u
root=$1
build=${2:-}
n=0
fail=0
report() { # status description [details]
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
    echo "not ok $n - $2"; fail=1
    [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
  fi
}
cd "$root" || exit 1

bad=$(grep -rnE '#include[[:space:]]*<(gtk|adwaita|gdk)' src/core 2>/dev/null)
[ -z "$bad" ]; report $? "src/core includes no GTK, GDK or libadwaita header" "$bad"

bad=""
for header in $(find src/core -name '*-private.h' | sort); do
  area=$(dirname "$header")
  name=$(basename "$header")
  users=$(grep -rlF "\"$name\"" src bench tests 2>/dev/null | grep -v "^$area/" || true)
  [ -n "$users" ] && bad="$bad$header included outside $area by: $(echo $users)
"
done
[ -z "$bad" ]; report $? "core private headers are included only inside their own area" "$bad"

bad=$(find src -name '*.[ch]' -exec wc -l {} + | awk '$2 != "total" && $1 > 700 {print $2 " (" $1 " lines)"}')
[ -z "$bad" ]; report $? "no source file in src/ has more than 700 lines" "$bad"

bad=$(grep -lE 'libpq-fe\.h|(^|[^A-Za-z_])PQ[a-z][A-Za-z]*[[:space:]]*\(' src/relay/*.[ch] | grep -v '^src/relay/fd-relay-store-pg\.c$' || true)
[ -z "$bad" ]; report $? "in src/relay only fd-relay-store-pg.c uses libpq (the call records)" "$bad"

if [ -n "$build" ] && [ -x "$build/src/relay/frontdesk-relay" ]; then
  bad=$(ldd "$build/src/relay/frontdesk-relay" | grep -E 'libgst|libpango|libcairo|libqrencode|libgtk' || true)
  [ -z "$bad" ]; report $? "frontdesk-relay links no GStreamer, pango, cairo, qrencode or GTK" "$bad"
fi

echo "1..$n"
exit $fail
