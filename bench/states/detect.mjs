// Offline prototype: does a sample sequence hold more than one performance state, and what are they?
//
//   node bench/states/detect.mjs                    every fixture in bench/states/fixtures/
//   node bench/states/detect.mjs FILE.json ...      given fixtures ({ samples: [...], gc?: [...] })
//   node bench/states/detect.mjs --simulate [--trials 300]
//                                                   false positives on steady synthetic sequences
//                                                   and detection power on two-state ones
//
// Method (detectStates below):
//  1. Cut the samples, in time order, into B contiguous blocks of equal count (B = 40, fewer when
//     there are under 5 samples per block; no verdict under 8 blocks) and take each block's median:
//     robust to single slow samples (a scavenge, a preemption) and far less autocorrelated than the
//     raw samples.
//  2. Change points on log(block medians) by E-divisive means with a permutation test
//     (changePoints from cyclebench/stats: alpha 0.01, 199 permutations, seeded, min segment 2 blocks).
//  3. Level of each segment = median of its raw samples. Segments whose levels are within DELTA (5%)
//     of each other form one state (single linkage on sorted levels), so a drift of a few percent or
//     a split of one level into two close ones is not called a state.
//  4. States holding under 5% of samples are folded into the nearest state (reported as transients).
//  Verdict: "states" when two or more remain, with per state: level (median), share of samples,
//  visits (segments), GC per sample when the fixture has per-sample GC counts; "switches" is the
//  number of boundaries between different states.
// Also printed for comparison: modes of a Gaussian kernel density of log(samples) (Silverman
// bandwidth; modes with at least 5% of the mass and 5% apart), which ignores time order.
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changePoints, createRng } from '../../dist/stats.js';

export const DEFAULTS = {
  blocks: 40,
  minPerBlock: 5,
  minBlocks: 8,
  penalty: 3,
  minSegmentBlocks: 2,
  delta: 0.1,
  minShare: 0.05,
  method: 'op',
};

const median = (xs) => {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/**
 * Optimal partitioning (exact dynamic programme, O(B^2)) of y into segments of at least minLen
 * with the squared-error cost and a penalty per change point. Returns the change indices.
 */
export function optimalPartition(y, penalty, minLen) {
  const B = y.length;
  const s1 = new Float64Array(B + 1),
    s2 = new Float64Array(B + 1);
  for (let i = 0; i < B; i++) {
    s1[i + 1] = s1[i] + y[i];
    s2[i + 1] = s2[i] + y[i] * y[i];
  }
  const cost = (a, b) => {
    const n = b - a,
      m = (s1[b] - s1[a]) / n;
    return s2[b] - s2[a] - n * m * m;
  };
  const F = new Float64Array(B + 1).fill(Infinity),
    prev = new Int32Array(B + 1).fill(-1);
  F[0] = -penalty;
  for (let t = minLen; t <= B; t++)
    for (let s = 0; s <= t - minLen; s++) {
      if (s !== 0 && s < minLen) continue;
      if (!Number.isFinite(F[s])) continue;
      const v = F[s] + cost(s, t) + penalty;
      if (v < F[t]) {
        F[t] = v;
        prev[t] = s;
      }
    }
  const cuts = [];
  for (let t = B; t > 0; t = prev[t]) if (prev[t] > 0) cuts.push(prev[t]);
  return cuts.reverse();
}

export function detectStates(samples, opts = {}, gc) {
  const o = { ...DEFAULTS, ...opts };
  const n = samples.length;
  const B = Math.min(o.blocks, Math.floor(n / o.minPerBlock));
  if (B < o.minBlocks) return { verdict: 'too-few-samples', states: [], switches: 0 };
  const edges = Array.from({ length: B + 1 }, (_, i) => Math.floor((i * n) / B));
  const y = [];
  for (let i = 0; i < B; i++) y.push(Math.log(median(samples.slice(edges[i], edges[i + 1]))));
  let cutIdx;
  if (o.method === 'edivisive') {
    cutIdx = changePoints(y, { alpha: 0.01, minSize: o.minSegmentBlocks, permutations: 199, seed: 1 }).map((c) => c.index);
  } else {
    // Block-to-block noise from first differences (robust to the few differences that are switches).
    const d = y.slice(1).map((v, i) => Math.abs(v - y[i]));
    const sigma = Math.max(0.002, (1.4826 * median(d)) / Math.SQRT2);
    cutIdx = optimalPartition(y, o.penalty * sigma * sigma * Math.log(B), o.minSegmentBlocks);
  }
  // Keep only abrupt steps: a boundary whose adjacent segment levels differ by less than delta is a
  // drift step, not a switch, and is removed (then the levels are recomputed, until all steps pass).
  const level = (a, b) => median(samples.slice(edges[a], edges[b]));
  let cuts = [0, ...cutIdx, B];
  for (let changed = true; changed && cuts.length > 2;) {
    changed = false;
    let worst = -1,
      worstStep = Infinity;
    for (let i = 1; i + 1 < cuts.length; i++) {
      const step = Math.abs(Math.log(level(cuts[i - 1], cuts[i]) / level(cuts[i], cuts[i + 1])));
      if (step < worstStep) {
        worstStep = step;
        worst = i;
      }
    }
    if (worstStep < Math.log(1 + o.delta)) {
      cuts.splice(worst, 1);
      changed = true;
    }
  }
  const segs = [];
  for (let i = 0; i + 1 < cuts.length; i++)
    segs.push({ start: edges[cuts[i]], end: edges[cuts[i + 1]], level: level(cuts[i], cuts[i + 1]) });
  // Cluster segment levels: sorted, a new state starts where the next level is > (1 + delta) x the previous.
  const order = [...segs].sort((p, q) => p.level - q.level);
  let state = 0;
  order.forEach((s, i) => {
    if (i > 0 && s.level > order[i - 1].level * (1 + o.delta)) state++;
    s.state = state;
  });
  const build = () => {
    const k = Math.max(...segs.map((s) => s.state)) + 1;
    return Array.from({ length: k }, (_, j) => {
      const mine = segs.filter((s) => s.state === j);
      const idx = mine.flatMap((s) => Array.from({ length: s.end - s.start }, (_, t) => s.start + t));
      if (!idx.length) return null;
      const st = { level: median(idx.map((i) => samples[i])), share: idx.length / n, visits: mine.length };
      if (gc) st.gcPerSample = idx.reduce((acc, i) => acc + (gc[i] ?? 0), 0) / idx.length;
      return st;
    });
  };
  let states = build();
  // Fold small states (under minShare of the samples) into the nearest by level.
  let transients = 0;
  for (;;) {
    const live = states.filter(Boolean);
    const small = states.findIndex((s) => s && s.share < o.minShare);
    if (small < 0 || live.length === 1) break;
    let best = -1;
    states.forEach((s, j) => {
      if (
        s &&
        j !== small &&
        (best < 0 || Math.abs(Math.log(s.level / states[small].level)) < Math.abs(Math.log(states[best].level / states[small].level)))
      )
        best = j;
    });
    for (const s of segs) if (s.state === small) s.state = best;
    transients++;
    states = build();
  }
  let switches = 0;
  for (let i = 1; i < segs.length; i++) if (segs[i].state !== segs[i - 1].state) switches++;
  states = states.filter(Boolean);
  return { verdict: states.length > 1 ? 'states' : 'steady', states, switches, changePoints: cuts.length - 2, transients, blocks: B };
}

/** Modes of a Gaussian KDE of log(samples), each with >= minShare of the mass and >= delta apart. */
export function kdeModes(samples, { delta = 0.05, minShare = 0.05, grid = 512 } = {}) {
  const x = Float64Array.from(samples, Math.log).sort();
  const n = x.length;
  const sd = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / n - (x.reduce((s, v) => s + v, 0) / n) ** 2);
  const iqr = x[Math.floor(0.75 * (n - 1))] - x[Math.floor(0.25 * (n - 1))];
  const h = 0.9 * Math.min(sd, iqr / 1.34) * n ** -0.2 || 1e-3;
  // Evaluate on the central 99% (outliers would stretch the grid) by binning then smoothing.
  const lo = x[Math.floor(0.005 * (n - 1))] - 3 * h,
    hi = x[Math.floor(0.995 * (n - 1))] + 3 * h;
  const step = (hi - lo) / (grid - 1);
  const bins = new Float64Array(grid);
  for (const v of x) {
    const j = Math.round((v - lo) / step);
    if (j >= 0 && j < grid) bins[j]++;
  }
  const dens = new Float64Array(grid);
  const w = Math.ceil((4 * h) / step);
  for (let i = 0; i < grid; i++)
    if (bins[i])
      for (let j = Math.max(0, i - w); j <= Math.min(grid - 1, i + w); j++)
        dens[j] += bins[i] * Math.exp(-0.5 * (((j - i) * step) / h) ** 2);
  // local maxima and the minima between them; mass of each mode's basin
  const peaks = [];
  for (let i = 1; i < grid - 1; i++) if (dens[i] > dens[i - 1] && dens[i] >= dens[i + 1]) peaks.push(i);
  const total = dens.reduce((a, b) => a + b, 0);
  let modes = peaks
    .map((p, k) => {
      const left = k === 0 ? 0 : argmin(dens, peaks[k - 1], p),
        right = k === peaks.length - 1 ? grid - 1 : argmin(dens, p, peaks[k + 1]);
      let m = 0;
      for (let i = left; i <= right; i++) m += dens[i];
      return { at: Math.exp(lo + p * step), mass: m / total, height: dens[p] };
    })
    .filter((m) => m.mass >= minShare);
  // merge modes closer than delta (keep the higher)
  modes.sort((a, b) => a.at - b.at);
  const merged = [];
  for (const m of modes) {
    const last = merged.at(-1);
    if (last && m.at < last.at * (1 + delta)) {
      if (m.height > last.height) {
        m.mass += last.mass;
        merged[merged.length - 1] = m;
      } else last.mass += m.mass;
    } else merged.push(m);
  }
  return merged;
}
function argmin(a, i, j) {
  let k = i;
  for (let t = i; t <= j; t++) if (a[t] < a[k]) k = t;
  return k;
}

// ---- synthetic sequences ----
const gauss = (rng) => rng.normal();
/**
 * A steady sequence: lognormal noise (cv), AR(1) drift of the level (drift: its sd, phi 0.995 per
 * sample: slow wander like a shared VM), and GC-like spikes (spikeRate of samples 2-4x slower).
 * Two-state: `states` = [{ ratio, share }], visited in `visits` alternating stretches.
 */
export function synth(rng, { n = 2000, cv = 0.03, drift = 0.01, spikeRate = 0.01, ratio = 1, share = 0.5, visits = 2 } = {}) {
  const out = new Float64Array(n);
  let d = 0;
  const phi = 0.995,
    innov = drift * Math.sqrt(1 - phi * phi);
  // stretches: alternate states; the slow state's total share = share
  const bounds = [];
  for (let k = 0; k < visits; k++) bounds.push((k + 0.5) / visits);
  for (let i = 0; i < n; i++) {
    d = phi * d + innov * gauss(rng);
    const pos = i / n;
    // within each of `visits` equal windows, the first (1 - share) part fast, the rest slow
    const w = (pos * visits) % 1;
    const slow = ratio !== 1 && w >= 1 - share;
    let v = 10000 * (slow ? ratio : 1) * Math.exp(cv * gauss(rng) + d);
    if (rng.random() < spikeRate) v *= 2 + 2 * rng.random();
    out[i] = v;
  }
  return out;
}

function simulate(trials) {
  const rng = createRng(12345);
  const rows = [];
  const cases = [
    { label: 'steady, cv 2%, no drift', cv: 0.02, drift: 0 },
    { label: 'steady, cv 3%, drift sd 1%', cv: 0.03, drift: 0.01 },
    { label: 'steady, cv 5%, drift sd 2%', cv: 0.05, drift: 0.02 },
    { label: 'steady, cv 5%, drift sd 4%', cv: 0.05, drift: 0.04 },
    { label: 'steady, cv 10%, drift sd 2%, 5% spikes', cv: 0.1, drift: 0.02, spikeRate: 0.05 },
    { label: 'steady, cv 3%, drift sd 8%', cv: 0.03, drift: 0.08 },
    { label: '2 states 1.10x, 40% slow, 2 visits', cv: 0.03, drift: 0.01, ratio: 1.1, share: 0.4, visits: 2 },
    { label: '2 states 1.25x, 20% slow, 1 visit', cv: 0.03, drift: 0.01, ratio: 1.25, share: 0.2, visits: 1 },
    { label: '2 states 1.50x, 40% slow, 3 visits', cv: 0.03, drift: 0.01, ratio: 1.5, share: 0.4, visits: 3 },
    { label: '2 states 1.50x, 10% slow, 1 visit', cv: 0.05, drift: 0.02, ratio: 1.5, share: 0.1, visits: 1 },
    { label: '2 states 1.60x, 50% slow, 5 visits', cv: 0.1, drift: 0.02, spikeRate: 0.02, ratio: 1.6, share: 0.5, visits: 5 },
  ];
  for (const n of [60, 500, 5000]) {
    for (const c of cases) {
      let hit = 0,
        ed = 0,
        kde = 0,
        exact = 0;
      for (let t = 0; t < trials; t++) {
        const s = synth(rng, { n, ...c });
        const r = detectStates(s);
        if (r.verdict === 'states') hit++;
        if (r.states.length === (c.ratio ? 2 : 1)) exact++;
        if (detectStates(s, { method: 'edivisive' }).verdict === 'states') ed++;
        if (kdeModes(s).length > 1) kde++;
      }
      const p = (x) => ((100 * x) / trials).toFixed(1).padStart(5) + '%';
      rows.push({ n, case: c.label, op: hit / trials, exact: exact / trials, edivisive: ed / trials, kde: kde / trials });
      console.log(
        `n=${String(n).padEnd(5)} ${c.label.padEnd(42)} "states" verdicts: OP ${p(hit)} (right count ${p(exact)})  E-divisive ${p(ed)}  KDE modes ${p(kde)}`,
      );
    }
  }
  return rows;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  if (argv.includes('--simulate')) {
    const i = argv.indexOf('--trials');
    simulate(i < 0 ? 300 : +argv[i + 1]);
  } else {
    const files = argv.length
      ? argv
      : readdirSync(join(here, 'fixtures'))
          .filter((f) => f.endsWith('.json'))
          .map((f) => join(here, 'fixtures', f));
    for (const f of files) {
      const fx = JSON.parse(readFileSync(f, 'utf8'));
      const seqs = fx.sequences ?? [fx];
      for (const s of seqs) {
        const r = detectStates(s.samples, {}, s.gc);
        const k = kdeModes(s.samples);
        const st = r.states
          .map(
            (x) =>
              `${(x.level / 1000).toFixed(2)} us (${(100 * x.share).toFixed(0)}%${x.visits > 1 ? `, ${x.visits} visits` : ''}${x.gcPerSample !== undefined ? `, gc/sample ${x.gcPerSample.toFixed(2)}` : ''})`,
          )
          .join(', ');
        let byCanary = '';
        if (s.canary) {
          // Sequences with a canary per sample (probe.mjs): class samples by the machine state instead.
          const thr = fx.canaryThreshold ?? 1.15 * [...s.canary].sort((a, b) => a - b)[Math.floor(0.1 * (s.canary.length - 1))];
          const fast = s.samples.filter((_, i) => s.canary[i] <= thr),
            slow = s.samples.filter((_, i) => s.canary[i] > thr);
          byCanary = `  | by canary: machine-fast ${fast.length ? (median(fast) / 1000).toFixed(2) : '-'} us (${((100 * fast.length) / s.samples.length).toFixed(0)}%), machine-slow ${slow.length ? (median(slow) / 1000).toFixed(2) : '-'} us`;
        }
        console.log(
          `${basename(f)}${s.label ? ' ' + s.label : ''} n=${s.samples.length}: ${r.verdict}${r.states.length ? ': ' + st : ''}; switches ${r.switches}, change points ${r.changePoints ?? 0}  | KDE modes: ${k.map((m) => `${(m.at / 1000).toFixed(2)} (${(100 * m.mass).toFixed(0)}%)`).join(', ')}${byCanary}`,
        );
      }
    }
  }
}
