#!/usr/bin/python3
"""The README's first call, the way a person makes it: the app started as
`./dev.sh run` starts it (build-aux/demo-stack.sh: a local relay, the demo
interpreter, the app with the demo token), no test-only switch, on a machine
with no camera and no sound server (a fresh XDG_RUNTIME_DIR: no PulseAudio
or PipeWire socket). Press Call Interpreter through the accessibility tree
and see "Connected to Demo Interpreter" with the interpreter's video shown,
frames counted by the app. Then what the page says about this desk's own
camera and microphone, and the end of the call.
usage: test_desk_readme.py SOURCE_ROOT BUILD_ROOT"""
import os
import re
import subprocess
import sys
import time

from deskui import DemoStack, find_label, shown_fps, status_text, wait_status
from fdatspi import Tap, do_action, find, screenshot
from gi.repository import Atspi

source_root, build_root = sys.argv[1], sys.argv[2]
APP_G_DEBUG = os.environ.get("FD_APP_G_DEBUG", "gc-friendly,fatal-criticals")
shots = os.path.join(build_root, "desk-ui-shots")
os.makedirs(shots, exist_ok=True)
tap = Tap()

# What this machine has, as the app sees it (the same device monitor).
check = subprocess.run([os.path.join(build_root, "src/app/frontdesk"), "--check", "--lang=en"],
                       capture_output=True, text=True,
                       env=dict(os.environ, GSETTINGS_SCHEMA_DIR=os.path.join(build_root, "data")))
tap.ok(check.returncode == 0, "frontdesk --check: video calls can work on this machine",
       check.stdout + check.stderr)
tap.diag(check.stdout)
no_camera = re.search(r"Cameras:\n  none", check.stdout) is not None
no_microphone = re.search(r"Microphones:\n  none", check.stdout) is not None

for var in ("FRONTDESK_TEST_MEDIA", "PULSE_SERVER", "PIPEWIRE_REMOTE"):
    os.environ.pop(var, None)
stack = DemoStack(source_root, build_root, ["--lang=en"], env={"G_DEBUG": APP_G_DEBUG})
status = None
try:
    win = stack.window()
    tab = find(win, name="Interpreter", role="page tab", timeout=10)
    if tab is not None:
        do_action(tab)
    call = find(win, name="Call Interpreter", role="push button", timeout=15)
    tap.ok(call is not None, "the Interpreter page shows Call Interpreter")
    tap.ok(wait_status(win, r"^Ready to call$", 30) is not None,
           "the desk is signed in to the demo relay", status_text(win))
    if call is not None:
        do_action(call)
    connected = wait_status(win, r"^Connected to Demo Interpreter$", 60)
    tap.ok(connected is not None, "the call reaches “Connected to Demo Interpreter”",
           f"status: {status_text(win)!r}")
    video = find(win, name="Video of Demo Interpreter", timeout=10)
    tap.ok(video is not None, "the interpreter's video is on screen")
    fps, desc = shown_fps(video)
    tap.ok(fps > 0, f"the interpreter's video plays: {fps} frames per second shown",
           f"description: {desc!r}")
    tap.diag(f"frames shown per second (README path): {fps}")
    time.sleep(1)
    screenshot(os.path.join(shots, "readme-call.png"))

    if no_microphone:
        tap.ok(find_label(win, r"no microphone") is not None,
               "no microphone here: the page says the interpreter cannot hear this desk")
        mic = find(win, name="No Microphone", timeout=5)
        tap.ok(mic is not None and not mic.get_state_set().contains(Atspi.StateType.SENSITIVE),
               "no microphone here: the microphone button says so and cannot be switched on",
               "button " + ("found" if mic is not None else "not found"))
    else:
        tap.ok(find_label(win, r"no microphone", timeout=2) is None,
               "a microphone is here: the page does not claim there is none")
    self_view = find(win, name="Your camera", timeout=5)
    self_desc = ""
    deadline = time.time() + 5
    while self_view is not None and time.time() < deadline and not self_desc:
        try:
            self_desc = self_view.get_description() or ""
        except Exception:
            pass
        time.sleep(0.5)
    if no_camera:
        tap.ok(self_desc.startswith("No camera"), "no camera here: the self view says so",
               repr(self_desc))
    else:
        tap.ok(self_desc.startswith("Camera: "), "the desk's camera is used: the self view names it",
               repr(self_desc))

    end = find(win, name="End Call", role="push button", timeout=5)
    if end is not None:
        do_action(end)
    tap.ok(wait_status(win, r"^Call ended$", 15) is not None, "the call ends", status_text(win))
finally:
    status, out = stack.quit()
    bad = [line for line in out.splitlines() if re.search(r"CRITICAL|WARNING|ALSA lib", line)]
    tap.ok(not bad, "no GLib warning, critical or ALSA noise on the console", "\n".join(bad[:20]))
    if tap.failed:
        tap.diag(out[-3000:])
tap.done()
