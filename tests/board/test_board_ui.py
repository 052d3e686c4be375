#!/usr/bin/python3
"""The conversation board through the accessibility tree, as a person uses
it: open the Board page by name, pick a desk phrase (shown in the visitor's
language, Chinese by default), type a visitor line, and write 一 on the
handwriting pad with the mouse (a real drag through the X server), then
pick it from the candidates. usage: test_board_ui.py FRONTDESK_EXE"""
import glob
import os
import shutil
import sys
import tempfile
import time

from fdatspi import App, Tap, do_action, draw_horizontal_stroke, extents, find, screenshot, set_text, text_of
from gi.repository import Atspi

exe = sys.argv[1]
tap = Tap()

record_dir = tempfile.mkdtemp(prefix="fd-board-record-")
try:
    app = App(exe, ["--lang=en"], env={"FRONTDESK_BOARD_RECORD_DIR": record_dir})
except RuntimeError as e:
    tap.ok(False, "app starts", e)
    tap.done()

win = find(app.node, role="frame", timeout=10)
tab = find(win, name="Board", role="page tab", timeout=10) if win else None
if tap.ok(tab is not None, "page switcher 'Board' found by name"):
    do_action(tab)
tap.ok(find(win, name="Conversation Board", role="heading", timeout=5) is not None,
       "Board page shows its heading")
# The page fits the test display (1280x800, a common desk screen): its controls
# are not pushed off the side of the screen.
time.sleep(0.5)
clear = find(win, name="Clear", role="push button", timeout=5)
frame, box = (extents(win) if win else None), (extents(clear) if clear else None)
tap.ok(frame is not None and box is not None and frame.width <= 1280 and box.x + box.width <= 1280,
       "the Board page fits a 1280-pixel-wide screen",
       "window %s, 'Clear' %s" % ((frame.width if frame else None),
                                  ((box.x, box.width) if box else None)))

# The phrasebook: the desk picks a greeting; the visitor reads it in Chinese.
phrase = find(win, name="Hello! What can I help you with today?", role="push button", timeout=10)
if tap.ok(phrase is not None, "phrase 'Hello!' found by name in the phrasebook"):
    do_action(phrase)
    tap.ok(find(win, name="您好！请问您要办理什么业务？", role="label", timeout=5) is not None,
           "the phrase appears on the board in the visitor's language (Chinese)")

# Typing: a visitor line.
entry = find(win, name="Message", timeout=5)
said = find(win, name="Visitor Says", role="push button", timeout=5)
if tap.ok(entry is not None and said is not None, "message entry and 'Visitor Says' found by name"):
    set_text(entry, "Where is window 5?")
    do_action(said)
    tap.ok(find(win, name="Where is window 5?", role="label", timeout=5) is not None,
           "the typed line appears on the board")
    tap.ok(text_of(entry) == "", "the entry is empty again after sending")

# Handwriting: one horizontal stroke with the mouse across the pad.
pad = find(win, name="Handwriting pad", timeout=5)
if tap.ok(pad is not None, "handwriting pad found by name"):
    draw_horizontal_stroke(pad)
    candidate = find(win, name="一", role="push button", timeout=10)
    if tap.ok(candidate is not None, "the stroke is recognised: candidate 一 shown as a button"):
        do_action(candidate)
        deadline = time.time() + 5
        while text_of(entry) != "一" and time.time() < deadline:
            time.sleep(0.2)
        tap.ok(text_of(entry) == "一", "picking the candidate writes it into the message",
               f"entry has {text_of(entry)!r}")
        files = glob.glob(os.path.join(record_dir, "U4E00-*.ink"))
        text = open(files[0], encoding="utf-8").read() if files else ""
        tap.ok(len(files) == 1 and "label 一" in text and text.count("\nstroke ") == 1,
               "the drawing is recorded as a stroke file labelled 一 (one stroke)", text)

time.sleep(0.5)
screenshot("/tmp/frontdesk-board-en.png")
out = app.quit()
shutil.rmtree(record_dir, ignore_errors=True)
if "CRITICAL" in out or "WARNING" in out:
    tap.ok(False, "no warnings on the console", out)
tap.done()
