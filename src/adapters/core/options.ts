/** The `cyclebench` option every adapter accepts beside its peer's own options, and how it resolves. */
import { QUICK_SAMPLING, type SamplingOptions } from '../../engine/options.js';

/** Options for cyclebench itself, passed as `{ cyclebench: { ... } }` in the peer's options object. */
export interface CyclebenchOptions {
  /**
   * Also write the run as a cyclebench result file at this path (what `cyclebench compare`,
   * `baseline save --from` and `report` read). Every run of the process adds to the same file, so a
   * program with several suites leaves one file. `false` writes nothing even when the environment
   * variable is set.
   * @default process.env.CYCLEBENCH_JSON (unset: no file)
   */
  json?: string | false;
  /**
   * Append this process's adapter runs, as one run, to `.cyclebench/history.jsonl` when the process
   * is about to exit (not after `process.exit()`), so `cyclebench history` follows them.
   * @default process.env.CYCLEBENCH_HISTORY === '1'
   */
  history?: boolean;
  /**
   * Label stored with the results (`cyclebench compare` accepts files; tags are for `--tag` runs).
   * @default process.env.CYCLEBENCH_TAG
   */
  tag?: string;
  /**
   * cyclebench sampling options; they win over the values mapped from the peer's options.
   * @default {} (with CYCLEBENCH_QUICK=1 in the environment: the `--quick` preset)
   */
  sampling?: SamplingOptions;
}

/** The result file path asked for, if any. */
export function resultPath(o: CyclebenchOptions | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (o?.json === false) return undefined;
  return o?.json || env.CYCLEBENCH_JSON || undefined;
}

/** Sampling options: the peer's mapped ones, then the quick preset when the environment asks, then the user's own. */
export function resolveAdapterSampling(
  mapped: SamplingOptions,
  o: CyclebenchOptions | undefined,
  env: NodeJS.ProcessEnv = process.env,
): SamplingOptions {
  const quick = env.CYCLEBENCH_QUICK === '1' || env.CYCLEBENCH_QUICK === 'true' ? QUICK_SAMPLING : {};
  return { ...mapped, ...quick, ...o?.sampling };
}

/** Whether history is asked for. */
export function wantsHistory(o: CyclebenchOptions | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return o?.history ?? env.CYCLEBENCH_HISTORY === '1';
}

/** The tag asked for, if any. */
export function resultTag(o: CyclebenchOptions | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return o?.tag ?? (env.CYCLEBENCH_TAG || undefined);
}
