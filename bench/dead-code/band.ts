// How far apart two identical empty loops measure: the floor under the dead-code band. Each fresh
// process runs one suite with an empty body and a one-add body (`x = (x + 1) | 0` on a closure
// variable, the cheapest real work a loop keeps), and prints each body's raw median over its own empty
// loop's median. An empty body's ratio is 1 by construction but for where each generated loop's
// code lands; the band must hold it, and must not hold the one-add body. --constants adds two bodies
// returning a constant (`Math.sqrt(2)`, and the same through doNotOptimize) to the suite; the
// numbers in docs/performance.md are without them.
//   npx tsx bench/dead-code/band.ts [--processes 12] [--constants]
// Lines: this node, and 22/24/26 from ~/.cache/cyclebench-node/<major>/ when present.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { nodeLines } from '../node-lines.mjs';
import { Suite, doNotOptimize } from '../../src/index.js';

const { values } = parseArgs({
  options: { processes: { type: 'string', default: '12' }, child: { type: 'boolean' }, constants: { type: 'boolean' } },
});

if (values.child) {
  let x = 0;
  const s = new Suite();
  s.add('empty', () => {});
  s.add('one add', () => {
    x = (x + 1) | 0;
  });
  if (values.constants) {
    s.add('const sqrt', () => Math.sqrt(2));
    s.add('kept const', () => doNotOptimize(Math.sqrt(2)));
  }
  const r = await s.run({ quiet: true, maxTimeMs: 1000 });
  console.log(
    JSON.stringify(r.benchmarks.map((b) => ({ name: b.name, ratio: b.rawStats!.median / b.overhead!, dead: !!b.flags.deadCode }))),
  );
} else {
  const lines = nodeLines();
  const fmt = (x: number) => x.toFixed(3);
  for (const [major, node] of lines) {
    const got: { name: string; ratio: number; dead: boolean }[][] = [];
    const args = ['--import', 'tsx', import.meta.filename, '--child', ...(values.constants ? ['--constants'] : [])];
    for (let p = 0; p < Number(values.processes); p++)
      got.push(JSON.parse(execFileSync(node, args, { encoding: 'utf8' }).trim().split('\n').pop()!));
    for (const [i, { name }] of got[0].entries()) {
      const ratios = got.map((g) => g[i].ratio).sort((a, b) => a - b);
      const dead = got.filter((g) => g[i].dead).length;
      console.log(
        `node ${major} ${name.padEnd(8)} raw/empty min ${fmt(ratios[0])} median ${fmt(ratios[ratios.length >> 1])} max ${fmt(ratios.at(-1)!)}; flagged dead ${dead} of ${ratios.length}`,
      );
    }
  }
}
