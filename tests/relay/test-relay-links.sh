#!/bin/sh
# frontdesk-relay links only what it uses (issue 10, item 7): the signalling library, libsoup,
# json-glib, SQLite, GLib, and for call records in PostgreSQL (issue 12) the pg library and
# libpq; never the rest of the core, GStreamer, Pango/Cairo or libqrencode. Checks the link command (--as-needed hides the difference in the binary's
# NEEDED entries) and the binary.
#   test-relay-links.sh BUILD-DIR
set -u
build=$1
relay="$build/src/relay/frontdesk-relay"
command -v ninja >/dev/null 2>&1 || { echo "ninja missing: skipped"; exit 77; }
link=$(ninja -C "$build" -t commands src/relay/frontdesk-relay | tail -n 1)
echo "$link"
case "$link" in *frontdesk-relay*) ;; *) echo "no link command found"; exit 1 ;; esac
bad=$(echo "$link" | tr ' ' '\n' | grep -E 'gstreamer|gst-|pango|cairo|qrencode|frontdesk-core|frontdesk-cases|frontdesk-call' || true)
if [ -n "$bad" ]; then
  echo "frontdesk-relay is linked with what it does not use:"; echo "$bad"; exit 1
fi
echo "$link" | grep -q 'libfrontdesk-signal.a' || { echo "not linked with the signalling library"; exit 1; }
if command -v readelf >/dev/null 2>&1; then
  readelf -d "$relay" | grep -E 'NEEDED.*(gst|pango|cairo|qrencode)' && exit 1
fi
exit 0
