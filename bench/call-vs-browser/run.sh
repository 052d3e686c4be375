#!/bin/sh
# bench/call-vs-browser: our call engine vs Chromium as a desk endpoint, one run, in a private
# network namespace on 127.0.0.1. Needs a build (frontdesk-relay, frontdesk-agent), Debian's
# chromium and tests/browser/node_modules (build-aux/test-setup.sh).
# Usage: bench/call-vs-browser/run.sh [bench-rtt.js | timeline.js]
#        (FD_BUILD_ROOT=… for another build folder; FD_BENCH_SETUP_CALLS (default 15),
#        FD_BENCH_WARMUP, FD_BENCH_WINDOW to change the run; timeline.js: one call's set-up,
#        event by event, engine desk and Chromium desk, see its header)
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ "${FD_IN_NETNS:-}" != 1 ]; then
  unshare -n true 2>/dev/null || { echo "SKIP: cannot create a network namespace (needs root)"; exit 77; }
  FD_IN_NETNS=1 exec unshare -n sh -c 'ip link set lo up || exit 1; exec "$0" "$@"' "$0" "$@"
fi
[ -d "$here/../../tests/browser/node_modules/playwright-core" ] ||
  { echo "SKIP: run build-aux/test-setup.sh first (playwright-core)"; exit 77; }
HOME=$(mktemp -d "${TMPDIR:-/tmp}/fd-bench-home.XXXXXX")
export HOME
trap 'rm -rf "$HOME"' EXIT INT TERM
node "$here/${1:-bench.js}"
