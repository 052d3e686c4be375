#!/bin/sh
# bench/desk-app: the GTK desk app against a headful Chromium desk page, on Xvfb, in one run
# (bench.py says what and how). In a private network namespace on 127.0.0.1, under its own Xvfb,
# D-Bus session and accessibility bus (tests/ui/run-ui-test.sh). Needs a build (frontdesk,
# frontdesk-relay, frontdesk-agent), Debian's chromium, xvfb, at-spi2-core and
# tests/browser/node_modules (build-aux/test-setup.sh).
# Usage: bench/desk-app/run.sh [BUILD_DIR]   (FD_BENCH_SIZES, FD_BENCH_WARMUP, FD_BENCH_WINDOW)
set -u
here=$(cd "$(dirname "$0")" && pwd)
source_root=$(cd "$here/../.." && pwd)
build=${1:-${FD_BUILD_ROOT:-$source_root/build}}
if [ "${FD_IN_NETNS:-}" != 1 ]; then
  unshare -n true 2>/dev/null || { echo "SKIP: cannot create a network namespace (needs root)"; exit 77; }
  FD_IN_NETNS=1 exec unshare -n sh -c 'ip link set lo up || exit 1; exec "$0" "$@"' "$0" "$@"
fi
[ -d "$source_root/tests/browser/node_modules/playwright-core" ] ||
  { echo "SKIP: run build-aux/test-setup.sh first (playwright-core)"; exit 77; }
[ -x /usr/bin/chromium ] || { echo "SKIP: chromium missing"; exit 77; }
HOME=$(mktemp -d "${TMPDIR:-/tmp}/fd-bench-home.XXXXXX")
export HOME
trap 'rm -rf "$HOME"' EXIT INT TERM
"$source_root/tests/ui/run-ui-test.sh" /usr/bin/python3 "$here/bench.py" "$source_root" "$build"
