// Twice the work, measured as how many times the time, in fresh processes on several Node lines, for
// two loop shapes: `addmask` (s = (s + i*7) & 0xffff, ~2 cycles a step, bound by how fast the front end
// feeds it, so by where the code lands) and `lcg` (a multiply-add chain, ~4 cycles a step of latency).
// Each process runs one suite of two benchmarks, k and 2k steps of the same shared helper, with the
// engine's defaults, as test/engine/run-suite.test.ts does.
//   npx tsx bench/tiering/proportion.ts [--processes 10]     (prints min/median/max B/A per line and shape)
// Default lines: this node, and 22/24/26 from ~/.cache/cyclebench-node/<major>/ when present.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { nodeLines } from '../node-lines.mjs';
import { Suite, doNotOptimize } from '../../src/index.js';

const SHAPES: Record<string, (k: number) => number> = {
  addmask: (k) => {
    let s = 0;
    for (let i = 0; i < k; i++) s = (s + i * 7) & 0xffff;
    return s;
  },
  lcg: (k) => {
    let s = 1;
    for (let i = 0; i < k; i++) s = (Math.imul(s, 1103515245) + 12345) | 0;
    return s;
  },
};

const { values } = parseArgs({ options: { processes: { type: 'string', default: '10' }, child: { type: 'string' } } });

if (values.child) {
  const work = SHAPES[values.child];
  const s = new Suite();
  s.add('k', () => doNotOptimize(work(2000)));
  s.add('2k', () => doNotOptimize(work(4000)));
  const [a, b] = (await s.run({ quiet: true })).benchmarks.map((x) => x.stats!.median);
  console.log(JSON.stringify({ a, b }));
} else {
  const lines = nodeLines();
  const fmt = (x: number) => x.toFixed(2);
  for (const [major, node] of lines) {
    for (const shape of Object.keys(SHAPES)) {
      const ratios: number[] = [];
      for (let p = 0; p < Number(values.processes); p++) {
        const out = execFileSync(node, ['--import', 'tsx', import.meta.filename, '--child', shape], { encoding: 'utf8' });
        const { a, b } = JSON.parse(out.trim().split('\n').pop()!);
        ratios.push(b / a);
      }
      ratios.sort((x, y) => x - y);
      const med = ratios[Math.floor(ratios.length / 2)];
      console.log(
        `node ${major} ${shape.padEnd(8)} B/A min ${fmt(ratios[0])} median ${fmt(med)} max ${fmt(ratios.at(-1)!)} (${ratios.length} processes)`,
      );
    }
  }
}
