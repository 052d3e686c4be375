#!/bin/sh
# Runs a command in a private network namespace where only loopback
# (127.0.0.1) exists, so a network test can never reach another address:
# the one way every network test enters a namespace (see tests/meson.build).
# When a namespace cannot be made (not root, unshare/ip missing or refused)
# it says why and exits 77, which meson counts as a skip under both the TAP
# ("1..0 # SKIP") and the exitcode protocols; ./dev.sh test under CI fails a skip.
#
# usage: netns-run.sh COMMAND [ARGS...]
#        netns-run.sh --nat COMMAND [ARGS...]
#
# --nat builds a small internet out of named namespaces, veth pairs and nftables, all private to
# this run and removed at exit, and runs COMMAND in its public network (where the relay and the
# TURN server of a test live):
#
#   desk 10.10.0.2 ── hallnat (masquerade, port-preserving) 203.0.113.2 ─┐
#   home 10.20.0.2 ── homenat (masquerade random,fully-random: a new      ├── pub 203.0.113.1
#                     port per destination, a "symmetric" NAT) 198.51.100.2 ┤     198.51.100.1
#   office 10.30.0.2 ── officenat (masquerade, port-preserving) 192.0.2.2 ─┘     192.0.2.1
#
# Addresses are the documentation ranges (RFC 5737) and private ranges, on links that exist only
# inside these namespaces: nothing is routed to the machine's own network. Like any NAT, the
# three gateways forward only replies (conntrack) from outside to inside. COMMAND gets
# FD_NAT_PUBLIC_IP (203.0.113.1, an address of pub) and FD_NAT_NS_DESK, FD_NAT_NS_HOME,
# FD_NAT_NS_OFFICE (names for `ip netns exec`).
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
#       veth link: loss= drops PCT % of all UDP leaving on it (nftables, numgen random, on the
#       device's egress hook: lost on the link, no error for the sender),
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
        # On the device's egress hook, after the sender's socket: the datagram is lost on the
        # link and sendmsg() succeeds, as on a real network. (On the output hook the sender got
        # EPERM, and libnice failed an ICE pair at once on a "lost" check instead of
        # retransmitting it: calls failed that a real 5 % loss would not fail.)
        in_ns "$target" nft delete table netdev fdshape 2>/dev/null
        in_ns "$target" nft -f - <<EOF || fail "nft refused the loss rule"
table netdev fdshape {
  chain out {
    type filter hook egress device "$dev" priority 0; policy accept;
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
        in_ns "$target" nft delete table netdev fdshape 2>/dev/null
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
if [ "${1:-}" != --nat ]; then
  FD_IN_NETNS=1 exec unshare -n sh -c 'ip link set lo up || exit 1; exec "$@"' netns-run "$@"
fi
shift

command -v nft >/dev/null 2>&1 || skip "nft (nftables) is not installed"
prefix="fdnat$$"
made=""
cleanup() {
  for ns in $made; do
    # Only what this run started is in these namespaces.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
  done
}
trap cleanup EXIT
trap 'exit 143' INT TERM
fail() { echo "netns-run: cannot build the NAT topology: $1" >&2; exit 1; }

for n in pub hallnat desk homenat home officenat office; do
  ip netns add "$prefix-$n" || skip "ip netns add is not permitted here"
  made="$made $prefix-$n"
  ip -n "$prefix-$n" link set lo up || fail "lo in $n"
  # IPv4 only: no link-local IPv6 candidates that could never cross the NATs.
  ip netns exec "$prefix-$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
    net.ipv6.conf.default.disable_ipv6=1 || fail "IPv6 off in $n"
done
pub="$prefix-pub"

# link NS_A IF_A ADDR_A NS_B IF_B ADDR_B: a veth pair made inside the namespaces themselves (no
# name ever exists in the machine's own namespace).
link() {
  ip -n "$prefix-$1" link add "$2" type veth peer name "$5" netns "$prefix-$4" || fail "veth $2"
  ip -n "$prefix-$1" addr add "$3" dev "$2" && ip -n "$prefix-$1" link set "$2" up &&
    ip -n "$prefix-$4" addr add "$6" dev "$5" && ip -n "$prefix-$4" link set "$5" up ||
    fail "addresses on $2/$5"
}
# gateway NAT WAN_IF WAN_ADDR PUB_IF PUB_ADDR LAN_NS LAN_NET MASQUERADE_FLAGS
gateway() {
  link pub "$4" "$5/24" "$1" "$2" "$3/24"
  link "$1" lan "${7}.1/24" "$6" eth0 "${7}.2/24"
  ip -n "$prefix-$1" route add default via "$5" || fail "route in $1"
  ip -n "$prefix-$6" route add default via "${7}.1" || fail "route in $6"
  ip netns exec "$prefix-$1" sysctl -qw net.ipv4.ip_forward=1 || fail "forwarding in $1"
  # Masquerade out of the WAN side; like a home or office router, drop what arrives unasked
  # (no conntrack entry is kept for it, so it cannot take a port a later mapping needs).
  ip netns exec "$prefix-$1" nft -f - <<NFT || fail "nftables in $1"
table ip nat {
  chain post {
    type nat hook postrouting priority srcnat;
    oifname "$2" masquerade $8
  }
}
table ip filter {
  chain wan_in {
    type filter hook input priority filter; policy accept;
    iifname "$2" ct state new drop
  }
  chain wan_forward {
    type filter hook forward priority filter; policy accept;
    iifname "$2" ct state new drop
  }
}
NFT
}
gateway hallnat wan 203.0.113.2 hall 203.0.113.1 desk 10.10.0 ""
gateway homenat wan 198.51.100.2 home 198.51.100.1 home 10.20.0 "random,fully-random"
gateway officenat wan 192.0.2.2 office 192.0.2.1 office 10.30.0 ""
ip netns exec "$pub" sysctl -qw net.ipv4.ip_forward=1 || fail "forwarding in pub"

FD_IN_NETNS=1 FD_NAT_PUBLIC_IP=203.0.113.1 FD_NAT_NS_DESK="$prefix-desk" \
  FD_NAT_NS_HOME="$prefix-home" FD_NAT_NS_OFFICE="$prefix-office" \
  ip netns exec "$pub" "$@"
