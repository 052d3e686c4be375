#!/bin/bash
# Frontdesk developer entry point. On a fresh Debian 12 machine, as root:
#   ./dev.sh run     install what is missing, build, and start the app
#   ./dev.sh test    install what is missing, build, and run the whole test suite
#   ./dev.sh format  reformat the C lines changed since origin/main (or the last commit)
# Options for run: --xvfb (start under a virtual display when there is none),
#                  --lang=zh_CN|en|ru, any other frontdesk option.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
build=${FD_BUILD_DIR:-build}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

need_packages() { # list files → prints packages not yet installed
  local pkg
  for pkg in $(grep -hv '^\s*#' "$@" | grep -v '^\s*$'); do
    dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -q '^installed$' || echo "$pkg"
  done
}

install_packages() {
  local missing
  missing=$(need_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "These Debian packages are missing; install them as root:" >&2
    echo "  apt-get install $(echo $missing)" >&2
    exit 1
  fi
  log "installing: $(echo $missing)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends $missing
}

configure_and_build() {
  if [ -f "$build/build.ninja" ]; then
    meson setup --reconfigure "$build" "$@" >/dev/null
  else
    meson setup "$build" "$@"
  fi
  log "building"
  ninja -C "$build"
}

uninstalled_env() {
  export GSETTINGS_SCHEMA_DIR="$here/$build/data"
  export FRONTDESK_LOCALEDIR="$here/$build/po"
  export FRONTDESK_DATADIR="$here/$build/data"
}

cmd_run() {
  local use_xvfb=0 args=()
  for a in "$@"; do
    case "$a" in
      --xvfb) use_xvfb=1 ;;
      *) args+=("$a") ;;
    esac
  done
  install_packages build-aux/debian-packages.txt
  [ "$use_xvfb" -eq 1 ] && install_packages <(printf 'xvfb\nxauth\nimagemagick\n')
  configure_and_build
  uninstalled_env
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    if [ "$use_xvfb" -eq 0 ]; then
      cat >&2 <<MSG
There is no display to show the app on (neither DISPLAY nor WAYLAND_DISPLAY is set).
  - On a desktop, run this from a terminal inside your graphical session, or
  - run it on a virtual display:  ./dev.sh run --xvfb
    (a screenshot is then saved to $build/frontdesk-xvfb.png every 10 seconds)
MSG
      exit 2
    fi
    local n=99
    while [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp -noreset >/dev/null 2>&1 &
    local xvfb_pid=$!
    trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
    export DISPLAY=":$n" GSK_RENDERER=cairo
    sleep 1
    log "started Xvfb on $DISPLAY; screenshots go to $build/frontdesk-xvfb.png"
    ( while sleep 10; do import -window root "$build/frontdesk-xvfb.png" 2>/dev/null || true; done ) &
  fi
  if [ -x "$build/src/relay/frontdesk-relay" ] && [ -x build-aux/demo-stack.sh ]; then
    # A local relay and a demo interpreter, so a call can be placed with no set-up.
    exec build-aux/demo-stack.sh "$build" "${args[@]}"
  fi
  log "starting frontdesk"
  "$build/src/app/frontdesk" "${args[@]}"
}

cmd_test() {
  install_packages build-aux/debian-packages.txt build-aux/debian-test-packages.txt
  [ -x build-aux/test-setup.sh ] && build-aux/test-setup.sh
  configure_and_build -Dwerror=true
  log "running the test suite"
  local status=0
  meson test -C "$build" --print-errorlogs --num-processes 2 "$@" || status=$?
  local logs=("$build/meson-logs/testlog.json")
  # The whole run (CI) also runs the core's unit tests under valgrind.
  if [ $# -eq 0 ]; then
    log "running the unit tests under valgrind (memcheck)"
    rm -f "$build/meson-logs/testlog-memcheck.json"
    meson test -C "$build" --setup memcheck --suite memcheck --print-errorlogs --num-processes 2 || status=$?
    logs+=("$build/meson-logs/testlog-memcheck.json")
  fi
  # ... and the fuzz smoke runs and the sanitizer build (issue 12; docs/fuzzing.md).
  if [ $# -eq 0 ]; then
    run_fuzz || status=$?
    [ -f "$fuzz_build/meson-logs/testlog-fuzz.json" ] && logs+=("$fuzz_build/meson-logs/testlog-fuzz.json")
    run_asan || status=$?
    [ -f "$asan_build/meson-logs/testlog-asan.json" ] && logs+=("$asan_build/meson-logs/testlog-asan.json")
  fi
  python3 build-aux/test-summary.py "${logs[@]}" || status=1
  exit $status
}

# Reformats, with .uncrustify.cfg, only the lines changed since the base the `format` test uses
# (FD_FORMAT_BASE, else origin/main, else HEAD^), committed or not.
cmd_format() {
  install_packages <(echo uncrustify)
  tests/validate/check-format.sh --fix "$here" | grep -v '^1\.\.'
}

# libFuzzer harnesses (tests/fuzz), built with clang and ASan+UBSan in their own folder, each run
# for FD_FUZZ_SECONDS (20) over its seed corpus. Only the harnesses and what they link are built.
fuzz_build=${FD_FUZZ_BUILD_DIR:-build-fuzz}
run_fuzz() {
  if ! command -v clang >/dev/null 2>&1; then
    echo "clang is missing (apt-get install clang libclang-rt-14-dev): cannot fuzz" >&2
    return 1
  fi
  log "fuzz build ($fuzz_build: clang, ASan+UBSan)"
  if [ ! -f "$fuzz_build/build.ninja" ]; then
    CC=clang meson setup "$fuzz_build" -Dfuzzing=true -Db_sanitize=address,undefined \
      -Db_lundef=false -Dui_tests=false >/dev/null
  fi
  local targets
  targets=$(meson introspect --targets "$fuzz_build" | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    if t["name"].startswith("fuzz-") and t["type"] == "executable":
        print(t["filename"][0])')
  ninja -C "$fuzz_build" $(for t in $targets; do realpath --relative-to="$fuzz_build" "$t"; done) || return 1
  log "fuzzing each harness for ${FD_FUZZ_SECONDS:-20} s"
  rm -f "$fuzz_build/meson-logs/testlog-fuzz.json"
  meson test -C "$fuzz_build" --no-rebuild --suite fuzz --logbase testlog-fuzz --print-errorlogs \
    --num-processes 2
}

# The whole suite built with -Db_sanitize=address,undefined in its own folder; the unit and
# integration suites run under it (tests/meson.build: the asan test set-up).
asan_build=${FD_ASAN_BUILD_DIR:-build-asan}
run_asan() {
  log "sanitizer build ($asan_build: ASan+UBSan)"
  if [ -f "$asan_build/build.ninja" ]; then
    meson setup --reconfigure "$asan_build" -Dwerror=true >/dev/null
  else
    meson setup "$asan_build" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true \
      >/dev/null
  fi
  ninja -C "$asan_build" || return 1
  log "running the unit and integration suites under ASan+UBSan"
  rm -f "$asan_build/meson-logs/testlog-asan.json"
  # Not the media tests (suite media: live calls through webrtcbin): they assert real-time frame
  # rates that a sanitizer build does not reach on two cores.
  if [ $# -eq 0 ]; then
    set -- --suite unit --suite integration --no-suite media
  fi
  meson test -C "$asan_build" --setup asan --print-errorlogs --num-processes 2 "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  format) shift; cmd_format ;;
  fuzz) shift; install_packages build-aux/debian-packages.txt build-aux/debian-test-packages.txt
        run_fuzz ;;
  asan) shift; install_packages build-aux/debian-packages.txt build-aux/debian-test-packages.txt
        run_asan "$@" ;;
  *) echo "usage: ./dev.sh run [--xvfb] [--lang=zh_CN|en|ru] | ./dev.sh test [meson test args]" >&2
     echo "       ./dev.sh format | ./dev.sh fuzz (FD_FUZZ_SECONDS=20) | ./dev.sh asan [meson test args]" >&2; exit 2 ;;
esac
