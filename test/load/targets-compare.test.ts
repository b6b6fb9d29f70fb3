/** Targets on load results and sampled resources, and memory and CPU compared between runs with their own bands. Synthetic results, no timing. */
import { describe, expect, it } from 'vitest';
import { evaluateTargets, parseTarget } from '../../src/compare/targets.js';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { DEFAULT_POLICY, type Policy } from '../../src/compare/policy.js';
import { resolvePolicy } from '../../src/config.js';
import { evaluateRun } from '../../src/compare/gate.js';
import { renderVerdictConsole, renderVerdictMarkdown } from '../../src/report/verdict.js';
import { renderRun } from '../../src/report/run-report.js';
import { bench, runOf, samples } from '../compare/fixtures.js';
import { loadBench } from './fixtures.js';

const policy = (o: Partial<Policy> = {}): Policy => ({ ...DEFAULT_POLICY, ...o });
const judge = (b: ReturnType<typeof loadBench>, text: string) => evaluateTargets(runOf([b]), [parseTarget(b.id, text, 'test')])[0];

describe('targets on load tests', () => {
  it('success, errors, throughput and latency percentiles', () => {
    const flaky = loadBench('search', { requests: 200, ok: 180 });
    expect(judge(flaky, 'success > 99%')).toMatchObject({ pass: false, value: 0.9, unit: 'fraction', marginText: '9.1% below target' });
    expect(judge(flaky, 'success >= 90%')).toMatchObject({ pass: true, value: 0.9 });
    expect(judge(flaky, 'errors < 5')).toMatchObject({ pass: false, value: 20, unit: 'count' });
    expect(judge(flaky, 'errors < 15%')).toMatchObject({ pass: true, value: 0.1, unit: 'fraction' });
    expect(judge(flaky, 'throughput > 50/s')).toMatchObject({ pass: true, value: 100, unit: 'ops' });
    expect(judge(flaky, 'ops > 500')).toMatchObject({ pass: false, value: 100 }); // ops is throughput for a load test, not 1/latency
    expect(judge(flaky, 'p95 < 100ms')).toMatchObject({ pass: true, unit: 'ns' });
    expect(judge(flaky, 'p50 < 1ms')).toMatchObject({ pass: false });
  });

  it('memory and CPU of sampled results; a benchmark without them cannot be judged and fails with the reason', () => {
    const b = loadBench('search', { rss: 150e6 });
    expect(judge(b, 'rss < 200MB')).toMatchObject({ pass: true, value: 150e6, unit: 'bytes' });
    expect(judge(b, 'rss < 100MB')).toMatchObject({ pass: false });
    expect(judge(b, 'heap < 64MiB')).toMatchObject({ pass: true });
    expect(judge(b, 'cpu < 80%')).toMatchObject({ pass: true, value: 0.4, unit: 'fraction' });
    const plain = bench('parse', samples(1000, 50, 1));
    const r = evaluateTargets(runOf([plain]), [parseTarget('parse', 'rss < 200MB', 'test'), parseTarget('parse', 'success > 99%', 'test')]);
    expect(r.map((t) => [t.pass, t.value, t.reason])).toEqual([
      [false, null, 'resources were not sampled (resources: true)'],
      [false, null, 'not a load test'],
    ]);
  });

  it('an errored load test still has its success rate to judge', () => {
    const dead = { ...loadBench('search', { requests: 10, ok: 0 }), status: 'error' as const, stats: undefined, samples: undefined };
    expect(judge(dead, 'success > 99%')).toMatchObject({ pass: false, value: 0 });
  });
});

describe('memory and CPU between runs', () => {
  const base = runOf([loadBench('search', { seed: 1, rss: 100e6, cpuPerOp: 2e6 })]);

  it('within both bands: no change reported as a warning or regression', () => {
    const cur = runOf([loadBench('search', { seed: 2, rss: 110e6, cpuPerOp: 2.1e6 })]);
    const row = compareRuns(base, cur, policy()).benchmarks[0];
    expect(row.resources!.map((c) => [c.metric, c.verdict, c.severity])).toEqual([
      ['memory', 'same', null],
      ['cpu', 'same', null],
    ]);
    expect(row.regression).toBe(false);
  });

  it('memory +30% past the 20% band warns without failing; CPU +20% past the 10% band is a regression', async () => {
    const cur = runOf([loadBench('search', { seed: 2, rss: 130e6, cpuPerOp: 2.4e6 })]);
    const cmp = compareRuns(base, cur, policy());
    const row = cmp.benchmarks[0];
    expect(row.resources!.find((c) => c.metric === 'memory')).toMatchObject({
      verdict: 'grew',
      severity: 'warning',
      text: 'peak RSS +30.0% (band ±20.0%): warning',
    });
    expect(row.resources!.find((c) => c.metric === 'cpu')).toMatchObject({
      verdict: 'grew',
      severity: 'regression',
      text: 'CPU per request +20.0% (band ±10.0%): regression',
    });
    expect(row.regression).toBe(true);
    expect(cmp.regressions).toEqual(['search']);
    expect(row.message).toMatch(/CPU per request \+20\.0% \(band ±10\.0%\): regression/);
    const report = await evaluateRun(cur, policy(), { base });
    expect(report.exitCode).toBe(1);
    const text = renderVerdictConsole(report);
    expect(text).toMatch(/REGRESSION \(CPU; time (same|inconclusive)\)/);
    expect(text).toMatch(/search: peak RSS \+30\.0% \(band ±20\.0%\): warning/);
    expect(renderVerdictMarkdown(report)).toMatch(/- search: CPU per request \+20\.0% \(band ±10\.0%\): regression/);
  });

  it('memory growth alone does not fail the gate; wider bands from the config accept both', async () => {
    const cur = runOf([loadBench('search', { seed: 2, rss: 130e6, cpuPerOp: 2.4e6 })]);
    const wide = resolvePolicy({ config: { memoryNoise: 0.5, cpuNoise: 0.25 }, file: 'cyclebench.config.json' });
    expect(wide).toMatchObject({ memoryNoise: 0.5, cpuNoise: 0.25 });
    const row = compareRuns(base, cur, wide).benchmarks[0];
    expect(row.resources!.every((c) => c.severity === null)).toBe(true);
    const memOnly = runOf([loadBench('search', { seed: 2, rss: 200e6, cpuPerOp: 2e6 })]);
    expect((await evaluateRun(memOnly, policy(), { base })).exitCode).toBe(0);
    expect(() => resolvePolicy({ config: { memoryNoise: 2 }, file: 'c.json' })).toThrow(/memoryNoise.*noise must be a fraction/);
  });

  it('the latency itself is compared like time, on the stored quantiles', () => {
    const slower = runOf([loadBench('search', { seed: 2, p50Ns: 7e6, rss: 100e6, cpuPerOp: 2e6 })]);
    const row = compareRuns(base, slower, policy()).benchmarks[0];
    expect(row.method).toBe('samples');
    expect(row.verdict).toBe('slower');
  });
});

describe('the run report', () => {
  it('shows a load test: model, success, percentiles, errors, clock, resources; nothing as NaN', () => {
    const text = renderRun(runOf([loadBench('search', { requests: 200, ok: 180 })]), 'console');
    expect(text).toMatch(/search\s+\S+ ms.*100\/s\s+180\s+fixed\s+\S+ \([\d.]+%\)\s+failed:20/);
    expect(text).toMatch(/search: closed model, 5 callers; 200 requests \(180 ok, 20 failed: 90\.0% success\)/);
    expect(text).toMatch(/latency from start: min \S+ ms\s+p50 \S+ ms\s+p90 .* p99\.9 \S+ ms\s+max/);
    expect(text).toMatch(/errors: HTTP 500 \(20\)/);
    expect(text).toMatch(/clock: tsc, 45\.0 ns per read/);
    expect(text).toMatch(/CPU 40\.0% mean, 80\.0% peak of one core .* 2\.00 ms CPU per request; RSS \S+ MiB mean, 143 MiB peak/);
    expect(text).toMatch(/GC minor 3 \(4\.50 ms, longest 2\.00 ms\)/);
    expect(text).not.toMatch(/NaN|undefined/);
  });
});
