#!/usr/bin/python3
"""Preferences → Interpreter Calls has the camera resolution choice, found by
name as a screen reader finds it, showing "Automatic" (the schema's default).
(Choosing another value through AT-SPI is not covered: the row offers no
action and refuses grab_focus under GTK 4.8.)
usage: test_call_prefs_ui.py FRONTDESK_EXE"""
import sys

from fdatspi import App, Tap, find, open_preferences, walk

exe = sys.argv[1]
tap = Tap()


def shows(node, text):
    return any((n.get_name() or "") == text for n in walk(node))


app = App(exe, ["--lang=en"])
win = find(app.node, role="frame", timeout=10)
prefs = open_preferences(app, win)
tap.ok(prefs is not None, "Ctrl+, opens Preferences")
row = find(prefs, name="Camera Resolution", timeout=10) if prefs else None
tap.ok(row is not None, "the Camera Resolution row is found by name")
tap.ok(row is not None and shows(row, "Automatic"), "it shows Automatic by default")
app.quit()
tap.done()
