// Is a slow JSON.parse batch the benchmark's own state, or the machine's? Alternates batches of a
// workload with batches of non-allocating controls in ONE process, so each control batch sees the
// same neighbours (other processes on the shared cores, cache and memory-bandwidth contention) as
// the workload batch next to it. Prints per-batch ns/call for each, and the correlation of the
// workload's batch times with each control's (rank correlation over batch pairs).
//
//   node [v8 flags] bench/states/interleaved.mjs [--workload json-parse] [--controls lcg,stream,randread]
//        [--batches 40] [--target-ms 25]
//
// A high correlation with the controls means the levels come from outside V8 (the neighbours); none
// means they are the workload's own (GC, tiering, heap layout).
import { PerformanceObserver, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { workloads } from './workloads.mjs';

const arg = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i < 0 ? d : process.argv[i + 1];
};
const name = arg('workload', 'json-parse');
const controls = arg('controls', 'lcg,ilp,stream,randread').split(',');
const B = +arg('batches', 40),
  targetMs = +arg('target-ms', 10);
const names = [name, ...controls];
const fns = names.map((n) => workloads[n]());
let sink;
const gcs = [];
const obs = new PerformanceObserver((l) => {
  for (const e of l.getEntries()) gcs.push({ t: e.startTime, d: e.duration });
});
obs.observe({ entryTypes: ['gc'] });
// One loop function per workload (new Function: own feedback, like cyclebench's generated loops).
const loops = fns.map(() => new Function('fn', 'n', 'sinkObj', 'for (let i = 0; i < n; i++) sinkObj.v = fn(); return sinkObj.v;'));
const sinkObj = { v: undefined };
// Returns wall ns; pushes process CPU ns (all threads, precise: getrusage) into lastCpu.
let lastCpu = 0;
const timeBatch = (j, n) => {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  sink = loops[j](fns[j], n, sinkObj);
  const t1 = process.hrtime.bigint();
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) * 1000;
  return Number(t1 - t0);
};
// Warm-up: 1 s of each, and calibrate n per workload to targetMs per batch.
const ns = names.map((_, j) => {
  let n = 10;
  const end = performance.now() + 1000;
  while (performance.now() < end) {
    const t = timeBatch(j, n);
    if (t < targetMs * 1e6 * 0.5) n *= 2;
  }
  const t = timeBatch(j, n);
  return Math.max(1, Math.round((n * targetMs * 1e6) / t));
});
const series = names.map(() => []),
  cpuSeries = names.map(() => []),
  windows = [],
  newSpace = [];
for (let b = 0; b < B; b++) {
  newSpace.push(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
  for (let j = 0; j < names.length; j++) {
    const w0 = performance.now();
    series[j].push(timeBatch(j, ns[j]) / ns[j]);
    cpuSeries[j].push(lastCpu / ns[j]);
    if (j === 0) windows.push([w0, performance.now()]);
  }
}
const rank = (xs) => {
  const idx = xs.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
  const r = new Array(xs.length);
  idx.forEach(([, i], k) => (r[i] = k));
  return r;
};
const pearson = (a, b) => {
  const n = a.length,
    ma = a.reduce((s, x) => s + x, 0) / n,
    mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0,
    sa = 0,
    sb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    sa += (a[i] - ma) ** 2;
    sb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(sa * sb);
};
const spearman = (a, b) => pearson(rank(a), rank(b));
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
setTimeout(() => {
  const inBatch = windows.map(([a, b]) => gcs.filter((g) => g.t >= a && g.t < b));
  const gcPerBatch = inBatch.map((x) => x.length);
  // GC pause ns per call of the workload in each batch (main-thread pause, as the observer reports it).
  const gcNsPerCall = inBatch.map((x) => +((x.reduce((s, g) => s + g.d, 0) * 1e6) / ns[0]).toFixed(1));
  const out = {
    workload: name,
    median: med(series[0]),
    spread: Object.fromEntries(
      names.map((n, j) => [
        n,
        { median: +med(series[j]).toFixed(1), min: +Math.min(...series[j]).toFixed(1), max: +Math.max(...series[j]).toFixed(1) },
      ]),
    ),
    cpuSpread: Object.fromEntries(
      names.map((n, j) => [
        n,
        { median: +med(cpuSeries[j]).toFixed(1), min: +Math.min(...cpuSeries[j]).toFixed(1), max: +Math.max(...cpuSeries[j]).toFixed(1) },
      ]),
    ),
    spearman: Object.fromEntries(controls.map((c, j) => [c, +spearman(series[0], series[j + 1]).toFixed(2)])),
    cpuSpearman: Object.fromEntries(controls.map((c, j) => [c, +spearman(cpuSeries[0], cpuSeries[j + 1]).toFixed(2)])),
    series: Object.fromEntries(names.map((n, j) => [n, series[j].map((x) => +x.toFixed(1))])),
    cpu: Object.fromEntries(names.map((n, j) => [n, cpuSeries[j].map((x) => +x.toFixed(1))])),
    gcPerBatch,
    gcNsPerCall,
    gcShare: +(gcNsPerCall.reduce((a, b) => a + b, 0) / series[0].reduce((a, b) => a + b, 0)).toFixed(3),
    newSpace,
  };
  console.log(JSON.stringify(out));
}, 20);
