#!/bin/sh
# Runs one UI test under its own Xvfb display and D-Bus session with the
# AT-SPI bus, so the test can drive the real app through the accessibility
# tree. usage: run-ui-test.sh COMMAND [ARGS...]
set -u
here=$(cd "$(dirname "$0")" && pwd)

for tool in Xvfb dbus-run-session /usr/libexec/at-spi-bus-launcher; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "$tool" ]; then
    echo "1..0 # SKIP $tool is not installed (apt-get install xvfb dbus at-spi2-core)"
    exit 77
  fi
done

# Xvfb picks a free display itself and writes its number once it accepts
# clients (-displayfd): no race with a display another test is releasing.
fifo=$(mktemp -u)
mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null; wait $xvfb_pid 2>/dev/null' EXIT INT TERM
display=$(timeout 20 head -n 1 "$fifo")
rm -f "$fifo"
[ -n "$display" ] || { echo "Bail out! Xvfb did not start"; exit 1; }

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
