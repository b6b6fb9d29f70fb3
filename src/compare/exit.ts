/**
 * Exit codes of `cyclebench run`, `compare` and `history`, one table (also in docs/regression.md).
 * When several conditions hold, the highest-precedence code wins:
 * USAGE > BENCH_ERROR > TARGET > REFERENCE > REGRESSION > OK.
 */

/** Exit codes. */
export const EXIT = Object.freeze({
  /** No regression, every target met, every reference held. */
  OK: 0,
  /** A benchmark is slower than the baseline (or history), significantly and beyond the noise band. */
  REGRESSION: 1,
  /** A benchmark lost against its reference (competitive regression). */
  REFERENCE: 2,
  /** A benchmark missed an absolute target. */
  TARGET: 3,
  /** Bad arguments or configuration, or a file that cannot be used; nothing was judged. */
  USAGE: 4,
  /** A benchmark threw; its results are missing (used by `run`). */
  BENCH_ERROR: 5,
});

/** An exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Which failure conditions hold. */
export interface Outcome {
  usage?: boolean;
  benchError?: boolean;
  targetMissed?: boolean;
  referenceLost?: boolean;
  regression?: boolean;
}

/** The exit code for an outcome, by precedence USAGE > BENCH_ERROR > TARGET > REFERENCE > REGRESSION > OK. */
export function exitCodeFor(o: Outcome): ExitCode {
  if (o.usage) return EXIT.USAGE;
  if (o.benchError) return EXIT.BENCH_ERROR;
  if (o.targetMissed) return EXIT.TARGET;
  if (o.referenceLost) return EXIT.REFERENCE;
  if (o.regression) return EXIT.REGRESSION;
  return EXIT.OK;
}
