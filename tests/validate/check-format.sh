#!/bin/sh
# Formatting of the C lines a change touches, with uncrustify and the root .uncrustify.cfg.
# Only the C files under src/, tests/ and bench/ that changed since a base revision are looked at,
# and in them only the formatter's hunks that overlap lines the change added or modified: old code
# is never reported. TAP output.
#   usage: check-format.sh SOURCE_ROOT          check (fails with file:line and the suggested diff)
#          check-format.sh --fix SOURCE_ROOT    rewrite those hunks in place (./dev.sh format)
#          check-format.sh --self-test SOURCE_ROOT   prove the check on a throwaway repository
# Base: $FD_FORMAT_BASE if set; else origin/main if it exists and differs from HEAD (from where
# the branch left it); else HEAD^ (for a merge, its first parent: the merged branch as a whole).
# The comparison is base → working tree, so uncommitted edits are checked too.
set -u
mode=check
case "${1:-}" in
  --fix) mode=fix; shift ;;
  --self-test) mode=self-test; shift ;;
esac
root=${1:?usage: check-format.sh [--fix|--self-test] SOURCE_ROOT}
root=$(cd "$root" && pwd)
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cfg=$root/.uncrustify.cfg
n=0
fail=0

report() { # status description
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

# Prints the base revision, or nothing (and a reason on stderr) when there is none.
find_base() {
  if [ -n "${FD_FORMAT_BASE:-}" ]; then
    echo "$FD_FORMAT_BASE"
    return
  fi
  head=$(git -C "$root" rev-parse -q --verify HEAD^{commit}) || { echo "no commit" >&2; return; }
  main=$(git -C "$root" rev-parse -q --verify origin/main^{commit} 2>/dev/null)
  if [ -n "$main" ] && [ "$main" != "$head" ]; then
    # Only the branch's own changes: from where it left origin/main.
    git -C "$root" merge-base "$main" "$head" 2>/dev/null && return
  fi
  if git -C "$root" rev-parse -q --verify HEAD^1^{commit} >/dev/null 2>&1; then
    git -C "$root" rev-parse HEAD^1
  else
    echo "HEAD has no parent here (root commit or shallow clone)" >&2
  fi
}

# Line numbers (new side) that the change added or modified in $1, one per line.
changed_lines() {
  git -C "$root" diff --no-ext-diff --no-color -U0 "$base" -- "$1" | awk '
    /^@@ / {
      split($3, a, ","); start = substr(a[1], 2) + 0; len = (2 in a) ? a[2] + 0 : 1
      for (i = start; i < start + len; i++) print i
    }'
}

# Reads: changed line numbers, the formatter diff (diff -U0 ORIG FORMATTED), ORIG.
# check: prints "LINE" then the hunk for each hunk overlapping a changed line; exit 1 if any.
# fix: prints ORIG with only those hunks applied.
select_hunks() { # mode changed-file diff-file orig-file
  awk -v mode="$1" '
    FILENAME == ARGV[1] { changed[$1] = 1; next }
    FILENAME == ARGV[2] {
      if (/^@@ /) {
        h++; split($2, a, ","); os[h] = substr(a[1], 2) + 0; ol[h] = (2 in a) ? a[2] + 0 : 1
        np[h] = 0; text[h] = ""
        next
      }
      if (h == 0) next
      text[h] = text[h] $0 "\n"
      if (substr($0, 1, 1) == "+") { np[h]++; plus[h, np[h]] = substr($0, 2) }
      # The tree indents G_DEFINE_ENUM_TYPE values by 2, not under the "(": not a fault.
      if ($0 ~ /^-  G_DEFINE_ENUM_VALUE \(/) enumv[h] = 1
      else if (substr($0, 1, 1) == "-") other[h] = 1
      next
    }
    { orig[FNR] = $0; norig = FNR }
    END {
      nsel = 0
      for (i = 1; i <= h; i++) {
        hit = 0
        if (ol[i] == 0) hit = (os[i] in changed) || ((os[i] + 1) in changed)
        else for (l = os[i]; l < os[i] + ol[i]; l++) if (l in changed) { hit = 1; break }
        if ((i in enumv) && !(i in other)) hit = 0
        sel[i] = hit; nsel += hit
      }
      if (mode == "check") {
        for (i = 1; i <= h; i++)
          if (sel[i]) printf "%d\n%s", (ol[i] == 0 ? os[i] + 1 : os[i]), text[i]
        exit nsel > 0
      }
      # fix: rebuild the file, replacing the selected hunks only
      i = 1
      for (l = 1; l <= norig + 1; l++) {
        # an insertion after line l-1 (os = l-1, ol = 0) comes before line l
        while (i <= h && ol[i] == 0 && os[i] == l - 1) {
          if (sel[i]) for (k = 1; k <= np[i]; k++) print plus[i, k]
          i++
        }
        if (l > norig) break
        if (i <= h && ol[i] > 0 && os[i] == l) {
          if (sel[i]) {
            for (k = 1; k <= np[i]; k++) print plus[i, k]
          } else {
            for (k = l; k < l + ol[i]; k++) print orig[k]
          }
          l += ol[i] - 1
          i++
          continue
        }
        print orig[l]
      }
    }' "$2" "$3" "$4"
}

# --fix only: aligns the parameters of multi-line function definitions, GNOME style (types padded
# to the longest, stars right-aligned in a column as wide as the longest run of stars, then the
# names), which uncrustify 0.72 cannot do. Whitespace only; the check does not enforce it.
align_params() {
  python3 -c '
import re, sys
head_re = re.compile(r"^([A-Za-z_]\w* \()(.*[,)])$")
param_re = re.compile(r"^(.*?[^ *])(?: +|(?=\*))(\**)([A-Za-z_]\w*(?:\[[^]]*\])?)([,)])$")
lines = sys.stdin.read().split("\n")
out = []
i = 0
while i < len(lines):
    m = head_re.match(lines[i])
    if not m or ";" in lines[i] or lines[i].endswith(")"):
        out.append(lines[i]); i += 1; continue
    prefix = m.group(1)
    body = [m.group(2)]
    j = i + 1
    while j < len(lines) and not body[-1].endswith(")"):
        l = lines[j]
        if not l.startswith(" " * len(prefix)) or l[len(prefix):len(prefix) + 1] in ("", " "):
            break
        body.append(l[len(prefix):]); j += 1
    params = [param_re.match(p) for p in body]
    if (not body[-1].endswith(")") or j >= len(lines) or lines[j] != "{"
            or not all(params) or any("(" in p.group(1) or p.group(1) in ("const", "unsigned", "struct", "enum") for p in params)):
        out.extend(lines[i:j]); i = j; continue
    maxt = max(len(p.group(1)) for p in params)
    maxs = max(len(p.group(2)) for p in params)
    for k, p in enumerate(params):
        lead = prefix if k == 0 else " " * len(prefix)
        t, s = p.group(1), p.group(2)
        out.append(lead + t + " " * (maxt - len(t) + 1 + maxs - len(s)) + s + p.group(3) + p.group(4))
    i = j
sys.stdout.write("\n".join(out))

'
}

run_check() {
  if ! command -v uncrustify >/dev/null 2>&1; then
    report 1 "uncrustify is not installed (apt-get install uncrustify; build-aux/debian-test-packages.txt)"
    return
  fi
  if ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    report 0 "no base revision: nothing to check # $root is not a git checkout"
    return
  fi
  base=$(find_base 2>"$tmp/base.err")
  if [ -z "$base" ]; then
    report 0 "no base revision: nothing to check # $(cat "$tmp/base.err")"
    return
  fi
  if ! git -C "$root" rev-parse -q --verify "$base^{commit}" >/dev/null; then
    report 1 "base revision $base (FD_FORMAT_BASE) does not exist"
    return
  fi
  short=$(git -C "$root" rev-parse --short "$base")
  git -C "$root" diff --no-ext-diff --name-only --diff-filter=AMR "$base" -- \
    'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 'bench/*.c' 'bench/*.h' > "$tmp/files"
  if [ ! -s "$tmp/files" ]; then
    report 0 "no C file under src/, tests/ or bench/ changed since $short"
    return
  fi
  while read -r f; do
    [ -f "$root/$f" ] || continue
    changed_lines "$f" > "$tmp/changed"
    if [ ! -s "$tmp/changed" ]; then
      report 0 "$f: only deletions"
      continue
    fi
    if ! uncrustify -q -c "$cfg" -l C -f "$root/$f" > "$tmp/formatted" 2> "$tmp/uncrustify.err"; then
      report 1 "$f: uncrustify failed: $(head -c 500 "$tmp/uncrustify.err")"
      continue
    fi
    if [ "$mode" = fix ]; then
      align_params < "$tmp/formatted" > "$tmp/aligned" && mv "$tmp/aligned" "$tmp/formatted"
    fi
    diff -U0 "$root/$f" "$tmp/formatted" > "$tmp/diff"
    if [ "$mode" = fix ]; then
      select_hunks fix "$tmp/changed" "$tmp/diff" "$root/$f" > "$tmp/fixed"
      if cmp -s "$tmp/fixed" "$root/$f"; then
        report 0 "$f: already formatted"
      else
        cat "$tmp/fixed" > "$root/$f"
        report 0 "$f: reformatted the changed lines"
      fi
      continue
    fi
    if select_hunks check "$tmp/changed" "$tmp/diff" "$root/$f" > "$tmp/hunks"; then
      report 0 "$f: changed lines formatted"
    else
      report 1 "$f: changed lines not formatted as .uncrustify.cfg asks (fix: ./dev.sh format)"
      awk -v f="$f" '
        /^[0-9]+$/ { print "# " f ":" $0 ": suggested change:"; next }
        { print "#   " $0 }' "$tmp/hunks"
    fi
  done < "$tmp/files"
  [ "$fail" -eq 0 ] || echo "# base: $short ($(git -C "$root" log -1 --format=%s "$base" | head -c 60))"
}

# A throwaway repository proves the check: a badly formatted added line fails, a well formatted
# one passes, untouched badly formatted old lines are never reported, --fix rewrites only the
# changed hunk, a merge is checked against its first parent, and a root commit has no base.
self_test() {
  repo=$tmp/repo
  mkdir -p "$repo/src" "$repo/tests/validate"
  cp "$cfg" "$repo/.uncrustify.cfg"
  cp "$self" "$repo/tests/validate/check-format.sh"
  g() { git -C "$repo" -c user.name=test -c user.email=test@invalid -c commit.gpgsign=false "$@"; }
  inner() { # args → runs the copied script on the repo, output in $tmp/out
    env -u FD_FORMAT_BASE sh "$repo/tests/validate/check-format.sh" "$@" "$repo" > "$tmp/out" 2>&1
  }
  g init -q -b main
  # Old code with two formatting faults (no space before '(', parameters on one line).
  cat > "$repo/src/old.c" <<'EOF'
static int
twice(int x, int y)
{
  return foo(x) + y;
}
EOF
  g add -A && g commit -q -m root
  inner; st=$?
  [ $st -eq 0 ] && grep -q '^ok 1 - no base revision: nothing to check' "$tmp/out"
  report $? "self-test: a root commit has no base and says so"

  # A well formatted addition below the badly formatted old code.
  cat >> "$repo/src/old.c" <<'EOF'

static int
thrice (int x,
        int y)
{
  g_autoptr(GError) error = NULL;

  return bar (x, (int) y) * 3;
}

G_DEFINE_ENUM_TYPE (FdLevel, fd_level,
  G_DEFINE_ENUM_VALUE (FD_LEVEL_LOW, "low"),
  G_DEFINE_ENUM_VALUE (FD_LEVEL_HIGH, "high"))
EOF
  g commit -q -am good
  inner; st=$?
  [ $st -eq 0 ] && ! grep -q 'not ok' "$tmp/out" && grep -q '^ok 1 - src/old.c: changed lines formatted' "$tmp/out"
  report $? "self-test: a well formatted addition passes; the old faults are not reported"

  # A badly formatted line added inside that function.
  sed 's/^  return bar (x, (int) y) \* 3;/  baz(x);\n&/' "$repo/src/old.c" > "$tmp/new.c"
  cat "$tmp/new.c" > "$repo/src/old.c"
  printf '\nstatic void\nfour (GFile *file, char **names, int n)\n{\n}\n' >> "$repo/src/old.c"
  g commit -q -am bad
  inner; st=$?
  [ $st -ne 0 ] && grep -q '^# src/old.c:13: suggested change:' "$tmp/out" \
    && grep -q '^#   +  baz (x);' "$tmp/out" && grep -q '^# src/old.c:22: suggested change:' "$tmp/out" \
    && [ "$(grep -c 'suggested change' "$tmp/out")" -eq 2 ]
  report $? "self-test: a badly formatted added line fails with file:line and the diff; old lines are not reported"
  sed 's/^/# | /' "$tmp/out"

  # --fix rewrites that line only; the check then passes.
  inner --fix; st=$?
  ok=$((st != 0))
  grep -q '^  baz (x);$' "$repo/src/old.c" || ok=1
  grep -q '^twice(int x, int y)$' "$repo/src/old.c" || ok=1
  grep -q '^  return foo(x) + y;$' "$repo/src/old.c" || ok=1
  printf 'four (GFile  *file,\n      char  **names,\n      int     n)\n' > "$tmp/four"
  grep -A2 '^four ' "$repo/src/old.c" | cmp -s - "$tmp/four" || ok=1
  inner || ok=1
  report $ok "self-test: --fix reformats the changed lines (one aligned parameter per line), old code stays as it was"
  g commit -q -am fixed

  # A branch with a bad line, merged: HEAD^ of the merge is main before it, so it is checked.
  g checkout -q -b topic HEAD~1
  printf 'int\nlater (void)\n{\n  return qux(1);\n}\n' > "$repo/src/new.c"
  g add -A && g commit -q -m topic
  g checkout -q main
  g merge -q --no-ff --no-edit topic >/dev/null 2>&1
  inner; st=$?
  [ $st -ne 0 ] && grep -q '^# src/new.c:4: suggested change:' "$tmp/out"
  report $? "self-test: a merge commit is checked against its first parent"

  # origin/main, when present and not HEAD, is the base: the whole branch is checked.
  g update-ref refs/remotes/origin/main HEAD~1
  g checkout -q -b feature
  printf '\nint\nfine (void)\n{\n  return 0;\n}\n' >> "$repo/src/new.c"
  g commit -q -am fine
  inner; st=$?
  [ $st -ne 0 ] && grep -q '^# src/new.c:4: suggested change:' "$tmp/out"
  report $? "self-test: with origin/main behind HEAD, every commit since the branch left it is checked"
  FD_FORMAT_BASE=HEAD~1 sh "$repo/tests/validate/check-format.sh" "$repo" > "$tmp/out" 2>&1; st=$?
  report $st "self-test: FD_FORMAT_BASE overrides the base (the last commit alone is well formatted)"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$mode" = self-test ]; then
  self_test
else
  run_check
fi
echo "1..$n"
exit $fail
