#!/usr/bin/python3
"""The sample-data notice (issue 13): with the shipped example data the staff
page and the applicant screen say that window numbers, floors and codes are
examples; with a hall folder in $XDG_CONFIG_HOME/frontdesk/hall (as a hall
installs it, docs/hall-data.md) neither does. The printed checklist is
checked the same way in tests/guides/test-guides-cli.sh.
usage: test_guides_sample.py FRONTDESK_EXE DATADIR HALL_FIXTURE_DIR"""
import os
import shutil
import sys
import tempfile
import time

from fdatspi import App, Tap, do_action, find, is_showing, screenshot

exe, datadir, hall_fixture = sys.argv[1], sys.argv[2], sys.argv[3]
tap = Tap()
tmp = tempfile.mkdtemp(prefix="fd-guides-sample-")
STAFF_NOTICE = "Sample data: window numbers"
APPLICANT_NOTICE = "Sample data: window numbers"  # the applicant screen starts in English
SHOW = "Show to Applicant"
APPLICANT_TITLE = "Applicant Screen"

empty_conf = os.path.join(tmp, "empty")
hall_conf = os.path.join(tmp, "hall")
os.makedirs(empty_conf)
os.makedirs(os.path.join(hall_conf, "frontdesk"))
shutil.copytree(hall_fixture, os.path.join(hall_conf, "frontdesk", "hall"))


def run(conf, with_notice):
    what = "with example data" if with_notice else "with the hall's data"
    app = App(exe, ["--lang=en"], env={"FRONTDESK_DATADIR": datadir, "XDG_CONFIG_HOME": conf,
                                      "XDG_CONFIG_DIRS": empty_conf})
    win = find(app.node, role="frame", timeout=15)
    if not tap.ok(win is not None, f"{what}: main window appears"):
        print(app.quit())
        return
    tab = find(win, name="Guides", role="page tab", timeout=10)
    if tab is not None:
        do_action(tab)
    # the list is ready once the guides have loaded
    tap.ok(find(win, name="Search Guides", timeout=20) is not None, f"{what}: the guides load")
    time.sleep(1)
    staff = find(win, name=STAFF_NOTICE, contains=True, timeout=5 if with_notice else 2)
    staff_shown = staff is not None and is_showing(staff)
    tap.ok(staff_shown == with_notice,
           f"{what}: the staff page {'shows' if with_notice else 'does not show'} the sample-data notice")
    # which calendar is provisional: the shipped 2027 one; the hall's 2028 one too
    provisional = "2028 (provisional)" if not with_notice else "2027 (provisional)"
    tap.ok(find(win, name=provisional, contains=True, timeout=5) is not None,
           f"{what}: the page says {provisional!r}")
    screenshot(os.path.join(os.environ.get("FD_SCREENSHOT_DIR", "/tmp"),
                            "frontdesk-guides-sample-%s.png" % ("on" if with_notice else "off")))
    button = find(win, name=SHOW, role="push button", timeout=10)
    applicant = None
    if button is not None:
        do_action(button)
        deadline = time.time() + 15
        while applicant is None and time.time() < deadline:
            for w in app.windows():
                if w is not None and (w.get_name() or "") == APPLICANT_TITLE and is_showing(w):
                    applicant = w
            time.sleep(0.2)
    if tap.ok(applicant is not None, f"{what}: the applicant screen opens"):
        notice = find(applicant, name=APPLICANT_NOTICE, contains=True, timeout=5 if with_notice else 2)
        shown = notice is not None and is_showing(notice)
        tap.ok(shown == with_notice,
               f"{what}: the applicant screen {'shows' if with_notice else 'does not show'} the notice")
    out = app.quit()
    tap.ok("CRITICAL" not in out, f"{what}: no criticals", out)


try:
    run(empty_conf, True)
    run(hall_conf, False)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

tap.done()
