// Tests V8 settings against the allocation "states": runs probe.mjs in fresh processes for each
// configuration (interleaved round by round), then classes every batch by the canary against the
// canary's 10th percentile over ALL processes (machine fast: canary <= 1.15x that). Reports per
// configuration, across processes: the median of per-process CPU medians (all batches and
// machine-fast batches only) with CV, min, max; the fast fraction; GC share of time; scavenges per
// batch; new-space capacities seen.
//
//   node bench/states/hypotheses.mjs [--rounds 10] [--workload json-parse] [--batches 40]
//        [--node 20] [--out file.json] --cfg "name:v8 flags" [--cfg ...]
//
// e.g. --cfg "default:" --cfg "semi16:--min-semi-space-size=16 --max-semi-space-size=16"
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFresh, summarize, fmt, pct, root, nodeBinary } from './lib.mjs';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf('--' + k);
  return i < 0 ? d : argv[i + 1];
};
const all = (k) => argv.flatMap((a, i) => (a === '--' + k ? [argv[i + 1]] : []));
const rounds = +get('rounds', 10),
  node = nodeBinary(get('node'));
const probeArgs = [
  join(root, 'bench/states/probe.mjs'),
  '--workload',
  get('workload', 'json-parse'),
  '--batches',
  get('batches', '40'),
  ...(get('target-ms') ? ['--target-ms', get('target-ms')] : []),
];
const configs = all('cfg').map((c) => {
  const i = c.indexOf(':');
  return {
    name: c.slice(0, i),
    node,
    kind: 'plain',
    flags: c
      .slice(i + 1)
      .trim()
      .split(/\s+/)
      .filter(Boolean),
    args: probeArgs,
  };
});
const runs = runFresh(configs, rounds, {
  onRun: (c, r, res) =>
    process.stderr.write(
      `round ${r + 1} ${c.name}: ${res.result.error ? 'ERROR ' + res.result.error : fmt(res.result.cpuMedian)} (load ${res.load.toFixed(2)})\n`,
    ),
});
const canaries = runs
  .flat()
  .flatMap((x) => x.result.series?.canary ?? [])
  .sort((a, b) => a - b);
const threshold = 1.15 * canaries[Math.floor(0.1 * (canaries.length - 1))];
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
const summary = configs.map((c, i) => {
  const per = runs[i]
    .filter((x) => x.result.series)
    .map((x) => {
      const s = x.result.series;
      const fastCpu = s.cpu.filter((_, j) => s.canary[j] <= threshold);
      return {
        cpu: x.result.cpuMedian,
        wall: x.result.median,
        fast: med(fastCpu),
        fastFraction: fastCpu.length / s.cpu.length,
        gcShare: x.result.gcShare,
        scav: x.result.scavengesPerBatch,
        newSpace: x.result.newSpace,
        load: x.load,
      };
    });
  const all = summarize(per.map((p) => p.cpu)),
    fast = summarize(per.map((p) => p.fast)),
    wall = summarize(per.map((p) => p.wall));
  const row = {
    config: c.name,
    flags: c.flags.join(' '),
    cpu: all,
    wall,
    fast,
    fastFraction: med(per.map((p) => p.fastFraction)),
    gcShare: med(per.map((p) => p.gcShare)),
    scavengesPerBatch: med(per.map((p) => p.scav)),
    newSpaceMB: [...new Set(per.flatMap((p) => p.newSpace))].map((b) => b / 2 ** 20),
    perProcess: per,
  };
  console.log(
    `${c.name.padEnd(16)} cpu ${fmt(all.median).padStart(6)} cv ${pct(all.cv).padStart(6)} [${fmt(all.min)}-${fmt(all.max)}]  machine-fast ${fmt(fast.median).padStart(6)} cv ${pct(fast.cv).padStart(6)} [${fmt(fast.min)}-${fmt(fast.max)}]  fast ${pct(row.fastFraction)}  gc ${pct(row.gcShare)}  scav/batch ${row.scavengesPerBatch}  new space MB ${row.newSpaceMB.join(',')}`,
  );
  return row;
});
const loads = runs.flat().map((x) => x.load);
console.log(`canary threshold ${fmt(threshold)} ns/call; load average during runs ${fmt(Math.min(...loads))}-${fmt(Math.max(...loads))}`);
if (get('out')) writeFileSync(get('out'), JSON.stringify({ argv, node: process.version, threshold, summary }, null, 1));
