#!/bin/sh
# Runs one libFuzzer harness for a bounded time over its seed corpus (read only: new inputs go to
# a temporary folder), under ASan+UBSan as the fuzz build compiles it.
#   run-fuzz.sh HARNESS SEED-DIR
# FD_FUZZ_SECONDS (default 20) bounds the run; FD_FUZZ_KEEP=DIR keeps the grown corpus there.
# Exit status: 0 when nothing was found; otherwise the harness's (a crash writes its input to
# the temporary folder, printed below, and the report to the log).
set -u
harness=$1
seeds=$2
seconds=${FD_FUZZ_SECONDS:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/fd-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/corpus"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1:intercept_tls_get_addr=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
"$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds" 2>&1
status=$?
if [ "$status" -ne 0 ]; then
  for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [ -f "$f" ] || continue
    echo "finding: $(basename "$f") ($(wc -c < "$f") bytes), base64:"
    base64 -w 0 "$f"; echo
  done
fi
if [ -n "${FD_FUZZ_KEEP:-}" ]; then
  mkdir -p "$FD_FUZZ_KEEP" && cp -n "$work"/corpus/* "$FD_FUZZ_KEEP"/ 2>/dev/null
fi
exit "$status"
