// The NAT suite with the browser console as the interpreter: Chromium (Debian's, headless) in the
// home network behind the symmetric NAT or in the office behind a port-preserving one, the desk
// (frontdesk-agent: FdRelayCall + the call engine) behind the hall's NAT, the relay (which serves
// the console and hands out TURN credentials) and coturn on the public network.
// Runs in tests/netns-run.sh --nat.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const lib = require('../browser/lib.js');
const nat = require('./nat-lib.js');

const INTERPRETER = { id: 'int-anna', name: 'Anna', role: 'interpreter', token: 'anna-token-0123456789' };
const DESK = { id: 'desk-1', name: 'Desk 1', role: 'desk', token: 'desk1-token-0123456789' };
const PC = 'fdConsole.call.pc';

let servers, relay, coturn;
const cleanups = [];

// A console signed in from namespace `ns`. The page comes over plain http from a non-local
// address, which is no secure context: the flag stands in for the https a hall's relay has.
async function consoleIn (ns) {
  const launcher = nat.chromiumIn(ns);
  cleanups.push(launcher.cleanup);
  const browser = await lib.launchBrowser(
    [`--unsafely-treat-insecure-origin-as-secure=${relay.url.replace(/\/$/, '')}`], launcher.file);
  cleanups.push(() => browser.close());
  const page = await browser.context.newPage();
  await page.goto(relay.url + '?lang=en');
  await lib.signIn(page, INTERPRETER.token, ['csl']);
  return page;
}

function desk (extra = []) {
  const a = nat.agentIn(nat.NS.desk, DESK.token, ['--relay', relay.ws, '--role', 'desk',
                                                   '--language', 'csl', '--calls', '1', ...extra]);
  cleanups.push(() => a.stop());
  return a;
}

async function answer (page) {
  await page.waitForSelector('#incoming:not([hidden])', { timeout: 20000 });
  await page.click('#accept');
  await page.waitForSelector('#call:not([hidden])');
}

// Both ends connected with video: the selected pair as Chromium and as the engine see it.
async function connectedPairs (page, agent) {
  await agent.waitEvent('first-frame', () => true, 45000);
  await page.waitForFunction(() => fdConsole.call && fdConsole.call.stats &&
                             fdConsole.call.stats.framesDecoded > 10, null, { timeout: 45000 });
  const browserPair = await lib.waitFor('a selected pair in Chromium', () => nat.browserPair(page, PC));
  const line = await agent.waitEvent('stats', (l) => l.local_candidate !== 'unknown' && l.frames_in > 0);
  return { browser: browserPair, desk: nat.agentPair(line) };
}

// The interpreter hangs up; the desk's one call ends normally.
async function hangUp (page, agent) {
  await page.click('#hangup');
  await agent.waitEvent('call-ended', (l) => l.reason === 'hang-up');
  assert.equal(await agent.exited, 0, agent.describe());
}

async function cleanupAll () {
  while (cleanups.length > 0) await cleanups.pop()();
}

before(async () => {
  servers = await nat.startServers([INTERPRETER, DESK]);
  relay = servers.relay;
  coturn = servers.coturn;
});

after(async () => {
  await cleanupAll();
  await nat.stopServers(servers);
});

test('the console behind a symmetric NAT connects through TURN', async () => {
  const page = await consoleIn(nat.NS.home);
  // The relay's credentials reached the page's RTCPeerConnection (no password stored anywhere).
  const d = desk(['--duration', '0']);
  await answer(page);
  await page.waitForFunction(() => fdConsole.call, null, { timeout: 20000 });
  const iceServers = await page.evaluate(() => fdConsole.call.pc.getConfiguration().iceServers);
  assert.ok(iceServers.some((s) => [].concat(s.urls).some((u) => u.startsWith('turn:')) &&
                              /^\d+:int-anna$/.test(s.username) && s.credential),
            'the page has no TURN server from the relay: ' + JSON.stringify(iceServers));
  const pairs = await connectedPairs(page, d);
  assert.ok(pairs.browser.local === 'relay' || pairs.browser.remote === 'relay',
            `Chromium's selected pair has no relay candidate: ${JSON.stringify(pairs.browser)}`);
  assert.ok(pairs.desk.local === 'relay' || pairs.desk.remote === 'relay',
            `the desk's selected pair has no relay candidate: ${JSON.stringify(pairs.desk)}`);
  await hangUp(page, d);
  await cleanupAll();
});

test('the console behind a port-preserving NAT connects directly', async () => {
  const page = await consoleIn(nat.NS.office);
  const d = desk(['--duration', '0']);
  await answer(page);
  const pairs = await connectedPairs(page, d);
  const direct = ['host', 'srflx', 'prflx'];
  for (const [who, pair] of Object.entries(pairs)) {
    assert.ok(direct.includes(pair.local) && direct.includes(pair.remote),
              `${who}'s selected pair is not direct: ${JSON.stringify(pair)}`);
  }
  await hangUp(page, d);
  await cleanupAll();
});

test('fails with a clear error within 45 s when TURN is down and no direct path exists', async () => {
  await coturn.stop();
  const page = await consoleIn(nat.NS.home);
  const d = desk();
  await answer(page);
  const accepted = await d.waitEvent('call-accepted', () => true, 20000);
  const ended = await d.waitEvent('call-end', () => true, 60000);
  const seconds = ended.t - accepted.t;
  const status = await page.textContent('#status');
  const errors = d.events('error').map((l) => l.message);
  const detail = `\nconsole status: ${status}\ndesk:\n${d.describe()}`;
  console.log(`# ended ${seconds.toFixed(1)} s after call-accepted; console: ${status}; desk errors: ${errors.join('; ')}`);
  assert.ok(seconds <= 45.5, `the failure took ${seconds.toFixed(1)} s` + detail);
  assert.ok(!d.events('state').some((l) => l.state === 'connected'), 'the call connected anyway' + detail);
  // Whichever side gave up first says so: the console ("The media connection failed.") or the
  // engine's error.
  assert.ok(/media connection failed/i.test(status) ||
            errors.some((m) => /No connection|media connection failed/.test(m)),
            'neither side reported the failure' + detail);
  await cleanupAll();
});
