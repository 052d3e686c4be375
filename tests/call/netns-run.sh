#!/bin/sh
# Runs a command in a private network namespace where only loopback exists,
# so a network test can never reach another address. Exit 77 (skip) with a
# reason when a namespace cannot be made (not root, no unshare).
# Usage: netns-run.sh COMMAND [ARGS...]
set -u

if [ "${FD_IN_NETNS:-}" = 1 ]; then
  exec "$@"
fi
if ! command -v unshare >/dev/null 2>&1 || ! command -v ip >/dev/null 2>&1; then
  echo "1..0 # SKIP unshare or ip missing (util-linux, iproute2): cannot make a private network namespace"
  exit 77
fi
if ! unshare -n true 2>/dev/null; then
  echo "1..0 # SKIP cannot create a network namespace (needs root or CAP_SYS_ADMIN)"
  exit 77
fi
FD_IN_NETNS=1 exec unshare -n sh -c 'ip link set lo up || exit 1; exec "$@"' netns-run "$@"
