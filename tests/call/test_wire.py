#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Calls over a real link: loss and bandwidth made on the wire, not in the engine.

Run inside tests/netns-run.sh: the relay and the desk agent in this
namespace (10.99.0.1), the interpreter agent in a second namespace joined
by a veth pair (10.99.0.2, netns-run.sh --peer). Loss: nftables drops a
share of all UDP leaving each end (both directions); bandwidth: tc tbf on
both ends of the link (netns-run.sh --shape). Functional checks only (the
call stays up, frames come through); the figures and their goals are in
bench/call-wire. Not here: a 1 Mbit/s cap (tc tbf) under a 720p call. The
send size does step down under it, but the pictures did not get through on
the loaded machine this was written on (see docs/performance.md): a test
of it would fail today, so bench/call-wire's cap phases report it instead.

usage: test_wire.py BUILD_ROOT [TEST...]
tests: hd (1280x720 both ways over the link), loss (5 % both ways)
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_agents_relay import tap_main, wait  # noqa: E402
from wirelink import WireStack, call_ok, connected_stats  # noqa: E402


def run_call(stack, duration, size, settings):
    interp = stack.interpreter('--calls', '1', '--size', size)
    if settings:
        stack.shape_both(*settings)
    desk = stack.desk('--calls', '1', '--duration', str(duration), '--size', size)
    assert wait(desk, duration + 90) == 0, 'desk agent failed: ' + stack.stderr('desk')
    assert wait(interp, 30) == 0, 'interpreter agent failed: ' + stack.stderr('int')
    out = {}
    for name in ('desk', 'int'):
        lines = stack.lines(name)
        ok, end = call_ok(lines)
        assert ok, '%s: the call did not end well: %s' % (name, end)
        stats = connected_stats(lines)
        assert len(stats) >= duration - 4, '%s: only %d stats lines' % (name, len(stats))
        # Frames came through the call (no timed threshold: on a loaded
        # machine 720p stalls for seconds; bench/call-wire measures fps).
        assert stats[-1]['frames_in'] > stats[0]['frames_in'], \
            '%s: no frame after t=%.1f' % (name, stats[0]['t'])
        out[name] = stats
    return out


def test_hd(stack):
    res = run_call(stack, 12, '1280x720', [])
    for name, stats in res.items():
        sizes = {(s['recv_width'], s['recv_height']) for s in stats}
        print('# %s received sizes %s, fps %s' % (name, sorted(sizes),
                                                   [round(s['fps_in']) for s in stats]))
        assert (1280, 720) in sizes, '%s never received 1280x720: %s' % (name, sizes)


def test_loss(stack):
    res = run_call(stack, 12, '640x480', ['loss=5'])
    for name, stats in res.items():
        nack = max(s['nack'] for s in stats)
        print('# %s: NACKs sent %d, fps %s' % (name, nack, [round(s['fps_in']) for s in stats]))
        # The link really lost packets: the receiver asked for repairs.
        assert nack > 0, '%s sent no NACK: was anything lost?' % name


TESTS = {'hd': test_hd, 'loss': test_loss}


def main():
    for tool in ('nft', 'tc', 'nsenter'):
        if subprocess.run(['sh', '-c', 'command -v ' + tool], capture_output=True).returncode:
            print('1..0 # SKIP %s is not installed' % tool)
            return 77
    return tap_main(TESTS, WireStack)


if __name__ == '__main__':
    sys.exit(main())
