/**
 * cyclebench/mitata end to end: mitata's documented examples run unchanged apart from the import,
 * with mitata and with cyclebench, in real node processes: same result shape (minus the documented
 * omissions), same names, arguments and kinds, known-truth ratios, a result file the CLI reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../e2e/project.js';
import { missingShape, peerProject, placeExample, runBoth, runNode, type NodeRun } from '../e2e/peers.js';

/** What cyclebench/mitata does not report (docs/migrating.md): mitata's noop calibration, heap and gc rows, hardware counters. */
const NOT_REPORTED = [
  'context.noop',
  'benchmarks[].runs[].stats.heap',
  'benchmarks[].runs[].stats.gc',
  'benchmarks[].runs[].stats.counters',
];
const QUICK = { CYCLEBENCH_QUICK: '1' };

let p: Project;
let peer: NodeRun;
let ours: NodeRun;
beforeAll(async () => {
  p = peerProject(['mitata']);
  ({ peer, ours } = await runBoth(p, 'mitata-quickstart.mjs', 'mitata', { ours: { ...QUICK, CYCLEBENCH_JSON: 'out/mitata.json' } }));
}, 300_000);
afterAll(() => p?.remove());

const run = (r: NodeRun, name: string) =>
  r.result.benchmarks.flatMap((t: { runs: Array<{ name: string }> }) => t.runs).find((x: { name: string }) => x.name === name);

describe('cyclebench/mitata: the quick start', () => {
  it('runs with the import changed and gives mitata result shapes', () => {
    expect(peer.code, peer.stderr).toBe(0);
    expect(ours.code, ours.stderr).toBe(0);
    expect(missingShape(peer.result, ours.result, NOT_REPORTED)).toEqual([]);
    expect(ours.result.layout).toEqual(peer.result.layout);
    const names = (r: NodeRun) =>
      r.result.benchmarks.map((t: { alias: string; runs: Array<{ name: string }> }) => [t.alias, t.runs.map((x) => x.name)]);
    expect(names(ours)).toEqual(names(peer));
  });

  it('prints cyclebench’s table with the summary as a group of ratios', () => {
    expect(ours.stdout).toMatch(/summary\/new Array\(\$size\)\[size=64\]/);
    expect(ours.stdout).toMatch(/summary \[size=512\]: against Array\.from\(\$size\)\n\s+new Array\(\$size\): .*faster/);
  });

  it('measures known truth: 2000 steps cost about twice 1000 steps; the ratio orders match mitata’s', () => {
    const ratio = (r: NodeRun) => run(r, '2000 steps').stats.p50 / run(r, '1000 steps').stats.p50;
    expect(ratio(ours)).toBeGreaterThan(1.5);
    expect(ratio(ours)).toBeLessThan(2.6);
    // Both tools agree that new Array(n) is faster than Array.from at every size.
    for (const size of [8, 64, 512]) {
      expect(run(ours, `new Array(${size})`).stats.p50).toBeLessThan(run(ours, `Array.from(${size})`).stats.p50);
      expect(run(peer, `new Array(${size})`).stats.p50).toBeLessThan(run(peer, `Array.from(${size})`).stats.p50);
    }
  });

  it('writes a result file with argument ids, the summary group and complexity fits, which report reads', async () => {
    const report = await p.cli(['report', 'out/mitata.json', '--format', 'json']);
    expect(report.code, report.stderr).toBe(0);
    const file = JSON.parse(report.stdout);
    expect(file.benchmarks.map((b: { id: string }) => b.id)).toContain('$n steps[n=2000]');
    expect(file.groups.map((g: { group: string; args: object }) => [g.group, g.args])).toEqual([
      ['summary', { size: 8 }],
      ['summary', { size: 64 }],
      ['summary', { size: 512 }],
    ]);
    expect(file.complexity.map((c: { id: string }) => c.id)).toEqual(['summary/Array.from($size)', 'summary/new Array($size)']);
  });
});

describe('cyclebench/mitata: arguments, kinds, computed parameters, errors', () => {
  it('gives the names, arguments, kinds and errors mitata gives', async () => {
    const { peer: a, ours: b } = await runBoth(p, 'mitata-features.mjs', 'mitata', { ours: QUICK });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(b.result).toEqual(a.result);
    // The documented values, so a change in both would not pass unseen.
    const trial = (alias: string) => b.result.trials.find((t: { alias: string }) => t.alias === alias);
    expect(trial('range $len').args).toEqual({ len: [1, 8, 64] });
    expect(trial('dense $len').args).toEqual({ len: [1, 2, 3] });
    expect(trial('fails').runs[0].error).toBe('broken benchmark');
  });

  it('loads through require()', async () => {
    placeExample(p, 'mitata-require.cjs', 'require.cjs', 'mitata', 'mitata');
    const r = await runNode(p, ['require.cjs'], QUICK);
    expect(r.code, r.stderr).toBe(0);
    expect(r.result).toEqual({ aliases: ['sqrt', 'cbrt'], ok: true, groups: 1 });
  });
});
