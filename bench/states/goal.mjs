// The performance-states goal (issue 18), measured with the real CLI:
//   for the JSON.parse example over N fresh processes, every run either reports several states or has
//   a CI that covers the other runs' medians; with --heap steady, the medians' CV across processes.
//
//   node bench/states/goal.mjs [--rounds 10] [--node 24] [--filter JSON.parse] [--out goal.json]
//
// Default and --heap steady alternate round by round, so machine load hits both alike.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root, nodeBinary } from './lib.mjs';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf('--' + k);
  return i < 0 ? d : argv[i + 1];
};
const rounds = +get('rounds', 10);
const node = nodeBinary(get('node'));
const filter = get('filter', 'JSON.parse');
const configs = [
  { name: 'default', extra: [] },
  { name: 'heap steady', extra: ['--heap', 'steady'] },
];

function once(extra) {
  const dir = mkdtempSync(join(tmpdir(), 'cb-goal-'));
  try {
    const out = join(dir, 'r.json');
    const p = spawnSync(
      node,
      [join(root, 'bin', 'cyclebench.js'), 'run', 'bench/examples', '--filter', filter, '--json', out, '--quiet', '--no-save', ...extra],
      { cwd: root, encoding: 'utf8' },
    );
    if (p.status !== 0) throw new Error(`cyclebench exited ${p.status}: ${p.stderr}`);
    const b = JSON.parse(readFileSync(out, 'utf8')).benchmarks[0];
    return {
      median: b.stats.median,
      lo: b.stats.medianCI.lo,
      hi: b.stats.medianCI.hi,
      stop: b.stopReason,
      states: b.states?.states.map((s) => `${s.level.toFixed(0)} ns (${(s.share * 100).toFixed(0)}%)`),
      load: loadavg()[0],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = configs.map(() => []);
for (let r = 0; r < rounds; r++)
  configs.forEach((c, i) => {
    const x = once(c.extra);
    runs[i].push(x);
    process.stderr.write(
      `round ${r + 1} ${c.name}: ${x.median.toFixed(0)} ns [${x.lo?.toFixed(0)}..${x.hi?.toFixed(0)}] ${x.stop}${x.states ? ' states: ' + x.states.join(', ') : ''} (load ${x.load.toFixed(1)})\n`,
    );
  });

const summary = configs.map((c, i) => {
  const xs = runs[i];
  const ms = xs.map((x) => x.median);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const cv = Math.sqrt(ms.reduce((a, m) => a + (m - mean) ** 2, 0) / (ms.length - 1)) / mean;
  // A run is honest when it reports states, or its CI covers every other run's median.
  const honest = xs.filter((x, j) => x.states || ms.every((m, k) => k === j || (m >= x.lo && m <= x.hi))).length;
  return {
    config: c.name,
    cv,
    min: Math.min(...ms),
    max: Math.max(...ms),
    withStates: xs.filter((x) => x.states).length,
    honest,
    runs: xs,
  };
});
console.log(
  `| config | medians (ns) | CV across ${rounds} processes | runs reporting states | runs honest (states, or CI covers the others' medians) |\n|---|---|---:|---:|---:|`,
);
for (const s of summary)
  console.log(
    `| ${s.config} | ${s.min.toFixed(0)}-${s.max.toFixed(0)} | ${(s.cv * 100).toFixed(1)}% | ${s.withStates} of ${rounds} | ${s.honest} of ${rounds} |`,
  );
const loads = runs.flat().map((x) => x.load);
console.log(
  `node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, load average (1 min) ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`,
);
if (get('out')) writeFileSync(get('out'), JSON.stringify({ argv, summary }, null, 1));
