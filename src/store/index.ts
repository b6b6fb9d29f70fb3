/**
 * Stores: result files (versioned JSON, validated on read, written atomically), baselines, tags, the
 * latest run and the append-only history, under `.cyclebench/`; or history, baselines and tags in a
 * PostgreSQL database, behind the one {@link Store} interface (store.ts).
 */
export { STORE_DIR, NAME_PATTERN, NAME_RULE, storePaths, validateName, namedFile } from './paths.js';
export type { StorePaths } from './paths.js';
export { MAX_RESULT_BYTES, writeFileAtomic, readResult, resultFromText, writeResult, serializeResult, parseJsonFile } from './files.js';
export { validateRunResult, runResultProblems } from './validate.js';
export type { Problem } from './validate.js';
export { saveLast, loadLast, checkNewName, saveNamed, loadNamed, removeNamed, listNamed } from './named.js';
export type { NamedKind, NamedEntry, ResolvedRef } from './named.js';
export { HISTORY_VERSION, MAX_HISTORY_LINE_BYTES, historyEntry, appendHistory, appendHistoryLines, readHistory } from './history-file.js';
export type { HistoryBench, HistoryEntry, HistoryProblem, HistoryRead } from './history-file.js';
export { withLockSync } from './lock.js';
export type { LockOptions } from './lock.js';
export { gitState } from './git.js';
export type { GitState } from './git.js';
export type { Store, HistoryQuery, HistoryItem, StoredHistory } from './store.js';
export { FileStore } from './file-store.js';
export { openStore, STORE_ENV } from './open.js';
export { applyHistoryQuery } from './history-query.js';
export { checkStoreName, loadStored, resolveStoredRef } from './refs.js';
