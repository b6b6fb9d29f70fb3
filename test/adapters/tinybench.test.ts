/**
 * cyclebench/tinybench end to end: tinybench's documented examples run unchanged apart from the
 * import, once with tinybench and once with cyclebench, in real node processes. The shapes must
 * match (our extra fields allowed), the numbers must follow known truth (2N steps cost about twice N
 * steps) and agree with cyclebench's native API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../e2e/project.js';
import { missingShape, peerProject, placeExample, runBoth, runNode, type NodeRun } from '../e2e/peers.js';

const NATIVE = `import { Suite } from 'cyclebench';
const steps = (n) => { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i + 0.5); return s; };
const r = await new Suite().add('2000 steps', () => steps(2000)).run({ maxTimeMs: 150 });
console.log('RESULT ' + JSON.stringify({ median: r.benchmarks[0].stats.median }));
`;

let p: Project;
let peer: NodeRun;
let ours: NodeRun;
beforeAll(async () => {
  p = peerProject(['tinybench']);
  ({ peer, ours } = await runBoth(p, 'tinybench-usage.mjs', 'tinybench', {
    ours: { CYCLEBENCH_JSON: 'out/tinybench.json', CYCLEBENCH_HISTORY: '1' },
  }));
}, 240_000);
afterAll(() => p?.remove());

const byName = (r: NodeRun, name: string) => r.result.results.find((x: { name: string }) => x.name === name);

describe('cyclebench/tinybench: the documented usage', () => {
  it('runs with the import changed and gives tinybench result shapes, events and table columns', () => {
    expect(peer.code, peer.stderr).toBe(0);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.stdout).toMatch(/^loops$/m);
    // `period`/`totalTime` keep their meaning; nothing tinybench reports is missing.
    expect(missingShape(peer.result, ours.result)).toEqual([]);
    expect(ours.result.events).toEqual(peer.result.events);
    expect(ours.result.table.map((row: object) => Object.keys(row))).toEqual(peer.result.table.map((row: object) => Object.keys(row)));
    for (const r of ours.result.results) {
      expect(r.state).toBe('completed');
      expect(r.latency.samples).toBe(r.latency.samplesCount); // retainSamples: every sample kept
      expect(r.latency.p50).toBeGreaterThan(0);
      expect(r.throughput.p50).toBeCloseTo(1000 / r.latency.p50, -2);
    }
  });

  it('measures known truth: 2000 steps cost about twice 1000 steps, async about the same as sync', () => {
    const one = byName(ours, '1000 steps').latency.p50;
    const two = byName(ours, '2000 steps').latency.p50;
    const asyncTwo = byName(ours, 'async 2000 steps').latency.p50;
    expect(two / one).toBeGreaterThan(1.5);
    expect(two / one).toBeLessThan(2.6);
    expect(asyncTwo / two).toBeGreaterThan(0.8);
    expect(asyncTwo / two).toBeLessThan(1.5);
  });

  it('agrees with the native API on the same workload', async () => {
    p.write('native.mjs', NATIVE);
    const native = await runNode(p, ['native.mjs']);
    expect(native.code, native.stderr).toBe(0);
    const adapterNs = byName(ours, '2000 steps').latency.p50 * 1e6;
    expect(adapterNs / native.result.median).toBeGreaterThan(0.6);
    expect(adapterNs / native.result.median).toBeLessThan(1.67);
  });

  it('writes a result file that report and compare read', async () => {
    const report = await p.cli(['report', 'out/tinybench.json', '--format', 'json']);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout).benchmarks.map((b: { id: string }) => b.id)).toEqual(['1000 steps', '2000 steps', 'async 2000 steps']);
    const compare = await p.cli(['compare', 'out/tinybench.json', 'out/tinybench.json']);
    expect(compare.code, compare.stderr).toBe(0);
  });

  it('appends the process’s runs to history as one run, which history reads', async () => {
    const lines = p.read('.cyclebench/history.jsonl').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).benchmarks.map((b: { id: string }) => b.id)).toEqual(['1000 steps', '2000 steps', 'async 2000 steps']);
    const history = await p.cli(['history', '2000 steps']);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toContain('2000 steps');
  });
});

describe('cyclebench/tinybench: hooks, errors, aborting', () => {
  it('behaves as tinybench does', async () => {
    const { peer: a, ours: b } = await runBoth(p, 'tinybench-control.mjs', 'tinybench');
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(b.result).toEqual(a.result);
    expect(b.result.states).toEqual({ hooked: 'completed', throws: 'errored', 'abortable task': 'aborted' });
  });
});

describe('cyclebench/tinybench: loading and the clock for tinybench itself', () => {
  it('loads through require()', async () => {
    placeExample(p, 'tinybench-require.cjs', 'require.cjs', 'tinybench', 'tinybench');
    const r = await runNode(p, ['require.cjs']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.result).toEqual({ state: 'completed', now: 'number', ms: true });
  });

  it('times tinybench with the native clock through `now` (ms) or the timestamp provider', async () => {
    placeExample(p, 'tinybench-keep-peer.mjs', 'keep.mjs', 'tinybench', 'tinybench');
    const r = await runNode(p, ['keep.mjs']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.result.states).toEqual(['completed', 'completed']);
    expect(r.result.provider).toMatch(/^cyclebench-/);
    // Math.sqrt(Math.random()) timed per call: tens of ns plus the read, never ms (a unit slip would show).
    for (const ms of r.result.p50) expect(ms * 1e6).toBeLessThan(100_000);
  });
});
