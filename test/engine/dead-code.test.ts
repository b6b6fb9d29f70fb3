/** Probable dead code: never a negative time, an upper bound instead, and an early stop. */
import { describe, expect, it } from 'vitest';
import { Suite, doNotOptimize } from '../../src/index.js';
import { renderRun } from '../../src/report/run-report.js';
import { byId } from './helpers.js';

function work(k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s = (s + i * 7) & 0xffff;
  return s;
}

describe('probable dead code', () => {
  it('keeps raw statistics and a bound, no corrected time, and stops early', async () => {
    const s = new Suite();
    s.add('empty', () => {});
    s.add('real', () => doNotOptimize(work(300)));
    // A budget far above what proving it takes (about 0.1 s here), so stopping early shows; a loose
    // precision lets the real one stop soon too.
    const run = await s.run({ quiet: true, maxTimeMs: 5000, warmupMs: 60, precision: 0.05 });
    const { empty, real } = byId(run);
    expect(empty.status).toBe('ok');
    expect(empty.flags.deadCode).toBe(true);
    expect(empty.stats).toBeUndefined();
    expect(empty.samples).toBeUndefined(); // corrected samples would be noise around 0, some negative
    expect(empty.statsUnavailable).toMatch(/indistinguishable from the empty loop/);
    expect(empty.rawStats!.median).toBeGreaterThan(0);
    expect(empty.deadCode).toMatchObject({ confidence: 0.95, method: 'hodges-lehmann' });
    expect(empty.deadCode!.upperBound).toBeGreaterThanOrEqual(0);
    expect(empty.deadCode!.upperBound).toBeLessThan(empty.rawStats!.median);
    expect(empty.stopReason).toBe('dead-code');
    expect(empty.wallMs).toBeLessThan(5000);
    expect(real.flags.deadCode).toBeUndefined();
    expect(real.stopReason).not.toBe('dead-code');
    expect(real.stats!.median).toBeGreaterThan(0);

    const table = renderRun(run, 'console');
    const row = table.split('\n').find((l) => l.startsWith('empty'))!;
    expect(row).toMatch(/≤ \S+ ns \(indistinguishable from the empty loop\)/);
    // No negative time (a minus not of an exponent: CI's bound printed as 4.26e-5), no interval of a median that is noise.
    expect(row).not.toMatch(/(?<!\de)-\d|±/);
  });

  it('in a group, a dead contender does not keep the others sampling to the budget', async () => {
    const s = new Suite();
    s.group('g', () => {
      s.add('real', () => doNotOptimize(work(300)));
      s.add('dead', () => 1);
    });
    const r = byId(await s.run({ quiet: true, maxTimeMs: 5000, warmupMs: 60, precision: 0.05 }));
    expect(r['g/dead'].flags.deadCode).toBe(true);
    expect(r['g/dead'].stats).toBeUndefined();
    // Precision, unless the machine's noise made two performance states (then sampling goes on to the
    // budget by design, and the states say why).
    const real = r['g/real'];
    if (real.stopReason !== 'precision') expect(real.states, `stopped on ${real.stopReason} without states`).toBeDefined();
  });
});
