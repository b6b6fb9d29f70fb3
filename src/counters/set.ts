/**
 * Opening a counter set and reading it from the timing loop.
 *
 * `readInto(buf)` is one native call with no arguments once the buffer is bound (the first call with a
 * new buffer binds it): every group is read, with one read() per group or rdpmc, into the
 * preallocated Float64Array. Nothing is allocated per read.
 */
import { CycleBenchError } from '../errors.js';
import type { CounterValue } from '../result/types.js';
import { countersBinding, type NativeCounterSet } from './binding.js';
import { COUNTER_EVENT_NAMES, type CounterKind } from './events.js';
import { derived, perIteration, subtract, type DerivedCounters, type EventLayout } from './values.js';

/** One event of an open set. */
export interface CounterEvent {
  name: string;
  kind: CounterKind;
  description: string;
  available: boolean;
  /** Why the event is not counted (present when `available` is false). */
  reason?: string;
}

/** Options for {@link openCounters}. */
export interface OpenCountersOptions {
  /** Count kernel-mode work too (needs perf_event_paranoid <= 1 or CAP_PERFMON). Default false. */
  includeKernel?: boolean;
  /** Use the rdpmc user-space path where the kernel offers it. Default true. */
  rdpmc?: boolean;
}

/** An open set of perf_event counters for the calling thread. */
export interface CounterSet {
  /** Every requested event, opened or with its reason. */
  readonly events: readonly CounterEvent[];
  /** Length of the reading buffer `readInto` needs (0 when nothing opened). */
  readonly length: number;
  /** True when a hardware group is read with rdpmc from user space. */
  readonly rdpmc: boolean;
  /** Reads every group into `buf` (length >= `length`): one native call, no allocation. */
  readInto(buf: Float64Array): void;
  /** Per-iteration counts between two readings, scaled and flagged when multiplexed. */
  perIteration(before: Float64Array, after: Float64Array, iterations: number): Record<string, CounterValue>;
  /** measured - overhead, per event (the empty loop's counts removed). */
  subtract(measured: Record<string, CounterValue>, overhead: Record<string, CounterValue>): Record<string, CounterValue>;
  /** IPC, branch-miss and cache-miss rates, when their inputs are available. */
  derived(values: Record<string, CounterValue>): DerivedCounters;
  /** How reads were served (rdpmc or read()). */
  readStats(): { rdpmcReads: number; syscallReads: number };
  /** Closes the descriptors. Idempotent. */
  close(): void;
}

/** Resolves `'default'` and validates names; throws E_BAD_ARGUMENT naming the unknown event. */
export function resolveEventNames(events: 'default' | readonly string[]): string[] {
  if (events === 'default') return [...COUNTER_EVENT_NAMES];
  const seen = new Set<string>();
  for (const name of events) {
    if (!COUNTER_EVENT_NAMES.includes(name))
      throw new CycleBenchError('E_BAD_ARGUMENT', `unknown counter event '${name}'; known events: ${COUNTER_EVENT_NAMES.join(', ')}`);
    if (seen.has(name)) throw new CycleBenchError('E_BAD_ARGUMENT', `counter event '${name}' is listed twice`);
    seen.add(name);
  }
  return [...events];
}

class PerfCounterSet implements CounterSet {
  readonly events: readonly CounterEvent[];
  readonly length: number;
  readonly rdpmc: boolean;
  private readonly native: NativeCounterSet;
  private readonly layout: EventLayout[];
  private readonly read: () => void;
  private bound: Float64Array | null = null;
  private closed = false;

  constructor(native: NativeCounterSet) {
    this.native = native;
    this.events = native.events.map((e) =>
      e.available
        ? { name: e.name, kind: e.kind, description: e.description, available: true }
        : { name: e.name, kind: e.kind, description: e.description, available: false, reason: e.reason ?? 'not opened' },
    );
    this.layout = native.events.map((e) => ({ ...e }));
    this.length = native.length;
    this.rdpmc = native.groups.some((g) => g.rdpmc);
    this.read = native.read;
  }

  readInto(buf: Float64Array): void {
    if (buf !== this.bound) {
      if (this.closed) throw new CycleBenchError('E_COUNTERS_UNAVAILABLE', 'counters: the set is closed');
      if (buf.length < this.length)
        throw new CycleBenchError(
          'E_BAD_ARGUMENT',
          `counters: readInto needs a Float64Array of ${this.length} elements, got ${buf.length}`,
        );
      if (this.length === 0) {
        this.bound = buf;
        return;
      }
      this.native.bind(buf);
      this.bound = buf;
    }
    if (this.length > 0) this.read();
  }

  perIteration(before: Float64Array, after: Float64Array, iterations: number): Record<string, CounterValue> {
    return perIteration(this.layout, before, after, iterations);
  }

  subtract(measured: Record<string, CounterValue>, overhead: Record<string, CounterValue>): Record<string, CounterValue> {
    return subtract(measured, overhead);
  }

  derived(values: Record<string, CounterValue>): DerivedCounters {
    return derived(values);
  }

  readStats(): { rdpmcReads: number; syscallReads: number } {
    const s = this.native.stats();
    return { rdpmcReads: s.rdpmcReads, syscallReads: s.syscallReads };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native.close();
  }
}

/**
 * Opens counters for the calling thread. `'default'` asks for every event in the table; events that
 * cannot be counted here stay in `events` with their reason. Returns null only when the addon is not
 * loaded (`countersCapability().perfEvent.reason` says why). Throws E_BAD_ARGUMENT for unknown names.
 */
export function openCounters(events: 'default' | readonly string[] = 'default', options: OpenCountersOptions = {}): CounterSet | null {
  const names = resolveEventNames(events);
  const { binding } = countersBinding();
  if (!binding) return null;
  const native = binding.openCounters(names, { includeKernel: options.includeKernel ?? false, rdpmc: options.rdpmc ?? true });
  return new PerfCounterSet(native);
}
