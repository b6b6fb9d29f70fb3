/** `cyclebench run` as users run it: the real bin, the built package, a scratch project, child processes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRunResult } from '../../src/store/index.js';
import type { RunResult } from '../../src/result/types.js';
import { scratchProject, type Project } from '../e2e/project.js';

const FAST = ['--quick', '--time', '60ms'];

const BASIC = `import { bench, group, run, doNotOptimize } from 'cyclebench';
import { threadId } from 'node:worker_threads';
import { appendFileSync } from 'node:fs';

function work(k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s = (s + i * 7) & 0xffff;
  return s;
}

bench('work 2000', () => doNotOptimize(work(2000)), {
  // Where the benchmark really ran: the isolation tests read this.
  after: () => appendFileSync('where.txt', \`\${process.pid} \${threadId}\\n\`),
});
group('pair', { baseline: 'k1000' }, () => {
  bench('k1000', () => doNotOptimize(work(1000)));
  bench('k2000', () => doNotOptimize(work(2000)));
});

// A file may call run() itself; under the CLI this is a no-op and the CLI runs everything.
await run({ quiet: true });
`;

let p: Project;
beforeAll(() => {
  p = scratchProject({ 'bench/basic.bench.ts': BASIC });
});
afterAll(() => p.remove());

describe('cyclebench run (the real bin)', () => {
  it('runs a TypeScript file, prints the table and writes a valid result file and the latest run', async () => {
    const r = await p.cli(['run', ...FAST, '--json', 'out.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/work 2000/);
    expect(r.stdout).toMatch(/pair: against k1000/);
    expect(r.stderr).toMatch(/^running 3 benchmark\(s\)$/m);
    const run = JSON.parse(p.read('out.json')) as RunResult;
    expect(() => validateRunResult(run, 'out.json')).not.toThrow();
    expect(run.benchmarks.map((b) => b.id)).toEqual(['work 2000', 'pair/k1000', 'pair/k2000']);
    expect(run.benchmarks.every((b) => b.file === join('bench', 'basic.bench.ts'))).toBe(true);
    expect(p.exists('.cyclebench/last.json')).toBe(true);
  });

  it('--json - prints pure JSON on stdout (pipeable to JSON.parse); everything else on stderr', async () => {
    const r = await p.cli(['run', ...FAST, '--filter', 'work', '--json', '-']);
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as RunResult;
    expect(run.benchmarks.map((b) => b.id)).toEqual(['work 2000']);
    expect(r.stderr).toMatch(/saved latest run to/);
    expect(r.stderr).toMatch(/\[1\/1\] work 2000/);
  });

  for (const mode of ['worker', 'process'] as const) {
    it(`--isolate ${mode} measures in another ${mode === 'worker' ? 'thread' : 'process'} than the CLI`, async () => {
      p.write('where.txt', '');
      const r = await p.cli(['run', ...FAST, '--filter', 'work', '--isolate', mode]);
      expect(r.code, r.stderr).toBe(0);
      const [pid, thread] = p.read('where.txt').trim().split(' ').map(Number);
      if (mode === 'worker') {
        expect(pid).toBe(r.pid);
        expect(thread).toBeGreaterThan(0);
      } else {
        expect(pid).not.toBe(r.pid);
        expect(thread).toBe(0);
      }
    });
  }

  it('in-process without --isolate (the control for the isolation tests)', async () => {
    p.write('where.txt', '');
    const r = await p.cli(['run', ...FAST, '--filter', 'work']);
    expect(r.code, r.stderr).toBe(0);
    expect(p.read('where.txt').trim()).toBe(`${r.pid} 0`);
  });

  it('--profile writes a CPU profile of just the filtered benchmark', async () => {
    const bad = await p.cli(['run', ...FAST, '--profile']);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/--profile needs --filter/);
    const r = await p.cli(['run', ...FAST, '--filter', 'work', '--profile']);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(p.dir, '.cyclebench', 'profiles');
    const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
    expect(profile.nodes.length).toBeGreaterThan(1);
  });

  for (const mode of ['worker', 'process'] as const) {
    it(`--profile with --isolate ${mode} profiles the ${mode} that runs the benchmark`, async () => {
      const r = await p.cli(['run', ...FAST, '--filter', 'work', '--isolate', mode, '--profile']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/CPU profiles of each isolated task written to/);
      const profile = JSON.parse(p.read('.cyclebench/profiles/work_2000.cpuprofile')) as { nodes: { callFrame: { url: string } }[] };
      // The benchmark file's own code is in the profile: the parent, waiting on messages, would have none.
      expect(profile.nodes.some((n) => n.callFrame.url.includes('basic.bench'))).toBe(true);
    });
  }

  it('the before/after workflow with tags', async () => {
    expect((await p.cli(['run', ...FAST, '--filter', 'work', '--tag', 'before'])).code).toBe(0);
    expect((await p.cli(['run', ...FAST, '--filter', 'work', '--tag', 'after'])).code).toBe(0);
    const r = await p.cli(['compare', 'before', 'after', '--json', 'verdict.json']);
    // Identical code is usually no regression, but a noisy machine can flag one: the exit code must be
    // the one its own verdict calls for, 1 exactly when it lists a regression.
    const verdict = JSON.parse(p.read('verdict.json')) as { outcome: Record<string, boolean>; regressions: unknown[] };
    expect(Object.keys(verdict.outcome).filter((k) => verdict.outcome[k] && k !== 'regression')).toEqual([]);
    expect(r.code, r.stderr).toBe(verdict.regressions.length ? 1 : 0);
    expect(r.stdout).toMatch(/compare: tag before, .* -> {2}tag after/);
  });
});
