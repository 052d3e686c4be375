#!/usr/bin/python3
"""The desk token typed in Preferences goes to the secret store, not the
settings, and is used by the Interpreter page at once and after a restart.
Kiosk set-up: FRONTDESK_SECRET_BACKEND=file (no keyring on the machine).
usage: test_secrets_ui.py FRONTDESK_EXE"""
import os
import stat
import sys
import time

from fdatspi import App, Tap, find, is_showing, open_preferences, press, role_name, set_text, walk
from gi.repository import Atspi

exe = sys.argv[1]
tap = Tap()
TOKEN = "desk-ui-token-5f2c"
NOT_SET_UP = "Set the relay address and this desk"
env = {"FRONTDESK_SECRET_BACKEND": "file",
       # Nothing listens there: the page tries to connect, which is all we need.
       "FRONTDESK_RELAY_URL": "ws://127.0.0.1:9/ws"}
secret_file = os.path.join(os.environ["XDG_CONFIG_HOME"], "frontdesk", "secrets")


def not_set_up_shown(win, timeout):
    return find(win, name=NOT_SET_UP, contains=True, timeout=timeout) is not None


def editable_in(node):
    for child in walk(node):
        if child.get_editable_text_iface() is not None:
            return child
    return None


app = App(exe, ["--lang=en"], env=env)
win = find(app.node, role="frame", timeout=10)
press(64, "2")  # Alt+2: Interpreter
tap.ok(not_set_up_shown(win, 10), "without a token the Interpreter page asks for one")

prefs = open_preferences(app, win)
tap.ok(prefs is not None, "Ctrl+, opens Preferences")
row = find(prefs, name="Desk Token", timeout=10) if prefs else None
entry = editable_in(row) if row else None
if tap.ok(entry is not None, "the Desk Token row is found by name and is editable"):
    set_text(entry, TOKEN)  # saved once typing pauses
    saved = find(prefs, name="saved in a file only you can read", contains=True, timeout=10)
    tap.ok(saved is not None, "the window says where the token was saved (no keyring: a private file)")

deadline = time.time() + 10
while time.time() < deadline and not os.path.exists(secret_file):
    time.sleep(0.2)
if tap.ok(os.path.exists(secret_file), "the secret file exists"):
    mode = stat.S_IMODE(os.stat(secret_file).st_mode)
    tap.ok(mode == 0o600, "the secret file is readable by its owner only", f"mode {mode:o}")
    with open(secret_file, encoding="utf-8") as f:
        tap.ok(TOKEN in f.read(), "the token is in the secret file")
Atspi.generate_keyboard_event(9, None, Atspi.KeySynthType.PRESSRELEASE)  # Escape closes Preferences
time.sleep(0.5)
tap.ok(find(win, name="Call Interpreter", role="push button", timeout=10) is not None,
       "the Interpreter page uses the new token at once (Call Interpreter shown)")
out = app.quit()
tap.ok("CRITICAL" not in out and "WARNING" not in out, "no warnings on the console", out)

# After a restart the token is read back from the secret store.
app = App(exe, ["--lang=en"], env=env)
win = find(app.node, role="frame", timeout=10)
press(64, "2")
time.sleep(1.0)
tap.ok(find(win, name="Sign-Language Interpreter", role="heading", timeout=10) is not None,
       "after a restart the Interpreter page is open")
shown = find(win, name="Call Interpreter", role="push button", timeout=10)
if shown is None:
    tap.diag("\n".join(f"{role_name(n)} {n.get_name()!r}" for n in walk(win) if is_showing(n) and n.get_name()))
tap.ok(shown is not None,
       "after a restart the stored token is used (Call Interpreter shown)")
app.quit()
tap.done()
