/**
 * How well does each way of comparing detect a real slowdown, and how often does it cry wolf?
 * A scratch git repository holds a three-benchmark suite whose work is scaled by a source constant;
 * for each method and each injected slowdown (by work count, never by sleeping: 0% is the A/A case)
 * it runs `tries` comparisons with the real CLI and counts exit 1 (regression) against the rest.
 *
 *   separate   `run --save-baseline base` at scale 1, then `run --baseline base` at scale 1 + s
 *   processes  the same with `--processes P` on both runs
 *   ab         `ab HEAD` with the scaled source uncommitted (base = scale 1 at HEAD)
 *
 * Run: npx tsx bench/gate-precision/detect.ts [--tries 20] [--methods separate,processes,ab]
 *      [--slowdowns 0,0.01,0.02,0.05] [--processes 5] [--out bench/gate-precision/results.json]
 * Needs a built package (npm run build). Takes long: about tries x (slowdowns) x (10 s separate,
 * 30 s processes, 60 s ab). Prints a markdown table for docs/precision.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { frozenCli, project, setScale } from './project.js';

const { values } = parseArgs({
  options: {
    tries: { type: 'string', default: '20' },
    methods: { type: 'string', default: 'separate,processes,ab' },
    slowdowns: { type: 'string', default: '0,0.01,0.02,0.05' },
    processes: { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench/gate-precision/results.json' },
  },
});
const { pkg, bin } = frozenCli();
const tries = Number(values.tries);
const methods = values.methods!.split(',');
const slowdowns = values.slowdowns!.split(',').map(Number);

function cli(dir: string, args: string[]): number {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`cyclebench ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.status;
}

/** Each benchmark's measured change in one comparison: ratio, CI and verdict. */
type Change = { id: string; ratio: number | null; ci: [number, number] | null; verdict: string; rounds?: number[] };

/** The verdict JSON of the last comparison (`file`, in `dir`): the ids it called regressions, and every row's change. */
function readVerdict(dir: string, file: string): { regressions: string[]; changes: Change[] } {
  const path = join(dir, file);
  if (!existsSync(path)) return { regressions: [], changes: [] };
  const verdict = JSON.parse(readFileSync(path, 'utf8')) as { comparison: { regressions: string[]; benchmarks: Change[] } };
  rmSync(path);
  const changes = verdict.comparison.benchmarks.map(({ id, ratio, ci, verdict, rounds }) => ({ id, ratio, ci, verdict, rounds }));
  return { regressions: verdict.comparison.regressions, changes };
}

/** One comparison: the ids it flagged as regressions (empty: passed) and the changes it measured. */
function tryOnce(dir: string, method: string, slowdown: number): { ids: string[]; changes: Change[] } {
  setScale(dir, 1);
  let code: number;
  let file: string;
  if (method === 'ab') {
    setScale(dir, 1 + slowdown);
    file = 'verdict.json';
    code = cli(dir, ['ab', 'HEAD', '--quiet', '--json', file]);
  } else {
    const extra = method === 'processes' ? ['--processes', values.processes!] : [];
    cli(dir, ['run', '--quiet', '--save-baseline', 'base', ...extra]);
    setScale(dir, 1 + slowdown);
    file = join('out', 'comparison.json');
    code = cli(dir, ['run', '--quiet', '--baseline', 'base', '--no-save', ...extra, '--output-dir', 'out']);
  }
  const { regressions, changes } = readVerdict(dir, file);
  return { ids: code === 1 ? (regressions.length ? regressions : ['(exit 1)']) : [], changes };
}

const rows: {
  method: string;
  slowdown: number;
  tries: number;
  flagged: number;
  byBenchmark: Record<string, number>;
  secondsPerTry: number;
  perTry: Change[][];
}[] = [];
const dir = project(pkg);
try {
  for (const method of methods)
    for (const slowdown of slowdowns) {
      let flagged = 0;
      const byBenchmark: Record<string, number> = {};
      const perTry: Change[][] = [];
      const t0 = performance.now();
      for (let i = 0; i < tries; i++) {
        const { ids, changes } = tryOnce(dir, method, slowdown);
        perTry.push(changes);
        if (ids.length) flagged++;
        for (const id of ids) byBenchmark[id] = (byBenchmark[id] ?? 0) + 1;
        const shown = changes.map((c) => `${c.id} ${c.ratio === null ? '-' : ((c.ratio - 1) * 100).toFixed(2)}% ${c.verdict}`);
        console.error(`${method} +${slowdown * 100}% try ${i + 1}: ${shown.join(', ')}`);
      }
      const row = { method, slowdown, tries, flagged, byBenchmark, secondsPerTry: (performance.now() - t0) / 1000 / tries, perTry };
      rows.push(row);
      console.error(JSON.stringify({ ...row, perTry: undefined }));
    }
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pkg, { recursive: true, force: true });
}
writeFileSync(
  resolve(values.out!),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, processes: Number(values.processes), rows }, null, 2),
);
console.log('| method | injected | flagged as regression | by benchmark | wall time per comparison |\n|---|---:|---:|---|---:|');
for (const r of rows)
  console.log(
    `| ${r.method} | ${r.slowdown === 0 ? 'A/A (0%)' : `+${r.slowdown * 100}%`} | ${r.flagged} of ${r.tries} | ${
      Object.entries(r.byBenchmark)
        .map(([id, n]) => `${id} ${n}`)
        .join(', ') || '-'
    } | ${r.secondsPerTry.toFixed(1)} s |`,
  );
