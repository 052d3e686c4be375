// bench/nat-setup: call set-up time across NATs, press → connected, in the topology of the NAT
// suite (tests/netns-run.sh --nat): a desk behind the hall's NAT calls an interpreter, both
// frontdesk-agent (FdRelayCall + the call engine), through the relay and a real coturn on the
// public network.
//
//   TURN    interpreter at home behind the symmetric NAT: media through coturn (checked per call:
//           the selected pair has a relay candidate)
//   direct  interpreter in the office behind a port-preserving NAT (anchor, same run)
//
// Per scenario CALLS calls (FD_BENCH_CALLS, default 20) of 1 s each. Press → connected is the
// desk agent's connect_ms (request sent → engine state connected: relay round trips, ICE with
// TURN allocation, DTLS); press → first frame is its setup_ms. Goal (issue 11): ≤ 500 ms median
// through TURN.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const os = require('node:os');
const lib = require('../../tests/browser/lib.js');
const nat = require('../../tests/nat/nat-lib.js');

const CALLS = Math.min(200, Math.max(1, Number(process.env.FD_BENCH_CALLS || 20)));
const GOAL_MS = 500;

const INTERPRETER = { id: 'int-bench', name: 'Bench', role: 'interpreter', token: 'bench-int-token-0123456789' };
const DESK = { id: 'desk-bench', name: 'Bench desk', role: 'desk', token: 'bench-desk-token-0123456789' };

function pct (values, p) {
  if (!values.length) return NaN;
  const v = values.slice().sort((a, b) => a - b);
  return v[Math.min(v.length, Math.max(1, Math.ceil(p / 100 * v.length))) - 1];
}
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
const line = (name, v) => `${name.padEnd(26)} n=${String(v.length).padStart(3)}  median ${fmt(pct(v, 50)).padStart(5)}  ` +
  `p99 ${fmt(pct(v, 99)).padStart(5)}  min ${fmt(Math.min(...v)).padStart(5)}  max ${fmt(Math.max(...v)).padStart(5)} ms`;

async function scenario (relay, ns) {
  const interp = nat.agentIn(ns, INTERPRETER.token, ['--relay', relay.ws, '--role', 'interpreter',
                                                      '--language', 'csl', '--auto-answer',
                                                      '--calls', String(CALLS)]);
  await interp.waitEvent('welcome');
  const desk = nat.agentIn(nat.NS.desk, DESK.token, ['--relay', relay.ws, '--role', 'desk',
                                                      '--language', 'csl', '--calls', String(CALLS),
                                                      '--duration', '1']);
  const code = await Promise.race([desk.exited, lib.sleep(CALLS * 60000).then(() => 'timeout')]);
  await desk.stop();
  await interp.stop();
  if (code !== 0) throw new Error(`desk agent ended with ${code}:\n${desk.describe()}`);
  const connect = desk.events('state').filter((l) => l.state === 'connected').map((l) => l.connect_ms);
  const frame = desk.events('first-frame').map((l) => l.setup_ms);
  // The pair of each call: the first stats line of the call that knows it.
  const pairs = [];
  let inCall = false;
  for (const l of desk.lines) {
    if (l.event === 'state' && l.state === 'connected') inCall = true;
    if (inCall && l.event === 'stats' && l.local_candidate !== 'unknown') {
      pairs.push(`${l.local_candidate}/${l.remote_candidate}`);
      inCall = false;
    }
  }
  return { connect, frame, pairs };
}

async function main () {
  const problem = nat.checkNat();
  if (problem) { console.log('SKIP: ' + problem); process.exit(77); }
  const servers = await nat.startServers([INTERPRETER, DESK], 18901);
  const relay = servers.relay;
  let failed = false;
  try {
    console.log(`bench/nat-setup: ${CALLS} calls per scenario; ${os.cpus().length} × ${os.cpus()[0].model}, ` +
                `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at start`);
    const results = {};
    for (const [name, ns] of [['TURN', nat.NS.home], ['direct', nat.NS.office]]) {
      const r = await scenario(relay, ns);
      results[name] = r;
      const counts = {};
      for (const p of r.pairs) counts[p] = (counts[p] || 0) + 1;
      console.log(`${name}: selected pairs (desk local/remote) ${JSON.stringify(counts)}`);
      console.log(line(`${name} press → connected`, r.connect));
      console.log(line(`${name} press → first frame`, r.frame));
    }
    const turn = results.TURN;
    const relayed = turn.pairs.filter((p) => p.includes('relay')).length;
    if (relayed !== turn.pairs.length || turn.pairs.length !== turn.connect.length) {
      console.log(`TURN scenario: ${relayed} of ${turn.connect.length} calls relayed: not a TURN measurement`);
      failed = true;
    }
    const median = pct(turn.connect, 50);
    console.log(`goal: press → connected through TURN ≤ ${GOAL_MS} ms (median): ${fmt(median)} ms, ` +
                `${median <= GOAL_MS ? 'met' : 'NOT met'}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at end`);
  } finally {
    await nat.stopServers(servers);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
