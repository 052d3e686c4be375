// bench/desk-app/chromium-desk.js: the Chromium half of bench/desk-app. A headful Chromium on
// $DISPLAY (Xvfb) opens the test desk page (tests/browser/desk-page.html: the console's own
// fd-signal.js / fd-call.js) showing the interpreter's video and its own camera (Chromium's fake
// camera at the asked size), places one call and counts the frames each <video> presents
// (requestVideoFrameCallback: one callback per frame composited for display) once a second.
// bench.py (the driver) measures the CPU of this Chromium's process tree between the
// "window-start" and "window-end" lines this script prints on stdout (JSON lines).
// Environment: FD_RELAY_HTTP (http://127.0.0.1:PORT/), FD_DESK_TOKEN, FD_SIZE (WxH),
// FD_WARMUP and FD_WINDOW (seconds).
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const lib = require('../../tests/browser/lib.js');

const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');

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
    await page.evaluate(([size, token]) => {
      window.desk.videoSize = size;
      window.desk.showSelf = true;
      window.desk.start(token, 'csl');
    }, [[w, h], process.env.FD_DESK_TOKEN]);
    try {
      // An autoplaying <video> was seen to stay paused (readyState 0) with frames decoded on a
      // loaded machine: nudge it, as a person would press play.
      await page.waitForFunction(() => {
        const v = document.getElementById('remote');
        if (v.paused && v.srcObject) v.play().catch(() => {});
        return window.desk.firstFrameAt > 0;
      }, null, { timeout: 60000, polling: 500 });
    } catch (e) {
      e.message += '; the desk page saw: ' + JSON.stringify(await page.evaluate(async () => {
        const v = document.getElementById('remote');
        const media = { readyState: v.readyState, paused: v.paused, visibility: document.visibilityState, size: `${v.videoWidth}x${v.videoHeight}` };
        if (window.desk.call) {
          (await window.desk.call.pc.getStats()).forEach((st) => {
            if (st.type === 'inbound-rtp') media[st.kind] = { packets: st.packetsReceived, decoded: st.framesDecoded, received: st.framesReceived, plis: st.pliCount };
          });
        }
        return { events: window.desk.events, media };
      }));
      throw e;
    }
    say({ event: 'first-frame', setup_ms: await page.evaluate(() => window.desk.firstFrameAt - window.desk.requestedAt),
          userDataDir: browser.userDataDir });
    // Presented frames per <video>, counted from now on.
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
      const r = { at: performance.now(), remote: window.presented.remote, self: window.presented.self,
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
    say({ event: 'window-end', samples });
    await page.evaluate(() => window.desk.hangUp());
    await page.waitForFunction(() => window.desk.ended, null, { timeout: 10000 }).catch(() => {});
  } finally {
    await browser.close();
  }
}

main().catch((e) => { say({ event: 'error', message: `${e.message}\n${e.stack || ''}` }); process.exit(1); });
