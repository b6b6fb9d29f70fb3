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
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    tries: { type: 'string', default: '20' },
    methods: { type: 'string', default: 'separate,processes,ab' },
    slowdowns: { type: 'string', default: '0,0.01,0.02,0.05' },
    processes: { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench/gate-precision/results.json' },
  },
});
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'cyclebench.js');
const tries = Number(values.tries);
const methods = values.methods!.split(',');
const slowdowns = values.slowdowns!.split(',').map(Number);

const BENCH = `import { bench } from 'cyclebench';
import { SCALE } from '../src/scale.js';
const n = (k) => Math.round(k * SCALE);
const sqrtSteps = n(2000), sumLength = n(4000), parseCopies = n(20);
const data = Float64Array.from({ length: sumLength }, (_, i) => i * 0.5);
const text = JSON.stringify(Array.from({ length: parseCopies }, (_, i) => ({ id: i, name: 'item' + i, tags: ['a', 'b'] })));
bench('sqrt loop', () => { let s = 0; for (let i = 0; i < sqrtSteps; i++) s += Math.sqrt(i + 0.5); return s; });
bench('array sum', () => { let s = 0; for (let i = 0; i < data.length; i++) s += data[i]; return s; });
bench('JSON.parse', () => JSON.parse(text));
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-detect-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'bench'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'cyclebench'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'detect', type: 'module', private: true }));
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n.cyclebench\n');
  writeFileSync(join(dir, 'bench', 'suite.bench.mjs'), BENCH);
  setScale(dir, 1);
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=d@example.com', '-c', 'user.name=d', ...a], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  return dir;
}

function setScale(dir: string, scale: number): void {
  writeFileSync(join(dir, 'src', 'scale.js'), `export const SCALE = ${scale};\n`);
}

function cli(dir: string, args: string[]): number {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`cyclebench ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.status;
}

function tryOnce(dir: string, method: string, slowdown: number): boolean {
  setScale(dir, 1);
  if (method === 'ab') {
    setScale(dir, 1 + slowdown);
    return cli(dir, ['ab', 'HEAD', '--quiet']) === 1;
  }
  const extra = method === 'processes' ? ['--processes', values.processes!] : [];
  cli(dir, ['run', '--quiet', '--save-baseline', 'base', ...extra]);
  setScale(dir, 1 + slowdown);
  return cli(dir, ['run', '--quiet', '--baseline', 'base', '--no-save', ...extra]) === 1;
}

const rows: { method: string; slowdown: number; tries: number; flagged: number; secondsPerTry: number }[] = [];
const dir = project();
try {
  for (const method of methods)
    for (const slowdown of slowdowns) {
      let flagged = 0;
      const t0 = performance.now();
      for (let i = 0; i < tries; i++) if (tryOnce(dir, method, slowdown)) flagged++;
      const row = { method, slowdown, tries, flagged, secondsPerTry: (performance.now() - t0) / 1000 / tries };
      rows.push(row);
      console.error(JSON.stringify(row));
    }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(
  resolve(values.out!),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, processes: Number(values.processes), rows }, null, 2),
);
console.log('| method | injected | flagged as regression | wall time per comparison |\n|---|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.method} | ${r.slowdown === 0 ? 'A/A (0%)' : `+${r.slowdown * 100}%`} | ${r.flagged} of ${r.tries} | ${r.secondsPerTry.toFixed(1)} s |`,
  );
