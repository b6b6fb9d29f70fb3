/**
 * The gate in instruction-count mode, end to end (valgrind's callgrind; about 15 s a run): exact counts,
 * the configured instruction band used everywhere (groups included), no confirmation re-runs, and a
 * comparison with a time run that keeps each side's unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { valgrindCapability } from '../../src/counters/valgrind.js';
import { requireCapability } from '../capability.js';
import { scratchProject, type Project } from './project.js';

const BENCH = `import { bench, group } from 'cyclebench';
const steps = Number(process.env.WORK ?? 2000);
const work = (k) => { let s = 0; for (let i = 0; i < k; i++) s = (s + i * 7) & 0xffff; return s; };
bench('work', () => work(steps));
group('g', { baseline: 'a' }, () => {
  bench('a', () => work(1000));
  bench('b', () => work(1100));
});
`;

const valgrind = valgrindCapability();
const ready = requireCapability('valgrind (instruction mode)', valgrind);

describe.skipIf(!ready)('--mode instructions through the CLI', () => {
  let p: Project;
  beforeAll(() => {
    p = scratchProject({ 'bench/i.bench.mjs': BENCH, 'cyclebench.config.json': JSON.stringify({ instructionNoise: 0.2 }) });
  });
  afterAll(() => p.remove());

  it('saves a baseline; group verdicts use the configured instructionNoise (10% apart is "same" within ±20%)', async () => {
    const r = await p.cli(['run', '--mode', 'instructions', '--save-baseline', 'main', '--json', 'base.json'], { timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/counting instructions of 3 benchmark\(s\) under callgrind/);
    const run = JSON.parse(p.read('base.json'));
    const entry = run.groups[0].entries[0];
    expect(entry.ratio).toBeGreaterThan(1.05);
    expect(entry.verdict).toBe('same');
  }, 200_000);

  it('+30% instructions: exit 1 without re-runs, the instruction band printed', async () => {
    const r = await p.cli(['run', '--mode', 'instructions', '--baseline', 'main', '--no-save', '--filter', 'work'], {
      env: { WORK: '2600' },
      timeoutMs: 180_000,
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/instruction band ±20\.0%/);
    expect(r.stdout).not.toMatch(/noise band ±5\.0%/);
    expect(r.stdout).toMatch(/work\s+[\d.]+k instr\s+[\d.]+k instr\s+\+30\.\d%\s+exact\s+REGRESSION/);
    expect(r.stdout).toMatch(/no confirmation re-runs: instruction counts are deterministic/);
  }, 200_000);

  it('compared with a time run: each side keeps its unit and the verdict says why it is n/a', async () => {
    expect((await p.cli(['run', '--quick', '--filter', 'work', '--json', 'time.json', '--no-save'])).code).toBe(0);
    const r = await p.cli(['compare', 'base.json', 'time.json', '--allow-removed']);
    expect(r.stdout).toMatch(/ENVIRONMENT MISMATCH/);
    expect(r.stdout).toMatch(/work\s+[\d.]+k instr\s+[\d.]+ (ns|µs)\s+n\/a \(units differ/);
  });
});
