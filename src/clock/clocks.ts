import { loadNative } from '../native/load.js';
import type { ClockBinding } from '../native/binding.js';
import type { Clock, ClockReport } from './types.js';

/** process.hrtime.bigint as a Clock: nanosecond ticks, one BigInt per read (the no-addon path). */
export function hrtimeClock(): Clock {
  const base = process.hrtime.bigint();
  return {
    name: 'hrtime',
    now: () => Number(process.hrtime.bigint() - base),
    nsPerTick: 1,
    frequencyHz: 1e9,
    frequencySource: 'nanoseconds by definition',
    frequencyRelUncertainty: 0,
    invariant: true,
    monotonic: true,
    native: false,
  };
}

interface Frequency {
  hz: number;
  source: string;
  relUncertainty: number;
}

const frequencies = new WeakMap<object, Frequency>();

/**
 * The counter's frequency: stated by hardware when it states one (CPUID 0x15/0x16, a hypervisor
 * leaf, CNTFRQ_EL0), else calibrated against CLOCK_MONOTONIC_RAW. Cached per addon.
 */
export function counterFrequency(addon: ClockBinding, calibrationMs = 50): Frequency {
  let f = frequencies.get(addon);
  if (f) return f;
  const info = addon.clockInfo();
  if (info.kind === 'monotonic') f = { hz: 1e9, source: 'nanoseconds by definition', relUncertainty: 0 };
  else if (info.reportedHz && info.kind === 'cntvct') f = { hz: info.reportedHz, source: info.reportedSource, relUncertainty: 0 };
  else if (info.reportedHz && info.reportedSource === 'cpuid 0x15')
    f = { hz: info.reportedHz, source: info.reportedSource, relUncertainty: 0 };
  else {
    // Leaf 0x16 and hypervisor leaves state a nominal rate; the measured one is more trustworthy.
    const windows = 5;
    const cal = addon.calibrate(calibrationMs / windows, windows);
    f = { hz: cal.hz, source: 'calibrated against CLOCK_MONOTONIC_RAW', relUncertainty: cal.relUncertainty };
  }
  frequencies.set(addon, f);
  return f;
}

/** The native cycle counter as a Clock, or null when the addon is not loaded. */
export function nativeClock(variant: 'lfence' | 'rdtscp' | 'slot' = 'slot'): Clock | null {
  const { addon } = loadNative();
  if (!addon) return null;
  const info = addon.clockInfo();
  const f = counterFrequency(addon);
  let now: () => number;
  if (variant === 'rdtscp') now = addon.nowRdtscp;
  else if (variant === 'slot') {
    const slot = addon.clockSlot;
    const into = addon.nowInto;
    now = () => (into(), slot[0]);
  } else now = addon.now;
  return {
    name: info.kind,
    now,
    nsPerTick: 1e9 / f.hz,
    frequencyHz: f.hz,
    frequencySource: f.source,
    frequencyRelUncertainty: f.relUncertainty,
    invariant: info.invariant,
    monotonic: true,
    native: true,
  };
}

let defaultClock: Clock | undefined;

/** The best clock available: the native counter, else process.hrtime.bigint. */
export function bestClock(): Clock {
  return (defaultClock ??= nativeClock() ?? hrtimeClock());
}

/** Median cost of one read from JavaScript and the smallest step seen, both in ns. */
export function measureClock(clock: Clock, rounds = 51, readsPerRound = 2000): ClockReport {
  const now = clock.now;
  const costs = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    const t0 = now();
    for (let i = 0; i < readsPerRound; i++) now();
    costs[r] = (now() - t0) / (readsPerRound + 1);
  }
  costs.sort();
  let minStep = Infinity;
  for (let i = 0; i < 20000; i++) {
    const a = now();
    const b = now();
    if (b > a && b - a < minStep) minStep = b - a;
  }
  return {
    name: clock.name,
    native: clock.native,
    frequencyHz: clock.frequencyHz,
    frequencySource: clock.frequencySource,
    frequencyRelUncertainty: clock.frequencyRelUncertainty,
    resolutionNs: minStep * clock.nsPerTick,
    overheadNs: costs[rounds >> 1] * clock.nsPerTick,
    invariant: clock.invariant,
    monotonic: clock.monotonic,
  };
}
