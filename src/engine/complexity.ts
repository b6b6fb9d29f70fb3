/** Complexity fits across a benchmark's one varying numeric argument. */
import { fitComplexity } from '../stats/index.js';
import type { BenchResult, ComplexityFit } from '../result/types.js';

/** Complexity fits for benchmarks whose only varying argument is numeric (3+ points). */
export function complexityFits(results: BenchResult[]): ComplexityFit[] {
  const families = new Map<string, BenchResult[]>();
  for (const r of results) {
    if (r.status !== 'ok' || !r.args || !r.stats) continue;
    const key = `${r.group ?? ''}/${r.name}`;
    families.set(key, [...(families.get(key) ?? []), r]);
  }
  const fits: ComplexityFit[] = [];
  for (const [key, rs] of families) {
    const axes = Object.keys(rs[0].args!).filter((k) => new Set(rs.map((r) => r.args![k])).size > 1);
    if (axes.length !== 1 || rs.length < 3) continue;
    const axis = axes[0];
    if (!rs.every((r) => typeof r.args![axis] === 'number' && (r.args![axis] as number) > 0)) continue;
    const n = rs.map((r) => r.args![axis] as number);
    const t = rs.map((r) => Math.max(r.stats!.median, 0));
    // Relative residuals, so a single disturbed large-n point cannot flip the class; absolute only
    // when some point is indistinguishable from the empty loop (t = 0).
    const weighting = t.every((v) => v > 0) ? 'relative' : 'absolute';
    const fit = fitComplexity(n, t, { weighting });
    fits.push({
      id: key.replace(/^\//, ''),
      axis,
      weighting,
      best: fit.name,
      coefficient: fit.coefficient,
      rms: Object.fromEntries(fit.candidates.map((c) => [c.name, c.rms])),
    });
  }
  return fits;
}
