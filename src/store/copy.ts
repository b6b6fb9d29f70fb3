/**
 * Copying history, baselines and tags from one store to another (`cyclebench store import|export`).
 * Lossless for what both hold: each history line is copied as it is (a database's raw samples stay in
 * the database: files keep summaries by design), and each baseline and tag whole. Runs the target
 * already has (the same line) are not copied twice, so a repeated or interrupted copy can be re-run.
 */
import type { HistoryProblem } from './history-file.js';
import type { NamedKind } from './named.js';
import type { Store } from './store.js';

/** What a copy did. */
export interface CopySummary {
  runs: number;
  /** Runs the target already had. */
  present: number;
  baselines: number;
  tags: number;
  /** Unusable lines of the source's history (in `history`, a file or the database), skipped. */
  problems: HistoryProblem[];
  history: string;
}

/** Copies everything in `from` to `to`: history in one append (all or none), then each baseline and tag. */
export async function copyStore(from: Store, to: Store): Promise<CopySummary> {
  await to.ready(true);
  const source = await from.readHistory();
  const have = new Set((await to.readHistory()).entries.map((e) => JSON.stringify(e)));
  const fresh = source.entries.filter((e) => !have.has(JSON.stringify(e)));
  await to.appendHistory(fresh.map((entry) => ({ entry })));
  const counts: Record<NamedKind, number> = { baseline: 0, tag: 0 };
  for (const kind of ['baseline', 'tag'] as const) {
    for (const e of await from.listNamed(kind)) {
      const run = await from.loadNamed(kind, e.name);
      if (!run) continue; // removed meanwhile
      await to.saveNamed(kind, e.name, run);
      counts[kind]++;
    }
  }
  return {
    runs: fresh.length,
    present: source.entries.length - fresh.length,
    baselines: counts.baseline,
    tags: counts.tag,
    problems: source.problems,
    history: source.file,
  };
}
