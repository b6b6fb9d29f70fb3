/** Options of resource sampling (CPU, memory, event-loop delay, GC while measuring), with defaults. */
import { CycleBenchError } from '../errors.js';

/** How resources are sampled. `true` takes the defaults; `false` turns sampling off. */
export interface ResourceOptions {
  /** Sampling period in ms (a timer that does not keep the process alive; between samples for synchronous benchmarks). @default 10 */
  intervalMs?: number;
  /** Points kept in the result's time series (buckets are merged to fit). @default 60 */
  points?: number;
}

/** Defaults of {@link ResourceOptions}. */
export const DEFAULT_RESOURCES: Required<ResourceOptions> = { intervalMs: 10, points: 60 };

/**
 * Whether and how to sample: the benchmark's own setting wins over the run's; without either,
 * `fallback` decides (off for `bench`, on for `load`: see docs/load.md for the measured overhead).
 */
export function resolveResources(
  own: boolean | ResourceOptions | undefined,
  run: boolean | ResourceOptions | undefined,
  fallback: boolean,
): Required<ResourceOptions> | null {
  const pick = own ?? run ?? fallback;
  if (pick === false) return null;
  const o = pick === true ? {} : pick;
  const intervalMs = o.intervalMs ?? DEFAULT_RESOURCES.intervalMs;
  const points = o.points ?? DEFAULT_RESOURCES.points;
  if (!(intervalMs >= 1) || !(Number.isInteger(points) && points >= 2)) {
    throw new CycleBenchError(
      'E_BAD_ARGUMENT',
      `resources: intervalMs must be >= 1 and points a whole number >= 2, got ${JSON.stringify(o)}`,
    );
  }
  return { intervalMs, points };
}
