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
    app.quit()

tap.done()
