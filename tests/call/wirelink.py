# SPDX-License-Identifier: GPL-3.0-or-later
"""Two frontdesk-agent processes in two network namespaces joined by a veth link.

Shared by tests/call/test_wire.py and bench/call-wire/bench-wire.py. Runs
inside tests/netns-run.sh (namespace "near": relay + desk agent on
10.99.0.1); the interpreter agent runs in a second namespace made by
`netns-run.sh --peer` (10.99.0.2). Loss and bandwidth are made on the link
with `netns-run.sh --shape` (nftables and tc tbf), never by the engine.
Everything is bounded in time and stopped by close().
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time

from test_agents_relay import AGENT, RELAY, DESK_TOKEN, INT_TOKEN, die_with_parent, hash_token

NETNS_RUN = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'netns-run.sh')
NEAR, FAR = '10.99.0.1', '10.99.0.2'


def shape(target, *settings):
    """target 'near' or the peer's pid; settings like 'loss=5', 'rate=1mbit', 'clear'."""
    subprocess.run([NETNS_RUN, '--shape', str(target)] + list(settings), check=True, timeout=30)


class WireStack:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='fd-wire-')
        with socket.socket() as s:
            s.bind(('127.0.0.1', 0))
            self.port = s.getsockname()[1]
        conf = os.path.join(self.dir, 'relay.conf')
        with open(conf, 'w') as f:
            # 0.0.0.0 inside the private namespace: its loopback and fd-near only.
            f.write('[relay]\nlisten=0.0.0.0\nport=%d\ndatabase=%s\nring-timeout=10\n\n'
                    '[token desk-1]\nrole=desk\nname=Desk 1\nhash=%s\n\n'
                    '[token int-1]\nrole=interpreter\nname=Li\nlanguages=csl\nhash=%s\n'
                    % (self.port, os.path.join(self.dir, 'calls.db'),
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
                    raise RuntimeError('relay did not start')
                time.sleep(0.1)
        self.procs = []
        self.started = {}
        self.peer_pid = None

    def _agent(self, name, role, token, address, wrapper, args):
        out = open(os.path.join(self.dir, name + '.jsonl'), 'w')
        err = open(os.path.join(self.dir, name + '.err'), 'w')
        cmd = wrapper + [AGENT, '--relay', 'ws://%s:%d/ws' % (NEAR, self.port), '--role', role,
                         '--language', 'csl', '--ice-address', address] + list(args)
        env = dict(os.environ, FRONTDESK_TOKEN=token,
                   FD_NETNS_PEER_PIDFILE=os.path.join(self.dir, 'peer.pid'))
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, preexec_fn=die_with_parent, env=env)
        self.started[name] = time.monotonic()  # the agent's "t" counts from about here
        self.procs.append(proc)
        return proc

    def interpreter(self, *args):
        """The interpreter agent, auto-answering, in the far namespace."""
        proc = self._agent('int', 'interpreter', INT_TOKEN, FAR, [NETNS_RUN, '--peer'],
                           ['--auto-answer'] + list(args))
        pidfile = os.path.join(self.dir, 'peer.pid')
        deadline = time.monotonic() + 15
        while not (os.path.exists(pidfile) and open(pidfile).read().strip()):
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError('the peer namespace did not come up: ' + self.stderr('int'))
            time.sleep(0.05)
        self.peer_pid = int(open(pidfile).read())
        return proc

    def desk(self, *args):
        return self._agent('desk', 'desk', DESK_TOKEN, NEAR, [], list(args))

    def shape_both(self, *settings):
        """The same shaping on both ends: both directions of the link."""
        shape('near', *settings)
        shape(self.peer_pid, *settings)

    def lines(self, name):
        with open(os.path.join(self.dir, name + '.jsonl')) as f:
            return [json.loads(l) for l in f if l.strip()]

    def stderr(self, name):
        with open(os.path.join(self.dir, name + '.err')) as f:
            return f.read()[-1500:]

    def close(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()  # netns-run.sh --peer passes it on to its agent
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
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


def connected_stats(lines):
    """The stats lines of the connected call, after its first second."""
    stats = [l for l in lines if l['event'] == 'stats' and l['state'] == 'connected'
             and l['frames_in'] > 0]
    return stats[1:]


def call_ok(lines):
    ends = [l for l in lines if l['event'] == 'call-end']
    return bool(ends) and ends[0]['ok'], ends[0] if ends else None
