// lib.js: helpers for the browser tests and the call-vs-browser benchmark: a throwaway
// frontdesk-relay, frontdesk-agent processes (JSON lines), Debian's Chromium via playwright-core.
// Everything runs on 127.0.0.1 inside the private network namespace made by run-browser-tests.sh.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { chromium } = require('playwright-core');

const BUILD = process.env.FD_BUILD_ROOT || path.resolve(__dirname, '../../build');
const SOURCE = process.env.FD_SOURCE_ROOT || path.resolve(__dirname, '../..');
const RELAY = path.join(BUILD, 'src/relay/frontdesk-relay');
const AGENT = path.join(BUILD, 'src/cli/agent/frontdesk-agent');
// The console's sources, to compare with what the relay serves from its compiled-in resource.
const WEB = path.join(SOURCE, 'data/web');
const CHROMIUM = process.env.FD_CHROMIUM || '/usr/bin/chromium';

// The flags from /work/shared/notes/webrtc-field-notes.md.
const CHROMIUM_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream=fps=30',
  '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls fn() until it returns a truthy value; bounded by timeoutMs. Throws with `what`.
async function waitFor (what, fn, timeoutMs = 15000, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

function checkEnvironment () {
  for (const [file, hint] of [[RELAY, 'build the project first'], [AGENT, 'build the project first'],
                              [CHROMIUM, 'apt-get install chromium']]) {
    if (!fs.existsSync(file)) return `${file} missing (${hint})`;
  }
  return null;
}

function hashToken (token) {
  const out = execFileSync(RELAY, ['hash-token'], { input: token + '\n' }).toString();
  const m = /^hash=(\S+)/m.exec(out);
  if (!m) throw new Error('frontdesk-relay hash-token printed no hash: ' + out);
  return m[1];
}

const MONITOR_TOKEN = 'browser-test-monitor-token-5c2e91';

class Relay {
  // identities: [{id, name, role, token, languages}]
  constructor (identities, options = {}) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-browser-relay-'));
    this.port = options.port || 18765;
    this.identities = identities;
    this.proc = null;
    this.log = [];
    this.host = options.listen || '127.0.0.1';
    const lines = ['[relay]', `listen=${this.host}`, `port=${this.port}`,
                   `database=${path.join(this.dir, 'calls.sqlite')}`,
                   `ring-timeout=${options.ringTimeout || 20}`,
                   `monitor-hash=${hashToken(MONITOR_TOKEN)}`, ...(options.relayLines || [])];
    for (const idn of identities) {
      lines.push('', `[token ${idn.id}]`, `role=${idn.role}`, `name=${idn.name}`,
                 `hash=${hashToken(idn.token)}`);
      if (idn.languages) lines.push(`languages=${idn.languages.join(';')}`);
    }
    this.config = path.join(this.dir, 'relay.conf');
    fs.writeFileSync(this.config, lines.join('\n') + '\n');
  }

  get url () { return `http://${this.host}:${this.port}/`; }
  get ws () { return `ws://${this.host}:${this.port}/ws`; }

  async start () {
    this.proc = spawn(RELAY, ['--config', this.config], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.proc.stdout, this.proc.stderr]) {
      readline.createInterface({ input: stream }).on('line', (l) => this.log.push(l));
    }
    const proc = this.proc;
    await waitFor('the relay to answer /health', async () => {
      if (proc.exitCode !== null) throw new Error('relay exited: ' + this.log.join('\n'));
      const res = await fetch(this.url + 'health');
      return res.ok;
    }, 10000, 100);
  }

  async stop () {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const done = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await Promise.race([done, sleep(5000)]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    this.proc = null;
  }

  // The details (counts): they need the monitoring token.
  async health () {
    const res = await fetch(this.url + 'health',
                            { headers: { Authorization: 'Bearer ' + MONITOR_TOKEN } });
    return res.json();
  }

  cleanup () { fs.rmSync(this.dir, { recursive: true, force: true }); }
}

// frontdesk-agent with JSON lines on stdout, kept in .lines. `wrap` runs it through another
// command (e.g. ['ip', 'netns', 'exec', NS], which execs the agent: the pid stays the agent's).
class Agent {
  constructor (args, env = {}, wrap = []) {
    this.args = args;
    this.lines = [];
    this.stderr = [];
    const argv = [...wrap, AGENT, ...args];
    this.proc = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'],
                                                env: { ...process.env, ...env } });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
    readline.createInterface({ input: this.proc.stdout }).on('line', (l) => {
      try { this.lines.push(JSON.parse(l)); } catch (e) { this.stderr.push('not JSON: ' + l); }
    });
    readline.createInterface({ input: this.proc.stderr }).on('line', (l) => this.stderr.push(l));
  }

  /* The token goes in the environment: frontdesk-agent never takes one from argv. */
  static withToken (token, args, env = {}, wrap = []) {
    return new Agent(args, { ...env, FRONTDESK_TOKEN: token }, wrap);
  }

  get pid () { return this.proc.pid; }
  events (name) { return this.lines.filter((l) => l.event === name); }
  last (name) { const e = this.events(name); return e[e.length - 1]; }

  async waitEvent (name, pred = () => true, timeoutMs = 20000) {
    try {
      return await waitFor(`agent event ${name}`, () => this.lines.find((l) => l.event === name && pred(l)), timeoutMs);
    } catch (e) {
      e.message += '\nagent output:\n' + this.describe();
      throw e;
    }
  }

  async stop () {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.proc.exitCode;
    this.proc.kill('SIGTERM');
    const code = await Promise.race([this.exited, sleep(8000).then(() => 'timeout')]);
    if (code === 'timeout') { this.proc.kill('SIGKILL'); return null; }
    return code;
  }

  describe () { return this.stderr.slice(-20).join('\n') + '\n' + this.lines.slice(-10).map((l) => JSON.stringify(l)).join('\n'); }
}

// executable: another launcher than Debian's chromium (e.g. a script that starts it in a network
// namespace).
// headful: a window on $DISPLAY (bench/desk-app), drawn the way Chromium chooses (no
// --disable-gpu), the window's own size as the viewport.
async function launchBrowser (extraFlags = [], executable = CHROMIUM, { headful = false } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-chromium-'));
  const flags = headful ? CHROMIUM_FLAGS.filter((f) => f !== '--headless=new' && f !== '--disable-gpu') : CHROMIUM_FLAGS;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: executable,
    headless: !headful,
    args: [...flags, ...extraFlags],
    ignoreDefaultArgs: ['--headless'],
    permissions: ['camera', 'microphone'],
    viewport: headful ? null : { width: 1280, height: 900 },
  });
  const close = async () => {
    try { await context.close(); } catch (e) { /* already gone */ }
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close, userDataDir };
}

// What a <video> element (by id) shows: frames presented over 2 s (requestVideoFrameCallback),
// its size and readyState, and the SSRC of the inbound video of the connection `pcExpr`.
async function videoPresents (page, id, pcExpr) {
  return page.evaluate(async ([id, pcExpr]) => {
    // eslint-disable-next-line no-eval
    const pc = eval(pcExpr);   // before any await: the pages' CSP allows no eval after it
    const v = document.getElementById(id);
    let presented = 0;
    const tick = () => { presented++; v.requestVideoFrameCallback(tick); };
    v.requestVideoFrameCallback(tick);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    let ssrc = 0;
    (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') ssrc = s.ssrc; });
    return { presented, width: v.videoWidth, height: v.videoHeight, readyState: v.readyState, ssrc };
  }, [id, pcExpr]);
}

// Signs the console in as an interpreter and waits for the welcome.
async function signIn (page, token, languages = ['csl']) {
  await page.waitForFunction(() => window.fdConsole && window.fdConsole.strings &&
                             Object.keys(window.fdConsole.strings).length > 0);
  await page.fill('#token', token);
  for (const lang of ['csl', 'en', 'ru']) {
    await page.setChecked(`#signin-form input[name=lang][value=${lang}]`, languages.includes(lang));
  }
  await page.click('#signin-button');
  await page.waitForSelector('#desk:not([hidden])', { timeout: 10000 });
}

// A relay with these identities, a browser, and the console signed in as @interpreter (English).
async function startConsole (identities, interpreter, languages = ['csl'], relayOptions = {}) {
  const relay = new Relay(identities, relayOptions);
  await relay.start();
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.goto(relay.url + '?lang=en');
  await signIn(page, interpreter.token, languages);
  return { relay, browser, page };
}

// The test desk page (desk-page.html + desk-page.js). The relay serves only its compiled-in
// console, so the test answers these two paths itself (Playwright routing) at the relay's origin
// with the security headers the relay sends with every response: the page's module then loads
// fd-signal.js and fd-call.js from the relay under the relay's own Content-Security-Policy.
// A routed response has no network address, so Chromium's local-network-access checks would
// count the page as public and refuse its WebSocket to 127.0.0.1: a browser that opens the desk
// page is launched with DESK_PAGE_FLAGS (the console itself is always loaded from the relay).
const DESK_PAGE_FLAGS = ['--disable-features=LocalNetworkAccessChecks'];
const routedContexts = new WeakSet();
const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options',
                          'referrer-policy', 'cross-origin-opener-policy',
                          'cross-origin-resource-policy', 'permissions-policy'];
const DESK_FILES = { '/desk-test.html': ['text/html; charset=utf-8', 'desk-page.html'],
                     '/desk-test.js': ['text/javascript; charset=utf-8', 'desk-page.js'] };

async function openDeskPage (context, relay) {
  if (!routedContexts.has(context)) {
    routedContexts.add(context);
    const res = await fetch(relay.url);
    const headers = {};
    for (const name of SECURITY_HEADERS) {
      if (!res.headers.has(name)) throw new Error(`the relay sent no ${name}`);
      headers[name] = res.headers.get(name);
    }
    await context.route((url) => url.origin === new URL(relay.url).origin && DESK_FILES[url.pathname], (route) => {
      const [type, file] = DESK_FILES[new URL(route.request().url()).pathname];
      route.fulfill({ status: 200, headers: { ...headers, 'content-type': type },
                      body: fs.readFileSync(path.join(__dirname, file)) });
    });
  }
  const page = await context.newPage();
  await page.goto(relay.url + 'desk-test.html');
  await page.waitForFunction(() => window.desk && window.desk.FdCall);
  return page;
}

// Received video of the page's call over `ms`: decoded-frame rate from framesDecoded, and
// Chromium's own framesPerSecond at the end. pcExpr is a JS expression naming the RTCPeerConnection.
async function videoRate (page, pcExpr, ms = 3000) {
  const sample = () => page.evaluate(async (expr) => {
    // eslint-disable-next-line no-eval
    const pc = eval(expr);
    let v = null;
    let out = null;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') v = s;
      if (s.type === 'outbound-rtp' && s.kind === 'video') out = s;
    });
    return { at: performance.now(), decoded: v ? v.framesDecoded || 0 : 0,
             fps: v && v.framesPerSecond !== undefined ? v.framesPerSecond : -1,
             jbDelay: v ? v.jitterBufferDelay : 0, jbCount: v ? v.jitterBufferEmittedCount : 0,
             sentFps: out && out.framesPerSecond !== undefined ? out.framesPerSecond : -1,
             encoded: out ? out.framesEncoded || 0 : 0,
             limit: out ? out.qualityLimitationReason || '' : '',
             sendWidth: out ? out.frameWidth || 0 : 0,
             width: v ? v.frameWidth : 0, height: v ? v.frameHeight : 0 };
  }, pcExpr);
  const a = await sample();
  await sleep(ms);
  const b = await sample();
  const secs = (b.at - a.at) / 1000;
  return { decodedFps: (b.decoded - a.decoded) / secs, statsFps: b.fps, sentFps: b.sentFps,
           encodedFps: (b.encoded - a.encoded) / secs, limit: b.limit, sendWidth: b.sendWidth,
           jitterBufferMs: b.jbCount > a.jbCount ? 1000 * (b.jbDelay - a.jbDelay) / (b.jbCount - a.jbCount) : -1,
           width: b.width, height: b.height, framesDecoded: b.decoded };
}

// Received frame rate of an agent's call from its once-a-second stats lines, over the last
// `seconds` of lines (frames_in delta / time delta).
function agentRate (agent, seconds = 3) {
  const lines = agent.events('stats').filter((l) => l.frames_in > 0);
  if (lines.length < 2) return -1;
  const last = lines[lines.length - 1];
  let first = lines[0];
  for (const l of lines) if (last.t - l.t >= seconds) first = l;
  if (last.t - first.t <= 0) return -1;
  return (last.frames_in - first.frames_in) / (last.t - first.t);
}

// Waits (at most `timeoutMs`) for a 5 s window in which both directions reach `minFps`:
// the browser's decoded frames (getStats) and the agent's frames_in (its stats lines). Returns the
// figures of the best window, and whether it passed. The machine is shared: a call needs a few
// seconds after its first keyframe before the rate is steady.
async function steadyRates (page, pcExpr, agent, minFps = 25, timeoutMs = 40000, windowMs = 5000) {
  const end = Date.now() + timeoutMs;
  let best = null;
  while (Date.now() < end) {
    const t0 = agent.lines.length;
    const rate = await videoRate(page, pcExpr, windowMs);
    const lines = agent.lines.slice(t0).filter((l) => l.event === 'stats' && l.frames_in > 0);
    let agentFps = -1;
    if (lines.length >= 2) {
      const a = lines[0];
      const b = lines[lines.length - 1];
      agentFps = (b.frames_in - a.frames_in) / (b.t - a.t);
    }
    const result = { browserFps: rate.decodedFps, browserStatsFps: rate.statsFps, agentFps,
                     browserEncodedFps: rate.encodedFps, browserLimit: rate.limit, browserSendWidth: rate.sendWidth,
                     width: rate.width, height: rate.height, jitterBufferMs: rate.jitterBufferMs,
                     passed: rate.decodedFps >= minFps && agentFps >= minFps };
    if (!best || Math.min(result.browserFps, result.agentFps) > Math.min(best.browserFps, best.agentFps)) best = result;
    if (result.passed) return result;
  }
  return best;
}

module.exports = {
  steadyRates, openDeskPage, DESK_PAGE_FLAGS, startConsole, videoRate, videoPresents, agentRate,
  BUILD, SOURCE, RELAY, AGENT, WEB, CHROMIUM, CHROMIUM_FLAGS,
  sleep, waitFor, checkEnvironment, hashToken, Relay, Agent, launchBrowser, signIn,
};
