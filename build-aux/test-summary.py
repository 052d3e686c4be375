#!/usr/bin/env python3
"""Prints the closing line 'N passed, N failed, N skipped' from meson's
testlog.json (and the logs of other test set-ups given after it). Under CI=true a skipped test is a failure: CI installs
everything the suite needs, so a skip there hides a missing install step."""
import json
import os
import sys

passed = failed = skipped = 0
names = {"skipped": [], "failed": []}
# One or more logs: testlog.json, then e.g. testlog-memcheck.json (the same
# unit tests again under valgrind count as tests of their own).
for path in sys.argv[1:]:
    label = "" if os.path.basename(path) == "testlog.json" else \
        os.path.basename(path)[len("testlog-"):-len(".json")] + ": "
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            r = t.get("result")
            name = label + t["name"]
            if r in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif r == "SKIP":
                skipped += 1
                names["skipped"].append(name)
            else:
                failed += 1
                names["failed"].append(f'{name} ({r})')
for k, v in names.items():
    for n in v:
        print(f"{k}: {n}")
ci = os.environ.get("CI") == "true"
print(f"{passed} passed, {failed} failed, {skipped} skipped")
if failed or passed == 0 or (ci and skipped):
    sys.exit(1)
