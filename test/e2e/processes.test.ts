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

let p: Project;
beforeAll(() => {
  p = scratchProject({ 'bench/p.bench.mjs': BENCH });
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
      expect(row.noise).toBe(0.02); // the band over processes (processNoise), not the 5% of single processes
      expect(row.ratio).toBeGreaterThan(1.2);
    }
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
