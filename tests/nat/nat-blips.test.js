// The NAT suite, network blips (issue 11, item 3): a desk (frontdesk-agent: FdRelayCall and the
// call engine) behind the hall's NAT in a call with an interpreter agent in the office.
// (a) The desk's relay connection is cut (nftables rejects the relay's port for a while): the
//     call goes on (frames keep coming both ways), the desk resumes the same call, the relay keeps
//     one call. (b) Cut for longer than the relay's 30 s grace: the call ends with a clear reason
//     on both sides. (c) The desk's address moves during the call: the desk reconnects at once,
//     the dead media is rebuilt through the relay (webrtcbin 1.22 has no ICE restart) and frames
//     come again (the gap is printed against the 5 s goal). (d) The relay is killed (SIGKILL, as a
//     crash) during the call and started again on the same port, configuration, database and
//     resume key: both sides resume the same call, frames never stop, the record is kept. (e) The
//     desk hangs up while its relay connection is cut: its call ends at once, the interpreter's
//     when the desk's connection is back. Runs in tests/netns-run.sh --nat.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const lib = require('../browser/lib.js');
const nat = require('./nat-lib.js');

const INTERPRETER = { id: 'int-li', name: 'Li', role: 'interpreter', token: 'li-token-0123456789abc' };
const DESK = { id: 'desk-1', name: 'Desk 1', role: 'desk', token: 'desk1-token-0123456789' };
const RELAY_PORT = 18901;
// The goal (issue 11: recovery within 5 s) is printed beside the measured gap, not asserted: the
// machines are shared and a timed assertion would fail on load alone (CONTRIBUTING). The test
// asserts that frames come back on a new media at all, within a bound far from the goal.
const GOAL_GAP_MS = 5000;
const BOUND_GAP_MS = 20000;

let servers, relay;
const started = [];

function agents (deskArgs = []) {
  const i = nat.agentIn(nat.NS.office, INTERPRETER.token,
                        ['--relay', relay.ws, '--role', 'interpreter', '--language', 'csl',
                         '--auto-answer', '--calls', '1']);
  const d = nat.agentIn(nat.NS.desk, DESK.token,
                        ['--relay', relay.ws, '--role', 'desk', '--language', 'csl', '--calls', '1',
                         ...deskArgs]);
  started.push(i, d);
  return { i, d };
}

// What each side and the relay said, for a failure's message.
function describe ({ i, d }) {
  const relayLog = relay.log.filter((l) => /call |desk-1|int-li/.test(l)).slice(-25).join('\n');
  return '\ndesk:\n' + d.describe() + '\ninterpreter:\n' + i.describe() + '\nrelay:\n' + relayLog;
}

// Waits for an agent's event; a timeout's message tells all three sides.
async function waitEvent (a, agent, name, pred, timeoutMs) {
  try {
    return await agent.waitEvent(name, pred, timeoutMs);
  } catch (e) {
    e.message += describe(a);
    throw e;
  }
}

async function stopAll () {
  while (started.length > 0) await started.pop().stop();
}

function inDesk (...argv) {
  execFileSync('ip', ['netns', 'exec', nat.NS.desk, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
}

// Rejects the desk's TCP to the relay's port (a reset, as a broken middlebox would), or lifts it.
const cutRelay = (on) => nat.cutTcp(nat.NS.desk, RELAY_PORT, on);

// The newest stats line of an agent and its frames received.
const framesIn = (a) => { const s = a.last('stats'); return s ? s.frames_in : 0; };

async function connected ({ i, d }) {
  await d.waitEvent('state', (l) => l.state === 'connected', 30000);
  await i.waitEvent('state', (l) => l.state === 'connected', 30000);
  await d.waitEvent('stats', (l) => l.frames_in > 30, 20000);
  await i.waitEvent('stats', (l) => l.frames_in > 30, 20000);
}

before(async () => {
  servers = await nat.startServers([INTERPRETER, DESK], RELAY_PORT);
  relay = servers.relay;
});

after(async () => {
  await stopAll();
  await nat.stopServers(servers);
});

test('a cut relay connection does not end the call; the desk resumes the same call', async () => {
  const a = agents(['--duration', '40']);
  await connected(a);
  const callsBefore = (await relay.health()).calls_today;
  const before = { d: framesIn(a.d), i: framesIn(a.i) };
  const detail = () => describe(a);

  cutRelay(true);
  const held = await waitEvent(a, a.d, 'reconnecting', (l) => l.on === 'true', 15000);
  await lib.sleep(6000);
  // Media is peer to peer: it went on while the desk had no relay.
  const during = { d: framesIn(a.d), i: framesIn(a.i) };
  let health = await relay.health();
  assert.equal(health.calls_connected, 1, 'the relay dropped the call' + detail());
  cutRelay(false);

  const back = await waitEvent(a, a.d, 'reconnecting', (l) => l.on === 'false', 40000);
  assert.equal(back.call, held.call, 'another call id after the resume' + detail());
  console.log(`# desk held the call ${(back.t - held.t).toFixed(1)} s; frames during the cut: ` +
              `desk +${during.d - before.d}, interpreter +${during.i - before.i}`);
  assert.ok(during.d - before.d > 60, 'the desk received no frames during the cut' + detail());
  assert.ok(during.i - before.i > 60, 'the interpreter received no frames during the cut' + detail());
  health = await relay.health();
  assert.equal(health.calls_connected, 1, detail());
  assert.equal(health.calls_today, callsBefore, 'the relay recorded another call' + detail());
  assert.equal(a.d.events('media-restart').length, 0, 'the media was rebuilt' + detail());
  assert.equal(a.d.events('call-ended').length, 0, detail());

  // Still the same call for both: the desk's hang-up (after --duration) ends it for the peer.
  const ended = await waitEvent(a, a.i, 'call-ended', () => true, 60000);
  assert.equal(ended.reason, 'hang-up', detail());
  assert.equal(await a.d.exited, 0, detail());
  await stopAll();
});

test('a cut longer than the 30 s grace ends the call with a clear reason', async () => {
  const a = agents(['--duration', '120']);
  await connected(a);
  const detail = () => describe(a);
  cutRelay(true);
  try {
    const held = await waitEvent(a, a.d, 'reconnecting', (l) => l.on === 'true', 15000);
    const lost = await waitEvent(a, a.i, 'peer-reconnecting', (l) => l.on === 'true', 20000);
    const iEnd = await a.i.waitEvent('call-ended', () => true, 45000);
    const dEnd = await a.d.waitEvent('call-ended', () => true, 45000);
    console.log(`# interpreter told ${(lost.t - held.t).toFixed(1)} s after the cut (idle timeout); ` +
                `call ended ${(iEnd.t - lost.t).toFixed(1)} s later (${iEnd.reason}); desk gave up ` +
                `${(dEnd.t - held.t).toFixed(1)} s after the cut (${dEnd.reason})`);
    assert.equal(iEnd.reason, 'peer-gone', detail());
    assert.equal(dEnd.reason, 'connection-lost', detail());
  } finally {
    cutRelay(false);
  }
  const health = await relay.health();
  assert.equal(health.calls_connected, 0, detail());
  await stopAll();
});

test('a moved desk address: the media is rebuilt and frames come again', async () => {
  const a = agents(['--duration', '30']);
  await connected(a);
  const callsBefore = (await relay.health()).calls_today;
  const detail = () => describe(a);
  const firstFrames = { d: a.d.events('first-frame').length, i: a.i.events('first-frame').length };

  inDesk('sysctl', '-qw', 'net.ipv4.conf.all.promote_secondaries=1');
  inDesk('sysctl', '-qw', 'net.ipv4.conf.eth0.promote_secondaries=1');
  inDesk('ip', 'addr', 'add', '10.10.0.3/24', 'dev', 'eth0');
  const moved = Date.now();
  inDesk('ip', 'addr', 'del', '10.10.0.2/24', 'dev', 'eth0');
  inDesk('ip', 'route', 'replace', 'default', 'via', '10.10.0.1');

  const gaps = {};
  for (const [who, agent] of [['desk', a.d], ['interpreter', a.i]]) {
    await lib.waitFor(`${who}'s first frame of the rebuilt media`,
                      () => agent.events('first-frame').length > firstFrames[who[0]], 30000, 20)
      .catch((e) => { e.message += detail(); throw e; });
    gaps[who] = Date.now() - moved;
  }
  const restarts = a.d.events('media-restart');
  const met = gaps.desk <= GOAL_GAP_MS && gaps.interpreter <= GOAL_GAP_MS;
  console.log(`# frames again after the address moved: desk ${gaps.desk} ms, interpreter ` +
              `${gaps.interpreter} ms (goal ${GOAL_GAP_MS} ms: ${met ? 'met' : 'missed'}); media ` +
              `restarts ${restarts.length}; load average ${require('node:os').loadavg()[0].toFixed(2)}`);
  assert.ok(restarts.length >= 1, 'no media restart' + detail());
  assert.equal(a.d.events('call-ended').length, 0, detail());
  assert.ok(gaps.desk <= BOUND_GAP_MS && gaps.interpreter <= BOUND_GAP_MS,
            `frames came back after ${gaps.desk} / ${gaps.interpreter} ms` + detail());
  const health = await relay.health();
  assert.equal(health.calls_connected, 1, detail());
  assert.equal(health.calls_today, callsBefore, 'the relay recorded another call' + detail());
  await stopAll();
});

// The agent's stats lines between its times t0 and t1 (seconds since it started) counted more
// frames each than the one before: the media never stopped.
function framesFlowed (agent, t0, t1) {
  const lines = agent.events('stats').filter((l) => l.t >= t0 && l.t <= t1);
  for (let k = 1; k < lines.length; k++) {
    if (!(lines[k].frames_in > lines[k - 1].frames_in)) {
      return { ok: false, lines: lines.length, at: lines[k].t };
    }
  }
  return { ok: lines.length >= 3, lines: lines.length };
}

test('a relay restart during the call: the same call goes on, its media never stops', async () => {
  const a = agents(['--duration', '45']);
  await connected(a);
  const callsBefore = (await relay.health()).calls_today;
  const detail = () => describe(a);
  const before = { d: framesIn(a.d), i: framesIn(a.i) };

  await nat.killRelay(relay);
  const killed = Date.now();
  const held = await waitEvent(a, a.d, 'reconnecting', (l) => l.on === 'true', 15000);
  const iHeld = await waitEvent(a, a.i, 'reconnecting', (l) => l.on === 'true', 15000);
  await lib.sleep(3000);
  const during = { d: framesIn(a.d), i: framesIn(a.i) };
  await relay.start();   // the same port, configuration, database and resume key

  const back = await waitEvent(a, a.d, 'reconnecting', (l) => l.on === 'false', 40000);
  const iBack = await waitEvent(a, a.i, 'reconnecting', (l) => l.on === 'false', 40000);
  console.log(`# relay down ${((Date.now() - killed) / 1000).toFixed(1)} s until both resumed; ` +
              `frames while it was down: desk +${during.d - before.d}, interpreter ` +
              `+${during.i - before.i}; load average ${require('node:os').loadavg()[0].toFixed(2)}`);
  assert.equal(back.call, held.call, 'the desk resumed another call id' + detail());
  assert.equal(iBack.call, iHeld.call, 'the interpreter resumed another call id' + detail());
  assert.equal(back.call, iBack.call, detail());
  for (const [who, agent, from, to] of [['desk', a.d, held, back], ['interpreter', a.i, iHeld, iBack]]) {
    const flow = framesFlowed(agent, from.t - 1, to.t + 1);
    assert.ok(flow.ok, `the ${who}'s frames stopped during the restart: ` + JSON.stringify(flow) +
              detail());
  }
  const health = await relay.health();
  assert.equal(health.calls_connected, 1, 'the restarted relay has no call' + detail());
  assert.equal(health.calls_today, callsBefore, 'the record was not kept as one call' + detail());
  assert.ok(relay.log.some((l) => l.includes(`call ${back.call}: rebuilt from its record`)),
            'the relay did not rebuild the call from its record' + detail());
  assert.equal(a.d.events('media-restart').length, 0, 'the media was rebuilt' + detail());
  assert.equal(a.d.events('call-ended').length, 0, detail());

  // Still one call: the desk's hang-up (after --duration) ends it for the peer.
  const ended = await waitEvent(a, a.i, 'call-ended', () => true, 60000);
  assert.equal(ended.reason, 'hang-up', detail());
  assert.equal(await a.d.exited, 0, detail());
  await stopAll();
});

test('a hang-up while the desk has no relay ends the call at once; the peer hears it when the ' +
     'desk is back', async () => {
  // A second call keeps the desk running after the first (it asks again, after the hang-up).
  const a = agents(['--duration', '14', '--calls', '2']);
  await connected(a);
  const detail = () => describe(a);
  let held, dEnd;
  cutRelay(true);
  try {
    held = await waitEvent(a, a.d, 'reconnecting', (l) => l.on === 'true', 15000);
    // --duration runs out while the call is held: ended here at once.
    dEnd = await waitEvent(a, a.d, 'call-ended', () => true, 30000);
    assert.equal(dEnd.reason, 'hang-up', detail());
    assert.ok(dEnd.t > held.t, 'the call ended before it was held' + detail());
    assert.equal(a.i.events('call-ended').length, 0, 'the interpreter heard of it already' + detail());
  } finally {
    cutRelay(false);
  }
  const lifted = Date.now();
  const iEnd = await waitEvent(a, a.i, 'call-ended', () => true, 40000);
  console.log(`# the interpreter heard the hang-up ${((Date.now() - lifted) / 1000).toFixed(1)} s ` +
              `after the desk's connection was allowed again (the desk's reconnect backoff); ` +
              `load average ${require('node:os').loadavg()[0].toFixed(2)}`);
  assert.equal(iEnd.reason, 'hang-up', detail());
  await stopAll();
});
