import { describe, expect, it } from 'vitest';
import { evaluateTargets, parseQuantity, parseTarget, parseTargetFlag } from '../../src/compare/index.js';
import { CycleBenchError } from '../../src/errors.js';
import { bench, erroredBench, runOf } from './fixtures.js';

describe('parseTarget', () => {
  it.each([
    ['p95 < 100ms', 'p95', '<', 100e6, 0.95],
    ['mean < 50us', 'mean', '<', 50e3, undefined],
    ['mean<50µs', 'mean', '<', 50e3, undefined],
    ['median <= 2.5ms', 'median', '<=', 2.5e6, undefined],
    ['ops > 1e6', 'ops', '>', 1e6, undefined],
    ['ops >= 2M', 'ops', '>=', 2e6, undefined],
    ['p999 < 1s', 'p999', '<', 1e9, 0.999],
    ['p50 < 850ns', 'p50', '<', 850, 0.5],
    ['max < 3 ms', 'max', '<', 3e6, undefined],
  ])('%s', (text, stat, op, limit, quantile) => {
    const t = parseTarget('x', text, 'test');
    expect(t).toMatchObject({ stat, op, quantile });
    expect(t.limit).toBeCloseTo(limit, 6);
  });

  it.each(['p95 ~ 100ms', 'fastest < 1ms', 'p95 < soon', 'ops > 5ms', 'p100 < 1ms', ''])('rejects %j with E_CONFIG', (text) => {
    expect(() => parseTarget('x', text, 'cfg')).toThrowError(CycleBenchError);
    try {
      parseTarget('x', text, 'cfg');
    } catch (e) {
      expect((e as CycleBenchError).code).toBe('E_CONFIG');
      expect((e as Error).message).toContain('cfg');
    }
  });

  it('parses --target flags', () => {
    expect(parseTargetFlag('db/*: p95 < 2ms')).toMatchObject({ match: 'db/*', stat: 'p95', limit: 2e6 });
    expect(() => parseTargetFlag('p95<2ms')).toThrow(/ID: p95/);
  });

  it('parses quantities', () => {
    expect(parseQuantity('27.96ms')).toMatchObject({ value: 27.96e6, kind: 'time', text: '27.96 ms' });
    expect(parseQuantity('1e6')).toMatchObject({ value: 1e6, kind: 'count' });
    expect(parseQuantity('fast')).toBeNull();
  });
});

describe('evaluateTargets', () => {
  const x = Array.from({ length: 100 }, (_, i) => 40e6 + i * 0.1e6); // 40..49.9 ms
  // Samples of single calls (callsPerSample: 1), so percentiles are over calls.
  const run = runOf([bench('parse', x, { percentilesOver: 'calls' }), bench('json', Array(20).fill(900)), erroredBench('broken')]);

  it('PASS with the margin under target', () => {
    const [r] = evaluateTargets(run, [parseTarget('parse', 'p95 < 100ms', 't')]);
    expect(r.pass).toBe(true);
    expect(r.value!).toBeCloseTo(49.405e6, -3);
    expect(r.marginText).toBe('50.6% under target');
  });

  it('FAIL with the margin over target; ops targets use above/below', () => {
    const r = evaluateTargets(run, [parseTarget('json', 'median < 850ns', 't'), parseTarget('json', 'ops > 2e6', 't')]);
    expect(r[0]).toMatchObject({ pass: false, marginText: '5.9% over target' });
    expect(r[1]).toMatchObject({ pass: false, unit: 'ops', marginText: '44.4% below target' });
  });

  it('globs match several benchmarks; an unjudgeable target fails with a reason', () => {
    const r = evaluateTargets(run, [parseTarget('*', 'mean < 1s', 't')]);
    expect(r.map((t) => [t.id, t.pass])).toEqual([
      ['parse', true],
      ['json', true],
      ['broken', false],
    ]);
    expect(r[2]).toMatchObject({ value: null, reason: 'benchmark errored' });
  });

  it('computes other percentiles from raw samples, n/a without them', () => {
    const [r] = evaluateTargets(run, [parseTarget('parse', 'p80 < 100ms', 't')]);
    expect(r.pass).toBe(true);
    const noSamples = runOf([{ ...bench('parse', x, { percentilesOver: 'calls' }), samples: undefined }]);
    const [n] = evaluateTargets(noSamples, [parseTarget('parse', 'p80 < 100ms', 't')]);
    expect(n).toMatchObject({ pass: false, value: null });
    expect(n.reason).toMatch(/raw samples/);
  });
});

describe('percentile targets say what they are over', () => {
  it('refuse to judge p95 of batch means as if it were p95 of calls, naming the fix', () => {
    const batches = runOf([
      bench(
        'parse',
        Array.from({ length: 40 }, (_, i) => 1000 + i),
      ),
    ]); // 1000 calls per sample
    const [r] = evaluateTargets(batches, [parseTarget('parse', 'p95 < 100ms', 't')]);
    expect(r).toMatchObject({ pass: false, value: null, marginText: 'cannot judge' });
    expect(r.reason).toMatch(/p95 here would be over means of about 1000-call batches, not over calls: set callsPerSample: 1 on 'parse'/);
    const [median] = evaluateTargets(batches, [parseTarget('parse', 'median < 100ms', 't')]);
    expect(median.pass).toBe(true); // a median target reads the median the result reports, as before
  });
});

describe('throughput targets', () => {
  // 1 µs per iteration: 4096 bytes per iteration is 4.096 GB/s; 1000 items is 1G items/s.
  const run = runOf([
    bench('parse', Array(20).fill(1000), { throughput: { bytes: 4096, items: 1000 } }),
    bench('plain', Array(20).fill(1000)),
  ]);

  it.each([
    ['throughput > 500MB/s', 500e6],
    ['throughput >= 2 GB/s', 2e9],
    ['throughput > 1.5GiB/s', 1.5 * 2 ** 30],
    ['throughput > 64KiB/s', 65536],
    ['throughput < 1TB/s', 1e12],
  ])('parses %s (decimal MB, binary MiB)', (text, limit) => {
    expect(parseTarget('x', text, 't')).toMatchObject({ stat: 'throughput', limit, limitKind: 'byte-rate' });
  });

  it('a plain rate is the requests per second of a load test, a byte rate a declared throughput', () => {
    expect(parseTarget('x', 'throughput > 500', 't')).toMatchObject({ stat: 'throughput', limit: 500, limitKind: 'count' });
    expect(parseTarget('x', 'throughput > 500/s', 't')).toMatchObject({ stat: 'throughput', limit: 500, limitKind: 'count' });
    expect(parseTarget('x', 'throughput > 500MB/s', 't')).toMatchObject({ stat: 'throughput', limit: 500e6, limitKind: 'byte-rate' });
  });

  it('parses items rates as counts', () => {
    expect(parseTarget('x', 'items > 1M/s', 't')).toMatchObject({ stat: 'items', limit: 1e6, limitKind: 'count' });
  });

  it.each([
    ['throughput > 5ms', /throughput > 500\/s.*500MB\/s for a declared throughput/],
    ['items > 5ms', /items is a rate/],
    ['ops > 500MB/s', /applies to throughput/],
    ['median < 1GB/s', /applies to throughput/],
  ])('rejects %j', (text, why) => expect(() => parseTarget('x', text, 'cfg')).toThrow(why));

  it('evaluates bytes/s and items/s from the median, with the margin', () => {
    const r = evaluateTargets(run, [parseTarget('parse', 'throughput > 500MB/s', 't'), parseTarget('parse', 'items > 2G/s', 't')]);
    expect(r[0]).toMatchObject({ pass: true, unit: 'B/s', value: 4.096e9, marginText: '719% above target' });
    expect(r[1]).toMatchObject({ pass: false, unit: 'items/s', value: 1e9, marginText: '2.00x below target' });
  });

  it('fails with the reason when nothing was declared', () => {
    const [r] = evaluateTargets(run, [parseTarget('plain', 'throughput > 1MB/s', 't')]);
    expect(r).toMatchObject({ pass: false, value: null });
    expect(r.reason).toMatch(/no bytes per iteration declared: bench\(name, fn, \{ throughput: \{ bytes: N \} \}\)/);
  });
});
