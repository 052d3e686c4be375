#!/usr/bin/python3
"""One conversation on both screens, through the accessibility tree, as the
README has a desk use it (defaults, no test switches): open the applicant
screen from the Board page, the visitor picks Русский, the desk picks a
phrase (shown on the applicant screen in Russian), the visitor types and
writes 一 by hand on the applicant screen (a real mouse drag), both lines
show on the desk; the desk cannot attach the conversation to the open escort
case until the visitor consents on the applicant screen, then it is kept,
masked, in that case. The applicant screen reads aloud only when asked.
usage: test_applicant_board_ui.py FRONTDESK_EXE FRONTDESK_CASES_EXE"""
import os
import subprocess
import sys
import tempfile
import time

from applicant_ui import (HELLO_RU, desk_says_hello, export_rows, open_applicant_screen, pick_russian, start_desk,
                          visitor_sends)
from fdatspi import (Tap, do_action, draw_horizontal_stroke, extents, find, find_all, is_showing, screenshot, states,
                     text_of)
from gi.repository import Atspi

exe, cases_exe = sys.argv[1], sys.argv[2]
tap = Tap()

# An open escort case in the desk's default case database.
db = os.path.join(os.environ["XDG_DATA_HOME"], "frontdesk", "cases.db")
os.makedirs(os.path.dirname(db), exist_ok=True)
with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    f.write("opened_at,needs,staff,language,notes\r\n2026-12-06 09:00,deaf,wang,zh,came alone\r\n")
    seed = f.name
r = subprocess.run([cases_exe, "--db", db, "import", seed], capture_output=True, text=True)
os.unlink(seed)
tap.ok(r.returncode == 0, "an open escort case is in the desk's case database", r.stderr)

app, win = start_desk(tap, exe)
tab = find(win, name="Board", role="page tab", timeout=10) if win else None
if tap.ok(tab is not None, "page switcher 'Board' found by name"):
    do_action(tab)
applicant = open_applicant_screen(tap, app, win)
pick_russian(tap, applicant)

# Opened from the Board page, the applicant screen shows the board (its pad) at once, before the
# desk says anything (it showed the empty guide until the first line arrived).
board_pad = find(applicant, name="Поле для письма", timeout=5)
tap.ok(board_pad is not None and is_showing(board_pad),
       "opened from the Board page, the applicant screen shows the board once the language is picked")

# The desk answers with a phrase: the visitor reads it in Russian.
desk_says_hello(tap, win, applicant)
tap.ok(find(win, name=HELLO_RU, role="label", timeout=5, contains=True) is not None,
       "the same line shows on the desk's board")

# The visitor types on the applicant screen.
entry, send = visitor_sends(tap, win, applicant, "Мой телефон 13812345678")

# The visitor writes 一 by hand on the applicant screen.
pad = find(applicant, name="Поле для письма", timeout=5)
if tap.ok(pad is not None, "the applicant's handwriting pad is named in Russian"):
    draw_horizontal_stroke(pad)
    cand = find(applicant, name="一", role="push button", timeout=10)
    if tap.ok(cand is not None, "the stroke is recognised: candidate 一 shown large on the applicant screen"):
        # touch targets with large text for elderly visitors: the top 5 in
        # one row, each at least 88x88 px, and the applicant screen still
        # fits a 1280x800 screen (no window manager: window coordinates are
        # the screen's)
        sizes = [(n.get_name(), extents(n)) for n in find_all(cand.get_parent().get_parent(), role="push button")]
        shown = ", ".join(f"{name} {e.width}x{e.height}+{e.x}+{e.y}" for name, e in sizes)
        tap.ok(len(sizes) == 5 and all(e.width >= 88 and e.height >= 88 for _, e in sizes),
               "the applicant screen shows 5 candidates, each at least 88x88 px", shown)
        tap.ok(len({e.y for _, e in sizes}) == 1, "the candidates are on one row", shown)
        screen = [("candidate " + name, e) for name, e in sizes]
        for name in ("Прочитать вслух", "Остановить чтение", "Да, сохранить", "Отправить"):
            node = find(applicant, name=name, role="push button", timeout=5)
            screen.append((name, extents(node) if node is not None else None))
        screen.append(("Скорость", extents(find(applicant, name="Скорость", role="slider", timeout=5))))
        tap.ok(all(e is not None and e.x + e.width <= 1280 and e.y + e.height <= 800 for _, e in screen),
               "with the candidates shown, the board's and the voice controls are all on a 1280x800 screen",
               "\n".join(f"{n}: {e.width}x{e.height}+{e.x}+{e.y}" if e else f"{n}: not found" for n, e in screen))
        do_action(cand)
        deadline = time.time() + 5
        while text_of(entry) != "一" and time.time() < deadline:
            time.sleep(0.2)
        tap.ok(text_of(entry) == "一", "picking the candidate writes it into the visitor's message")
        do_action(send)
        tap.ok(find(win, name="一", role="label", timeout=5) is not None, "the handwritten line shows on the desk")

# Consent: the desk cannot attach before the visitor agrees.
attach = find(win, name="Attach to Open Case", role="push button", timeout=5)
if tap.ok(attach is not None, "'Attach to Open Case' found on the desk"):
    tap.ok(not states(attach).contains(Atspi.StateType.SENSITIVE),
           "without the visitor's consent the desk cannot attach the conversation")
yes = find(applicant, name="Да, сохранить", role="push button", timeout=5)
question = find(applicant, name="Можно сохранить текст этого разговора", role="label", timeout=5, contains=True)
tap.ok(question is not None, "the consent question is asked on the applicant screen in Russian")
if tap.ok(yes is not None, "the visitor's consent button is named in Russian"):
    do_action(yes)
    tap.ok(find(win, name="The visitor agreed to keep this conversation in their case.", role="label",
                timeout=5) is not None, "the desk sees that the visitor agreed")
    deadline = time.time() + 10
    while attach is not None and not states(attach).contains(Atspi.StateType.SENSITIVE) and time.time() < deadline:
        time.sleep(0.2)
    do_action(attach)
    tap.ok(find(win, name="The conversation is kept in case 1.", role="label", timeout=10) is not None,
           "after consent the desk attaches the conversation to the open case")
    rows = export_rows(cases_exe, db)
    notes = rows[0].get("notes", "") if rows else ""
    tap.ok("Visitor (ru): Мой телефон 138****5678" in notes and "13812345678" not in notes
           and HELLO_RU in notes and "Visitor (ru): 一" in notes,
           "the case holds the conversation as text, the phone number masked", notes)
    withdraw = find(applicant, name="Отозвать согласие", role="push button", timeout=5)
    if tap.ok(withdraw is not None, "the visitor can withdraw consent"):
        do_action(withdraw)
        tap.ok(find(win, name="The visitor has not agreed to keep this conversation.", role="label",
                    timeout=5) is not None, "withdrawn consent shows on the desk")

# Voice: buttons named in the visitor's language, nothing spoken unasked
# (what reaches speech-dispatcher is checked by board-speech).
for name in ("Прочитать вслух", "Остановить чтение"):
    tap.ok(find(applicant, name=name, role="push button", timeout=5) is not None,
           f"applicant voice button {name!r} found")
tap.ok(find(applicant, name="Скорость", role="slider", timeout=5) is not None,
       "applicant speech speed slider named in Russian")

time.sleep(0.5)
screenshot("/tmp/frontdesk-applicant-board-ru.png")

# New visitor: the desk clears the board; both screens empty.
new = find(win, name="New Visitor", role="push button", timeout=5)
if tap.ok(new is not None, "'New Visitor' found on the desk"):
    do_action(new)
    time.sleep(1)
    tap.ok(find(applicant, name="Мой телефон 13812345678", role="label", timeout=1) is None,
           "the applicant screen's board is cleared")

out = app.quit()
if "CRITICAL" in out or "WARNING" in out:
    tap.ok(False, "no warnings on the console", out)
tap.done()
