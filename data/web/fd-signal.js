// fd-signal.js: browser client of frontdesk-relay, protocol v1 (docs/protocol.md).
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// One WebSocket at /ws of the page's own origin. Sends hello, keeps the session alive with ping
// every ping_interval, reconnects with jittered exponential backoff when the connection drops
// (state "reconnecting"), and re-announces presence and languages after a reconnect. Refusals the
// relay means for good (bad token 4001, bad version 4002, replaced 4003, policy 1008, normal 1000)
// stop retrying. An EventTarget: every event is a CustomEvent whose detail is the relay's message
// (or, for 'state', {state}; 'presence', {presence, languages}; 'closed' and 'fatal', {code,
// reason}; 'retry', {delay}; 'protocol-error', {message}).
// Network blips (docs/protocol.md): a connected call whose connection drops is held ('call-held',
// {call}; the media goes on), resumed after the reconnect with the relay's secret ('call-resumed'),
// or ended as before ('call-ended' connection-lost) when the relay refuses or the grace passes.
// 'peer-signal' ({call, connected}) and 'media-restart' ({call}) come from the relay. A hang-up
// while the call is held ends it here at once and goes to the relay with the call-resume
// (hang_up: true), so the peer hears of it as soon as the connection is back.
// client.addEventListener('welcome', (ev) => ev.detail.name) etc.

const FATAL_CLOSES = new Set([1000, 1008, 4001, 4002, 4003]);
const PROTOCOL_VERSION = 1;
const RESUME_MARGIN_MS = 5000;
const RESUME_RE = /^[A-Za-z0-9_-]{16,128}$/;

export class FdSignal extends EventTarget {
  constructor (options) {
    super();
    this.url = options.url || FdSignal.defaultUrl();
    this.token = options.token;
    this.role = options.role; // 'desk' | 'interpreter'
    this.languages = options.languages || null;
    this.wantedPresence = options.presence || 'available';
    this.client = options.client || 'frontdesk-web-console';
    this.initialBackoff = options.initialBackoff || 500;
    this.maxBackoff = options.maxBackoff || 30000;
    this.state = 'disconnected'; // disconnected | connecting | connected | reconnecting
    this.presence = null;        // the relay's view
    this.callId = null;
    this.resume = null;          // the current call's resume secret (call-accepted)
    this.resumeGrace = 30;
    this.held = false;           // the call is held while the connection is down
    this.heldTimer = null;
    this.pendingHangUp = null;   // {call, resume, timer}: a hang-up made while held
    this.hungUpAway = null;      // its call id once sent with call-resume
    this.welcome = null;
    this.retryAt = 0;
    this.attempt = 0;
    this.ws = null;
    this.pingTimer = null;
    this.retryTimer = null;
    this.stopped = true;
  }

  static defaultUrl () {
    const scheme = globalThis.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + globalThis.location.host + '/ws';
  }

  emit (type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  setState (state) {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', { state });
  }

  start () {
    this.stopped = false;
    this.attempt = 0;
    this.open();
  }

  open () {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      const hello = { type: 'hello', v: PROTOCOL_VERSION, role: this.role, token: this.token,
                      client: this.client };
      if (this.role === 'interpreter') {
        if (this.languages) hello.languages = this.languages;
        hello.presence = this.wantedPresence === 'away' ? 'away' : 'available';
      }
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (ev) => this.onMessage(ws, ev);
    ws.onclose = (ev) => this.onClose(ws, ev);
    ws.onerror = () => { /* onclose follows with the code */ };
  }

  onMessage (ws, ev) {
    if (ws !== this.ws) return;
    let msg;
    try {
      msg = JSON.parse(ev.data);
    } catch (e) {
      this.emit('protocol-error', { message: 'bad JSON from the relay' });
      return;
    }
    if (msg === null || typeof msg !== 'object' || typeof msg.type !== 'string') {
      this.emit('protocol-error', { message: 'a relay message without a type' });
      return;
    }
    switch (msg.type) {
      case 'welcome':
        this.welcome = msg;
        this.attempt = 0;
        if (msg.presence) this.presence = msg.presence;
        this.startPing(Math.max(1, Number(msg.ping_interval) || 3));
        this.setState('connected');
        this.emit('welcome', msg);
        if (this.pendingHangUp) {
          // Hung up while the connection was down: the relay ends the call for the peer now.
          this.send({ type: 'call-resume', call: this.pendingHangUp.call,
                      resume: this.pendingHangUp.resume, hang_up: true });
          this.hungUpAway = this.pendingHangUp.call;
          this.dropPendingHangUp();
        } else if (this.held && this.callId && this.resume) {
          this.send({ type: 'call-resume', call: this.callId, resume: this.resume });
        }
        break;
      case 'pong':
        break;
      case 'presence':
        this.presence = msg.presence;
        if (Array.isArray(msg.languages)) this.languages = msg.languages;
        this.emit('presence', { presence: msg.presence, languages: msg.languages || [] });
        break;
      case 'incoming-call':
        this.callId = msg.call;
        this.emit('incoming-call', msg);
        break;
      case 'queued':
      case 'ringing':
        this.callId = msg.call;
        this.emit(msg.type, msg);
        break;
      case 'call-accepted':
        this.forgetResume();
        this.callId = msg.call;
        if (typeof msg.resume === 'string' && RESUME_RE.test(msg.resume)) {
          this.resume = msg.resume;
          const grace = Number(msg.resume_grace);
          this.resumeGrace = Number.isSafeInteger(grace) && grace > 0 && grace <= 600 ? grace : 30;
        }
        this.emit('call-accepted', msg);
        break;
      case 'call-resumed':
        if (msg.call !== this.callId || !this.held) return;
        this.held = false;
        clearTimeout(this.heldTimer);
        this.emit('call-resumed', msg);
        break;
      case 'peer-signal':
      case 'media-restart':
        if (msg.call !== this.callId) return;
        this.emit(msg.type, msg);
        break;
      case 'sdp':
      case 'ice':
      case 'chat':
        if (msg.call !== this.callId) return; // a stale message of an older call
        this.emit(msg.type, msg);
        break;
      case 'call-ended':
        if (msg.call === this.callId) {
          this.callId = null;
          this.forgetResume();
        }
        this.emit('call-ended', msg);
        break;
      case 'error':
        // The relay had already ended the call we hung up while away: nothing to tell.
        if (msg.ref === 'call-resume' && msg.call && msg.call === this.hungUpAway) {
          this.hungUpAway = null;
          return;
        }
        this.emit('relay-error', msg);
        if (this.held && msg.ref === 'call-resume') this.endHeld();
        break;
      default:
        break; // later versions may add types: ignore them
    }
  }

  onClose (ws, ev) {
    if (ws !== this.ws) return;
    this.ws = null;
    this.stopPing();
    const hadCall = this.callId;
    const fatal = this.stopped || FATAL_CLOSES.has(ev.code);
    if (hadCall && this.resume && !fatal) {
      // The call goes on peer to peer: resume it after the reconnect.
      if (!this.held) {
        this.held = true;
        this.heldTimer = setTimeout(() => this.endHeld(),
                                    this.resumeGrace * 1000 + RESUME_MARGIN_MS);
        this.emit('call-held', { call: hadCall });
      }
    } else if (hadCall) {
      this.callId = null;
      this.forgetResume();
      this.emit('call-ended', { call: hadCall, reason: 'connection-lost' });
    }
    this.emit('closed', { code: ev.code, reason: ev.reason });
    if (fatal) {
      this.endHeld();
      this.stopped = true;
      this.setState('disconnected');
      if (ev.code !== 1000) this.emit('fatal', { code: ev.code, reason: ev.reason });
      return;
    }
    this.scheduleRetry();
  }

  forgetResume () {
    clearTimeout(this.heldTimer);
    this.heldTimer = null;
    this.held = false;
    this.resume = null;
  }

  // A held call is over: the relay refused it, the grace passed, or we stop.
  endHeld () {
    if (!this.held) return;
    const call = this.callId;
    this.callId = null;
    this.forgetResume();
    if (call) this.emit('call-ended', { call, reason: 'connection-lost' });
  }

  scheduleRetry () {
    this.attempt++;
    const base = Math.min(this.maxBackoff, this.initialBackoff * Math.pow(2, this.attempt - 1));
    const delay = Math.round(base / 2 + Math.random() * base / 2); // jitter: 50..100 %
    this.retryAt = Date.now() + delay;
    this.setState('reconnecting');
    this.emit('retry', { delay });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  startPing (seconds) {
    this.stopPing();
    this.pingTimer = setInterval(() => this.send({ type: 'ping' }), seconds * 1000);
  }

  stopPing () {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  stop () {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stopPing();
    if (this.ws) {
      const ws = this.ws;
      ws.close(1000, 'bye');
      // onclose arrives later; report the end now.
      this.ws = null;
      if (this.callId) this.emit('call-ended', { call: this.callId, reason: 'connection-lost' });
      this.callId = null;
    }
    this.endHeld();
    this.setState('disconnected');
  }

  send (obj) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(obj));
    return true;
  }

  // Interpreter
  setPresence (presence, languages) {
    this.wantedPresence = presence;
    if (languages) this.languages = languages;
    const msg = { type: 'presence', presence };
    if (languages) msg.languages = languages;
    return this.state === 'connected' ? this.send(msg) : true;
  }

  accept (call) { return this.send({ type: 'call-accept', call: call || this.callId }); }
  decline (call) { return this.send({ type: 'call-decline', call: call || this.callId }); }

  // Desk
  requestCall (language) { return this.send({ type: 'call-request', language }); }
  cancelCall () { return this.send({ type: 'call-cancel', call: this.callId }); }

  // Both peers of the current call
  sendSdp (sdpType, sdp) { return this.send({ type: 'sdp', call: this.callId, sdp_type: sdpType, sdp }); }
  sendIce (candidate, mlineIndex, sdpMid) {
    const msg = { type: 'ice', call: this.callId, candidate, mline_index: mlineIndex };
    if (sdpMid) msg.sdp_mid = sdpMid;
    return this.send(msg);
  }
  sendChat (text) { return this.send({ type: 'chat', call: this.callId, text }); }
  sendMediaRestart () { return this.send({ type: 'media-restart', call: this.callId }); }
  hangUp () {
    if (this.held && this.callId && this.resume) {
      // No connection: the hang-up goes with the resume once it is back (at most the grace;
      // after it the relay has ended the call itself and told the peer).
      this.dropPendingHangUp();
      this.pendingHangUp = { call: this.callId, resume: this.resume,
                             timer: setTimeout(() => this.dropPendingHangUp(),
                                               this.resumeGrace * 1000 + RESUME_MARGIN_MS) };
      this.callId = null;
      this.forgetResume();
      return true;
    }
    const ok = this.send({ type: 'hang-up', call: this.callId });
    return ok;
  }

  dropPendingHangUp () {
    if (!this.pendingHangUp) return;
    clearTimeout(this.pendingHangUp.timer);
    this.pendingHangUp = null;
  }
}

