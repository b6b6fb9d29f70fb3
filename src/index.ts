/**
 * cyclebench: cycle-accurate, statistically honest benchmarks for TypeScript.
 * @packageDocumentation
 */
export { capabilities } from './capabilities.js';
export type { Capabilities, CapabilityOptions } from './capabilities.js';
export { CycleBenchError } from './errors.js';
export type { Availability, CycleBenchErrorCode } from './errors.js';
export { bestClock, hrtimeClock, nativeClock, measureClock } from './clock/index.js';
export type { Clock, ClockReport } from './clock/index.js';
export { loadNative } from './native/load.js';
export type { NativeLoad } from './native/load.js';
export * from './engine/types.js';
