/**
 * Importers against small example files written from each format's documented shape
 * (test/importers/examples/): vitest's `--outputJson` (tinybench statistics in ms, samples written
 * empty, a failed benchmark without statistics) and mitata 1's JSON (ns, sorted samples, groups in
 * `layout`, arguments, errors). Real files from the tools themselves: test/e2e/import.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns, DEFAULT_POLICY } from '../../src/compare/index.js';
import { importResult, MITATA_CI, VITEST_CI } from '../../src/importers/index.js';
import { medianCI } from '../../src/stats/index.js';
import { runResultProblems } from '../../src/store/index.js';

const example = (name: string) => JSON.parse(readFileSync(join(__dirname, 'examples', name), 'utf8'));
const ctx = (file: string) => ({ file, version: '9.9.9', writtenAt: new Date('2025-02-03T04:05:06.000Z') });

describe('vitest bench --outputJson', () => {
  const run = importResult(example('vitest-bench.json'), ctx('vitest-bench.json'));

  it('is a valid result that says where it came from and that it has no samples', () => {
    expect(runResultProblems(JSON.parse(JSON.stringify(run)))).toEqual([]);
    expect(run.tool).toEqual({
      name: 'cyclebench',
      version: '9.9.9',
      importedFrom: { tool: 'vitest', file: 'vitest-bench.json', samples: false, ci: VITEST_CI },
    });
    expect(run.benchmarks.every((b) => b.samples === undefined)).toBe(true);
    expect(run.startedAt).toBe('2025-02-03T04:05:06.000Z'); // vitest records no time: the file's
  });

  it('ids are the describe path and the name; the test file is kept apart', () => {
    expect(run.benchmarks.map((b) => [b.id, b.group, b.file, b.status])).toEqual([
      ['JSON.parse', undefined, 'bench/parse.bench.ts', 'ok'],
      ['regex/anchored/match', 'regex/anchored', 'bench/parse.bench.ts', 'ok'],
      ['regex/anchored/throws', 'regex/anchored', 'bench/parse.bench.ts', 'error'],
    ]);
    expect(run.benchmarks[2].error?.message).toMatch(/vitest recorded no statistics/);
  });

  it('milliseconds become nanoseconds; what vitest does not write is null, never a made-up number', () => {
    const s = run.benchmarks[0].stats!;
    expect(s).toMatchObject({
      n: 400000,
      median: 1200,
      p50: 1200,
      mean: 1250,
      p75: 1300,
      p99: 2000,
      p999: 4000,
      min: 1100,
      max: 90000,
      stddev: 100,
    });
    expect(s.mean).toBeCloseTo(1250, 6);
    expect(s.cv).toBeCloseTo(0.08, 10);
    expect(s.opsPerSec).toBeCloseTo(1e9 / 1200, 6);
    for (const k of ['p90', 'p95', 'mad'] as const) expect(s[k]).toBeNull();
  });

  it("the median's interval: 1.96 · 2 (p75 − median) / √n either side", () => {
    const half = (1.959963984540054 * 2 * 100) / Math.sqrt(400000); // 0.62 ns
    expect(run.benchmarks[0].stats!.medianCI.lo).toBeCloseTo(1200 - half, 9);
    expect(run.benchmarks[0].stats!.medianCI.hi).toBeCloseTo(1200 + half, 9);
    expect(run.benchmarks[0].stats!.medianCI.method).toBeUndefined();
  });
});

describe('mitata JSON', () => {
  const json = example('mitata.json');
  const run = importResult(json, ctx('mitata.json'));

  it('is a valid result with the environment mitata recorded', () => {
    expect(runResultProblems(JSON.parse(JSON.stringify(run)))).toEqual([]);
    expect(run.tool.importedFrom).toEqual({ tool: 'mitata', file: 'mitata.json', samples: false, ci: MITATA_CI });
    expect(run.startedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(run.environment.cpu).toMatchObject({ model: 'Test CPU @ 2.60GHz', arch: 'x64' });
    expect(run.environment.os.platform).toBe('linux');
    expect(run.environment.runtime.node).toBe('v20.20.2');
    expect(run.benchmarks.every((b) => b.samples === undefined)).toBe(true);
  });

  it('ids: group/name, arguments added only where the name does not show them; errors kept', () => {
    expect(run.benchmarks.map((b) => [b.id, b.status])).toEqual([
      ['strings/concat', 'ok'],
      ['sum 10', 'ok'],
      ['sum 100', 'ok'],
      ['throws', 'error'],
      ['fill[size=1]', 'ok'],
    ]);
    expect(run.benchmarks[1].args).toEqual({ n: 10 });
    expect(run.benchmarks[3].error?.message).toBe('nope');
  });

  it('statistics from the samples, the interval by order statistics; without samples, no interval', () => {
    const raw = json.benchmarks[0].runs[0].stats;
    const s = run.benchmarks[0].stats!;
    const ci = medianCI(raw.samples);
    expect(s).toMatchObject({ n: 20, min: raw.min, max: raw.max, medianCI: { lo: ci.lo, hi: ci.hi, method: 'order-statistics' } });
    expect(run.benchmarks[0].totalIterations).toBe(raw.ticks);
    const fill = run.benchmarks[4].stats!;
    expect(fill).toMatchObject({ n: 0, median: json.benchmarks[3].runs[0].stats.p50, medianCI: { lo: null, hi: null } });
  });
});

describe('recognising and refusing', () => {
  it('recognises each format; --from the wrong one, or anything else, is E_CORRUPT_FILE naming the file and what is missing', () => {
    expect(() => importResult(example('vitest-bench.json'), ctx('v.json'), 'mitata')).toThrow(/v\.json is not mitata's JSON.*"benchmarks"/);
    expect(() => importResult(example('mitata.json'), ctx('m.json'), 'vitest')).toThrow(
      /m\.json is not the JSON of `vitest bench --outputJson`/,
    );
    expect(() => importResult({ hello: 1 }, ctx('x.json'))).toThrow(
      expect.objectContaining({ code: 'E_CORRUPT_FILE', message: expect.stringMatching(/x\.json is neither vitest's .* nor mitata's/) }),
    );
    expect(() => importResult({ files: [] }, ctx('e.json'))).toThrow(/holds no benchmarks/);
  });
});

describe('imported results in a comparison', () => {
  it('are compared summary-only, by their medians and intervals', () => {
    const a = importResult(example('vitest-bench.json'), ctx('a.json'));
    const slower = example('vitest-bench.json');
    const g = slower.files[0].groups[0].benchmarks[0];
    Object.assign(g, { median: g.median * 1.2, p75: g.p75 * 1.2 });
    const b = importResult(slower, ctx('b.json'));
    const cmp = compareRuns(a, b, DEFAULT_POLICY);
    expect(cmp.summaryOnly).toEqual(['JSON.parse', 'regex/anchored/match']);
    expect(cmp.regressions).toEqual(['JSON.parse']);
    expect(cmp.benchmarks.find((r) => r.id === 'regex/anchored/match')!.verdict).toBe('same');
  });
});
