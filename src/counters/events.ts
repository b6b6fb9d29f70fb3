/**
 * The event names cyclebench knows, mirrored from native/counters/event_table.cc so names can be
 * validated and listed without the addon (a test checks the two agree).
 */

/** Kind of a counter: hardware events need a PMU, software events come from the kernel. */
export type CounterKind = 'hardware' | 'software';

/** Every event, in table order; `'default'` opens all of them. */
export const COUNTER_EVENTS: ReadonlyArray<{ name: string; kind: CounterKind; unit: string }> = [
  { name: 'cycles', kind: 'hardware', unit: 'cycles' },
  { name: 'instructions', kind: 'hardware', unit: 'instr' },
  { name: 'branches', kind: 'hardware', unit: 'branches' },
  { name: 'branch-misses', kind: 'hardware', unit: 'misses' },
  { name: 'cache-references', kind: 'hardware', unit: 'refs' },
  { name: 'cache-misses', kind: 'hardware', unit: 'misses' },
  { name: 'L1-dcache-load-misses', kind: 'hardware', unit: 'misses' },
  { name: 'stalled-cycles-frontend', kind: 'hardware', unit: 'cycles' },
  { name: 'stalled-cycles-backend', kind: 'hardware', unit: 'cycles' },
  { name: 'task-clock', kind: 'software', unit: 'ns' },
  { name: 'page-faults', kind: 'software', unit: 'faults' },
  { name: 'context-switches', kind: 'software', unit: 'switches' },
  { name: 'cpu-migrations', kind: 'software', unit: 'migrations' },
];

/** Units of derived values and of callgrind's events (instruction mode), beside the table's. */
const OTHER_UNITS: Record<string, string> = { ipc: 'instr/cycle', 'branch-miss-rate': 'fraction', 'cache-miss-rate': 'fraction' };

/** The unit of a counter value per iteration: `ns` for task-clock, `misses`, `instr/cycle`; callgrind events count `events`. */
export function counterUnit(name: string): string {
  return COUNTER_EVENTS.find((e) => e.name === name)?.unit ?? OTHER_UNITS[name] ?? 'events';
}

/** Names of every event. */
export const COUNTER_EVENT_NAMES: readonly string[] = COUNTER_EVENTS.map((e) => e.name);
