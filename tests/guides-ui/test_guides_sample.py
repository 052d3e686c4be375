#!/usr/bin/python3
"""The sample-data notice (issue 13): with the shipped example data the staff
page and the applicant screen say that window numbers, floors and codes are
examples; with a hall folder in $XDG_CONFIG_HOME/frontdesk/hall (as a hall
installs it, docs/hall-data.md) neither does, and both show each window's
floor and the hall's phone numbers from its hall.xml, in the language of the
screen. The printed checklist is checked the same way in
tests/guides/test-guides-cli.sh and tests/guides-ui/test-guide-print.c.
usage: test_guides_sample.py FRONTDESK_EXE DATADIR HALL_FIXTURE_DIR"""
import os
import shutil
import sys
import tempfile
import time

from fdatspi import App, Tap, do_action, find, is_showing, screenshot, set_text
from gi.repository import Atspi

exe, datadir, hall_fixture = sys.argv[1], sys.argv[2], sys.argv[3]
tap = Tap()
tmp = tempfile.mkdtemp(prefix="fd-guides-sample-")
STAFF_NOTICE = "Sample data: window numbers"
APPLICANT_NOTICE = "Sample data: window numbers"  # the applicant screen starts in English
SHOW = "Show to Applicant"
APPLICANT_TITLE = "Applicant Screen"
# company-startup (found by "qykb") is at windows A01-A06; the fixture hall
# puts A01 and A02 on its first floor and translates the floor into en and ru
FLOORS = {"en": "A01 A02 (Floor 1); A03 A04 A05 A06", "ru": "A01 A02 (1-й этаж); A03 A04 A05 A06"}
PHONES = {"en": ("Hall phone numbers", "Enquiries: 010-00000000"),
          "ru": ("Телефоны центра", "Справки: 010-00000000")}
PLAIN_WINDOWS = "A01 A02 A03 A04 A05 A06"


def shows(root, name, timeout):
    node = find(root, name=name, contains=True, timeout=timeout)
    return node is not None and is_showing(node)


def hall_lines(root, lang, with_hall, what, where):
    """The floors and the phones of the hall on a screen in @lang."""
    wait = 5 if with_hall else 1
    tap.ok(shows(root, FLOORS[lang], wait) == with_hall,
           f"{what}: {where} {'gives' if with_hall else 'does not give'} the windows' floors ({lang})")
    tap.ok((shows(root, PHONES[lang][0], wait) and shows(root, PHONES[lang][1], wait)) == with_hall,
           f"{what}: {where} {'gives' if with_hall else 'does not give'} the hall's phone numbers ({lang})")
    if not with_hall:
        tap.ok(shows(root, PLAIN_WINDOWS, 5), f"{what}: {where} gives the windows without floors")

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
    # open company-startup: Ctrl+F, type, Enter opens the best match
    entry = find(win, name="Search Guides", timeout=5)
    if entry is not None:
        set_text(entry, "qykb")
        time.sleep(0.5)
        Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.PRESS)  # Control_L
        Atspi.generate_keyboard_event(0, "f", Atspi.KeySynthType.STRING)
        Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.RELEASE)
        time.sleep(0.5)
        Atspi.generate_keyboard_event(0xff0d, None, Atspi.KeySynthType.SYM)  # Return
    tap.ok(find(win, name="Company start-up", role="heading", contains=True, timeout=10) is not None,
           f"{what}: 'qykb' opens the company start-up package")
    hall_lines(win, "en", not with_notice, what, "the staff page")
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
        hall_lines(applicant, "en", not with_notice, what, "the applicant screen")
        ru = (find(applicant, name="Русский", role="toggle button", timeout=1)
              or find(applicant, name="Русский", role="push button", timeout=5))
        if tap.ok(ru is not None, f"{what}: the applicant screen offers Русский"):
            do_action(ru)
            time.sleep(0.5)
            hall_lines(applicant, "ru", not with_notice, what, "the applicant screen")
    out = app.quit()
    tap.ok("CRITICAL" not in out, f"{what}: no criticals", out)


try:
    run(empty_conf, True)
    run(hall_conf, False)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

tap.done()
