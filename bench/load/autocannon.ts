// cyclebench load() against autocannon on the same endpoint of a server in its own process: the same
// connections (closed model, 10 concurrent callers over keep-alive connections) and the same number
// of requests, in alternating rounds in this one process; medians of each figure over the rounds.
// cyclebench calls a user function (here Node's http.get with a keep-alive agent); autocannon writes
// requests on raw sockets with its own parser, so its throughput is the ceiling of the machine.
// Run: npx tsx bench/load/autocannon.ts [requests per round, default 5000] [rounds, default 5]
import { fork } from 'node:child_process';
import http from 'node:http';
import autocannon from 'autocannon';
import { Suite } from '../../src/engine/suite.js';

const REQUESTS = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 5);
const CONNECTIONS = 10;

const server = fork(new URL('./server.mjs', import.meta.url).pathname, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const port = await new Promise<number>((resolve) => server.once('message', (m: { port: number }) => resolve(m.port)));

interface Figures {
  p50: number;
  p90: number;
  p99: number;
  rps: number;
}

// Throughput for both: requests / wall time of the whole call (autocannon's own duration is whole seconds).
async function cannon(path: string): Promise<Figures> {
  const t0 = performance.now();
  const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, amount: REQUESTS });
  const wallS = (performance.now() - t0) / 1000;
  if (r.non2xx || r.errors) throw new Error(`autocannon: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, rps: REQUESTS / wallS };
}

async function ours(path: string): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = `http://127.0.0.1:${port}${path}`;
  const get = () =>
    new Promise<void>((resolve, reject) =>
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject),
    );
  const suite = new Suite({ resources: false });
  suite.add('load', get, { load: { concurrency: CONNECTIONS, requests: REQUESTS, duration: '60s' } });
  const t0 = performance.now();
  const b = (await suite.run()).benchmarks[0];
  const wallS = (performance.now() - t0) / 1000;
  agent.destroy();
  if (b.status !== 'ok' || b.load!.failed) throw new Error(`cyclebench: ${b.error?.message ?? `${b.load!.failed} failed`}`);
  const s = b.stats!;
  return { p50: s.p50 / 1e6, p90: s.p90 / 1e6, p99: s.p99 / 1e6, rps: REQUESTS / wallS };
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const medians = (rs: Figures[]): Figures => ({
  p50: med(rs.map((r) => r.p50)),
  p90: med(rs.map((r) => r.p90)),
  p99: med(rs.map((r) => r.p99)),
  rps: med(rs.map((r) => r.rps)),
});

console.log(`${CONNECTIONS} connections, ${REQUESTS} requests per round, ${ROUNDS} rounds alternating; latency in ms`);
for (const path of ['/delay', '/fast']) {
  await cannon(path);
  await ours(path); // warm both
  const a: Figures[] = [];
  const c: Figures[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    a.push(await cannon(path));
    c.push(await ours(path));
  }
  const ma = medians(a);
  const mc = medians(c);
  // autocannon records whole milliseconds (its histogram truncates), so its sub-millisecond figures read 0.
  const row = (k: keyof Figures) =>
    `${k.padEnd(4)} autocannon ${ma[k].toFixed(k === 'rps' ? 0 : 2).padStart(8)}  cyclebench ${mc[k].toFixed(k === 'rps' ? 0 : 3).padStart(9)}  ratio ${ma[k] > 0 ? (mc[k] / ma[k]).toFixed(2) : 'n/a (0 ms)'}`;
  console.log(`GET ${path}\n  ${(['p50', 'p90', 'p99', 'rps'] as const).map(row).join('\n  ')}`);
}

// The engine's own cost per request: an async function that does nothing, closed model, one event loop.
const noop = new Suite({ resources: false });
noop.add('noop', async () => {}, { load: { concurrency: CONNECTIONS, requests: 200_000, duration: '60s' } });
const n = (await noop.run()).benchmarks[0];
console.log(
  `engine alone (async no-op, ${CONNECTIONS} callers): ${Math.round(n.load!.throughput)} requests/s, ${(1e9 / n.load!.throughput).toFixed(0)} ns per request (two clock reads, a histogram record, a promise)`,
);
server.disconnect();
