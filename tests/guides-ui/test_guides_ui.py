#!/usr/bin/python3
"""The Guides page and the applicant screen, driven as a screen-reader user
would: the staff app in Chinese; search "qykb" (pinyin initials), open the
企业开办 package, show it to the applicant, pick Русский on the applicant
screen, and check that the applicant screen shows the Russian title while the
staff window still shows the Chinese one. Titles are read from the merged
guide data, not hard-coded. usage: test_guides_ui.py FRONTDESK_EXE DATADIR"""
import os
import sys
import time
import xml.etree.ElementTree as ET

from fdatspi import (App, Tap, action_names, do_action, extents, find, is_showing, role_name,
                     screenshot, set_text, states, walk)
from gi.repository import Atspi

exe = sys.argv[1]
datadir = sys.argv[2]
shots = os.environ.get("FD_SCREENSHOT_DIR", "/tmp")
tap = Tap()

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
root = ET.parse(os.path.join(datadir, "guides", "packages", "company-startup.xml")).getroot()
titles = {n.get(XML_LANG, "zh_CN"): n.text.strip() for n in root.findall("name")}
ZH, RU = titles["zh_CN"], titles["ru"]
tap.diag(f"titles: {ZH!r} / {RU!r}")

# The UI strings as the zh_CN and ru catalogues translate them.
SEARCH = "搜索指南"
SHOW = "向申请人展示"
APPLICANT_TITLE = "申请人屏幕"



def unnamed_controls(root):
    """Clickable or focusable controls without an accessible name."""
    bad = []
    for node in walk(root):
        st = states(node)
        if st is None or not is_showing(node):
            continue
        role = role_name(node)
        clickable = bool(set(action_names(node)) & {"click", "activate", "press", "toggle"})
        if role in ("label", "list", "scroll pane", "panel", "filler", "frame", "window"):
            continue
        if not (clickable or st.contains(Atspi.StateType.FOCUSABLE)):
            continue
        name = (node.get_name() or "").strip()
        if not name and role == "list item":
            name = " ".join((n.get_name() or "") for n in walk(node) if role_name(n) == "label").strip()
        if not name:
            bad.append(f"{role} {action_names(node)}")
    return bad


env = {"FRONTDESK_DATADIR": datadir}
app = App(exe, ["--lang=zh_CN"], env=env)
win = find(app.node, role="frame", timeout=15)
if not tap.ok(win is not None, "zh_CN: main window appears"):
    print(app.quit())
    tap.done()

tab = find(win, name="指南", role="page tab", timeout=10)
if tab is not None:
    do_action(tab)
tap.ok(find(win, name="办事指南", role="heading", timeout=10) is not None,
       "page heading 办事指南 is shown")

entry = find(win, name=SEARCH, timeout=20)
if tap.ok(entry is not None, f"search entry {SEARCH!r} found by name"):
    set_text(entry, "qykb")
    row = find(win, name=ZH, role="list item", timeout=10)
    if tap.ok(row is not None, f"'qykb' lists {ZH!r}"):
        # Activate the row (a click, or Enter on it); else Enter in the
        # search entry, which opens the best match.
        # Keyboard: Ctrl+F focuses the search entry, Enter opens the best
        # match (GTK 4.8 list rows expose no AT-SPI action).
        Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.PRESS)  # Control_L
        Atspi.generate_keyboard_event(0, "f", Atspi.KeySynthType.STRING)
        Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.RELEASE)
        time.sleep(0.5)
        Atspi.generate_keyboard_event(0xff0d, None, Atspi.KeySynthType.SYM)  # Return
        heading = find(win, name=ZH, role="heading", timeout=10)
        tap.ok(heading is not None, "the guide opens with its Chinese title as a heading")
        screenshot(os.path.join(shots, "frontdesk-guides-staff.png"))

button = find(win, name=SHOW, role="push button", timeout=10)
applicant = None
if tap.ok(button is not None, f"button {SHOW!r} found"):
    do_action(button)
    deadline = time.time() + 15
    while applicant is None and time.time() < deadline:
        for w in app.windows():
            if w is not None and (w.get_name() or "") == APPLICANT_TITLE and is_showing(w):
                applicant = w
        time.sleep(0.2)
tap.ok(applicant is not None, f"applicant window {APPLICANT_TITLE!r} opens")

if applicant is not None:
    if os.environ.get("FD_DUMP"):
        for n in walk(applicant):
            tap.diag(f"{role_name(n)} {n.get_name()!r} showing={is_showing(n)}")
    def lang_button(name):
        # GTK 4.8 exposes a GtkToggleButton as a push button (with a pressed state).
        return (find(applicant, name=name, role="toggle button", timeout=1)
                or find(applicant, name=name, role="push button", timeout=5))

    for name in ("中文", "English", "Русский"):
        tap.ok(lang_button(name) is not None,
               f"applicant language button {name!r} is named in its own language")
    small = []
    for name in ("中文", "English", "Русский"):
        b = lang_button(name)
        e = extents(b) if b is not None else None
        if e is None or e.width < 44 or e.height < 44:
            small.append(f"{name}: {None if e is None else (e.width, e.height)}")
    tap.ok(not small, "applicant language buttons are at least 44x44 px", "\n".join(small))
    ru = lang_button("Русский")
    if ru is not None:
        do_action(ru)
    tap.ok(find(applicant, name=RU, role="heading", timeout=10) is not None,
           f"applicant screen shows the Russian title {RU!r}")
    tap.ok(find(applicant, name="документ", role="heading", timeout=5, contains=True) is not None,
           "applicant screen section headings are in Russian")
    tap.ok(find(applicant, name="Что вы получите", role="label", timeout=5) is not None,
           "applicant screen shows what the applicant receives (<result>), labelled in Russian")
    tap.ok(find(applicant, name="Жалобы и предложения", role="label", timeout=5) is not None
           and find(applicant, name="Позвоните на горячую линию 12345", role="label", timeout=5,
                    contains=True) is not None,
           "applicant screen shows where to complain (<complaint>), in Russian")
    tap.ok(find(win, name=ZH, role="heading", timeout=5) is not None,
           "staff window still shows the Chinese title")
    tap.ok(find(win, name=RU, role="heading", timeout=1) is None,
           "staff window does not show the Russian title")
    screenshot(os.path.join(shots, "frontdesk-guides-applicant.png"))
    bad = unnamed_controls(applicant)
    tap.ok(not bad, "applicant screen: every control has an accessible name", "\n".join(bad))
    bad = unnamed_controls(win)
    tap.ok(not bad, "staff window with a guide open: every control has an accessible name",
           "\n".join(bad))



def applicant_window():
    for w in app.windows():
        if w is not None and (w.get_name() or "") == APPLICANT_TITLE and is_showing(w):
            return w
    return None


if applicant is not None and button is not None:
    # The staff closes the applicant screen from the staff window, and opens it again.
    close = find(win, name="关闭申请人屏幕", role="push button", timeout=5)
    if tap.ok(close is not None, "staff window has a 关闭申请人屏幕 button"):
        do_action(close)
    deadline = time.time() + 10
    while applicant_window() is not None and time.time() < deadline:
        time.sleep(0.2)
    tap.ok(applicant_window() is None, "the applicant screen closes")
    do_action(button)
    deadline = time.time() + 10
    again = None
    while again is None and time.time() < deadline:
        again = applicant_window()
        time.sleep(0.2)
    tap.ok(again is not None and find(again, name=ZH, role="heading", timeout=1) is None
           and find(again, name=RU, role="heading", timeout=10) is not None,
           "it opens again on the current guide in the applicant's last language (Russian)")

out = app.quit()
tap.ok("CRITICAL" not in out and "WARNING" not in out, "no warnings on the console", out)
tap.done()
