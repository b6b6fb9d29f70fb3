/** Counters in the engine: one set per run, per-iteration values per sample, empty loop subtracted. */
import { median } from '../stats/index.js';
import { openCounters, resolveEventNames, type CounterSet } from '../counters/set.js';
import type { BenchResult, CounterValue } from '../result/types.js';
import type { RunOptions } from './options.js';
import { loadNative } from '../native/load.js';

/** Opens the run's counter set when asked for; null when not asked or the addon is absent. */
export function openRunCounters(options: RunOptions): CounterSet | null {
  return options.counters ? openCounters(options.counters) : null;
}

/**
 * Median per event over samples. An event is available only if every sample read it; scaled when
 * any sample was multiplexed. Unavailable events keep their first reason.
 */
export function medianCounters(samples: readonly Record<string, CounterValue>[]): Record<string, CounterValue> {
  const out: Record<string, CounterValue> = {};
  if (!samples.length) return out;
  for (const name of Object.keys(samples[0])) {
    const values = samples.map((s) => s[name]);
    const missing = values.find((v) => !v || !v.available);
    if (missing) {
      out[name] = { available: false, reason: missing && !missing.available ? missing.reason : 'not read in every sample' };
      continue;
    }
    const nums = values.map((v) => (v as { value: number }).value);
    const scaled = values.some((v) => v.available && v.scaled);
    out[name] = { available: true, value: median(nums), ...(scaled ? { scaled: true } : {}) };
  }
  return out;
}

/** The counters a result reports: the benchmark's medians minus the empty loop's, and derived rates. */
export function resultCounters(
  set: CounterSet,
  samples: readonly Record<string, CounterValue>[],
  empty: readonly Record<string, CounterValue>[],
): Record<string, CounterValue> {
  const net = set.subtract(medianCounters(samples), medianCounters(empty));
  const d = set.derived(net);
  return { ...net, ipc: d.ipc, 'branch-miss-rate': d.branchMissRate, 'cache-miss-rate': d.cacheMissRate };
}

/** When counters were asked for but no set could be opened (no addon), every event says why. */
export function withMissingCounters(r: BenchResult, asked: RunOptions['counters'], set: CounterSet | null | undefined): BenchResult {
  if (!asked || set || r.counters) return r;
  const reason = `the native addon is not loaded: ${loadNative().reason ?? 'unknown reason'}`;
  r.counters = Object.fromEntries(resolveEventNames(asked).map((n) => [n, { available: false as const, reason }]));
  return r;
}
