#!/usr/bin/python3
"""Escort cases page through the accessibility tree: start a case with a need
button, add a matter by searching the guides, link an interpreter call offered
through app.offer-call, close the case with an outcome, find it in today's
list, and find it again after a restart (it was committed).
usage: test_cases_ui.py FRONTDESK_EXE"""
import os
import subprocess
import sys
import time

from fdatspi import (App, Tap, action_names, do_action, find, is_showing, role_name, screenshot,
                     set_text, text_of, walk)
from gi.repository import Atspi

exe = sys.argv[1]
tap = Tap()
build_root = os.environ.get("FD_BUILD_ROOT", "")
env = {"FRONTDESK_DATADIR": os.path.join(build_root, "data")}
shots = os.environ.get("FD_SCREENSHOT_DIR")
MATTER = "Fitting of assistive devices for persons with disabilities"


def shot(name):
    if shots:
        os.makedirs(shots, exist_ok=True)
        screenshot(os.path.join(shots, name))


INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box", "text",
               "entry", "spin button", "link", "switch", "menu button"}


def unnamed(root):
    """Showing interactive widgets without an accessible name (as the audit test)."""
    bad = []
    for node in walk(root):
        if not is_showing(node):
            continue
        role = role_name(node)
        try:
            acts = action_names(node)
        except Exception:
            acts = []
        clickable = bool(set(acts) & {"click", "activate", "press", "toggle"})
        if role in INTERACTIVE or (clickable and role not in ("label", "list", "filler", "panel")):
            if not (node.get_name() or "").strip() and role not in ("list item", "table row"):
                bad.append(f"{role} {acts}")
    return bad


def start_app(extra_env=None):
    """Start the app; on a loaded machine Xvfb may still be coming up, so retry a little."""
    for attempt in range(5):
        try:
            return App(exe, ["--lang=en"], env={**env, **(extra_env or {})})
        except RuntimeError as e:
            if "cannot open display" not in str(e) or attempt == 4:
                raise
            time.sleep(2)


def open_cases_page(win):
    tab = find(win, name="Escort Cases", role="page tab", timeout=10)
    if tab is None:
        return False
    do_action(tab)
    return find(win, name="Escort Cases", role="heading", timeout=10) is not None


def today_row_texts(win):
    """The text of each row of today's list (its labels joined)."""
    lst = find(win, name="Today's Cases", role="list", timeout=5)
    rows = []
    if lst is None:
        return rows
    for node in walk(lst):
        if role_name(node) in ("list item", "row"):
            rows.append(" | ".join((n.get_name() or "") for n in walk(node) if role_name(n) == "label"))
    return rows


def wait_for_row(win, *needles, timeout=10):
    deadline = time.time() + timeout
    rows = []
    while time.time() < deadline:
        rows = today_row_texts(win)
        for r in rows:
            if all(n in r for n in needles):
                return r, rows
        time.sleep(0.3)
    return None, rows


app = start_app()
try:
    win = find(app.node, role="frame", timeout=10)
    tap.ok(win is not None, "main window appears")
    tap.ok(open_cases_page(win), "escort cases page opens with its heading")

    start = find(win, name="Start case: Wheelchair or mobility", role="push button", timeout=15)
    tap.ok(start is not None, "one-tap start button for wheelchair or mobility")
    # The buttons turn sensitive once the store is open.
    deadline = time.time() + 10
    while start is not None and time.time() < deadline and \
            not start.get_state_set().contains(Atspi.StateType.SENSITIVE):
        time.sleep(0.2)
    do_action(start)

    card = find(win, name="Active Case", role="heading", contains=True, timeout=10)
    tap.ok(card is not None, "the active case card appears once the case is stored",
           card.get_name() if card else "no heading")
    case_title = card.get_name() if card else ""
    case_no = case_title.replace("Active Case", "").strip()
    timer = find(win, name="Open for", role="label", contains=True, timeout=15)
    tap.ok(timer is not None, "the running timer says how long the case is open",
           timer.get_name() if timer else "")
    # GTK 4.8 exposes a toggle button as a push button with the PRESSED state.
    mobility = find(win, name="Wheelchair or mobility", role="push button", timeout=5)
    st = mobility.get_state_set() if mobility is not None else None
    tap.ok(st is not None and (st.contains(Atspi.StateType.CHECKED) or st.contains(Atspi.StateType.PRESSED)),
           "the need is selected on the card",
           "")
    shot("cases-active.png")
    bad = unnamed(win)
    tap.ok(not bad, "every control of the active case card has an accessible name", "\n".join(bad))
    # The visitor-language row holds language codes and shows their names ("" is "Not recorded").
    language = find(win, name="Not recorded", role="label", timeout=5)
    tap.ok(language is not None, "the visitor-language row shows the name of the case's language")

    search = find(win, name="Search guides to add a matter", timeout=5)
    tap.ok(search is not None, "guide search entry is named")
    set_text(search, "Fitting of assistive")
    add = find(win, name=f"Add matter: {MATTER}", role="push button", timeout=10)
    tap.ok(add is not None, "the guide search finds the matter")
    shot("cases-search.png")
    do_action(add)
    removed = find(win, name=f"Remove matter: {MATTER}", role="push button", timeout=10)
    tap.ok(removed is not None, "the matter is listed on the case")
    saved = find(win, name="Saved.", role="label", timeout=10)
    tap.ok(saved is not None, "the case says saved once the store committed")

    # Notes are masked by the store on save, and the page shows the masked text.
    notes = find(win, name="Notes", role="text", timeout=5)
    tap.ok(notes is not None, "the notes field is named")
    if notes is not None:
        set_text(notes, "Visitor asked to call 13812345678 later")
        do_action(find(win, name="Save Changes", role="push button", timeout=5))
        masked = find(win, name="were masked", role="label", contains=True, timeout=10)
        tap.ok(masked is not None, "saving says the numbers in the notes were masked")
        deadline = time.time() + 5
        while time.time() < deadline and "138****5678" not in text_of(notes):
            time.sleep(0.2)
        tap.ok("138****5678" in text_of(notes) and "13812345678" not in text_of(notes),
               "the notes show the masked text", text_of(notes))

    # The audit trail of the case, read when its expander opens.
    history = find(win, name="History of Changes", role="push button", timeout=5)
    tap.ok(history is not None, "the history button is named")
    if history is not None:
        do_action(history)
    created = find(win, name="Created by", role="label", contains=True, timeout=10)
    tap.ok(created is not None, "the history shows who created the case")

    # The interpreter page offers an ended call through app.offer-call.
    r = subprocess.run(["gdbus", "call", "--session", "--dest", "cn.frontdesk.Frontdesk",
                        "--object-path", "/cn/frontdesk/Frontdesk",
                        "--method", "org.gtk.Actions.Activate", "offer-call",
                        "[<('call-42', 'csl', uint32 300)>]", "{}"],
                       capture_output=True, text=True, timeout=20)
    tap.ok(r.returncode == 0, "app.offer-call can be activated", r.stderr)
    link = find(win, name="Link to Case", role="push button", timeout=10)
    tap.ok(link is not None, "the page offers to link the call to the open case")
    shot("cases-offer.png")
    if link is not None:
        do_action(link)
    call_row = find(win, name="Interpreter call in Chinese Sign Language", role="label", timeout=10)
    tap.ok(call_row is not None, "the linked call is listed on the case")

    completed = find(win, name="Completed", role="push button", timeout=5)
    tap.ok(completed is not None, "outcome choice Completed")
    if completed is not None:
        do_action(completed)
        time.sleep(0.3)
        tap.ok(completed.get_state_set().contains(Atspi.StateType.PRESSED), "Completed is chosen")
    close = find(win, name="Close Case", role="push button", timeout=5)
    tap.ok(close is not None, "close button")
    # Wait until the previous save is done (the button is sensitive again).
    time.sleep(1.0)
    do_action(close)
    gone = None
    deadline = time.time() + 10
    while time.time() < deadline:
        gone = find(win, name="Active Case", role="heading", contains=True, timeout=0.5)
        if gone is None:
            break
        time.sleep(0.3)
    tap.ok(gone is None, "the active case card goes away once closed")
    row, rows = wait_for_row(win, f"Case {case_no}", "Completed", "1 matter")
    tap.ok(row is not None, "the closed case is in today's list with its outcome", "\n".join(rows))
    shot("cases-list.png")

    reports = find(win, name="Reports", role="push button", timeout=5, showing=False)
    do_action(reports)
    rwin = None
    deadline = time.time() + 10
    while rwin is None and time.time() < deadline:
        for w in app.windows():
            if w is not None and w.get_name() == "Reports" and is_showing(w):
                rwin = w
        time.sleep(0.2)
    tap.ok(rwin is not None, "the Reports window opens")
    if rwin is not None:
        chart = find(rwin, name="By day", role="image", timeout=10)
        desc = chart.get_description() if chart else ""
        tap.ok(chart is not None and "1" in desc, "the chart tells its figures to screen readers", desc)
        total = find(rwin, name="1 case (1 closed)", role="label", timeout=5)
        tap.ok(total is not None, "the report counts the closed case")
        bad = unnamed(rwin)
        tap.ok(not bad, "every control of the Reports window has an accessible name", "\n".join(bad))
        shot("cases-reports.png")

    # Quitting with the Reports window open disposes everything cleanly
    # (criticals are fatal in tests, so a bad dispose would crash).
    Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.PRESS)  # Control_L
    Atspi.generate_keyboard_event(0, "q", Atspi.KeySynthType.STRING)
    Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.RELEASE)
    try:
        app.proc.wait(15)
    except subprocess.TimeoutExpired:
        pass
    tap.ok(app.proc.returncode == 0, "Ctrl+Q quits cleanly", f"exit code {app.proc.returncode}")
finally:
    out = app.quit()

# A restart reads the committed case back from the database.
app = start_app()
try:
    win = find(app.node, role="frame", timeout=10)
    open_cases_page(win)
    row, rows = wait_for_row(win, f"Case {case_no}", "Completed")
    tap.ok(row is not None, "after a restart the closed case is still listed", "\n".join(rows))
    tap.ok(find(win, name="Active Case", role="heading", contains=True, timeout=1) is None,
           "no open case is restored when none is open")
finally:
    app.quit()

# A database that cannot be opened: a clear error on the page, no case can be
# started, and the app keeps running.
blocker = os.path.join(os.environ.get("XDG_RUNTIME_DIR", "/tmp"), "not-a-folder")
with open(blocker, "w") as f:
    f.write("a file where the data folder should be\n")
app = start_app({"XDG_DATA_HOME": blocker})
try:
    win = find(app.node, role="frame", timeout=10)
    open_cases_page(win)
    err = find(win, name="The case database could not be opened", role="label", contains=True, timeout=15)
    tap.ok(err is not None, "a database that cannot be opened is reported on the page",
           err.get_name() if err else "")
    start = find(win, name="Start case: Elderly", role="push button", timeout=5)
    tap.ok(start is not None and not start.get_state_set().contains(Atspi.StateType.SENSITIVE),
           "cases cannot be started without a database")
    shot("cases-db-error.png")
    tap.ok(app.proc.poll() is None, "the app keeps running")
finally:
    app.quit()

tap.done()
