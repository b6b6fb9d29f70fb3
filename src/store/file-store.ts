/** The default store: the files under `.cyclebench/` (history.jsonl, baselines/, tags/), as before the interface. */
import { CycleBenchError } from '../errors.js';
import type { RunResult } from '../result/types.js';
import { appendHistoryLines, readHistory } from './history-file.js';
import { applyHistoryQuery } from './history-query.js';
import { listNamed, loadNamed, removeNamed, saveNamed, type NamedEntry, type NamedKind } from './named.js';
import { storePaths } from './paths.js';
import type { HistoryItem, HistoryQuery, Store, StoredHistory } from './store.js';

/** The files store of the project in `cwd`. */
export class FileStore implements Store {
  readonly kind = 'files';
  readonly location: string;
  constructor(private readonly cwd: string) {
    this.location = storePaths(cwd).root;
  }

  // Files need no connection; a path that cannot be used is reported by the operation that meets it.
  async ready(): Promise<void> {}

  async appendHistory(items: readonly HistoryItem[]): Promise<string> {
    return appendHistoryLines(
      this.cwd,
      items.map((i) => i.entry),
    );
  }

  async readHistory(query?: HistoryQuery): Promise<StoredHistory> {
    const read = readHistory(this.cwd);
    const ids = [...new Set(read.entries.flatMap((e) => e.benchmarks.map((b) => b.id)))];
    return { ...read, entries: applyHistoryQuery(read.entries, query), ids };
  }

  async saveNamed(kind: NamedKind, name: string, run: RunResult): Promise<string> {
    return saveNamed(this.cwd, kind, name, run);
  }

  async loadNamed(kind: NamedKind, name: string): Promise<RunResult | undefined> {
    try {
      return loadNamed(this.cwd, kind, name);
    } catch (err) {
      if (err instanceof CycleBenchError && err.code === 'E_NOT_FOUND') return undefined;
      throw err;
    }
  }

  async listNamed(kind: NamedKind): Promise<NamedEntry[]> {
    return listNamed(this.cwd, kind);
  }

  async removeNamed(kind: NamedKind, name: string): Promise<string | undefined> {
    try {
      return removeNamed(this.cwd, kind, name);
    } catch (err) {
      if (err instanceof CycleBenchError && err.code === 'E_NOT_FOUND') return undefined;
      throw err;
    }
  }

  async close(): Promise<void> {}
}
