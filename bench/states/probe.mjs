// One process: a workload in ~10 ms batches, each followed by a ~1 ms batch of a non-allocating
// "canary" (RegExp#test over the JSON text: branchy native code, no heap). The canary has no GC and
// no heap, so when it slows down the machine did (a busy neighbour on the shared cores), not V8.
// Per batch it records: wall and process-CPU ns/call of both, GCs (PerformanceObserver) and their
// pause, the new-space capacity and old-space size. Batches are classed "machine fast" when the
// canary is within 15% of its 10th percentile in this process.
//
//   node [v8 flags] bench/states/probe.mjs [--workload json-parse] [--batches 60] [--target-ms 10]
//        [--warmup-ms 1000] [--canary regex]
//
// Prints one JSON line: median ns/call over all batches, over machine-fast batches (fastMedian),
// the fast fraction, GC share, new-space sizes seen, and the per-batch series. hypotheses.mjs runs
// it in many processes and classes batches against the canary's level across all of them.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { workloads } from './workloads.mjs';

const arg = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i < 0 ? d : process.argv[i + 1];
};
const name = arg('workload', 'json-parse'),
  canaryName = arg('canary', 'regex');
const B = +arg('batches', 60),
  targetMs = +arg('target-ms', 10),
  warmupMs = +arg('warmup-ms', 1000);
const fn = workloads[name](),
  canary = workloads[canaryName]();
const gcs = [];
const obs = new PerformanceObserver((l) => {
  for (const e of l.getEntries()) gcs.push({ t: e.startTime, d: e.duration, k: e.detail?.kind });
});
obs.observe({ entryTypes: ['gc'] });
const sinkObj = { v: undefined };
const mk = () => new Function('fn', 'n', 'sink', 'for (let i = 0; i < n; i++) sink.v = fn(); return sink.v;');
const loop = mk(),
  canaryLoop = mk();
function time(l, f, n) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  l(f, n, sinkObj);
  const t1 = process.hrtime.bigint();
  const c = process.cpuUsage(c0);
  return [Number(t1 - t0) / n, ((c.user + c.system) * 1000) / n];
}
function calibrate(l, f, ms, budgetMs) {
  let n = 1;
  const end = performance.now() + budgetMs;
  do {
    const [w] = time(l, f, n);
    if (w * n < ms * 1e6) n = Math.ceil(n * Math.min(16, (ms * 1e6) / Math.max(w * n, 1)));
  } while (performance.now() < end);
  return n;
}
const n = calibrate(loop, fn, targetMs, warmupMs);
const nc = calibrate(canaryLoop, canary, targetMs / 10, 100);
const space = (s) => v8.getHeapSpaceStatistics().find((x) => x.space_name === s).space_size;
const rows = [];
for (let b = 0; b < B; b++) {
  const newSpace = space('new_space'),
    oldSpace = space('old_space');
  const w0 = performance.now();
  const [wall, cpu] = time(loop, fn, n);
  const w1 = performance.now();
  const [cw, cc] = time(canaryLoop, canary, nc);
  rows.push({ wall, cpu, cw, cc, w0, w1, newSpace, oldSpace });
}
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
setTimeout(() => {
  obs.disconnect();
  for (const r of rows) {
    const g = gcs.filter((x) => x.t >= r.w0 && x.t < r.w1);
    r.gc = g.length;
    r.gcNs = (g.reduce((s, x) => s + x.d, 0) * 1e6) / n;
  }
  const c10 = q(
    rows.map((r) => r.cc),
    0.1,
  );
  for (const r of rows) r.fast = r.cc <= 1.15 * c10;
  const fast = rows.filter((r) => r.fast);
  const out = {
    workload: name,
    n,
    nc,
    median: med(rows.map((r) => r.wall)),
    cpuMedian: med(rows.map((r) => r.cpu)),
    fastMedian: med(fast.map((r) => r.cpu)),
    slowMedian: med(rows.filter((r) => !r.fast).map((r) => r.cpu)),
    fastFraction: +(fast.length / rows.length).toFixed(2),
    canary10: c10,
    gcShare: +(rows.reduce((s, r) => s + r.gcNs, 0) / rows.reduce((s, r) => s + r.wall, 0)).toFixed(3),
    scavengesPerBatch: med(rows.map((r) => r.gc)),
    newSpace: [...new Set(rows.map((r) => r.newSpace))],
    oldSpaceMB: +(rows.at(-1).oldSpace / 2 ** 20).toFixed(1),
  };
  const col = (k, d = 1) => rows.map((r) => +(+r[k]).toFixed(d));
  out.series = {
    wall: col('wall'),
    cpu: col('cpu'),
    canary: col('cc'),
    gc: col('gc', 0),
    gcNs: col('gcNs'),
    newSpaceMB: rows.map((r) => r.newSpace / 2 ** 20),
  };
  console.log(JSON.stringify(out));
}, 20);
