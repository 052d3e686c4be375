#!/bin/sh
# Runs a UI test inside a private network namespace where only loopback
# exists (so the relay, the agent and the app can talk on 127.0.0.1 and
# nowhere else), under the usual Xvfb + AT-SPI wrapper.
# usage: netns-ui.sh RUN_UI_TEST_SH COMMAND [ARGS...]
set -u
if [ "${FD_IN_NETNS:-}" = 1 ]; then
  exec "$@"
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "1..0 # SKIP not root: a private network namespace (unshare -n) needs root"
  exit 77
fi
if ! command -v unshare >/dev/null 2>&1 || ! command -v ip >/dev/null 2>&1; then
  echo "1..0 # SKIP unshare or ip missing (util-linux, iproute2): cannot make a private network namespace"
  exit 77
fi
if ! unshare -n true 2>/dev/null; then
  echo "1..0 # SKIP cannot create a network namespace (needs CAP_SYS_ADMIN)"
  exit 77
fi
FD_IN_NETNS=1 exec unshare -n sh -c 'ip link set lo up || exit 1; exec "$@"' netns-ui "$@"
