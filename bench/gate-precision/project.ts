/** The scratch project the gate-precision benchmarks measure: three benchmarks whose work a source constant scales. */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** A scratch git project (committed at scale 1) whose benchmarks import cyclebench from `root`. */
export function project(root: string): string {
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

/** Scales every benchmark's work (1 = the committed base). */
export function setScale(dir: string, scale: number): void {
  writeFileSync(join(dir, 'src', 'scale.js'), `export const SCALE = ${scale};\n`);
}

/**
 * A copy of the built package (bin, dist, the addon, schemas) that later builds in `root` leave alone:
 * a measurement that runs for an hour must not pick up a half-written dist/ from a test run's
 * rebuild. Its dependencies are root's, through a link.
 */
function frozenPackage(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-package-'));
  for (const entry of ['package.json', 'bin', 'dist', 'build', 'prebuilds', 'schema'])
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The frozen copy of this repository's built package and its CLI entry point. */
export function frozenCli(): { pkg: string; bin: string } {
  const pkg = frozenPackage(resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..'));
  return { pkg, bin: join(pkg, 'bin', 'cyclebench.js') };
}
