#!/bin/sh
# Runs one UI test under its own Xvfb display and D-Bus session with the
# AT-SPI bus, so the test can drive the real app through the accessibility
# tree. usage: run-ui-test.sh COMMAND [ARGS...]
set -u
here=$(cd "$(dirname "$0")" && pwd)

for tool in Xvfb xdpyinfo dbus-run-session /usr/libexec/at-spi-bus-launcher; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "$tool" ]; then
    echo "1..0 # SKIP $tool is not installed (apt-get install xvfb x11-utils dbus at-spi2-core)"
    exit 77
  fi
done

# Xvfb picks a free display itself and writes its number (-displayfd), and
# must answer a real X client before the test starts (else a new server is
# tried). -noreset: an X server resets when its last client leaves, and a
# client connecting during the reset gets "cannot open display" -- which is
# what the app got after that check, or after at-spi-bus-launcher, left.
xvfb_pid=
xvfb_log=$(mktemp)
trap '[ -n "$xvfb_pid" ] && kill $xvfb_pid 2>/dev/null; wait 2>/dev/null; rm -f "$xvfb_log"' EXIT INT TERM
start_xvfb() {
  fifo=$(mktemp -u)
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$fifo" >"$xvfb_log" 2>&1 &
  xvfb_pid=$!
  display=$(timeout 20 head -n 1 "$fifo")
  rm -f "$fifo"
  [ -n "$display" ] || return 1
  tries=0
  while [ $tries -lt 100 ]; do
    kill -0 $xvfb_pid 2>/dev/null || return 1
    xdpyinfo -display ":$display" >/dev/null 2>&1 && return 0
    tries=$((tries + 1))
    sleep 0.1
  done
  return 1
}
attempt=1
until start_xvfb; do
  echo "# Xvfb attempt $attempt failed (display '${display:-}'):" >&2
  sed 's/^/#   /' "$xvfb_log" >&2
  kill $xvfb_pid 2>/dev/null
  wait $xvfb_pid 2>/dev/null
  xvfb_pid=
  attempt=$((attempt + 1))
  [ $attempt -le 3 ] || { echo "Bail out! Xvfb did not start a usable display"; exit 1; }
done

export DISPLAY=":$display"
export GTK_A11Y=atspi
export NO_AT_BRIDGE=
unset NO_AT_BRIDGE
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONUNBUFFERED=1
export XDG_RUNTIME_DIR=$(mktemp -d)
export XDG_DATA_HOME="$XDG_RUNTIME_DIR/data"
export XDG_CONFIG_HOME="$XDG_RUNTIME_DIR/config"
export XDG_CACHE_HOME="$XDG_RUNTIME_DIR/cache"

dbus-run-session -- sh -c '
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  launcher=$!
  sleep 0.5
  "$@"
  status=$?
  kill $launcher 2>/dev/null
  exit $status
' ui-test "$@"
status=$?
rm -rf "$XDG_RUNTIME_DIR"
exit $status
