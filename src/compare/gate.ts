/**
 * The verdict on one run: comparison with a base (optional, with confirmation re-runs), absolute
 * targets, references and errored benchmarks, folded into one {@link GateReport} and one exit code.
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
export const VERDICT_VERSION = 1;

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
  /** RunComparison with the base, when one was given. */
  comparison: RunComparison | null;
  confirmation: ConfirmationReport | null;
  /** Loud warnings: environment mismatches between base and current. Empty when comparable. */
  environmentWarnings: string[];
  targets: TargetResult[];
  references: ReferenceResult[];
  errored: { id: string; message: string }[];
  regressions: RegressionNote[];
  /** What was saved or skipped (`saved baseline main`), for the console. */
  notes: string[];
}

/** Options of {@link evaluateRun}. */
export interface EvaluateOptions {
  base?: RunResult;
  baseLabel?: string;
  currentLabel?: string;
  /** Re-runs suspected regressions (`policy.confirm` times) before they count. */
  rerun?: Rerun;
  notes?: string[];
}

/** Judges `run`: against `base` if given, against its targets and references always. */
export async function evaluateRun(run: RunResult, policy: Policy, o: EvaluateOptions = {}): Promise<GateReport> {
  let comparison: RunComparison | null = null;
  let confirmation: ConfirmationReport | null = null;
  if (o.base) {
    comparison = compareRuns(o.base, run, policy, { baseLabel: o.baseLabel, currentLabel: o.currentLabel });
    if (o.rerun && policy.confirm > 0) {
      const c = await confirmRegressions(comparison, o.base, o.rerun, policy);
      comparison = c.comparison;
      confirmation = c.report;
    }
  }
  const targets = evaluateTargets(run, policy.targets);
  const references = evaluateReferences(run, policy.references, { alpha: policy.alpha, seed: policy.seed });
  const errored = run.benchmarks
    .filter((b) => b.status === 'error')
    .map((b) => ({ id: b.id, message: b.error ? `${b.error.name}: ${b.error.message}` : 'errored' }));
  const regressions: RegressionNote[] = (comparison?.benchmarks ?? [])
    .filter((b) => b.regression)
    .map((b) => ({ id: b.id, message: b.message, hint: profileHint(b.id) }));
  const outcome: Required<Outcome> = {
    usage: false,
    benchError: errored.length > 0,
    targetMissed: targets.some((t) => !t.pass),
    referenceLost: references.some((r) => !r.pass),
    regression: regressions.length > 0,
  };
  return {
    kind: 'cyclebench-verdict',
    version: VERDICT_VERSION,
    exitCode: exitCodeFor(outcome),
    outcome,
    run: runLabel(run, o.currentLabel ?? run.tag ?? 'current'),
    comparison,
    confirmation,
    environmentWarnings: comparison?.environment.warnings ?? [],
    targets,
    references,
    errored,
    regressions,
    notes: o.notes ?? [],
  };
}
