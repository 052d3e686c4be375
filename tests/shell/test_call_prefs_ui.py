#!/usr/bin/python3
"""Preferences → Interpreter Calls has the camera resolution choice, found by
name as a screen reader finds it, showing "Automatic" (the schema's default).
(Choosing another value through AT-SPI is not covered: the row offers no
action and refuses grab_focus under GTK 4.8.)
usage: test_call_prefs_ui.py FRONTDESK_EXE"""
import sys
import time

from fdatspi import App, Tap, find, is_showing, role_name, walk
from gi.repository import Atspi

exe = sys.argv[1]
tap = Tap()


def press(keycode_mod, key):
    Atspi.generate_keyboard_event(keycode_mod, None, Atspi.KeySynthType.PRESS)
    Atspi.generate_keyboard_event(0, key, Atspi.KeySynthType.STRING)
    Atspi.generate_keyboard_event(keycode_mod, None, Atspi.KeySynthType.RELEASE)


def shows(node, text):
    return any((n.get_name() or "") == text for n in walk(node))


app = App(exe, ["--lang=en"])
win = find(app.node, role="frame", timeout=10)
press(37, ",")  # Ctrl+,: Preferences
prefs = None
deadline = time.time() + 10
while prefs is None and time.time() < deadline:
    for w in app.windows():
        if w is not None and w.get_name() != win.get_name() and is_showing(w) \
                and role_name(w) in ("frame", "dialog", "window"):
            prefs = w
    time.sleep(0.2)
tap.ok(prefs is not None, "Ctrl+, opens Preferences")
row = find(prefs, name="Camera Resolution", timeout=10) if prefs else None
tap.ok(row is not None, "the Camera Resolution row is found by name")
tap.ok(row is not None and shows(row, "Automatic"), "it shows Automatic by default")
app.quit()
tap.done()
