// The relay is killed mid-session (and mid-call) and started again on the same port: the console
// shows that it is reconnecting, holds the call meanwhile (its video goes on; docs/relay.md,
// "Network blips"), the restarted relay rebuilds the call from its record so the console and the
// desk resume the same call, and the console recovers on its own (signed in, presence
// re-announced) and takes the next call.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const lib = require('./lib.js');

const INTERPRETER = { id: 'int-chen', name: 'Chen', role: 'interpreter', token: 'chen-token-0123456789' };
const DESK = { id: 'desk-2', name: 'Desk 2', role: 'desk', token: 'desk2-token-0123456789' };

let relay, browser, page;
const agents = [];

before(async () => {
  const problem = lib.checkEnvironment();
  if (problem) throw new Error(problem);
  ({ relay, browser, page } = await lib.startConsole([INTERPRETER, DESK], INTERPRETER));
  await page.selectOption('#presence', 'away');
  await page.waitForSelector('#presence-badge[data-presence=away]');
});

after(async () => {
  for (const a of agents) await a.stop();
  if (browser) await browser.close();
  if (relay) { await relay.stop(); relay.cleanup(); }
});

test('shows reconnecting while the relay is down and recovers, presence kept', async () => {
  relay.proc.kill('SIGKILL');
  await page.waitForSelector('#connection[data-state=reconnecting]', { timeout: 15000 });
  assert.match(await page.textContent('#connection-text'), /Connection lost\. Reconnecting in \d+ s/);
  assert.match(await page.textContent('#status'), /connection to the relay was lost/i);
  await lib.sleep(1500); // a few failed attempts while it is down
  assert.equal(await page.getAttribute('#connection', 'data-state'), 'reconnecting');
  await relay.start();
  await page.waitForSelector('#connection[data-state=connected]', { timeout: 40000 });
  assert.equal(await page.textContent('#connection-text'), 'Connected to the relay');
  // The wanted presence (away) was re-announced in hello.
  await page.waitForSelector('#presence-badge[data-presence=away]');
  const health = JSON.stringify(await relay.health());
  assert.ok(health.length > 2);
});

test('a call cut by a relay restart is resumed, the same call; the next call works', async () => {
  await page.selectOption('#presence', 'available');
  await page.waitForSelector('#presence-badge[data-presence=available]');
  const desk = lib.Agent.withToken(DESK.token, ['--relay', relay.ws, '--role', 'desk', '--language', 'csl',
                              '--ice-address', '127.0.0.1', '--duration', '0', '--calls', '1']);
  agents.push(desk);
  await page.waitForSelector('#incoming:not([hidden])', { timeout: 15000 });
  await page.click('#accept');
  await desk.waitEvent('first-frame', () => true, 30000);
  const call = await page.evaluate(() => fdConsole.callInfo.id);
  relay.proc.kill('SIGKILL');
  await page.waitForSelector('#connection[data-state=reconnecting]', { timeout: 15000 });
  assert.match(await page.textContent('#status'), /The call goes on/);
  assert.equal(await page.isVisible('#call'), true, 'the call was dropped with the relay');
  await relay.start();
  await page.waitForSelector('#connection[data-state=connected]', { timeout: 40000 });
  await page.waitForFunction(() => !fdConsole.signal.held, null, { timeout: 40000 });
  const back = await desk.waitEvent('reconnecting', (l) => l.on === 'false', 40000);
  assert.equal(await page.isVisible('#call'), true, 'the call ended after the restart');
  assert.equal(await page.evaluate(() => fdConsole.callInfo && fdConsole.callInfo.id), call);
  assert.equal(back.call, call, 'the desk resumed another call');
  assert.equal((await relay.health()).calls_connected, 1);
  // Still the same call for both: the console's hang-up ends it for the desk.
  await page.click('#hangup');
  await desk.waitEvent('call-ended', (l) => l.reason === 'hang-up', 15000);
  await page.waitForSelector('#call', { state: 'hidden', timeout: 20000 });
  await desk.stop();
  await page.waitForSelector('#presence-badge[data-presence=available]');

  const desk2 = lib.Agent.withToken(DESK.token, ['--relay', relay.ws, '--role', 'desk', '--language', 'csl',
                               '--ice-address', '127.0.0.1', '--duration', '3', '--calls', '1']);
  agents.push(desk2);
  await page.waitForSelector('#incoming:not([hidden])', { timeout: 15000 });
  await page.click('#accept');
  await desk2.waitEvent('first-frame', () => true, 30000);
  await page.waitForSelector('#call', { state: 'hidden', timeout: 20000 });
  assert.match(await page.textContent('#last-call'), /the other side hung up/);
  await desk2.exited;
  assert.equal(desk2.last('call-end').ok, true);
});
