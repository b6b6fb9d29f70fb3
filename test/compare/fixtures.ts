/**
 * Synthetic results for regression tests: seeded random samples from one distribution, no real timing.
 * Samples are log-normal-ish around `centreNs` with relative spread `cv`.
 */
import { SCHEMA_VERSION, type BenchResult, type RunResult, type SampleStats } from '../../src/result/types.js';

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gauss(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** n samples around centre with relative spread cv. */
export function samples(centre: number, n: number, seed: number, cv = 0.02): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => centre * Math.exp(cv * gauss(r)));
}

function q(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

/** SampleStats of samples (normal-approximation order-statistic CI of the median). */
export function statsOf(x: number[]): SampleStats {
  const s = [...x].sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const median = q(s, 0.5);
  const k = Math.max(0, Math.floor(n / 2 - (1.96 * Math.sqrt(n)) / 2));
  const mad = q(
    [...s.map((v) => Math.abs(v - median))].sort((a, b) => a - b),
    0.5,
  );
  return {
    n,
    mean,
    median,
    p50: median,
    p75: q(s, 0.75),
    p90: q(s, 0.9),
    p95: q(s, 0.95),
    p99: q(s, 0.99),
    p999: q(s, 0.999),
    min: s[0],
    max: s[n - 1],
    stddev: sd,
    mad,
    cv: sd / mean,
    medianCI: { lo: s[k], hi: s[Math.min(n - 1, n - 1 - k)], confidence: 0.95 },
    opsPerSec: 1e9 / median,
  };
}

/** One benchmark result from samples. */
export function bench(id: string, x: number[], extra: Partial<BenchResult> = {}): BenchResult {
  return {
    id,
    name: id.split('/').pop()!,
    status: 'ok',
    kind: 'cpu',
    unit: 'ns',
    stats: statsOf(x),
    samples: x,
    iterations: x.map(() => 1000),
    totalIterations: x.length * 1000,
    stopReason: 'precision',
    wallMs: 100,
    flags: {},
    ...extra,
  };
}

/** An errored benchmark. */
export function erroredBench(id: string, message = 'boom'): BenchResult {
  return {
    id,
    name: id,
    status: 'error',
    error: { name: 'Error', message },
    kind: 'cpu',
    unit: 'ns',
    totalIterations: 0,
    stopReason: 'error',
    wallMs: 1,
    flags: {},
  };
}

/** Default benchmark centres (ns) of a synthetic suite. */
export const SUITE: Record<string, number> = {
  parse: 12_000,
  'json/stringify': 850,
  'db/query': 10_900_000,
  'db/insert': 2_400_000,
  'math/sum[n=1000]': 450,
};

/** A run of the synthetic suite; `slow` multiplies chosen benchmarks' centres. */
export function makeRun(
  seed: number,
  opts: {
    slow?: Record<string, number>;
    n?: number;
    cv?: number;
    tag?: string;
    only?: string[];
    dropSamples?: boolean;
    env?: Partial<RunResult['environment']>;
    mode?: RunResult['mode'];
  } = {},
): RunResult {
  const ids = opts.only ?? Object.keys(SUITE);
  const benchmarks = ids.map((id, i) => {
    // One call per sample (callsPerSample: 1): the synthetic suite's percentiles are over calls.
    const b = bench(id, samples(SUITE[id] * (opts.slow?.[id] ?? 1), opts.n ?? 100, seed * 1000 + i, opts.cv ?? 0.02), {
      iterations: Array(opts.n ?? 100).fill(1),
      totalIterations: opts.n ?? 100,
      percentilesOver: 'calls',
    });
    if (opts.dropSamples) {
      delete b.samples;
      delete b.iterations;
    }
    return b;
  });
  return runOf(benchmarks, { tag: opts.tag, env: opts.env, mode: opts.mode });
}

/** Wraps benchmarks in a RunResult with a fixed environment. */
export function runOf(
  benchmarks: BenchResult[],
  o: { tag?: string; env?: Partial<RunResult['environment']>; mode?: RunResult['mode'] } = {},
): RunResult {
  const r: RunResult = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'cyclebench', version: '0.1.0' },
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:10.000Z',
    mode: o.mode ?? 'time',
    environment: {
      cpu: { model: 'Test CPU @ 2.60GHz', logicalCores: 2, governor: null, arch: 'x64' },
      os: { platform: 'linux', type: 'Linux', kernel: '6.1.0' },
      runtime: { node: 'v20.20.2', v8: '11.3.244.8-node.33', execArgv: [] },
      clock: { name: 'tsc', frequencyHz: 2.6e9, frequencySource: 'calibrated', resolutionNs: 0.4, overheadNs: 12 },
      native: { available: true, source: 'build/Release' },
      git: { commit: '0123456789abcdef0123456789abcdef01234567', branch: 'main', dirty: false },
      ...o.env,
    },
    benchmarks,
    groups: [],
    complexity: [],
  };
  if (o.tag) r.tag = o.tag;
  return r;
}

/** Captured command I/O in a temp cwd. */
export function captureIO(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      cwd,
      env,
      stdout: { write: (s: string) => out.push(s), isTTY: false },
      stderr: { write: (s: string) => err.push(s), isTTY: false },
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
