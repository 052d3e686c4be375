#!/usr/bin/python3
"""Desk call, end to end through the accessibility tree: a throwaway relay and
a frontdesk-agent interpreter (auto-answer, moving test picture, chat echo);
the desk app places a call by pressing "Call Interpreter", shows the connected
state and the interpreter's video (frames counted by the app), sends a chat
message that arrives at the agent, ends the call. Each reachable state of the
page is audited for unnamed controls. Then the app's interpreter mode takes a
call from a frontdesk-agent desk.
usage: test_desk_call.py FRONTDESK_EXE"""
import os
import sys
import time

from callstack import Relay
from deskui import open_interpreter_page, shown_fps, status_text, wait_status
from fdatspi import App, Tap, action_names, do_action, find, is_showing, role_name, \
    screenshot, set_text, states, walk
from gi.repository import Atspi

exe = sys.argv[1]
# The app runs with fatal criticals; this driver does not (libatspi's own
# warnings about the registry are no fault of the app).
APP_G_DEBUG = os.environ.get("FD_APP_G_DEBUG", "gc-friendly,fatal-criticals")
build_root = os.environ.get("FD_BUILD_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(exe))))
shots = os.path.join(build_root, "desk-ui-shots")
os.makedirs(shots, exist_ok=True)
tap = Tap()

INTERACTIVE_ROLES = {"push button", "toggle button", "check box", "radio button", "menu item",
                     "combo box", "text", "entry", "password text", "spin button", "slider",
                     "link", "switch", "list item", "tab", "page tab", "menu button"}


def safe_actions(node):
    try:
        return action_names(node)
    except Exception:   # the node changed under us (e.g. a label re-rendered)
        return []


def unnamed_controls(root):
    """Same rule as tests/shell/test_a11y_audit.py."""
    bad = []
    for node in walk(root):
        s = states(node)
        if s is None or not is_showing(node):
            continue
        role = role_name(node)
        focusable = s.contains(Atspi.StateType.FOCUSABLE)
        clickable = bool(set(safe_actions(node)) & {"click", "activate", "press", "toggle"})
        if not (focusable or clickable or role in INTERACTIVE_ROLES):
            continue
        if role in ("frame", "window", "dialog", "filler", "panel", "scroll pane", "viewport",
                    "list", "table", "tree table", "page tab list", "label") and not clickable:
            continue
        name = (node.get_name() or "").strip()
        if not name and role in ("list item", "table row", "tree item"):
            name = " ".join((n.get_name() or "").strip() for n in walk(node)
                            if role_name(n) == "label").strip()
        if not name:
            bad.append(f"{role} (actions {safe_actions(node)})")
    return bad


def audit(win, what):
    bad = unnamed_controls(win)
    tap.ok(not bad, f"audit: {what}: every control has an accessible name", "\n".join(bad))


relay = Relay(build_root)
try:
    # ---- desk -------------------------------------------------------------
    interp = relay.agent("interpreter", "--language", "csl,en,ru", "--auto-answer", "--echo-chat")
    tap.ok(interp.wait_event(lambda e: e.get("event") == "welcome", 20) is not None,
           "demo interpreter agent signed in to the relay")

    # Test media (a switch no user sets): this test is about chat, hang-up and
    # a vanished interpreter, and must behave the same on a machine with a
    # camera or microphone. The README path without it: test_desk_readme.py.
    app = App(exe, ["--lang=en"], env=dict(relay.app_env("desk"), G_DEBUG=APP_G_DEBUG))
    try:
        win, call = open_interpreter_page(app)
        tap.ok(call is not None, "the Interpreter page shows a Call Interpreter button")
        tap.ok(wait_status(win, r"^Ready to call$", 20) is not None,
               "status says the desk is ready (connected to the relay)", status_text(win))
        audit(win, "idle desk page")
        screenshot(os.path.join(shots, "desk-idle.png"))

        do_action(call)
        connected = wait_status(win, r"^Connected to ", 50)
        tap.ok(connected is not None, "the call reaches the connected state",
               f"status: {status_text(win)!r}")
        video = find(win, name="Video of Test Interpreter", contains=False, timeout=10)
        tap.ok(video is not None, "the interpreter's video is on screen, named for screen readers")
        fps, desc = shown_fps(video)
        tap.ok(fps > 0, f"remote video is shown: {fps} frames per second counted by the app",
               f"description: {desc!r}")
        tap.diag(f"frames shown per second in the desk UI: {fps}")
        screenshot(os.path.join(shots, "desk-call-1.png"))
        time.sleep(1)
        screenshot(os.path.join(shots, "desk-call-2.png"))
        audit(win, "desk page in a call")

        entry = find(win, name="Chat message", timeout=5)
        send = find(win, name="Send message", role="push button", timeout=5)
        sent = False
        if entry is not None and send is not None:
            for _ in range(20):   # the data channel opens just after the media
                set_text(entry, "hello from the desk")
                do_action(send)
                time.sleep(0.5)
                if find(win, name="hello from the desk", role="label", timeout=1) is not None:
                    sent = True
                    break
        tap.ok(sent, "a chat message is sent from the desk")
        got = interp.wait_event(lambda e: e.get("event") == "chat" and
                                e.get("text") == "hello from the desk", 10)
        tap.ok(got is not None, "the chat message arrives at the interpreter agent")
        echo = find(win, name="echo: hello from the desk", role="label", timeout=10)
        tap.ok(echo is not None, "the agent's reply is shown in the desk's chat")
        tap.ok(find(win, name="New message from Test Interpreter: echo: hello from the desk",
                    timeout=5) is not None, "the incoming message is announced (status label)")
        screenshot(os.path.join(shots, "desk-chat.png"))

        end = find(win, name="End Call", role="push button", timeout=5)
        tap.ok(end is not None, "an End Call button is there")
        if end is not None:
            do_action(end)
        tap.ok(wait_status(win, r"^Call ended$", 15) is not None, "the call ends and says so",
               status_text(win))
        tap.ok(find(win, name="Call Again", role="push button", timeout=5) is not None,
               "Call Again is offered")
        audit(win, "desk page after a call")
        screenshot(os.path.join(shots, "desk-ended.png"))

        # The interpreter vanishes mid-call: the desk is told, and one click
        # on Call Again reaches the next interpreter.
        do_action(find(win, name="Call Again", role="push button", timeout=5))
        tap.ok(wait_status(win, r"^Connected to ", 50) is not None, "a second call connects",
               status_text(win))
        interp.kill()
        gone = wait_status(win, r"^The interpreter was disconnected$", 30)
        tap.ok(gone is not None, "interpreter killed mid-call: the desk says the interpreter is gone",
               status_text(win))
        screenshot(os.path.join(shots, "desk-peer-gone.png"))
        interp = relay.agent("interpreter", "--language", "csl,en,ru", "--auto-answer")
        interp.wait_event(lambda e: e.get("event") == "welcome", 20)
        again = find(win, name="Call Again", role="push button", timeout=5)
        tap.ok(again is not None, "Call Again is offered after the interpreter is gone")
        if again is not None:
            do_action(again)
        tap.ok(wait_status(win, r"^Connected to ", 50) is not None,
               "one click on Call Again reaches the next interpreter", status_text(win))
        end = find(win, name="End Call", role="push button", timeout=5)
        if end is not None:
            do_action(end)
        tap.ok(wait_status(win, r"^Call ended$", 15) is not None, "and that call ends cleanly",
               status_text(win))
    finally:
        out = app.quit()
        if tap.failed:
            tap.diag(out[-3000:])
    interp.stop()

    # ---- interpreter mode ------------------------------------------------------
    # Test media for the same reason: the station's own devices are not the subject.
    app = App(exe, ["--lang=en", "--interpreter"], env=dict(relay.app_env("interpreter"), G_DEBUG=APP_G_DEBUG))
    try:
        win = find(app.node, role="frame", timeout=15)
        tap.ok(wait_status(win, r"^Available: waiting for calls$", 20) is not None,
               "interpreter mode: available and waiting", status_text(win))
        audit(win, "interpreter station waiting")
        desk = relay.agent("desk", "--language", "csl", "--duration", "6", "--calls", "1")
        accept = find(win, name="Accept Call", role="push button", timeout=20)
        tap.ok(accept is not None and status_text(win) == "Incoming call",
               "interpreter mode: an incoming call shows Accept", status_text(win))
        audit(win, "interpreter station ringing")
        screenshot(os.path.join(shots, "interpreter-incoming.png"))
        if accept is not None:
            do_action(accept)
        tap.ok(wait_status(win, r"^In a call with Desk 1$", 30) is not None,
               "interpreter mode: the call connects", status_text(win))
        time.sleep(2)
        screenshot(os.path.join(shots, "interpreter-call.png"))
        audit(win, "interpreter station in a call")
        ended = desk.wait_event(lambda e: e.get("event") == "summary", 30)
        tap.ok(ended is not None and ended.get("calls_ok") == 1,
               "the desk agent had a good call with the app", str(ended))
        tap.ok(wait_status(win, r"^Available: waiting for calls$", 20) is not None,
               "interpreter mode: back to waiting after the desk hangs up", status_text(win))
    finally:
        out = app.quit()
        if tap.failed:
            tap.diag(out[-3000:])
finally:
    relay.stop()

tap.done()
