#!/bin/sh
# bench/nat-setup: call set-up through TURN in the NAT topology of tests/netns-run.sh --nat (root).
# Needs a build (frontdesk-relay, frontdesk-agent), coturn (turnserver) and
# tests/browser/node_modules (build-aux/test-setup.sh: the helpers load playwright-core).
# Usage: bench/nat-setup/run.sh   (FD_BUILD_ROOT=… for another build; FD_BENCH_CALLS=N)
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/../../tests/browser/node_modules/playwright-core" ] ||
  { echo "SKIP: run build-aux/test-setup.sh first (playwright-core)"; exit 77; }
exec "$here/../../tests/netns-run.sh" --nat node "$here/bench.js"
