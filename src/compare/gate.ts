/**
 * The verdict on one run: comparison with a base (optional, with confirmation re-runs), benchmarks
 * that disappeared, absolute targets, references, errored benchmarks and (for `run --history`)
 * regressions the history shows at this run, folded into one {@link GateReport} and one exit code.
 * Pure apart from the `rerun` callback; reporters render the report, commands write it.
 */
import type { RunResult } from '../result/types.js';
import { compareRuns, profileHint, runLabel, type RunComparison, type RunLabel } from './compare-runs.js';
import { confirmRegressions, type ConfirmationReport, type Rerun } from './confirm.js';
import { exitCodeFor, type ExitCode, type Outcome } from './exit.js';
import type { Policy } from './policy.js';
import { evaluateReferences, type ReferenceResult } from './references.js';
import { evaluateTargets, type TargetResult } from './targets.js';

/** Version of the JSON verdict document. */
export const VERDICT_VERSION = 2;

/** A regression as printed: the message and how to look closer. */
export interface RegressionNote {
  id: string;
  message: string;
  hint: string;
}

/** The full verdict on a run (what `--json` writes). */
export interface GateReport {
  kind: 'cyclebench-verdict';
  version: typeof VERDICT_VERSION;
  exitCode: ExitCode;
  outcome: Required<Outcome>;
  run: RunLabel;
  /** Comparison with the base, when one was given. */
  comparison: RunComparison | null;
  confirmation: ConfirmationReport | null;
  /** Benchmarks of the base (within the run's filter) that this run did not measure, and whether that is accepted. */
  removed: { ids: string[]; allowed: boolean };
  /** Loud warnings: environment mismatches between base and current. Empty when comparable. */
  environmentWarnings: string[];
  targets: TargetResult[];
  references: ReferenceResult[];
  errored: { id: string; message: string }[];
  regressions: RegressionNote[];
  /** Regressions at this run that the history shows (`run --history`). */
  historyRegressions: RegressionNote[];
  /** What was saved or skipped (`saved baseline main`), for the console. */
  notes: string[];
}

/** Options of {@link evaluateRun}. */
export interface EvaluateOptions {
  base?: RunResult;
  baseLabel?: string;
  currentLabel?: string;
  /** Compare only these ids (the base's benchmarks outside a `--filter` are out of scope, not removed). */
  only?: readonly string[];
  /** Per-round ratios from alternating processes of two revisions (`cyclebench ab`), compared paired. */
  rounds?: ReadonlyMap<string, readonly number[]>;
  /** Re-runs suspected regressions (`policy.confirm` times) before they count. */
  rerun?: Rerun;
  /** The command that reproduces one benchmark under the profiler (default: `cyclebench run --filter ID --profile`). */
  hint?: (id: string) => string;
  /** Regressions the history shows at this run. */
  historyRegressions?: { id: string; message: string }[];
  notes?: string[];
}

/** Judges `run`: against `base` if given, against its targets and references always. */
export async function evaluateRun(run: RunResult, policy: Policy, o: EvaluateOptions = {}): Promise<GateReport> {
  const hint = o.hint ?? profileHint;
  let comparison: RunComparison | null = null;
  let confirmation: ConfirmationReport | null = null;
  if (o.base) {
    comparison = compareRuns(o.base, run, policy, { baseLabel: o.baseLabel, currentLabel: o.currentLabel, only: o.only, rounds: o.rounds });
    if (o.rerun && policy.confirm > 0) {
      const c = await confirmRegressions(comparison, o.base, o.rerun, policy, run);
      comparison = c.comparison;
      confirmation = c.report;
    }
  }
  const targets = evaluateTargets(run, policy.targets);
  const references = evaluateReferences(run, policy.references, { alpha: policy.alpha, seed: policy.seed });
  const errored = [
    ...run.benchmarks
      .filter((b) => b.status === 'error')
      .map((b) => ({ id: b.id, message: b.error ? `${b.error.name}: ${b.error.message}` : 'errored' })),
    ...(confirmation?.errored ?? []).map((e) => ({ id: e.id, message: e.message })),
  ];
  const regressions: RegressionNote[] = (comparison?.benchmarks ?? [])
    .filter((b) => b.regression)
    .map((b) => ({ id: b.id, message: b.message, hint: hint(b.id) }));
  const historyRegressions = (o.historyRegressions ?? []).map((r) => ({ ...r, hint: hint(r.id) }));
  const removed = { ids: comparison?.removed ?? [], allowed: policy.allowRemoved };
  const outcome: Required<Outcome> = {
    internal: false,
    usage: false,
    benchError: errored.length > 0,
    targetMissed: targets.some((t) => !t.pass),
    referenceLost: references.some((r) => !r.pass),
    regression: regressions.length > 0 || historyRegressions.length > 0 || (removed.ids.length > 0 && !removed.allowed),
  };
  return {
    kind: 'cyclebench-verdict',
    version: VERDICT_VERSION,
    exitCode: exitCodeFor(outcome),
    outcome,
    run: runLabel(run, o.currentLabel ?? run.tag ?? 'current'),
    comparison,
    confirmation,
    removed,
    environmentWarnings: comparison?.environment.warnings ?? [],
    targets,
    references,
    errored,
    regressions,
    historyRegressions,
    notes: o.notes ?? [],
  };
}
