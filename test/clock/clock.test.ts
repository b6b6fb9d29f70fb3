import { describe, expect, it } from 'vitest';
import { loadNative } from '../../src/native/load.js';
import { requireAddon } from '../capability.js';
import { hrtimeClock, measureClock, nativeClock, counterFrequency } from '../../src/clock/index.js';

const { addon, reason } = loadNative();
const ready = await requireAddon();

describe.skipIf(!ready)(`native clock (${reason ?? 'addon loaded'})`, () => {
  it('calibrated frequency agrees with CLOCK_MONOTONIC over ~100 ms within 0.5%', () => {
    const hz = counterFrequency(addon!).hz;
    // A monotonic reading paired with the midpoint of the tightest of 50 bracketing tick reads, so a
    // preemption between two reads (milliseconds on a shared VM) cannot skew the pair.
    const pair = (): [number, number] => {
      let best: [number, number, number] = [Infinity, 0, 0];
      for (let i = 0; i < 50; i++) {
        const a = addon!.now();
        const m = addon!.nowMonotonic();
        const b = addon!.now();
        if (b - a < best[0]) best = [b - a, (a + b) / 2, m];
      }
      return [best[1], best[2]];
    };
    const [t0, n0] = pair();
    while (addon!.nowMonotonic() - n0 < 100e6);
    const [t1, n1] = pair();
    const measuredHz = ((t1 - t0) / (n1 - n0)) * 1e9;
    expect(Math.abs(measuredHz / hz - 1)).toBeLessThan(0.005);
  });

  it('spinTicks(n) spins at least n ticks and not wildly more', () => {
    const hz = counterFrequency(addon!).hz;
    const n = Math.round(hz * 0.002); // 2 ms
    const t0 = addon!.now();
    const spun = addon!.spinTicks(n);
    const elapsed = addon!.now() - t0;
    expect(spun).toBeGreaterThanOrEqual(n);
    expect(elapsed).toBeGreaterThanOrEqual(n);
    // Generous: a descheduled VM may stall, but not for 50x a 2 ms spin on every try.
    expect(elapsed).toBeLessThan(n * 50);
  });

  it('reports name, frequency source, resolution and overhead for each variant', () => {
    for (const variant of ['lfence', 'rdtscp', 'slot'] as const) {
      const c = nativeClock(variant)!;
      const r = measureClock(c, 11, 500);
      expect(r.native).toBe(true);
      expect(['tsc', 'cntvct', 'monotonic']).toContain(r.name);
      expect(r.frequencyHz).toBeGreaterThan(1e6);
      expect(r.frequencySource.length).toBeGreaterThan(0);
      expect(r.overheadNs).toBeGreaterThan(0);
      expect(r.resolutionNs).toBeGreaterThan(0);
      expect(Number.isFinite(r.resolutionNs)).toBe(true);
    }
  });

  it('slot clocks made one after another all keep advancing (one slot per thread, owned by the addon)', () => {
    const first = nativeClock('slot')!;
    const second = nativeClock('slot')!;
    for (const c of [first, second, first]) {
      const a = c.now();
      addon!.spinTicks(1000);
      expect(c.now() - a).toBeGreaterThanOrEqual(1000);
    }
  });

  it('the slot variant reads the same counter as now()', () => {
    const c = nativeClock('slot')!;
    const a = addon!.now();
    const b = c.now();
    const d = addon!.now();
    expect(b).toBeGreaterThanOrEqual(a);
    expect(d).toBeGreaterThanOrEqual(b);
  });

  it('calibration reports its uncertainty', () => {
    const cal = addon!.calibrate(5, 4);
    expect(cal.windowHz.length).toBe(4);
    expect(cal.relUncertainty).toBeGreaterThanOrEqual(0);
    expect(cal.relUncertainty).toBeLessThan(0.05);
  });
});

describe('hrtime clock', () => {
  it('is monotonic with nanosecond ticks', () => {
    const c = hrtimeClock();
    const r = measureClock(c, 5, 100);
    expect(r.name).toBe('hrtime');
    expect(c.nsPerTick).toBe(1);
    let prev = c.now();
    for (let i = 0; i < 1000; i++) {
      const t = c.now();
      expect(t).toBeGreaterThanOrEqual(prev);
      prev = t;
    }
  });
});

describe.skipIf(!ready)('capabilities self-check', () => {
  it('times a known spin against CLOCK_MONOTONIC_RAW', async () => {
    const { capabilities } = await import('../../src/capabilities.js');
    const c = capabilities({ cuda: false, valgrind: false }).clockCheck;
    expect(c.available).toBe(true);
    expect(c.expectedNs!).toBeGreaterThan(0.99e6);
    // The spin can only be stretched (preemption), never shortened beyond calibration error.
    expect(c.measuredNs!).toBeGreaterThan(c.expectedNs! * 0.99);
    expect(c.measuredNs!).toBeLessThan(c.expectedNs! * 50);
  });
});
