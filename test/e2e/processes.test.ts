/** `--processes N`: fresh processes, rotating order, pooled with the process as the unit; compared over processes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchProject, type Project } from './project.js';

const BENCH = `import { bench } from 'cyclebench';
import { appendFileSync } from 'node:fs';
const steps = Number(process.env.WORK ?? 2000);
const work = (k) => { let s = 0; for (let i = 0; i < k; i++) s += Math.sqrt(i + 0.5); return s; };
for (const name of ['a', 'b', 'c'])
  bench(name, () => work(steps), { before: () => appendFileSync('order.txt', \`\${process.pid} \${name}\\n\`) });
`;

// One benchmark whose second process of a run measures OUTLIER_ONCE steps, once per project: a
// process that lands elsewhere, as the detection benchmark saw (docs/precision.md).
const OUTLIER_BENCH = `import { bench } from 'cyclebench';
import { existsSync, writeFileSync } from 'node:fs';
const outlier = process.env.CYCLEBENCH_ROTATE === '1' && process.env.OUTLIER_ONCE && !existsSync('outlier.done');
if (outlier) writeFileSync('outlier.done', '');
const steps = Number(outlier ? process.env.OUTLIER_ONCE : process.env.WORK ?? 2000);
bench('u', () => { let s = 0; for (let i = 0; i < steps; i++) s += Math.sqrt(i + 0.5); return s; });
`;

let p: Project;
beforeAll(() => {
  p = scratchProject({ 'bench/p.bench.mjs': BENCH, 'outlier/u.bench.mjs': OUTLIER_BENCH });
});
afterAll(() => p.remove());

describe('cyclebench run --processes', () => {
  it('measures each benchmark in N fresh processes, each starting at a different benchmark, and pools them', async () => {
    p.write('order.txt', '');
    const r = await p.cli(['run', '--processes', '3', '--quick', '--json', 'r.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/process 3\/3 done/);
    const run = JSON.parse(p.read('r.json'));
    expect(run.processes).toBe(3);
    for (const b of run.benchmarks) {
      expect(b.processes.medians).toHaveLength(3);
      expect(b.stats.medianCI.method).toBe('processes');
      expect(b.stats.medianCI.lo).toBeLessThan(b.stats.median);
      expect(b.stats.medianCI.hi).toBeGreaterThan(b.stats.median);
    }
    const lines = p
      .read('order.txt')
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
    const pids = [...new Set(lines.map(([pid]) => pid))];
    expect(pids).toHaveLength(3);
    expect(pids).not.toContain(String(r.pid));
    expect(pids.map((pid) => lines.find(([q]) => q === pid)![1])).toEqual(['a', 'b', 'c']);
  });

  it('compare tests over processes when both sides have them', async () => {
    // The base is the first test's run (3 processes, the same work); measured here only when that
    // test did not run (a -t filter), which saves a CLI run of 3 fresh processes.
    if (!p.exists('r.json')) expect((await p.cli(['run', '--processes', '3', '--quick', '--json', 'r.json', '--no-save'])).code).toBe(0);
    expect((await p.cli(['run', '--processes', '3', '--quick', '--json', 'slow.json', '--no-save'], { env: { WORK: '3000' } })).code).toBe(
      0,
    );
    const r = await p.cli(['compare', 'r.json', 'slow.json', '--json', '-']);
    expect(r.code, r.stderr).toBe(1);
    const verdict = JSON.parse(r.stdout);
    for (const row of verdict.comparison.benchmarks) {
      expect(row.method).toBe('processes');
      expect(row.test).toMatch(/3 vs 3 processes/);
      expect(row.noise).toBe(0.01); // the band over processes (processNoise), not the 5% of single processes
      expect(row.ratio).toBeGreaterThan(1.2);
    }
  });

  it('an unclear row (one process elsewhere) is re-run for more processes and settled as a regression', async () => {
    const file = 'outlier/u.bench.mjs';
    expect((await p.cli(['run', file, '--processes', '3', '--quick', '--save-baseline', 'u-base'])).code).toBe(0);
    // +30% work in every process but the second, which measures 10% less than the base.
    const r = await p.cli(['run', file, '--processes', '3', '--quick', '--baseline', 'u-base', '--no-save', '--json', 'u.json'], {
      env: { WORK: '2600', OUTLIER_ONCE: '1800' },
    });
    expect(p.exists('outlier.done')).toBe(true);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/re-run because unclear: u/);
    expect(r.stdout).toMatch(/u: [^\n]*unclear, re-run 2 times: a regression, pooled over 9 processes/);
  });

  it("the gate over processes: a regression's confirmation re-runs pool their processes with the run's", async () => {
    expect((await p.cli(['run', '--processes', '3', '--quick', '--save-baseline', 'procs', '--filter', 'a'])).code).toBe(0);
    const r = await p.cli(['run', '--processes', '3', '--quick', '--baseline', 'procs', '--filter', 'a', '--no-save'], {
      env: { WORK: '3000' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /a: re-run 1: \+\d+\.\d%, CI [^,]+, p[<=][\d.]+, pooled over 6 processes, reproduced; re-run 2: [^;]*pooled over 9 processes, reproduced/,
    );
  });
});
