// What validating with the schema costs, against the hand-written validator it replaced (taken from
// git at 41e37af), and what reading a 200 MB result costs:
//
//   npx tsx bench/reliability/validate-cost.ts [--big]     (--big adds the 200 MB file: ~1 GB of disk and memory)
//
// Prints CPU milliseconds (less sensitive than wall time to other load on a shared machine).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bench, runOf, samples } from '../../test/compare/fixtures.js';

const root = path.join(import.meta.dirname, '../..');
const cpu = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// A fresh process for the one-time costs: loading ajv and compiling the result schema (the
// validator that decides), then the second one that lists problems, compiled for the first bad input.
const first = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    `
  const { runResultProblems } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/store/validate.ts')).href)});
  const { makeRun } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'test/compare/fixtures.ts')).href)});
  const run = JSON.parse(JSON.stringify(makeRun(1)));
  const ms = (c) => { const d = process.cpuUsage(c); return (d.user + d.system) / 1000; };
  let c = process.cpuUsage();
  runResultProblems(run);
  const valid = ms(c);
  c = process.cpuUsage();
  runResultProblems({});
  console.log(valid, ms(c));`,
  ],
  { cwd: root, encoding: 'utf8' },
);
const [validMs, invalidMs] = first.stdout.trim().split(' ').map(Number);
console.log(
  `first validation in a process (loads ajv, compiles the schema): ${validMs.toFixed(0)} ms CPU; the first invalid input then compiles the listing validator: ${invalidMs.toFixed(0)} ms more`,
);

// The old validator, from git, with its two imports pointed at the sources.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-oldval-'));
const oldFile = path.join(tmp, 'old-validate.ts');
const oldSource = execFileSync('git', ['show', '41e37af:src/store/validate.ts'], { cwd: root, encoding: 'utf8' })
  .replace("'../errors.js'", JSON.stringify(path.join(root, 'src/errors.ts')))
  .replace("'../result/types.js'", JSON.stringify(path.join(root, 'src/result/types.ts')));
fs.writeFileSync(oldFile, oldSource);
const old = (await import(pathToFileURL(oldFile).href)) as { runResultProblems: (v: unknown) => unknown[] };
const { runResultProblems } = await import('../../src/store/validate.js');
const { serializeResult } = await import('../../src/store/files.js');

const run = JSON.parse(JSON.stringify(runOf(Array.from({ length: 100 }, (_, i) => bench(`b${i}`, samples(1000 + i, 10_000, i))))));
const text = serializeResult(run);
let c = process.cpuUsage();
JSON.parse(text);
console.log(`100 benchmarks x 10,000 samples: ${(text.length / 1e6).toFixed(1)} MB; JSON.parse ${cpu(c).toFixed(0)} ms CPU`);
const times = { old: [] as number[], schema: [] as number[] };
for (let k = 0; k < 7; k++) {
  c = process.cpuUsage();
  if (old.runResultProblems(run).length) throw new Error('old: invalid');
  times.old.push(cpu(c));
  c = process.cpuUsage();
  if (runResultProblems(run).length) throw new Error('schema: invalid');
  times.schema.push(cpu(c));
}
console.log(
  `validate (median of 7, after the first): hand-written ${median(times.old.slice(1)).toFixed(0)} ms, schema (ajv + finite walk + ids) ${median(times.schema.slice(1)).toFixed(0)} ms CPU`,
);

for (const b of run.benchmarks) b.samples = b.samples.map(String);
c = process.cpuUsage();
const problems = runResultProblems(run);
console.log(`the same with every sample a string (1,000,000 problems): ${problems.length} listed in ${cpu(c).toFixed(0)} ms CPU`);

if (process.argv.includes('--big')) {
  const big = path.join(tmp, 'big.json');
  fs.writeFileSync(big, serializeResult(runOf(Array.from({ length: 48 }, (_, i) => bench(`b${i}`, samples(1000 + i, 100_000, i))))));
  const reader = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `
    const { readResult } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/store/files.ts')).href)});
    const c = process.cpuUsage(); const t = performance.now();
    const r = readResult(${JSON.stringify(big)});
    const d = process.cpuUsage(c);
    console.log(JSON.stringify({ n: r.benchmarks.length, wall: performance.now() - t, cpu: (d.user + d.system) / 1000, rss: process.resourceUsage().maxRSS / 1024 }));`,
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const m = JSON.parse(reader.stdout);
  console.log(
    `readResult of a ${(fs.statSync(big).size / 1e6).toFixed(0)} MB result (48 x 100,000 samples): ${m.cpu.toFixed(0)} ms CPU, ${m.wall.toFixed(0)} ms wall, peak RSS ${m.rss.toFixed(0)} MB`,
  );
}
fs.rmSync(tmp, { recursive: true, force: true });
