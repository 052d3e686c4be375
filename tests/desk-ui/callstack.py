"""A throwaway relay (temp config, random tokens) and frontdesk-agent peers
for the desk UI tests. Everything listens on 127.0.0.1 inside the test's
private network namespace."""
import json
import os
import secrets
import socket
import subprocess
import tempfile
import threading
import time

from fdatspi import stop_process


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def hash_token(relay, token):
    out = subprocess.run([relay, "hash-token"], input=token + "\n", text=True,
                         capture_output=True, check=True).stdout
    return out.strip().split("=", 1)[1]


class Agent:
    """A frontdesk-agent whose JSON lines are collected as they arrive."""

    def __init__(self, exe, args, token):
        env = dict(os.environ, FRONTDESK_TOKEN=token)
        self.proc = subprocess.Popen([exe, *args], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        self.events = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stdout:
            try:
                ev = json.loads(line)
            except ValueError:
                continue
            with self.lock:
                self.events.append(ev)

    def wait_event(self, pred, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                for ev in self.events:
                    if pred(ev):
                        return ev
            time.sleep(0.2)
        return None

    def kill(self):
        """SIGKILL: the agent vanishes without saying goodbye."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self):
        stop_process(self.proc)


class Relay:
    def __init__(self, build_root):
        self.relay_exe = os.path.join(build_root, "src/relay/frontdesk-relay")
        self.agent_exe = os.path.join(build_root, "src/cli/agent/frontdesk-agent")
        self.dir = tempfile.mkdtemp(prefix="fd-desk-ui-")
        self.port = free_port()
        self.url = f"ws://127.0.0.1:{self.port}/ws"
        self.desk_token = secrets.token_urlsafe(24)
        self.interp_token = secrets.token_urlsafe(24)
        conf = os.path.join(self.dir, "relay.conf")
        with open(conf, "w") as f:
            f.write(f"[relay]\nlisten=127.0.0.1\nport={self.port}\n"
                    f"database={self.dir}/calls.sqlite3\nring-timeout=20\n\n"
                    f"[token desk-1]\nname=Desk 1\nrole=desk\n"
                    f"hash={hash_token(self.relay_exe, self.desk_token)}\n\n"
                    f"[token interp-1]\nname=Test Interpreter\nrole=interpreter\n"
                    f"languages=csl;en;ru\nhash={hash_token(self.relay_exe, self.interp_token)}\n")
        self.log = open(os.path.join(self.dir, "relay.log"), "w")
        self.proc = subprocess.Popen([self.relay_exe, "--config", conf], stdout=self.log,
                                     stderr=subprocess.STDOUT)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        self.agents = []

    def agent(self, role, *args):
        token = self.interp_token if role == "interpreter" else self.desk_token
        a = Agent(self.agent_exe, ["--relay", self.url, "--role", role,
                                   "--ice-address", "127.0.0.1", "--video", "test", *args], token)
        self.agents.append(a)
        return a

    def app_env(self, role="desk", test_media=True):
        """The relay settings build-aux/demo-stack.sh gives the app. test_media
        (a switch no user sets) sends a test picture and silence whatever the
        machine has; the tests that keep it say why."""
        env = {
            "FRONTDESK_RELAY_URL": self.url,
            "FRONTDESK_RELAY_TOKEN": self.desk_token if role == "desk" else self.interp_token,
            "FRONTDESK_ICE_ADDRESSES": "127.0.0.1",
        }
        if test_media:
            env["FRONTDESK_TEST_MEDIA"] = "1"
        return env

    def stop(self):
        for a in self.agents:
            a.stop()
        stop_process(self.proc)
        self.log.close()
