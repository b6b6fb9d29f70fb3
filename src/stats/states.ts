/**
 * Performance states: does a sample sequence, in time order, sit at more than one level, and what
 * are they? ("2 states: 8.4 µs (60% of samples), 14.0 µs (40%)"). Allocation-heavy code on a shared
 * machine, and a JIT tier change during sampling, both switch between levels that a median CI of
 * ±1% hides. Method (docs/allocation.md has the evidence and the false-positive rates):
 *
 * 1. Cut the samples into B contiguous blocks (B = 40, fewer with under 5 samples a block; no
 *    verdict under 8 blocks) and take log(block median): robust to single slow samples, far less
 *    autocorrelated than the samples.
 * 2. Change points by optimal partitioning (an exact O(B²) dynamic programme) with the squared-error
 *    cost and a penalty of 3 σ² ln B per change, σ the block-to-block noise from first differences.
 * 3. Drop boundaries whose adjacent levels differ by under 10% (a drift, not a switch), then group
 *    segment levels within 10% of each other into one state.
 * 4. Fold states holding under 5% of the samples into the nearest one.
 *
 * Measured on synthetic sequences: steady ones are called multi-state in at most 0.7% of cases
 * (n >= 500; 4.3% at n = 60), except under a strong slow wander (8%); states 1.25x apart or more are
 * found in 99-100% of cases. E-divisive change points missed alternating states; kernel-density mode
 * counts misread short steady sequences.
 */

/** One state: its level (median of its samples) and the share of samples in it. */
export interface PerformanceState {
  level: number;
  /** Fraction of the samples, 0..1. */
  share: number;
  /** Contiguous stretches of samples spent in it. */
  visits: number;
  /** Mean of `perSample` over its samples, when given (GC events per sample). */
  perSample?: number;
}

/** Verdict of {@link detectStates}. */
export interface StatesResult {
  verdict: 'steady' | 'states' | 'too-few-samples';
  /** Sorted by level; one entry when steady, none with too few samples. */
  states: PerformanceState[];
  /** Boundaries between different states, in time order. */
  switches: number;
  /** Index of the first sample of each stretch after the first (time order). */
  boundaries: number[];
}

/** Options of {@link detectStates}; defaults are the ones measured in docs/allocation.md. */
export interface StatesOptions {
  /** Blocks the sequence is cut into. @default 40 */
  blocks?: number;
  /** Fewest samples per block. @default 5 */
  minPerBlock?: number;
  /** Fewest blocks for a verdict. @default 8 */
  minBlocks?: number;
  /** Penalty per change point, in units of σ² ln B. @default 3 */
  penalty?: number;
  /** Levels closer than this (relative) are one state. @default 0.1 */
  delta?: number;
  /** States holding less than this share are folded into the nearest. @default 0.05 */
  minShare?: number;
}

function medianOf(xs: ArrayLike<number>, from: number, to: number): number {
  const a = new Float64Array(to - from);
  for (let i = from; i < to; i++) a[i - from] = xs[i];
  a.sort();
  const n = a.length;
  return n % 2 ? a[n >> 1] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

/** Exact optimal partition of `y` into segments of at least `minLen`, squared-error cost plus `penalty` per change; returns the change indices. */
export function optimalPartition(y: ArrayLike<number>, penalty: number, minLen: number): number[] {
  const B = y.length;
  const s1 = new Float64Array(B + 1);
  const s2 = new Float64Array(B + 1);
  for (let i = 0; i < B; i++) {
    s1[i + 1] = s1[i] + y[i];
    s2[i + 1] = s2[i] + y[i] * y[i];
  }
  const cost = (a: number, b: number) => {
    const n = b - a;
    const m = (s1[b] - s1[a]) / n;
    return s2[b] - s2[a] - n * m * m;
  };
  const F = new Float64Array(B + 1).fill(Infinity);
  const prev = new Int32Array(B + 1).fill(-1);
  F[0] = -penalty;
  for (let t = minLen; t <= B; t++)
    for (let s = 0; s <= t - minLen; s++) {
      if ((s !== 0 && s < minLen) || !Number.isFinite(F[s])) continue;
      const v = F[s] + cost(s, t) + penalty;
      if (v < F[t]) {
        F[t] = v;
        prev[t] = s;
      }
    }
  const cuts: number[] = [];
  for (let t = B; t > 0; t = prev[t]) if (prev[t] > 0) cuts.push(prev[t]);
  return cuts.reverse();
}

/**
 * The performance states of `samples` (in time order). `perSample` (same length, e.g. GC events
 * that overlapped each sample) is averaged per state.
 */
export function detectStates(samples: ArrayLike<number>, options: StatesOptions = {}, perSample?: ArrayLike<number>): StatesResult {
  const o = { blocks: 40, minPerBlock: 5, minBlocks: 8, penalty: 3, delta: 0.1, minShare: 0.05, ...options };
  const n = samples.length;
  const B = Math.min(o.blocks, Math.floor(n / o.minPerBlock));
  if (B < o.minBlocks) return { verdict: 'too-few-samples', states: [], switches: 0, boundaries: [] };
  for (let i = 0; i < n; i++) if (!(samples[i] > 0)) return { verdict: 'too-few-samples', states: [], switches: 0, boundaries: [] };
  const edges = Array.from({ length: B + 1 }, (_, i) => Math.floor((i * n) / B));
  const y = Array.from({ length: B }, (_, i) => Math.log(medianOf(samples, edges[i], edges[i + 1])));
  const d = y.slice(1).map((v, i) => Math.abs(v - y[i]));
  const sigma = Math.max(0.002, (1.4826 * medianOf(d, 0, d.length)) / Math.SQRT2);
  const level = (a: number, b: number) => medianOf(samples, edges[a], edges[b]);
  const cuts = [0, ...optimalPartition(y, o.penalty * sigma * sigma * Math.log(B), 2), B];
  // Keep only abrupt steps: the smallest step under delta goes, levels are recomputed, until all pass.
  while (cuts.length > 2) {
    let worst = -1;
    let worstStep = Infinity;
    for (let i = 1; i + 1 < cuts.length; i++) {
      const step = Math.abs(Math.log(level(cuts[i - 1], cuts[i]) / level(cuts[i], cuts[i + 1])));
      if (step < worstStep) [worst, worstStep] = [i, step];
    }
    if (worstStep >= Math.log(1 + o.delta)) break;
    cuts.splice(worst, 1);
  }
  const segs = cuts.slice(0, -1).map((c, i) => ({ start: edges[c], end: edges[cuts[i + 1]], level: level(c, cuts[i + 1]), state: 0 }));
  // Group segment levels: sorted, a new state starts where a level is more than delta above the previous.
  const order = [...segs].sort((p, q) => p.level - q.level);
  order.forEach(
    (s, i) => (s.state = i > 0 && s.level > order[i - 1].level * (1 + o.delta) ? order[i - 1].state + 1 : i > 0 ? order[i - 1].state : 0),
  );
  const build = (): (PerformanceState | null)[] => {
    const k = Math.max(...segs.map((s) => s.state)) + 1;
    return Array.from({ length: k }, (_, j) => {
      const mine = segs.filter((s) => s.state === j);
      const idx = mine.flatMap((s) => Array.from({ length: s.end - s.start }, (_, t) => s.start + t));
      if (!idx.length) return null;
      const values = Float64Array.from(idx, (i) => samples[i]);
      const st: PerformanceState = { level: medianOf(values, 0, values.length), share: idx.length / n, visits: mine.length };
      if (perSample) st.perSample = idx.reduce((a, i) => a + (perSample[i] ?? 0), 0) / idx.length;
      return st;
    });
  };
  let states = build();
  for (;;) {
    const small = states.findIndex((s) => s !== null && s.share < o.minShare);
    if (small < 0 || states.filter(Boolean).length === 1) break;
    let best = -1;
    states.forEach((s, j) => {
      const lv = states[small]!.level;
      if (s && j !== small && (best < 0 || Math.abs(Math.log(s.level / lv)) < Math.abs(Math.log(states[best]!.level / lv)))) best = j;
    });
    for (const s of segs) if (s.state === small) s.state = best;
    states = build();
  }
  let switches = 0;
  const boundaries: number[] = [];
  for (let i = 1; i < segs.length; i++)
    if (segs[i].state !== segs[i - 1].state) {
      switches++;
      boundaries.push(segs[i].start);
    }
  const live = states.filter((s): s is PerformanceState => s !== null).sort((a, b) => a.level - b.level);
  return { verdict: live.length > 1 ? 'states' : 'steady', states: live, switches, boundaries };
}
