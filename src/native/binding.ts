/** The clock surface of the addon; other concerns describe their part in their own folder. */
export interface ClockBinding {
  /** Ticks since a process-wide base: `lfence; rdtsc` (x86), isb-ordered CNTVCT (arm64). */
  now(): number;
  /** Same counter read as `lfence; rdtsc; lfence` (x86): later instructions wait for the read too. */
  nowFenced(): number;
  /** Same counter, read with rdtscp + lfence (x86); equals now() elsewhere. */
  nowRdtscp(): number;
  /** CLOCK_MONOTONIC_RAW nanoseconds since a base. */
  nowMonotonic(): number;
  /** Writes now() into `clockSlot[0]` (no allocation). */
  nowInto(): void;
  /** The Float64Array that nowInto writes: one per thread, owned by the addon. */
  readonly clockSlot: Float64Array;
  /** What the CPU says of its counter. */
  clockInfo(): {
    kind: 'tsc' | 'cntvct' | 'monotonic';
    cycleCounter: boolean;
    vendor: string;
    hypervisor?: boolean;
    invariant?: boolean;
    rdtscp?: boolean;
    reportedHz?: number;
    reportedSource: string;
  };
  /** Measures the counter's frequency against CLOCK_MONOTONIC_RAW. */
  calibrate(windowMs: number, windows: number): { hz: number; relUncertainty: number; windowHz: Float64Array };
  /** Busy-waits at least n ticks; returns the ticks that passed. */
  spinTicks(n: number): number;
  /** n deltas between back-to-back native reads, in ticks. */
  readDeltas(n: number, rdtscp?: boolean): Float64Array;
  addonVersion: number;
}

/** The loaded addon: the clock part is always present; other parts are typed where they are used. */
export type NativeAddon = ClockBinding & Record<string, unknown>;

/**
 * The `code` of every Error the addon throws (native/errors.h). `E_BAD_ARGUMENT`: an argument of the
 * wrong type, range or name. `E_NATIVE_STATE`: a call out of order (counters read before bind, a
 * second callgrindBegin). `E_NATIVE_SYSTEM`: an operating-system call failed. `E_COUNTERS_UNAVAILABLE`:
 * a counter set could not be read. From `gpu` functions: `E_CUDA_UNAVAILABLE` or `E_GPU`.
 */
export type NativeErrorCode =
  | 'E_BAD_ARGUMENT'
  | 'E_NATIVE_STATE'
  | 'E_NATIVE_SYSTEM'
  | 'E_COUNTERS_UNAVAILABLE'
  | 'E_CUDA_UNAVAILABLE'
  | 'E_GPU';

/** An Error from the addon: message `cyclebench native: ...` (`cyclebench gpu: ...` from `gpu`), and a code. */
export interface NativeError extends Error {
  code: NativeErrorCode;
}
