// The other direction: Chromium offers, the Frontdesk engine answers. A test desk page in the
// browser (desk-page.html, same fd-signal.js/fd-call.js as the console) calls a frontdesk-agent
// interpreter (auto-answer). The engine's answer must take the payload types and header-extension
// ids from Chromium's offer, keep NACK/RTX, and be sendrecv for audio and video. Then the same
// desk page calls the browser console: browser ↔ browser through the relay.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const lib = require('./lib.js');

const AGENT_INT = { id: 'int-agent', name: 'Agent interpreter', role: 'interpreter',
                    token: 'agent-int-token-0123456789', languages: ['en'] };
const BROWSER_INT = { id: 'int-boris', name: 'Boris', role: 'interpreter', token: 'boris-token-0123456789' };
const DESK = { id: 'desk-web', name: 'Web desk', role: 'desk', token: 'webdesk-token-0123456789' };

function sectionOf (sdp, kind) {
  return sdp.split(/\r?\n(?=m=)/).find((p) => p.startsWith('m=' + kind)) || '';
}

let relay, browser;
const agents = [];

before(async () => {
  const problem = lib.checkEnvironment();
  if (problem) throw new Error(problem);
  relay = new lib.Relay([AGENT_INT, BROWSER_INT, DESK]);
  await relay.start();
  browser = await lib.launchBrowser(lib.DESK_PAGE_FLAGS);
});

after(async () => {
  for (const a of agents) await a.stop();
  if (browser) await browser.close();
  if (relay) { await relay.stop(); relay.cleanup(); }
});

test('engine answers Chromium: offer payload types and extension ids, RTX, sendrecv; video and chat both ways', async () => {
  const agent = lib.Agent.withToken(AGENT_INT.token, ['--relay', relay.ws, '--role', 'interpreter',
                               '--language', 'en', '--auto-answer', '--calls', '1', '--echo-chat',
                               '--chat', 'hello from the engine', '--ice-address', '127.0.0.1']);
  agents.push(agent);
  await agent.waitEvent('welcome');
  const page = await lib.openDeskPage(browser.context, relay);
  await page.evaluate((token) => window.desk.start(token, 'en'), DESK.token);
  await page.waitForFunction(() => window.desk.call && window.desk.call.remoteSdp, null, { timeout: 30000 });
  const { offer, answer, problems } = await page.evaluate(() => ({
    offer: window.desk.call.localSdp, answer: window.desk.call.remoteSdp,
    problems: window.desk.call.answerProblems }));
  console.log(`# engine answer problems: ${JSON.stringify(problems)}`);
  assert.deepEqual(problems, [], 'FdCall.checkAnswer finds no problem in the engine\'s answer');
  const ov = sectionOf(offer, 'video');
  const av = sectionOf(answer, 'video');
  const oa = sectionOf(offer, 'audio');
  const aa = sectionOf(answer, 'audio');
  assert.match(av, /a=sendrecv/, 'video answered sendrecv');
  assert.match(aa, /a=sendrecv/, 'audio answered sendrecv');
  const vp8 = /a=rtpmap:(\d+) VP8\/90000/.exec(ov)[1];
  const opus = /a=rtpmap:(\d+) opus\/48000/i.exec(oa)[1];
  assert.match(av, new RegExp(`a=rtpmap:${vp8} VP8/90000`, 'i'), `VP8 on the offer's payload type ${vp8}`);
  assert.match(aa, new RegExp(`a=rtpmap:${opus} OPUS/48000`, 'i'), `Opus on the offer's payload type ${opus}`);
  const rtx = new RegExp(`a=fmtp:(\\d+) apt=${vp8}`).exec(av);
  assert.ok(rtx, 'RTX for VP8 in the answer');
  assert.match(ov, new RegExp(`a=fmtp:${rtx[1]} apt=${vp8}`), 'RTX payload type from the offer');
  assert.match(av, new RegExp(`a=rtcp-fb:${vp8} nack`), 'NACK for VP8 in the answer');
  for (const m of (av + '\n' + aa).matchAll(/a=extmap:(\d+) (\S+)/g)) {
    assert.ok(offer.includes(`a=extmap:${m[1]} ${m[2]}`), `header extension ${m[1]} ${m[2]} as in the offer`);
  }
  // Send times both ways (the engine's delay-based estimate reads Chromium's; webrtcbin alone
  // answers no header extension).
  const ast = /a=extmap:(\d+) http:\/\/www\.webrtc\.org\/experiments\/rtp-hdrext\/abs-send-time/;
  assert.ok(ast.test(ov), 'Chromium offers abs-send-time on video');
  assert.equal(ast.exec(av)?.[1], ast.exec(ov)[1], 'the answer takes abs-send-time up under the offer\'s id');

  await agent.waitEvent('first-frame', () => true, 30000);
  const r = await lib.steadyRates(page, 'window.desk.call.pc', agent, 25);
  console.log(`# browser desk received ${r.browserFps.toFixed(1)} fps (${r.width}x${r.height}), engine received ${r.agentFps.toFixed(1)} fps` +
              ` (the browser encoded ${r.browserEncodedFps.toFixed(1)} fps at width ${r.browserSendWidth}, limited by: ${r.browserLimit || 'nothing'})`);
  assert.ok(r.browserFps >= 25, `browser received ${r.browserFps} fps`);
  assert.ok(r.agentFps >= 25, `engine received ${r.agentFps} fps`);
  // The picture reaches the page's <video>, not only the decoder: Chromium hands a track only the
  // frames of the SSRC the description announced, and the engine's answers once announced one
  // its payloader never used (a decoded stream, a black <video>).
  const shown = await lib.videoPresents(page, 'remote', 'window.desk.call.pc');
  console.log(`# desk page <video>: ${JSON.stringify(shown)}`);
  const announced = [...av.matchAll(/a=ssrc:(\d+) /g)].map((m) => Number(m[1]));
  assert.ok(announced.includes(shown.ssrc), `the video's SSRC ${shown.ssrc} is announced in the answer (${announced})`);
  assert.ok(shown.presented > 0 && shown.width > 0, 'the desk page shows the engine\'s video');

  // Chat on the data channel the browser (offerer) created; the engine adopts it.
  await page.waitForFunction(() => window.desk.chatLog.some((c) => c.text === 'hello from the engine'),
                             null, { timeout: 15000 });
  const via = await page.evaluate(() => window.desk.sendChat('hello from Chromium'));
  assert.equal(via, 'channel');
  await agent.waitEvent('chat', (l) => l.text === 'hello from Chromium');
  await page.waitForFunction(() => window.desk.chatLog.some((c) => c.text === 'echo: hello from Chromium'),
                             null, { timeout: 15000 });

  // The browser desk hangs up.
  await page.evaluate(() => window.desk.hangUp());
  await agent.waitEvent('call-ended', (l) => l.reason === 'hang-up');
  await page.waitForFunction(() => window.desk.ended === 'hang-up', null, { timeout: 10000 });
  await page.close();
});

test('browser ↔ browser through the relay: console answers the desk page', async () => {
  const consolePage = await browser.context.newPage();
  await consolePage.goto(relay.url + '?lang=en');
  await lib.signIn(consolePage, BROWSER_INT.token, ['csl']);
  const deskPage = await lib.openDeskPage(browser.context, relay);
  await deskPage.evaluate((token) => window.desk.start(token, 'csl'), DESK.token);
  await consolePage.waitForSelector('#incoming:not([hidden])', { timeout: 15000 });
  assert.equal(await consolePage.textContent('#incoming-detail'), 'Web desk needs Chinese Sign Language');
  await consolePage.click('#accept');
  await consolePage.waitForFunction(() => fdConsole.call && fdConsole.call.stats && fdConsole.call.stats.framesDecoded > 30,
                                    null, { timeout: 30000 });
  const problems = await consolePage.evaluate(() => fdConsole.call.answerProblems);
  assert.deepEqual(problems, []);
  const [a, b] = await Promise.all([lib.videoRate(consolePage, 'fdConsole.call.pc', 3000),
                                    lib.videoRate(deskPage, 'window.desk.call.pc', 3000)]);
  console.log(`# console received ${a.decodedFps.toFixed(1)} fps, desk page received ${b.decodedFps.toFixed(1)} fps`);
  assert.ok(a.framesDecoded > 0 && b.framesDecoded > 0, 'video both ways');
  await consolePage.fill('#chat-input', 'from the console');
  await consolePage.click('#chat-send');
  await deskPage.waitForFunction(() => window.desk.chatLog.some((c) => c.text === 'from the console'), null, { timeout: 10000 });
  await deskPage.evaluate(() => window.desk.sendChat('from the desk page'));
  await consolePage.waitForFunction(() => fdConsole.chatLog.some((c) => c.text === 'from the desk page'), null, { timeout: 10000 });
  await deskPage.evaluate(() => window.desk.hangUp());
  await consolePage.waitForSelector('#call', { state: 'hidden', timeout: 10000 });
  assert.match(await consolePage.textContent('#last-call'), /Web desk.*the other side hung up/);
  await consolePage.close();
  await deskPage.close();
});
