/**
 * Confirmation: before failing, re-run only the benchmarks that look regressed, `policy.confirm`
 * times, and keep a regression only if it reproduces in every re-run (`confirmRule: 'all'`, the
 * default) or in more than half of them (`'majority'`). The run command supplies `rerun`, which
 * measures in fresh processes. A suspect measured over processes (`--processes`, both sides) is judged
 * after each re-run on all its processes so far, the run's and the re-runs' pooled: the process is
 * already the unit of its interval, so a re-run adds evidence instead of a second, independent bar
 * to clear (three separate 5-process tests found a real 5% slowdown in 11 of 20 tries here;
 * docs/precision.md). For the same reason a row over processes that is *unclear* (inconclusive, its
 * estimate past the band) is a suspect too: its interval is wide because one of five processes landed
 * elsewhere, and more processes settle it (the two misses of 20 at +5% in the detection benchmark were
 * such rows: +1.2%, CI -5.2%..+8.1%, and +8.2%, CI -1.5%..+18.8%). Such a row is re-run while the
 * pooled comparison stays unclear; it becomes a regression if the last pooled comparison flags it and
 * every one after the first that did (`unclearOpen`); the row then carries the pooled numbers.
 * A re-run that does not measure a suspect is never read as a dismissal:
 * a missing benchmark is an error of the tool (`E_RERUN`), an errored one is reported as errored.
 */
import { CycleBenchError } from '../errors.js';
import type { RunResult } from '../result/types.js';
import { compareRuns, comparisonMessage, type BenchComparison, type RunComparison } from './compare-runs.js';
import type { Policy } from './policy.js';

/** Re-runs the given benchmark ids and returns their fresh results. */
export type Rerun = (ids: string[]) => Promise<RunResult>;

/**
 * Whether an unclear suspect needs another re-run: not once the pooled comparison says same or faster,
 * nor once it stopped flagging after it had flagged; else until the re-runs are spent (checked by the caller).
 */
function unclearOpen(attempts: readonly ConfirmationAttempt[]): boolean {
  const last = attempts.at(-1);
  if (!last) return true;
  if (last.verdict === 'same' || last.verdict === 'faster') return false;
  return last.reproduced || !attempts.some((a) => a.reproduced);
}

/** What one re-run measured for one suspect, against the base. */
export interface ConfirmationAttempt {
  /** 1-based number of the re-run. */
  run: number;
  ratio: number | null;
  ci: [number, number] | null;
  pValue: number | null;
  verdict: BenchComparison['verdict'];
  /** The regression reproduced in this re-run. */
  reproduced: boolean;
  /** Over processes: how many processes of the current side the comparison pooled (the run's and the re-runs' so far). */
  processes?: number;
}

/** What happened during confirmation. */
export interface ConfirmationReport {
  runs: number;
  rule: Policy['confirmRule'];
  /** id -> reproduced count. */
  reproduced: Record<string, number>;
  /** id -> what each re-run measured. */
  attempts: Record<string, ConfirmationAttempt[]>;
  confirmed: string[];
  dismissed: string[];
  /** Suspects that were unclear rows over processes (not regressions of the run), re-run for more processes. */
  unclear: string[];
  /** Suspects whose benchmark errored in a re-run: neither confirmed nor dismissed. */
  errored: { id: string; run: number; message: string }[];
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
  current?: RunResult,
): Promise<{ comparison: RunComparison; report: ConfirmationReport | null }> {
  const unclear = comparison.benchmarks
    .filter((r) => r.method === 'processes' && r.verdict === 'inconclusive' && !r.regression && r.ratio !== null && r.ratio > 1 + r.noise)
    .map((r) => r.id)
    .filter((id) => current?.benchmarks.find((b) => b.id === id)?.processes);
  const suspects = [...comparison.regressions, ...unclear];
  const runs = Math.max(0, Math.floor(policy.confirm));
  if (runs === 0 || suspects.length === 0) return { comparison, report: null };
  const attempts: Record<string, ConfirmationAttempt[]> = Object.fromEntries(suspects.map((id) => [id, []]));
  const errored: ConfirmationReport['errored'] = [];
  const reproducedCount = (id: string) => attempts[id].filter((a) => a.reproduced).length;
  const needed = policy.confirmRule === 'all' ? runs : Math.floor(runs / 2) + 1;
  // id -> the process medians of the current side so far (only for suspects compared over processes).
  const pooled = new Map<string, number[]>();
  for (const row of comparison.benchmarks)
    if (suspects.includes(row.id) && row.method === 'processes') {
      const medians = current?.benchmarks.find((b) => b.id === row.id)?.processes?.medians;
      if (medians) pooled.set(row.id, [...medians]);
    }
  for (let i = 1; i <= runs; i++) {
    // Under 'all' a single miss dismisses; under 'majority' stop once the outcome is decided.
    const pending = suspects.filter((id) => {
      if (errored.some((e) => e.id === id)) return false;
      if (unclear.includes(id)) return unclearOpen(attempts[id]);
      const misses = attempts[id].length - reproducedCount(id);
      return reproducedCount(id) < needed && misses <= runs - needed;
    });
    if (pending.length === 0) break;
    const fresh = await rerun(pending);
    const measured = new Map(fresh.benchmarks.map((b) => [b.id, b]));
    const lost = pending.filter((id) => !measured.has(id));
    if (lost.length)
      throw new CycleBenchError(
        'E_RERUN',
        `confirmation re-run ${i} of ${runs} did not measure ${lost.join(', ')} (it measured ${fresh.benchmarks.length ? fresh.benchmarks.map((b) => b.id).join(', ') : 'nothing'}); the regression can be neither confirmed nor dismissed.`,
      );
    // The re-run as judged: a suspect over processes carries every process measured so far.
    const judged = {
      ...fresh,
      benchmarks: fresh.benchmarks.map((b) => {
        const soFar = pooled.get(b.id);
        if (!soFar || !b.processes) return b;
        soFar.push(...b.processes.medians);
        return { ...b, processes: { ...b.processes, medians: [...soFar] } };
      }),
    };
    const again = compareRuns(base, judged, policy, { only: pending });
    for (const id of pending) {
      const b = measured.get(id)!;
      if (b.status !== 'ok') {
        errored.push({ id, run: i, message: `${b.status} in confirmation re-run ${i}: ${b.error?.message ?? b.skipReason ?? b.status}` });
        continue;
      }
      const row = again.benchmarks.find((r) => r.id === id)!;
      attempts[id].push({
        run: i,
        ratio: row.ratio,
        ci: row.ci,
        pValue: row.adjustedP ?? row.pValue,
        verdict: row.verdict,
        reproduced: row.regression,
        ...(row.method === 'processes' && pooled.has(id) ? { processes: pooled.get(id)!.length } : {}),
      });
    }
  }
  const unresolved = new Set(errored.map((e) => e.id));
  const confirmed = suspects.filter(
    (id) => !unresolved.has(id) && (unclear.includes(id) ? attempts[id].at(-1)?.reproduced === true : reproducedCount(id) >= needed),
  );
  const dismissed = suspects.filter((id) => !unresolved.has(id) && !confirmed.includes(id));
  const reproduced = Object.fromEntries(suspects.map((id) => [id, reproducedCount(id)]));
  const benchmarks = comparison.benchmarks.map((row) => {
    if (!suspects.includes(row.id) || unresolved.has(row.id)) return row;
    const ok = confirmed.includes(row.id);
    const n = attempts[row.id].length;
    if (unclear.includes(row.id)) {
      const last = attempts[row.id][n - 1];
      const note = `unclear, re-run ${n} time${n === 1 ? '' : 's'}: ${ok ? `a regression, pooled over ${last.processes} processes` : 'not a regression in every re-run'}`;
      const settled = ok ? { ratio: last.ratio, ci: last.ci, adjustedP: last.pValue, verdict: 'slower' as const } : {};
      const updated = { ...row, ...settled, regression: ok, confirmation: { reproduced: reproduced[row.id], runs: n, confirmed: ok } };
      return { ...updated, message: `${comparisonMessage(updated)}; ${note}` };
    }
    const note = `${ok ? 'confirmed' : 'not confirmed'} in ${reproduced[row.id]} of ${n} re-run${n === 1 ? '' : 's'}`;
    return {
      ...row,
      regression: ok,
      verdict: ok ? row.verdict : ('inconclusive' as const),
      confirmation: { reproduced: reproduced[row.id], runs: n, confirmed: ok },
      message: `${row.message}; ${note}`,
    };
  });
  return {
    comparison: {
      ...comparison,
      benchmarks,
      regressions: suspects.filter((id) => confirmed.includes(id) || (unresolved.has(id) && !unclear.includes(id))),
    },
    report: { runs, rule: policy.confirmRule, reproduced, attempts, confirmed, dismissed, unclear, errored },
  };
}
