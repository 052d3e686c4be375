#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Real calls through frontdesk-relay between two frontdesk-agent processes.

Run inside a private network namespace (netns-run.sh): the relay listens on
127.0.0.1 and ICE uses 127.0.0.1 only. Starts and stops everything itself.
Every wait is bounded; a call that does not finish in time is a failure.

usage: test_agents_relay.py BUILD_ROOT [TEST...]
tests: call (both directions >= 25 fps over 5 s, chat round trip),
       real-time-text (drafts both ways while typing, then the finished message),
       recall (20 calls in a row, no fd or thread growth),
       no-interpreter (a desk nobody answers gets a clear error in bounded time)
"""
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

BUILD = sys.argv[1]
AGENT = os.path.join(BUILD, 'src/cli/agent/frontdesk-agent')
RELAY = os.path.join(BUILD, 'src/relay/frontdesk-relay')
DESK_TOKEN = 'desk-token-0123456789abcdef'
INT_TOKEN = 'interpreter-token-0123456789'


def hash_token(token):
    out = subprocess.run([RELAY, 'hash-token'], input=token + '\n', capture_output=True,
                         text=True, check=True, timeout=30).stdout
    line = [l for l in out.splitlines() if l.startswith('hash=')][0]
    return line[len('hash='):]


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]



def die_with_parent():
    """Child processes are killed if this script dies (e.g. a test timeout)."""
    ctypes.CDLL('libc.so.6', use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

class Stack:
    """A relay with one desk and one csl interpreter token, in a temp dir."""

    def __init__(self, listen='127.0.0.1', ring_timeout=5):
        self.dir = tempfile.mkdtemp(prefix='fd-call-test-')
        self.port = free_port()
        conf = os.path.join(self.dir, 'relay.conf')
        with open(conf, 'w') as f:
            f.write('[relay]\nlisten=%s\nport=%d\ndatabase=%s\nring-timeout=%d\n\n'
                    '[token desk-1]\nrole=desk\nname=Desk 1\nhash=%s\n\n'
                    '[token int-1]\nrole=interpreter\nname=Li\nlanguages=csl\nhash=%s\n'
                    % (listen, self.port, os.path.join(self.dir, 'calls.db'), ring_timeout,
                       hash_token(DESK_TOKEN), hash_token(INT_TOKEN)))
        self.relay_log = open(os.path.join(self.dir, 'relay.log'), 'w')
        self.relay = subprocess.Popen([RELAY, '--config', conf], stdout=self.relay_log,
                                      stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(('127.0.0.1', self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.relay.poll() is not None:
                    raise RuntimeError('relay did not start: ' + self.log())
                time.sleep(0.1)
        self.url = 'ws://127.0.0.1:%d/ws' % self.port
        self.procs = []

    def log(self):
        self.relay_log.flush()
        with open(os.path.join(self.dir, 'relay.log')) as f:
            return f.read()[-2000:]

    def agent(self, name, role, token, *args):
        out = open(os.path.join(self.dir, name + '.jsonl'), 'w')
        err = open(os.path.join(self.dir, name + '.err'), 'w')
        cmd = [AGENT, '--relay', self.url, '--role', role,
               '--ice-address', '127.0.0.1'] + list(args)
        # The token travels in the environment: the agent takes none from argv.
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, preexec_fn=die_with_parent,
                                env=dict(os.environ, FRONTDESK_TOKEN=token))
        self.procs.append(proc)
        return proc

    def lines(self, name):
        with open(os.path.join(self.dir, name + '.jsonl')) as f:
            return [json.loads(l) for l in f if l.strip()]

    def stderr(self, name):
        with open(os.path.join(self.dir, name + '.err')) as f:
            return f.read()[-1500:]

    def close(self):
        for proc in self.procs:  # agents a failed test left running
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if self.relay.poll() is None:
            self.relay.terminate()
            try:
                self.relay.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.relay.kill()
                self.relay.wait()
        self.relay_log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def wait(proc, seconds):
    try:
        return proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError('process did not finish within %d s' % seconds)


def fps_over(lines, seconds=5.0):
    """Received fps between two stats lines of a connected call >= seconds apart."""
    stats = [l for l in lines if l['event'] == 'stats' and l['state'] == 'connected'
             and l['frames_in'] > 0]
    best = None
    for i, a in enumerate(stats[1:], 1):  # skip the first line (key frame start)
        for b in stats[i + 1:]:
            if b['t'] - a['t'] >= seconds:
                fps = (b['frames_in'] - a['frames_in']) / (b['t'] - a['t'])
                best = fps if best is None else min(best, fps)
                break
    return best


def test_call(stack):
    interp = stack.agent('int', 'interpreter', INT_TOKEN, '--language', 'csl', '--auto-answer',
                         '--calls', '1', '--echo-chat')
    desk = stack.agent('desk', 'desk', DESK_TOKEN, '--language', 'csl', '--duration', '8',
                       '--calls', '1', '--chat', 'hello 你好')
    assert wait(desk, 90) == 0, 'desk agent failed: ' + stack.stderr('desk')
    assert wait(interp, 30) == 0, 'interpreter agent failed: ' + stack.stderr('int')
    d, i = stack.lines('desk'), stack.lines('int')
    fd, fi = fps_over(d), fps_over(i)
    print('# desk receives %.1f fps, interpreter receives %.1f fps (5 s windows)' % (fd, fi))
    assert fd is not None and fd >= 25, 'desk received %s fps' % fd
    assert fi is not None and fi >= 25, 'interpreter received %s fps' % fi
    assert any(l['event'] == 'chat' and l['text'] == 'hello 你好' for l in i), 'chat not received'
    assert any(l['event'] == 'chat' and l['text'] == 'echo: hello 你好' for l in d), \
        'chat reply not received'
    for lines in (d, i):
        summary = lines[-1]
        assert summary['event'] == 'summary' and summary['calls'] == 1 and \
            summary['calls_ok'] == 1, summary


def test_recall(stack):
    n = 20
    interp = stack.agent('int', 'interpreter', INT_TOKEN, '--language', 'csl', '--auto-answer',
                         '--calls', str(n))
    desk = stack.agent('desk', 'desk', DESK_TOKEN, '--language', 'csl', '--duration', '1',
                       '--calls', str(n))
    assert wait(desk, 300) == 0, 'desk agent failed: ' + stack.stderr('desk')
    assert wait(interp, 30) == 0, 'interpreter agent failed: ' + stack.stderr('int')
    for name in ('desk', 'int'):
        lines = stack.lines(name)
        ends = [l for l in lines if l['event'] == 'call-end']
        assert len(ends) == n and all(e['ok'] for e in ends), \
            '%s: %d calls, failed: %s' % (name, len(ends), [e for e in ends if not e['ok']][:2])
        # Resources after call 2 vs after the last call: nothing grows per call.
        fds = [e['fds'] for e in ends]
        threads = [e['threads'] for e in ends]
        print('# %s fds %s, threads %s' % (name, fds, threads))
        assert fds[-1] <= fds[1] + 2, '%s leaks file descriptors: %s' % (name, fds)
        assert threads[-1] <= threads[1] + 4, '%s leaks threads: %s' % (name, threads)


def test_no_interpreter(stack):
    # Nobody speaks Russian: the desk waits in the queue, then gives up clearly.
    start = time.monotonic()
    desk = stack.agent('desk', 'desk', DESK_TOKEN, '--language', 'ru', '--calls', '1',
                       '--max-wait', '3')
    status = wait(desk, 30)
    took = time.monotonic() - start
    lines = stack.lines('desk')
    assert status == 1, 'desk should fail, got %d' % status
    assert any(l['event'] == 'queued' for l in lines), 'desk was not queued'
    errors = [l for l in lines if l['event'] == 'error']
    assert errors and 'no interpreter accepted within 3 s' in errors[0]['message'], errors
    print('# gave up after %.1f s' % took)


def check_real_time_text(typist, reader, text):
    """The reader saw the typist's draft grow (only prefixes the typist typed, ending with the
    whole text), then the finished message, which cleared the draft. Returns delays in ms."""
    typed = {l['text']: l['mono_us'] for l in typist if l['event'] == 'typed'}
    drafts = [l for l in reader if l['event'] == 'peer-draft']
    shown = [l for l in drafts if l['text']]
    assert shown, 'no real-time text arrived'
    for l in shown:
        assert l['text'] in typed, 'a draft that was never typed: %r' % l['text']
    assert shown[-1]['text'] == text, 'the last draft was %r' % shown[-1]['text']
    assert len(shown) >= len(typed) // 2, 'only %d of %d drafts shown' % (len(shown), len(typed))
    chat = [l for l in reader if l['event'] == 'chat' and l['text'] == text]
    assert chat, 'the finished message did not arrive'
    cleared = [l for l in drafts if not l['text'] and l['mono_us'] >= shown[-1]['mono_us']]
    assert cleared, 'the draft was not cleared by the finished message'
    return [(l['mono_us'] - typed[l['text']]) / 1000 for l in shown]


def test_real_time_text(stack):
    # Both sides type at once; each sees the other's draft live and then the finished message.
    desk_text, int_text = '请问 where is window 5?', 'ok 好的, one moment'
    interp = stack.agent('int', 'interpreter', INT_TOKEN, '--language', 'csl', '--auto-answer',
                         '--calls', '1', '--type', int_text, '--type-interval', '120')
    desk = stack.agent('desk', 'desk', DESK_TOKEN, '--language', 'csl', '--duration', '10',
                       '--calls', '1', '--type', desk_text, '--type-interval', '150')
    assert wait(desk, 90) == 0, 'desk agent failed: ' + stack.stderr('desk')
    assert wait(interp, 30) == 0, 'interpreter agent failed: ' + stack.stderr('int')
    d, i = stack.lines('desk'), stack.lines('int')
    to_int = check_real_time_text(d, i, desk_text)
    to_desk = check_real_time_text(i, d, int_text)
    for name, delays in (('desk -> interpreter', to_int), ('interpreter -> desk', to_desk)):
        delays.sort()
        print('# %s: %d drafts shown, delay median %.1f ms, max %.1f ms (not a benchmark)' %
              (name, len(delays), delays[len(delays) // 2], delays[-1]))


TESTS = {'call': test_call, 'recall': test_recall, 'no-interpreter': test_no_interpreter,
         'real-time-text': test_real_time_text}


def tap_main(tests, make_stack):
    """Runs the tests named on the command line (default: all) as TAP, each with a fresh stack."""
    names = sys.argv[2:] or list(tests)
    print('1..%d' % len(names))
    failed = 0
    for n, name in enumerate(names, 1):
        stack = make_stack()
        try:
            tests[name](stack)
            print('ok %d %s' % (n, name))
        except Exception as e:  # noqa: BLE001 - report any failure as TAP
            failed += 1
            for line in str(e).splitlines():
                print('# ' + line)
            print('# relay log: ' + stack.log().replace('\n', '\n# '))
            print('not ok %d %s' % (n, name))
        finally:
            stack.close()
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(tap_main(TESTS, Stack))
