#!/bin/sh
# Runs a command in a private network namespace where only loopback
# (127.0.0.1) exists, so a network test can never reach another address:
# the one way every network test enters a namespace (see tests/meson.build).
# When a namespace cannot be made (not root, unshare/ip missing or refused)
# it says why and exits 77, which meson counts as a skip under both the TAP
# ("1..0 # SKIP") and the exitcode protocols; ./dev.sh test under CI fails a skip.
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
