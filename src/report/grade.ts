/**
 * Grades A+..F and the consistency score (docs/regression.md, "Grades"). Pure: a benchmark's result
 * and its evaluated targets in, a grade with the reasons for every cap out. A failure is never hidden:
 * a missed target grades C at best, an errored benchmark or probable dead code F.
 */
import type { TargetResult } from '../compare/targets.js';
import { GRADES, type BenchGrade, type BenchResult, type GradeLetter, type RunResult } from '../result/types.js';
import { formatPct, isNum } from '../result/text.js';

/** Normal-consistency factor: 1.4826 MAD estimates the standard deviation of normal data. */
const MAD_TO_SD = 1.4826;

/** Lowest consistency for each letter, best first (A+ needs a robust CV under 1%). */
const STEPS: [number, GradeLetter][] = [
  [0.99, 'A+'],
  [0.98, 'A'],
  [0.95, 'B'],
  [0.9, 'C'],
  [0.75, 'D'],
];

/** Median CI half-width beyond which a result cannot resolve the default ±5% noise band. */
const RESOLVABLE = 0.05;

/** 1 - 1.4826 MAD / |median| clamped to [0, 1]: one minus the robust coefficient of variation. */
export function consistency(b: BenchResult): number | null {
  const s = b.stats;
  if (b.status !== 'ok' || !s || !isNum(s.mad) || !isNum(s.median) || s.median === 0) return null;
  return Math.min(1, Math.max(0, 1 - (MAD_TO_SD * s.mad) / Math.abs(s.median)));
}

/** The letter a consistency score earns on its own. */
export function letterFor(c: number): GradeLetter {
  return STEPS.find(([min]) => c >= min)?.[1] ?? 'F';
}

const worse = (a: GradeLetter, b: GradeLetter): GradeLetter => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b);

/** How far a missed target is from its limit as a factor (>= 1), or null when it could not be judged. */
function missFactor(t: TargetResult): number | null {
  if (t.value === null || !(t.value > 0) || !(t.limit > 0)) return null;
  return t.op === '<' || t.op === '<=' ? t.value / t.limit : t.limit / t.value;
}

/** Grades one benchmark against its stability and its evaluated targets (those whose `id` is its id). */
export function gradeBench(b: BenchResult, targets: readonly TargetResult[] = []): BenchGrade {
  const mine = targets.filter((t) => t.id === b.id);
  const counts = { total: mine.length, missed: mine.filter((t) => !t.pass).length };
  if (b.status === 'skipped')
    return { grade: null, consistency: null, reasons: [`skipped: ${b.skipReason ?? 'no reason given'}`], targets: counts };
  if (b.status === 'error') return { grade: 'F', consistency: null, reasons: ['errored'], targets: counts };
  const c = consistency(b);
  const reasons: string[] = [];
  let grade: GradeLetter = c === null ? 'F' : letterFor(c);
  const cap = (limit: GradeLetter, why: string) => {
    grade = worse(grade, limit);
    reasons.push(`${why}: ${limit} at best`);
  };
  if (c === null) reasons.push('no consistency: no median to measure spread against');
  const s = b.stats;
  if (s && isNum(s.medianCI?.lo) && isNum(s.medianCI?.hi) && s.median !== 0) {
    const half = (s.medianCI.hi - s.medianCI.lo) / 2 / Math.abs(s.median);
    if (half > RESOLVABLE) cap('C', `median CI ±${formatPct(half)} is wider than ±${formatPct(RESOLVABLE)}`);
  }
  if (b.flags.warmupUnsettled) cap('B', 'warm-up ended before timings settled');
  if (b.flags.deadCode) cap('F', 'cannot be told apart from an empty loop');
  for (const t of mine) {
    if (t.pass) continue;
    const f = missFactor(t);
    if (f === null) cap('C', `target ${t.target} could not be judged (${t.reason ?? 'no value'})`);
    else cap(f >= 2 ? 'D' : 'C', `missed target ${t.target} (${t.marginText})`);
  }
  return { grade, consistency: c, reasons, targets: counts };
}

/** Grades of every benchmark of a run, by id. */
export function gradeRun(run: RunResult, targets: readonly TargetResult[] = []): Map<string, BenchGrade> {
  return new Map(run.benchmarks.map((b) => [b.id, gradeBench(b, targets)]));
}

/** The run with each benchmark's `grade` filled in (what `report --format json` writes). */
export function withGrades(run: RunResult, targets: readonly TargetResult[] = []): RunResult {
  return { ...run, benchmarks: run.benchmarks.map((b) => ({ ...b, grade: gradeBench(b, targets) })) };
}

/** `A (98.7%)`, `F (errored)`, `n/a (skipped)`: a grade with its consistency for tables. */
export function gradeText(g: BenchGrade): string {
  if (g.grade === null) return 'n/a (skipped)';
  return `${g.grade}${g.consistency === null ? '' : ` (${formatPct(g.consistency)})`}`;
}
