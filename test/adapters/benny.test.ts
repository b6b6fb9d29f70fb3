/**
 * cyclebench/benny end to end: benny's README example and its documented setup forms run unchanged
 * apart from the import, with benny and with cyclebench, in real node processes: same summaries,
 * same saved files, known-truth ratios, a result file the CLI reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../e2e/project.js';
import { missingShape, peerProject, placeExample, runBoth, runNode, type NodeRun } from '../e2e/peers.js';

let p: Project;
let peer: NodeRun;
let ours: NodeRun;
const saved: Record<string, { json: string; chart: string }> = {};
beforeAll(async () => {
  p = peerProject(['benny'], { type: 'commonjs' });
  placeExample(p, 'benny-readme.cjs', 'peer.cjs', 'benny', 'benny');
  placeExample(p, 'benny-readme.cjs', 'ours.cjs', 'benny', 'cyclebench/benny');
  peer = await runNode(p, ['peer.cjs']);
  saved.peer = { json: p.read('benchmark/results/reduce.json'), chart: p.read('benchmark/results/reduce.chart.html') };
  ours = await runNode(p, ['ours.cjs'], { CYCLEBENCH_JSON: 'out/benny.json' });
  saved.ours = { json: p.read('benchmark/results/reduce.json'), chart: p.read('benchmark/results/reduce.chart.html') };
}, 300_000);
afterAll(() => p?.remove());

describe('cyclebench/benny: the README example', () => {
  it('runs with the require changed, prints benny’s report and resolves to benny’s summary', () => {
    expect(peer.code, peer.stderr).toBe(0);
    expect(ours.code, ours.stderr).toBe(0);
    expect(missingShape(peer.result, ours.result)).toEqual([]);
    for (const line of [
      'Running "Example" suite...',
      'Reduce two elements:',
      'Finished 2 cases!',
      'Saved to: benchmark/results/reduce.json',
      'Saved to: benchmark/results/reduce.chart.html',
    ])
      expect(ours.stdout).toContain(line);
    expect(ours.stdout).toMatch(/\d ops\/s, ±\d+\.\d\d%/);
  });

  it('saves JSON with benny’s fields and a chart of the cases', () => {
    const [a, b] = [JSON.parse(saved.peer.json), JSON.parse(saved.ours.json)];
    expect(missingShape(a, b)).toEqual([]);
    expect(b.version).toBe('1.0.0');
    expect(b.results.map((r: { name: string }) => r.name)).toEqual(['Reduce two elements', 'Reduce five elements']);
    expect(saved.ours.chart).toMatch(/<svg[\s\S]*Reduce two elements[\s\S]*Reduce five elements[\s\S]*<\/svg>/);
  });

  it('finds the faster case as benny’s README describes it (reducing five elements does more work)', () => {
    // benny itself is not asserted: under load its own pick flipped once in CI (a peer's noise, not ours).
    expect(ours.result.fastest.name).toBe('Reduce two elements');
    expect(peer.result.fastest.name).toMatch(/^Reduce (two|five) elements$/);
  });

  it('writes a result file: the suite as a group compared with its first case, which compare reads', async () => {
    const report = await p.cli(['report', 'out/benny.json', '--format', 'json']);
    expect(report.code, report.stderr).toBe(0);
    const file = JSON.parse(report.stdout);
    expect(file.benchmarks.map((b: { id: string }) => b.id)).toEqual(['Example/Reduce two elements', 'Example/Reduce five elements']);
    expect(file.groups[0]).toMatchObject({
      group: 'Example',
      baseline: 'Reduce two elements',
      entries: [{ name: 'Reduce five elements', verdict: 'slower' }],
    });
    expect((await p.cli(['compare', 'out/benny.json', 'out/benny.json'])).code).toBe(0);
  });
});

describe('cyclebench/benny: setups, skip/only, handlers, CSV and HTML', () => {
  let a: NodeRun;
  let b: NodeRun;
  beforeAll(async () => {
    p.write('package.json', JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    ({ peer: a, ours: b } = await runBoth(p, 'benny-suites.mjs', 'benny'));
  }, 300_000);

  it('calls the handlers, honours skip and only, and detects async cases as benny does', () => {
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    for (const k of ['names', 'promise', 'cycles', 'completed', 'only', 'options']) expect(b.result[k], k).toEqual(a.result[k]);
  });

  it('measures known truth: 2000 steps cost about twice 1000, with or without (async) setup; async about the same', () => {
    const ops = b.result.ops;
    for (const name of ['2000 steps with setup', '2000 steps with async setup']) {
      expect(ops['1000 steps'] / ops[name]).toBeGreaterThan(1.5);
      expect(ops['1000 steps'] / ops[name]).toBeLessThan(2.6);
    }
    expect(ops['1000 steps'] / ops['async 1000 steps']).toBeGreaterThan(0.8);
    expect(ops['1000 steps'] / ops['async 1000 steps']).toBeLessThan(1.5);
    // percentSlower is measured from the fastest, as in benny.
    const fastest = b.result.fastest.index;
    expect(b.result.percentSlower[fastest]).toBe(0);
  });

  it('saves CSV with details and an HTML table', () => {
    const csv = p.read('benchmark/results/steps.csv').split('\n');
    expect(csv[0]).toBe(
      '"name","ops","margin","percentSlower","samples","promise","min","max","mean","median","standardDeviation","marginOfError","relativeMarginOfError","standardErrorOfMean","sampleVariance"',
    );
    expect(csv).toHaveLength(5);
    expect(csv[1]).toMatch(/^"1000 steps",\d+(\.\d+)?,/);
    expect(p.read('benchmark/results/steps.table.html')).toMatch(/<th>name<\/th>[\s\S]*<td>2000 steps with setup<\/td>/);
  });
});
