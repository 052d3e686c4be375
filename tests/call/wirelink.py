# SPDX-License-Identifier: GPL-3.0-or-later
"""Two frontdesk-agent processes in two network namespaces joined by a veth link.

Shared by tests/call/test_wire.py and bench/call-wire/bench-wire.py. Runs
inside tests/netns-run.sh (namespace "near": relay + desk agent on
10.99.0.1); the interpreter agent runs in a second namespace made by
`netns-run.sh --peer` (10.99.0.2). Loss and bandwidth are made on the link
with `netns-run.sh --shape` (nftables and tc tbf), never by the engine.
Everything is bounded in time and stopped by close().
"""
import os
import signal
import subprocess
import time

from test_agents_relay import AGENT, DESK_TOKEN, INT_TOKEN, Stack, die_with_parent

NETNS_RUN = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'netns-run.sh')
NEAR, FAR = '10.99.0.1', '10.99.0.2'


def shape(target, *settings):
    """target 'near' or the peer's pid; settings like 'loss=5', 'rate=1mbit', 'clear'."""
    subprocess.run([NETNS_RUN, '--shape', str(target)] + list(settings), check=True, timeout=30)


def near_lossy():
    """Whether this namespace still has netns-run.sh's loss rule (its nftables table)."""
    return subprocess.run(['nft', 'list', 'table', 'netdev', 'fdshape'], capture_output=True,
                          timeout=30).returncode == 0


class WireStack(Stack):
    def __init__(self):
        # 0.0.0.0 inside the private namespace: its loopback and fd-near only.
        super().__init__(listen='0.0.0.0', ring_timeout=10)
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
        # Each call starts on a clean link, whatever the call before it shaped (close()).
        if near_lossy():
            raise RuntimeError('the loss rule of an earlier call is still on the link')
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

    def why(self, name, proc):
        """What there is to say about an agent that failed: its exit status
        (a signal by name), its last output lines and its stderr."""
        rc = proc.poll()
        if rc is not None and rc < 0:
            try:
                status = 'killed by %s' % signal.Signals(-rc).name
            except ValueError:
                status = 'killed by signal %d' % -rc
        else:
            status = 'exit status %s' % rc
        # netns-run.sh --peer reports a signal of its agent as 128 + n.
        if rc is not None and rc > 128:
            status += ' (signal %d in the peer namespace?)' % (rc - 128)
        with open(os.path.join(self.dir, name + '.jsonl')) as f:
            tail = f.read().splitlines()[-3:]
        return '%s; last lines: %s; stderr: %s' % (
            status, ' | '.join(tail) or '(none)', self.stderr(name) or '(empty)')

    def shape_both(self, *settings):
        """The same shaping on both ends: both directions of the link."""
        shape('near', *settings)
        shape(self.peer_pid, *settings)

    def close(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()  # netns-run.sh --peer passes it on to its agent
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
        # The far end's shaping goes with its namespace; the near end's loss rule would outlive
        # this call (an nftables table bound to the device's name) and drop the next call's
        # packets from the desk: the cap calls after the loss calls of a bench run had 5 % loss
        # one way.
        shape('near', 'clear')
        super().close()


def wait_connected(stack, name, timeout):
    """Waits (bounded) for the agent's first stats line of a connected call with frames."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if connected_stats(stack.lines(name)):
                return True
        except ValueError:
            pass  # a line being written
        time.sleep(0.2)
    return False


def connected_stats(lines):
    """The stats lines of the connected call, after its first second."""
    stats = [l for l in lines if l['event'] == 'stats' and l['state'] == 'connected'
             and l['frames_in'] > 0]
    return stats[1:]


def call_ok(lines):
    ends = [l for l in lines if l['event'] == 'call-end']
    return bool(ends) and ends[0]['ok'], ends[0] if ends else None
