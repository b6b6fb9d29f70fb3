/** A clock the engine reads at batch boundaries. Readings are ticks as plain numbers (no BigInt). */
export interface Clock {
  /** Stable name: `tsc`, `cntvct`, `monotonic` (native) or `hrtime` (JavaScript). */
  readonly name: string;
  /** Reads the clock: ticks since an arbitrary base. */
  readonly now: () => number;
  /** Nanoseconds per tick. */
  readonly nsPerTick: number;
  /** Ticks per second. */
  readonly frequencyHz: number;
  /** Where the frequency came from: `cpuid 0x15`, `calibrated against CLOCK_MONOTONIC_RAW`, ... */
  readonly frequencySource: string;
  /** Relative uncertainty of the frequency (0 when stated by hardware or by definition). */
  readonly frequencyRelUncertainty: number;
  /** True when the counter ticks at a constant rate across power states; undefined when unknown. */
  readonly invariant: boolean | undefined;
  /** True when readings never go backwards within a thread. */
  readonly monotonic: boolean;
  /** True when backed by the native addon. */
  readonly native: boolean;
}

/** A clock with its measured properties. */
export interface ClockReport {
  name: string;
  native: boolean;
  frequencyHz: number;
  frequencySource: string;
  frequencyRelUncertainty: number;
  /** Smallest non-zero step seen between back-to-back reads from JavaScript, in ns. */
  resolutionNs: number;
  /** Median cost of one read from JavaScript, in ns. */
  overheadNs: number;
  invariant: boolean | undefined;
  monotonic: boolean;
}
