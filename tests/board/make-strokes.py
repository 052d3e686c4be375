#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the handwriting fixture tests/board/strokes/*.ink from real stroke
data that Debian ships: python3-kanjidraw's data.json, which holds, for 6,394
characters from KanjiVG, every stroke in writing order as its start and end
point on a 255 x 255 canvas.

The source has only the two end points of each stroke, so a stroke that bends
(横折, 竖钩, ...) would become a straight chord. The fixture therefore takes,
from a list chosen by hand before any recognition was run, only characters
whose strokes are all straight (横 竖 撇 捺 点 提) and whose form is the same in
Simplified Chinese and in Japanese. Each stroke is written as 9 evenly spaced
points on the line from start to end. Nothing here looks at what the recogniser
answers. See docs/performance.md.

Usage: make-strokes.py [DATA_JSON] [OUT_DIR]
"""
import json
import os
import sys

DATA = '/usr/lib/python3/dist-packages/kanjidraw/data.json'
# Chosen by hand (straight strokes only), before any recognition run.
CHARS = ('一二三十人大天夫太犬失丈木本未末术禾米来平半羊美关土士王主生工干千午丰'
         '井开不上下止正八入个介文交六立辛斗父火全金林森')
SIZE = 255
STEPS = 8


def main():
    data_path = sys.argv[1] if len(sys.argv) > 1 else DATA
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), 'strokes')
    with open(data_path, encoding='utf-8') as f:
        by_count = json.load(f)
    strokes_of = {}
    for chars in by_count.values():
        strokes_of.update(chars)
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    for char in CHARS:
        if char not in strokes_of:
            print(f'{char}: not in the source data, skipped', file=sys.stderr)
            continue
        lines = ['frontdesk-ink 1', f'size {SIZE} {SIZE}', f'label {char}',
                 'source KanjiVG stroke end points via Debian python3-kanjidraw 0.2.3 data.json; '
                 'straight lines between them (tests/board/make-strokes.py)']
        for x1, y1, x2, y2 in strokes_of[char]:
            points = []
            for i in range(STEPS + 1):
                t = i / STEPS
                points.append(f'{x1 + (x2 - x1) * t:.1f},{y1 + (y2 - y1) * t:.1f}')
            lines.append('stroke ' + ' '.join(points))
        name = f'U{ord(char):04X}.ink'
        with open(os.path.join(out_dir, name), 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        written += 1
    print(f'{written} characters written to {out_dir}')


if __name__ == '__main__':
    main()
