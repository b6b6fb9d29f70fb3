/**
 * `vitest bench --outputJson FILE`: `{ files: [{ filepath, groups: [{ fullName, benchmarks: [...] }] }] }`,
 * each benchmark tinybench's statistics in milliseconds (`mean`, `median`, `p75`, `p99`, `p995`,
 * `p999`, `min`, `max`, `sd`, `moe`, `sampleCount`, `totalTime`, `hz`). `samples` is always written
 * empty, and a benchmark that failed has no statistics at all.
 *
 * The median's 95% interval is not in the file. It is estimated from what is: the asymptotic
 * standard error of a sample median, 1 / (2 f(m) sqrt(n)), with the density at the median f(m) taken
 * as 0.25 / (p75 - median) (a quarter of the samples lie between them; no lower quartile is written).
 * For the right-skewed timings of benchmarks this density is at most the true one, so the interval
 * errs wide. The mean's `moe` is not used: it bounds the mean, which rare long pauses dominate.
 */
import type { BenchResult, SampleStats } from '../result/types.js';
import {
  failedBench,
  importedEnvironment,
  importedRun,
  isObj,
  measuredBench,
  notThe,
  num,
  UNKNOWN,
  type ImportContext,
  type Obj,
} from './build.js';
import type { RunResult } from '../result/types.js';

const WHAT = 'the JSON of `vitest bench --outputJson`';
const MS = 1e6;
const Z95 = 1.959963984540054;

/** How `importedFrom.ci` describes the interval. */
export const VITEST_CI =
  "median ± 1.96 · 2 (p75 − median) / √n: the sample median's asymptotic standard error with the density at the median estimated from the upper quartile (vitest writes no samples)";

/** True when `json` has the shape vitest writes. */
export function looksLikeVitest(json: unknown): boolean {
  return isObj(json) && Array.isArray(json.files) && json.files.every((f) => isObj(f) && Array.isArray(f.groups));
}

function stats(b: Obj): SampleStats | null {
  const ms = (k: string) => (num(b[k]) === null ? UNKNOWN : num(b[k])! * MS);
  const median = num(b.median);
  const n = num(b.sampleCount);
  if (median === null || n === null || n < 1) return null;
  const m = median * MS;
  const p75 = num(b.p75);
  const half = p75 !== null && p75 >= median ? (Z95 * 2 * (p75 - median) * MS) / Math.sqrt(n) : null;
  const mean = ms('mean');
  const sd = ms('sd');
  return {
    n,
    mean,
    median: m,
    p50: m,
    p75: ms('p75'),
    p90: UNKNOWN,
    p95: UNKNOWN,
    p99: ms('p99'),
    p999: ms('p999'),
    min: ms('min'),
    max: ms('max'),
    stddev: sd,
    mad: UNKNOWN,
    cv: mean && sd !== null ? sd / mean : UNKNOWN,
    medianCI: { lo: half === null ? UNKNOWN : Math.max(m - half, 0), hi: half === null ? UNKNOWN : m + half, confidence: 0.95 },
    ...(m > 0 ? { opsPerSec: 1e9 / m } : {}),
  };
}

/**
 * Converts vitest's benchmark JSON. Ids are `describe path/name`, the test file left out (as
 * cyclebench ids leave it out); `group` is the describe path and `file` the test file.
 */
export function fromVitest(json: unknown, ctx: ImportContext): RunResult {
  if (!looksLikeVitest(json)) throw notThe(ctx, WHAT, 'expected an object with "files": [{ "filepath", "groups": [...] }]');
  const benchmarks: BenchResult[] = [];
  for (const file of (json as { files: Obj[] }).files) {
    for (const [gi, g] of (file.groups as unknown[]).entries()) {
      if (!isObj(g) || typeof g.fullName !== 'string' || !Array.isArray(g.benchmarks))
        throw notThe(ctx, WHAT, `files[].groups[${gi}] needs "fullName" and "benchmarks"`);
      // fullName is "file > describe > describe"; the file is the first part.
      const [testFile, ...path] = g.fullName.split(' > ');
      const group = path.length ? path.join('/') : undefined;
      for (const b of g.benchmarks as unknown[]) {
        if (!isObj(b) || typeof b.name !== 'string') throw notThe(ctx, WHAT, `a benchmark of group "${g.fullName}" has no "name"`);
        const id = group ? `${group}/${b.name}` : b.name;
        const s = stats(b);
        const r = s
          ? measuredBench(id, b.name, group, s, s.n, num(b.totalTime) ?? 0)
          : failedBench(id, b.name, group, 'vitest recorded no statistics for it: it failed (or did not run) in vitest');
        r.file = testFile;
        benchmarks.push(r);
      }
    }
  }
  if (!benchmarks.length) throw notThe(ctx, WHAT, 'it holds no benchmarks');
  // vitest records no start time or machine: the file's time and an unknown environment.
  return importedRun(ctx, { tool: 'vitest', ci: VITEST_CI }, importedEnvironment('vitest'), benchmarks, ctx.writtenAt);
}
