/** How a verdict shows memory and CPU compared between runs (src/compare/resources.ts). */
import type { BenchComparison } from '../compare/compare-runs.js';
import type { GateReport } from '../compare/gate.js';

/** The verdict word of a row: `REGRESSION` for a slowdown, `REGRESSION (CPU)` when only CPU per operation grew past its band. */
export function timeVerdictWord(row: BenchComparison): string {
  if (!row.regression) return row.verdict ?? '';
  return row.verdict === 'slower' || !row.resources?.some((c) => c.severity === 'regression')
    ? 'REGRESSION'
    : `REGRESSION (CPU; time ${row.verdict})`;
}

/** A heading and one line per compared resource (`  search: peak RSS +35.0% (band ±20.0%): warning`); empty when none was compared. */
export function resourceChangeLines(r: GateReport): string[] {
  const rows = (r.comparison?.benchmarks ?? []).filter((b) => b.resources?.length);
  if (!rows.length) return [];
  return [
    'Resources (memory growth past its band warns; CPU growth past its band is a regression)',
    ...rows.flatMap((b) => b.resources!.map((c) => `  ${b.id}: ${c.text}`)),
  ];
}
