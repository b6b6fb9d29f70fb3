/**
 * Exit codes of every cyclebench command, one table (also in README.md and docs/regression.md).
 * When several conditions hold, the highest-precedence code wins:
 * INTERNAL > USAGE > BENCH_ERROR > TARGET > REFERENCE > REGRESSION > OK.
 */

/** Exit codes. */
export const EXIT = Object.freeze({
  /** No regression, every target met, every reference held. */
  OK: 0,
  /** A benchmark is slower than the baseline (or history), significantly and beyond the noise band; or benchmarks were removed. */
  REGRESSION: 1,
  /** A benchmark lost against its reference (competitive regression). */
  REFERENCE: 2,
  /** A benchmark missed an absolute target. */
  TARGET: 3,
  /** Bad arguments or configuration, or a file that cannot be used; nothing was judged. */
  USAGE: 4,
  /** A benchmark threw or timed out; its results are missing. */
  BENCH_ERROR: 5,
  /** cyclebench itself failed (a bug, or a confirmation re-run that measured nothing); nothing was judged. */
  INTERNAL: 6,
});

/** An exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Which failure conditions hold. */
export interface Outcome {
  internal?: boolean;
  usage?: boolean;
  benchError?: boolean;
  targetMissed?: boolean;
  referenceLost?: boolean;
  regression?: boolean;
}

/** The exit code for an outcome, by precedence INTERNAL > USAGE > BENCH_ERROR > TARGET > REFERENCE > REGRESSION > OK. */
export function exitCodeFor(o: Outcome): ExitCode {
  if (o.internal) return EXIT.INTERNAL;
  if (o.usage) return EXIT.USAGE;
  if (o.benchError) return EXIT.BENCH_ERROR;
  if (o.targetMissed) return EXIT.TARGET;
  if (o.referenceLost) return EXIT.REFERENCE;
  if (o.regression) return EXIT.REGRESSION;
  return EXIT.OK;
}

/** The exit-code table as every help text prints it. */
export const EXIT_HELP =
  'exit codes: 0 ok, 1 regression (or benchmarks removed), 2 reference lost, 3 target missed, 4 usage or configuration error, 5 a benchmark errored, 6 internal error';
