#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark: calls over a real link with loss and a bandwidth cap on the wire.

Relay + desk agent in one network namespace, interpreter agent in another,
joined by a veth pair (tests/call/wirelink.py, tests/netns-run.sh --peer).
Loss is made by nftables on both ends (numgen random, all UDP: RTP, RTCP,
STUN, DTLS), the cap by tc tbf on both ends: never by the engine.

Phases (fresh agents each):
  loss-480  D s call at 640x480, 5 % loss both ways
  loss-720  D s call at 1280x720, 5 % loss both ways
  cap-720   1280x720; after 10 s the link is capped at 1 Mbit/s both ways for C s
  cap-480   the same at 640x480
Cap phases also print, per second from the cap, "time:fps received/width sent
by the other side". Per second received fps (median, p99 = the worst 1 %, min), longest gap
between frames, and for the caps the adaptation time: from the cap to the
first second after which every second has >= 25 fps received, with the
sender's size stepped down; and what the sender settled at (kbit/s sent,
width) in the last 10 s, and how steady it was from 10 s after the cap on
(kbit/s sent and the encoder's target: p10 / median / p90; a sawtooth of
overflows and back-offs shows as a wide spread). The load average is printed
before and after each phase: the engine takes its own scheduling lateness off
the arrival delays it reads (src/core/call/fd-call-bwe.c), but at a high load
the figures measure the machine as much as the call. A call that fails is
printed, counted against the goals, and its phase is run again (at most 3
calls a phase).

With --logs DIR the agents log the engine's debug messages (rate, ladder and
estimate changes: G_MESSAGES_DEBUG=fd-call-engine; GLib writes them to
stdout, between the JSON lines, which are then read past them) and each
call's output is kept as DIR/PHASE-SIDE.log.

usage: bench-wire.py BUILD_ROOT [--duration D] [--cap-duration C] [--logs DIR] [PHASE...]
"""
import argparse
import importlib.util
import json
import os
import platform
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'call'))
from test_agents_relay import wait  # noqa: E402
from wirelink import WireStack, call_ok, connected_stats, wait_connected  # noqa: E402

# percentile() as bench/call computes it
_spec = importlib.util.spec_from_file_location(
    'bench_call', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'call', 'bench-call.py'))
_bench_call = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench_call)
percentile = _bench_call.percentile

GOALS = {'fps_loss': 27.0, 'freeze_ms': 500.0, 'adapt_s': 10.0, 'fps_cap': 25.0}


def dist(values):
    return 'median %5.1f  p99 %5.1f  min %5.1f  max %5.1f (n=%d)' % (
        percentile(values, 50), percentile(values, 1), min(values or [float('nan')]),
        max(values or [float('nan')]), len(values))


def json_lines(stack, name):
    """WireStack.lines when debug messages share the agents' stdout."""
    with open(os.path.join(stack.dir, name + '.jsonl')) as f:
        return [json.loads(l) for l in f if l.startswith('{')]


class CallFailed(Exception):
    pass


def run_retrying(phase, failures, *args, **kwargs):
    """run(), again (at most 3 calls) when a call fails; each failure is printed and counted."""
    for attempt in range(3):
        try:
            return run(*args, **kwargs)
        except CallFailed as e:
            failures.append('%s: %s' % (phase, e))
            print('\n## %s: call %d failed (%s)%s' % (phase, attempt + 1, e,
                                                     '; again' if attempt < 2 else ''))
            sys.stdout.flush()
    raise SystemExit('%s: 3 calls failed' % phase)


def spread(values):
    if not values:
        return '-'
    return '%.0f/%.0f/%.0f' % (percentile(values, 10), percentile(values, 50), percentile(values, 90))


def run(size, duration, before_cap=None, cap_duration=0, logs=None):
    """One call; returns {side: (stats lines, call-end line)} and the cap's time,
    with every stats line's 'T' on the harness's monotonic clock; with logs
    (a path prefix) the agents' stderr is kept as PREFIX-SIDE.err."""
    stack = WireStack()
    try:
        interp = stack.interpreter('--calls', '1', '--size', size)
        if before_cap is None:
            stack.shape_both('loss=5')
            total = duration
        else:
            total = before_cap + cap_duration
        desk = stack.desk('--calls', '1', '--duration', str(total), '--size', size)
        cap_at = None
        if before_cap is not None:
            # the desk's first connected stats line, then before_cap s more
            wait_connected(stack, 'desk', 60)
            time.sleep(before_cap)
            stack.shape_both('rate=1mbit')
            cap_at = time.monotonic()
        wait(desk, total + 120)
        wait(interp, 60)
        out = {}
        for name in ('desk', 'int'):
            lines = stack.lines(name)
            ok, end = call_ok(lines)
            if not ok:
                raise CallFailed('%s: the call failed: %s' % (name, end))
            stats = connected_stats(lines)
            for s in stats:
                s['T'] = stack.started[name] + s['t']
            out[name] = (stats, end)
        return out, cap_at
    finally:
        for name in ('desk', 'int') if logs is not None else ():
            for ext in ('jsonl', 'err'):
                src = os.path.join(stack.dir, '%s.%s' % (name, ext))
                if os.path.exists(src):
                    with open(src) as f, open('%s-%s.log' % (logs, name), 'a') as out:
                        shutil.copyfileobj(f, out)
        stack.close()


def adaptation(stats, sender_stats, cap_t):
    """Seconds from the cap until every later second has >= 25 fps and the sender stepped down."""
    after = [s for s in stats if s['T'] >= cap_t]
    full = max(y['send_width'] for y in sender_stats)
    for i, s in enumerate(after):
        rest = after[i:]
        stepped = any(x['send_width'] < full for x in sender_stats if cap_t <= x['T'] <= s['T'] + 0.5)
        if stepped and all(x['fps_in'] >= GOALS['fps_cap'] for x in rest):
            return s['T'] - cap_t, [x['fps_in'] for x in rest]
    return float('inf'), []


def print_header(what):
    """The run's first lines: what it measures, the machine and its load."""
    model = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo')
                  if l.startswith('model name')), 'unknown')
    print('# frontdesk %s' % what)
    print('# machine: %d cores, %s, %s; load average at start %s' % (
        os.cpu_count(), model, platform.platform(), ' '.join('%.2f' % x for x in os.getloadavg())))
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('build')
    ap.add_argument('--duration', type=int, default=60)
    ap.add_argument('--cap-duration', type=int, default=40)
    ap.add_argument('--logs', help='keep the agents\' debug logs in this directory')
    ap.add_argument('phases', nargs='*', default=['loss-480', 'loss-720', 'cap-720', 'cap-480'])
    opts = ap.parse_intermixed_args()
    print_header('calls on the wire: relay + 2 agents in 2 namespaces over veth; '
                 'loss by nftables, cap by tc tbf (both ways)')
    checks = []
    failures = []
    if opts.logs:
        os.makedirs(opts.logs, exist_ok=True)
        os.environ['G_MESSAGES_DEBUG'] = 'fd-call-engine'
        WireStack.lines = json_lines
    names = {'desk': 'desk (receives from the interpreter)', 'int': 'interpreter (receives from the desk)'}
    for phase in opts.phases:
        load_before = os.getloadavg()[0]
        kind, res = phase.split('-')
        logs = os.path.join(opts.logs, phase) if opts.logs else None
        size = '1280x720' if res == '720' else '640x480'
        if kind == 'loss':
            out, _ = run_retrying(phase, failures, size, opts.duration, logs=logs)
            print('\n## %s, 5 %% loss both ways, %d s call (load average %.1f before, %.1f after)'
                  % (size, opts.duration, load_before, os.getloadavg()[0]))
            for side, (stats, end) in out.items():
                fps = [s['fps_in'] for s in stats]
                print('   %-38s fps per second %s; average %.2f; longest gap %.0f ms; '
                      'NACKs %d' % (names[side], dist(fps), end['fps_in_avg'],
                                    end['longest_freeze_ms'], max(s['nack'] for s in stats)))
                checks.append(('%s %s: received fps (average) >= %.0f' % (phase, side, GOALS['fps_loss']),
                               end['fps_in_avg'], end['fps_in_avg'] >= GOALS['fps_loss']))
                checks.append(('%s %s: longest gap <= %.0f ms' % (phase, side, GOALS['freeze_ms']),
                               end['longest_freeze_ms'], end['longest_freeze_ms'] <= GOALS['freeze_ms']))
        else:
            out, cap_at = run_retrying(phase, failures, size, 0, before_cap=10, logs=logs,
                                       cap_duration=opts.cap_duration)
            print('\n## %s, 1 Mbit/s cap both ways after 10 s, for %d s (load average %.1f before, %.1f after)'
                  % (size, opts.cap_duration, load_before, os.getloadavg()[0]))
            for side, (stats, end) in out.items():
                other = out['int' if side == 'desk' else 'desk'][0]
                secs, rest = adaptation(stats, other, cap_at)
                widths = sorted({s['send_width'] for s in other if s['T'] >= cap_at})
                settled = [x for x in other if x['T'] >= cap_at + opts.cap_duration - 10]
                print('   %-38s adapted in %.1f s; after: fps %s; sender widths under the cap %s'
                      % (names[side], secs, dist(rest), widths))
                print('   %-38s the sender settled at (last 10 s): kbit/s sent median %.0f, widths %s'
                      % ('', percentile([x['kbps_out'] for x in settled], 50),
                         sorted({x['send_width'] for x in settled})))
                late = [x['fps_in'] for x in stats if x['T'] >= cap_at + 10]
                print('   %-38s from 10 s after the cap: fps %s; seconds under %.0f fps: %d of %d'
                      % ('', dist(late), GOALS['fps_cap'], sum(1 for f in late if f < GOALS['fps_cap']),
                         len(late)))
                steady = [x for x in other if x['T'] >= cap_at + 10]
                sent = [x['kbps_out'] for x in steady if x['kbps_out'] >= 0]
                target = [x['kbps_target'] for x in steady]
                print('   %-38s the sender from 10 s after the cap: kbit/s sent p10/median/p90 %s, '
                      'target %s' % ('', spread(sent), spread(target)))
                print('   %-38s per second from the cap: %s' % ('', ' '.join(
                    '%+.0f:%.0f/%d' % (x['T'] - cap_at, x['fps_in'], y['send_width'])
                    for x, y in zip(stats, other) if x['T'] >= cap_at - 3)))
                checks.append(('%s %s: adapts within %.0f s' % (phase, side, GOALS['adapt_s']),
                               secs, secs <= GOALS['adapt_s']))
                low = min(rest) if rest else 0
                checks.append(('%s %s: then every second >= %.0f fps (min)' % (phase, side, GOALS['fps_cap']),
                               low, low >= GOALS['fps_cap']))
        sys.stdout.flush()
    print('\n## Goals (issue 11.5)')
    ok_all = True
    for text, value, ok in checks:
        ok_all &= ok
        print('   %-58s %8.1f  %s' % (text, value, 'MEETS' if ok else 'MISSES'))
    print('   %-58s %8d  %s' % ('calls that failed (each phase retried, at most 3 calls)', len(failures),
                                 'MEETS' if not failures else 'MISSES'))
    for f in failures:
        print('     ' + f)
    ok_all &= not failures
    print('\n# result: %s' % ('all goals met' if ok_all else 'some goals missed'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
