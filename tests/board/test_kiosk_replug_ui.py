#!/usr/bin/python3
"""The kiosk survives its monitor being unplugged and plugged in again, end
to end on the X server: staff pick the monitor in Preferences > Applicant
Screen > Monitor (its connector, "screen" on Xvfb) with Kiosk Mode on; the
kiosk fills it. Then the monitor goes away (`xrandr --output screen --off`:
GDK lists no monitor), Preferences keep it as "screen (not connected)", and
it comes back at another resolution (1024x768, a mode the test adds): the
kiosk is placed on it again, at its new size (without a window manager
fullscreen is not honoured, so the kiosk sizes itself to the monitor).
usage: test_kiosk_replug_ui.py FRONTDESK_EXE"""
import subprocess
import sys
import time

from applicant_ui import window_named
from fdatspi import App, Tap, do_action, extents, find, role_name, walk
from gi.repository import Atspi, Gio

exe = sys.argv[1]
tap = Tap()
# Xvfb's output has no EDID: GDK gives its name as the model too
MONITOR = "screen (screen)"
PICKER = "请选择语言 · Please choose your language · Выберите язык"


def xrandr(*args):
    r = subprocess.run(["xrandr", *args], capture_output=True, text=True, timeout=20)
    return r.stdout + r.stderr


def n_monitors():
    out = xrandr("--listmonitors")
    return int(out.split("Monitors:")[1].split()[0]) if "Monitors:" in out else -1


def wait_size(node, ok, timeout=15):
    """The node's extents once ok(extents) holds (or the last ones)."""
    deadline = time.time() + timeout
    e = extents(node)
    while not (e is not None and ok(e)) and time.time() < deadline:
        time.sleep(0.3)
        e = extents(node)
    return e


def open_prefs(app, win):
    """Preferences through the application's exported action app.preferences
    (what Ctrl+, and the main menu run; the kiosk, over the desk window,
    takes the pointer and the keyboard), on the page 'Applicant Screen'."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    names = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "ListNames",
                          None, None, Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
    app_id = next((n for n in names if n.startswith("cn.frontdesk.Frontdesk")), None)
    if tap.ok(app_id is not None, "the application is on the session bus", names):
        actions = Gio.DBusActionGroup.get(bus, app_id, "/" + app_id.replace(".", "/"))
        actions.activate_action("preferences", None)
    prefs = window_named(app, "Preferences")
    if prefs is not None:
        page = find(prefs, name="Applicant Screen", timeout=5)
        if page is not None:
            do_action(page)
    return prefs


def monitor_row_text(prefs):
    row = find(prefs, name="Monitor", timeout=5)
    return " | ".join(n.get_name() or "" for n in walk(row) if role_name(n) == "label") if row else ""


try:
    app = App(exe, ["--lang=en"])
except RuntimeError as e:
    tap.ok(False, "app starts", e)
    tap.done()
win = find(app.node, role="frame", timeout=10)
tap.ok(n_monitors() == 1, "the X server has one monitor, on output 'screen'", xrandr("--listmonitors"))

# Staff set up the kiosk on the monitor 'screen'.
prefs = open_prefs(app, win)
if tap.ok(prefs is not None, "Preferences open on 'Applicant Screen'"):
    switch = (find(prefs, name="Kiosk Mode", role="switch", timeout=3)
              or find(prefs, name="Kiosk Mode", role="toggle button", timeout=2)
              or find(prefs, name="Kiosk Mode", role="check box", timeout=2))
    if tap.ok(switch is not None, "'Kiosk Mode' found"):
        do_action(switch)
    row = find(prefs, name="Monitor", timeout=5)
    if tap.ok(row is not None, "the 'Monitor' choice found"):
        # as staff would: a click opens the row's list, the second entry
        # (after "The last monitor") is picked with Down and Return (no
        # window manager: the Preferences window's coordinates are the
        # screen's)
        e = extents(row)
        Atspi.generate_mouse_event(e.x + e.width // 2, e.y + e.height // 2, "b1c")
        time.sleep(1)
        for key in (0xff54, 0xff0d):  # Down, Return
            Atspi.generate_keyboard_event(key, None, Atspi.KeySynthType.SYM)
            time.sleep(0.7)
        tap.ok(MONITOR in monitor_row_text(prefs), f"{MONITOR!r} is the chosen monitor", monitor_row_text(prefs))
    Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)  # Escape
    time.sleep(0.5)
    Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)
    time.sleep(1)

tab = find(win, name="Board", role="page tab", timeout=10)
if tab is not None:
    do_action(tab)
show = find(win, name="Show on Applicant Screen", role="push button", timeout=5)
if show is not None:
    do_action(show)
kiosk = window_named(app, "Applicant Screen", 15)
if not tap.ok(kiosk is not None, "the kiosk applicant screen opens"):
    print(app.quit())
    tap.done()
tap.ok(find(kiosk, name=PICKER, role="label", timeout=5) is not None, "the kiosk opens on the language picker")
# (GTK's client-side window keeps a few pixels of shadow margin without a window manager)
e = wait_size(kiosk, lambda e: e.width >= 1260 and e.height >= 780)
tap.ok(e.width >= 1260 and e.height >= 780, "the kiosk fills the 1280x800 monitor", f"{e.width}x{e.height}")

# Unplugged: no monitor at all.
xrandr("--output", "screen", "--off")
tap.ok(n_monitors() == 0, "the monitor is unplugged (no monitor on the X server)", xrandr("--listmonitors"))
time.sleep(2)
tap.ok(app.proc.poll() is None and window_named(app, "Applicant Screen", 5) is not None,
       "the application and the kiosk window survive the monitor going away")
prefs = open_prefs(app, win)
if tap.ok(prefs is not None, "Preferences open while the monitor is unplugged"):
    tap.ok("screen (not connected)" in monitor_row_text(prefs),
           "Preferences remember the unplugged monitor: 'screen (not connected)'", monitor_row_text(prefs))
    Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)
    time.sleep(1)

# Plugged in again, at 1024x768: the kiosk goes back onto it, at its size.
xrandr("--newmode", "1024x768", "65.00", "1024", "1048", "1184", "1344", "768", "771", "777", "806",
       "-hsync", "-vsync")
xrandr("--addmode", "screen", "1024x768")
xrandr("--output", "screen", "--mode", "1024x768")
tap.ok(n_monitors() == 1, "the monitor is plugged in again at 1024x768", xrandr("--listmonitors"))
kiosk = window_named(app, "Applicant Screen", 10) or kiosk
e = wait_size(kiosk, lambda e: 1000 <= e.width <= 1024 and 745 <= e.height <= 768)
tap.ok(e is not None and 1000 <= e.width <= 1024 and 745 <= e.height <= 768,
       "the kiosk is placed on the monitor again, at its new size 1024x768", f"{e.width}x{e.height}" if e else e)
prefs = open_prefs(app, win)
if tap.ok(prefs is not None, "Preferences open after the monitor is back"):
    tap.ok(MONITOR in monitor_row_text(prefs), f"Preferences show {MONITOR!r} chosen again",
           monitor_row_text(prefs))
    Atspi.generate_keyboard_event(0xff1b, None, Atspi.KeySynthType.SYM)
    time.sleep(1)
tap.ok(app.proc.poll() is None, "the application still runs")

out = app.quit()
if "CRITICAL" in out or "WARNING" in out:
    tap.ok(False, "no warnings on the console", out)
tap.done()
