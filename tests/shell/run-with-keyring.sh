#!/bin/sh
# Runs a test program in a private D-Bus session with its own unlocked
# gnome-keyring (Secret Service), in a throwaway home: the desktop case.
set -eu
home=$(mktemp -d -t fd-keyring.XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c '
  printf "%s" "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  FD_TEST_KEYRING=1 exec "$@"' sh "$@"
