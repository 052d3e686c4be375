// The NAT suite with the browser console as the interpreter: Chromium (Debian's, headless) in the
// home network behind the symmetric NAT or in the office behind a port-preserving one, the desk
// (frontdesk-agent: FdRelayCall + the call engine) behind the hall's NAT, the relay (which serves
// the console and hands out TURN credentials) and coturn on the public network. Also network
// blips with the console: a relay restart during the call (the same call resumed on both sides)
// and a hang-up while the console's relay connection is cut. Runs in tests/netns-run.sh --nat.
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

// The console's decoded video frames (its stats timer's last reading).
const decoded = (page) => page.evaluate(() => (fdConsole.call && fdConsole.call.stats
  ? fdConsole.call.stats.framesDecoded : 0));

test('a relay restart: the console and the desk resume the same call, the video goes on',
     async () => {
  const page = await consoleIn(nat.NS.office);
  const d = desk(['--duration', '40']);
  await answer(page);
  await connectedPairs(page, d);
  const call = await page.evaluate(() => fdConsole.callInfo.id);
  const callsBefore = (await relay.health()).calls_today;
  const before = await decoded(page);

  await nat.killRelay(relay);
  await page.waitForFunction(() => fdConsole.signal.held, null, { timeout: 15000 });
  const held = await d.waitEvent('reconnecting', (l) => l.on === 'true', 15000);
  await lib.sleep(3000);
  const during = await decoded(page);
  await relay.start();
  await page.waitForFunction(() => !fdConsole.signal.held && fdConsole.signal.state === 'connected',
                             null, { timeout: 40000 });
  const back = await d.waitEvent('reconnecting', (l) => l.on === 'false', 40000);
  const status = await page.textContent('#status');
  console.log(`# console frames decoded while the relay was down: +${during - before}; ` +
              `load average ${require('node:os').loadavg()[0].toFixed(2)}`);
  assert.equal(held.call, call, d.describe());
  assert.equal(back.call, call, 'the desk resumed another call' + d.describe());
  assert.equal(await page.evaluate(() => fdConsole.callInfo && fdConsole.callInfo.id), call,
               'the console left its call: ' + status);
  assert.equal(await page.evaluate(() => fdConsole.signal.callId), call);
  assert.ok(during - before > 30, `the console decoded ${during - before} frames while the relay ` +
            'was down');
  const health = await relay.health();
  assert.equal(health.calls_connected, 1, JSON.stringify(health));
  assert.equal(health.calls_today, callsBefore, 'the record was not kept as one call: ' +
               JSON.stringify(health));
  await hangUp(page, d);
  await cleanupAll();
});

test('the console hangs up while its relay connection is cut: ended at once, the desk hears it ' +
     'when the console is back', async () => {
  const page = await consoleIn(nat.NS.office);
  const d = desk(['--duration', '120']);
  await answer(page);
  await connectedPairs(page, d);
  nat.cutTcp(nat.NS.office, relay.port, true);
  try {
    await page.waitForFunction(() => fdConsole.signal.held, null, { timeout: 20000 });
    await page.click('#hangup');
    // The console's page shows the call over at once, with no relay to confirm it.
    assert.equal(await page.isHidden('#call'), true, 'the call view is still shown');
    assert.equal(await page.evaluate(() => fdConsole.callInfo), null);
    assert.ok(/ended/i.test(await page.textContent('#last-call')),
              await page.textContent('#last-call'));
    assert.equal(d.events('call-ended').length, 0, 'the desk heard of it already' + d.describe());
  } finally {
    nat.cutTcp(nat.NS.office, relay.port, false);
  }
  const lifted = Date.now();
  const ended = await d.waitEvent('call-ended', () => true, 40000);
  console.log(`# the desk heard the console's hang-up ${((Date.now() - lifted) / 1000).toFixed(1)} s ` +
              `after the console's connection was allowed again (its reconnect backoff)`);
  assert.equal(ended.reason, 'hang-up', d.describe());
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
