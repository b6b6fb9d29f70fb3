/**
 * Multiple-comparison adjustments with R's `p.adjust` definitions; adjusted p-values come back in
 * input order and are capped at 1.
 *
 * - Holm (1979) step-down: p̃_(i) = max_{j<=i} min(1, (m - j + 1)·p_(j)), controls the FWER.
 * - Benjamini-Hochberg (1995) step-up: p̃_(i) = min_{j>=i} min(1, m·p_(j)/j), controls the FDR.
 */

function check(p: ArrayLike<number>, fn: string): void {
  if (p.length === 0) throw new RangeError(`${fn}: empty input; pass at least one p-value`);
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`${fn}: p-value ${i} is ${p[i]}; p-values must be in [0, 1]`);
  }
}

function order(p: ArrayLike<number>): number[] {
  return Array.from({ length: p.length }, (_, i) => i).sort((i, j) => p[i] - p[j] || i - j);
}

/**
 * Holm step-down adjusted p-values (R: `p.adjust(p, "holm")`).
 *
 * @throws RangeError for empty input or values outside [0, 1]
 */
export function holm(pValues: ArrayLike<number>): number[] {
  check(pValues, 'holm');
  const m = pValues.length;
  const idx = order(pValues);
  const out = new Array<number>(m);
  let running = 0;
  for (let r = 0; r < m; r++) {
    running = Math.max(running, Math.min(1, (m - r) * pValues[idx[r]]));
    out[idx[r]] = running;
  }
  return out;
}

/**
 * Benjamini-Hochberg step-up adjusted p-values (R: `p.adjust(p, "BH")`).
 *
 * @throws RangeError for empty input or values outside [0, 1]
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): number[] {
  check(pValues, 'benjaminiHochberg');
  const m = pValues.length;
  const idx = order(pValues);
  const out = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    running = Math.min(running, Math.min(1, (m * pValues[idx[r]]) / (r + 1)));
    out[idx[r]] = running;
  }
  return out;
}
