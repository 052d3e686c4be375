// bench/desk-app/chromium-desk.js: the Chromium half of bench/desk-app. A headful Chromium on
// $DISPLAY (Xvfb) opens the test desk page (tests/browser/desk-page.html: the console's own
// fd-signal.js / fd-call.js) showing the interpreter's video and its own camera (Chromium's fake
// camera at the asked size), places one call and counts the frames each <video> presents
// (requestVideoFrameCallback: one callback per frame composited for display) once a second.
// bench.py (the driver) measures the CPU of this Chromium's process tree between the
// "window-start" and "window-end" lines this script prints on stdout (JSON lines).
// Environment: FD_RELAY_HTTP (http://127.0.0.1:PORT/), FD_DESK_TOKEN, FD_SIZE (WxH),
// FD_WARMUP and FD_WINDOW (seconds), FD_BENCH_UNSIGNALED_SSRC (1: drop the remote a=ssrc lines).
// A remote <video> that presents nothing (before or during the window) is an error, with what the
// page saw: the element, the receiver's statistics, the SSRCs announced against those received,
// and how many frames reach the track itself.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const lib = require('../../tests/browser/lib.js');

const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');

// What the page's media did, for an error message: the remote <video>, the receiver's statistics,
// and whether the decoded frames reach the MediaStreamTrack at all (frames read in 3 s from a
// clone of the remote video track by a MediaStreamTrackProcessor, beside any <video>).
async function mediaState () {
  const v = document.getElementById('remote');
  const media = { readyState: v.readyState, paused: v.paused, visibility: document.visibilityState,
                  size: `${v.videoWidth}x${v.videoHeight}`,
                  tracks: v.srcObject ? v.srcObject.getTracks().map((t) => `${t.kind}:${t.readyState}${t.muted ? ':muted' : ''}`) : null };
  const call = window.desk.call;
  if (call) {
    (await call.pc.getStats()).forEach((st) => {
      if (st.type !== 'inbound-rtp') return;
      const n = st.jitterBufferEmittedCount;
      media[st.kind] = { ssrc: st.ssrc, mid: st.mid, packets: st.packetsReceived, decoded: st.framesDecoded, received: st.framesReceived,
                         plis: st.pliCount, size: `${st.frameWidth}x${st.frameHeight}`, freezes: st.freezeCount,
                         decoder: st.decoderImplementation,
                         jitter_buffer_ms: n ? Math.round(1000 * st.jitterBufferDelay / n) : null };
    });
    // The SSRCs the remote description announces (a=ssrc / a=ssrc-group), per m-line: a receiver's
    // track is fed by the stream of the SSRC signalled for it.
    const sdp = call.pc.remoteDescription ? call.pc.remoteDescription.sdp : '';
    media.remote_ssrcs = sdp.split(/^m=/m).slice(1).map((m) => m.split(' ')[0] + ' ' +
      [...new Set([...m.matchAll(/^a=ssrc(?:-group)?:([^\r\n]*)/mg)].map((x) => x[1].replace(/ (cname|msid):.*/, '')))].join(','));
    const track = call.remoteStream.getVideoTracks()[0];
    if (track && window.MediaStreamTrackProcessor) {
      const clone = track.clone();
      const reader = new MediaStreamTrackProcessor({ track: clone }).readable.getReader();
      let frames = 0;
      const end = performance.now() + 3000;
      const timeout = (ms) => new Promise((resolve) => setTimeout(() => resolve({ timeout: true }), ms));
      for (;;) {
        const left = end - performance.now();
        if (left <= 0) break;
        const r = await Promise.race([reader.read(), timeout(left)]);
        if (r.timeout || r.done) break;
        frames++;
        r.value.close();
      }
      reader.cancel().catch(() => {});
      clone.stop();
      media.track_frames_in_3s = frames;
    }
  }
  return { events: window.desk.events, media };
}

async function main () {
  const url = process.env.FD_RELAY_HTTP;
  const relay = { url, ws: url.replace(/^http/, 'ws') + 'ws' };
  const [w, h] = (process.env.FD_SIZE || '640x480').split('x').map(Number);
  const warmup = Number(process.env.FD_WARMUP || 8);
  const windowSecs = Number(process.env.FD_WINDOW || 20);
  const browser = await lib.launchBrowser([...lib.DESK_PAGE_FLAGS, '--window-size=1280,800', '--window-position=0,0'],
                                          lib.CHROMIUM, { headful: true });
  try {
    const page = await lib.openDeskPage(browser.context, relay);
    await page.evaluate(([size, token, unsignaled]) => {
      window.desk.videoSize = size;
      window.desk.showSelf = true;
      // FD_BENCH_UNSIGNALED_SSRC=1: the remote description's a=ssrc lines are dropped, so Chromium
      // feeds each m-line's track from whatever SSRC arrives for it (a workaround for an engine that
      // sends another SSRC than it announced: see mediaState's remote_ssrcs).
      window.desk.unsignaledSsrcs = unsignaled;
      window.desk.start(token, 'csl');
    }, [[w, h], process.env.FD_DESK_TOKEN, process.env.FD_BENCH_UNSIGNALED_SSRC === '1']);
    try {
      // An autoplaying <video> was seen to stay paused (readyState 0) with frames decoded on a
      // loaded machine: nudge it, as a person would press play.
      await page.waitForFunction(() => {
        const v = document.getElementById('remote');
        if (v.paused && v.srcObject) v.play().catch(() => {});
        return window.desk.firstFrameAt > 0;
      }, null, { timeout: 60000, polling: 500 });
    } catch (e) {
      e.message = 'Chromium\'s remote <video> presented no frame in 60 s: ' + e.message +
        '; the desk page saw: ' + JSON.stringify(await page.evaluate(mediaState));
      throw e;
    }
    say({ event: 'first-frame', setup_ms: await page.evaluate(() => window.desk.firstFrameAt - window.desk.requestedAt),
          userDataDir: browser.userDataDir });
    // Presented frames per <video>, counted from now on (one requestVideoFrameCallback per frame
    // composited for display), and the element's own count (getVideoPlaybackQuality) beside it.
    await page.evaluate(() => {
      window.presented = { remote: 0, self: 0 };
      for (const id of ['remote', 'self']) {
        const v = document.getElementById(id);
        const cb = () => { window.presented[id]++; v.requestVideoFrameCallback(cb); };
        v.requestVideoFrameCallback(cb);
      }
    });
    await lib.sleep(warmup * 1000);
    const sample = () => page.evaluate(async () => {
      if (!window.desk.call) throw new Error(`the call ended (${window.desk.ended}) before the window did`);
      const q = document.getElementById('remote').getVideoPlaybackQuality();
      const r = { at: performance.now(), remote: window.presented.remote, self: window.presented.self,
                  quality_total: q.totalVideoFrames, quality_dropped: q.droppedVideoFrames,
                  decoded: 0, recv: '', sent: '', encoded: 0 };
      (await window.desk.call.pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') { r.decoded = s.framesDecoded; r.recv = `${s.frameWidth}x${s.frameHeight}`; }
        if (s.type === 'outbound-rtp' && s.kind === 'video') { r.encoded = s.framesEncoded; r.sent = `${s.frameWidth}x${s.frameHeight}`; }
      });
      return r;
    });
    const samples = [await sample()];
    say({ event: 'window-start' });
    for (let i = 0; i < windowSecs; i++) {
      await lib.sleep(1000);
      samples.push(await sample());
    }
    // A window in which the remote <video> presented nothing is no measurement: say so loudly
    // rather than report its CPU (Chromium then only decodes: a cheaper, wrong figure).
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (last.remote - first.remote <= 0) {
      throw new Error(`Chromium's remote <video> presented no frame in the ${windowSecs} s window ` +
                      `(${last.decoded - first.decoded} frames decoded meanwhile); the desk page saw: ` +
                      JSON.stringify(await page.evaluate(mediaState)));
    }
    const ssrcs = await page.evaluate(async () => {
      const call = window.desk.call;
      const sdp = call.pc.remoteDescription.sdp;
      const video = sdp.split(/^m=/m).find((m) => m.startsWith('video')) || '';
      const announced = [...new Set([...video.matchAll(/^a=ssrc:(\d+)/mg)].map((x) => Number(x[1])))];
      let received = null;
      (await call.pc.getStats()).forEach((st) => { if (st.type === 'inbound-rtp' && st.kind === 'video') received = st.ssrc; });
      return { announced, received, dropped: !!window.desk.unsignaledSsrcs };
    });
    say({ event: 'window-end', samples, ssrcs });
    await page.evaluate(() => window.desk.hangUp());
    await page.waitForFunction(() => window.desk.ended, null, { timeout: 10000 }).catch(() => {});
  } finally {
    await browser.close();
  }
}

main().catch((e) => { say({ event: 'error', message: `${e.message}\n${e.stack || ''}` }); process.exit(1); });
