#!/usr/bin/python3
"""Voice prompts on the applicant screen, end to end: what the real app's
Read Aloud, Read the Checklist, Stop and Speed controls (pressed through the
accessibility tree) hand to speech-dispatcher. A private speech-dispatcher
runs on the session's default socket, where the app finds it with its
defaults (no switch), with a capturing output module (speech_capture.py):
each message's language, rate and text, and whether it was spoken to its end
or cut off.

The desk opens the residence permit guide and shows it to the applicant;
opening the screen, picking a language and a desk phrase arriving speak
nothing; Read Aloud reads the guide's name and steps and Read the Checklist
its name and materials, in the visitor's language (zh, en, ru; the expected
texts come from `frontdesk-guides show`), at the rate of the speed slider;
Stop cuts a prompt off; on the board Read Aloud reads the last line.
usage: test_applicant_speech_ui.py FRONTDESK_EXE FRONTDESK_GUIDES_EXE"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from applicant_ui import HELLO, HELLO_RU, start_desk, window_named
from fdatspi import Tap, do_action, extents, find, screenshot, set_text
from gi.repository import Atspi
from speech_capture import SPEAK_SECONDS, SpeechCapture, normalize

exe, guides_exe = sys.argv[1], sys.argv[2]
GUIDE = "residence-permit-application"
# the screen's words for the controls, by language (fd-applicant-window.c)
WORDS = {
    "zh": {"pick": "中文", "read": "朗读", "checklist": "朗读材料清单", "stop": "停止朗读", "speed": "语速"},
    "en": {"pick": "English", "read": "Read Aloud", "checklist": "Read the Checklist", "stop": "Stop Reading",
           "speed": "Speed"},
    "ru": {"pick": "Русский", "read": "Прочитать вслух", "checklist": "Прочитать список документов",
           "stop": "Остановить чтение", "speed": "Скорость"},
}
CLI_LANG = {"zh": "zh_CN", "en": "en", "ru": "ru"}
tap = Tap()


def guide_texts(lang):
    """The guide's name, steps and materials in @lang, as frontdesk-guides
    show prints them: the first line, the numbered lines after the last
    checkbox ("[ ] NAME (kind, count)") and the checkbox lines."""
    out = subprocess.run([guides_exe, "show", GUIDE, "--lang", CLI_LANG[lang]], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    materials, steps, last_box = [], [], 0
    for i, line in enumerate(out):
        if line.startswith("  [ ] "):
            materials.append(line[len("  [ ] "):].rsplit(" (", 1)[0])
            last_box = i
    for line in out[last_box + 1:]:
        if line.startswith("      "):
            continue
        head, _, rest = line.strip().partition(". ")
        if line.startswith("  ") and head.isdigit():
            steps.append(rest)
        elif steps:
            break
    return out[0], steps, materials


def in_order(text, parts):
    """Every one of @parts is in @text, in that order (words only)."""
    text, at = normalize(text), 0
    for part in parts:
        at = text.find(normalize(part), at)
        if at < 0:
            return False
    return True


def press(root, name, role="push button"):
    node = find(root, name=name, role=role, timeout=5)
    if tap.ok(node is not None, f"{role} {name!r} found on the applicant screen"):
        do_action(node)
    return node


def pick(applicant, lang):
    """The visitor picks @lang: on the language picker (a new visitor) or on
    the language bar."""
    name = WORDS[lang]["pick"]
    node = (find(applicant, name=name, role="toggle button", timeout=1)
            or find(applicant, name=name, role="push button", timeout=5))
    if tap.ok(node is not None, f"the visitor's language {name!r} found on the applicant screen"):
        do_action(node)


def nothing_new(speech, count, what):
    """Nothing more reaches speech-dispatcher for a while after @what."""
    time.sleep(2)
    said = speech.messages()
    tap.ok(len(said) == count, f"nothing is spoken unasked: {what}", said[count:])


def read(speech, applicant, lang, count, what, button="read"):
    """Presses the @button in @lang; the message it sends (or None)."""
    press(applicant, WORDS[lang][button])
    said = speech.wait_for(count + 1)
    if not tap.ok(len(said) == count + 1, f"{what} reaches speech-dispatcher as one message",
                  f"{said[count:]}\n{speech.log()}"):
        return None
    return said[count]


tmp = tempfile.mkdtemp(prefix="fd-applicant-speech-")
try:
    speech = SpeechCapture(tmp)
except RuntimeError as e:
    tap.ok(False, "a private speech-dispatcher starts", e)
    shutil.rmtree(tmp, ignore_errors=True)
    tap.done()

try:
    texts = {lang: guide_texts(lang) for lang in WORDS}
    tap.ok(all(len(t[1]) >= 2 and len(t[2]) >= 2 for t in texts.values()),
           "frontdesk-guides gives the guide's steps and materials in zh, en and ru", texts)
    app, win = start_desk(tap, exe)

    # The desk opens the guide and shows it to the applicant.
    tab = find(win, name="Guides", role="page tab", timeout=10) if win else None
    if tab is not None:
        do_action(tab)
    entry = find(win, name="Search Guides", timeout=20) if win else None
    if tap.ok(entry is not None, "the desk's guide search found"):
        set_text(entry, "居住证申领")
        time.sleep(0.5)
        Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.PRESS)  # Control_L
        Atspi.generate_keyboard_event(0, "f", Atspi.KeySynthType.STRING)
        Atspi.generate_keyboard_event(37, None, Atspi.KeySynthType.RELEASE)
        time.sleep(0.5)
        Atspi.generate_keyboard_event(0xff0d, None, Atspi.KeySynthType.SYM)  # Return
    tap.ok(find(win, name=texts["en"][0], role="heading", contains=True, timeout=10) is not None,
           "the desk opens the residence permit guide")
    show = find(win, name="Show to Applicant", role="push button", timeout=10)
    applicant = None
    if show is not None:
        do_action(show)
        applicant = window_named(app, "Applicant Screen", 15)
    if not tap.ok(applicant is not None, "the applicant screen opens with the guide"):
        print(app.quit())
        tap.done()
    nothing_new(speech, 0, "opening the applicant screen with a guide")

    # Chinese: the guide and the checklist at the default rate; each is
    # spoken to its end when nobody stops it.
    pick(applicant, "zh")
    nothing_new(speech, 0, "picking 中文")
    name, steps, materials = texts["zh"]
    msg = read(speech, applicant, "zh", 0, "Read Aloud (朗读)")
    if msg is not None:
        tap.ok(msg.lang == "zh" and msg.rate == 0, "the guide is read in Chinese (zh) at the default rate 0", msg)
        tap.ok(normalize(msg.text).startswith(normalize(name)) and in_order(msg.text, steps),
               "Read Aloud reads the guide's name and then its steps, in Chinese", msg)
        time.sleep(SPEAK_SECONDS + 1)
        tap.ok(msg.ended, "a prompt nobody stops is spoken to its end", msg)
    msg = read(speech, applicant, "zh", 1, "Read the Checklist (朗读材料清单)", button="checklist")
    if msg is not None:
        tap.ok(msg.lang == "zh" and in_order(msg.text, [name, *materials]),
               "Read the Checklist reads the guide's name and its materials, in Chinese", msg)
        tap.ok(not any(normalize(s) in normalize(msg.text) for s in steps),
               "the checklist is the materials only, not the steps", msg)
    time.sleep(SPEAK_SECONDS + 1)

    # English, faster: the speed slider's value is the rate speech-dispatcher gets.
    pick(applicant, "en")
    slider = find(applicant, name=WORDS["en"]["speed"], role="slider", timeout=5)
    if tap.ok(slider is not None, "the speed slider is named 'Speed' in English"):
        Atspi.Value.set_current_value(slider, 50)
        deadline = time.time() + 5
        while Atspi.Value.get_current_value(slider) != 50 and time.time() < deadline:
            time.sleep(0.1)
        tap.ok(Atspi.Value.get_current_value(slider) == 50, "the speed slider is set to 50",
               Atspi.Value.get_current_value(slider))
    nothing_new(speech, 2, "picking English and moving the speed slider")
    name, steps, materials = texts["en"]
    msg = read(speech, applicant, "en", 2, "Read Aloud")
    if msg is not None:
        tap.ok(msg.lang == "en" and msg.rate == 50, "the guide is read in English (en) at the slider's rate 50", msg)
        tap.ok(normalize(msg.text).startswith(normalize(name)) and in_order(msg.text, steps),
               "Read Aloud reads the guide's name and steps, in English", msg)
    # a second press cuts the first prompt off
    msg2 = read(speech, applicant, "en", 3, "Read the Checklist, pressed while the guide is read",
                button="checklist")
    if msg2 is not None:
        tap.ok(msg2.lang == "en" and msg2.rate == 50 and in_order(msg2.text, [name, *materials]),
               "Read the Checklist reads the materials in English at rate 50", msg2)
        time.sleep(SPEAK_SECONDS + 1)
        tap.ok(msg is not None and not msg.ended and msg2.ended,
               "the new prompt cut the guide off and was spoken to its end", [msg, msg2])

    # Russian: the three Read buttons are wide; the speed slider keeps a
    # width a finger can use, and all of them are on a 1280x800 screen (no
    # window manager: window coordinates are the screen's).
    pick(applicant, "ru")
    controls = [(n, find(applicant, name=WORDS["ru"][b], role=r, timeout=5))
                for n, b, r in (("read", "read", "push button"), ("checklist", "checklist", "push button"),
                                ("stop", "stop", "push button"), ("speed", "speed", "slider"))]
    boxes = {n: extents(node) if node is not None else None for n, node in controls}
    shown = ", ".join(f"{n} {e.width}x{e.height}+{e.x}+{e.y}" if e else f"{n} missing" for n, e in boxes.items())
    tap.ok(boxes["speed"] is not None and boxes["speed"].width >= 300,
           "in Russian the speed slider (Скорость) is at least 300 px wide with three Read buttons shown", shown)
    tap.ok(all(e is not None and e.x + e.width <= 1280 and e.y + e.height <= 800 for e in boxes.values()),
           "the Russian voice controls are all on a 1280x800 screen", shown)

    # Stop cuts the prompt off.
    name, steps, materials = texts["ru"]
    msg = read(speech, applicant, "ru", 4, "Read Aloud (Прочитать вслух)")
    if msg is not None:
        tap.ok(msg.lang == "ru" and msg.rate == 50 and normalize(msg.text).startswith(normalize(name))
               and in_order(msg.text, steps), "the guide is read in Russian (ru) at rate 50", msg)
        press(applicant, WORDS["ru"]["stop"])
        time.sleep(SPEAK_SECONDS + 2)
        tap.ok(not msg.ended, "Stop (Остановить чтение) cuts the prompt off", msg)
    nothing_new(speech, 5, "Stop")

    # The board: a desk phrase arriving is shown, not spoken; Read Aloud
    # reads the last line in the visitor's language.
    board_tab = find(win, name="Board", role="page tab", timeout=10)
    if board_tab is not None:
        do_action(board_tab)
    phrase = find(win, name=HELLO, role="push button", timeout=10)
    if tap.ok(phrase is not None, "desk phrase 'Hello!' found on the Board page"):
        do_action(phrase)
    tap.ok(find(applicant, name=HELLO_RU, role="label", timeout=10, contains=True) is not None,
           "the phrase shows on the applicant's board in Russian")
    nothing_new(speech, 5, "a desk phrase arriving on the board")
    msg = read(speech, applicant, "ru", 5, "Read Aloud on the board")
    if msg is not None:
        tap.ok(msg.lang == "ru" and msg.rate == 50 and normalize(msg.text) == normalize(HELLO_RU),
               "on the board Read Aloud reads the desk's last line in Russian", msg)
    screenshot("/tmp/frontdesk-applicant-speech-ru.png")

    out = app.quit()
    if "CRITICAL" in out or "WARNING" in out:
        tap.ok(False, "no warnings on the console", out)
finally:
    speech.stop()
    shutil.rmtree(tmp, ignore_errors=True)
tap.done()
