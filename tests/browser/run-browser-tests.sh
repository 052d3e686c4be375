#!/bin/sh
# Runs the browser tests (node --test, TAP) inside a private network namespace where only
# loopback exists: the relay, frontdesk-agent and Chromium talk over 127.0.0.1 only.
# Exit 77 (skip) with a reason when something needed is missing.
# Usage: run-browser-tests.sh TEST.test.js [...]   (paths relative to this folder or absolute)
set -u
here=$(cd "$(dirname "$0")" && pwd)

skip() { echo "1..0 # SKIP $*"; exit 77; }

if [ "${FD_IN_NETNS:-}" != 1 ]; then
  command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 ||
    skip "unshare or ip missing (util-linux, iproute2): cannot make a private network namespace"
  unshare -n true 2>/dev/null ||
    skip "cannot create a network namespace (needs root or CAP_SYS_ADMIN)"
  FD_IN_NETNS=1 exec unshare -n sh -c 'ip link set lo up || exit 1; exec "$0" "$@"' "$0" "$@"
fi

command -v node >/dev/null 2>&1 || skip "node missing (apt-get install nodejs)"
[ -x "${FD_CHROMIUM:-/usr/bin/chromium}" ] || skip "chromium missing (apt-get install chromium)"
[ -d "$here/node_modules/playwright-core" ] ||
  skip "playwright-core missing: run build-aux/test-setup.sh (npm ci in tests/browser)"

# Chromium wants a writable HOME; keep it away from the real one.
HOME=$(mktemp -d "${TMPDIR:-/tmp}/fd-browser-home.XXXXXX")
export HOME
trap 'rm -rf "$HOME"' EXIT INT TERM
cd "$here" || exit 1
# Node's YAML diagnostics may hold blank lines (assertion diffs); meson's TAP parser ends a YAML
# block at any line without the block's indent. Drop blank lines and indent stray ones inside
# YAML blocks; keep node's exit status.
status_file="$HOME/status"
{ node --test --test-concurrency=1 --test-reporter=tap "$@"; echo $? > "$status_file"; } |
  awk '
    yaml && /^[ \t]+\.\.\.[ \t]*$/ { yaml = 0; print; next }
    !yaml && match($0, /^[ \t]+---/) { yaml = 1; indent = substr($0, 1, RLENGTH - 3); print; next }
    yaml && /^[ \t]*$/ { next }
    yaml && index($0, indent) != 1 { print indent $0; next }
    { print }
  '
exit "$(cat "$status_file")"
