#!/bin/sh
# Fails on any untranslated or fuzzy message in any .po file of the project,
# and on a UI catalogue that lacks a message the sources now use (the sources
# are extracted afresh and merged into each catalogue). TAP output.
#   usage: check-translations.sh SOURCE_ROOT
set -u
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

report() { # ok? description
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

stats_ok() { # file → prints stats, returns 0 when complete
  s=$(LC_ALL=C.UTF-8 msgfmt --check --statistics -o /dev/null "$1" 2>&1)
  st=$?
  echo "$s"
  case "$s" in *untranslated*|*fuzzy*) return 1 ;; esac
  return $st
}

# 1. Every catalogue in the tree is complete as committed.
for po in $(find "$root/po" "$root/data" -name '*.po' | sort); do
  s=$(stats_ok "$po"); st=$?
  report $st "${po#"$root"/}: $s"
done

# 2. The UI catalogues cover every message the sources use today.
grep -v '^#' "$root/po/POTFILES.in" | grep -v '^[[:space:]]*$' > "$tmp/POTFILES"
if xgettext --from-code=UTF-8 --add-comments=Translators \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
     -D "$root" -f "$tmp/POTFILES" -o "$tmp/ui.pot" 2> "$tmp/xgettext.err"; then
  report 0 "xgettext extracted po/POTFILES.in"
else
  report 1 "xgettext failed: $(cat "$tmp/xgettext.err")"
fi
for lang in $(grep -v '^#' "$root/po/LINGUAS"); do
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$root/po/$lang.po" "$tmp/ui.pot" 2>/dev/null
  s=$(stats_ok "$tmp/$lang.po"); st=$?
  report $st "po/$lang.po against current sources: $s"
done

# 3. Every translatable source file is listed in POTFILES.in.
missing=$(cd "$root" && grep -rlE 'translatable="yes"|[^A-Za-z_]N?_ ?\("' src data/ui 2>/dev/null \
          | grep -E '\.(c|ui)$' | sort | while read -r f; do grep -qx "$f" "$tmp/POTFILES" || echo "$f"; done)
if [ -z "$missing" ]; then
  report 0 "every file with translatable strings is in po/POTFILES.in"
else
  report 1 "missing from po/POTFILES.in: $(echo $missing)"
fi

echo "1..$n"
exit $fail
