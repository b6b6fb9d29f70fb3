/**
 * What the perf_event counters can do on this machine: every event in the table with its state, the
 * perf_event_paranoid level and whether the rdpmc fast path is offered. Probed once per process by
 * opening (and closing) the full set.
 */
import type { Availability } from '../errors.js';
import { countersBinding } from './binding.js';
import { COUNTER_EVENTS, COUNTER_EVENT_NAMES, type CounterKind } from './events.js';

/** One event's state. */
export type CounterEventCapability = { name: string; kind: CounterKind; description?: string } & Availability;

/** Hardware and software counters: availability of each event. */
export interface CountersCapability {
  /** Available when at least one event can be counted. */
  perfEvent: Availability;
  /** Hardware events counted (at least one available). */
  hardware: Availability;
  /** The user-space rdpmc read path (needs a PMU and cap_user_rdpmc). */
  rdpmc: Availability;
  /** /proc/sys/kernel/perf_event_paranoid, or null when unknown (non-Linux). */
  paranoid: number | null;
  /** Every event in the table, available or with its reason. */
  events: CounterEventCapability[];
}

let cached: CountersCapability | undefined;

function probe(): CountersCapability {
  const { binding, reason } = countersBinding();
  if (!binding) {
    const why = reason ?? 'native addon not loaded';
    return {
      perfEvent: { available: false, reason: why },
      hardware: { available: false, reason: why },
      rdpmc: { available: false, reason: why },
      paranoid: null,
      events: COUNTER_EVENTS.map((e) => ({ name: e.name, kind: e.kind, available: false as const, reason: why })),
    };
  }
  const set = binding.openCounters([...COUNTER_EVENT_NAMES]);
  try {
    const events: CounterEventCapability[] = set.events.map((e) =>
      e.available
        ? { name: e.name, kind: e.kind, description: e.description, available: true as const }
        : { name: e.name, kind: e.kind, description: e.description, available: false as const, reason: e.reason ?? 'not opened' },
    );
    const firstReason = (kind?: CounterKind) =>
      events.find((e) => !e.available && (kind === undefined || e.kind === kind))?.reason ?? 'unknown';
    const any = events.some((e) => e.available);
    const hw = events.some((e) => e.available && e.kind === 'hardware');
    const rdpmc = set.groups.some((g) => g.rdpmc);
    return {
      perfEvent: any
        ? { available: true }
        : { available: false, reason: binding.countersSupported ? `no event could be opened: ${firstReason()}` : firstReason() },
      hardware: hw ? { available: true } : { available: false, reason: firstReason('hardware') },
      rdpmc: rdpmc
        ? { available: true }
        : {
            available: false,
            reason: hw
              ? 'the kernel does not offer user-space counter reads (cap_user_rdpmc/cap_user_time unset; see /sys/bus/event_source/devices/cpu/rdpmc); read() is used'
              : 'needs hardware counters',
          },
      paranoid: binding.perfEventParanoid(),
      events,
    };
  } finally {
    set.close();
  }
}

/** Probes perf_event counters (once per process; `refresh` probes again). */
export function countersCapability(refresh = false): CountersCapability {
  if (!cached || refresh) cached = probe();
  return cached;
}
