/**
 * Counters: perf_event hardware/software counters for the timing loop, and instruction-count mode
 * (callgrind) for deterministic numbers in noisy CI.
 *
 * Engine use, time mode: `openCounters('default')` once per benchmark process, `readInto(buf)` at
 * each sample boundary, `perIteration(before, after, n)` per sample (or over all samples), the same
 * for the empty loop, then `subtract(real, empty)` and `derived(...)`.
 * Instruction mode: the parent calls `runUnderCallgrind({ script, args })`; the child warms each
 * benchmark up, then `measureInstructions(label, realLoop)` and `measureInstructions(label2,
 * emptyLoop)`; the parent divides (real.Ir - empty.Ir) by N.
 */
export { openCounters, resolveEventNames } from './set.js';
export type { CounterSet, CounterEvent, OpenCountersOptions } from './set.js';
export { perIteration, subtract, derived } from './values.js';
export type { DerivedCounters, EventLayout } from './values.js';
export { COUNTER_EVENTS, COUNTER_EVENT_NAMES } from './events.js';
export type { CounterKind } from './events.js';
export { countersCapability } from './capability.js';
export type { CountersCapability, CounterEventCapability } from './capability.js';
export { underValgrind, measureInstructions } from './instructions.js';
export { valgrindCapability, runUnderCallgrind, deterministicNodeFlags, deterministicEnv, callgrindArgs, readDumps } from './valgrind.js';
export type { ValgrindCapability, CallgrindRunOptions } from './valgrind.js';
export { parseCallgrindDump, totalsByLabel } from './callgrind-parse.js';
export type { CallgrindDump, EventTotals } from './callgrind-parse.js';
