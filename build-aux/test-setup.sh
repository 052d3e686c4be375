#!/bin/sh
# Test set-up run by `./dev.sh test` before building: npm packages for the browser tests
# (playwright-core only, from tests/browser/package-lock.json). Idempotent and quiet when done.
# Never downloads a browser: the tests use Debian's /usr/bin/chromium.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dir="$here/tests/browser"
stamp="$dir/node_modules/.frontdesk-lock"

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing npm (Debian) for the browser tests" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm >/dev/null
  else
    echo "test-setup: npm is missing (apt-get install npm); the browser tests will be skipped" >&2
    exit 0
  fi
fi

# Up to date when the lock file is the one the modules were installed from.
if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json" &&
   [ -d "$dir/node_modules/playwright-core" ]; then
  exit 0
fi
echo "==> npm ci in tests/browser (playwright-core)" >&2
(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
cp "$dir/package-lock.json" "$stamp"
