import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { runOptionsFrom } from '../../src/cli/commands/run.js';
import { validateRunResult } from '../../src/store/index.js';
import type { RunResult } from '../../src/result/types.js';

const fixtures = resolve(__dirname, '..', 'fixtures');
const FAST = ['--quick', '--time', '60ms'];

function capture(cwd = mkdtempSync(join(tmpdir(), 'cb-cli-'))) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    cwd,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    env: { NO_COLOR: '1' } as Record<string, string | undefined>,
  };
  return { io, out: () => out.join(''), err: () => err.join(''), cwd };
}

function readRun(path: string): RunResult {
  return JSON.parse(readFileSync(path, 'utf8')) as RunResult;
}

describe('cyclebench run', () => {
  it('runs a file, prints the table and writes a valid result file', async () => {
    const c = capture();
    const code = await main(['run', join(fixtures, 'basic.bench.ts'), ...FAST, '--json', 'out.json'], c.io);
    expect(code).toBe(0);
    expect(c.out()).toMatch(/work 2000/);
    expect(c.out()).toMatch(/pair: against k1000/);
    const run = readRun(join(c.cwd, 'out.json'));
    expect(() => validateRunResult(run, 'out.json')).not.toThrow();
    expect(run.benchmarks.map((b) => b.id)).toEqual(['work 2000', 'pid', 'pair/k1000', 'pair/k2000']);
    expect(run.benchmarks.every((b) => b.file?.endsWith(join('fixtures', 'basic.bench.ts')))).toBe(true);
    expect(existsSync(join(c.cwd, '.cyclebench', 'last.json'))).toBe(true);
  });

  it('exits 5 when a benchmark throws, naming it, and still measures the rest', async () => {
    const c = capture();
    const code = await main(['run', join(fixtures, 'throws.bench.ts'), ...FAST, '--json', 'out.json'], c.io);
    expect(code).toBe(5);
    expect(c.err()).toMatch(/broken: boom from broken/);
    const run = readRun(join(c.cwd, 'out.json'));
    expect(run.benchmarks.find((b) => b.id === 'fine')!.status).toBe('ok');
  });

  it('filters by id', async () => {
    const c = capture();
    await main(['run', join(fixtures, 'basic.bench.ts'), ...FAST, '--filter', 'work', '--json', 'out.json'], c.io);
    expect(readRun(join(c.cwd, 'out.json')).benchmarks.map((b) => b.id)).toEqual(['work 2000']);
  });

  for (const mode of ['worker', 'process'] as const) {
    it(`isolates each task in a fresh ${mode}`, async () => {
      const c = capture();
      const code = await main(['run', join(fixtures, 'basic.bench.ts'), ...FAST, '--isolate', mode, '--json', 'out.json'], c.io);
      expect(code).toBe(0);
      const run = readRun(join(c.cwd, 'out.json'));
      expect(run.benchmarks.map((b) => b.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(run.groups[0].entries[0].name).toBe('k2000');
    });
  }

  it('writes a CPU profile of just the filtered benchmark', async () => {
    const c = capture();
    expect(await main(['run', join(fixtures, 'basic.bench.ts'), ...FAST, '--profile'], c.io)).toBe(4);
    expect(c.err()).toMatch(/--profile needs --filter/);
    const code = await main(['run', join(fixtures, 'basic.bench.ts'), ...FAST, '--filter', 'pid', '--profile'], c.io);
    expect(code).toBe(0);
    const dir = join(c.cwd, '.cyclebench', 'profiles');
    const [file] = readdirSync(dir);
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    expect(Array.isArray(profile.nodes)).toBe(true);
    expect(profile.nodes.length).toBeGreaterThan(1);
  });

  it('rejects bad flags and missing baselines with exit 4 before measuring', async () => {
    const c = capture();
    expect(await main(['run', join(fixtures, 'basic.bench.ts'), '--isolate', 'vm'], c.io)).toBe(4);
    expect(await main(['run', join(fixtures, 'basic.bench.ts'), '--baseline', 'nope'], c.io)).toBe(4);
    expect(await main(['run', 'no/such/*.bench.ts'], c.io)).toBe(4);
    expect(await main(['frobnicate'], c.io)).toBe(4);
    expect(await main(['run', join(fixtures, 'basic.bench.ts'), '--time', '100ms', '--min-time', '1s'], c.io)).toBe(4);
    expect(c.err()).toMatch(/--min-time \(1s\) exceeds the budget --time \(100ms\)/);
    expect(c.out()).not.toMatch(/work 2000/);
  });

  it('--min-time sets the minimum sampling time and makes room for it in the budget', () => {
    const io = capture().io;
    expect(runOptionsFrom({ 'min-time': '1.5s', quiet: true }, io)).toMatchObject({ minTimeMs: 1500, maxTimeMs: 3000 });
    expect(runOptionsFrom({ 'min-time': '100ms', quiet: true }, io)).toMatchObject({ minTimeMs: 100, maxTimeMs: 1000 });
    expect(runOptionsFrom({ 'min-time': '1s', time: '5s', quiet: true }, io)).toMatchObject({ minTimeMs: 1000, maxTimeMs: 5000 });
    expect(() => runOptionsFrom({ 'min-time': 'soon', quiet: true }, io)).toThrow(/--min-time takes a duration/);
  });

  it('supports the before/after workflow with tags', async () => {
    const c = capture();
    const file = join(fixtures, 'basic.bench.ts');
    expect(await main(['run', file, ...FAST, '--filter', 'work', '--tag', 'before'], c.io)).toBe(0);
    expect(await main(['run', file, ...FAST, '--filter', 'work', '--tag', 'after'], c.io)).toBe(0);
    const code = await main(['compare', 'before', 'after'], c.io);
    expect([0, 1]).toContain(code); // identical code: a verdict either way on a shared VM, never a usage error
    expect(c.out()).toMatch(/work 2000/);
    expect(c.out()).toMatch(/before/);
  });
});
