#!/bin/sh
# Runs a command in a private network namespace where only loopback
# (127.0.0.1) exists, so a network test can never reach another address:
# the one way every network test enters a namespace (see tests/meson.build).
# When a namespace cannot be made (not root, unshare/ip missing or refused)
# it says why and exits 77, which meson counts as a skip under both the TAP
# ("1..0 # SKIP") and the exitcode protocols; ./dev.sh test under CI fails a skip.
#
# usage: netns-run.sh COMMAND [ARGS...]
#
# Inside such a namespace (FD_IN_NETNS=1), for tests of a real link:
#   netns-run.sh --peer COMMAND [ARGS...]
#       runs COMMAND in a second private namespace, joined to this one by a
#       veth pair made for it: here "fd-near" 10.99.0.1/24, there "fd-far"
#       10.99.0.2/24 (and its own loopback). Exits with COMMAND's status.
#       With FD_NETNS_PEER_PIDFILE set, writes the peer's process id there
#       (for --shape). One peer at a time.
#   netns-run.sh --shape near|PID [loss=PCT] [rate=RATE] [clear]
#       shapes what leaves this namespace (near) or the peer's (PID) on the
#       veth link: loss= drops PCT % of all UDP sent (nftables, numgen random),
#       rate= caps the link with a token bucket (tc tbf, e.g. rate=1mbit),
#       clear removes both. Shape both ends for both directions.
set -u
skip() {
  echo "1..0 # SKIP $1"
  echo "netns-run: SKIP: $1" >&2
  exit 77
}
fail() {
  echo "netns-run: $1" >&2
  exit 1
}

# Runs "$@" in the namespace of @1 ("near": this one; else a process id).
in_ns() {
  target=$1
  shift
  if [ "$target" = near ]; then
    "$@"
  else
    nsenter -t "$target" -n "$@"
  fi
}

shape() {
  [ $# -ge 1 ] || fail "--shape wants near or a process id"
  target=$1
  shift
  if [ "$target" = near ]; then dev=fd-near; else dev=fd-far; fi
  for arg in "$@"; do
    case "$arg" in
      loss=*)
        pct=${arg#loss=}
        case "$pct" in ''|*[!0-9]*) fail "loss= wants a whole percentage";; esac
        in_ns "$target" nft delete table inet fdshape 2>/dev/null
        in_ns "$target" nft -f - <<EOF || fail "nft refused the loss rule"
table inet fdshape {
  chain out {
    type filter hook output priority 0; policy accept;
    meta l4proto udp numgen random mod 100 < $pct drop
  }
}
EOF
        ;;
      rate=*)
        in_ns "$target" tc qdisc replace dev "$dev" root tbf rate "${arg#rate=}" burst 32kbit latency 50ms \
          || fail "tc refused the rate $arg"
        ;;
      clear)
        in_ns "$target" nft delete table inet fdshape 2>/dev/null
        in_ns "$target" tc qdisc del dev "$dev" root 2>/dev/null
        ;;
      *) fail "--shape: unknown $arg";;
    esac
  done
  exit 0
}

peer() {
  [ "${FD_IN_NETNS:-}" = 1 ] || fail "--peer runs inside netns-run.sh"
  command -v nsenter >/dev/null 2>&1 || skip "nsenter (util-linux) is not installed"
  # The peer waits (bounded) until its end of the link has its address.
  unshare -n sh -c '
    ip link set lo up || exit 1
    i=0
    until ip -4 addr show dev fd-far 2>/dev/null | grep -q "10.99.0.2/"; do
      i=$((i + 1)); [ $i -le 200 ] || { echo "netns-run: the peer link never came" >&2; exit 1; }
      sleep 0.05
    done
    exec "$@"' netns-peer "$@" &
  pid=$!
  trap 'kill $pid 2>/dev/null' TERM INT HUP
  # Until the child has left this namespace (unshare has run), its pid names ours.
  i=0
  while [ "$(readlink /proc/$pid/ns/net)" = "$(readlink /proc/$$/ns/net)" ]; do
    i=$((i + 1)); [ $i -le 200 ] || { kill $pid; fail "the peer namespace was not made"; }
    sleep 0.02
  done
  ip link add fd-near type veth peer name fd-far netns "$pid" || { kill $pid; fail "cannot make the veth pair"; }
  ip addr add 10.99.0.1/24 dev fd-near && ip link set fd-near up || { kill $pid; fail "cannot set up fd-near"; }
  nsenter -t "$pid" -n sh -c 'ip addr add 10.99.0.2/24 dev fd-far && ip link set fd-far up' \
    || { kill $pid; fail "cannot set up fd-far"; }
  if [ -n "${FD_NETNS_PEER_PIDFILE:-}" ]; then
    echo "$pid" > "$FD_NETNS_PEER_PIDFILE"
  fi
  wait $pid
  status=$?
  ip link del fd-near 2>/dev/null
  exit $status
}

case "${1:-}" in
  --peer) shift; peer "$@";;
  --shape)
    [ "${FD_IN_NETNS:-}" = 1 ] || fail "--shape runs inside netns-run.sh"
    command -v nft >/dev/null 2>&1 || skip "nft (nftables) is not installed"
    command -v tc >/dev/null 2>&1 || skip "tc (iproute2) is not installed"
    shift; shape "$@";;
esac

if [ "${FD_IN_NETNS:-}" = 1 ]; then
  exec "$@"
fi
[ "$(id -u)" = 0 ] || skip "needs root to create a private network namespace (unshare -n)"
command -v unshare >/dev/null 2>&1 || skip "unshare (util-linux) is not installed"
command -v ip >/dev/null 2>&1 || skip "ip (iproute2) is not installed"
unshare -n true 2>/dev/null || skip "unshare -n is not permitted here"
FD_IN_NETNS=1 exec unshare -n sh -c 'ip link set lo up || exit 1; exec "$@"' netns-run "$@"
