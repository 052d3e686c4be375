#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark of real-time text in the call chat: keystroke to shown on the peer, engine to engine.

Relay + desk agent + interpreter agent (bench-call.py's stack) in a private network namespace.
Both sides type at once, a character every --interval ms (faster than anyone types: the pacing
of one draft per 100 ms is in the path), for --chars characters each, over one call. A keystroke's
delay is (the reader's first "peer-draft" line containing it) - (the typist's "typed" line),
both stamped with CLOCK_MONOTONIC on the same machine. A keystroke the pacing folded into a later
draft is counted when that draft is shown (that is the delay the reader sees).

usage: bench-rtt.py BUILD_ROOT [--chars N] [--interval MS]
Prints median / p99 / min / max per direction and both together, against the 300 ms goal.
"""
import argparse
import importlib.util
import os
import sys

GOAL_MS = 300.0

_spec = importlib.util.spec_from_file_location(
    'bench_call', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'bench-call.py'))
bench_call = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_call)


def text_of(n, seed):
    """n characters mixing Chinese, Latin letters and spaces (no repeated prefix issues)."""
    pool = '请问办理营业执照需要哪些材料 where is window five 谢谢 ok '
    return ''.join(pool[(i + seed) % len(pool)] for i in range(n))


def delays(typist, reader):
    typed = [(l['text'], l['mono_us']) for l in typist if l['event'] == 'typed']
    # A draft shown, or the finished message (the last keystrokes may go with it).
    shown = [(l['text'], l['mono_us']) for l in reader
             if l['event'] in ('peer-draft', 'chat') and l['text']]
    out, missing = [], 0
    for text, t in typed:
        seen = [s for d, s in shown if d.startswith(text) and s >= t]
        if seen:
            out.append((seen[0] - t) / 1000.0)
        else:
            missing += 1
    return out, missing


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('build')
    ap.add_argument('--chars', type=int, default=400)
    ap.add_argument('--interval', type=int, default=60)
    opts = ap.parse_args()
    opts.chars = max(10, min(opts.chars, 1000))

    print('# frontdesk real-time text benchmark: engine <-> engine through the relay, '
          '%d characters each way, a keystroke every %d ms, both typing at once'
          % (opts.chars, opts.interval))
    print(bench_call.machine_line())
    sys.stdout.flush()
    typing_s = opts.chars * opts.interval / 1000.0
    stack = bench_call.Stack(opts.build)
    try:
        desk_text, int_text = text_of(opts.chars, 0), text_of(opts.chars, 3)
        d, i = stack.pair(['--calls', '1', '--type', int_text,
                           '--type-interval', str(opts.interval)],
                          ['--calls', '1', '--duration', str(typing_s + 8), '--type', desk_text,
                           '--type-interval', str(opts.interval)],
                          timeout=typing_s + 90)
    finally:
        stack.close()
    to_int, miss_i = delays(d, i)
    to_desk, miss_d = delays(i, d)
    if not to_int or not to_desk:
        print('# FAILED: no drafts measured (desk->int %d, int->desk %d)' % (len(to_int), len(to_desk)))
        return 1
    both = to_int + to_desk
    for name, values, missing in (('desk -> interpreter', to_int, miss_i),
                                  ('interpreter -> desk', to_desk, miss_d),
                                  ('both directions', both, miss_i + miss_d)):
        print('%-20s %s  (%d keystrokes never shown)' % (
            name, bench_call.fmt(bench_call.dist(values), 'ms'), missing))
    p99 = bench_call.percentile(both, 99)
    med = bench_call.percentile(both, 50)
    print('goal: keystroke shown on the peer within %.0f ms: median %.1f ms, p99 %.1f ms: %s'
          % (GOAL_MS, med, p99, bench_call.verdict(p99 <= GOAL_MS and miss_i + miss_d == 0)))
    print('# load average at end %s' % ' '.join('%.2f' % x for x in os.getloadavg()))
    return 0


if __name__ == '__main__':
    sys.exit(main())
