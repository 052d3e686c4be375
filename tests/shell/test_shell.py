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

tap.done()
