/**
 * Which band over processes? Replays the verdict rule (Welch interval on log process medians, whole
 * interval past the band) on every ordered pair of the runs that spread.ts recorded, as if the second
 * run were the first slowed by `slowdown`: how many pairs a band flags, before confirmation re-runs.
 * It uses each run's median and between-process CV (spread.ts keeps no per-process medians), so it
 * approximates the test; detect.ts measures the real gate.
 *
 * Run: npx tsx bench/gate-precision/band-sim.ts [--file bench/gate-precision/spread-2026-11-30.json]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { studentTQuantile } from '../../src/stats/index.js';

const { values } = parseArgs({ options: { file: { type: 'string', default: 'bench/gate-precision/spread-2026-11-30.json' } } });
type RunStats = { median: number; betweenCV: number };
const spread = JSON.parse(readFileSync(values.file!, 'utf8')) as { processes: number; runs: Record<string, RunStats>[] };
const n = spread.processes;

console.log('| benchmark | band | A/A pairs flagged | +5% pairs flagged |\n|---|---:|---:|---:|');
for (const id of Object.keys(spread.runs[0])) {
  const runs = spread.runs.map((r) => r[id]);
  for (const band of [0.01, 0.015, 0.02]) {
    const flagged = [0, 0.05].map((slowdown) => {
      let count = 0;
      let pairs = 0;
      for (const a of runs)
        for (const b of runs) {
          if (a === b) continue;
          const va = a.betweenCV ** 2 / n;
          const vb = b.betweenCV ** 2 / n;
          const df = (va + vb) ** 2 / (va ** 2 / (n - 1) + vb ** 2 / (n - 1));
          const low = Math.log((b.median * (1 + slowdown)) / a.median) - studentTQuantile(0.975, df) * Math.sqrt(va + vb);
          pairs++;
          if (low > Math.log(1 + band)) count++;
        }
      return `${count} of ${pairs}`;
    });
    console.log(`| ${id} | ${band * 100}% | ${flagged[0]} | ${flagged[1]} |`);
  }
}
