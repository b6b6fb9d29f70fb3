/**
 * The store interface: where history, baselines and tags live. Two implementations: the files under
 * `.cyclebench/` (file-store.ts, the default) and a PostgreSQL database shared by many machines
 * (postgres/pg-store.ts). Everything that reads or writes history, baselines or tags goes through
 * this; `last.json` stays a local file (it is the run's own output), and so do `--json` files.
 */
import type { RunResult } from '../result/types.js';
import type { HistoryEntry, HistoryRead } from './history-file.js';
import type { NamedEntry, NamedKind } from './named.js';

/**
 * Which runs of history to read. Every condition narrows; both stores apply them with the same
 * meaning (history-query.ts is the reference, test/store/store-contract.test.ts holds them to it).
 */
export interface HistoryQuery {
  /** Only these benchmarks: runs without any of them are left out, the others keep only these. */
  ids?: readonly string[];
  /** Only benchmarks whose id passes this test (the CLI's FILTER), as `ids` does. */
  match?: (id: string) => boolean;
  /** Machine class: runs on this CPU model (`environment.cpu.model`). */
  cpu?: string;
  /** Runs on this git branch. */
  branch?: string;
  /** Runs that finished strictly before this time (ISO 8601). */
  before?: string;
  /** Runs of the latest N distinct commits (latest by their newest run); runs without a commit are left out. */
  commits?: number;
  /** The latest N runs (after the conditions above). */
  last?: number;
}

/** One run to append to history: its line, and the whole result when there is one (a database keeps its samples). */
export interface HistoryItem {
  entry: HistoryEntry;
  run?: RunResult;
}

/** History as read through a store: the entries (oldest first), unusable lines, and every benchmark id the store knows. */
export interface StoredHistory extends HistoryRead {
  /** Every benchmark id in the whole history, whatever the query (for "did you mean" when a filter matches none). */
  ids: string[];
}

/** A place where history, baselines and tags are kept. Methods fail with a CycleBenchError saying what and where. */
export interface Store {
  readonly kind: 'files' | 'postgres';
  /** Where, for messages: a directory, or the database URL without its password. */
  readonly location: string;
  /**
   * Checks that the store can be used before minutes of measuring: connects, and checks the schema
   * (`write`: creates or migrates it first; reading a database without one is an error).
   */
  ready(write: boolean): Promise<void>;
  /** Appends runs to history, all or none; returns where. */
  appendHistory(items: readonly HistoryItem[]): Promise<string>;
  readHistory(query?: HistoryQuery): Promise<StoredHistory>;
  /** Saves a result under a baseline or tag name (replacing one of that name); returns where. */
  saveNamed(kind: NamedKind, name: string, run: RunResult): Promise<string>;
  /** A stored baseline or tag, or undefined when there is none of that name. */
  loadNamed(kind: NamedKind, name: string): Promise<RunResult | undefined>;
  /** Stored baselines or tags, sorted by name; `file` says where each is. */
  listNamed(kind: NamedKind): Promise<NamedEntry[]>;
  /** Removes a baseline or tag; returns where it was, or undefined when there was none. */
  removeNamed(kind: NamedKind, name: string): Promise<string | undefined>;
  /** Releases connections; a later call opens them again. */
  close(): Promise<void>;
}
