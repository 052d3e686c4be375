#!/bin/sh
# Runs a test program inside a private network namespace where only loopback (127.0.0.1) exists,
# so no test traffic can leave the machine. Skips (exit 77, with the reason) when that is
# not possible: not root, or unshare/ip missing or refused. Register such tests with
# protocol 'exitcode' so meson counts 77 as a skip.
#   netns-run.sh PROGRAM [ARGS...]
set -u
skip() {
  echo "netns-run: SKIP: $1"
  echo "netns-run: SKIP: $1" >&2
  exit 77
}
if [ "${FD_IN_NETNS:-}" != 1 ]; then
  [ "$(id -u)" = 0 ] || skip "needs root to create a private network namespace (unshare -n)"
  command -v unshare >/dev/null 2>&1 || skip "unshare (util-linux) is not installed"
  command -v ip >/dev/null 2>&1 || skip "ip (iproute2) is not installed"
  unshare -n true 2>/dev/null || skip "unshare -n is not permitted here"
  FD_IN_NETNS=1 exec unshare -n -- "$0" "$@"
fi
ip link set lo up || skip "cannot bring up loopback in the namespace"
exec "$@"
