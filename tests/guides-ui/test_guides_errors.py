#!/usr/bin/python3
"""Bad guide files and no guides at all: the page says so and keeps working.
A copy of the built guides with one broken matter file shows a warning that
names the file and line; an empty guides directory shows the empty state.
usage: test_guides_errors.py FRONTDESK_EXE DATADIR"""
import os
import shutil
import sys
import tempfile

from fdatspi import App, Tap, do_action, find, screenshot

exe = sys.argv[1]
datadir = sys.argv[2]
tap = Tap()
tmp = tempfile.mkdtemp(prefix="fd-guides-ui-")

broken = os.path.join(tmp, "broken")
shutil.copytree(os.path.join(datadir, "guides"), os.path.join(broken, "guides"))
with open(os.path.join(broken, "guides", "matters", "zz-broken.xml"), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<matter id="zz-broken">\n  <name>坏文件\n</matter>\n')
empty = os.path.join(tmp, "empty")
os.makedirs(os.path.join(empty, "guides", "matters"))

try:
    app = App(exe, ["--lang=en"], env={"FRONTDESK_DATADIR": broken})
    win = find(app.node, role="frame", timeout=15)
    tab = find(win, name="Guides", role="page tab", timeout=10) if win else None
    if tab is not None:
        do_action(tab)
    title = find(win, name="some files were skipped", contains=True, timeout=20) if win else None
    tap.ok(title is not None, "a broken guide file is reported on the page")
    detail = find(win, name="zz-broken.xml:", contains=True, timeout=10) if win else None
    tap.ok(detail is not None, "the report names the file with its line (zz-broken.xml:N)")
    screenshot(os.path.join(os.environ.get("FD_SCREENSHOT_DIR", "/tmp"), "frontdesk-guides-errors.png"))
    tap.ok(find(win, name="Search Guides", timeout=5) is not None,
           "the other guides are still searchable")
    out = app.quit()
    tap.ok("CRITICAL" not in out, "no criticals with a broken file", out)

    app = App(exe, ["--lang=en"], env={"FRONTDESK_DATADIR": empty})
    win = find(app.node, role="frame", timeout=15)
    tab = find(win, name="Guides", role="page tab", timeout=10) if win else None
    if tab is not None:
        do_action(tab)
    tap.ok(win is not None and find(win, name="No Guides Installed", timeout=20) is not None,
           "an empty guides directory shows the empty state")
    out = app.quit()
    tap.ok("CRITICAL" not in out, "no criticals without guides", out)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

tap.done()
