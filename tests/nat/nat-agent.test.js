// The NAT suite, engine ↔ engine: a desk (frontdesk-agent, FdRelayCall + the call engine) behind
// the hall's NAT calls an interpreter (frontdesk-agent --auto-answer) at home behind a symmetric
// NAT, or in an office behind a port-preserving NAT; the relay and coturn are on the public
// network. Through TURN when no direct path exists, directly when one does, and a clear failure
// within the 45 s set-up time when neither can work. Runs in tests/netns-run.sh --nat.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const lib = require('../browser/lib.js');
const nat = require('./nat-lib.js');

const INTERPRETER = { id: 'int-li', name: 'Li', role: 'interpreter', token: 'li-token-0123456789abc' };
const DESK = { id: 'desk-1', name: 'Desk 1', role: 'desk', token: 'desk1-token-0123456789' };

let servers, relay, coturn;
const started = [];

function interpreter (ns) {
  const a = nat.agentIn(ns, INTERPRETER.token, ['--relay', relay.ws, '--role', 'interpreter',
                                                 '--language', 'csl', '--auto-answer', '--calls', '1']);
  started.push(a);
  return a;
}

function desk (extra = []) {
  const a = nat.agentIn(nat.NS.desk, DESK.token, ['--relay', relay.ws, '--role', 'desk',
                                                   '--language', 'csl', '--calls', '1', ...extra]);
  started.push(a);
  return a;
}

// The selected pair as each agent saw it once connected (its stats lines), and frames received.
async function connectedPair (agent) {
  await agent.waitEvent('state', (l) => l.state === 'connected', 30000);
  const line = await agent.waitEvent('stats', (l) => l.local_candidate !== 'unknown' && l.frames_in > 0,
                                     20000);
  return nat.agentPair(line);
}

async function stopAll () {
  while (started.length > 0) await started.pop().stop();
}

before(async () => {
  servers = await nat.startServers([INTERPRETER, DESK]);
  relay = servers.relay;
  coturn = servers.coturn;
});

after(async () => {
  await stopAll();
  await nat.stopServers(servers);
});

test('through TURN when the interpreter is behind a symmetric NAT', async () => {
  const i = interpreter(nat.NS.home);
  await i.waitEvent('welcome');
  const d = desk(['--duration', '6']);
  const deskPair = await connectedPair(d);
  const interpreterPair = await connectedPair(i);
  assert.ok(deskPair.local === 'relay' || deskPair.remote === 'relay',
            `desk's selected pair has no relay candidate: ${JSON.stringify(deskPair)}`);
  assert.ok(interpreterPair.local === 'relay' || interpreterPair.remote === 'relay',
            `interpreter's selected pair has no relay candidate: ${JSON.stringify(interpreterPair)}`);
  // (A relay candidate exists only when coturn accepted the relay's credentials: an allocation
  // needs them under use-auth-secret.)
  assert.equal(await d.exited, 0, d.describe());
  await stopAll();
});

test('directly when both sides are behind port-preserving NATs', async () => {
  const i = interpreter(nat.NS.office);
  await i.waitEvent('welcome');
  const d = desk(['--duration', '6']);
  const deskPair = await connectedPair(d);
  const interpreterPair = await connectedPair(i);
  for (const [who, pair] of [['desk', deskPair], ['interpreter', interpreterPair]]) {
    assert.ok(['host', 'srflx', 'prflx'].includes(pair.local) && ['host', 'srflx', 'prflx'].includes(pair.remote),
              `${who}'s selected pair is not direct: ${JSON.stringify(pair)}`);
  }
  assert.equal(await d.exited, 0, d.describe());
  await stopAll();
});

test('fails with a clear error within 45 s when TURN is down and no direct path exists', async () => {
  await coturn.stop();
  const i = interpreter(nat.NS.home);
  await i.waitEvent('welcome');
  const d = desk();
  const accepted = await d.waitEvent('call-accepted', () => true, 20000);
  // One side gives up first (its ICE fails, or the 45 s set-up time runs out) with an error and
  // hangs up; the other's call ends with it.
  const ended = await d.waitEvent('call-end', () => true, 60000);
  const errors = [...d.events('error').map((l) => ({ ...l, side: 'desk' })),
                  ...i.events('error').map((l) => ({ ...l, side: 'interpreter' }))];
  console.log(`# ended ${(ended.t - accepted.t).toFixed(1)} s after call-accepted; errors: ` +
              errors.map((l) => `${l.side}: ${l.message}`).join('; '));
  const seconds = ended.t - accepted.t;
  const detail = '\ndesk:\n' + d.describe() + '\ninterpreter:\n' + i.describe();
  assert.ok(seconds <= 45.5, `the failure took ${seconds.toFixed(1)} s` + detail);
  assert.ok(errors.length > 0, 'no side reported an error' + detail);
  assert.match(errors[0].message, /No connection|media connection failed/, detail);
  for (const a of [d, i]) {
    assert.ok(!a.events('state').some((l) => l.state === 'connected'), 'the call connected anyway' + detail);
  }
  await stopAll();
});
