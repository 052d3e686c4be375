// bench/call-vs-browser/bench-rtt.js: real-time text between the call engine (a frontdesk-agent
// desk) and the browser console (Chromium): keystroke to shown on the peer, both ways, median and
// p99 against the 300 ms goal (issue 14). The agent types N characters a keystroke every
// FD_RTT_INTERVAL ms; then the console types N characters the same way (Playwright keystrokes).
// Run: bench/call-vs-browser/run.sh bench-rtt.js   (in a private network namespace)
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const os = require('node:os');
const path = require('node:path');
const lib = require(path.join(__dirname, '../../tests/browser/lib.js'));
const rtt = require(path.join(__dirname, '../../tests/browser/rtt-lib.js'));

const GOAL_MS = 300;
const N = Math.max(10, Math.min(1000, Number(process.env.FD_RTT_CHARS) || 200));
const INTERVAL = Math.max(20, Number(process.env.FD_RTT_INTERVAL) || 80);
// Typing starts this long after the chat channel opens: a person does not type in the first
// moment of a call, when the console is busy starting camera and video (FD_RTT_TYPE_AFTER=0 shows
// that moment: the first keystrokes then wait for the page).
const TYPE_AFTER = Math.max(0, Number(process.env.FD_RTT_TYPE_AFTER ?? 2000));
const INTERPRETER = { id: 'int-b', name: 'Bench Interpreter', role: 'interpreter', token: 'bench-int-token-0123456789' };
const DESK = { id: 'desk-b', name: 'Bench Desk', role: 'desk', token: 'bench-desk-token-0123456789' };

function textOf (n, seed) {
  const pool = Array.from('请问办理营业执照需要哪些材料 where is window five 谢谢 ok ');
  let s = '';
  for (let i = 0; i < n; i++) s += pool[(i + seed) % pool.length];
  return s;
}

function line (name, r) {
  const d = r.delays;
  return `${name.padEnd(22)} median ${rtt.percentile(d, 50).toFixed(1).padStart(7)}  p99 ${rtt.percentile(d, 99).toFixed(1).padStart(7)}  ` +
         `min ${Math.min(...d).toFixed(1).padStart(6)}  max ${Math.max(...d).toFixed(1).padStart(7)} ms (n=${d.length}, ${r.missing} never shown)`;
}

async function main () {
  const problem = lib.checkEnvironment();
  if (problem) { console.log(`SKIP: ${problem}`); process.exit(77); }
  console.log(`# frontdesk real-time text benchmark: engine (frontdesk-agent desk) <-> browser console (Chromium), ` +
              `${N} characters each way, a keystroke every ${INTERVAL} ms, the engine starts typing ${TYPE_AFTER} ms after the chat opens`);
  console.log(`# machine: ${os.cpus().length} x ${(os.cpus()[0] || {}).model || '?'}, ${os.type()} ${os.release()}, ` +
              `load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const { relay, browser, page } = await lib.startConsole([INTERPRETER, DESK], INTERPRETER, ['csl'],
                                                          { port: 18767 });
  let agent = null;
  try {
    await rtt.watchConsole(page);
    const deskText = textOf(N, 0);
    agent = lib.Agent.withToken(DESK.token, ['--relay', relay.ws, '--role', 'desk', '--language', 'csl',
      '--ice-address', '127.0.0.1', '--calls', '1', '--duration', '0',
      '--type', deskText, '--type-interval', String(INTERVAL), '--type-after', String(TYPE_AFTER)]);
    await page.waitForSelector('#incoming:not([hidden])', { timeout: 20000 });
    await page.click('#accept');
    const a = await rtt.engineToBrowser(page, agent, deskText, N * INTERVAL + 60000);
    const b = await rtt.browserToEngine(page, agent, textOf(Math.min(N, 1000), 3), INTERVAL);
    const all = { delays: a.delays.concat(b.delays), missing: a.missing + b.missing };
    console.log(line('engine -> Chromium', a));
    console.log(line('Chromium -> engine', b));
    console.log(line('both directions', all));
    const p99 = rtt.percentile(all.delays, 99);
    console.log(`goal: keystroke shown on the peer within ${GOAL_MS} ms: median ${rtt.percentile(all.delays, 50).toFixed(1)} ms, ` +
                `p99 ${p99.toFixed(1)} ms: ${p99 <= GOAL_MS && all.missing === 0 ? 'MEETS' : 'MISSES'}`);
    if (process.env.FD_RTT_TRACE === '1') {
      console.log('# engine -> Chromium delays in order: ' + a.delays.map((x) => x.toFixed(0)).join(' '));
      console.log('# Chromium -> engine delays in order: ' + b.delays.map((x) => x.toFixed(0)).join(' '));
    }
    console.log(`# load average at end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    await page.click('#hangup');
  } finally {
    if (agent) await agent.stop();
    await browser.close();
    await relay.stop();
    relay.cleanup();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
