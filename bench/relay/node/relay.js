// bench/relay/node/relay.js: the anchor of bench/relay. A minimal relay on the npm `ws`
// package speaking the subset of the frontdesk protocol (docs/protocol.md) the benchmark
// drives: `hello` with a bearer token checked against the same configuration file's
// `sha256:SALT:DIGEST` hashes, `ping` → `pong`, `call-request` → `ringing` to the longest-idle
// available interpreter of the language (`incoming-call` to them) or `queued`, `call-cancel` →
// `call-ended{cancelled}` to both. No call records, no SDP/ICE/chat, no limits: it only routes.
//
// usage: node relay.js CONFIG PORT   (prints "listening PORT" when ready)
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const { WebSocketServer } = require('ws');

const [configPath, portArg] = process.argv.slice(2);

// [token ID] groups of the relay's GKeyFile; identities grouped by salt so that a hello costs
// one SHA-256 per distinct salt, as in frontdesk-relay.
function loadTokens(path) {
  const bySalt = new Map();
  let group = null;
  const identities = [];
  for (const raw of fs.readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      group = header[1].startsWith('token ') ? { id: header[1].slice(6) } : null;
      if (group) identities.push(group);
      continue;
    }
    if (!group) continue;
    const eq = line.indexOf('=');
    group[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  for (const identity of identities) {
    const [, salt, digest] = identity.hash.split(':');
    if (!bySalt.has(salt)) bySalt.set(salt, new Map());
    bySalt.get(salt).set(digest, identity);
  }
  return bySalt;
}

const tokens = loadTokens(configPath);

function verify(token) {
  let found = null;
  for (const [salt, digests] of tokens) {
    const digest = crypto.createHash('sha256').update(Buffer.from(salt, 'hex')).update(token)
      .digest('hex');
    found = found || digests.get(digest) || null;
  }
  return found;
}

const LANGUAGES = ['csl', 'en', 'ru'];
const idle = new Map(LANGUAGES.map((l) => [l, new Set()])); // insertion order = longest idle first
const queues = new Map(LANGUAGES.map((l) => [l, []]));
const sessions = new Map(); // identity id → ws
let nextCall = 1;

function send(ws, message) {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function setAvailable(ws) {
  for (const l of ws.peer.languages) idle.get(l).add(ws);
  for (const l of ws.peer.languages) {
    const waiting = queues.get(l).shift();
    if (waiting) { ring(waiting); return; }
  }
}

function setBusy(ws) {
  for (const l of LANGUAGES) idle.get(l).delete(ws);
}

function ring(call) {
  const free = idle.get(call.language).values().next().value;
  if (!free) {
    queues.get(call.language).push(call);
    send(call.desk, { type: 'queued', call: call.id, language: call.language,
      position: queues.get(call.language).length, eta: -1 });
    return;
  }
  setBusy(free);
  call.interpreter = free;
  free.peer.call = call;
  send(call.desk, { type: 'ringing', call: call.id, language: call.language,
    interpreter: { id: free.peer.id, name: free.peer.name } });
  send(free, { type: 'incoming-call', call: call.id, language: call.language,
    desk: { id: call.desk.peer.id, name: call.desk.peer.name }, ring_timeout: 20 });
}

function endCall(call, reason) {
  const q = queues.get(call.language);
  const i = q.indexOf(call);
  if (i >= 0) q.splice(i, 1);
  call.desk.peer.call = null;
  send(call.desk, { type: 'call-ended', call: call.id, reason });
  if (call.interpreter) {
    send(call.interpreter, { type: 'call-ended', call: call.id, reason });
    call.interpreter.peer.call = null;
    if (call.interpreter.readyState === call.interpreter.OPEN) setAvailable(call.interpreter);
  }
}

function onMessage(ws, data) {
  let m;
  try { m = JSON.parse(data); } catch { return send(ws, { type: 'error', code: 'bad-json', message: 'not JSON' }); }
  if (!ws.peer) {
    if (m.type !== 'hello') return ws.close(1008);
    const identity = verify(String(m.token || ''));
    if (!identity || identity.role !== m.role) {
      send(ws, { type: 'error', code: 'auth-failed', message: 'bad token' });
      return ws.close(4001);
    }
    const old = sessions.get(identity.id);
    if (old) old.close(4003);
    sessions.set(identity.id, ws);
    const languages = identity.role === 'interpreter'
      ? (Array.isArray(m.languages) ? m.languages.filter((l) => LANGUAGES.includes(l)) : LANGUAGES)
      : [];
    ws.peer = { id: identity.id, name: identity.name || identity.id, role: identity.role,
      languages, call: null };
    send(ws, { type: 'welcome', v: 1, session: crypto.randomUUID(), id: ws.peer.id,
      name: ws.peer.name, role: ws.peer.role, ping_interval: 3, idle_timeout: 10,
      ring_timeout: 20 });
    if (identity.role === 'interpreter' && m.presence !== 'away') setAvailable(ws);
    return;
  }
  switch (m.type) {
    case 'ping': return send(ws, { type: 'pong' });
    case 'call-request':
      if (ws.peer.role !== 'desk') return send(ws, { type: 'error', code: 'forbidden', message: 'desks only' });
      if (ws.peer.call) return send(ws, { type: 'error', code: 'bad-state', message: 'in a call' });
      if (!LANGUAGES.includes(m.language)) return send(ws, { type: 'error', code: 'bad-language', message: 'language' });
      ws.peer.call = { id: `c-${nextCall++}`, language: m.language, desk: ws, interpreter: null };
      return ring(ws.peer.call);
    case 'call-cancel':
      if (!ws.peer.call || ws.peer.call.id !== m.call || ws.peer.role !== 'desk') {
        return send(ws, { type: 'error', code: 'no-such-call', message: 'no such call' });
      }
      return endCall(ws.peer.call, 'cancelled');
    default:
      return send(ws, { type: 'error', code: 'unknown-type', message: 'not in this relay' });
  }
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(portArg), backlog: 4096,
  path: '/ws', perMessageDeflate: false, maxPayload: 65536 });
wss.on('connection', (ws) => {
  ws.peer = null;
  ws.on('message', (data) => onMessage(ws, data));
  ws.on('close', () => {
    if (!ws.peer) return;
    if (sessions.get(ws.peer.id) === ws) sessions.delete(ws.peer.id);
    setBusy(ws);
    if (ws.peer.call) endCall(ws.peer.call, 'peer-gone');
  });
  ws.on('error', () => {});
});
wss.on('listening', () => console.log(`listening ${wss.address().port}`));
