/** Error codes cyclebench raises; each says what went wrong and what to do. */
export type CycleBenchErrorCode =
  | 'E_NATIVE_UNAVAILABLE'
  | 'E_CUDA_UNAVAILABLE'
  | 'E_COUNTERS_UNAVAILABLE'
  | 'E_VALGRIND_UNAVAILABLE'
  | 'E_BAD_ARGUMENT'
  | 'E_BENCH_NOT_FOUND'
  | 'E_BENCH_FILE'
  | 'E_TIMEOUT'
  | 'E_CORRUPT_FILE'
  | 'E_NEWER_FORMAT'
  | 'E_BAD_NAME'
  | 'E_NOT_FOUND'
  | 'E_CONFIG'
  | 'E_USAGE'
  | 'E_GPU'
  | 'E_STORE'
  | 'E_RERUN'
  | 'E_INTERNAL';

/** Marks every CycleBenchError, whichever copy of this module made it (the CLI bundle and a benchmark file's import of the package are two copies). */
const BRAND = Symbol.for('cyclebench.error');

/** The one error class cyclebench throws for conditions a user can act on. */
export class CycleBenchError extends Error {
  /** Machine-readable code, stable across versions. */
  readonly code: CycleBenchErrorCode;
  constructor(code: CycleBenchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CycleBenchError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof` holds for a CycleBenchError from any copy of this module. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** `{ available, reason }`: the shape of every optional capability. Unavailable always has a reason. */
export type Availability = { available: true; reason?: undefined } | { available: false; reason: string };
