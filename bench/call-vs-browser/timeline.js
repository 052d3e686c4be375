// bench/call-vs-browser/timeline.js: where one call's set-up goes (desk request → first remote
// frame at the desk), with the engine as the desk (A) and with Chromium as the desk (B), against
// the same console, relay and machine. Run with `run.sh timeline.js` (private network namespace).
//
// Every event gets a wall-clock time in ms and is printed relative to the desk's request:
//   - both Chromium pages (console, desk page): an init script wraps WebSocket (relay messages
//     in and out), RTCPeerConnection (offer/answer, descriptions, candidates, ICE / DTLS /
//     connection states) and polls getStats every 5 ms until the first frame both ways (first
//     RTP sent and received, first frame decoded, candidate pair succeeded);
//   - the agent: its JSON events and its stderr (G_MESSAGES_DEBUG=all with GLib's own wall-clock
//     times; GST_DEBUG lines, whose run-time stamps are put on the wall clock by the earliest
//     line's arrival).
// FD_TL_CALLS (default 1) calls per side; FD_TL_GST (a GST_DEBUG list) replaces the default
// categories; FD_TL_ONLY=A or B runs one side; FD_TL_ALL=1 prints every line (else a digest).
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const lib = require('../../tests/browser/lib.js');
const os = require('node:os');

const CALLS = Number(process.env.FD_TL_CALLS || 1);
const GST = process.env.FD_TL_GST ||
  'webrtcbin:5,webrtcnice:5,webrtcnicetransport:5,dtlsconnection:5,dtlsdec:5,dtlsenc:4,' +
  'dtlssrtpdec:5,dtlssrtpenc:5,dtlstransport:5,srtpdec:4,rtpjitterbuffer:5,rtpvp8depay:4,' +
  'vp8dec:5,videodecoder:4';
const ALL = process.env.FD_TL_ALL === '1';

const INTERPRETER = { id: 'int-tl', name: 'Timeline interpreter', role: 'interpreter', token: 'timeline-int-token-0123456789' };
const DESK = { id: 'desk-tl', name: 'Timeline desk', role: 'desk', token: 'timeline-desk-token-0123456789' };

const now = () => performance.timeOrigin + performance.now();

// Runs in every page before its own scripts.
function instrument () {
  const T = () => performance.timeOrigin + performance.now();
  window.__tl = [];
  const log = (what) => window.__tl.push([T(), what]);
  const WS = window.WebSocket;
  window.WebSocket = class extends WS {
    constructor (...a) {
      super(...a);
      this.addEventListener('message', (e) => {
        try { const m = JSON.parse(e.data); log('relay< ' + m.type + (m.sdp_type ? ' ' + m.sdp_type : '')); } catch (_) {}
      });
    }

    send (d) {
      try { const m = JSON.parse(d); log('relay> ' + m.type + (m.sdp_type ? ' ' + m.sdp_type : '')); } catch (_) {}
      return super.send(d);
    }
  };
  const PC = window.RTCPeerConnection;
  const wrap = (name) => {
    const orig = PC.prototype[name];
    PC.prototype[name] = async function (...a) {
      log(name + (a[0] && a[0].type ? ' ' + a[0].type : '') + ' start');
      const r = await orig.apply(this, a);
      log(name + (a[0] && a[0].type ? ' ' + a[0].type : '') + ' done');
      return r;
    };
  };
  ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription'].forEach(wrap);
  const origAdd = PC.prototype.addIceCandidate;
  PC.prototype.addIceCandidate = function (c, ...rest) {
    log('addIceCandidate ' + (c && c.candidate ? c.candidate.split(' ').slice(4, 8).join(' ') : 'end'));
    return origAdd.call(this, c, ...rest);
  };
  window.RTCPeerConnection = class extends PC {
    constructor (...a) {
      super(...a);
      log('pc new');
      const seen = new Set();
      const watchDtls = () => {
        for (const x of [...this.getSenders(), ...this.getReceivers()]) {
          const t = x.transport;
          if (t && !seen.has(t)) {
            seen.add(t);
            log('dtls ' + t.state);
            t.addEventListener('statechange', () => log('dtls ' + t.state));
          }
        }
      };
      this.addEventListener('icecandidate', (e) => log('local candidate ' + (e.candidate ? e.candidate.candidate.split(' ').slice(4, 8).join(' ') : 'end')));
      this.addEventListener('icegatheringstatechange', () => log('gathering ' + this.iceGatheringState));
      this.addEventListener('iceconnectionstatechange', () => { log('ice ' + this.iceConnectionState); watchDtls(); });
      this.addEventListener('connectionstatechange', () => log('pc ' + this.connectionState));
      this.addEventListener('signalingstatechange', () => { log('signaling ' + this.signalingState); watchDtls(); });
      this.addEventListener('track', (e) => log('track ' + e.track.kind));
      const firsts = {};
      const first = (key, what) => { if (!firsts[key]) { firsts[key] = true; log(what); } };
      const started = T();
      const poll = async () => {
        if (this.connectionState === 'closed' || T() - started > 15000) return;
        try {
          (await this.getStats()).forEach((s) => {
            if (s.type === 'candidate-pair' && s.state === 'succeeded') first('pair', 'stats: candidate pair succeeded' + (s.nominated ? ' (nominated)' : ''));
            if (s.type === 'candidate-pair' && s.nominated) first('nom', 'stats: candidate pair nominated');
            if (s.type === 'outbound-rtp' && s.kind === 'video' && s.packetsSent > 0) first('vsent', `stats: first video RTP sent (${s.packetsSent} pkts, ${s.framesEncoded} frames encoded, ${s.keyFramesEncoded} key)`);
            if (s.type === 'outbound-rtp' && s.kind === 'audio' && s.packetsSent > 0) first('asent', 'stats: first audio RTP sent');
            if (s.type === 'inbound-rtp' && s.kind === 'video' && s.packetsReceived > 0) first('vrecv', `stats: first video RTP received (${s.packetsReceived} pkts)`);
            if (s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0) first('vdec', `stats: first video frame decoded (${s.keyFramesDecoded} key, jb ${(1000 * s.jitterBufferDelay / Math.max(1, s.jitterBufferEmittedCount)).toFixed(1)} ms)`);
            if (s.type === 'transport' && s.dtlsState === 'connected') first('dtlsc', `stats: transport dtls connected (role ${s.dtlsRole})`);
          });
        } catch (_) {}
        if (!(firsts.vdec && firsts.vsent)) setTimeout(poll, 5);
      };
      setTimeout(poll, 5);
    }
  };
  // First frame on any <video> (requestVideoFrameCallback).
  const origPlay = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (...a) {
    if (this.requestVideoFrameCallback && !this.__tlWatched) {
      this.__tlWatched = true;
      const cb = (n, md) => { log(`video frame presented #${this.id} (received ${(md.receiveTime ? T() - (performance.now() - md.receiveTime) : 0).toFixed(0)})`); };
      this.requestVideoFrameCallback(cb);
    }
    return origPlay.apply(this, a);
  };
}

async function takeTl (page) {
  return page.evaluate(() => { const t = window.__tl; window.__tl = []; return t; });
}

// GLib: "(process:123): fd-call-engine-DEBUG: 10:51:00.123: text"
const GLIB_RE = /^(?:\([^)]*\): )?([\w-]+)-(DEBUG|INFO|MESSAGE|WARNING): (\d\d):(\d\d):(\d\d)\.(\d{3}): (.*)$/;
// GStreamer: "0:00:01.234567890 12345 0x55... DEBUG  webrtcbin gstwebrtcbin.c:123:func:<webrtc> text"
const GST_RE = /^(\d+):(\d\d):(\d\d)\.(\d{9})\s+\d+\s+0x[0-9a-f]+\s+(\w+)\s+(\S+)\s+(\S+?):(\d+):([^:]*):(<[^>]*>)?\s*(.*)$/;

function agentEvents (agent) {
  const out = [];
  const gst = [];
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  for (const [at, line] of agent.stamped) {
    let m;
    if ((m = GLIB_RE.exec(line))) {
      const wall = day.getTime() + ((+m[3] * 60 + +m[4]) * 60 + +m[5]) * 1000 + +m[6] + day.getTimezoneOffset() * 0;
      out.push([wall, `agent ${m[1]}: ${m[7]}`]);
    } else if ((m = GST_RE.exec(line))) {
      const rel = ((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000 + +m[4] / 1e6;
      gst.push([at, rel, `gst ${m[6]} ${m[9]}${m[10] ? ' ' + m[10] : ''}: ${m[11]}`]);
    }
  }
  if (gst.length) {
    const origin = Math.min(...gst.map(([at, rel]) => at - rel));
    for (const [, rel, what] of gst) out.push([origin + rel, what]);
  }
  for (const [at, l] of agent.stampedLines) {
    if (l.event !== 'stats') out.push([at, `agent event ${l.event} ${JSON.stringify(l).slice(0, 160)}`]);
  }
  return out;
}

// Lines worth reading in a digest (GStreamer is very chatty at these levels).
const DIGEST = [
  /relay[<>]/, /^console|^desk/, /agent event/, /fd-call-engine: /, /fd-relay-call|fd-signal/,
  /gst webrtcbin .*(create_offer|create_answer|set_description|_update_ice_gathering_state|_update_ice_connection_state|_update_peer_connection_state|on_ice_candidate|_on_local_ice_candidate_task|add_ice_candidate)/,
  /gst webrtcnice.*(state|candidate|gather)/i,
  /gst dtlsconnection .*(handshake|start|timeout|Handshake|export|keys|role|client|server|state)/i,
  /gst dtlssrtpdec|gst dtlssrtpenc/, /gst dtlsdec .*(key|state|connection)/i,
  /gst rtpjitterbuffer .*(first buffer|Pushing buffer|timer|latency|Sched|push|pushed|lost)/i,
  /gst vp8dec|gst videodecoder .*(keyframe|key frame|handle_frame|finish)/i,
];

function printTimeline (title, events, t0) {
  console.log(`\n== ${title} (ms from the desk's request)`);
  events.sort((a, b) => a[0] - b[0]);
  const seen = new Map();
  for (const [at, what] of events) {
    if (!ALL) {
      if (!DIGEST.some((re) => re.test(what))) continue;
      // Repeated GStreamer lines: the first three of a kind only.
      const key = what.replace(/[0-9a-fx:.]+/g, '#').slice(0, 60);
      const n = (seen.get(key) || 0) + 1;
      seen.set(key, n);
      if (what.startsWith('gst ') && n > 3) continue;
    }
    console.log(`${(at - t0).toFixed(1).padStart(8)}  ${what.slice(0, 220)}`);
  }
}

async function main () {
  const problem = lib.checkEnvironment();
  if (problem) { console.log(`SKIP: ${problem}`); process.exit(77); }
  console.log(`load average at start ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const relay = new lib.Relay([INTERPRETER, DESK], { port: 18767 });
  await relay.start();
  const consoleBrowser = await lib.launchBrowser();
  await consoleBrowser.context.addInitScript(instrument);
  const consolePage = await consoleBrowser.context.newPage();
  await consolePage.goto(relay.url + '?lang=en');
  await lib.signIn(consolePage, INTERPRETER.token, ['csl']);
  await consolePage.evaluate(() => fdConsole.signal.addEventListener('incoming-call', () => setTimeout(() => document.getElementById('accept').click(), 0)));
  let deskBrowser = null;
  try {
    if (process.env.FD_TL_ONLY !== 'B') {
      for (let i = 0; i < CALLS; i++) {
        await takeTl(consolePage);
        const env = { G_MESSAGES_DEBUG: 'all', GST_DEBUG: GST, GST_DEBUG_NO_COLOR: '1', NICE_DEBUG: process.env.FD_TL_NICE || '' };
        const agent = lib.Agent.withToken(DESK.token, ['--relay', relay.ws, '--role', 'desk', '--language', 'csl',
                                                       '--ice-address', '127.0.0.1', '--size', '640x480',
                                                       '--calls', '1', '--duration', '1.5'], env);
        agent.stamped = [];
        agent.stampedLines = [];
        const rl = require('node:readline');
        rl.createInterface({ input: agent.proc.stderr }).on('line', (l) => agent.stamped.push([now(), l]));
        // GLib writes debug messages to stdout, between the JSON lines.
        rl.createInterface({ input: agent.proc.stdout }).on('line', (l) => {
          try { agent.stampedLines.push([now(), JSON.parse(l)]); } catch (_) { agent.stamped.push([now(), l]); }
        });
        await agent.exited;
        await lib.sleep(300);
        if (process.env.FD_TL_RAW) require('node:fs').writeFileSync(`${process.env.FD_TL_RAW}-A${i + 1}.log`, agent.stamped.map(([at, l]) => `${at.toFixed(1)} ${l}`).join('\n') + '\n');
        const ff = agent.stampedLines.find(([, l]) => l.event === 'first-frame');
        if (!ff) { console.log('A: no first frame; stderr tail:\n' + agent.stamped.slice(-30).map((x) => x[1]).join('\n')); continue; }
        const t0 = ff[0] - ff[1].setup_ms;
        const events = agentEvents(agent);
        for (const [at, what] of await takeTl(consolePage)) events.push([at, 'console ' + what]);
        printTimeline(`A${i + 1}: engine desk, set-up ${ff[1].setup_ms.toFixed(1)} ms`, events, t0);
        await lib.sleep(500);
      }
    }
    if (process.env.FD_TL_ONLY !== 'A') {
      deskBrowser = await lib.launchBrowser(lib.DESK_PAGE_FLAGS);
      await deskBrowser.context.addInitScript(instrument);
      const page = await lib.openDeskPage(deskBrowser.context, relay);
      await page.evaluate((token) => window.desk.start(token, 'csl'), DESK.token);
      for (let i = 0; i < CALLS; i++) {
        if (i > 0) await page.evaluate(() => window.desk.again());
        await page.waitForFunction(() => window.desk.firstFrameAt > 0, null, { timeout: 30000 });
        await lib.sleep(1500);
        const d = await page.evaluate(() => ({ req: performance.timeOrigin + window.desk.requestedAt,
                                               ff: performance.timeOrigin + window.desk.firstFrameAt,
                                               events: window.desk.events.map(([t, w]) => [performance.timeOrigin + t, w]) }));
        const events = [[d.ff, 'desk first frame (requestVideoFrameCallback: the bench\'s point)']];
        for (const [at, what] of await takeTl(page)) events.push([at, 'desk ' + what]);
        for (const [at, what] of await takeTl(consolePage)) events.push([at, 'console ' + what]);
        printTimeline(`B${i + 1}: Chromium desk, set-up ${(d.ff - d.req).toFixed(1)} ms`, events, d.req);
        await page.evaluate(() => window.desk.hangUp());
        await page.waitForFunction(() => window.desk.ended, null, { timeout: 10000 });
        await lib.sleep(300);
      }
    }
  } finally {
    if (deskBrowser) await deskBrowser.close();
    await consoleBrowser.close();
    await relay.stop();
    relay.cleanup();
  }
  console.log(`\nload average at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
