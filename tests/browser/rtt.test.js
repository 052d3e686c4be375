// Real-time text between the browser console (Chromium) and the call engine (a frontdesk-agent
// desk), both ways: the desk's draft shows in the console's live-text area as it is typed and the
// finished message lands in the history; what the console types reaches the engine as drafts
// before Enter. Runs in a private network namespace (run-browser-tests.sh).
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const lib = require('./lib.js');
const rtt = require('./rtt-lib.js');

const INTERPRETER = { id: 'int-anna', name: 'Anna', role: 'interpreter', token: 'anna-token-0123456789' };
const DESK = { id: 'desk-1', name: 'Desk 1', role: 'desk', token: 'desk1-token-0123456789' };
const DESK_TEXT = '请问 where is window 5?';
const CONSOLE_TEXT = 'Second floor, 二楼';

let relay, browser, page, agent;

before(async () => {
  const problem = lib.checkEnvironment();
  if (problem) throw new Error(problem);
  ({ relay, browser, page } = await lib.startConsole([INTERPRETER, DESK], INTERPRETER));
  await rtt.watchConsole(page);
});

after(async () => {
  if (agent) await agent.stop();
  if (browser) await browser.close();
  if (relay) { await relay.stop(); relay.cleanup(); }
});

test('the desk engine\'s live text shows in the console as it is typed, then the message', async () => {
  agent = lib.Agent.withToken(DESK.token, ['--relay', relay.ws, '--role', 'desk', '--language', 'csl',
    '--ice-address', '127.0.0.1', '--calls', '1', '--duration', '0',
    '--type', DESK_TEXT, '--type-interval', '250']);
  await page.waitForSelector('#incoming:not([hidden])', { timeout: 20000 });
  await page.click('#accept');
  const r = await rtt.engineToBrowser(page, agent, DESK_TEXT, 40000);
  const drafts = r.shown.filter((s) => s.kind === 'draft' && s.text).map((s) => s.text);
  assert.ok(drafts.length >= Array.from(DESK_TEXT).length / 2,
            `${drafts.length} drafts shown for ${Array.from(DESK_TEXT).length} keystrokes`);
  for (const d of drafts) assert.ok(DESK_TEXT.startsWith(d), `a draft that was never typed: ${d}`);
  for (let i = 1; i < drafts.length; i++) assert.ok(drafts[i].length > drafts[i - 1].length, 'drafts grow in order');
  assert.equal(r.missing, 0, 'every keystroke was shown (as a draft or in the message)');
  assert.match(await page.textContent('#chat-log'), /Desk 1: 请问 where is window 5\?/);
  assert.equal(await page.isHidden('#peer-draft-area'), true, 'the live area is gone after the message');
  assert.equal(await page.textContent('#peer-draft'), '');
  assert.equal(await page.getAttribute('#peer-draft-area', 'aria-labelledby'), 'peer-draft-title');
  assert.equal(await page.textContent('#peer-draft-title'), 'Desk 1 is typing:');
  console.log(`# engine -> Chromium: ${r.delays.length} keystrokes, delay median ` +
              `${rtt.percentile(r.delays, 50).toFixed(1)} ms, max ${Math.max(...r.delays).toFixed(1)} ms (not a benchmark)`);
});

test('what the console types reaches the engine before Enter; Enter sends the message', async () => {
  const r = await rtt.browserToEngine(page, agent, CONSOLE_TEXT, 120);
  const drafts = r.shown.filter((s) => s.kind === 'peer-draft' && s.text).map((s) => s.text);
  assert.ok(drafts.length >= 3, `${drafts.length} drafts reached the engine`);
  for (const d of drafts) assert.ok(CONSOLE_TEXT.startsWith(d), `a draft that was never typed: ${d}`);
  assert.equal(drafts[drafts.length - 1], CONSOLE_TEXT);
  assert.equal(r.missing, 0, 'every keystroke reached the engine');
  assert.equal(await page.inputValue('#chat-input'), '');
  assert.match(await page.textContent('#chat-log'), /Me: Second floor, 二楼/);
  // The engine clears the console's draft when the message comes.
  await agent.waitEvent('peer-draft', (l) => l.text === '' && l.real_us / 1000 >= r.typed[r.typed.length - 1].at);
  console.log(`# Chromium -> engine: ${r.delays.length} keystrokes, delay median ` +
              `${rtt.percentile(r.delays, 50).toFixed(1)} ms, max ${Math.max(...r.delays).toFixed(1)} ms (not a benchmark)`);
  await page.click('#hangup');
  assert.equal(await agent.stop() !== undefined, true);
});
