// nat-lib.js: the pieces of the NAT suite (tests/nat): a relay on the public network that hands
// out TURN credentials, a real coturn started by the test (never Debian's service), and agents or
// Chromium started in the namespaces that netns-run.sh --nat made.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const lib = require('../browser/lib.js');

const PUBLIC_IP = process.env.FD_NAT_PUBLIC_IP;
const NS = { desk: process.env.FD_NAT_NS_DESK, home: process.env.FD_NAT_NS_HOME,
             office: process.env.FD_NAT_NS_OFFICE };
const TURNSERVER = process.env.FD_TURNSERVER || '/usr/bin/turnserver';
const TURN_PORT = 3478;

function checkNat () {
  if (!PUBLIC_IP || !NS.desk || !NS.home || !NS.office) {
    return 'not inside the NAT topology (run through tests/netns-run.sh --nat)';
  }
  if (!fs.existsSync(TURNSERVER)) return `${TURNSERVER} missing (apt-get install coturn)`;
  return lib.checkEnvironment();
}

// coturn with the REST scheme (use-auth-secret): the configuration docs/relay.md shows, on the
// public address, logging to stdout (kept in .log).
class Coturn {
  constructor (secret) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-coturn-'));
    this.log = [];
    this.proc = null;
    this.config = path.join(this.dir, 'turnserver.conf');
    fs.writeFileSync(this.config, [
      `listening-ip=${PUBLIC_IP}`, `relay-ip=${PUBLIC_IP}`, `listening-port=${TURN_PORT}`,
      'min-port=49152', 'max-port=49999',
      'realm=frontdesk.test', 'use-auth-secret', `static-auth-secret=${secret}`,
      'fingerprint', 'no-tcp-relay', 'no-tls', 'no-dtls', 'no-cli', 'no-multicast-peers',
      'denied-peer-ip=10.0.0.0-10.255.255.255', 'denied-peer-ip=172.16.0.0-172.31.255.255',
      'denied-peer-ip=192.168.0.0-192.168.255.255', 'denied-peer-ip=127.0.0.0-127.255.255.255',
      `pidfile=${path.join(this.dir, 'turnserver.pid')}`,
      `userdb=${path.join(this.dir, 'turndb')}`, 'log-file=stdout', 'simple-log',
    ].join('\n') + '\n', { mode: 0o600 });
  }

  async start () {
    this.proc = spawn(TURNSERVER, ['-c', this.config], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const s of [this.proc.stdout, this.proc.stderr]) {
      readline.createInterface({ input: s }).on('line', (l) => this.log.push(l));
    }
    const proc = this.proc;
    await lib.waitFor('coturn to listen', () => {
      if (proc.exitCode !== null) throw new Error('turnserver exited: ' + this.log.join('\n'));
      return this.log.some((l) => /Total General servers|IPv4. UDP listener opened on/.test(l));
    }, 15000);
  }

  async stop () {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    const done = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await Promise.race([done, lib.sleep(5000)]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }

  cleanup () { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

// A relay on the public address that hands out TURN credentials for coturn; the shared secret
// in a file beside its configuration (turn-secret-file), as docs/relay.md says.
function natRelay (identities, secret, port = 18900) {
  const secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-turn-secret-'));
  const secretFile = path.join(secretDir, 'turn-secret');
  fs.writeFileSync(secretFile, secret + '\n', { mode: 0o600 });
  const relay = new lib.Relay(identities, {
    listen: PUBLIC_IP, port,
    relayLines: [`turn-uris=turn:${PUBLIC_IP}:${TURN_PORT}?transport=udp`,
                 `stun-uris=stun:${PUBLIC_IP}:${TURN_PORT}`, `turn-secret-file=${secretFile}`,
                 'turn-ttl=600'],
  });
  const cleanup = relay.cleanup.bind(relay);
  relay.cleanup = () => { cleanup(); fs.rmSync(secretDir, { recursive: true, force: true }); };
  return relay;
}

function newSecret () { return crypto.randomBytes(24).toString('base64'); }

// The public network's servers for a test or benchmark: coturn, then a relay handing out
// credentials for it. stopServers() takes down whatever started.
async function startServers (identities, port) {
  const problem = checkNat();
  if (problem) throw new Error(problem);
  const secret = newSecret();
  const servers = { coturn: new Coturn(secret), relay: null };
  try {
    await servers.coturn.start();
    servers.relay = natRelay(identities, secret, port);
    await servers.relay.start();
  } catch (e) {
    await stopServers(servers);
    throw e;
  }
  return servers;
}

async function stopServers (servers) {
  if (!servers) return;
  if (servers.relay) { await servers.relay.stop(); servers.relay.cleanup(); }
  await servers.coturn.stop();
  servers.coturn.cleanup();
}

// The selected pair in an agent's stats line.
const agentPair = (line) => ({ local: line.local_candidate, remote: line.remote_candidate });

// frontdesk-agent in namespace `ns`, with the defaults a desk or interpreter uses (no ICE address:
// it gathers on the namespace's own interface like on a real machine).
function agentIn (ns, token, args) {
  return lib.Agent.withToken(token, args, {}, ['ip', 'netns', 'exec', ns]);
}

// A launcher for playwright that starts Debian's chromium in namespace `ns`.
function chromiumIn (ns) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-chromium-ns-'));
  const file = path.join(dir, 'chromium');
  fs.writeFileSync(file, `#!/bin/sh\nexec ip netns exec '${ns}' '${lib.CHROMIUM}' "$@"\n`,
                   { mode: 0o755 });
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// The candidate types of the selected pair of the page's RTCPeerConnection (pcExpr names it).
async function browserPair (page, pcExpr) {
  return page.evaluate(async (expr) => {
    // eslint-disable-next-line no-eval
    const pc = eval(expr);
    const stats = new Map();
    (await pc.getStats()).forEach((s) => stats.set(s.id, s));
    let pair = null;
    for (const s of stats.values()) {
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
    }
    if (!pair) return null;
    const local = stats.get(pair.localCandidateId);
    const remote = stats.get(pair.remoteCandidateId);
    return { local: local ? local.candidateType : null, remote: remote ? remote.candidateType : null };
  }, pcExpr);
}

// Rejects namespace `ns`'s TCP to `port` (a reset, as a broken middlebox would), or lifts that.
function cutTcp (ns, port, on) {
  if (on) {
    execFileSync('ip', ['netns', 'exec', ns, 'nft', '-f', '-'], {
      input: `table inet blip {\n chain out {\n  type filter hook output priority filter;\n` +
             `  tcp dport ${port} reject with tcp reset\n }\n}\n`,
    });
  } else {
    execFileSync('ip', ['netns', 'exec', ns, 'nft', 'delete', 'table', 'inet', 'blip'],
                 { stdio: ['ignore', 'pipe', 'pipe'] });
  }
}

// Kills the relay's process (SIGKILL: no goodbye to anyone, as a crash) and waits for it to go;
// relay.start() then starts it again on the same port, configuration, database and resume key.
async function killRelay (relay, signal = 'SIGKILL') {
  const proc = relay.proc;
  const gone = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill(signal);
  await gone;
}

module.exports = { PUBLIC_IP, NS, checkNat, Coturn, natRelay, newSecret, startServers, stopServers,
                   agentIn, chromiumIn, browserPair, agentPair, cutTcp, killRelay };
