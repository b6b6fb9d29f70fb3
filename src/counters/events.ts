/**
 * The event names cyclebench knows, mirrored from native/counters/event_table.cc so names can be
 * validated and listed without the addon (a test checks the two agree).
 */

/** Kind of a counter: hardware events need a PMU, software events come from the kernel. */
export type CounterKind = 'hardware' | 'software';

/** Every event, in table order; `'default'` opens all of them. */
export const COUNTER_EVENTS: ReadonlyArray<{ name: string; kind: CounterKind }> = [
  { name: 'cycles', kind: 'hardware' },
  { name: 'instructions', kind: 'hardware' },
  { name: 'branches', kind: 'hardware' },
  { name: 'branch-misses', kind: 'hardware' },
  { name: 'cache-references', kind: 'hardware' },
  { name: 'cache-misses', kind: 'hardware' },
  { name: 'L1-dcache-load-misses', kind: 'hardware' },
  { name: 'stalled-cycles-frontend', kind: 'hardware' },
  { name: 'stalled-cycles-backend', kind: 'hardware' },
  { name: 'task-clock', kind: 'software' },
  { name: 'page-faults', kind: 'software' },
  { name: 'context-switches', kind: 'software' },
  { name: 'cpu-migrations', kind: 'software' },
];

/** Names of every event. */
export const COUNTER_EVENT_NAMES: readonly string[] = COUNTER_EVENTS.map((e) => e.name);
