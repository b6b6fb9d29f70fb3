/** JUnit XML, parsed and checked by test/report/junit-shape.ts the way CI systems read it. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evaluateRun, parseTarget } from '../../src/compare/index.js';
import { renderJunit } from '../../src/report/junit.js';
import type { BenchResult } from '../../src/result/types.js';
import { erroredBench, makeRun } from '../compare/fixtures.js';
import { list, parseJunit, type Node } from './junit-shape.js';

const byName = (suites: Node[], suite: string) =>
  new Map(list(suites.find((s) => s.name === suite)?.testcase).map((c) => [String(c.name), c]));

describe('JUnit XML', async () => {
  const base = makeRun(1);
  const cur = makeRun(2, { slow: { parse: 1.2 }, only: ['parse', 'json/stringify', 'db/query', 'db/insert'] });
  cur.benchmarks.push(erroredBench('broken', 'kaboom'));
  const skipped: BenchResult = {
    ...erroredBench('gpu/kernel'),
    status: 'skipped',
    skipReason: 'needs a CUDA GPU; none found',
    error: undefined,
    stopReason: 'fixed',
  };
  cur.benchmarks.push(skipped);
  const policy = {
    ...DEFAULT_POLICY,
    targets: [parseTarget('db/query', 'p95 < 1ns', 't'), parseTarget('parse', 'median < 1s', 't')],
    references: [{ bench: 'json/stringify', against: { name: 'their lib', value: '1ns' }, maxRatio: 1 }],
  };
  const report = await evaluateRun(cur, policy, { base, baseLabel: 'tag main' });
  const { root, suites } = parseJunit(renderJunit(report, cur));

  it('one case per benchmark (the removed one too), per target and per reference', () => {
    expect(suites.map((s) => s.name)).toEqual(['benchmarks', 'targets', 'references']);
    expect([...byName(suites, 'benchmarks').keys()]).toEqual([
      'parse',
      'json/stringify',
      'db/query',
      'db/insert',
      'broken',
      'gpu/kernel',
      'math/sum[n=1000]',
    ]);
    expect([...byName(suites, 'targets').keys()]).toEqual(['db/query: p95 < 1ns', 'parse: median < 1s']);
    expect([...byName(suites, 'references').keys()]).toEqual(['json/stringify vs their lib']);
    expect(Number(root.tests)).toBe(10);
  });

  it('regression, removed, missed target and lost reference fail with the message; errors and skips say why', () => {
    const b = byName(suites, 'benchmarks');
    expect(b.get('parse')!.failure).toMatchObject({ type: 'regression', message: expect.stringMatching(/^parse: \d+\.\d% slower \(CI/) });
    expect(String((b.get('parse')!.failure as Node)['#text'])).toBe('look closer: cyclebench run --filter parse --profile');
    expect(b.get('math/sum[n=1000]')!.failure).toMatchObject({ type: 'removed' });
    expect(b.get('broken')!.error).toMatchObject({ message: 'Error: kaboom', type: 'Error' });
    expect(b.get('gpu/kernel')!.skipped).toMatchObject({ message: 'needs a CUDA GPU; none found' });
    expect(b.get('db/query')).not.toHaveProperty('failure');
    expect(String(b.get('db/query')!['system-out'])).toMatch(/^median 1\d\.\d ms\nvs base: same/);
    expect(byName(suites, 'targets').get('db/query: p95 < 1ns')!.failure).toMatchObject({
      type: 'target',
      message: expect.stringMatching(/over target/),
    });
    expect(byName(suites, 'targets').get('parse: median < 1s')).not.toHaveProperty('failure');
    expect(byName(suites, 'references').get('json/stringify vs their lib')!.failure).toMatchObject({ type: 'reference' });
  });

  it('times are seconds: wall time per benchmark, the sum per suite', () => {
    const b = byName(suites, 'benchmarks');
    expect(b.get('parse')!.time).toBe('0.100'); // the fixture's wallMs is 100
    expect(suites[0].time).toBe('0.402'); // four of 100 ms, the errored and the skipped one of 1 ms each
  });

  it('characters XML cannot hold become visible escapes; markup is escaped; colour codes are dropped', async () => {
    const r = makeRun(2, { only: ['parse'] });
    r.benchmarks[0].id = 'a\u0001b <&> "q" \ud800';
    r.benchmarks.push(erroredBench('x]]>y', '\u001b[31mred\u001b[0m \u0000nul\u0007 </error><evil/>'));
    const xml = renderJunit(await evaluateRun(r, DEFAULT_POLICY), r);
    const { suites: s } = parseJunit(xml);
    const cases = byName(s, 'benchmarks');
    expect([...cases.keys()]).toEqual(['a\\u0001b <&> "q" \\ud800', 'x]]>y']);
    expect((cases.get('x]]>y')!.error as Node).message).toBe('Error: red \\u0000nul\\u0007 </error><evil/>');
  });
});
