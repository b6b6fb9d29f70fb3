// The GC part of an allocating benchmark under several V8 heap settings: per configuration, in
// fresh processes (interleaved), the scavenges per 1,000 calls, the median / 90th percentile / max
// scavenge pause (PerformanceObserver 'gc' entries, main-thread pause), GC pause time per call,
// the new-space capacity, and RSS and committed heap at the end.
//
//   node bench/states/gc-pauses.mjs [--runs 5] [--workload json-parse] [--calls 100000]
//        --cfg "name:v8 flags" [--cfg ...]
// Child mode (internal): node [flags] bench/states/gc-pauses.mjs --child --workload W --calls N
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { workloads } from './workloads.mjs';
import { fmt, summarize } from './lib.mjs';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf('--' + k);
  return i < 0 ? d : argv[i + 1];
};
const all = (k) => argv.flatMap((a, i) => (a === '--' + k ? [argv[i + 1]] : []));
const workload = get('workload', 'json-parse'),
  calls = +get('calls', 100000);
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(p * (s.length - 1))] : NaN;
};

if (argv.includes('--child')) {
  const fn = workloads[workload]();
  let sink;
  for (let i = 0; i < 20000; i++) sink = fn(); // warm-up, GCs not recorded
  const pauses = [];
  const obs = new PerformanceObserver((l) => {
    for (const e of l.getEntries()) pauses.push({ d: e.duration, k: e.detail?.kind });
  });
  obs.observe({ entryTypes: ['gc'] });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink = fn();
  const ns = Number(process.hrtime.bigint() - t0) / calls;
  setTimeout(() => {
    obs.disconnect();
    const ds = pauses.map((p) => p.d);
    const sp = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
    console.log(
      JSON.stringify({
        ns,
        gcs: pauses.length,
        major: pauses.filter((p) => p.k !== 1).length,
        pauseMed: med(ds),
        pauseP90: q(ds, 0.9),
        pauseMax: Math.max(0, ...ds),
        gcNsPerCall: (ds.reduce((a, b) => a + b, 0) * 1e6) / calls,
        newSpaceMB: sp.new_space / 2 ** 20,
        heapCommittedMB: v8.getHeapStatistics().total_heap_size / 2 ** 20,
        rssMB: process.memoryUsage.rss() / 2 ** 20,
        sink: typeof sink,
      }),
    );
  }, 20);
} else {
  const runs = +get('runs', 5);
  const cfgs = all('cfg').map((c) => {
    const i = c.indexOf(':');
    return {
      name: c.slice(0, i),
      flags: c
        .slice(i + 1)
        .trim()
        .split(/\s+/)
        .filter(Boolean),
    };
  });
  const res = cfgs.map(() => []);
  for (let r = 0; r < runs; r++)
    for (let j = 0; j < cfgs.length; j++) {
      const c = (j + r) % cfgs.length;
      const p = spawnSync(
        process.execPath,
        [...cfgs[c].flags, fileURLToPath(import.meta.url), '--child', '--workload', workload, '--calls', String(calls)],
        { encoding: 'utf8' },
      );
      try {
        res[c].push(JSON.parse(p.stdout.trim().split('\n').at(-1)));
      } catch {
        console.error(p.stderr.slice(-300));
      }
    }
  console.log(`${workload}, ${calls} calls after 20,000 warm-up, ${runs} processes per configuration (medians over processes)`);
  cfgs.forEach((c, j) => {
    const m = (k) => med(res[j].map((x) => x[k]));
    const s = summarize(res[j].map((x) => x.ns));
    console.log(
      `${c.name.padEnd(14)} ns/call ${fmt(s.median)} (cv ${(100 * s.cv).toFixed(1)}%)  scavenges/1000 calls ${fmt((1000 * m('gcs')) / calls)}  major ${m('major')}  pause med ${m('pauseMed').toFixed(3)} ms p90 ${m('pauseP90').toFixed(3)} max ${m('pauseMax').toFixed(2)}  GC ns/call ${fmt(m('gcNsPerCall'))} (${((100 * m('gcNsPerCall')) / s.median).toFixed(1)}%)  new space ${m('newSpaceMB')} MB  heap ${fmt(m('heapCommittedMB'))} MB  RSS ${fmt(m('rssMB'))} MB`,
    );
  });
}
