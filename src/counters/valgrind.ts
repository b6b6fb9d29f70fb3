import type { Availability } from '../errors.js';

/** valgrind/callgrind for deterministic instruction counts. (Filled in by the counters work.) */
export type ValgrindCapability = Availability & { version?: string; path?: string };

/** Probes valgrind. */
export function valgrindCapability(): ValgrindCapability {
  return { available: false, reason: 'instruction-count mode is not built yet' };
}
