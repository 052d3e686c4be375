#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Records the handwriting fixture tests/board/recorded/*.ink by drawing on
the real board: the Frontdesk app runs under Xvfb (tests/ui/run-ui-test.sh),
this program finds the "Handwriting pad" through the accessibility tree and
moves the X pointer over it with XTest events (press, motions, release), the
way a mouse or a finger on a touch screen would. GTK's drag gesture turns
them into an FdInk, the board recognises it, and FdHandwriting writes what it
recognised to $FRONTDESK_INK_RECORD_DIR; the last ink of each character (all
its strokes) is kept, labelled.

THESE STROKES ARE DRAWN BY A PROGRAM, NOT BY A HUMAN HAND. The shape of each
stroke is its median line from Make Me a Hanzi (recorded-medians.json: the 50
characters' medians from the npm package hanzi-writer-data 2.0.1, Arphic
Public License: see recorded/README), in the standard stroke order; the
program adds the variation of a hand: size and position on the pad, slant and
rotation, a slightly different width/height, each stroke a little displaced,
tremor and jitter on every point, uneven speed along a stroke (slow start and
end), and pauses between strokes. The characters (what a visitor writes at a
desk) were chosen before any recognition was run, and nothing here looks at
the candidates.

usage (from the source tree, after ninja -C build, with the environment of
meson test: see recorded/README):
  tests/ui/run-ui-test.sh /usr/bin/python3 tests/board/record-strokes.py \
      build/src/app/frontdesk tests/board/recorded [SEED [CHARACTERS]]
Exit status 0 when every character was recorded.
"""
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time

from fdatspi import App, do_action, find
from gi.repository import Atspi

# What visitors write at the desk: ID card, passport, social insurance,
# household register, marriage, birth, yes/no, thanks, numbers, and words of
# a visit. Chosen before any recognition run.
CHARS = ('身份证护照社保户口结婚生育是否谢一二三四五六七八九十零号办理请问哪里窗等'
         '名字电话年月日钱医疗退休卡签')
SOURCE = ('drawn by a program, not a human hand: tests/board/record-strokes.py (seed {seed}) '
          'moved the X pointer (XTest) over the Frontdesk board under Xvfb; stroke shapes from '
          'Make Me a Hanzi medians (hanzi-writer-data 2.0.1), with random size, position, slant, '
          'jitter and speed')


MEDIANS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'recorded-medians.json')


def median_strokes(medians, char):
    """The stroke median lines, in a 0..1 box, y down."""
    # Make Me a Hanzi: a 1024 box, y up, baseline at 900 from the top.
    return [[(x / 1024, (900 - y) / 1024) for x, y in stroke] for stroke in medians[char]]


def resample(stroke, rng, speed, dt):
    """Points where the pointer is at each event: uneven speed along the
    stroke (slow at both ends), one event every dt seconds (jittered)."""
    seg = [math.dist(stroke[i], stroke[i + 1]) for i in range(len(stroke) - 1)]
    length = sum(seg)
    if length == 0:
        return [stroke[0]]
    points = [stroke[0]]
    s = 0.0
    while True:
        u = s / length
        v = speed * (0.25 + math.sin(math.pi * min(max(u, 0), 1)) ** 0.8)
        s += v * dt * rng.uniform(0.6, 1.4)
        if s >= length:
            break
        # the point at arc length s
        acc = 0.0
        for i, l in enumerate(seg):
            if acc + l >= s and l > 0:
                t = (s - acc) / l
                points.append((stroke[i][0] + (stroke[i + 1][0] - stroke[i][0]) * t,
                               stroke[i][1] + (stroke[i + 1][1] - stroke[i][1]) * t))
                break
            acc += l
    points.append(stroke[-1])
    return points


def hand(strokes, rng, pad_w, pad_h):
    """The strokes as a hand would put them on the pad: pixels, per event."""
    side = min(pad_w, pad_h) * rng.uniform(0.45, 0.85)
    sx = side * rng.uniform(0.9, 1.1)
    sy = side * rng.uniform(0.9, 1.1)
    ox = rng.uniform(0.04 * pad_w, pad_w - sx - 0.04 * pad_w)
    oy = rng.uniform(0.04 * pad_h, pad_h - sy - 0.04 * pad_h)
    slant = rng.uniform(-0.15, 0.15)
    angle = math.radians(rng.uniform(-4, 4))
    speed = rng.uniform(1.2, 2.5)        # character boxes per second
    tremor = rng.uniform(0.003, 0.008)   # of the box
    out = []
    for stroke in strokes:
        dx, dy = rng.gauss(0, 0.02), rng.gauss(0, 0.02)
        phase = rng.uniform(0, 2 * math.pi)
        pts = resample(stroke, rng, speed, 0.012)
        placed = []
        for k, (x, y) in enumerate(pts):
            x, y = x - 0.5 + dx, y - 0.5 + dy
            x += slant * -y
            x, y = x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)
            x += tremor * math.sin(phase + k * 0.7) + rng.gauss(0, tremor / 2)
            y += tremor * math.cos(phase + k * 0.9) + rng.gauss(0, tremor / 2)
            px = min(max(ox + (x + 0.5) * sx, 1), pad_w - 2)
            py = min(max(oy + (y + 0.5) * sy, 1), pad_h - 2)
            placed.append((px, py))
        out.append(placed)
    return out


def n_strokes(path):
    with open(path, encoding='utf-8') as f:
        return sum(1 for line in f if line.startswith('stroke '))


def main():
    exe, out_dir = sys.argv[1:3]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    chars = sys.argv[4] if len(sys.argv) > 4 else CHARS
    with open(MEDIANS, encoding='utf-8') as f:
        medians = json.load(f)
    record_dir = tempfile.mkdtemp(prefix='fd-ink-record-')
    app = App(exe, ['--lang=en'], env={'FRONTDESK_INK_RECORD_DIR': record_dir})
    written = 0
    try:
        win = find(app.node, role='frame', timeout=10)
        do_action(find(win, name='Board', role='page tab', timeout=10))
        pad = find(win, name='Handwriting pad', timeout=10)
        clear = find(win, name='Clear', role='push button', timeout=10)
        if pad is None or clear is None:
            sys.exit('the Board page, its pad or its Clear button was not found')
        # No window manager under Xvfb: the window sits at the origin.
        e = Atspi.Component.get_extents(pad, Atspi.CoordType.WINDOW)
        print(f'pad {e.width} x {e.height} at {e.x},{e.y}')
        os.makedirs(out_dir, exist_ok=True)
        for char in chars:
            rng = random.Random(seed * 1000003 + ord(char))
            strokes = hand(median_strokes(medians, char), rng, e.width, e.height)
            before = set(os.listdir(record_dir))
            for stroke in strokes:
                x, y = stroke[0]
                Atspi.generate_mouse_event(int(e.x + x), int(e.y + y), 'abs')
                time.sleep(0.03)
                Atspi.generate_mouse_event(int(e.x + x), int(e.y + y), 'b1p')
                for x, y in stroke[1:]:
                    time.sleep(rng.uniform(0.008, 0.016))
                    Atspi.generate_mouse_event(int(e.x + x), int(e.y + y), 'abs')
                time.sleep(0.02)
                Atspi.generate_mouse_event(int(e.x + x), int(e.y + y), 'b1r')
                time.sleep(rng.uniform(0.08, 0.3))
            # The recognition of all strokes (the board recognises after each).
            found = None
            deadline = time.time() + 15
            while found is None and time.time() < deadline:
                new = sorted(n for n in set(os.listdir(record_dir)) - before if n.endswith('.ink'))
                full = [n for n in new if n_strokes(os.path.join(record_dir, n)) == len(strokes)]
                found = full[-1] if full else None
                time.sleep(0.1)
            do_action(clear)
            time.sleep(0.3)
            if found is None:
                print(f'{char}: no recognised ink with {len(strokes)} strokes', file=sys.stderr)
                continue
            with open(os.path.join(record_dir, found), encoding='utf-8') as f:
                lines = [line for line in f.read().splitlines()
                         if line.startswith(('size ', 'stroke '))]
            text = ['frontdesk-ink 1', lines[0], f'label {char}', 'source ' + SOURCE.format(seed=seed)]
            with open(os.path.join(out_dir, f'U{ord(char):04X}.ink'), 'w', encoding='utf-8') as f:
                f.write('\n'.join(text + lines[1:]) + '\n')
            written += 1
    finally:
        out = app.quit()
        shutil.rmtree(record_dir, ignore_errors=True)
    print(f'{written} of {len(chars)} characters recorded in {out_dir}')
    clean = 'CRITICAL' not in out and 'WARNING' not in out
    if not clean:
        print(out, file=sys.stderr)
    sys.exit(0 if written == len(chars) and clean else 1)


if __name__ == '__main__':
    main()
