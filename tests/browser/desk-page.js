// desk-page.js: the test desk page's script, an ES module using the console's own modules as
// the relay serves them (a file, as the relay's Content-Security-Policy allows scripts from its
// own origin only). SPDX-License-Identifier: GPL-3.0-or-later
import { FdSignal } from '/fd-signal.js';
import { FdCall } from '/fd-call.js';

// window.desk: start(token, language) signs in and places a call; again() places the next one
// on the same session; hangUp(); sendChat(text). The camera is opened when a call is accepted
// and closed when it ends (as the console does).
window.desk = {
  FdCall,
  state: 'idle', signal: null, call: null, chatLog: [], ended: null, events: [], language: null,
  requestedAt: 0, firstFrameAt: 0, calls: 0,
  // Camera size asked (ideal constraints, as the console) and whether the page shows its own
  // camera too (bench/desk-app: the same two streams as the app's call view).
  videoSize: [640, 480], showSelf: false, stream: null,
  // true: the remote description's a=ssrc lines are dropped before it is applied, so Chromium feeds
  // each m-line's track from the SSRC that arrives for it (bench/desk-app's FD_BENCH_UNSIGNALED_SSRC:
  // an engine seen sending video under another SSRC than it announced, which Chromium decodes but
  // never hands to the track).
  unsignaledSsrcs: false,
  log (what) { window.desk.events.push([performance.now(), what]); document.getElementById('state').textContent = what; },
  again () {
    const d = window.desk;
    d.ended = null;
    d.firstFrameAt = 0;
    d.requestedAt = performance.now();
    d.state = 'requesting';
    d.signal.requestCall(d.language);
  },
  start (token, language) {
    const d = window.desk;
    d.language = language;
    const sig = new FdSignal({ token, role: 'desk', client: 'frontdesk-test-desk' });
    d.signal = sig;
    let stream = null;
    const on = (type, fn) => sig.addEventListener(type, (ev) => fn(ev.detail));
    on('welcome', () => { d.log('welcome'); if (d.calls === 0) d.again(); });
    on('queued', (m) => d.log('queued ' + m.position));
    on('ringing', () => d.log('ringing'));
    on('call-accepted', async (m) => {
      d.log('accepted');
      d.state = 'accepted';
      d.calls++;
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: d.videoSize[0] }, height: { ideal: d.videoSize[1] }, frameRate: { ideal: 30 } }, audio: true });
      d.stream = stream;
      if (d.showSelf) document.getElementById('self').srcObject = stream;
      const call = new FdCall({ signal: sig, offerer: !!m.offerer, localStream: stream });
      call.addEventListener('chat', (ev) => d.chatLog.push({ from: 'peer', text: ev.detail.text }));
      call.addEventListener('connection-state', (ev) => d.log('pc ' + ev.detail.state));
      call.addEventListener('remote-track', (ev) => {
        if (ev.detail.track.kind !== 'video') return;
        const v = document.getElementById('remote');
        v.srcObject = call.remoteStream;
        const onFrame = () => { if (!d.firstFrameAt) d.firstFrameAt = performance.now(); };
        if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(onFrame);
      });
      d.call = call;
      await call.start();
      for (const m2 of d.pending || []) await d.apply(m2);
      d.pending = [];
    });
    d.apply = async (m) => {
      if (m.type === 'sdp') await d.call.onRemoteSdp(m.sdp_type, d.unsignaledSsrcs ? m.sdp.replace(/^a=ssrc(-group)?:.*\r?\n/mg, '') : m.sdp).catch((e) => d.log('sdp error ' + e));
      else await d.call.onRemoteIce(m.candidate, m.mline_index, m.sdp_mid);
    };
    const early = (m) => { if (d.call && !d.call.ended) d.apply(m); else (d.pending = d.pending || []).push(m); };
    on('sdp', early);
    on('ice', early);
    on('chat', (m) => d.chatLog.push({ from: 'peer', text: m.text, via: 'relay' }));
    on('call-ended', (m) => {
      d.log('ended ' + m.reason);
      d.ended = m.reason;
      d.state = 'ended';
      if (d.call) d.call.close();
      d.call = null;
      d.pending = [];
      if (stream) stream.getTracks().forEach((t) => t.stop());
      stream = null;
      d.stream = null;
      document.getElementById('self').srcObject = null;
    });
    sig.start();
  },
  hangUp () { window.desk.signal.hangUp(); },
  sendChat (text) { const via = window.desk.call.sendChat(text); window.desk.chatLog.push({ from: 'me', text, via }); return via; },
};
