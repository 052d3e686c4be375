#!/bin/sh
# Runs a command in a private network namespace where only loopback
# (127.0.0.1) exists, so a network test can never reach another address:
# the one way every network test enters a namespace (see tests/meson.build).
# When a namespace cannot be made (not root, unshare/ip missing or refused)
# it says why and exits 77, which meson counts as a skip under both the TAP
# ("1..0 # SKIP") and the exitcode protocols; ./dev.sh test under CI fails a skip.
# usage: netns-run.sh COMMAND [ARGS...]
set -u
skip() {
  echo "1..0 # SKIP $1"
  echo "netns-run: SKIP: $1" >&2
  exit 77
}
if [ "${FD_IN_NETNS:-}" = 1 ]; then
  exec "$@"
fi
[ "$(id -u)" = 0 ] || skip "needs root to create a private network namespace (unshare -n)"
command -v unshare >/dev/null 2>&1 || skip "unshare (util-linux) is not installed"
command -v ip >/dev/null 2>&1 || skip "ip (iproute2) is not installed"
unshare -n true 2>/dev/null || skip "unshare -n is not permitted here"
FD_IN_NETNS=1 exec unshare -n sh -c 'ip link set lo up || exit 1; exec "$@"' netns-run "$@"
