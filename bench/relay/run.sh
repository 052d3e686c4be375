#!/bin/sh
# bench/relay: 10,000 authenticated clients against frontdesk-relay, then against the anchor
# (a minimal relay on the npm ws package, bench/relay/node), one after the other in the same run,
# in a private network namespace on 127.x addresses. See bench-relay-load.c for the load and
# docs/performance.md for the figures.
# Usage: bench/relay/run.sh  (FD_BUILD_ROOT=build folder, default ./build;
#        FD_BENCH_CLIENTS (10000), FD_BENCH_DURATION (20 s), FD_BENCH_RATE (100 requests/s),
#        FD_BENCH_STORM (5 s), FD_BENCH_ONLY=c|node to run one relay)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${FD_BUILD_ROOT:-$root/build}" && pwd)
clients=${FD_BENCH_CLIENTS:-10000}
duration=${FD_BENCH_DURATION:-20}
rate=${FD_BENCH_RATE:-100}
storm=${FD_BENCH_STORM:-5}
relay="$build/src/relay/frontdesk-relay"
load="$build/bench/relay/bench-relay-load"

if [ "${FD_IN_NETNS:-}" != 1 ]; then
  [ -x "$relay" ] && [ -x "$load" ] || { echo "build first: ninja -C $build"; exit 1; }
  unshare -n true 2>/dev/null || { echo "SKIP: cannot create a network namespace (needs root)"; exit 77; }
  work=$(mktemp -d "${TMPDIR:-/tmp}/fd-bench-relay.XXXXXX")
  trap 'rm -rf "$work"' EXIT INT TERM
  # The anchor's dependency (ws, pinned in package.json), installed now, outside the namespace.
  if [ "${FD_BENCH_ONLY:-}" != c ]; then
    cp "$here/node/package.json" "$here/node/relay.js" "$work/"
    (cd "$work" && npm install --no-audit --no-fund --loglevel=error >/dev/null) ||
      { echo "npm install of the anchor's ws package failed"; exit 1; }
  fi
  FD_IN_NETNS=1 FD_BENCH_WORK=$work unshare -n sh -c 'ip link set lo up || exit 1; exec "$0" "$@"' "$here/run.sh" "$@"
  exit $?
fi

work=$FD_BENCH_WORK
# Each process needs a descriptor per client: raise the soft limit to the hard one (raising the
# hard limit needs CAP_SYS_RESOURCE, which a container may not have).
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -gt $((clients + 256)) ] ||
  { echo "RLIMIT_NOFILE is $(ulimit -n): too low for $clients clients"; exit 1; }

# Half desks, half interpreters (all three languages); one salt shared by the whole file, as
# `frontdesk-relay hash-token` gives to tokens hashed together (docs/relay.md).
python3 - "$work" "$clients" <<'EOF'
import hashlib, os, secrets, sys
work, n = sys.argv[1], int(sys.argv[2])
salt = os.urandom(16)
with open(os.path.join(work, "relay.conf"), "w") as conf, open(os.path.join(work, "clients"), "w") as out:
    conf.write("[relay]\nlisten=127.0.0.1\ndatabase=calls.sqlite\n\n")
    for i in range(n):
        role = "desk" if i % 2 == 0 else "interpreter"
        token = secrets.token_urlsafe(32)
        digest = hashlib.sha256(salt + token.encode()).hexdigest()
        conf.write(f"[token {role}-{i}]\nrole={role}\nhash=sha256:{salt.hex()}:{digest}\n\n")
        out.write(f"{role} {token}\n")
EOF

uptime | sed 's/^/machine load before the run:/'
grep -m1 "model name" /proc/cpuinfo | sed 's/.*: /cpu: /'
echo "cpus: $(nproc); clients: $clients; call requests: $rate/s for $duration s; connects spread over $storm s"
# The relay's listen backlog (listen-backlog, default 4096) is capped by this (per namespace; the
# kernel's default, left as a hall's server would have it).
echo "net.core.somaxconn in the namespace: $(cat /proc/sys/net/core/somaxconn)"

run_one() { # label port command...
  label=$1 port=$2
  shift 2
  "$@" >"$work/$port.log" 2>&1 &
  pid=$!
  i=0
  until grep -q "listening" "$work/$port.log" 2>/dev/null; do
    i=$((i + 1))
    [ $i -gt 300 ] && { echo "$label did not start:"; cat "$work/$port.log"; kill $pid; return 1; }
    sleep 0.1
  done
  # FD_BENCH_PERF=FILE: profile the first relay (perf record -g) through the storm and 10 s more
  if [ -n "${FD_BENCH_PERF:-}" ] && [ ! -e "$FD_BENCH_PERF" ]; then
    perf record -q -g -p "$pid" -o "$FD_BENCH_PERF" -- sleep $((storm + 10)) >/dev/null 2>&1 &
  fi
  "$load" --port "$port" --pid "$pid" --tokens "$work/clients" --label "$label" \
    --duration "$duration" --rate "$rate" --storm-seconds "$storm" --addresses 100
  status=$?
  echo "$label: CPU time used (user+system, s): $(awk '{printf "%.1f", ($14 + $15) / 100}' /proc/$pid/stat)"
  kill -TERM $pid
  wait $pid
  return $status
}

status=0
if [ "${FD_BENCH_ONLY:-}" != node ]; then
  run_one "frontdesk-relay (C, libsoup HTTP + own epoll WebSocket)" 18765 \
    env G_MESSAGES_DEBUG= "$relay" --config "$work/relay.conf" --port 18765 || status=1
fi
if [ "${FD_BENCH_ONLY:-}" != c ]; then
  run_one "anchor: Node.js $(node --version) + ws $(node -p "require('$work/node_modules/ws/package.json').version")" 18766 \
    node "$work/relay.js" "$work/relay.conf" 18766 || status=1
fi
uptime | sed 's/^/machine load after the run:/'
exit $status
