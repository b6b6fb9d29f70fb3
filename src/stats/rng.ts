/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018) seeded through
 * splitmix32, so every resampling result in `cyclebench/stats` reproduces exactly from its seed.
 *
 * 32-bit arithmetic only (`Math.imul`, `>>>`), which keeps the generator fast in V8 and
 * bit-identical on every platform.
 */

/** A seeded random source. All methods advance the same state. */
export interface Rng {
  /** Next raw 32-bit unsigned integer. */
  nextU32(): number;
  /** Uniform double in [0, 1) with 32 random bits. */
  random(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  random53(): number;
  /** Uniform integer in [0, n) for 1 <= n <= 2^32 (multiply-shift; bias < n / 2^32). */
  int(n: number): number;
  /** Standard normal variate (Box-Muller, both halves used). */
  normal(): number;
  /**
   * Fill `out` with uniform integers in [0, n), n <= 2^32: the same values as `out.length` calls of
   * {@link Rng.int}, from a tight loop (the hot path of the bootstrap).
   */
  fillInts(out: Uint32Array, n: number): void;
}

/** Default seed used when callers pass none, so results are still reproducible. */
export const DEFAULT_SEED = 0x5eed_c0de;

/**
 * splitmix32 step, used to expand one 32-bit seed into the 128-bit xoshiro state.
 *
 * @param state - a one-element array holding the running state (updated in place)
 * @returns next 32-bit unsigned output
 */
export function splitmix32(state: Uint32Array): number {
  state[0] = (state[0] + 0x9e3779b9) >>> 0;
  let z = state[0];
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Create a xoshiro128** generator from a numeric seed.
 *
 * Non-integer or large seeds are folded to 32 bits (the low 32 bits of the integer part, xor the
 * high part), so any finite number is accepted and the same number always gives the same stream.
 *
 * @param seed - any finite number (default {@link DEFAULT_SEED})
 */
export function createRng(seed: number = DEFAULT_SEED): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be finite, got ${seed}`);
  const int = Math.trunc(seed);
  const folded = (int >>> 0) ^ (Math.floor(int / 4294967296) >>> 0);
  const sm = new Uint32Array([folded]);
  const s = new Uint32Array(4);
  for (let i = 0; i < 4; i++) s[i] = splitmix32(sm);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  let s0 = s[0],
    s1 = s[1],
    s2 = s[2],
    s3 = s[3];
  let spare = 0;
  let hasSpare = false;

  const nextU32 = (): number => {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return r;
  };
  const random = (): number => nextU32() / 4294967296;
  const random53 = (): number => ((nextU32() >>> 5) * 67108864 + (nextU32() >>> 6)) / 9007199254740992;
  return {
    nextU32,
    random,
    random53,
    int: (n: number): number => Math.floor(nextU32() * (n / 4294967296)),
    fillInts: (out: Uint32Array, n: number): void => {
      const scale = n / 4294967296;
      let a0 = s0,
        a1 = s1,
        a2 = s2,
        a3 = s3;
      for (let i = 0; i < out.length; i++) {
        const r = Math.imul(rotl(Math.imul(a1, 5), 7), 9) >>> 0;
        const t = a1 << 9;
        a2 ^= a0;
        a3 ^= a1;
        a1 ^= a2;
        a0 ^= a3;
        a2 ^= t;
        a3 = (a3 << 11) | (a3 >>> 21);
        out[i] = Math.floor(r * scale);
      }
      s0 = a0;
      s1 = a1;
      s2 = a2;
      s3 = a3;
    },
    normal: (): number => {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = 0;
      while (u === 0) u = random53();
      const v = random53();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      hasSpare = true;
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
