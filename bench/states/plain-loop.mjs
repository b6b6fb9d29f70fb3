// Plain timed loop, one process: the issue-18 reproduction without cyclebench.
// Runs a workload from workloads.mjs: W warm-up calls, then B batches of K calls, each timed with
// process.hrtime.bigint(). Prints one JSON line: per-batch ns/call, and per batch the new-space
// capacity (v8.getHeapSpaceStatistics, read between batches) and the GCs whose start fell in the
// batch (PerformanceObserver, matched by time afterwards), and the main thread's on-CPU ns/call
// from /proc/thread-self/schedstat (cpuMedian: preemption by other processes excluded; the value of
// the running thread is updated at scheduler ticks, so it is good to ~4 ms per batch), and minor
// page faults per call (process.resourceUsage()).
//
//   node [v8 flags] bench/states/plain-loop.mjs [--workload json-parse] [--warmup 50000]
//        [--batches 20] [--batch 5000] [--opt-status]   (--opt-status needs --allow-natives-syntax)
//
// Normally started many times by fresh.mjs, which summarises across processes.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
import { workloads } from './workloads.mjs';

// Main thread's on-CPU and run-queue-wait ns (Linux schedstat): a shared machine preempts us, and
// wall time then includes time other processes ran. ~13 us per read, taken between batches only.
const schedstat = () => readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);

const arg = (name, dflt) => {
  const i = process.argv.indexOf('--' + name);
  return i < 0 ? dflt : process.argv[i + 1];
};
const name = arg('workload', 'json-parse');
const W = +arg('warmup', 50000),
  B = +arg('batches', 20),
  K = +arg('batch', 5000);
const fn = workloads[name]();
let sink;

const gcs = [];
const obs = new PerformanceObserver((l) => {
  for (const e of l.getEntries()) gcs.push({ t: e.startTime, d: e.duration, k: e.detail?.kind ?? e.kind });
});
obs.observe({ entryTypes: ['gc'] });

const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
// Separate loop functions per phase would change tiering; one loop, as a user would write it.
function loop(n) {
  for (let i = 0; i < n; i++) sink = fn();
}
loop(W);
const batches = [],
  cpu = [],
  wait = [],
  faults = [],
  nsCap = [],
  windows = [];
for (let b = 0; b < B; b++) {
  const ns = newSpace();
  nsCap.push(ns.space_size);
  const f0 = process.resourceUsage().minorPageFault;
  const s0 = schedstat();
  const w0 = performance.now();
  const t0 = process.hrtime.bigint();
  loop(K);
  const t1 = process.hrtime.bigint();
  const s1 = schedstat();
  cpu.push((s1[0] - s0[0]) / K);
  wait.push((s1[1] - s0[1]) / K);
  faults.push((process.resourceUsage().minorPageFault - f0) / K);
  windows.push([w0, performance.now()]);
  batches.push(Number(t1 - t0) / K);
}
let opt;
if (process.argv.includes('--opt-status')) opt = { fn: eval('%GetOptimizationStatus(fn)'), loop: eval('%GetOptimizationStatus(loop)') };
// PerformanceObserver delivers asynchronously: wait a tick before matching.
setTimeout(() => {
  obs.disconnect();
  const perBatch = windows.map(([a, b]) => {
    const inside = gcs.filter((g) => g.t >= a && g.t < b);
    return { n: inside.length, ms: +inside.reduce((s, g) => s + g.d, 0).toFixed(3), minor: inside.filter((g) => g.k === 1).length };
  });
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const r1 = (xs) => xs.map((x) => +x.toFixed(1));
  console.log(
    JSON.stringify({
      workload: name,
      median: med(batches),
      cpuMedian: med(cpu),
      batches: r1(batches),
      cpu: r1(cpu),
      wait: r1(wait),
      faultsPerCall: faults.map((x) => +x.toFixed(3)),
      newSpace: nsCap,
      gc: perBatch,
      opt,
      sink: typeof sink,
    }),
  );
}, 20);
