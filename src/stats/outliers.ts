/**
 * Outlier classification: Tukey's fences (Tukey 1977; mild beyond 1.5·IQR, severe beyond 3·IQR
 * from the quartiles, type-7 quartiles) and modified z-scores (Iglewicz & Hoaglin 1993:
 * M_i = 0.6745·(x_i - median)/MAD, outlier when |M_i| > 3.5).
 *
 * Nothing is dropped unless the caller asks: {@link classifyOutliers} labels and counts,
 * {@link trimOutliers} returns both what it kept and what it removed (with indices).
 */

import { medianInPlace } from './select.js';
import { quantileSorted } from './quantile.js';
import { toSamples } from './validate.js';
import { sortedCopy } from './sort.js';

/** Tukey's fences for a sample. */
export interface TukeyFences {
  /** First quartile (type 7). */
  q1: number;
  /** Third quartile (type 7). */
  q3: number;
  /** q3 - q1. */
  iqr: number;
  /** q1 - 1.5·iqr. */
  lowMild: number;
  /** q3 + 1.5·iqr. */
  highMild: number;
  /** q1 - 3·iqr. */
  lowSevere: number;
  /** q3 + 3·iqr. */
  highSevere: number;
}

/**
 * Tukey's inner (1.5·IQR) and outer (3·IQR) fences.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function tukeyFences(x: ArrayLike<number>): TukeyFences {
  const s = sortedCopy(toSamples(x, 'tukeyFences'));
  const q1 = quantileSorted(s, 0.25);
  const q3 = quantileSorted(s, 0.75);
  const r = q3 - q1;
  return { q1, q3, iqr: r, lowMild: q1 - 1.5 * r, highMild: q3 + 1.5 * r, lowSevere: q1 - 3 * r, highSevere: q3 + 3 * r };
}

/**
 * Modified z-scores 0.6745·(x_i - median)/MAD (Iglewicz & Hoaglin). When the MAD is 0 the
 * scores are 0 for values at the median and ±Infinity elsewhere.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function modifiedZScores(x: ArrayLike<number>): Float64Array {
  const a = toSamples(x, 'modifiedZScores');
  const scratch = new Float64Array(a);
  const med = medianInPlace(scratch);
  for (let i = 0; i < a.length; i++) scratch[i] = Math.abs(a[i] - med);
  const madRaw = medianInPlace(scratch);
  const z = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - med;
    z[i] = d === 0 ? 0 : madRaw === 0 ? (d > 0 ? Infinity : -Infinity) : (0.6745 * d) / madRaw;
  }
  return z;
}

/** Label of one sample. */
export type OutlierLabel = 'none' | 'low-mild' | 'high-mild' | 'low-severe' | 'high-severe';

/** Options for {@link classifyOutliers} and {@link trimOutliers}. */
export interface OutlierOptions {
  /** 'tukey' (default) or 'modified-z'. */
  method?: 'tukey' | 'modified-z';
  /** |M| above which a modified z-score is an outlier (default 3.5). Severe is twice this. */
  zThreshold?: number;
}

/** Per-sample labels and counts. */
export interface OutlierReport {
  /** Method used. */
  method: 'tukey' | 'modified-z';
  /** One label per input sample, in input order. */
  labels: OutlierLabel[];
  /** Counts per label (excluding 'none'). */
  counts: { lowMild: number; highMild: number; lowSevere: number; highSevere: number };
  /** Total number of outliers of any kind. */
  total: number;
}

/**
 * Classify every sample. Tukey: mild when beyond the 1.5·IQR fence, severe beyond 3·IQR.
 * Modified z: mild when |M| > zThreshold (3.5), severe when |M| > 2·zThreshold.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function classifyOutliers(x: ArrayLike<number>, options: OutlierOptions = {}): OutlierReport {
  const a = toSamples(x, 'classifyOutliers');
  const method = options.method ?? 'tukey';
  const labels: OutlierLabel[] = new Array(a.length);
  const counts = { lowMild: 0, highMild: 0, lowSevere: 0, highSevere: 0 };
  const put = (i: number, l: OutlierLabel): void => {
    labels[i] = l;
    if (l === 'low-mild') counts.lowMild++;
    else if (l === 'high-mild') counts.highMild++;
    else if (l === 'low-severe') counts.lowSevere++;
    else if (l === 'high-severe') counts.highSevere++;
  };
  if (method === 'tukey') {
    const f = tukeyFences(a);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      put(
        i,
        v < f.lowSevere
          ? 'low-severe'
          : v < f.lowMild
            ? 'low-mild'
            : v > f.highSevere
              ? 'high-severe'
              : v > f.highMild
                ? 'high-mild'
                : 'none',
      );
    }
  } else if (method === 'modified-z') {
    const t = options.zThreshold ?? 3.5;
    if (!(t > 0)) throw new RangeError(`classifyOutliers: zThreshold must be > 0, got ${t}`);
    const z = modifiedZScores(a);
    for (let i = 0; i < a.length; i++) {
      const v = z[i];
      put(i, v < -2 * t ? 'low-severe' : v < -t ? 'low-mild' : v > 2 * t ? 'high-severe' : v > t ? 'high-mild' : 'none');
    }
  } else {
    throw new RangeError(`classifyOutliers: unknown method ${String(method)}; use 'tukey' or 'modified-z'`);
  }
  return { method, labels, counts, total: counts.lowMild + counts.highMild + counts.lowSevere + counts.highSevere };
}

/** Options for {@link trimOutliers}. */
export interface TrimOptions extends OutlierOptions {
  /** Remove only severe outliers (default false: remove mild and severe). */
  severeOnly?: boolean;
}

/** Result of an explicit trim: nothing disappears without a record. */
export interface TrimResult {
  /** Samples kept, in input order. */
  kept: Float64Array;
  /** Samples removed, in input order. */
  removed: Float64Array;
  /** Input indices of the removed samples. */
  removedIndices: number[];
  /** The classification the trim was based on. */
  report: OutlierReport;
}

/**
 * Remove outliers explicitly and return what was removed.
 *
 * @throws RangeError for empty input or non-finite values
 */
export function trimOutliers(x: ArrayLike<number>, options: TrimOptions = {}): TrimResult {
  const a = toSamples(x, 'trimOutliers');
  const report = classifyOutliers(a, options);
  const kept: number[] = [];
  const removed: number[] = [];
  const removedIndices: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const l = report.labels[i];
    const drop = options.severeOnly ? l === 'low-severe' || l === 'high-severe' : l !== 'none';
    if (drop) {
      removed.push(a[i]);
      removedIndices.push(i);
    } else kept.push(a[i]);
  }
  return { kept: Float64Array.from(kept), removed: Float64Array.from(removed), removedIndices, report };
}
