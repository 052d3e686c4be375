"""What the desk UI tests read from the Interpreter page through the
accessibility tree: the status line, the detail under it, the shown frame
rate of a video, and the app started the way ./dev.sh run starts it."""
import os
import re
import signal
import subprocess
import time

from fdatspi import do_action, find, is_showing, role_name, walk
from gi.repository import Atspi


def status_text(win):
    """Text of the page's status label (accessible role status)."""
    for node in walk(win):
        if role_name(node) in ("status bar", "status") and is_showing(node):
            name = node.get_name() or ""
            if name:
                return name
    return ""


def wait_status(win, pattern, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if re.search(pattern, status_text(win)):
            return status_text(win)
        time.sleep(0.3)
    return None


def open_interpreter_page(app):
    """The app's window with its Interpreter page shown, and the Call
    Interpreter button (None when missing)."""
    win = find(app.node, role="frame", timeout=15)
    tab = find(win, name="Interpreter", role="page tab", timeout=10)
    if tab is not None:
        do_action(tab)
    return win, find(win, name="Call Interpreter", role="push button", timeout=15)


def find_label(win, pattern, timeout=5):
    """A showing label whose text matches pattern (e.g. the status detail)."""
    deadline = time.time() + timeout
    while True:
        for node in walk(win):
            if role_name(node) == "label" and is_showing(node):
                text = node.get_name() or ""
                if re.search(pattern, text):
                    return text
        if time.time() > deadline:
            return None
        time.sleep(0.3)


def description(node):
    try:
        return node.get_description() or ""
    except Exception:
        return ""


def shown_fps(video, timeout=20, enough=20):
    """Frames per second the app says it shows in the video (its accessible
    description, updated once a second from frames actually painted)."""
    fps = 0
    desc = ""
    deadline = time.time() + timeout
    while video is not None and time.time() < deadline:
        desc = description(video)
        m = re.search(r"at (\d+) frames? per second", desc)
        if m and int(m.group(1)) > 0:
            fps = int(m.group(1))
            if fps >= enough:
                break
        time.sleep(1)
    return fps, desc


def _ppid(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


class DemoStack:
    """build-aux/demo-stack.sh BUILD_DIR ARGS, with the environment ./dev.sh
    run gives it (uninstalled_env): its own relay on 127.0.0.1, the demo
    interpreter, and the app, found on the accessibility bus as the script's
    child process."""

    def __init__(self, source_root, build_root, args=(), env=None, timeout=30):
        e = dict(os.environ)
        e.update({
            "GSETTINGS_SCHEMA_DIR": os.path.join(build_root, "data"),
            "FRONTDESK_LOCALEDIR": os.path.join(build_root, "po"),
            "FRONTDESK_DATADIR": os.path.join(build_root, "data"),
        })
        e.update(env or {})
        self.proc = subprocess.Popen([os.path.join(source_root, "build-aux", "demo-stack.sh"),
                                      build_root, *args], env=e, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.node = None
        self.app_pid = None
        deadline = time.time() + timeout
        while time.time() < deadline and self.node is None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"demo stack exited early ({self.proc.returncode}):\n"
                                   f"{self.proc.stdout.read()}")
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                child = desktop.get_child_at_index(i)
                try:
                    pid = child.get_process_id()
                except Exception:
                    continue
                if _ppid(pid) == self.proc.pid:
                    self.node, self.app_pid = child, pid
                    break
            time.sleep(0.3)
        if self.node is None:
            self.quit()
            raise RuntimeError("the app of the demo stack did not appear on the accessibility bus")

    def window(self, timeout=15):
        return find(self.node, role="frame", timeout=timeout)

    def quit(self):
        """Ends the app as closing its window would; the script then stops
        the relay and the demo interpreter. Returns (app status, output)."""
        if self.app_pid is not None:
            try:
                os.kill(self.app_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode, self.proc.stdout.read() if self.proc.stdout else ""
