/**
 * The regression policy: how sure (alpha, after a suite-wide correction) and how large (noise band)
 * a change must be to count, per-benchmark overrides, absolute targets, references, confirmation
 * re-runs and the history window. Defaults are justified in docs/regression.md.
 */
import { CycleBenchError } from '../errors.js';
import { didYouMean } from '../util/nearest.js';
import { bestMatch, matchId } from './glob.js';
import { DEFAULT_INSTRUCTION_NOISE } from '../engine/options.js';
import type { Target } from './targets.js';
import type { ReferenceSpec } from './references.js';

/** Multiple-comparison correction across a suite. */
export type Correction = 'holm' | 'bh' | 'none';

/** An override of alpha and/or noise for the benchmarks whose id matches `match` (id or glob). */
export interface PolicyOverride {
  match: string;
  alpha?: number;
  noise?: number;
}

/** A fully resolved policy. */
export interface Policy {
  /** Significance level, applied to the corrected p-values. */
  alpha: number;
  /**
   * Half-width of the band of relative change treated as noise (0.05 = ±5%), for times compared
   * sample by sample: one process on each side, so the interval leaves out what differs between
   * processes and hours, and the band has to cover it.
   */
  noise: number;
  /**
   * The band when both sides were measured in several processes (`--processes`): their interval
   * already holds the spread between processes, so the band only covers the drift between runs.
   * Follows `noise` when only `noise` is set.
   */
  processNoise: number;
  /**
   * The band for base and head alternated round by round in fresh processes (`cyclebench ab`):
   * pairing cancels the drift too. Follows `noise` when only `noise` is set.
   */
  pairedNoise: number;
  /**
   * The band for instruction counts (`--mode instructions`): deterministic, so no test is needed
   * and a much smaller change is real. Overrides' `noise` applies to both.
   */
  instructionNoise: number;
  /** Band for peak memory (RSS) between runs with sampled resources: growth beyond it is a warning. */
  memoryNoise: number;
  /** Band for CPU time per iteration or request between runs with sampled resources: growth beyond it is a regression. */
  cpuNoise: number;
  correction: Correction;
  overrides: PolicyOverride[];
  /** Absolute targets (`p95 < 100ms`) per id or glob. */
  targets: Target[];
  references: ReferenceSpec[];
  /** Re-runs of suspected regressions before failing (0 = none). */
  confirm: number;
  /** A suspected regression counts if it reproduces in every (`all`) or most (`majority`) re-runs. */
  confirmRule: 'all' | 'majority';
  history: {
    /** Trailing runs the latest run is judged against. */
    window: number;
    /** Fewer runs than this: no history verdict. */
    minRuns: number;
  };
  /** Seed for resampling, so verdicts are reproducible. */
  seed: number;
  /** Accept benchmarks of the base that the current run no longer has (else they fail the gate with exit 1). */
  allowRemoved: boolean;
}

/** Default alpha: see docs/regression.md ("Defaults and evidence"). */
export const DEFAULT_ALPHA = 0.05;
/** Default noise band: see docs/regression.md ("Defaults and evidence"). */
export const DEFAULT_NOISE = 0.05;
/** Default band over processes: see docs/precision.md ("Noise band"). */
export const DEFAULT_PROCESS_NOISE = 0.01;
/** Default band of paired rounds (`cyclebench ab`): see docs/precision.md ("Noise band"). */
export const DEFAULT_PAIRED_NOISE = 0.005;
/** Default memory band: peak RSS growth past 20% warns (docs/load.md, "Resources compared"). */
export const DEFAULT_MEMORY_NOISE = 0.2;
/** Default CPU band: CPU time per operation growing past 10% fails (docs/load.md, "Resources compared"). */
export const DEFAULT_CPU_NOISE = 0.1;

export { DEFAULT_INSTRUCTION_NOISE };

/** The policy when neither config nor flags say otherwise. */
export const DEFAULT_POLICY: Policy = Object.freeze({
  alpha: DEFAULT_ALPHA,
  noise: DEFAULT_NOISE,
  processNoise: DEFAULT_PROCESS_NOISE,
  pairedNoise: DEFAULT_PAIRED_NOISE,
  instructionNoise: DEFAULT_INSTRUCTION_NOISE,
  memoryNoise: DEFAULT_MEMORY_NOISE,
  cpuNoise: DEFAULT_CPU_NOISE,
  correction: 'holm',
  overrides: [],
  targets: [],
  references: [],
  confirm: 2,
  confirmRule: 'all',
  history: { window: 10, minRuns: 5 },
  seed: 0x5eed,
  allowRemoved: false,
}) as Policy;

/** How two measurements of a benchmark are compared; each has its own default band. */
export type BandBasis = 'samples' | 'processes' | 'paired-rounds' | 'instructions';

/** Alpha and noise that apply to one benchmark after overrides (an override's noise applies to every basis). */
export function policyFor(policy: Policy, id: string, basis: BandBasis = 'samples'): { alpha: number; noise: number } {
  const o = bestMatch(policy.overrides, id);
  const band =
    basis === 'instructions'
      ? (policy.instructionNoise ?? DEFAULT_INSTRUCTION_NOISE)
      : basis === 'processes'
        ? (policy.processNoise ?? policy.noise)
        : basis === 'paired-rounds'
          ? (policy.pairedNoise ?? policy.noise)
          : policy.noise;
  return { alpha: o?.alpha ?? policy.alpha, noise: o?.noise ?? band };
}

/**
 * Refuses targets, overrides and references that match none of `ids` (the benchmarks of the run or
 * comparison): a typo there would otherwise be dropped without a word. Names the nearest id.
 */
export function checkPolicyMatches(policy: Policy, ids: readonly string[], configFile: string | null): void {
  const unmatched = (pattern: string) => !ids.some((id) => matchId(pattern, id));
  const fail = (where: string, what: string, pattern: string) => {
    const code = where === '--target' ? 'E_USAGE' : 'E_CONFIG';
    throw new CycleBenchError(
      code,
      `${where}: ${what} '${pattern}' matches no benchmark.${didYouMean(pattern, ids)} Benchmarks: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', ...' : ''}.`,
    );
  };
  for (const t of policy.targets) if (unmatched(t.match)) fail(t.source ?? configFile ?? 'config', `target "${t.text}" for`, t.match);
  for (const o of policy.overrides) if (unmatched(o.match)) fail(configFile ?? 'config', 'override', o.match);
  for (const r of policy.references) {
    if (unmatched(r.bench)) fail(configFile ?? 'config', 'reference for', r.bench);
    if (typeof r.against === 'string' && unmatched(r.against)) fail(configFile ?? 'config', 'reference against', r.against);
  }
}
