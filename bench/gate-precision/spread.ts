/**
 * How far apart are fresh processes, and whole runs of them, on identical code? The numbers the
 * default noise band of a process-sampled gate is set from (docs/precision.md, "Noise band").
 * Runs `run --processes P` `runs` times on the scratch project of detect.ts, unchanged, and prints
 * per benchmark: the spread between processes within a run (CV of process medians), the spread
 * between runs (CV of the runs' medians) and the largest run-to-run change of any pair.
 *
 * Run: npm run build && npx tsx bench/gate-precision/spread.ts [--runs 6] [--processes 10]
 *      [--out bench/gate-precision/spread.json]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { frozenCli, project } from './project.js';
import { coefficientOfVariation, median } from '../../src/stats/index.js';
import type { RunResult } from '../../src/result/types.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '6' },
    processes: { type: 'string', default: '10' },
    out: { type: 'string', default: 'bench/gate-precision/spread.json' },
  },
});
const { pkg, bin } = frozenCli();

const dir = project(pkg);
const runs: Record<string, { median: number; betweenCV: number; withinHalfWidth: number }>[] = [];
const t0 = performance.now();
try {
  for (let i = 0; i < Number(values.runs); i++) {
    const r = spawnSync(process.execPath, [bin, 'run', '--quiet', '--no-save', '--processes', values.processes!, '--json', 'r.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`run exited ${r.status}:\n${r.stderr}`);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as RunResult;
    runs.push(
      Object.fromEntries(
        result.benchmarks.map((b) => [
          b.id,
          { median: b.stats!.median, betweenCV: b.processes!.betweenCV, withinHalfWidth: b.processes!.withinHalfWidth },
        ]),
      ),
    );
    console.error(`run ${i + 1}: ${JSON.stringify(runs.at(-1))}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pkg, { recursive: true, force: true });
}
const seconds = (performance.now() - t0) / 1000 / runs.length;
const rows = Object.keys(runs[0]).map((id) => {
  const medians = runs.map((r) => r[id].median);
  return {
    id,
    betweenProcessCV: median(runs.map((r) => r[id].betweenCV)),
    withinHalfWidth: median(runs.map((r) => r[id].withinHalfWidth)),
    betweenRunCV: coefficientOfVariation(medians),
    largestRunToRun: Math.max(...medians) / Math.min(...medians) - 1,
  };
});
writeFileSync(
  resolve(values.out!),
  JSON.stringify(
    { date: new Date().toISOString(), node: process.version, processes: Number(values.processes), secondsPerRun: seconds, rows },
    null,
    2,
  ),
);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
console.log(`${runs.length} runs of --processes ${values.processes}, ${seconds.toFixed(1)} s each\n`);
console.log(
  '| benchmark | between processes (CV, median of runs) | within a process (CI half-width) | between runs (CV of run medians) | largest run-to-run change |',
);
console.log('|---|---:|---:|---:|---:|');
for (const r of rows)
  console.log(`| ${r.id} | ${pct(r.betweenProcessCV)} | ${pct(r.withinHalfWidth)} | ${pct(r.betweenRunCV)} | ${pct(r.largestRunToRun)} |`);
