#!/usr/bin/python3
"""bench/desk-app: the real desk app measured (issue 11.7).

One run, per size (640x480@30, 1280x720@30), three desks each in one call with the same
interpreter (a frontdesk-agent with --auto-answer and a moving test picture at that size),
through one frontdesk-relay on 127.0.0.1, all on one Xvfb display:

  A  the GTK app (frontdesk) on Xvfb, the call placed by pressing "Call Interpreter" through the
     accessibility tree; remote video and self view shown; GTK's own renderer choice (no
     GSK_RENDERER); FRONTDESK_TEST_MEDIA (no camera here: the engine's test picture);
  B  a headful Chromium on the same Xvfb showing the test desk page with the same two streams
     (remote video and its own fake camera), chromium-desk.js;
  C  frontdesk-agent as the desk: the same engine with nothing shown (no BGRA conversion, no GTK),
     the anchor for the display path's cost.

Measured over the same window in each: CPU of the whole endpoint (every process of its tree,
utime+stime from /proc, sampled each second: median and p99 of the seconds), the X server's CPU
over the window (Xvfb of this run: drawing for A and B), frames presented (A: the FdVideoPaintable
counts logged with G_MESSAGES_DEBUG=fd-video-paintable, a new frame snapshotted for GTK's renderer;
B: requestVideoFrameCallback per <video>), and for A the CPU per thread group. Goals printed
beside the figures: A's CPU <= 0.6 x B's at each size; display path (appsink -> texture -> screen)
<= 10 % of a core at 480p30, estimated two ways: A's main thread + renderer threads + the X
server's share, and A - C (the same call without conversion or display: an upper bound).

usage (inside tests/ui/run-ui-test.sh in a private network namespace: run.sh does both):
  bench.py SOURCE_ROOT BUILD_ROOT
env: FD_BENCH_SIZES (640x480,1280x720), FD_BENCH_WARMUP (8), FD_BENCH_WINDOW (20),
     FD_BENCH_GSK_RENDERER (a renderer for the app instead of GTK's choice, to compare),
     FD_BENCH_DESKS (ABC: which desks to run; the summary needs A and B),
     FD_BENCH_PERF (a file: `perf record -g` of the app over A's window, for `perf report -i`),
     FD_BENCH_UNSIGNALED_SSRC (1: Chromium's page drops the remote a=ssrc lines; an interpreter
     engine that sends video under another SSRC than its SDP announces otherwise gets its frames
     decoded by Chromium but never shown: B then fails, and says so)
"""
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time

source_root, build_root = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(source_root, "tests", "desk-ui"))
from callstack import Relay  # noqa: E402
from deskui import open_interpreter_page, wait_status  # noqa: E402
from fdatspi import App, do_action, find  # noqa: E402

SIZES = os.environ.get("FD_BENCH_SIZES", "640x480,1280x720").split(",")
WARMUP = float(os.environ.get("FD_BENCH_WARMUP", "8"))
WINDOW = int(os.environ.get("FD_BENCH_WINDOW", "20"))
DESKS = os.environ.get("FD_BENCH_DESKS", "ABC").upper()
PERF = os.environ.get("FD_BENCH_PERF")
TICK = os.sysconf("SC_CLK_TCK")
CPU_GOAL = 0.6
DISPLAY_GOAL = 10.0
renderer_env = os.environ.pop("GSK_RENDERER", None)   # GTK chooses (meson's test env says cairo)
if os.environ.get("FD_BENCH_GSK_RENDERER"):               # a comparison run: this renderer for the app
    os.environ["GSK_RENDERER"] = os.environ["FD_BENCH_GSK_RENDERER"]


def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    i = min(len(v), max(1, -(-p * len(v) // 100))) - 1
    return v[int(i)]


def median(values):
    return pct(values, 50)


def loadavg():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


# ---- /proc ------------------------------------------------------------------------------------

def stat_of(path):
    try:
        with open(path) as f:
            s = f.read()
    except OSError:
        return None
    comm = s[s.index("(") + 1:s.rindex(")")]
    rest = s[s.rindex(")") + 2:].split()
    return {"comm": comm, "ppid": int(rest[1]), "ticks": int(rest[11]) + int(rest[12])}


def all_pids():
    return [int(d) for d in os.listdir("/proc") if d.isdigit()]


def tree(roots):
    parent = {}
    for pid in all_pids():
        st = stat_of(f"/proc/{pid}/stat")
        if st:
            parent[pid] = st["ppid"]
    out = set(roots)
    grew = True
    while grew:
        grew = False
        for pid, pp in parent.items():
            if pp in out and pid not in out:
                out.add(pid)
                grew = True
    return sorted(out)


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline") as f:
            return f.read().replace("\0", " ")
    except OSError:
        return ""


def chromium_roots(user_data_dir):
    return [p for p in all_pids() if f"--user-data-dir={user_data_dir}" in cmdline(p) and "--type=" not in cmdline(p)]


def chromium_kind(pid):
    c = cmdline(pid)
    m = re.search(r"--type=([\w-]+)", c)
    if not m:
        return "browser"
    if m.group(1) == "utility":
        u = re.search(r"--utility-sub-type=([\w.]+)", c)
        return "utility:" + (u.group(1).split(".")[-1] if u else "?")
    return m.group(1)


def xvfb_pid():
    """The Xvfb of this run: the one in this network namespace (run.sh made it)."""
    mine = os.readlink("/proc/self/ns/net")
    for pid in all_pids():
        st = stat_of(f"/proc/{pid}/stat")
        try:
            if st and st["comm"] == "Xvfb" and os.readlink(f"/proc/{pid}/ns/net") == mine:
                return pid
        except OSError:
            pass
    return None


def ticks_of(pids):
    out = {}
    for pid in pids:
        st = stat_of(f"/proc/{pid}/stat")
        if st:
            out[pid] = st["ticks"]
    return out


def thread_ticks(pid):
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        st = stat_of(f"/proc/{pid}/task/{tid}/stat")
        if st:
            out[int(tid)] = (st["comm"], st["ticks"])
    return out


def thread_group(pid, tid, comm):
    if tid == pid:
        return "main thread (GTK: snapshot, texture upload, render)"
    if comm.startswith("llvmpipe"):
        return "llvmpipe (Mesa GL rasteriser)"
    return re.sub(r"\d+", "N", comm)


class Window:
    """CPU of a set of processes (found again each second: Chromium starts helpers) sampled once a
    second for WINDOW seconds or until stop() is told."""

    def __init__(self, find_pids, kind=lambda pid: "process", threads_of=None):
        self.find_pids = find_pids
        self.kind = kind
        self.threads_of = threads_of
        self.xvfb = xvfb_pid()

    def start(self):
        self.pids = self.find_pids()
        self.t0 = time.monotonic()
        self.last = ticks_of(self.pids)
        self.first = dict(self.last)
        self.x0 = ticks_of([self.xvfb]) if self.xvfb else {}
        self.th0 = thread_ticks(self.threads_of) if self.threads_of else {}
        self.per_second = []
        self.tlast = self.t0

    def tick(self):
        pids = self.find_pids()
        now = ticks_of(pids)
        t = time.monotonic()
        d = sum(v - self.last.get(p, 0) for p, v in now.items())
        self.per_second.append(100.0 * d / TICK / (t - self.tlast))
        for p, v in now.items():
            self.first.setdefault(p, 0)
        # A process not read this second (gone, or its /proc entry unreadable for a moment) keeps
        # what it used until then: dropping it lost a whole renderer's CPU from the total.
        self.last = {**self.last, **now}
        self.tlast = t

    def stop(self):
        secs = self.tlast - self.t0
        by_kind = {}
        total = 0
        for p, v in self.last.items():
            d = v - self.first.get(p, 0)
            total += d
            k = self.kind(p)
            by_kind[k] = by_kind.get(k, 0) + d
        self.secs = secs
        self.cpu = 100.0 * total / TICK / secs
        self.by_kind = {k: 100.0 * v / TICK / secs for k, v in by_kind.items()}
        x1 = ticks_of([self.xvfb]) if self.xvfb else {}
        self.xcpu = 100.0 * (sum(x1.values()) - sum(self.x0.values())) / TICK / secs if x1 else float("nan")
        self.threads = {}
        if self.threads_of:
            th1 = thread_ticks(self.threads_of)
            for tid, (comm, v) in th1.items():
                g = thread_group(self.threads_of, tid, comm)
                d = v - self.th0.get(tid, (comm, 0))[1]
                self.threads[g] = self.threads.get(g, 0) + 100.0 * d / TICK / secs
        return self

    def run(self, seconds):
        self.start()
        for _ in range(seconds):
            time.sleep(1)
            self.tick()
        return self.stop()


def line_reader(stream, sink):
    def run():
        for line in stream:
            sink.put(line.rstrip("\n"))
        sink.put(None)
    threading.Thread(target=run, daemon=True).start()


def cpu_text(w):
    return (f"{w.cpu:.1f} % of one core over {w.secs:.0f} s (per second: median {median(w.per_second):.1f}, "
            f"p99 {pct(w.per_second, 99):.1f})")


# ---- the interpreter --------------------------------------------------------------------------

def interpreter(relay, size):
    return relay.agent("interpreter", "--auto-answer", "--language", "csl", "--calls", "1", "--size", size,
                       "--setup-timeout", "120")


def agent_fps(agent, t_from, t_to):
    with agent.lock:
        lines = [e for e in agent.events if e.get("event") == "stats" and t_from <= e.get("t", 0) <= t_to]
    if len(lines) < 2:
        return float("nan"), set()
    a, b = lines[0], lines[-1]
    sizes = {f"{e.get('recv_width')}x{e.get('recv_height')}" for e in lines}
    return (b["frames_in"] - a["frames_in"]) / (b["t"] - a["t"]), sizes


def agent_clock(agent):
    with agent.lock:
        stats = [e for e in agent.events if e.get("event") == "stats"]
    return stats[-1]["t"] if stats else 0


# ---- A: the app ------------------------------------------------------------------------------

PAINT = re.compile(r"paintable (0x[0-9a-f]+) at (\d+) us: (\d+)x(\d+), (\d+) pushed, (\d+) presented")


def run_app(relay, size):
    interp = interpreter(relay, size)
    conf = os.path.join(os.environ["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(conf, exist_ok=True)
    with open(os.path.join(conf, "keyfile"), "w") as f:
        f.write("[cn/frontdesk/Frontdesk]\ncamera-resolution='%s'\n" % ("720p" if size == "1280x720" else "480p"))
    env = dict(relay.app_env("desk"), G_MESSAGES_DEBUG="fd-video-paintable", GSETTINGS_BACKEND="keyfile",
               GSETTINGS_SCHEMA_DIR=os.path.join(build_root, "data"))
    # GLib writes debug lines to stdout, block-buffered into a pipe: line-buffer it (stdbuf execs
    # the app, so the pid App finds on the accessibility bus is the app's).
    app = App("stdbuf", ["-oL", os.path.join(build_root, "src/app/frontdesk"), "--lang=en"], env=env, timeout=90)
    lines = queue.Queue()
    line_reader(app.proc.stdout, lines)
    paints = []

    def drain():
        while True:
            try:
                line = lines.get_nowait()
            except queue.Empty:
                return
            if line is None:
                return
            m = PAINT.search(line)
            if m:
                paints.append((m.group(1), int(m.group(2)), f"{m.group(3)}x{m.group(4)}", int(m.group(6)),
                               int(m.group(5))))

    try:
        win, call = open_interpreter_page(app)
        if wait_status(win, r"^Ready to call$", 40) is None or call is None:
            raise RuntimeError("the app's Interpreter page is not ready to call")
        do_action(call)
        # Connected: the interpreter decodes the app's video and the app presents two streams
        # (read from the logs, not the accessibility tree: walking it is slow on a loaded machine
        # and runs on the app's main thread).
        end = time.monotonic() + 60
        while time.monotonic() < end:
            drain()
            if len({p[0] for p in paints}) >= 2 and interp.wait_event(lambda e: e.get("event") == "first-frame", 0.1):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("the app's call did not show two streams within 60 s")
        time.sleep(WARMUP)
        drain()
        w = Window(lambda: tree([app.proc.pid]), threads_of=app.proc.pid)
        perf = None
        if PERF:
            perf = subprocess.Popen(["perf", "record", "-q", "-g", "-e", "cpu-clock", "-F", "499", "-o",
                                     f"{PERF}.{size}", "-p", str(app.proc.pid), "--", "sleep", str(WINDOW)])
        mono0 = time.clock_gettime(time.CLOCK_MONOTONIC) * 1e6
        t0 = agent_clock(interp)
        w.run(WINDOW)
        if perf is not None:
            perf.wait(60)
        mono1 = time.clock_gettime(time.CLOCK_MONOTONIC) * 1e6
        t1 = agent_clock(interp)
        time.sleep(1.2)
        drain()
        fps = {}
        for ptr in {p[0] for p in paints}:
            mine = [p for p in paints if p[0] == ptr]
            before = [p for p in mine if p[1] <= mono0] or mine[:1]
            upto = [p for p in mine if p[1] <= mono1 + 1e6]
            a, b = before[-1], upto[-1]
            if b[1] > a[1]:
                fps[ptr] = (1e6 * (b[3] - a[3]) / (b[1] - a[1]), b[2], 1e6 * (b[4] - a[4]) / (b[1] - a[1]))
        sent_fps, sent_sizes = agent_fps(interp, t0, t1)
        w.presented = sorted(fps.values(), key=lambda x: x[0])
        w.peer = (sent_fps, sent_sizes)
        # The app probes GL at startup (src/app/fd-renderer.c), which starts llvmpipe's threads even
        # when it then picks cairo: only threads that work tell that GL renders.
        gl_busy = any("llvmpipe" in k and v >= 1.0 for k, v in w.threads.items())
        w.renderer = os.environ.get("GSK_RENDERER") or ("app's choice: GL (llvmpipe threads at work)" if gl_busy
                                                        else "app's choice: cairo (llvmpipe threads idle)")
        # End the call the way a person does: a desk that just vanishes leaves its call held on the
        # relay for resumption (issue 11.3), and the next desk with the same token then gets no video.
        end_call = find(win, name="End Call", role="push button", timeout=5)
        if end_call is not None:
            do_action(end_call)
            interp.wait_event(lambda e: e.get("event") == "call-end", 5)
        return w
    finally:
        app.quit()
        interp.stop()


# ---- B: Chromium ------------------------------------------------------------------------------

def run_chromium(relay, size):
    interp = interpreter(relay, size)
    env = dict(os.environ, FD_RELAY_HTTP=f"http://127.0.0.1:{relay.port}/", FD_DESK_TOKEN=relay.desk_token,
               FD_SIZE=size, FD_WARMUP=str(WARMUP), FD_WINDOW=str(WINDOW), FD_BUILD_ROOT=build_root,
               FD_SOURCE_ROOT=source_root)
    node = subprocess.Popen(["node", os.path.join(source_root, "bench/desk-app/chromium-desk.js")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = queue.Queue()
    line_reader(node.stdout, lines)
    kinds = {}
    said = []   # what the script printed, for the error message

    def ended_early():
        return RuntimeError("chromium-desk.js ended early:\n" + "\n".join(said[-30:]))

    def next_event(timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = lines.get(timeout=max(0.05, end - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                raise ended_early()
            said.append(line)
            try:
                ev = json.loads(line)
            except ValueError:
                continue
            if ev.get("event") == "error":
                raise RuntimeError(ev["message"])
            return ev
        raise RuntimeError("chromium-desk.js said nothing in time")

    try:
        ev = next_event(90)
        while ev.get("event") != "first-frame":
            ev = next_event(90)
        user_data_dir = ev["userDataDir"]
        print(f"B: first remote frame {ev['setup_ms']:.0f} ms after the request")

        def pids():
            p = tree(chromium_roots(user_data_dir))
            for pid in p:
                kinds.setdefault(pid, chromium_kind(pid))
            return p

        ev = next_event(WARMUP + 60)
        w = Window(pids, kind=lambda pid: kinds.get(pid, "?"))
        w.start()
        t0 = agent_clock(interp)
        end = None
        while end is None:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                line = ""
            w.tick()
            if line is None:
                raise ended_early()
            said.append(line)
            if line.startswith("{") and '"window-end"' in line:
                end = json.loads(line)
        w.stop()
        t1 = agent_clock(interp)
        s = end["samples"]
        secs = (s[-1]["at"] - s[0]["at"]) / 1000
        w.presented = sorted([((s[-1]["remote"] - s[0]["remote"]) / secs, s[-1]["recv"], "remote"),
                              ((s[-1]["self"] - s[0]["self"]) / secs, s[-1]["sent"], "self")], key=lambda x: x[0])
        w.decoded = (s[-1]["decoded"] - s[0]["decoded"]) / secs
        w.quality = ((s[-1].get("quality_total", 0) - s[0].get("quality_total", 0)) / secs,
                     (s[-1].get("quality_dropped", 0) - s[0].get("quality_dropped", 0)) / secs)
        if s[-1]["remote"] - s[0]["remote"] <= 0:   # chromium-desk.js says so first; never a 0 % figure
            raise RuntimeError("Chromium's remote <video> presented no frame in the window")
        w.peer = agent_fps(interp, t0, t1)
        w.ssrcs = end.get("ssrcs") or {}
        node.wait(30)
        return w
    finally:
        if node.poll() is None:
            node.terminate()
            node.wait(20)
        interp.stop()


# ---- C: frontdesk-agent as the desk ------------------------------------------------------------

def run_agent(relay, size):
    interp = interpreter(relay, size)
    desk = relay.agent("desk", "--language", "csl", "--calls", "1", "--size", size,
                       "--duration", str(WARMUP + WINDOW + 15))
    try:
        if desk.wait_event(lambda e: e.get("event") == "first-frame", 60) is None:
            raise RuntimeError("the agent desk's call got no first frame")
        time.sleep(WARMUP)
        t0 = agent_clock(interp)
        w = Window(lambda: [desk.proc.pid]).run(WINDOW)
        w.peer = agent_fps(interp, t0, agent_clock(interp))
        return w
    finally:
        desk.stop()
        interp.stop()


def main():
    ncpu = os.cpu_count()
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    print(f"machine: {ncpu} x {model}, load average at start {loadavg()}; app renderer: "
          f"{os.environ.get('GSK_RENDERER') or 'GTK chooses'}")
    print(f"sizes {', '.join(SIZES)} at 30 fps; {WARMUP:.0f} s warm-up, {WINDOW} s measured per desk")
    results = []
    relay = Relay(build_root)
    try:
        for size in SIZES:
            print(f"\n== {size}@30 (load average {loadavg()})")
            try:
                results.append(run_size(relay, size))
            except RuntimeError as e:
                print(f"{size}: not measured: {e}")
    finally:
        relay.stop()
    summary(results)


def run_size(relay, size):
    a = b = c = None
    if "C" in DESKS:
        c = run_agent(relay, size)
        print(f"C agent desk: {cpu_text(c)}; the interpreter received {c.peer[0]:.1f} fps ({', '.join(sorted(c.peer[1]))})")
        time.sleep(2)
    if "A" in DESKS:
        a = run_app(relay, size)
        print(f"A app: {cpu_text(a)}; renderer {a.renderer}; X server {a.xcpu:.1f} %")
        print("  presented per paintable (fps, size; frames pushed): " +
              ", ".join(f"{f:.1f} ({s}; {pushed:.1f})" for f, s, pushed in a.presented) +
              f"; the interpreter received {a.peer[0]:.1f} fps ({', '.join(sorted(a.peer[1]))})")
        print("  threads: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(a.threads.items(), key=lambda x: -x[1]) if v >= 0.5))
        time.sleep(2)
    if "B" not in DESKS:
        return (size, a, b, c)
    time.sleep(3)   # the app's session and its interpreter's leave the relay first
    b = run_chromium(relay, size)
    print(f"B Chromium: {cpu_text(b)}; X server {b.xcpu:.1f} %")
    ss = b.ssrcs
    if ss:
        print(f"  remote video SSRC received {ss.get('received')}, announced {ss.get('announced')}" +
              (": remote a=ssrc lines dropped (FD_BENCH_UNSIGNALED_SSRC=1)" if ss.get("dropped") else
               "" if ss.get("received") in (ss.get("announced") or []) else ": MISMATCH"))
    print("  by process: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(b.by_kind.items(), key=lambda x: -x[1])))
    print("  presented per <video> (fps, size): " + ", ".join(f"{k} {f:.1f} ({s})" for f, s, k in b.presented) +
          f"; remote <video> getVideoPlaybackQuality {b.quality[0]:.1f} fps ({b.quality[1]:.1f} dropped)"
          f"; decoded {b.decoded:.1f} fps; the interpreter received {b.peer[0]:.1f} fps ({', '.join(sorted(b.peer[1]))})")
    time.sleep(2)
    return (size, a, b, c)


def summary(results):
    print(f"\n== summary (load average at end {loadavg()})")
    measured = {r[0] for r in results}
    for size in SIZES:
        if size not in measured:
            print(f"{size}: NOT MEASURED (see above): no ratio")
    for size, a, b, c in results:
        if a is None or b is None:
            print(f"{size}: no ratio: desk {'A' if a is None else 'B'} not run (FD_BENCH_DESKS={DESKS})")
            continue
        ratio = a.cpu / b.cpu
        print(f"{size}: app {a.cpu:.1f} % vs Chromium {b.cpu:.1f} % of a core: ratio {ratio:.2f} "
              f"(goal <= {CPU_GOAL}): {'MET' if ratio <= CPU_GOAL else 'NOT MET'}; "
              f"with the X server's share: {a.cpu + a.xcpu:.1f} vs {b.cpu + b.xcpu:.1f} % "
              f"(ratio {(a.cpu + a.xcpu) / (b.cpu + b.xcpu):.2f})")
        print(f"  presented fps, lowest stream: app {a.presented[0][0]:.1f}, Chromium {b.presented[0][0]:.1f}")
        gl = sum(v for k, v in a.threads.items() if k.startswith("main thread") or k.startswith("llvmpipe"))
        display = gl + a.xcpu
        goal = f" (goal <= {DISPLAY_GOAL:.0f} %: {'MET' if display <= DISPLAY_GOAL else 'NOT MET'})" if size == "640x480" else ""
        print(f"  display path: main thread + GL threads {gl:.1f} % + X server {a.xcpu:.1f} % = {display:.1f} % of a core"
              f"{goal}" + (f"; app - agent desk (conversion, display and GTK together) {a.cpu - c.cpu:.1f} %"
                           if c is not None else ""))


if __name__ == "__main__":
    main()
