#!/usr/bin/python3
"""Accessibility audit: walks the whole tree of every window and page, in
each language, and fails on any focusable or clickable widget without an
accessible name. usage: test_a11y_audit.py FRONTDESK_EXE [ARGS...]"""
import sys
import time

from fdatspi import App, Tap, action_names, do_action, find, is_showing, role_name, states, walk
from gi.repository import Atspi

exe = sys.argv[1]
extra = sys.argv[2:]
tap = Tap()

INTERACTIVE_ROLES = {"push button", "toggle button", "check box", "radio button", "menu item",
                     "combo box", "text", "entry", "password text", "spin button", "slider",
                     "link", "switch", "list item", "tab", "page tab", "menu button"}


def unnamed_controls(root):
    bad = []
    for node in walk(root):
        s = states(node)
        if s is None or not is_showing(node):
            continue
        role = role_name(node)
        focusable = s.contains(Atspi.StateType.FOCUSABLE)
        clickable = bool(set(action_names(node)) & {"click", "activate", "press", "toggle"})
        if not (focusable or clickable or role in INTERACTIVE_ROLES):
            continue
        if role in ("frame", "window", "dialog", "filler", "panel", "scroll pane",
                    "viewport", "list", "table", "tree table", "page tab list", "label"):
            # Containers: focusable for keyboard scrolling, named by their content.
            if not clickable:
                continue
        name = (node.get_name() or "").strip()
        if not name and role in ("list item", "table row", "tree item"):
            # Rows are named by their content (ARIA name-from-content):
            # what a screen reader reads is the text of their labels.
            name = " ".join((n.get_name() or "").strip() for n in walk(node)
                            if role_name(n) == "label").strip()
        if not name:
            bad.append(f"{role} (actions {action_names(node)}) under "
                       f"{role_name(node.get_parent()) if node.get_parent() else '?'}"
                       f" '{(node.get_parent().get_name() if node.get_parent() else '')}'")
    return bad


APPLICANT_SCREEN = {"en": "Applicant Screen", "zh_CN": "申请人屏幕", "ru": "Экран заявителя"}
BOARD = {"en": "Board", "zh_CN": "对话板", "ru": "Доска"}
SHOW_APPLICANT = {"en": "Show on Applicant Screen", "zh_CN": "在申请人屏幕上显示",
                  "ru": "Показать на экране заявителя"}

for lang in ("en", "zh_CN", "ru"):
    app = App(exe, [f"--lang={lang}", *extra])
    win = find(app.node, role="frame", timeout=10)
    if not tap.ok(win is not None, f"{lang}: main window appears"):
        app.quit()
        continue
    switchers = [n for n in walk(win) if role_name(n) == "page tab" and is_showing(n)]
    visited = 0
    for sw in switchers:
        name = sw.get_name()
        try:
            do_action(sw)
        except RuntimeError:
            continue
        time.sleep(0.3)
        visited += 1
        bad = unnamed_controls(win)
        tap.ok(not bad, f"{lang}: page {name!r}: every control has an accessible name",
               "\n".join(bad))
    tap.ok(visited >= 3, f"{lang}: audited {visited} pages")

    # Preferences window, opened with its keyboard shortcut.
    Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.PRESS)  # Control_L
    Atspi.generate_keyboard_event(0, ",", Atspi.KeySynthType.STRING)
    Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.RELEASE)
    prefs = None
    deadline = time.time() + 10
    while prefs is None and time.time() < deadline:
        for w in app.windows():
            if w is not None and w is not win and role_name(w) in ("frame", "dialog", "window") \
                    and is_showing(w) and w.get_name() != win.get_name():
                prefs = w
        time.sleep(0.2)
    if tap.ok(prefs is not None, f"{lang}: Ctrl+, opens Preferences"):
        bad = unnamed_controls(prefs)
        tap.ok(not bad, f"{lang}: Preferences: every control has an accessible name", "\n".join(bad))
        # its Applicant Screen page (monitor, kiosk mode, idle time)
        page = find(prefs, name=APPLICANT_SCREEN[lang], timeout=5)
        if tap.ok(page is not None, f"{lang}: Preferences page {APPLICANT_SCREEN[lang]!r} found"):
            do_action(page)
            time.sleep(0.5)
            bad = unnamed_controls(prefs)
            tap.ok(not bad, f"{lang}: Preferences, applicant screen page: every control has an accessible name",
                   "\n".join(bad))
        Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)  # Escape
        time.sleep(0.5)

    # The applicant screen, opened from the Board page, in its guide and board modes.
    board_tab = find(win, name=BOARD[lang], role="page tab", timeout=5)
    if board_tab is not None:
        do_action(board_tab)
    show = find(win, name=SHOW_APPLICANT[lang], role="push button", timeout=5)
    applicant = None
    if tap.ok(show is not None, f"{lang}: {SHOW_APPLICANT[lang]!r} found on the Board page"):
        do_action(show)
        deadline = time.time() + 10
        while applicant is None and time.time() < deadline:
            for w in app.windows():
                if w is not None and w.get_name() == APPLICANT_SCREEN[lang] and is_showing(w):
                    applicant = w
            time.sleep(0.2)
    if tap.ok(applicant is not None, f"{lang}: the applicant screen opens"):
        bad = unnamed_controls(applicant)
        tap.ok(not bad, f"{lang}: applicant screen: every control has an accessible name", "\n".join(bad))
        talk = None
        for n in walk(applicant):
            if (n.get_name() or "") in ("写字对话", "Write and Talk", "Написать и поговорить") and is_showing(n) \
                    and role_name(n) in ("push button", "toggle button"):
                talk = n
        if tap.ok(talk is not None, f"{lang}: the applicant screen's board mode button found"):
            do_action(talk)
            time.sleep(0.5)
            bad = unnamed_controls(applicant)
            tap.ok(not bad, f"{lang}: applicant board: every control has an accessible name", "\n".join(bad))
    app.quit()

tap.done()
