#!/usr/bin/python3
"""The desk app in each of its three languages: every page opened by its
accessible name shows its heading; Alt+1/2/3 switch pages; the page is
remembered. usage: test_shell.py FRONTDESK_EXE"""
import sys
import time

from fdatspi import App, Tap, do_action, find, is_showing, walk, role_name, screenshot
from gi.repository import Atspi

exe = sys.argv[1]
tap = Tap()

# Page switcher titles and page headings as a user reads them, per language.
EXPECTED = {
    "zh_CN": {"window": "前台助手",
              "pages": [("指南", "办事指南"), ("手语翻译", "远程手语翻译"), ("陪同服务", "陪同服务")]},
    "en": {"window": "Frontdesk",
           "pages": [("Guides", "Process Guides"), ("Interpreter", "Sign-Language Interpreter"),
                     ("Escort Cases", "Escort Cases")]},
    "ru": {"window": "Frontdesk",
           "pages": [("Инструкции", "Инструкции по услугам"), ("Переводчик", "Сурдопереводчик"),
                     ("Сопровождение", "Сопровождение")]},
}


def heading_shown(win, text):
    return find(win, name=text, role="heading", timeout=5) is not None


for lang, exp in EXPECTED.items():
    try:
        app = App(exe, [f"--lang={lang}"])
    except RuntimeError as e:
        tap.ok(False, f"{lang}: app starts", e)
        continue
    win = find(app.node, role="frame", timeout=10)
    tap.ok(win is not None, f"{lang}: main window appears")
    if win is None:
        app.quit()
        continue
    tap.ok((win.get_name() or "") == exp["window"],
           f"{lang}: window title is {exp['window']!r}", f"got {win.get_name()!r}")
    for title, heading in exp["pages"]:
        button = find(win, name=title, role="page tab", timeout=5)
        if not tap.ok(button is not None, f"{lang}: page switcher {title!r} found by name"):
            continue
        do_action(button)
        tap.ok(heading_shown(win, heading), f"{lang}: page {title!r} shows heading {heading!r}")
    if lang == "en":
        screenshot("/tmp/frontdesk-shell-en.png")
        # Keyboard: Alt+1 goes back to the first page, Alt+2 to the second.
        for key, (_, heading) in zip(("1", "2"), exp["pages"]):
            Atspi.generate_keyboard_event(64, None, Atspi.KeySynthType.PRESS)  # Alt_L keycode
            Atspi.generate_keyboard_event(0, key, Atspi.KeySynthType.STRING)
            Atspi.generate_keyboard_event(64, None, Atspi.KeySynthType.RELEASE)
            tap.ok(heading_shown(win, heading), f"en: Alt+{key} shows {heading!r}")
    out = app.quit()
    if "CRITICAL" in out or "WARNING" in out:
        tap.ok(False, f"{lang}: no warnings on the console", out)

# The window remembers its page across restarts (real settings backend).
import os
import tempfile

conf = tempfile.mkdtemp()
env = {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": conf}
try:
    app = App(exe, ["--lang=en"], env=env)
    win = find(app.node, role="frame", timeout=10)
    button = find(win, name="Escort Cases", role="page tab", timeout=5)
    do_action(button)
    tap.ok(heading_shown(win, "Escort Cases"), "restart: third page shown before quitting")
    # Quit through the app (Ctrl+Q), so the window saves its state as a user's would.
    Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.PRESS)  # Control_L
    Atspi.generate_keyboard_event(0, "q", Atspi.KeySynthType.STRING)
    Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.RELEASE)
    try:
        app.proc.wait(10)
        tap.ok(app.proc.returncode == 0, "restart: Ctrl+Q quits cleanly",
               f"exit code {app.proc.returncode}")
    except Exception:
        tap.ok(False, "restart: Ctrl+Q quits the app")
        app.quit()
    saved = open(os.path.join(conf, "glib-2.0", "settings", "keyfile"), encoding="utf-8").read() \
        if os.path.exists(os.path.join(conf, "glib-2.0", "settings", "keyfile")) else ""
    tap.ok("last-page='cases'" in saved, "restart: page saved in settings", saved)
    app = App(exe, ["--lang=en"], env=env)
    win = find(app.node, role="frame", timeout=10)
    tap.ok(heading_shown(win, "Escort Cases"), "restart: app opens on the page it was left on")
    app.quit()
except RuntimeError as e:
    tap.ok(False, "restart: app starts with a keyfile settings backend", e)

tap.done()
