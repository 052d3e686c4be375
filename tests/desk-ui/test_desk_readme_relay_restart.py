#!/usr/bin/python3
"""A relay restart during the README's first call (issue 11, item 3), the
way a person meets it: the app started as `./dev.sh run` starts it
(build-aux/demo-stack.sh: a local relay with its defaults, the demo
interpreter, the app with the demo token), no test-only switch. Press Call
Interpreter, see "Connected to Demo Interpreter"; then the relay process is
killed (SIGKILL, as a crash) and started again with the very command line the
script gave it. The page says it is reconnecting while the interpreter's
video goes on, then the same call is back (the relay rebuilt it from its
record and both sides resumed it), and End Call ends it.
usage: test_desk_readme_relay_restart.py SOURCE_ROOT BUILD_ROOT"""
import os
import re
import signal
import subprocess
import sys
import threading
import time

from deskui import DemoStack, find_label, shown_fps, status_text, wait_status
from fdatspi import Tap, do_action, find, stop_process

source_root, build_root = sys.argv[1], sys.argv[2]
APP_G_DEBUG = os.environ.get("FD_APP_G_DEBUG", "gc-friendly,fatal-criticals")
tap = Tap()


def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return out


def demo_relay(stack_pid):
    """The demo stack's relay: (pid, its command line)."""
    for pid in children(stack_pid):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = [a.decode() for a in f.read().split(b"\0") if a]
        except OSError:
            continue
        if argv and os.path.basename(argv[0]) == "frontdesk-relay":
            return pid, argv
    return None, None


def wait_line(path_or_lines, pattern, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if isinstance(path_or_lines, str):
            try:
                with open(path_or_lines) as f:
                    text = f.read()
            except OSError:
                text = ""
        else:
            text = path_or_lines()
        m = re.search(pattern, text)
        if m:
            return m
        time.sleep(0.3)
    return None


stack = DemoStack(source_root, build_root, ["--lang=en"], env={"G_DEBUG": APP_G_DEBUG})
restarted = None
restarted_log = None
try:
    win = stack.window()
    tab = find(win, name="Interpreter", role="page tab", timeout=10)
    if tab is not None:
        do_action(tab)
    call = find(win, name="Call Interpreter", role="push button", timeout=15)
    tap.ok(wait_status(win, r"^Ready to call$", 30) is not None,
           "the desk is signed in to the demo relay", status_text(win))
    if call is not None:
        do_action(call)
    tap.ok(wait_status(win, r"^Connected to Demo Interpreter$", 60) is not None,
           "the call reaches “Connected to Demo Interpreter”", f"status: {status_text(win)!r}")
    video = find(win, name="Video of Demo Interpreter", timeout=10)
    fps, _ = shown_fps(video)
    tap.ok(fps > 0, f"the interpreter's video plays before the restart: {fps} frames per second")

    pid, argv = demo_relay(stack.proc.pid)
    tap.ok(pid is not None, "the demo stack's relay is found", repr(argv))
    database = argv[argv.index("--database") + 1] if argv and "--database" in argv else ""
    first_log = os.path.join(os.path.dirname(database), "relay.log")
    answered = wait_line(first_log, r"call (c-[0-9a-f-]+): \S+ answered", 5)
    tap.ok(answered is not None, "the relay's log names the call", first_log)
    call_id = answered.group(1) if answered else "?"

    os.kill(pid, signal.SIGKILL)
    tap.ok(find_label(win, r"Reconnecting", timeout=20) is not None,
           "with the relay gone the page says it is reconnecting", f"status: {status_text(win)!r}")
    tap.ok(not re.search(r"ended|failed", status_text(win), re.I),
           "the call is not ended while the relay is away", status_text(win))
    fps, desc = shown_fps(video, timeout=10, enough=10)
    tap.ok(fps > 0, f"the interpreter's video goes on while the relay is away: {fps} frames "
           "per second shown", f"description: {desc!r}")

    # The same relay again: the command line the demo script gave it (same port, configuration,
    # database, and the resume key beside the database).
    restarted_log = []
    restarted = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    threading.Thread(target=lambda: [restarted_log.append(line) for line in restarted.stdout],
                     daemon=True).start()
    log_text = lambda: "".join(restarted_log)  # noqa: E731
    tap.ok(wait_line(log_text, rf"call {re.escape(call_id)}: rebuilt from its record", 15)
           is not None, "the restarted relay rebuilds the call from its record", log_text()[-2000:])
    # demo.conf's identities: demo-desk (the app) and demo-interpreter (the agent).
    tap.ok(wait_line(log_text, rf"call {re.escape(call_id)}: demo-desk resumed it", 45) is not None,
           "the desk resumes the same call", log_text()[-2000:])
    tap.ok(wait_line(log_text, rf"call {re.escape(call_id)}: demo-interpreter resumed it", 45)
           is not None, "the demo interpreter resumes it too", log_text()[-2000:])
    tap.ok(wait_status(win, r"^Connected to Demo Interpreter$", 30) is not None,
           "the page shows the call again", status_text(win))
    deadline = time.time() + 15
    while time.time() < deadline and find_label(win, r"Reconnecting", timeout=0) is not None:
        time.sleep(0.5)
    tap.ok(find_label(win, r"Reconnecting", timeout=0) is None,
           "the page no longer says it is reconnecting", status_text(win))
    fps, desc = shown_fps(video)
    tap.ok(fps > 0, f"the video plays after the restart: {fps} frames per second shown",
           f"description: {desc!r}")

    end = find(win, name="End Call", role="push button", timeout=5)
    if end is not None:
        do_action(end)
    tap.ok(wait_status(win, r"^Call ended$", 15) is not None, "the call ends", status_text(win))
    tap.ok(wait_line(log_text, rf"call {re.escape(call_id)}: ended \(hang-up\)", 15) is not None,
           "the relay ends the same call (hang-up)", log_text()[-2000:])
finally:
    status, out = stack.quit()
    if restarted is not None:
        stop_process(restarted)
    if tap.failed:
        tap.diag(out[-3000:])
tap.done()
