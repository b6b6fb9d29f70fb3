/**
 * Workloads of exactly known relative cost for the precision benchmark.
 *
 * Each is a loop-carried dependency chain over a small Int32Array: every iteration's load address
 * depends on the previous iteration's result, so iterations cannot overlap, V8 cannot fold or
 * vectorise the loop, and the cost is (per-iteration latency x iterations) plus a few cycles of
 * call and loop entry. `B` runs exactly 5% more iterations than `A`; `A2` is a textual copy of `A`
 * (a separate function with its own feedback and machine code). Every function returns its
 * accumulator so that no tool's dead-code elimination can drop the work.
 *
 * Rows: `large` (K = 2000 vs 2100 iterations, a few microseconds) and `small` (K = 20 vs 21,
 * well under 100 ns, where the fixed call cost is no longer negligible: the true B/A ratio there
 * is slightly below 1.05, by 0.05 * fixed / total: about 0.2% for a fixed cost of ~5 cycles against
 * ~120 cycles of chain).
 */

/** 64 pseudo-random int32 values from a fixed xorshift32 seed (contents unknown to the optimiser). */
export const DATA: Int32Array = (() => {
  const out = new Int32Array(64);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
  }
  return out;
})();

/**
 * The chain also runs across calls (each call starts from the previous call's result), so that
 * consecutive calls cannot overlap in the CPU's out-of-order window: without it, a 20-iteration
 * call inlined into a measuring loop overlaps with the next one and costs less than 20 iterations.
 */
let carry = 1;

/** Large row, baseline: 2000 dependent iterations. */
export function largeA(): number {
  let acc = carry;
  for (let i = 0; i < 2000; i++) acc = (Math.imul(acc, 31) + DATA[(acc ^ i) & 63]) | 0;
  carry = acc;
  return acc;
}

/** Large row, textual copy of `largeA`. */
export function largeA2(): number {
  let acc = carry;
  for (let i = 0; i < 2000; i++) acc = (Math.imul(acc, 31) + DATA[(acc ^ i) & 63]) | 0;
  carry = acc;
  return acc;
}

/** Large row, 5% more work: 2100 dependent iterations. */
export function largeB(): number {
  let acc = carry;
  for (let i = 0; i < 2100; i++) acc = (Math.imul(acc, 31) + DATA[(acc ^ i) & 63]) | 0;
  carry = acc;
  return acc;
}

/** Small row, baseline: 20 dependent iterations. */
export function smallA(): number {
  let acc = carry;
  for (let i = 0; i < 20; i++) acc = (Math.imul(acc, 31) + DATA[(acc ^ i) & 63]) | 0;
  carry = acc;
  return acc;
}

/** Small row, textual copy of `smallA`. */
export function smallA2(): number {
  let acc = carry;
  for (let i = 0; i < 20; i++) acc = (Math.imul(acc, 31) + DATA[(acc ^ i) & 63]) | 0;
  carry = acc;
  return acc;
}

/** Small row, 5% more work: 21 dependent iterations. */
export function smallB(): number {
  let acc = carry;
  for (let i = 0; i < 21; i++) acc = (Math.imul(acc, 31) + DATA[(acc ^ i) & 63]) | 0;
  carry = acc;
  return acc;
}

/** One row of the comparison: baseline, its copy, and the 5%-heavier variant. */
export interface Row {
  /** Row name, as given to `--rows`. */
  name: 'large' | 'small';
  /** Iterations of A (and A2); B runs `iterationsB`. */
  iterationsA: number;
  iterationsB: number;
  a: () => number;
  a2: () => number;
  b: () => number;
}

/** Expected B/A ratio when cost is exactly proportional to iterations. */
export const EXPECTED_RATIO = 1.05;

/** The rows, by name. */
export const ROWS: Record<Row['name'], Row> = {
  large: { name: 'large', iterationsA: 2000, iterationsB: 2100, a: largeA, a2: largeA2, b: largeB },
  small: { name: 'small', iterationsA: 20, iterationsB: 21, a: smallA, a2: smallA2, b: smallB },
};
