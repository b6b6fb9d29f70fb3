/**
 * Selection without sorting: in-place quickselect (median-of-three Hoare partition, insertion sort
 * for short ranges) and type-7 quantiles computed from it. Used by the bootstrap and by anything
 * that needs one or two order statistics of a scratch buffer it owns.
 */

/**
 * Rearrange `a[lo..hi]` in place so that `a[k]` holds the value it would have if the range were
 * sorted, every element before it is <= it and every element after it is >= it.
 *
 * @param a - buffer to partition (mutated)
 * @param k - target index, lo <= k <= hi
 * @param lo - first index of the range (default 0)
 * @param hi - last index of the range, inclusive (default a.length - 1)
 * @returns a[k] after partitioning
 * @throws RangeError when the range is empty or k lies outside it
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  if (hi < lo || k < lo || k > hi) {
    throw new RangeError(`selectInPlace: index ${k} outside range [${lo}, ${hi}] (length ${a.length})`);
  }
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // median of three into a[mid], then pivot value
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  // insertion sort of the short remaining range
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
  return a[k];
}

/**
 * Type-7 quantile of a buffer that may be reordered (no copy, no full sort).
 *
 * @param a - samples, mutated (partially ordered) by the call
 * @param p - probability in [0, 1]
 * @throws RangeError for empty input or p outside [0, 1]
 */
export function quantileInPlace(a: Float64Array, p: number): number {
  const n = a.length;
  if (n === 0) throw new RangeError('quantileInPlace: empty input');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileInPlace: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const lo = selectInPlace(a, k);
  const frac = h - k;
  if (frac === 0 || k + 1 >= n) return lo;
  let next = a[k + 1];
  for (let i = k + 2; i < n; i++) if (a[i] < next) next = a[i];
  return lo + frac * (next - lo);
}

/**
 * Median of a buffer that may be reordered (quickselect; average of the two middle values for
 * even n).
 *
 * @param a - samples, mutated by the call
 */
export function medianInPlace(a: Float64Array): number {
  return quantileInPlace(a, 0.5);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
