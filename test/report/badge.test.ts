/** The shields.io endpoint badge: the verdict, or one benchmark's median coloured by its own verdict. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evaluateRun, parseTarget } from '../../src/compare/index.js';
import { renderBadge } from '../../src/report/badge.js';
import { erroredBench, makeRun } from '../compare/fixtures.js';

const base = makeRun(1);

describe('verdict badge', () => {
  it('has exactly the fields shields reads, green when nothing regressed', async () => {
    const r = await evaluateRun(makeRun(2), DEFAULT_POLICY, { base });
    expect(renderBadge(r, { run: makeRun(2) })).toEqual({
      schemaVersion: 1,
      label: 'cyclebench',
      message: 'no regression',
      color: 'brightgreen',
    });
  });

  it('red with the count of regressions; the worst outcome decides', async () => {
    const slow = makeRun(2, { slow: { parse: 1.2, 'db/query': 1.3 } });
    expect(renderBadge(await evaluateRun(slow, DEFAULT_POLICY, { base }), { run: slow })).toMatchObject({
      message: '2 regressions',
      color: 'red',
    });
    const missed = await evaluateRun(slow, { ...DEFAULT_POLICY, targets: [parseTarget('parse', 'median < 1ns', 't')] }, { base });
    expect(renderBadge(missed, { run: slow })).toMatchObject({ message: 'target missed', color: 'red' });
    const errored = makeRun(2);
    errored.benchmarks.push(erroredBench('broken'));
    expect(renderBadge(await evaluateRun(errored, DEFAULT_POLICY), { run: errored })).toMatchObject({
      message: 'benchmark errored',
      color: 'red',
    });
  });
});

describe('benchmark badge', () => {
  it("shows the median and its change, coloured by that benchmark's verdict", async () => {
    const cur = makeRun(2, { slow: { parse: 1.2, 'json/stringify': 0.7 } });
    const r = await evaluateRun(cur, DEFAULT_POLICY, { base });
    expect(renderBadge(r, { run: cur, bench: 'parse' })).toEqual({
      schemaVersion: 1,
      label: 'parse',
      message: expect.stringMatching(/^14\.\d µs \(\+\d+\.\d%\)$/),
      color: 'red',
    });
    expect(renderBadge(r, { run: cur, bench: 'json/stringify' })).toMatchObject({
      message: expect.stringMatching(/^5\d\d ns \(-\d+\.\d%\)$/),
      color: 'brightgreen',
    });
    expect(renderBadge(r, { run: cur, bench: 'db/query' })).toMatchObject({
      message: expect.stringMatching(/^1\d\.\d ms \([-+]\d\.\d%\)$/),
      color: 'green',
    });
  });

  it('without a base: the median in the colour of the verdict; errored benchmarks say so; unknown ids are refused', async () => {
    const cur = makeRun(2);
    cur.benchmarks.push(erroredBench('broken'));
    const r = await evaluateRun(cur, DEFAULT_POLICY);
    expect(renderBadge(r, { run: cur, bench: 'parse' })).toMatchObject({ message: expect.stringMatching(/^12\.0 µs$/), color: 'red' });
    expect(renderBadge(r, { run: cur, bench: 'broken' })).toMatchObject({ message: 'errored', color: 'lightgrey' });
    expect(() => renderBadge(r, { run: cur, bench: 'nope' })).toThrow(/not a benchmark of this run/);
  });
});
