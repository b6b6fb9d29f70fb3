/**
 * Measurements checked against work of known cost: the addon's spinTicks(n) busy-waits exactly n
 * counter ticks, in the same ticks (and the same cached calibration) the engine converts to ns, so
 * the calibration's own error cancels. Bounds are wide and one-sided where the physics is: a
 * preempted sample only adds time, and the spin can never end early.
 */
import { describe, expect, it } from 'vitest';
import { Suite } from '../../src/index.js';
import { counterFrequency } from '../../src/clock/index.js';
import { addonGate, byId, native } from './helpers.js';

const gate = addonGate('known truth (spinTicks busy-waits an exact number of ticks)');

describe.skipIf(gate.skip)(gate.title, () => {
  const ticksFor = (ns: number) => Math.round(counterFrequency(native.addon!).hz * ns * 1e-9);

  it('a 20 µs busy-wait measures 19-30 µs', async () => {
    // Batches of several calls (the default 100 µs minimum sample) and adaptive stopping (at least
    // 12 samples): with one call per sample and a fixed 30 samples, every interrupt or steal of the
    // VM landed whole on a per-call figure. 30 µs allows +50%: the median passes it only if more
    // than half the samples are each delayed by 10 µs or more per call. 19 µs allows -5%: only an
    // empty-loop cost (tens of ns per call) is subtracted, and the spin cannot end early.
    const ticks = ticksFor(20_000);
    const s = new Suite();
    s.add('spin 20us', () => native.addon!.spinTicks(ticks), { maxTimeMs: 400, warmupMs: 60 });
    const r = (await s.run({ quiet: true })).benchmarks[0];
    expect(r.status).toBe('ok');
    expect(r.stats!.median).toBeGreaterThan(19_000);
    expect(r.stats!.median).toBeLessThan(30_000);
  });

  it('subtracts the empty loop: a do-nothing benchmark costs the harness raw and nothing corrected', async () => {
    const ticks = ticksFor(2_000);
    const s = new Suite();
    s.add('returns a value', () => 1);
    s.add('spin 2us', () => native.addon!.spinTicks(ticks));
    const r = byId(await s.run({ quiet: true, maxTimeMs: 2000, warmupMs: 60 }));
    const nothing = r['returns a value'];
    // Raw, a call that does nothing still costs the loop around it; that is what the empty loop
    // measures, so the subtracted overhead is about the do-nothing benchmark's raw time...
    expect(nothing.rawStats!.median).toBeGreaterThan(0);
    expect(nothing.overhead!).toBeGreaterThan(0.5 * nothing.rawStats!.median);
    expect(nothing.overhead!).toBeLessThan(2 * nothing.rawStats!.median);
    // ...and what is left is about 0: flagged, with a bound well under the raw time and no time of its own.
    expect(nothing.flags.deadCode).toBe(true);
    expect(nothing.stats).toBeUndefined();
    expect(nothing.deadCode!.upperBound).toBeGreaterThanOrEqual(0);
    expect(nothing.deadCode!.upperBound).toBeLessThan(0.5 * nothing.rawStats!.median);
    // Known cost: at least the 2 µs spun (one native call on top), raw = corrected + that overhead.
    const spin = r['spin 2us'];
    expect(spin.flags.deadCode).toBeUndefined();
    expect(spin.stats!.median).toBeGreaterThan(1_900);
    expect(spin.stats!.median).toBeLessThan(4_000);
    expect(spin.overhead!).toBeGreaterThan(0);
    expect(spin.rawStats!.median - spin.stats!.median).toBeCloseTo(spin.overhead!, 6);
  });
});
