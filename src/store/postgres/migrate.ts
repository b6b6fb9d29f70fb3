/**
 * Bringing a database to the schema this cyclebench knows: missing migrations are applied in one
 * transaction under an advisory lock (jobs starting together apply them once); a schema newer than
 * this cyclebench is refused; a database without any is created only by a command that writes.
 */
import type { ClientBase } from 'pg';
import { CycleBenchError } from '../../errors.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';

/** Any 64-bit number works as long as every cyclebench uses the same one: "cyclebch" in ASCII. */
const LOCK_KEY = '7166764089302034536';

async function appliedVersion(client: ClientBase): Promise<number | null> {
  const { rows } = await client.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (rows[0].t === null) return null;
  const v = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return v.rows[0].v ?? 0;
}

function newerError(version: number, where: string): CycleBenchError {
  return new CycleBenchError(
    'E_NEWER_FORMAT',
    `${where} has cyclebench schema version ${version}, newer than this cyclebench understands (up to ${LATEST_VERSION}). ` +
      `Upgrade cyclebench to use it; nothing was read or written.`,
  );
}

/**
 * Makes sure the schema is at {@link LATEST_VERSION}. Returns the migrations applied (none when it was
 * current). `write` false: a database without the schema is an error rather than created.
 */
export async function migrate(client: ClientBase, write: boolean, where: string): Promise<number[]> {
  const found = await appliedVersion(client);
  if (found === LATEST_VERSION) return [];
  if (found !== null && found > LATEST_VERSION) throw newerError(found, where);
  if (found === null && !write) {
    throw new CycleBenchError(
      'E_STORE',
      `${where} has no cyclebench schema (no schema_migrations table): nothing has been stored there yet, or the URL names another ` +
        `database. A command that writes (run --history, run --tag, baseline save, store import) creates it.`,
    );
  }
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    // Read again under the lock: another job may have migrated while this one waited.
    const now = (await appliedVersion(client)) ?? 0;
    if (now > LATEST_VERSION) throw newerError(now, where);
    for (const m of MIGRATIONS.filter((x) => x.version > now)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
  return applied;
}
