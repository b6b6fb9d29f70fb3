// How much of the JSON.parse "states" does the machine explain? Runs probe.mjs (workload batches
// interleaved with a non-allocating canary) in fresh processes, classes every batch by the canary
// against a threshold over all processes (1.15x the canary's 10th percentile), and reports per
// process the workload's CPU ns/call in machine-fast and machine-slow batches, their ratio, the
// canary's own ratio, and the rank correlation of workload and canary over the batches.
//
//   node bench/states/attribute.mjs [--runs 10] [--workload json-parse] [--flags "v8 flags"]
//        [--save-fixture bench/states/fixtures/probe-json-parse.json]   (keeps 3 processes' series)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOnce, root, fmt } from './lib.mjs';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf('--' + k);
  return i < 0 ? d : argv[i + 1];
};
const runs = +get('runs', 10),
  workload = get('workload', 'json-parse');
const flags = (get('flags', '') || '').split(' ').filter(Boolean);
const res = [];
for (let r = 0; r < runs; r++) {
  const x = runOnce({ kind: 'plain', flags, args: [join(root, 'bench/states/probe.mjs'), '--workload', workload, '--batches', '60'] });
  if (x.result.series) res.push({ ...x.result, load: x.load });
}
const all = res.flatMap((x) => x.series.canary).sort((a, b) => a - b);
const thr = 1.15 * all[Math.floor(0.1 * (all.length - 1))];
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
const rank = (xs) => {
  const idx = xs.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
  const r = [];
  idx.forEach(([, i], k) => (r[i] = k));
  return r;
};
const corr = (a, b) => {
  const n = a.length,
    ma = a.reduce((s, x) => s + x, 0) / n,
    mb = b.reduce((s, x) => s + x, 0) / n;
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
};
console.log(`${workload} ${flags.join(' ') || '(default flags)'}; canary threshold ${fmt(thr)} ns/call`);
const rows = res.map((x, i) => {
  const s = x.series,
    fast = s.canary.map((c) => c <= thr);
  const wf = med(s.cpu.filter((_, j) => fast[j])),
    ws = med(s.cpu.filter((_, j) => !fast[j]));
  const cf = med(s.canary.filter((_, j) => fast[j])),
    cs = med(s.canary.filter((_, j) => !fast[j]));
  const rho = corr(rank(s.cpu), rank(s.canary));
  console.log(
    `process ${i + 1}: fast ${((100 * fast.filter(Boolean).length) / fast.length).toFixed(0).padStart(3)}% of batches; ${workload} ${fmt(wf)} (machine fast) vs ${fmt(ws)} (slow): x${(ws / wf).toFixed(2)}; canary x${(cs / cf).toFixed(2)}; Spearman ${rho.toFixed(2)}; scavenges/batch ${med(s.gc)}; load ${x.load.toFixed(1)}`,
  );
  return { wf, ws, rho };
});
const ratios = rows.filter((r) => Number.isFinite(r.ws / r.wf)).map((r) => r.ws / r.wf);
console.log(
  `median over processes: slow/fast x${med(ratios).toFixed(2)}, Spearman ${med(rows.map((r) => r.rho)).toFixed(2)}; machine-fast medians ${rows.map((r) => fmt(r.wf)).join(' ')}`,
);
if (get('save-fixture')) {
  const keep = res.slice(0, 3).map((x, i) => ({
    label: `process ${i + 1}`,
    samples: x.series.cpu,
    canary: x.series.canary,
    gc: x.series.gc,
    newSpaceMB: x.series.newSpaceMB,
  }));
  writeFileSync(
    get('save-fixture'),
    JSON.stringify({
      source: 'bench/states/probe.mjs via attribute.mjs',
      command: `node bench/states/attribute.mjs ${argv.join(' ')}`,
      node: process.version,
      note:
        'per-batch (~10 ms) process-CPU ns/call of the workload, the canary (RegExp#test ns/call) after each batch, GCs per batch; shared 2-vCPU VM, load average ' +
        res
          .slice(0, 3)
          .map((x) => x.load.toFixed(1))
          .join('/'),
      workload,
      flags,
      canaryThreshold: thr,
      sequences: keep,
    }),
  );
}
