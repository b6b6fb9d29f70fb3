/**
 * Input validation shared by the statistics functions.
 *
 * Every public function that needs samples calls {@link toSamples}: empty input and
 * non-finite values throw a `RangeError` that names the function, instead of producing NaN.
 */

/**
 * Copy-free view of the input as a `Float64Array` (copies only when the input is not already one),
 * after checking that it is non-empty and every value is finite.
 *
 * @param x - samples
 * @param fn - name of the calling function, used in the error message
 * @param min - minimum number of samples required (default 1)
 * @throws RangeError when `x` has fewer than `min` values or contains NaN/±Infinity
 */
export function toSamples(x: ArrayLike<number>, fn: string, min = 1): Float64Array {
  if (x == null || x.length === 0) {
    throw new RangeError(`${fn}: empty input; pass at least ${min} sample(s)`);
  }
  if (x.length < min) {
    throw new RangeError(`${fn}: needs at least ${min} samples, got ${x.length}`);
  }
  const a = x instanceof Float64Array ? x : Float64Array.from(x);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) {
      throw new RangeError(`${fn}: sample ${i} is ${a[i]}; all samples must be finite numbers`);
    }
  }
  return a;
}

/**
 * Check that a probability-like argument lies strictly inside (0, 1).
 *
 * @throws RangeError otherwise
 */
export function checkOpenUnit(p: number, name: string, fn: string): void {
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`${fn}: ${name} must be in (0, 1), got ${p}`);
  }
}

/**
 * Check that a count argument is a positive integer.
 *
 * @throws RangeError otherwise
 */
export function checkPositiveInt(k: number, name: string, fn: string): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`${fn}: ${name} must be a positive integer, got ${k}`);
  }
}
