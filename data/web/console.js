// console.js: the Frontdesk interpreter console (sign in, presence, incoming calls, video, chat).
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Protocol: docs/protocol.md (fd-signal.js). Media: fd-call.js. Strings: i18n/<lang>.json, keyed;
// the page's lang attribute follows the chosen language. Every state change is written as text
// into #status (aria-live) as well as shown visually; nothing is signalled by sound alone.
// An ES module: the signalling client and the call are EventTargets (fd-signal.js, fd-call.js).

import { FdSignal } from './fd-signal.js';
import { FdCall } from './fd-call.js';

const LANGS = ['zh-CN', 'en', 'ru'];
const $ = (id) => document.getElementById(id);
const ui = {
  lang: 'zh-CN',
  strings: {},
  signal: null,
  call: null,          // FdCall of the current call
  callInfo: null,      // {id, language, peerName, acceptedAt}
  media: null,         // Promise<MediaStream> while a call is being set up
  stream: null,
  videoSize: null,     // the camera size asked of the current call: 480p or 720p
  incoming: null,      // incoming-call message while ringing
  lastRing: null,      // the last incoming-call, until its call-ended or call-accepted
  ringTimer: null,
  ringAudio: null,
  callTimer: null,
  muted: false,
  cameraOff: false,
  signedIn: false,
  chatLog: [],         // [{from: 'me'|'peer', text, via}]
  warnings: [],
};

// ---- strings ----------------------------------------------------------------------------------

function t (key, vars) {
  let s = ui.strings[key];
  if (s === undefined) s = key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, name) => (vars[name] !== undefined ? String(vars[name]) : m));
  return s;
}

function pickLanguage () {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (LANGS.includes(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem('frontdesk-console-lang');
    if (LANGS.includes(saved)) return saved;
  } catch (e) { /* storage may be disabled */ }
  for (const l of navigator.languages || [navigator.language || '']) {
    const low = String(l).toLowerCase();
    if (low.startsWith('zh')) return 'zh-CN';
    if (low.startsWith('ru')) return 'ru';
    if (low.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

async function setLanguage (lang) {
  const res = await fetch('i18n/' + lang + '.json', { cache: 'no-cache' });
  if (!res.ok) throw new Error('cannot load strings for ' + lang + ': HTTP ' + res.status);
  ui.strings = await res.json();
  ui.lang = lang;
  document.documentElement.lang = lang;
  $('ui-lang').value = lang;
  try { localStorage.setItem('frontdesk-console-lang', lang); } catch (e) { /* ignore */ }
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAria));
  }
  document.title = t('app.title');
  refreshDynamicText();
}

// Text that depends on state, redrawn after a language change.
function refreshDynamicText () {
  updateConnection();
  updatePresence();
  if (ui.incoming) showIncomingText();
  if (ui.callInfo) {
    $('call-title').textContent = t('call.title', { desk: ui.callInfo.peerName,
                                                    language: langName(ui.callInfo.language) });
    updateCallButtons();
    if (ui.call && ui.call.stats) showQuality(ui.call.stats);
  }
}

function langName (code) { return t('langs.' + code); }

function announce (text) {
  $('status').textContent = text;
}

// ---- connection and presence ------------------------------------------------------------------

let retryTick = null;

function updateConnection () {
  const sig = ui.signal;
  const el = $('connection');
  clearInterval(retryTick);
  retryTick = null;
  if (!sig) return;
  el.dataset.state = sig.state;
  const draw = () => {
    let text;
    if (sig.state === 'connected') text = t('conn.connected');
    else if (sig.state === 'reconnecting') {
      const secs = Math.max(0, Math.ceil((sig.retryAt - Date.now()) / 1000));
      text = t('conn.reconnecting', { seconds: secs });
    } else if (sig.state === 'connecting') text = t('conn.connecting');
    else text = t('conn.disconnected');
    $('connection-text').textContent = text;
  };
  draw();
  if (sig.state === 'reconnecting') retryTick = setInterval(draw, 500);
}

function updatePresence () {
  const sig = ui.signal;
  if (!sig) return;
  const p = sig.presence || sig.wantedPresence;
  const sel = $('presence');
  sel.value = p;
  sel.disabled = p === 'busy' || sig.state !== 'connected';
  const badge = $('presence-badge');
  badge.dataset.presence = p;
  badge.textContent = t('presence.' + p);
  const langs = sig.languages || [];
  for (const box of document.querySelectorAll('input[name=offer]')) {
    box.checked = langs.includes(box.value);
    box.disabled = sig.state !== 'connected';
  }
}

function selectedLanguages (name) {
  return Array.from(document.querySelectorAll('input[name=' + name + ']:checked')).map((b) => b.value);
}

// ---- sign in ----------------------------------------------------------------------------------

function showSignin (errorText) {
  ui.signedIn = false;
  $('signin').hidden = false;
  $('desk').hidden = true;
  const err = $('signin-error');
  err.hidden = !errorText;
  err.textContent = errorText || '';
  $('signin-button').disabled = false;
  $('token').focus();
}

function signIn (token, languages) {
  if (ui.signal) ui.signal.stop();
  const sig = new FdSignal({ token, role: 'interpreter', languages, presence: 'available',
                             client: 'frontdesk-web-console/1' });
  ui.signal = sig;
  $('signin-button').disabled = true;
  announce(t('conn.connecting'));

  const on = (type, fn) => sig.addEventListener(type, (ev) => fn(ev.detail));
  on('state', ({ state }) => {
    updateConnection();
    updatePresence();
    // A call held through the drop goes on: say so rather than that the relay is lost.
    if (state === 'reconnecting') announce(sig.held ? t('call.held') : t('conn.lost'));
  });
  on('welcome', (msg) => {
    const first = !ui.signedIn;
    ui.signedIn = true;
    $('user-name').textContent = msg.name;
    $('signin').hidden = true;
    $('desk').hidden = false;
    updatePresence();
    announce(first ? t('signin.welcome', { name: msg.name }) : t('conn.restored'));
    if (first) $('main').focus();
  });
  on('presence', () => {
    updatePresence();
    announce(t('presence.now', { presence: t('presence.' + sig.presence) }));
  });
  let lastErrorCode = null;
  on('fatal', ({ code }) => {
    let text;
    if (code === 4001 && lastErrorCode === 'bad-language') text = t('error.language');
    else if (code === 4001) text = t('error.auth');
    else if (code === 4002) text = t('error.version');
    else if (code === 4003) text = t('error.replaced');
    else text = t('error.closed', { code });
    endCall('connection-lost');
    hideIncoming();
    showSignin(text);
    announce(text);
  });
  on('incoming-call', onIncoming);
  on('call-accepted', onAccepted);
  on('sdp', async (msg) => {
    const call = await ui.callReady;
    if (!call || call !== ui.call) return;
    try {
      await call.onRemoteSdp(msg.sdp_type, msg.sdp);
    } catch (e) {
      announce(t('error.media', { message: String(e.message || e) }));
    }
  });
  on('ice', async (msg) => {
    const call = await ui.callReady;
    if (call && call === ui.call) call.onRemoteIce(msg.candidate, msg.mline_index, msg.sdp_mid);
  });
  on('chat', (msg) => {
    if (ui.call) ui.call.setPeerDraft('');
    addChat('peer', msg.text, 'relay');
  });
  on('call-ended', (msg) => {
    if (ui.closing && ui.closing.id === msg.call) {
      clearTimeout(ui.closing.timer);
      ui.closing.call.close();
      ui.closing = null;
      return;
    }
    const ring = ui.incoming || ui.lastRing;
    if (ring && msg.call === ring.call && !(ui.callInfo && ui.callInfo.id === msg.call)) {
      const from = ring.desk ? ring.desk.name : '?';
      ui.lastRing = null;
      hideIncoming();
      const reasonText = ui.strings['end.' + msg.reason] !== undefined ? t('end.' + msg.reason) : msg.reason;
      const text = t('incoming.ended', { desk: from, reason: reasonText });
      $('last-call').textContent = text;
      $('last-call').hidden = false;
      announce(text);
      return;
    }
    endCall(msg.reason);
  });
  // Network blips: the call and its video go on while the relay connection is down.
  on('call-resumed', () => announce(t('call.resumed')));
  on('peer-signal', (msg) => {
    const desk = ui.callInfo ? ui.callInfo.peerName : '';
    announce(t(msg.connected ? 'call.peerBack' : 'call.peerLost', { desk }));
  });
  on('media-restart', (msg) => restartMedia(msg.call));
  on('relay-error', (msg) => {
    lastErrorCode = msg.code;
    // Our own words for the code (the relay's message is English, for logs).
    const key = 'relayError.' + msg.code;
    const text = ui.strings[key] !== undefined ? t(key) : t('relayError.other', { code: String(msg.code) });
    announce(t('error.relay', { message: text }));
  });
  sig.start();
  updateConnection();
}

// ---- incoming call ----------------------------------------------------------------------------

function showIncomingText () {
  const m = ui.incoming;
  $('incoming-detail').textContent = t('incoming.detail', { desk: m.desk ? m.desk.name : '?',
                                                           language: langName(m.language) });
  const left = Math.max(0, Math.ceil((ui.incoming.until - Date.now()) / 1000));
  $('incoming-countdown').textContent = t('incoming.countdown', { seconds: left });
}

function onIncoming (msg) {
  ui.incoming = msg;
  ui.lastRing = msg;
  ui.incoming.until = Date.now() + 1000 * (Number(msg.ring_timeout) || 20);
  const box = $('incoming');
  box.hidden = false;
  $('idle').hidden = true;
  $('accept').disabled = false;
  $('decline').disabled = false;
  showIncomingText();
  clearInterval(ui.ringTimer);
  ui.ringTimer = setInterval(() => {
    if (ui.incoming) showIncomingText();
  }, 500);
  document.title = '☎ ' + t('incoming.title') + ' — ' + t('app.title');
  announce(t('incoming.announce', { desk: msg.desk ? msg.desk.name : '?', language: langName(msg.language) }));
  $('accept').focus();
  if ($('ring-sound').checked) startRing();
}

function hideIncoming () {
  ui.incoming = null;
  clearInterval(ui.ringTimer);
  ui.ringTimer = null;
  stopRing();
  $('incoming').hidden = true;
  document.title = t('app.title');
  if (!ui.callInfo) $('idle').hidden = false;
}

// A soft two-tone ring with Web Audio (optional; the alert is always visible).
function startRing () {
  stopRing();
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const osc = ctx.createOscillator();
    osc.frequency.value = 660;
    osc.connect(gain);
    osc.start();
    const now = ctx.currentTime;
    for (let i = 0; i < 20; i++) {
      gain.gain.setValueAtTime(0.15, now + i * 1.5);
      gain.gain.setValueAtTime(0, now + i * 1.5 + 0.6);
    }
    ui.ringAudio = ctx;
  } catch (e) { /* no audio output: the visual alert remains */ }
}

function stopRing () {
  if (ui.ringAudio) { ui.ringAudio.close().catch(() => {}); ui.ringAudio = null; }
}

// ---- camera picture size --------------------------------------------------------------------
// Remote sign-language interpreting asks for 720p30 cameras; 640x480 is the default, as not every
// interpreter's computer and line carry HD. The interpreter picks in the console (kept in this
// browser): "auto" opens the camera at 640x480 and moves it to 1280x720 when the desk's video
// arrives at 720p (the desk chose HD: its setting, or its camera and processors allow it).
// Ideal constraints only: a camera without 720p gives its nearest size, never an error; and
// Chromium may still lower the sent size when CPU or bandwidth run short (preferFrameRate).
const VIDEO_SIZES = { '480p': [640, 480], '720p': [1280, 720] };
const VIDEO_KEY = 'frontdesk-console-video';

function videoConstraints (size) {
  const [w, h] = VIDEO_SIZES[size];
  return { width: { ideal: w }, height: { ideal: h }, frameRate: { ideal: 30 } };
}

function videoChoice () {
  const v = $('video-size').value;
  return v === '480p' || v === '720p' ? v : 'auto';
}

function loadVideoChoice () {
  let saved = null;
  try { saved = localStorage.getItem(VIDEO_KEY); } catch (e) { /* storage may be disabled */ }
  $('video-size').value = saved === '480p' || saved === '720p' ? saved : 'auto';
}

// Moves the camera of the current call to `size` (no-op when it is there or there is none).
function setVideoSize (size) {
  const track = ui.stream ? ui.stream.getVideoTracks()[0] : null;
  if (!track || ui.videoSize === size) return;
  ui.videoSize = size;
  track.applyConstraints(videoConstraints(size)).catch((e) => console.warn('camera size', size, e));
}

// From the once-a-second call statistics: follow the desk's size in "auto".
function followDeskSize (s) {
  if (videoChoice() === 'auto' && s.height >= 720) setVideoSize('720p');
}

async function getMedia () {
  const size = videoChoice() === '720p' ? '720p' : '480p';
  const video = videoConstraints(size);
  ui.videoSize = size;
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: true });
  } catch (e) {
    // No camera: go on with sound only rather than refuse the call.
    announce(t('error.camera', { message: e.name || String(e) }));
    return await navigator.mediaDevices.getUserMedia({ audio: true });
  }
}

function accept () {
  const msg = ui.incoming;
  if (!msg) return;
  $('accept').disabled = true;
  $('decline').disabled = true;
  ui.media = getMedia();
  ui.media.catch(() => {});
  ui.signal.accept(msg.call);
  stopRing();
  announce(t('incoming.accepting'));
}

function decline () {
  const msg = ui.incoming;
  if (!msg) return;
  ui.signal.decline(msg.call);
  hideIncoming();
  announce(t('incoming.declined'));
}

// ---- the call ---------------------------------------------------------------------------------

function onAccepted (msg) {
  hideIncoming();
  ui.lastRing = null;
  ui.callInfo = { id: msg.call, language: msg.language, peerName: msg.peer ? msg.peer.name : '?',
                  acceptedAt: Date.now() };
  ui.chatLog = [];
  ui.warnings = [];
  $('chat-log').textContent = '';
  showPeerDraft('');
  $('idle').hidden = true;
  $('last-call').hidden = true;
  $('call').hidden = false;
  $('call-title').textContent = t('call.title', { desk: ui.callInfo.peerName, language: langName(msg.language) });
  $('quality').dataset.quality = 'unknown';
  $('quality-text').textContent = t('quality.unknown');
  $('quality-detail').textContent = '';
  ui.muted = false;
  ui.cameraOff = false;
  updateCallButtons();
  announce(t('call.connecting', { desk: ui.callInfo.peerName }));
  startTimer();
  const media = ui.media || getMedia();
  ui.media = null;
  const callId = msg.call;
  // STUN/TURN servers with short-lived credentials, handed out by the relay for this call.
  ui.callInfo.offerer = !!msg.offerer;
  ui.callInfo.iceServers = Array.isArray(msg.ice_servers) ? msg.ice_servers : [];
  ui.callReady = media.then(async (stream) => {
    if (!ui.callInfo || ui.callInfo.id !== callId) {
      stream.getTracks().forEach((tr) => tr.stop());
      return null;
    }
    ui.stream = stream;
    $('self-video').srcObject = stream;
    return startCall();
  }).catch((e) => {
    announce(t('error.media', { message: String(e.message || e) }));
    if (ui.callInfo && ui.callInfo.id === callId) {
      ui.signal.hangUp();
      endCall('media-error');
    }
    return null;
  });
}

// A peer connection for the call in hand, over the camera stream it already has.
async function startCall () {
  const call = new FdCall({ signal: ui.signal, offerer: ui.callInfo.offerer, localStream: ui.stream,
                            iceServers: ui.callInfo.iceServers });
  watchCall(call);
  ui.call = call;
  $('remote-video').srcObject = call.remoteStream;
  call.startStats(1000, showQuality);
  await call.start();
  return call;
}

// The desk rebuilt its media (its transport died, e.g. its address changed; webrtcbin cannot
// restart ICE): answer its new offer with a new peer connection, same call, same camera.
function restartMedia (callId) {
  if (!ui.callInfo || ui.callInfo.id !== callId || ui.callInfo.offerer) return;
  announce(t('call.mediaRestart'));
  ui.callReady = ui.callReady.then(async (old) => {
    if (!old || old !== ui.call || !ui.stream || !ui.callInfo || ui.callInfo.id !== callId) return old;
    old.close();
    return startCall();
  }).catch((e) => {
    announce(t('error.media', { message: String(e.message || e) }));
    return null;
  });
}

function watchCall (call) {
  call.addEventListener('connection-state', (ev) => {
    if (ev.detail.state === 'connected') announce(t('call.connected', { desk: ui.callInfo ? ui.callInfo.peerName : '' }));
    else if (ev.detail.state === 'failed') announce(t('call.failed'));
  });
  call.addEventListener('chat', (ev) => addChat('peer', ev.detail.text, 'channel'));
  call.addEventListener('peer-draft', (ev) => showPeerDraft(ev.detail.text));
  call.addEventListener('negotiation-warning', (ev) => {
    ui.warnings = ev.detail.problems;
    console.warn('negotiation problems:', ev.detail.problems);
  });
}

function startTimer () {
  clearInterval(ui.callTimer);
  const draw = () => {
    if (!ui.callInfo) return;
    const s = Math.floor((Date.now() - ui.callInfo.acceptedAt) / 1000);
    const hh = Math.floor(s / 3600);
    const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
    const ss = String(s % 60).padStart(2, '0');
    const el = $('timer');
    el.textContent = (hh ? hh + ':' : '') + mm + ':' + ss;
    el.setAttribute('datetime', 'PT' + s + 'S');
  };
  draw();
  ui.callTimer = setInterval(draw, 1000);
}

function showQuality (s) {
  followDeskSize(s);
  const q = s.quality;
  $('quality').dataset.quality = q;
  $('quality-text').textContent = t('quality.' + q);
  const parts = [];
  if (s.fpsIn >= 0) parts.push(t('quality.fps', { fps: Math.round(s.fpsIn) }));
  if (s.rttMs >= 0) parts.push(t('quality.rtt', { ms: Math.round(s.rttMs) }));
  if (s.lossPct >= 0) parts.push(t('quality.loss', { pct: s.lossPct.toFixed(1) }));
  $('quality-detail').textContent = parts.join(' · ');
}

function updateCallButtons () {
  const mute = $('mute');
  mute.setAttribute('aria-pressed', String(ui.muted));
  mute.textContent = ui.muted ? t('call.unmute') : t('call.mute');
  const cam = $('camera');
  cam.setAttribute('aria-pressed', String(ui.cameraOff));
  cam.textContent = ui.cameraOff ? t('call.cameraOn') : t('call.cameraOff');
}

function endCall (reason) {
  const info = ui.callInfo;
  if (!info) return;
  ui.callInfo = null;
  ui.callReady = Promise.resolve(null);
  clearInterval(ui.callTimer);
  if (ui.call) {
    const call = ui.call;
    call.stopStats();
    if (reason === 'hang-up-self') {
      // Keep the transport until the relay confirms the hang-up (or 2 s): the peer then ends
      // its media on the relay's word instead of seeing its packets bounce (docs/interop.md).
      ui.closing = { id: info.id, call, timer: setTimeout(() => call.close(), 2000) };
    } else {
      call.close();
    }
  }
  ui.call = null;
  if (ui.stream) ui.stream.getTracks().forEach((tr) => tr.stop());
  ui.stream = null;
  $('remote-video').srcObject = null;
  $('self-video').srcObject = null;
  $('call').hidden = true;
  $('idle').hidden = false;
  const secs = Math.floor((Date.now() - info.acceptedAt) / 1000);
  const reasonText = ui.strings['end.' + reason] !== undefined ? t('end.' + reason) : reason;
  const text = t('call.ended', { desk: info.peerName, reason: reasonText,
                                 duration: $('timer').textContent, seconds: secs });
  const last = $('last-call');
  last.textContent = text;
  last.hidden = false;
  announce(text);
}

function hangUp () {
  if (!ui.callInfo) return;
  ui.signal.hangUp();
  endCall('hang-up-self');
}

function addChat (from, text, via) {
  ui.chatLog.push({ from, text, via });
  const li = document.createElement('li');
  li.className = from === 'me' ? 'me' : 'peer';
  const who = document.createElement('strong');
  who.textContent = (from === 'me' ? t('chat.me') : (ui.callInfo ? ui.callInfo.peerName : t('chat.peer'))) + ': ';
  const body = document.createElement('span');
  body.textContent = text;
  li.append(who, body);
  $('chat-log').append(li);
  li.scrollIntoView({ block: 'nearest' });
}

// The desk's live text (real-time text), shown while it is not empty.
function showPeerDraft (text) {
  const name = ui.callInfo ? ui.callInfo.peerName : t('chat.peer');
  $('peer-draft-title').textContent = t('chat.peerTyping', { name });
  $('peer-draft').textContent = text;
  $('peer-draft-area').hidden = !text;
}

function sendChat (ev) {
  ev.preventDefault();
  const input = $('chat-input');
  const text = input.value.trim();
  if (!text || !ui.call) return;
  const via = ui.call.sendChat(text);
  if (!via) {
    announce(t('chat.notSent'));
    return; // keep the text in the box: nothing is lost
  }
  addChat('me', text, via);
  input.value = '';
}

// ---- wiring -----------------------------------------------------------------------------------

function wire () {
  $('ui-lang').addEventListener('change', (ev) => {
    setLanguage(ev.target.value).catch((e) => announce(String(e.message || e)));
  });
  $('signin-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const token = $('token').value.trim();
    const langs = selectedLanguages('lang');
    if (!token) { showSignin(t('signin.needToken')); return; }
    if (!langs.length) { showSignin(t('signin.needLanguage')); return; }
    $('signin-error').hidden = true;
    signIn(token, langs);
  });
  loadVideoChoice();
  $('video-size').addEventListener('change', () => {
    const choice = videoChoice();
    try { localStorage.setItem(VIDEO_KEY, choice); } catch (e) { /* ignore */ }
    if (choice !== 'auto') setVideoSize(choice);
  });
  $('presence').addEventListener('change', (ev) => {
    ui.signal.setPresence(ev.target.value);
  });
  for (const box of document.querySelectorAll('input[name=offer]')) {
    box.addEventListener('change', () => {
      const langs = selectedLanguages('offer');
      if (!langs.length) { box.checked = true; announce(t('signin.needLanguage')); return; }
      const p = ui.signal.presence === 'away' ? 'away' : 'available';
      ui.signal.setPresence(p, langs);
    });
  }
  $('signout').addEventListener('click', () => {
    if (ui.callInfo) hangUp();
    hideIncoming();
    ui.signal.stop();
    ui.signal = null;
    $('token').value = '';
    showSignin(null);
    announce(t('signin.signedOut'));
  });
  $('accept').addEventListener('click', accept);
  $('decline').addEventListener('click', decline);
  document.addEventListener('keydown', (ev) => {
    if (!ui.incoming || ev.ctrlKey || ev.altKey || ev.metaKey) return;
    if (ev.target && ev.target.tagName === 'INPUT' && ev.target.type === 'text') return;
    const k = ev.key.toLowerCase();
    if (k === 'a') { ev.preventDefault(); accept(); }
    else if (k === 'd' || k === 'escape') { ev.preventDefault(); decline(); }
  });
  $('hangup').addEventListener('click', hangUp);
  $('mute').addEventListener('click', () => {
    ui.muted = !ui.muted;
    if (ui.call) ui.call.setMuted(ui.muted);
    updateCallButtons();
    announce(ui.muted ? t('call.mutedNow') : t('call.unmutedNow'));
  });
  $('camera').addEventListener('click', () => {
    ui.cameraOff = !ui.cameraOff;
    if (ui.call) ui.call.setCameraEnabled(!ui.cameraOff);
    updateCallButtons();
    announce(ui.cameraOff ? t('call.cameraOffNow') : t('call.cameraOnNow'));
  });
  $('chat-form').addEventListener('submit', sendChat);
  $('chat-input').addEventListener('input', (ev) => { if (ui.call) ui.call.setDraft(ev.target.value); });
}

// For tests and diagnostics: a read-only view of the state.
window.fdConsole = {
  get lang () { return ui.lang; },
  get strings () { return ui.strings; },
  get signal () { return ui.signal; },
  get call () { return ui.call; },
  get callInfo () { return ui.callInfo; },
  get chatLog () { return ui.chatLog.slice(); },
  get warnings () { return ui.warnings.slice(); },
  get videoSize () { return ui.videoSize; },
  FdCall,  // the class (a diagnostic of bench/call-vs-browser patches its static helpers)
  ready: null,
};

function main () {
  wire();
  window.fdConsole.ready = setLanguage(pickLanguage()).catch((e) => {
    announce(String(e.message || e));
  }).then(() => {
    if (!$('signin').hidden) $('token').focus();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
