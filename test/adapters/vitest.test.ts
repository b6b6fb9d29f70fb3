/**
 * cyclebench/vitest end to end: a vitest project's benchmarks run by the real `vitest bench`, once
 * with vitest's tinybench and once with `runner: 'cyclebench/vitest'`: same reporter output and JSON
 * shape, known-truth ratios, a cyclebench result file named by describe path; `vitest run` still
 * runs tests with the same config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../e2e/project.js';
import { EXAMPLES, missingShape, peerProject, runNode, type NodeRun } from '../e2e/peers.js';

const VITEST = 'node_modules/vitest/vitest.mjs';
const example = (name: string) => readFileSync(join(EXAMPLES, 'vitest', name), 'utf8');

let p: Project;
let tiny: NodeRun;
let ours: NodeRun;
beforeAll(async () => {
  p = peerProject(['vitest']);
  p.write('bench/loops.bench.ts', example('loops.bench.ts'));
  p.write('test/math.spec.ts', example('math.spec.ts'));
  p.write('vitest.config.ts', example('vitest.config.ts'));
  p.write('tinybench.config.ts', `import { defineConfig } from 'vitest/config'\nexport default defineConfig({})\n`);
  tiny = await runNode(p, [VITEST, 'bench', '--run', '--config', 'tinybench.config.ts', '--outputJson', 'tinybench.json']);
  ours = await runNode(p, [VITEST, 'bench', '--run', '--outputJson', 'cyclebench.json'], { CYCLEBENCH_JSON: 'out/vitest.json' });
}, 300_000);
afterAll(() => p?.remove());

type VitestJson = {
  files: Array<{
    groups: Array<{ fullName: string; benchmarks: Array<{ name: string; hz: number; rme: number; sampleCount: number; median: number }> }>;
  }>;
};
const benchmarks = (file: string) => (JSON.parse(p.read(file)) as VitestJson).files.flatMap((f) => f.groups.flatMap((g) => g.benchmarks));

describe('cyclebench/vitest: vitest bench with the cyclebench runner', () => {
  it('runs the same bench files and reports them in vitest’s table and JSON', () => {
    expect(tiny.code, tiny.stderr + tiny.stdout).toBe(0);
    expect(ours.code, ours.stderr + ours.stdout).toBe(0);
    expect(ours.stdout + ours.stderr).not.toMatch(/deprecated/i);
    for (const name of ['1000 steps', '2000 steps', 'copy and sort']) expect(ours.stdout).toContain(name);
    expect(missingShape(JSON.parse(p.read('tinybench.json')), JSON.parse(p.read('cyclebench.json')))).toEqual([]);
    for (const b of benchmarks('cyclebench.json')) {
      expect(b.hz).toBeGreaterThan(0);
      expect(b.sampleCount).toBeGreaterThan(0);
      expect(b.rme).toBeGreaterThan(0);
    }
  });

  it('measures known truth: 2000 steps cost about twice 1000 steps', () => {
    const hz = Object.fromEntries(benchmarks('cyclebench.json').map((b) => [b.name, b.hz]));
    expect(hz['1000 steps'] / hz['2000 steps']).toBeGreaterThan(1.5);
    expect(hz['1000 steps'] / hz['2000 steps']).toBeLessThan(2.6);
  });

  it('writes a cyclebench result file named by describe path, which report reads', async () => {
    const report = await p.cli(['report', 'out/vitest.json', '--format', 'json']);
    expect(report.code, report.stderr).toBe(0);
    const file = JSON.parse(report.stdout);
    expect(file.benchmarks.map((b: { id: string; file: string }) => [b.id, b.file])).toEqual([
      ['loops > 1000 steps', 'bench/loops.bench.ts'],
      ['loops > 2000 steps', 'bench/loops.bench.ts'],
      ['sort > copy and sort', 'bench/loops.bench.ts'],
    ]);
  });

  it('leaves test mode to vitest’s own runner', async () => {
    const r = await runNode(p, [VITEST, 'run']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/1 passed/);
  });
});
