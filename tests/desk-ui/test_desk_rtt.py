#!/usr/bin/python3
"""Real-time text in the desk's call chat, through the accessibility tree: a throwaway relay and
a frontdesk-agent interpreter that types a sentence slowly (--type) and then sends it. The desk
app calls it and shows the interpreter's live text in its own labelled area while it grows
(a label AT-SPI reads), then the finished message in the chat history with the live area gone.
The other way: text set in the desk's chat entry reaches the agent as drafts before Enter.
usage: test_desk_rtt.py FRONTDESK_EXE"""
import os
import sys
import time

from callstack import Relay
from deskui import open_interpreter_page, status_text, wait_status
from fdatspi import App, Tap, do_action, find, is_showing, screenshot, set_text

exe = sys.argv[1]
APP_G_DEBUG = os.environ.get("FD_APP_G_DEBUG", "gc-friendly,fatal-criticals")
build_root = os.environ.get("FD_BUILD_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(exe))))
shots = os.path.join(build_root, "desk-ui-shots")
os.makedirs(shots, exist_ok=True)
tap = Tap()

TYPED = "please come to window 12 请到12号窗口"


relay = Relay(build_root)
try:
    interp = relay.agent("interpreter", "--language", "csl", "--auto-answer",
                         "--type", TYPED, "--type-interval", "1500")
    tap.ok(interp.wait_event(lambda e: e.get("event") == "welcome", 20) is not None,
           "typing interpreter agent signed in to the relay")
    app = App(exe, ["--lang=en"], env=dict(relay.app_env("desk"), G_DEBUG=APP_G_DEBUG))
    try:
        win, call = open_interpreter_page(app)
        wait_status(win, r"^Ready to call$", 20)
        do_action(call)
        tap.ok(wait_status(win, r"^Connected to ", 50) is not None, "the call connects",
               status_text(win))

        # The interpreter's draft grows in its own area while it types. The area is found once
        # (walking the whole tree is slow); then its label is read as it changes.
        title = find(win, name="Test Interpreter is typing:", role="label", timeout=70)
        tap.ok(title is not None, "a labelled live-text area appears while the interpreter types")
        draft = title.get_parent().get_child_at_index(1) if title is not None else None
        seen = []
        deadline = time.time() + 70
        while draft is not None and time.time() < deadline:
            text = draft.get_name() or ""
            if text and (not seen or seen[-1] != text):
                seen.append(text)
            if text == TYPED or not is_showing(title):
                break
            time.sleep(0.1)
        tap.ok(len(seen) >= 3 and all(TYPED.startswith(t) for t in seen),
               "the interpreter's live text is shown as it grows, each draft a beginning of the "
               f"sentence ({len(seen)} drafts read through AT-SPI)", repr(seen[-5:]))
        tap.ok(all(len(a) < len(b) for a, b in zip(seen, seen[1:])),
               "each draft read is longer than the last (characters arrive in order)", repr(seen))
        tap.ok(draft is not None and "typing now" in (draft.get_description() or ""),
               "the live text says what it is to a screen reader (accessible description)")
        screenshot(os.path.join(shots, "desk-rtt-typing.png"))

        # The finished message goes into the history; the live area goes away.
        done = find(win, name=TYPED, role="label", timeout=30)
        tap.ok(done is not None, "the finished message is kept in the chat history")
        # (The area is also hidden then; GTK 4.8's AT-SPI bridge keeps reporting the hidden box
        # as VISIBLE, so the test reads what a screen reader would: the live text is empty.)
        gone = time.time() + 10
        while draft is not None and (draft.get_name() or "") != "" and time.time() < gone:
            time.sleep(0.2)
        tap.ok(draft is not None and (draft.get_name() or "") == "",
               "after the message the live text is empty (the text lives on in the history)")
        tap.ok(find(win, name=f"New message from Test Interpreter: {TYPED}", timeout=5) is not None,
               "the finished message is announced in the status label")

        # The desk's own live text reaches the interpreter before Enter.
        entry = find(win, name="Chat message", timeout=5)
        for text in ("w", "wa", "wai", "wait", "wait a", "wait a moment"):
            set_text(entry, text)
            time.sleep(0.25)
        got = interp.wait_event(lambda e: e.get("event") == "peer-draft" and
                                e.get("text") == "wait a moment", 10)
        tap.ok(got is not None, "the desk's draft reaches the interpreter while it is typed")
        with interp.lock:
            partial = [e["text"] for e in interp.events if e.get("event") == "peer-draft" and
                       e.get("text") and e["text"] != "wait a moment"]
        tap.ok(partial and all("wait a moment".startswith(t) for t in partial),
               "drafts arrive before the whole text, each a beginning of it", repr(partial))
        screenshot(os.path.join(shots, "desk-rtt-own.png"))
        end = find(win, name="End Call", role="push button", timeout=5)
        if end is not None:
            do_action(end)
        tap.ok(wait_status(win, r"^Call ended$", 15) is not None, "the call ends", status_text(win))
    finally:
        out = app.quit()
        if tap.failed:
            tap.diag(out[-3000:])
    interp.stop()
finally:
    relay.stop()
tap.done()
