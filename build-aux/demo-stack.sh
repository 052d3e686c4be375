#!/bin/bash
# Demo stack: a local frontdesk-relay with the demo tokens (data/relay/demo.conf,
# DEMO ONLY), a demo interpreter (frontdesk-agent: auto-answer, moving test
# picture, echoes chat), and the app pointed at them. Everything listens on
# 127.0.0.1 only; the relay and the agent stop when the app exits.
# usage: build-aux/demo-stack.sh BUILD_DIR [frontdesk options...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:?usage: demo-stack.sh BUILD_DIR [frontdesk options...]}
shift
case "$build" in /*) ;; *) build="$here/$build" ;; esac

relay="$build/src/relay/frontdesk-relay"
agent="$build/src/cli/agent/frontdesk-agent"
app="$build/src/app/frontdesk"
for exe in "$relay" "$agent" "$app"; do
  [ -x "$exe" ] || { echo "demo-stack: $exe is not built (ninja -C $build)" >&2; exit 1; }
done

port=${FD_DEMO_PORT:-}
if [ -z "$port" ]; then
  # A free port on 127.0.0.1.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
work=$(mktemp -d -t frontdesk-demo.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$relay" --config "$here/data/relay/demo.conf" --port "$port" --listen 127.0.0.1 \
         --database "$work/calls.sqlite3" >"$work/relay.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

url="ws://127.0.0.1:$port/ws"
FRONTDESK_TOKEN=demo-interpreter-token-not-a-secret \
  "$agent" --relay "$url" --role interpreter --language csl,en,ru --auto-answer --video test \
           --ice-address 127.0.0.1 \
           --echo-chat >"$work/agent.log" 2>&1 &
pids+=($!)

echo "==> demo relay on $url (logs in $work); demo interpreter signed in" >&2
FRONTDESK_RELAY_URL="$url" FRONTDESK_RELAY_TOKEN=demo-desk-token-not-a-secret \
  FRONTDESK_ICE_ADDRESSES=${FRONTDESK_ICE_ADDRESSES:-127.0.0.1} \
  "$app" "$@"
