#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark of interpreter calls: relay + desk agent + interpreter agent.

Runs inside a private network namespace (bench/call/run.sh or
tests/call/netns-run.sh): relay and ICE on 127.0.0.1 only.

Phases (fresh agent processes each):
  setup  N short calls: set-up time = desk's call request -> first remote frame
  loss0  one call of D s, no loss: received fps, freezes, glass-to-glass latency, CPU
  loss5  one call of D s, 5 % random loss on every sent RTP packet of both ends
         (netsim after the retransmission buffer, so NACK can repair)
Latency: each sender draws its capture time (CLOCK_MONOTONIC) as a QR code into
the frame; the receiver decodes it with zbar after decoding the video. Same
machine, same clock.

usage: bench-call.py BUILD_ROOT [--duration S] [--setup-calls N]
Prints median / p99 / min / max and the comparison with the issue's goals.
"""
import argparse
import ctypes
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

GOALS = {
    'setup_ms': 500.0,       # request -> first remote frame, median
    'fps_loss0': 29.0,       # received fps at 0 % loss
    'fps_loss5': 27.0,       # received fps at 5 % loss
    'freeze_ms': 500.0,      # no gap between frames longer than this
    'latency_ms': 80.0,      # glass-to-glass, median
}
DESK_TOKEN = 'bench-desk-token-0123456789'
INT_TOKEN = 'bench-interpreter-token-0123'


def percentile(values, pct):
    if not values:
        return float('nan')
    values = sorted(values)
    rank = max(1, min(len(values), int(pct / 100.0 * len(values) + 0.999999)))
    return values[rank - 1]


def dist(values):
    return {'n': len(values), 'median': percentile(values, 50), 'p99': percentile(values, 99),
            'min': min(values) if values else float('nan'),
            'max': max(values) if values else float('nan')}


def fmt(d, unit=''):
    return 'median %7.1f  p99 %7.1f  min %7.1f  max %7.1f %s (n=%d)' % (
        d['median'], d['p99'], d['min'], d['max'], unit, d['n'])



def die_with_parent():
    """Child processes are killed if this script dies (e.g. a test timeout)."""
    ctypes.CDLL('libc.so.6', use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

class Stack:
    def __init__(self, build):
        self.build = build
        self.agent_bin = os.path.join(build, 'src/cli/agent/frontdesk-agent')
        relay = os.path.join(build, 'src/relay/frontdesk-relay')
        self.dir = tempfile.mkdtemp(prefix='fd-bench-call-')

        def hash_token(token):
            out = subprocess.run([relay, 'hash-token'], input=token + '\n', text=True,
                                 capture_output=True, check=True, timeout=30).stdout
            return [l for l in out.splitlines() if l.startswith('hash=')][0][5:]

        with socket.socket() as s:
            s.bind(('127.0.0.1', 0))
            port = s.getsockname()[1]
        conf = os.path.join(self.dir, 'relay.conf')
        with open(conf, 'w') as f:
            f.write('[relay]\nlisten=127.0.0.1\nport=%d\ndatabase=%s\n\n'
                    '[token desk-1]\nrole=desk\nhash=%s\n\n'
                    '[token int-1]\nrole=interpreter\nlanguages=csl\nhash=%s\n'
                    % (port, os.path.join(self.dir, 'calls.db'), hash_token(DESK_TOKEN),
                       hash_token(INT_TOKEN)))
        self.relay = subprocess.Popen([relay, '--config', conf], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(('127.0.0.1', port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit('relay did not start')
                time.sleep(0.1)
        self.url = 'ws://127.0.0.1:%d/ws' % port
        self.procs = []

    def agent(self, name, role, token, args):
        path = os.path.join(self.dir, name + '.jsonl')
        cmd = [self.agent_bin, '--relay', self.url, '--role', role,
               '--language', 'csl', '--ice-address', '127.0.0.1'] + args
        proc = subprocess.Popen(cmd, stdout=open(path, 'w'), stderr=subprocess.DEVNULL,
                                preexec_fn=die_with_parent,
                                env=dict(os.environ, FRONTDESK_TOKEN=token))
        self.procs.append(proc)
        return proc, path

    def pair(self, interp_args, desk_args, timeout):
        interp, ipath = self.agent('int', 'interpreter', INT_TOKEN, ['--auto-answer'] + interp_args)
        time.sleep(0.5)  # signed in before the desk asks: set-up excludes queueing
        desk, dpath = self.agent('desk', 'desk', DESK_TOKEN, desk_args)
        for proc in (desk, interp):
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        load = lambda p: [json.loads(l) for l in open(p) if l.strip()]
        return load(dpath), load(ipath)

    def close(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.relay.terminate()
        try:
            self.relay.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.relay.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def summary(lines):
    s = [l for l in lines if l['event'] == 'summary']
    return s[-1] if s else None


def per_second_fps(lines):
    """fps_in of each stats line of the connected call, after its first second."""
    stats = [l for l in lines if l['event'] == 'stats' and l['state'] == 'connected'
             and l['fps_in'] >= 0 and l['frames_in'] > 0]
    return [l['fps_in'] for l in stats[2:]]


def long_call(stack, duration, loss):
    common = ['--stamp', '--read-stamps', '--loss', str(loss)]
    desk, interp = stack.pair(common + ['--calls', '1'],
                              common + ['--calls', '1', '--duration', str(duration)],
                              duration + 60)
    out = {}
    for name, lines in (('desk', desk), ('interpreter', interp)):
        ends = [l for l in lines if l['event'] == 'call-end']
        summ = summary(lines)
        if not ends or not summ or not ends[0]['ok']:
            errors = [l.get('message') for l in lines if l['event'] == 'error']
            raise SystemExit('%s: the %d %% loss call failed: %s' % (name, loss, errors))
        out[name] = {
            'fps_avg': ends[0]['fps_in_avg'],
            'fps': dist(per_second_fps(lines)),
            'longest_freeze_ms': ends[0]['longest_freeze_ms'],
            'freezes': ends[0]['freezes'],
            'latency': summ['latency_ms'],
            'cpu_pct': summ['cpu_pct'],
            'nack': max([l['nack'] for l in lines if l['event'] == 'stats'] or [0]),
            'loss_pct': max([l['loss_pct'] for l in lines if l['event'] == 'stats'] or [0]),
        }
    return out


def machine_line():
    """'# machine: …' with cores, CPU model, platform and the load average now."""
    model = 'unknown'
    for line in open('/proc/cpuinfo'):
        if line.startswith('model name'):
            model = line.split(':', 1)[1].strip()
            break
    return '# machine: %d cores, %s, %s; load average at start %s' % (
        os.cpu_count(), model, platform.platform(), ' '.join('%.2f' % x for x in os.getloadavg()))


def verdict(ok):
    return 'MEETS' if ok else 'MISSES'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('build')
    ap.add_argument('--duration', type=float, default=60)
    ap.add_argument('--setup-calls', type=int, default=10)
    opts = ap.parse_args()

    print('# frontdesk call benchmark: relay + desk agent + interpreter agent, 640x480@30 VP8')
    print(machine_line())
    sys.stdout.flush()

    stack = Stack(opts.build)
    try:
        n = opts.setup_calls
        desk, interp = stack.pair(['--calls', str(n)], ['--calls', str(n), '--duration', '1'],
                                  n * 10 + 60)
        setups = [e['setup_ms'] for e in desk if e['event'] == 'call-end' and e['ok']]
        if len(setups) != n:
            raise SystemExit('set-up phase: only %d of %d calls succeeded' % (len(setups), n))
        setup = dist(setups)
        loss0 = long_call(stack, opts.duration, 0)
        loss5 = long_call(stack, opts.duration, 5)
    finally:
        stack.close()

    print('\n## Set-up time (desk request -> first remote frame), %d calls' % setup['n'])
    print('   %s' % fmt(setup, 'ms'))
    rows = []
    for label, res, goal in (('0 % loss', loss0, GOALS['fps_loss0']),
                             ('5 % loss', loss5, GOALS['fps_loss5'])):
        print('\n## %s, %.0f s call' % (label, opts.duration))
        for side in ('desk', 'interpreter'):
            r = res[side]
            print('   %-11s received fps: average %.2f; per second %s' % (side, r['fps_avg'], fmt(r['fps'])))
            print('   %-11s longest gap between frames %.0f ms, gaps > 200 ms: %d; '
                  'NACKs sent %d, loss left after repair (stats) %.1f %%' % (side, r['longest_freeze_ms'], r['freezes'],
                                                         r['nack'], r['loss_pct']))
            lat = r['latency']
            print('   %-11s glass-to-glass latency (peer -> %s): median %.1f p99 %.1f min %.1f '
                  'max %.1f ms (n=%d)' % (side, side, lat['median'], lat['p99'], lat['min'],
                                          lat['max'], lat['n']))
            print('   %-11s CPU %.1f %% of one core (whole process, incl. QR stamping/reading)'
                  % (side, r['cpu_pct']))
        rows.append((label, res, goal))

    print('\n## Goals (issue 4)')
    ok_all = True
    check = []
    check.append(('set-up median <= %.0f ms' % GOALS['setup_ms'], setup['median'],
                  setup['median'] <= GOALS['setup_ms']))
    for label, res, goal in rows:
        worst = min(res['desk']['fps_avg'], res['interpreter']['fps_avg'])
        check.append(('received fps >= %.0f at %s (worse direction, average)' % (goal, label),
                      worst, worst >= goal))
        gap = max(res['desk']['longest_freeze_ms'], res['interpreter']['longest_freeze_ms'])
        check.append(('no freeze > %.0f ms at %s (longest gap)' % (GOALS['freeze_ms'], label),
                      gap, gap <= GOALS['freeze_ms']))
    for label, res, goal in rows:
        med = max(res['desk']['latency']['median'], res['interpreter']['latency']['median'])
        check.append(('latency median <= %.0f ms at %s (worse direction)' % (GOALS['latency_ms'], label),
                      med, 0 <= med <= GOALS['latency_ms']))
    for text, value, ok in check:
        ok_all &= ok
        print('   %-60s %8.1f  %s' % (text, value, verdict(ok)))
    print('\n# result: %s' % ('all goals met' if ok_all else 'some goals missed'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
