import { createRng, type Rng } from '../../src/stats/index.js';

/** Seeded log-normal samples: scale · exp(sigma · Z). */
export function logNormal(rng: Rng, n: number, scale: number, sigma: number): Float64Array {
  return Float64Array.from({ length: n }, () => scale * Math.exp(sigma * rng.normal()));
}

/** Seeded exponential samples with the given mean. */
export function exponential(rng: Rng, n: number, meanValue: number): Float64Array {
  return Float64Array.from({ length: n }, () => -meanValue * Math.log(1 - rng.random53()));
}

export { createRng };
