/** Choosing a store from its spec: `files` (the default) or a `postgres://` URL. Nothing connects until first use. */
import { CycleBenchError } from '../errors.js';
import { FileStore } from './file-store.js';
import { PostgresStore } from './postgres/pg-store.js';
import { checkPostgresUrl, isPostgresUrl, redactUrl } from './postgres/url.js';
import type { Store } from './store.js';

/** The environment variable that chooses the store when no `--store` is given. */
export const STORE_ENV = 'CYCLEBENCH_STORE';

/**
 * The store `spec` names for the project in `cwd`: undefined or `files` is `.cyclebench/`, a
 * `postgres://` or `postgresql://` URL a database. Anything else is refused (`code`, naming `where`
 * the spec came from), never taken for files.
 */
export function openStore(spec: unknown, cwd: string, where = '--store', code: 'E_USAGE' | 'E_CONFIG' = 'E_USAGE'): Store {
  if (spec === undefined || spec === 'files') return new FileStore(cwd);
  if (typeof spec === 'string' && isPostgresUrl(spec)) {
    checkPostgresUrl(spec, where, code);
    return new PostgresStore(spec);
  }
  throw new CycleBenchError(
    code,
    `${where}: expected 'files' or a postgres:// URL, got ${typeof spec === 'string' ? JSON.stringify(redactUrl(spec)) : typeof spec}.`,
  );
}
