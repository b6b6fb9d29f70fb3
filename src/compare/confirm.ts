/**
 * Confirmation: before failing, re-run only the benchmarks that look regressed, `policy.confirm`
 * times, and keep a regression only if it reproduces in every re-run (`confirmRule: 'all'`, the
 * default) or in more than half of them (`'majority'`). The run command supplies `rerun`.
 */
import type { RunResult } from '../result/types.js';
import { compareRuns, type RunComparison } from './compare-runs.js';
import type { Policy } from './policy.js';

/** Re-runs the given benchmark ids and returns their fresh results. */
export type Rerun = (ids: string[]) => Promise<RunResult>;

/** What happened during confirmation. */
export interface ConfirmationReport {
  runs: number;
  rule: Policy['confirmRule'];
  /** id -> reproduced count. */
  reproduced: Record<string, number>;
  confirmed: string[];
  dismissed: string[];
}

/**
 * Confirms the regressions of `comparison` (made from `base`) by re-running them. Returns a new
 * comparison whose `regressions` holds only the confirmed ones; dismissed rows keep their numbers
 * but get `regression: false` and a `confirmation` note. With `policy.confirm` 0 or no suspects,
 * returns the comparison unchanged.
 */
export async function confirmRegressions(
  comparison: RunComparison,
  base: RunResult,
  rerun: Rerun,
  policy: Policy,
): Promise<{ comparison: RunComparison; report: ConfirmationReport | null }> {
  const suspects = comparison.regressions;
  const runs = Math.max(0, Math.floor(policy.confirm));
  if (runs === 0 || suspects.length === 0) return { comparison, report: null };
  const reproduced: Record<string, number> = Object.fromEntries(suspects.map((id) => [id, 0]));
  const attempted: Record<string, number> = Object.fromEntries(suspects.map((id) => [id, 0]));
  const needed = policy.confirmRule === 'all' ? runs : Math.floor(runs / 2) + 1;
  for (let i = 0; i < runs; i++) {
    // Under 'all' a single miss dismisses; under 'majority' stop once the outcome is decided.
    const pending = suspects.filter((id) => {
      const misses = attempted[id] - reproduced[id];
      return reproduced[id] < needed && misses <= runs - needed;
    });
    if (pending.length === 0) break;
    const fresh = await rerun(pending);
    const again = compareRuns(base, fresh, policy, { only: pending });
    for (const id of pending) {
      attempted[id]++;
      if (again.regressions.includes(id)) reproduced[id]++;
    }
  }
  const confirmed = suspects.filter((id) => reproduced[id] >= needed);
  const dismissed = suspects.filter((id) => !confirmed.includes(id));
  const benchmarks = comparison.benchmarks.map((row) => {
    if (!suspects.includes(row.id)) return row;
    const ok = confirmed.includes(row.id);
    const note = `${ok ? 'confirmed' : 'not confirmed'} in ${reproduced[row.id]} of ${attempted[row.id]} re-run${attempted[row.id] === 1 ? '' : 's'}`;
    return {
      ...row,
      regression: ok,
      verdict: ok ? row.verdict : ('inconclusive' as const),
      confirmation: { reproduced: reproduced[row.id], runs: attempted[row.id], confirmed: ok },
      message: `${row.message}; ${note}`,
    };
  });
  return {
    comparison: { ...comparison, benchmarks, regressions: confirmed },
    report: { runs, rule: policy.confirmRule, reproduced, confirmed, dismissed },
  };
}
