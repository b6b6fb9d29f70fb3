/** The meaning of a {@link HistoryQuery}, on entries in memory: the files store applies it as is, the database in SQL. */
import { CycleBenchError } from '../errors.js';
import type { HistoryEntry } from './history-file.js';
import type { HistoryQuery } from './store.js';

/** Refuses counts that are not whole numbers >= 1 (a query of 0 runs is a mistake, not an empty answer). */
export function checkHistoryQuery(q: HistoryQuery): void {
  for (const key of ['commits', 'last'] as const) {
    const v = q[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 1))
      throw new CycleBenchError('E_USAGE', `history query: ${key} must be a whole number >= 1, got ${v}.`);
  }
  if (q.before !== undefined && Number.isNaN(Date.parse(q.before)))
    throw new CycleBenchError('E_USAGE', `history query: before must be a date and time, got ${JSON.stringify(q.before)}.`);
}

/** True when the query keeps benchmark `id` (no `ids` and no `match` keep every one). */
export function keepsBenchmark(q: HistoryQuery, id: string): boolean {
  return (q.ids === undefined || q.ids.includes(id)) && (q.match === undefined || q.match(id));
}

/** The entries (oldest first) a query selects, each cut to the benchmarks it keeps. */
export function applyHistoryQuery(entries: readonly HistoryEntry[], q: HistoryQuery = {}): HistoryEntry[] {
  checkHistoryQuery(q);
  const byBench = q.ids !== undefined || q.match !== undefined;
  const before = q.before === undefined ? undefined : Date.parse(q.before);
  let out = entries
    .filter((e) => (q.cpu === undefined || e.cpu === q.cpu) && (q.branch === undefined || e.branch === q.branch))
    .filter((e) => before === undefined || Date.parse(e.time) < before)
    .map((e) => (byBench ? { ...e, benchmarks: e.benchmarks.filter((b) => keepsBenchmark(q, b.id)) } : e))
    .filter((e) => !byBench || e.benchmarks.length > 0);
  if (q.commits !== undefined) {
    const latest = new Set<string>();
    for (let i = out.length - 1; i >= 0 && latest.size < q.commits; i--) if (out[i].commit !== null) latest.add(out[i].commit!);
    out = out.filter((e) => e.commit !== null && latest.has(e.commit));
  }
  if (q.last !== undefined) out = out.slice(-q.last);
  return out;
}
