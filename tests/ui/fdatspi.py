"""Drive the real Frontdesk app through the accessibility tree (AT-SPI).

A widget a test cannot find by its accessible name is a widget a blind user
cannot find either, so tests look things up by name and role only.
"""
import os
import subprocess
import sys
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402



def stop_process(proc, timeout=10):
    """SIGTERM, then SIGKILL if @proc has not ended within @timeout seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

class Tap:
    """Minimal TAP producer."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, diag=None):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {desc}")
        else:
            self.failed += 1
            print(f"not ok {self.n} - {desc}")
            if diag:
                for line in str(diag).splitlines():
                    print(f"# {line}")
        sys.stdout.flush()
        return cond

    def diag(self, msg):
        for line in str(msg).splitlines():
            print(f"# {line}")
        sys.stdout.flush()

    def done(self):
        print(f"1..{self.n}")
        sys.exit(1 if self.failed or self.n == 0 else 0)


class App:
    """One running instance of the app, found on the AT-SPI desktop."""

    def __init__(self, exe, args=(), env=None, name="frontdesk", timeout=20):
        self.name = name
        e = dict(os.environ)
        e.update(env or {})
        self.proc = subprocess.Popen([exe, *args], env=e,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        self.node = None
        deadline = time.time() + timeout
        while time.time() < deadline and self.node is None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app exited early ({self.proc.returncode}):\n{self.proc.stdout.read()}")
            desktop = Atspi.get_desktop(0)
            for i in range(desktop.get_child_count()):
                child = desktop.get_child_at_index(i)
                try:
                    pid = child.get_process_id()
                except Exception:
                    continue
                if child is not None and pid == self.proc.pid:
                    self.node = child
                    break
            time.sleep(0.2)
        if self.node is None:
            self.quit()
            raise RuntimeError("app did not appear on the accessibility bus")

    def windows(self):
        return [self.node.get_child_at_index(i) for i in range(self.node.get_child_count())]

    def quit(self):
        stop_process(self.proc)
        return self.proc.stdout.read() if self.proc.stdout else ""


def role_name(node):
    try:
        return node.get_role_name()
    except Exception:
        return "?"


def walk(node, depth=0, max_depth=60):
    """Yield every node below (and including) node."""
    if node is None or depth > max_depth:
        return
    yield node
    try:
        count = node.get_child_count()
    except Exception:
        return
    for i in range(count):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth)


def states(node):
    try:
        return node.get_state_set()
    except Exception:
        return None


def extents(node):
    try:
        return Atspi.Component.get_extents(node, Atspi.CoordType.WINDOW)
    except Exception:
        return None


def is_showing(node):
    """On screen: GTK 4.8 sets no SHOWING state, so a visible node with a
    non-empty area counts (hidden stack pages report a 0x0 area)."""
    s = states(node)
    if s is None or not s.contains(Atspi.StateType.VISIBLE):
        return False
    e = extents(node)
    return e is not None and e.width > 0 and e.height > 0


def find(root, name=None, role=None, showing=True, timeout=10.0, contains=False):
    """Find the first node matching accessible name and role, waiting for it."""
    deadline = time.time() + timeout
    while True:
        for node in walk(root):
            try:
                n = node.get_name() or ""
            except Exception:
                continue
            if name is not None:
                if contains and name not in n:
                    continue
                if not contains and n != name:
                    continue
            if role is not None and role_name(node) != role:
                continue
            if showing and not is_showing(node):
                continue
            return node
        if time.time() > deadline:
            return None
        time.sleep(0.2)


def find_all(root, role=None, showing=True):
    out = []
    for node in walk(root):
        if role is not None and role_name(node) != role:
            continue
        if showing and not is_showing(node):
            continue
        out.append(node)
    return out


def action_names(node):
    try:
        act = node.get_action_iface()
    except Exception:
        return []
    if act is None:
        return []
    names = []
    try:
        for i in range(act.get_n_actions()):
            names.append(act.get_action_name(i))
    except Exception:
        # the widget changed under us (GTK 4.8 may report an action it no
        # longer has): what was read so far
        pass
    return names


def do_action(node, wanted=("click", "activate", "press", "toggle")):
    """Run the node's first action among `wanted` (GTK names them 'click' etc.)."""
    act = node.get_action_iface()
    if act is None:
        raise RuntimeError(f"{role_name(node)} '{node.get_name()}' has no actions")
    names = [act.get_action_name(i) for i in range(act.get_n_actions())]
    for w in wanted:
        if w in names:
            act.do_action(names.index(w))
            return w
    raise RuntimeError(f"no action among {wanted} in {names}")


def set_text(node, text):
    """Replace the text of an editable node."""
    ed = node.get_editable_text_iface()
    if ed is None:
        raise RuntimeError("node is not editable")
    ed.set_text_contents(text)


def text_of(node):
    try:
        t = node.get_text_iface()
        if t is not None:
            return t.get_text(0, t.get_character_count())
    except Exception:
        pass
    return node.get_name() or ""


def screenshot(path):
    """Save a screenshot of the Xvfb screen for a person to look at (best effort)."""
    try:
        subprocess.run(["import", "-window", "root", path], timeout=20,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except Exception:
        pass


def draw_horizontal_stroke(node, steps=10):
    """Drag the mouse (button 1) across the middle of node, left to right: a
    real stroke through the X server. GTK 4 knows no screen coordinates; with
    no window manager under Xvfb the window sits at the origin, so window
    coordinates are screen ones."""
    e = Atspi.Component.get_extents(node, Atspi.CoordType.WINDOW)
    y = e.y + e.height // 2
    x0, x1 = e.x + e.width // 6, e.x + 5 * e.width // 6
    Atspi.generate_mouse_event(x0, y, "abs")
    time.sleep(0.2)
    Atspi.generate_mouse_event(x0, y, "b1p")
    for i in range(1, steps + 1):
        time.sleep(0.03)
        Atspi.generate_mouse_event(x0 + (x1 - x0) * i // steps, y, "abs")
    Atspi.generate_mouse_event(x1, y, "b1r")


def press(keycode_mod, key):
    """A key with a modifier held (keycode 37: Control_L, 64: Alt_L)."""
    Atspi.generate_keyboard_event(keycode_mod, None, Atspi.KeySynthType.PRESS)
    Atspi.generate_keyboard_event(0, key, Atspi.KeySynthType.STRING)
    Atspi.generate_keyboard_event(keycode_mod, None, Atspi.KeySynthType.RELEASE)


def open_preferences(app, win, timeout=10.0):
    """Ctrl+, in the main window @win; the Preferences window, or None."""
    press(37, ",")
    deadline = time.time() + timeout
    while time.time() < deadline:
        for w in app.windows():
            if w is not None and w.get_name() != win.get_name() and is_showing(w) \
                    and role_name(w) in ("frame", "dialog", "window"):
                return w
        time.sleep(0.2)
    return None
