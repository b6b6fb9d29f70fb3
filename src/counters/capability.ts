import type { Availability } from '../errors.js';

/** Hardware and software counters: availability of each event. (Filled in by the counters work.) */
export interface CountersCapability {
  perfEvent: Availability;
  events: Array<{ name: string; kind: 'hardware' | 'software' } & Availability>;
}

/** Probes perf_event counters. */
export function countersCapability(): CountersCapability {
  return { perfEvent: { available: false, reason: 'counter support is not built yet' }, events: [] };
}
