// fd-call.js: one two-way video call in the browser (RTCPeerConnection), same media and chat
// conventions as the Frontdesk call engine (src/core/call): VP8 + Opus, max-bundle, an ordered
// data channel labelled "chat" created by the offerer, ICE trickled through the relay.
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The answerer never answers recvonly by accident: after applying the offer it puts its own
// tracks on the transceivers the offer created and sets them sendrecv, and checks its answer
// (FdCall.checkAnswer) before sending it. Payload types and header-extension ids come from the
// offer (Chromium does that itself when answering).
//
// FdCall is an EventTarget; its events are CustomEvents: 'remote-track' {track},
// 'connection-state' {state}, 'chat-open', 'chat' {text}, 'peer-draft' {text}, 'offer-adjusted'
// {changes}, 'negotiation-warning' {problems}, 'ice-error' {message}.
//
// Real-time text (src/core/call/fd-rtt.h): while this side types, setDraft(text) sends the whole
// draft as a binary message {"type":"rtt","seq":n,"text":…} on the chat channel, at most every
// RTT_INTERVAL_MS (the newest draft when the pause is over); the peer's drafts arrive the same
// way as 'peer-draft' (stale seq ignored, hostile input bounded), and its finished chat message
// clears the draft.

export const RTT_MAX_CHARS = 1000;
export const RTT_MAX_BYTES = 8192;
export const RTT_INTERVAL_MS = 100;

// The draft cut to RTT_MAX_CHARS characters (code points).
function boundedDraft (text) {
  const chars = Array.from(String(text || ''));
  return chars.length > RTT_MAX_CHARS ? chars.slice(0, RTT_MAX_CHARS).join('') : chars.join('');
}

// Parses a binary real-time text message: {seq, text} or null when it is not a valid one.
export function decodeRtt (buffer) {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0 || buffer.byteLength > RTT_MAX_BYTES) return null;
  let msg;
  try {
    msg = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
  } catch (e) {
    return null;
  }
  if (msg === null || typeof msg !== 'object' || msg.type !== 'rtt' || !Number.isSafeInteger(msg.seq) ||
      msg.seq <= 0 || typeof msg.text !== 'string' || Array.from(msg.text).length > RTT_MAX_CHARS) return null;
  return { seq: msg.seq, text: msg.text };
}

// Parses the m-sections of an SDP into {kind, direction, codecs: {name: [pt]}, rtx: [apt],
// nack: bool, extmap: {id: uri}}.
export function parseSdp (sdp) {
  const sections = [];
  let cur = null;
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      const parts = line.substring(2).split(' ');
      cur = { kind: parts[0], port: Number(parts[1]), pts: parts.slice(3).map(Number),
              direction: 'sendrecv', codecs: {}, rtxApt: [], nackPts: [], extmap: {}, mid: null };
      sections.push(cur);
      continue;
    }
    if (!cur) continue;
    let m;
    if (/^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) {
      cur.direction = line.substring(2);
    } else if ((m = /^a=rtpmap:(\d+) ([^/]+)\//.exec(line))) {
      const name = m[2].toLowerCase();
      (cur.codecs[name] = cur.codecs[name] || []).push(Number(m[1]));
    } else if ((m = /^a=fmtp:(\d+) .*apt=(\d+)/.exec(line))) {
      cur.rtxApt.push({ pt: Number(m[1]), apt: Number(m[2]) });
    } else if ((m = /^a=rtcp-fb:(\d+) nack$/.exec(line))) {
      cur.nackPts.push(Number(m[1]));
    } else if ((m = /^a=extmap:(\d+)(?:\/\w+)? (\S+)/.exec(line))) {
      cur.extmap[m[1]] = m[2];
    } else if ((m = /^a=mid:(\S+)/.exec(line))) {
      cur.mid = m[1];
    }
  }
  return sections;
}

// Problems of an answer against its offer, as English sentences (empty = fine).
export function checkAnswer (offerSdp, answerSdp) {
  const offer = parseSdp(offerSdp);
  const answer = parseSdp(answerSdp);
  const problems = [];
  if (offer.length !== answer.length) {
    problems.push(`the answer has ${answer.length} m-lines, the offer ${offer.length}`);
    return problems;
  }
  offer.forEach((o, i) => {
    const a = answer[i];
    if (o.kind !== 'audio' && o.kind !== 'video') return;
    if (o.direction === 'sendrecv' && a.direction !== 'sendrecv') {
      problems.push(`${a.kind} m-line ${i} is ${a.direction} (expected sendrecv)`);
    }
    if (a.port === 0) problems.push(`${a.kind} m-line ${i} was rejected (port 0)`);
    const codec = o.kind === 'video' ? 'vp8' : 'opus';
    const opt = (o.codecs[codec] || []);
    const apt = (a.codecs[codec] || []);
    if (opt.length && !apt.length) problems.push(`${a.kind}: the answer has no ${codec}`);
    for (const pt of apt) {
      if (!opt.includes(pt)) problems.push(`${a.kind}: ${codec} payload type ${pt} is not the offer's (${opt.join(',')})`);
    }
    for (const [id, uri] of Object.entries(a.extmap)) {
      if (o.extmap[id] !== uri) problems.push(`${a.kind}: header extension id ${id} (${uri}) is not the offer's`);
    }
    if (o.kind === 'video') {
      const offerRtx = o.rtxApt.some((r) => opt.includes(r.apt));
      const answerRtx = a.rtxApt.some((r) => apt.includes(r.apt));
      if (offerRtx && !answerRtx) problems.push('video: the offer has RTX for VP8 but the answer dropped it');
      const offerNack = o.nackPts.some((pt) => opt.includes(pt));
      const answerNack = a.nackPts.some((pt) => apt.includes(pt));
      if (offerNack && !answerNack) problems.push('video: the offer has NACK for VP8 but the answer dropped it');
    }
  });
  return problems;
}

// Chromium refuses a remote audio m-section with more than one SSRC ("Failed to add remote
// stream ssrc … media_type: audio"): it has no audio RTX. The Frontdesk engine (GStreamer
// 1.22 webrtcbin with do-nack on every transceiver) offers audio RTX with an ssrc-group FID.
// Drop audio RTX from a remote offer before applying it; Chromium would never send or ask for
// it anyway, so nothing is lost. Returns {sdp, changes: [English sentences]}.
// See docs/interop.md ("audio RTX in the engine's offer").
export function compatRemoteOffer (sdp) {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(/\r?\n/);
  const out = [];
  const changes = [];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].startsWith('m=audio')) { out.push(lines[i]); i++; continue; }
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith('m=')) j++;
    const section = lines.slice(i, j);
    const rtxPts = new Set();
    for (const l of section) {
      const m = /^a=rtpmap:(\d+) rtx\//i.exec(l);
      if (m) rtxPts.add(m[1]);
    }
    const dropSsrcs = new Set();
    for (const l of section) {
      const m = /^a=ssrc-group:FID (\d+) (\d+)/.exec(l);
      if (m) dropSsrcs.add(m[2]);
    }
    if (rtxPts.size || dropSsrcs.size) {
      changes.push(`audio: removed RTX payload types ${[...rtxPts].join(',') || '-'} and ` +
                   `FID SSRCs ${[...dropSsrcs].join(',') || '-'} (Chromium has no audio RTX)`);
      for (const l of section) {
        let m;
        if (l.startsWith('m=audio')) {
          const parts = l.split(' ');
          out.push(parts.slice(0, 3).concat(parts.slice(3).filter((pt) => !rtxPts.has(pt))).join(' '));
        } else if ((m = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)/.exec(l)) && rtxPts.has(m[1])) {
          continue;
        } else if (/^a=ssrc-group:FID /.test(l)) {
          continue;
        } else if ((m = /^a=ssrc:(\d+) /.exec(l)) && dropSsrcs.has(m[1])) {
          continue;
        } else {
          out.push(l);
        }
      }
    } else {
      out.push(...section);
    }
    i = j;
  }
  return { sdp: out.join(eol), changes };
}

export class FdCall extends EventTarget {
  // options: {signal: FdSignal, offerer: bool, localStream: MediaStream, iceServers: []}
  constructor (options) {
    super();
    this.signal = options.signal;
    this.offerer = !!options.offerer;
    this.localStream = options.localStream;
    this.pendingIce = [];
    this.remoteStream = new MediaStream();
    this.chat = null;
    this.chatOpen = false;
    this.localSdp = null;
    this.remoteSdp = null;
    this.answerProblems = [];
    this.offerChanges = [];
    this.startedAt = performance.now();
    this.connectedAt = 0;
    this.firstFrameAt = 0;
    this.ended = false;
    this.statsTimer = null;
    this.lastStats = null;
    this.stats = null;
    this.peerDraft = '';      // what the peer is typing now
    this.peerSeq = 0;
    this.draft = '';          // ours, newest
    this.sentDraft = '';      // ours, as the peer has it
    this.draftSeq = 0;
    this.draftSentAt = 0;
    this.draftTimer = null;
    this.pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require',
                                       iceServers: options.iceServers || [] });
    this.pc.onicecandidate = (ev) => {
      if (ev.candidate && ev.candidate.candidate) {
        this.signal.sendIce(ev.candidate.candidate, ev.candidate.sdpMLineIndex || 0,
                            ev.candidate.sdpMid);
      }
    };
    this.pc.ontrack = (ev) => {
      if (!this.remoteStream.getTracks().includes(ev.track)) this.remoteStream.addTrack(ev.track);
      this.emit('remote-track', { track: ev.track });
    };
    this.pc.ondatachannel = (ev) => {
      if (ev.channel.label === 'chat') this.watchChat(ev.channel);
    };
    this.pc.onconnectionstatechange = () => {
      const s = this.pc.connectionState;
      if (s === 'connected' && !this.connectedAt) this.connectedAt = performance.now();
      this.emit('connection-state', { state: s });
    };
  }

  emit (type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  watchChat (channel) {
    this.chat = channel;
    channel.binaryType = 'arraybuffer';
    channel.onopen = () => { this.chatOpen = true; this.emit('chat-open'); };
    channel.onclose = () => { this.chatOpen = false; };
    channel.onmessage = (ev) => {
      if (typeof ev.data === 'string') {
        this.setPeerDraft('');
        this.emit('chat', { text: ev.data });
      } else {
        const rtt = decodeRtt(ev.data);
        if (rtt && rtt.seq > this.peerSeq) {
          this.peerSeq = rtt.seq;
          this.setPeerDraft(rtt.text);
        }
      }
    };
    if (channel.readyState === 'open') { this.chatOpen = true; this.emit('chat-open'); }
  }

  async start () {
    if (!this.offerer) return; // wait for the offer
    for (const track of this.localStream.getTracks()) {
      const tr = this.pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.localStream] });
      if (track.kind === 'video') await FdCall.preferFrameRate(tr.sender);
    }
    for (const kind of ['audio', 'video']) {
      if (!this.localStream.getTracks().some((t) => t.kind === kind)) {
        this.pc.addTransceiver(kind, { direction: 'recvonly' });
      }
    }
    this.watchChat(this.pc.createDataChannel('chat', { ordered: true }));
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    this.localSdp = this.pc.localDescription.sdp;
    this.signal.sendSdp('offer', this.localSdp);
  }

  async onRemoteSdp (type, sdp) {
    if (this.ended) return;
    if (type === 'offer') {
      if (this.offerer) throw new Error('an offer arrived but we are the offerer');
      this.remoteSdp = sdp;
      const compat = FdCall.compatRemoteOffer(sdp);
      this.offerChanges = compat.changes;
      if (compat.changes.length) this.emit('offer-adjusted', { changes: compat.changes });
      await this.pc.setRemoteDescription({ type: 'offer', sdp: compat.sdp });
      // Our tracks on the offer's transceivers, sendrecv: never a silent recvonly answer.
      const tracks = this.localStream.getTracks().slice();
      for (const tr of this.pc.getTransceivers()) {
        const kind = tr.receiver.track.kind;
        const i = tracks.findIndex((t) => t.kind === kind);
        if (i >= 0) {
          await tr.sender.replaceTrack(tracks[i]);
          if (kind === 'video') await FdCall.preferFrameRate(tr.sender);
          tr.sender.setStreams && tr.sender.setStreams(this.localStream);
          tr.direction = 'sendrecv';
          tracks.splice(i, 1);
        }
      }
      await this.flushIce();
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      this.localSdp = this.pc.localDescription.sdp;
      this.answerProblems = checkAnswer(sdp, this.localSdp);
      if (this.answerProblems.length) this.emit('negotiation-warning', { problems: this.answerProblems });
      this.signal.sendSdp('answer', this.localSdp);
    } else if (type === 'answer') {
      this.remoteSdp = sdp;
      this.answerProblems = checkAnswer(this.localSdp || '', sdp);
      if (this.answerProblems.length) this.emit('negotiation-warning', { problems: this.answerProblems });
      await this.pc.setRemoteDescription({ type: 'answer', sdp });
      await this.flushIce();
    }
  }

  async onRemoteIce (candidate, mlineIndex, sdpMid) {
    if (this.ended || !candidate) return;
    const init = { candidate: candidate.replace(/^a=/, ''), sdpMLineIndex: mlineIndex };
    if (sdpMid) init.sdpMid = sdpMid;
    if (!this.pc.remoteDescription) {
      this.pendingIce.push(init);
      return;
    }
    try {
      await this.pc.addIceCandidate(init);
    } catch (e) {
      this.emit('ice-error', { message: String(e) });
    }
  }

  async flushIce () {
    const list = this.pendingIce;
    this.pendingIce = [];
    for (const init of list) {
      try { await this.pc.addIceCandidate(init); } catch (e) { this.emit('ice-error', { message: String(e) }); }
    }
  }

  setPeerDraft (text) {
    if (text === this.peerDraft) return;
    this.peerDraft = text;
    this.emit('peer-draft', { text });
  }

  // Our draft (the whole text being typed); sent paced while it changes.
  setDraft (text) {
    this.draft = boundedDraft(text);
    this.paceDraft();
  }

  paceDraft () {
    if (this.ended || this.draft === this.sentDraft) {
      clearTimeout(this.draftTimer);
      this.draftTimer = null;
      return;
    }
    const wait = this.draftSentAt ? this.draftSentAt + RTT_INTERVAL_MS - performance.now() : 0;
    if (wait > 0) {
      if (!this.draftTimer) this.draftTimer = setTimeout(() => { this.draftTimer = null; this.paceDraft(); }, wait);
      return;
    }
    clearTimeout(this.draftTimer);
    this.draftTimer = null;
    if (!this.chat || !this.chatOpen) return; // drafts only over the channel: the next change retries
    this.draftSentAt = performance.now();
    this.sentDraft = this.draft;
    this.draftSeq++;
    this.chat.send(new TextEncoder().encode(JSON.stringify({ type: 'rtt', seq: this.draftSeq, text: this.draft })));
  }

  sendChat (text) {
    let via = null;
    if (this.chat && this.chatOpen) {
      this.chat.send(text);
      via = 'channel';
    } else if (this.signal.sendChat(text)) {
      via = 'relay';
    }
    if (via) {
      // The finished message ends the draft on both sides.
      clearTimeout(this.draftTimer);
      this.draftTimer = null;
      this.draft = '';
      this.sentDraft = '';
    }
    return via;
  }

  setMuted (muted) {
    for (const t of this.localStream.getAudioTracks()) t.enabled = !muted;
  }

  setCameraEnabled (enabled) {
    for (const t of this.localStream.getVideoTracks()) t.enabled = enabled;
  }

  // One sample of the figures a quality indicator needs; also kept in this.stats.
  async sample () {
    const report = await this.pc.getStats();
    const now = performance.now();
    const out = { fpsIn: -1, framesDecoded: 0, framesReceived: 0, fpsOut: -1, framesSent: 0,
                  rttMs: -1, lossPct: -1, jitterBufferMs: -1, jitterMs: -1, width: 0, height: 0,
                  bitrateInKbps: -1, nack: 0, pli: 0, packetsLost: 0, packetsReceived: 0,
                  totalDecodeMs: -1, audioPacketsReceived: 0 };
    let bytesIn = 0;
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        out.fpsIn = s.framesPerSecond !== undefined ? s.framesPerSecond : out.fpsIn;
        out.framesDecoded = s.framesDecoded || 0;
        out.framesReceived = s.framesReceived || 0;
        out.packetsLost = s.packetsLost || 0;
        out.packetsReceived = s.packetsReceived || 0;
        out.width = s.frameWidth || 0;
        out.height = s.frameHeight || 0;
        out.nack = s.nackCount || 0;
        out.pli = s.pliCount || 0;
        out.jitterMs = s.jitter !== undefined ? s.jitter * 1000 : -1;
        if (s.jitterBufferEmittedCount) {
          out.jitterBufferMs = 1000 * s.jitterBufferDelay / s.jitterBufferEmittedCount;
        }
        if (s.framesDecoded) out.totalDecodeMs = 1000 * (s.totalDecodeTime || 0) / s.framesDecoded;
        bytesIn += s.bytesReceived || 0;
      } else if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        out.audioPacketsReceived = s.packetsReceived || 0;
        bytesIn += s.bytesReceived || 0;
      } else if (s.type === 'outbound-rtp' && s.kind === 'video') {
        out.fpsOut = s.framesPerSecond !== undefined ? s.framesPerSecond : out.fpsOut;
        out.framesSent = s.framesEncoded || s.framesSent || 0;
      } else if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') {
        if (s.currentRoundTripTime !== undefined) out.rttMs = s.currentRoundTripTime * 1000;
      } else if (s.type === 'remote-inbound-rtp' && s.kind === 'video' && out.rttMs < 0 &&
                 s.roundTripTime !== undefined) {
        out.rttMs = s.roundTripTime * 1000;
      }
    });
    const last = this.lastStats;
    if (last) {
      const dt = (now - last.at) / 1000;
      if (dt > 0) {
        out.bitrateInKbps = 8 * (bytesIn - last.bytesIn) / dt / 1000;
        if (out.fpsIn < 0) out.fpsIn = (out.framesDecoded - last.framesDecoded) / dt;
        const rx = out.packetsReceived - last.packetsReceived;
        const lost = out.packetsLost - last.packetsLost;
        out.lossPct = rx + lost > 0 ? Math.max(0, 100 * lost / (rx + lost)) : 0;
      }
    }
    if (out.framesDecoded > 0 && !this.firstFrameAt) this.firstFrameAt = now;
    this.lastStats = { at: now, bytesIn, framesDecoded: out.framesDecoded,
                       packetsReceived: out.packetsReceived, packetsLost: out.packetsLost };
    out.quality = FdCall.quality(out);
    this.stats = out;
    return out;
  }

  // Sign language needs frame rate more than resolution: when CPU or bandwidth run short,
  // Chromium should lower the resolution and keep the frames (the engine does the same).
  static async preferFrameRate (sender) {
    if (sender.track) sender.track.contentHint = 'motion';
    try {
      const params = sender.getParameters();
      params.degradationPreference = 'maintain-framerate';
      await sender.setParameters(params);
    } catch (e) { /* before negotiation some browsers refuse: the hint alone still helps */ }
  }

  // The same thresholds as the engine's FdCallQuality (src/core/call/fd-call-stats.h).
  static quality (s) {
    if (s.fpsIn < 0) return 'unknown';
    const loss = s.lossPct < 0 ? 0 : s.lossPct;
    const rtt = s.rttMs < 0 ? 0 : s.rttMs;
    if (s.fpsIn >= 25 && loss < 2 && rtt < 150) return 'good';
    if (s.fpsIn >= 20 && loss < 10 && rtt < 400) return 'fair';
    return 'poor';
  }

  startStats (intervalMs, fn) {
    this.stopStats();
    this.statsTimer = setInterval(async () => {
      if (this.ended) return;
      try { fn(await this.sample()); } catch (e) { /* the pc may be closing */ }
    }, intervalMs);
  }

  stopStats () {
    clearInterval(this.statsTimer);
    this.statsTimer = null;
  }

  close () {
    if (this.ended) return;
    this.ended = true;
    this.stopStats();
    clearTimeout(this.draftTimer);
    this.draftTimer = null;
    try { if (this.chat) this.chat.close(); } catch (e) { /* already closed */ }
    try { this.pc.close(); } catch (e) { /* already closed */ }
  }
}

FdCall.parseSdp = parseSdp;
FdCall.checkAnswer = checkAnswer;
FdCall.compatRemoteOffer = compatRemoteOffer;
