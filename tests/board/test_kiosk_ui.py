#!/usr/bin/python3
"""The kiosk applicant screen through the accessibility tree, set up as the
README tells staff to: Preferences > Applicant Screen > Kiosk Mode on and
the idle time at its shortest (a quarter of a minute), then Show on
Applicant Screen from the Board page. The kiosk is fullscreen, opens on the
language picker, survives every key a visitor might press (Escape, Ctrl+W,
Ctrl+Q, Alt+F4), returns to the language picker and clears the board after
the idle time, and ends from the desk window.
usage: test_kiosk_ui.py FRONTDESK_EXE"""
import sys
import time

import applicant_ui

from fdatspi import App, Tap, do_action, find, screenshot, is_showing, role_name, walk
from gi.repository import Atspi

exe = sys.argv[1]
tap = Tap()

try:
    app = App(exe, ["--lang=en"])
except RuntimeError as e:
    tap.ok(False, "app starts", e)
    tap.done()


def key_combo(mods, key):
    """Press modifier keycodes, type key (a keysym), release."""
    for m in mods:
        Atspi.generate_keyboard_event(m, None, Atspi.KeySynthType.PRESS)
    Atspi.generate_keyboard_event(key, None, Atspi.KeySynthType.SYM)
    for m in reversed(mods):
        Atspi.generate_keyboard_event(m, None, Atspi.KeySynthType.RELEASE)
    time.sleep(0.5)


def window_named(name, timeout=10):
    return applicant_ui.window_named(app, name, timeout)


CTRL, ALT = 37, 64
HELLO = "Hello! What can I help you with today?"
PICKER = "请选择语言 · Please choose your language · Выберите язык"
win = find(app.node, role="frame", timeout=10)

# Preferences: kiosk on, shortest idle time.
Atspi.generate_mouse_event(300, 300, "abs")
key_combo([CTRL], 0x2c)  # comma
prefs = window_named("Preferences")
if tap.ok(prefs is not None, "Preferences open with Ctrl+,"):
    page = find(prefs, name="Applicant Screen", timeout=5)
    if tap.ok(page is not None, "Preferences page 'Applicant Screen' found by name"):
        do_action(page)
    switch = find(prefs, name="Kiosk Mode", role="switch", timeout=3) \
        or find(prefs, name="Kiosk Mode", role="toggle button", timeout=2) \
        or find(prefs, name="Kiosk Mode", role="check box", timeout=2)
    if tap.ok(switch is not None, "'Kiosk Mode' switch found by name",
              [(role_name(n), n.get_name()) for n in walk(prefs) if "Kiosk" in (n.get_name() or "")]):
        do_action(switch)
    spin = find(prefs, name="Back to the Language Picker After (Minutes)", role="spin button", timeout=5)
    if tap.ok(spin is not None, "idle time spin button found by name"):
        Atspi.Value.set_current_value(spin, 0.25)
    tap.ok(find(prefs, name="Monitor", timeout=5) is not None, "the monitor choice is in Preferences")
    Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)  # Escape closes Preferences
    time.sleep(1)

tab = find(win, name="Board", role="page tab", timeout=10)
if tap.ok(tab is not None, "page switcher 'Board' found by name"):
    do_action(tab)
show = find(win, name="Show on Applicant Screen", role="push button", timeout=5)
if tap.ok(show is not None, "'Show on Applicant Screen' found"):
    do_action(show)
kiosk = window_named("Applicant Screen", 15)
if not tap.ok(kiosk is not None, "the kiosk applicant screen opens"):
    print(app.quit())
    tap.done()

time.sleep(1)
e = Atspi.Component.get_extents(kiosk, Atspi.CoordType.WINDOW)
# (GTK's client-side window keeps a few pixels of shadow margin without a window manager)
tap.ok(e.width >= 1260 and e.height >= 780, "the kiosk fills the 1280x800 monitor", f"{e.width}x{e.height}")
tap.ok(find(kiosk, name=PICKER, role="label", timeout=5) is not None, "the kiosk opens on the language picker")
# the picker's English (the language bar has an "English" button too): the lower one
candidates = [n for n in walk(kiosk) if (n.get_name() or "") == "English" and is_showing(n)]
english = max(candidates, key=lambda n: Atspi.Component.get_extents(n, Atspi.CoordType.WINDOW).y, default=None)
if tap.ok(english is not None, "the picker's 'English' button found"):
    do_action(english)
tap.ok(find(kiosk, name="Write and Talk", timeout=5) is not None, "after picking, the visitor sees 'Write and Talk'")
phrase = find(win, name=HELLO, role="push button", timeout=10)
if phrase is not None:
    do_action(phrase)
tap.ok(find(kiosk, name=HELLO, role="label", timeout=5) is not None,
       "the desk's phrase shows on the kiosk in English")

# Nothing a visitor presses leaves the kiosk.
Atspi.generate_mouse_event(640, 100, "abs")
key_combo([], 0xff1b)          # Escape
key_combo([CTRL], ord("w"))    # Ctrl+W (window.close)
key_combo([CTRL], ord("q"))    # Ctrl+Q (app.quit)
key_combo([ALT], 0xffc1)       # Alt+F4
time.sleep(1)
tap.ok(app.proc.poll() is None, "the application still runs after Escape, Ctrl+W, Ctrl+Q, Alt+F4")
tap.ok(window_named("Applicant Screen", 3) is not None, "the kiosk is still shown after those keys")
screenshot("/tmp/frontdesk-kiosk-en.png")

# Idle: back to the picker, the board cleared (on the desk too).
def on_desk_board(text):
    conv = find(win, name="Conversation", timeout=2)
    return conv is not None and any((n.get_name() or "") == text for n in walk(conv))


tap.ok(on_desk_board(HELLO), "the desk's board shows the line before the idle time")
t0 = time.time()
while on_desk_board(HELLO) and time.time() < t0 + 40:
    time.sleep(0.5)
back = find(kiosk, name=PICKER, role="label", timeout=5)
tap.ok(back is not None, "after the idle time the kiosk returns to the language picker",
       f"after {time.time() - t0:.0f} s")
tap.ok(not on_desk_board(HELLO), "the board is cleared for the next visitor (the desk's board too)")

# Staff end the kiosk from the desk window.
end = find(win, name="End Applicant Screen", role="push button", timeout=5)
if tap.ok(end is not None, "'End Applicant Screen' found on the desk"):
    do_action(end)
    time.sleep(1)
    tap.ok(window_named("Applicant Screen", 2) is None, "staff end the kiosk from the desk window")

out = app.quit()
if "CRITICAL" in out or "WARNING" in out:
    tap.ok(False, "no warnings on the console", out)
tap.done()
