/**
 * Before/after comparison of two runs, benchmark by benchmark (matched by id). With raw samples on
 * both sides the statistics core tests the change; p-values are corrected across the suite (Holm by
 * default) and a regression needs the corrected p below alpha AND the whole ratio CI above 1 + noise.
 * Without samples, a clearly labelled summary-only comparison uses the medians' confidence intervals.
 */
import type { BenchResult, RunResult } from '../result/types.js';
import { describeRatio, formatPEquals, formatRatioCI, isNum } from '../result/text.js';
import { compareEnvironments, type EnvComparison } from './environment.js';
import { policyFor, type Policy } from './policy.js';
import { adjustPValues, bandVerdict, compareSamples, pairedRoundsRatio, welchLogRatio, type Verdict } from './stats.js';
import { compareResources, type ResourceChange } from './resources.js';

/** A side's centre as shown in reports. */
export interface SideSummary {
  /** The side's own unit (two runs of different modes differ). */
  unit: 'ns' | 'instructions';
  median: number | null;
  lo: number | null;
  hi: number | null;
  n: number;
}

/** One benchmark's comparison. */
export interface BenchComparison {
  id: string;
  unit: 'ns' | 'instructions';
  /** `compared`, present on one side only, or errored on a side. */
  status: 'compared' | 'added' | 'removed' | 'error';
  /**
   * How it was compared: a test over per-process medians (both sides measured in several processes),
   * a test on raw samples, exact (deterministic counts), medians' CIs only, or not at all.
   */
  method: 'paired-rounds' | 'processes' | 'samples' | 'exact' | 'summary-only' | 'none';
  base: SideSummary | null;
  current: SideSummary | null;
  /** centre(current) / centre(base): above 1 is slower. */
  ratio: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  /** p-value after the suite-wide correction. */
  adjustedP: number | null;
  test: string | null;
  verdict: Verdict | null;
  /** Counted as a regression (significant after correction and beyond the noise band). */
  regression: boolean;
  improvement: boolean;
  alpha: number;
  noise: number;
  /** One line: "parse: 12.3% slower (CI 9.8%..14.9%, p=0.0004)". */
  message: string;
  /** Why something is n/a. */
  reason?: string;
  /** Paired rounds only: each round's ratio current/base, in round order. */
  rounds?: number[];
  /** Set by confirmation: how many re-runs reproduced a suspected regression. */
  confirmation?: { reproduced: number; runs: number; confirmed: boolean };
  /** Memory and CPU compared, when both runs sampled resources; a CPU regression makes the row a regression. */
  resources?: ResourceChange[];
}

/** A whole comparison. */
export interface RunComparison {
  base: RunLabel;
  current: RunLabel;
  policy: { alpha: number; noise: number; correction: Policy['correction'] };
  environment: EnvComparison;
  benchmarks: BenchComparison[];
  added: string[];
  removed: string[];
  /** Benchmarks that errored in the current run. */
  errored: string[];
  regressions: string[];
  improvements: string[];
  summaryOnly: string[];
}

/** How a run is named in reports. */
export interface RunLabel {
  label: string;
  startedAt: string;
  commit: string | null;
  dirty: boolean | null;
  tag: string | null;
}

/** A label for a run. */
export function runLabel(run: RunResult, label: string): RunLabel {
  return {
    label,
    startedAt: run.startedAt,
    commit: run.environment.git?.commit ?? null,
    dirty: run.environment.git?.dirty ?? null,
    tag: run.tag ?? null,
  };
}

function side(b: BenchResult): SideSummary {
  const s = b.stats;
  return {
    unit: b.unit,
    median: isNum(s?.median) ? s!.median : null,
    lo: isNum(s?.medianCI?.lo) ? s!.medianCI.lo : null,
    hi: isNum(s?.medianCI?.hi) ? s!.medianCI.hi : null,
    n: s?.n ?? b.samples?.length ?? 0,
  };
}

function decide(
  ci: [number, number],
  p: number | null,
  alpha: number,
  noise: number,
): { verdict: Verdict; regression: boolean; improvement: boolean } {
  const verdict = bandVerdict(ci, p, alpha, noise);
  return { verdict, regression: verdict === 'slower', improvement: verdict === 'faster' };
}

/** The one-line message of a compared benchmark. */
export function comparisonMessage(c: Pick<BenchComparison, 'id' | 'ratio' | 'ci' | 'pValue' | 'adjustedP' | 'method' | 'verdict'>): string {
  const how =
    c.method === 'exact'
      ? 'exact instruction counts'
      : c.method === 'summary-only'
        ? `CI ${formatRatioCI(c.ci)}, summary-only: no raw samples, medians' CIs compared`
        : `CI ${formatRatioCI(c.ci)}, ${formatPEquals(c.adjustedP ?? c.pValue)}`;
  return `${c.id}: ${describeRatio(c.ratio)} (${how})${c.verdict === 'inconclusive' ? ', inconclusive' : ''}`;
}

/** Options of {@link compareRuns}. */
export interface CompareRunsOptions {
  baseLabel?: string;
  currentLabel?: string;
  /** Only these ids (used by confirmation). */
  only?: readonly string[];
  /**
   * Per-round ratios current/base of benchmarks measured in alternating fresh processes of two
   * revisions (`cyclebench ab`): compared paired, by round, instead of by the pooled samples.
   */
  rounds?: ReadonlyMap<string, readonly number[]>;
}

/** Compares `current` with `base` under `policy`. */
export function compareRuns(base: RunResult, current: RunResult, policy: Policy, options: CompareRunsOptions = {}): RunComparison {
  const only = options.only ? new Set(options.only) : null;
  const baseById = new Map(base.benchmarks.map((b) => [b.id, b]));
  const curById = new Map(current.benchmarks.map((b) => [b.id, b]));
  const ids = [...current.benchmarks.map((b) => b.id), ...base.benchmarks.map((b) => b.id).filter((id) => !curById.has(id))].filter(
    (id) => !only || only.has(id),
  );
  const out: BenchComparison[] = [];
  const tested: number[] = []; // indexes into out with a p-value
  for (const id of ids) {
    const a = baseById.get(id);
    const b = curById.get(id);
    const { alpha, noise } = policyFor(policy, id, (b ?? a)?.unit === 'instructions' ? 'instructions' : 'samples');
    const row: BenchComparison = {
      id,
      unit: (b ?? a)!.unit,
      status: 'compared',
      method: 'none',
      base: a ? side(a) : null,
      current: b ? side(b) : null,
      ratio: null,
      ci: null,
      pValue: null,
      adjustedP: null,
      test: null,
      verdict: null,
      regression: false,
      improvement: false,
      alpha,
      noise,
      message: '',
    };
    out.push(row);
    if (!a || !b) {
      row.status = a ? 'removed' : 'added';
      row.reason = a ? 'only in the base run' : 'only in the current run';
      row.message = `${id}: ${a ? 'removed' : 'added'} (${row.reason})`;
      continue;
    }
    if (a.status === 'error' || b.status === 'error') {
      row.status = 'error';
      row.reason = `errored in the ${b.status === 'error' ? 'current' : 'base'} run${b.status === 'error' && b.error ? `: ${b.error.message}` : ''}`;
      row.message = `${id}: n/a (${row.reason})`;
      continue;
    }
    if (a.unit !== b.unit) {
      row.reason = `units differ (${a.unit} vs ${b.unit})`;
      row.message = `${id}: n/a (${row.reason})`;
      continue;
    }
    if (a.unit === 'instructions' && a.stats && b.stats && a.stats.median > 0) {
      // Counts are deterministic: the ratio is exact and needs no test; only the band decides.
      row.method = 'exact';
      row.ratio = b.stats.median / a.stats.median;
      row.ci = [row.ratio, row.ratio];
      row.test = 'exact: deterministic instruction counts';
      Object.assign(row, decide(row.ci, null, alpha, noise));
      row.message = comparisonMessage(row);
      continue;
    }
    const rounds = options.rounds?.get(id);
    if (rounds && rounds.length >= 3 && rounds.every((r) => r > 0)) {
      // Base and current alternated round by round: a one-sample t-test on the log ratios of the rounds.
      const r = pairedRoundsRatio(rounds, alpha);
      row.method = 'paired-rounds';
      row.rounds = [...rounds];
      row.ratio = r.ratio;
      row.ci = r.ci;
      row.pValue = r.pValue;
      row.test = `paired t-test on log ratios of ${rounds.length} rounds of alternating processes`;
      row.noise = policyFor(policy, id, 'paired-rounds').noise;
      tested.push(out.length - 1);
      continue;
    }
    const byProcess =
      a.processes && b.processes && a.processes.medians.every((m) => m > 0) && b.processes.medians.every((m) => m > 0)
        ? welchLogRatio(a.processes.medians, b.processes.medians, alpha)
        : null;
    if (byProcess && byProcess.ci.every(Number.isFinite)) {
      // The process is the unit on both sides: Welch's t-test on log process medians.
      const r = byProcess;
      row.method = 'processes';
      row.ratio = r.ratio;
      row.ci = r.ci;
      row.pValue = r.pValue;
      row.test = `Welch t-test on log medians of ${a.processes!.medians.length} vs ${b.processes!.medians.length} processes`;
      row.noise = policyFor(policy, id, 'processes').noise;
      tested.push(out.length - 1);
      continue;
    }
    if (a.samples && a.samples.length >= 2 && b.samples && b.samples.length >= 2) {
      const r = compareSamples(a.samples, b.samples, { alpha, noise, seed: policy.seed });
      row.method = 'samples';
      row.ratio = r.ratio;
      row.ci = [r.ci[0], r.ci[1]];
      row.pValue = isNum(r.pValue) ? r.pValue : null;
      row.test = r.test;
      if (row.pValue !== null) tested.push(out.length - 1);
      else row.verdict = r.verdict;
      continue;
    }
    const sa = side(a);
    const sb = side(b);
    if (sa.median === null || sb.median === null || sa.median <= 0) {
      row.reason = 'no usable median on one side';
      row.message = `${id}: n/a (${row.reason})`;
      continue;
    }
    row.method = 'summary-only';
    row.ratio = sb.median / sa.median;
    row.test = "summary-only: ratio of medians, medians' CIs compared";
    if (sa.lo !== null && sa.hi !== null && sb.lo !== null && sb.hi !== null && sa.lo > 0) {
      row.ci = [sb.lo / sa.hi, sb.hi / sa.lo];
      Object.assign(row, decide(row.ci, null, alpha, noise));
    } else {
      row.verdict = 'inconclusive';
      row.reason = 'summary-only without confidence intervals';
    }
    row.message = comparisonMessage(row);
  }
  const adjusted = adjustPValues(
    tested.map((i) => out[i].pValue!),
    policy.correction,
  );
  tested.forEach((i, k) => {
    const row = out[i];
    row.adjustedP = Math.min(1, adjusted[k]);
    Object.assign(row, decide(row.ci!, row.adjustedP, row.alpha, row.noise));
    row.message = comparisonMessage(row);
  });
  for (const row of out) if (row.status === 'compared' && !row.message) row.message = comparisonMessage(row);
  for (const row of out)
    if (row.status === 'compared') addResourceChanges(row, compareResources(baseById.get(row.id)!, curById.get(row.id)!, policy));
  return {
    base: runLabel(base, options.baseLabel ?? base.tag ?? 'base'),
    current: runLabel(current, options.currentLabel ?? current.tag ?? 'current'),
    policy: { alpha: policy.alpha, noise: policy.noise, correction: policy.correction },
    environment: compareEnvironments(base, current),
    benchmarks: out,
    added: out.filter((r) => r.status === 'added').map((r) => r.id),
    removed: out.filter((r) => r.status === 'removed').map((r) => r.id),
    errored: ids.filter((id) => curById.get(id)?.status === 'error'),
    regressions: out.filter((r) => r.regression).map((r) => r.id),
    improvements: out.filter((r) => r.improvement).map((r) => r.id),
    summaryOnly: out.filter((r) => r.method === 'summary-only').map((r) => r.id),
  };
}

/** Attaches resource changes to a row; CPU growth beyond its band makes it a regression. */
function addResourceChanges(row: BenchComparison, changes: ResourceChange[]): void {
  if (!changes.length) return;
  row.resources = changes;
  const flagged = changes.filter((c) => c.severity);
  if (flagged.some((c) => c.severity === 'regression')) {
    row.regression = true;
    row.improvement = false;
  }
  if (flagged.length) row.message += `; ${flagged.map((c) => c.text).join('; ')}`;
}

/** The hint printed under a regression: how to look closer. */
export function profileHint(id: string): string {
  const quoted = /^[A-Za-z0-9._/-]+$/.test(id) ? id : `'${id.replace(/'/g, "'\\''")}'`;
  return `cyclebench run --filter ${quoted} --profile`;
}
