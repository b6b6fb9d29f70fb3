/**
 * Reference (competitive) comparisons: a benchmark against another benchmark of the same run, or
 * against a recorded external figure ("neo4j: 27.96ms"). Their threshold is stricter than the
 * regression rule: the point estimate of ours/theirs must not exceed `maxRatio` (default 1.0, i.e.
 * "not slower than the reference"); no noise band and no significance is granted.
 */
import { CycleBenchError } from '../errors.js';
import type { BenchResult, RunResult } from '../result/types.js';
import { describeRatio, formatNs, formatValue, isNum } from '../result/text.js';
import { compareSamples } from './stats.js';
import { statisticOf, type TargetStat } from './targets.js';
import { parseTimeNs } from './units.js';

/** A reference as written in config. */
export interface ReferenceSpec {
  /** The benchmark id being judged. */
  bench: string;
  /** Another benchmark id in the same run, or an external figure. */
  against: string | { name: string; value: string | number };
  /** Largest allowed ours/theirs ratio (default 1.0: must not be slower). */
  maxRatio?: number;
  /** Statistic compared with an external figure (default median). */
  stat?: 'mean' | 'median' | 'min' | 'p50' | 'p75' | 'p90' | 'p95' | 'p99';
}

/** One evaluated reference. */
export interface ReferenceResult {
  bench: string;
  /** Display name of the reference. */
  against: string;
  kind: 'bench' | 'external';
  ours: number | null;
  theirs: number | null;
  /** Displayed reference value (`27.96 ms`). */
  theirsText: string;
  unit: 'ns' | 'instructions';
  /** ours / theirs. */
  ratio: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  maxRatio: number;
  pass: boolean;
  /** "query: 10.9 ms vs reference (neo4j): 27.96 ms, 61.0% faster". */
  message: string;
  reason?: string;
}

/** Checks references from config; throws `E_CONFIG` naming `where`. */
export function validateReferences(v: unknown, where: string): ReferenceSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new CycleBenchError('E_CONFIG', `${where}: references must be a list.`);
  return v.map((r, i) => {
    const at = `${where}: references[${i}]`;
    if (typeof r !== 'object' || r === null) throw new CycleBenchError('E_CONFIG', `${at} must be an object.`);
    const o = r as Record<string, unknown>;
    if (typeof o.bench !== 'string' || !o.bench) throw new CycleBenchError('E_CONFIG', `${at}.bench must be a benchmark id.`);
    if (typeof o.against === 'object' && o.against !== null) {
      const a = o.against as Record<string, unknown>;
      if (typeof a.name !== 'string' || !a.name) throw new CycleBenchError('E_CONFIG', `${at}.against.name must be a string.`);
      parseTimeNs(a.value as string | number, `${at}.against.value`);
    } else if (typeof o.against !== 'string' || !o.against) {
      throw new CycleBenchError('E_CONFIG', `${at}.against must be a benchmark id or { name, value }.`);
    }
    if (o.maxRatio !== undefined && !(typeof o.maxRatio === 'number' && o.maxRatio > 0)) {
      throw new CycleBenchError('E_CONFIG', `${at}.maxRatio must be a positive number.`);
    }
    return r as ReferenceSpec;
  });
}

function centre(b: BenchResult, stat: TargetStat): number | null {
  return statisticOf(b, { stat, quantile: undefined }).value;
}

/** Evaluates references on one run. A reference to a benchmark that is not in the run fails with a reason. */
export function evaluateReferences(
  run: RunResult,
  refs: readonly ReferenceSpec[],
  options: { alpha: number; seed: number },
): ReferenceResult[] {
  const byId = new Map(run.benchmarks.map((b) => [b.id, b]));
  return refs.map((r): ReferenceResult => {
    const maxRatio = r.maxRatio ?? 1.0;
    const stat = r.stat ?? 'median';
    const ext = typeof r.against === 'object';
    const againstName = ext ? (r.against as { name: string }).name : (r.against as string);
    const ours = byId.get(r.bench);
    const fail = (reason: string, theirsText = 'n/a'): ReferenceResult => ({
      bench: r.bench,
      against: againstName,
      kind: ext ? 'external' : 'bench',
      ours: null,
      theirs: null,
      theirsText,
      unit: ours?.unit ?? 'ns',
      ratio: null,
      ci: null,
      pValue: null,
      maxRatio,
      pass: false,
      message: `${r.bench} vs reference (${againstName}): n/a (${reason})`,
      reason,
    });
    if (!ours) return fail(`benchmark ${r.bench} is not in this run`);
    const ourValue = centre(ours, stat);
    if (ourValue === null) return fail(`${r.bench}: ${statisticOf(ours, { stat }).reason}`);
    let theirs: number;
    let theirsText: string;
    let ci: [number, number] | null = null;
    let pValue: number | null = null;
    let ratio: number;
    if (ext) {
      const t = parseTimeNs((r.against as { value: string | number }).value, `reference ${againstName}`);
      if (ours.unit !== 'ns') return fail('an external time against a benchmark that counts instructions', t.text);
      theirs = t.ns;
      theirsText = t.text;
      ratio = ourValue / theirs;
      const mci = ours.stats?.medianCI;
      if (stat === 'median' && mci && isNum(mci.lo) && isNum(mci.hi)) ci = [mci.lo / theirs, mci.hi / theirs];
    } else {
      const other = byId.get(againstName);
      if (!other) return fail(`reference benchmark ${againstName} is not in this run`);
      const theirValue = centre(other, stat);
      if (theirValue === null || theirValue <= 0)
        return fail(`${againstName}: ${statisticOf(other, { stat }).reason ?? 'no positive value'}`);
      theirs = theirValue;
      theirsText = formatValue(theirs, other.unit);
      ratio = ourValue / theirs;
      if (stat === 'median' && ours.samples?.length && other.samples?.length) {
        const c = compareSamples(other.samples, ours.samples, { alpha: options.alpha, noise: 0, seed: options.seed });
        ratio = c.ratio;
        ci = c.ci;
        pValue = c.pValue;
      }
    }
    const pass = ratio <= maxRatio;
    const limit = maxRatio === 1 ? '' : `; limit ${maxRatio}× the reference`;
    const oursText = ours.unit === 'ns' ? formatNs(ourValue) : formatValue(ourValue, ours.unit);
    return {
      bench: r.bench,
      against: againstName,
      kind: ext ? 'external' : 'bench',
      ours: ourValue,
      theirs,
      theirsText,
      unit: ours.unit,
      ratio,
      ci,
      pValue,
      maxRatio,
      pass,
      message: `${r.bench}: ${oursText} vs reference (${againstName}): ${theirsText}, ${describeRatio(ratio)}${limit}`,
    };
  });
}
