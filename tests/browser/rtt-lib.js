// rtt-lib.js: real-time text between the browser console and a frontdesk-agent desk, for
// rtt.test.js and bench/call-vs-browser/bench-rtt.js. Delays are keystroke (the typist's wall
// clock: the agent's "typed" real_us, the page's input event) to shown (the reader's: a change of
// the console's #peer-draft or a chat line, the agent's "peer-draft" or "chat" real_us); both
// clocks are this machine's.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const lib = require('./lib.js');

// Records, in the page, every change of the desk's live text and every chat line, with the time.
async function watchConsole (page) {
  await page.evaluate(() => {
    window.rttShown = [];
    const now = () => performance.timeOrigin + performance.now();
    const draft = document.getElementById('peer-draft');
    new MutationObserver(() => window.rttShown.push({ kind: 'draft', text: draft.textContent, at: now() }))
      .observe(draft, { childList: true, characterData: true, subtree: true });
    const log = document.getElementById('chat-log');
    new MutationObserver(() => {
      const last = log.lastElementChild;
      if (last && last.className === 'peer') {
        window.rttShown.push({ kind: 'chat', text: last.querySelector('span').textContent, at: now() });
      }
    }).observe(log, { childList: true });
    window.rttTyped = [];
    document.getElementById('chat-input').addEventListener('input', (ev) =>
      window.rttTyped.push({ text: ev.target.value, at: now() }));
  });
}

// For each keystroke [{text, at}], the delay until a shown [{text, at}] holds it (a draft that
// begins with it, or the finished message). Returns {delays, missing}.
function delays (typed, shown) {
  const out = [];
  let missing = 0;
  for (const k of typed) {
    const s = shown.find((x) => x.text && x.text.startsWith(k.text) && x.at >= k.at);
    if (s) out.push(s.at - k.at); else missing++;
  }
  return { delays: out, missing };
}

// The desk agent typed (it was started with --type); the console shows it. Waits for the
// finished message in the console's chat.
async function engineToBrowser (page, agent, text, timeoutMs) {
  await agent.waitEvent('sent', () => true, timeoutMs);
  await page.waitForFunction((t) => window.rttShown.some((s) => s.kind === 'chat' && s.text === t),
                             text, { timeout: 15000 });
  const shown = await page.evaluate(() => window.rttShown);
  const typed = agent.events('typed').map((l) => ({ text: l.text, at: l.real_us / 1000 }));
  return { shown, typed, ...delays(typed, shown) };
}

// The console types @text into its chat box (a keystroke every @delayMs) and sends it with Enter;
// the agent reports the drafts and then the message.
async function browserToEngine (page, agent, text, delayMs) {
  await page.evaluate(() => { window.rttTyped = []; });
  await page.type('#chat-input', text, { delay: delayMs, timeout: 0 });
  await lib.sleep(300);
  await page.press('#chat-input', 'Enter');
  await agent.waitEvent('chat', (l) => l.text === text, 15000);
  const typed = await page.evaluate(() => window.rttTyped);
  const shown = agent.lines.filter((l) => l.event === 'peer-draft' || l.event === 'chat')
    .map((l) => ({ text: l.text, at: l.real_us / 1000, kind: l.event }));
  return { shown, typed, ...delays(typed, shown) };
}

function percentile (values, pct) {
  if (!values.length) return NaN;
  const v = values.slice().sort((a, b) => a - b);
  return v[Math.max(0, Math.min(v.length - 1, Math.ceil(pct / 100 * v.length) - 1))];
}

module.exports = { watchConsole, engineToBrowser, browserToEngine, percentile };
