/**
 * What only the PostgreSQL store promises, against a real server (test/store/pg-server.ts): the schema
 * is created on first write and migrated once even when many jobs start together; a newer schema, a
 * database without one (for a reader) and a server that cannot be reached are clear errors that never
 * show the password; concurrent writers in separate processes lose nothing; readers see whole runs
 * only; a failed append stores nothing; samples are kept exactly; the series index exists.
 */
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { historyEntry } from '../../src/store/history-file.js';
import { LATEST_VERSION } from '../../src/store/postgres/migrations.js';
import { PostgresStore } from '../../src/store/postgres/pg-store.js';
import { redactUrl } from '../../src/store/postgres/url.js';
import { makeRun } from '../compare/fixtures.js';
import { realRun, runNode, TS } from './helpers.js';
import { startPostgres } from './pg-server.js';

const server = await startPostgres();
afterAll(() => server?.stop());

let n = 0;
/** A fresh, empty database and a store on it. */
async function freshStore(): Promise<{ url: string; store: PostgresStore }> {
  const url = await server!.createDatabase(`pgstore_${++n}`);
  return { url, store: new PostgresStore(url) };
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

describe.runIf(server)('PostgreSQL store', () => {
  it('creates the schema on first write, records the migration once, and a second store applies nothing', async () => {
    const { url, store } = await freshStore();
    await store.ready(true);
    await store.close();
    const again = new PostgresStore(url);
    await again.ready(true);
    await again.close();
    expect(await sql<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual([
      { version: LATEST_VERSION },
    ]);
    const tables = await sql<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['benchmarks', 'named', 'runs', 'samples', 'schema_migrations', 'statistics']);
    const index = await sql<{ indexdef: string }>(url, "SELECT indexdef FROM pg_indexes WHERE indexname = 'statistics_series'");
    expect(index[0].indexdef).toMatch(/\(benchmark_id, machine, branch, run_id DESC\)/);
  });

  it('migrates once when many jobs use a fresh database at the same time', async () => {
    const { url } = await freshStore();
    const stores = Array.from({ length: 6 }, () => new PostgresStore(url));
    await Promise.all(stores.map((s) => s.appendHistory([{ entry: historyEntry(makeRun(1)) }])));
    await Promise.all(stores.map((s) => s.close()));
    expect(await sql(url, 'SELECT version FROM schema_migrations')).toHaveLength(1);
    expect(await sql(url, 'SELECT id FROM runs')).toHaveLength(6);
  });

  it('a reader of a database without the schema gets a clear error and creates nothing', async () => {
    const { url, store } = await freshStore();
    await expect(store.readHistory()).rejects.toMatchObject({
      code: 'E_STORE',
      message: expect.stringMatching(/has no cyclebench schema \(no schema_migrations table\)/),
    });
    await expect(store.listNamed('baseline')).rejects.toMatchObject({ code: 'E_STORE' });
    await store.close();
    expect(await sql(url, "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'")).toEqual([]);
  });

  it('refuses a schema newer than this cyclebench, reading and writing, naming the versions', async () => {
    const { url, store } = await freshStore();
    await store.ready(true);
    await store.close();
    await sql(url, "INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')", [LATEST_VERSION + 1]);
    for (const op of [(s: PostgresStore) => s.readHistory(), (s: PostgresStore) => s.saveNamed('tag', 't', makeRun(1))]) {
      const s = new PostgresStore(url);
      await expect(op(s)).rejects.toMatchObject({
        code: 'E_NEWER_FORMAT',
        message: expect.stringContaining(
          `schema version ${LATEST_VERSION + 1}, newer than this cyclebench understands (up to ${LATEST_VERSION})`,
        ),
      });
      await s.close();
    }
    expect(await sql(url, 'SELECT 1 FROM named')).toEqual([]);
  });

  it('says why it cannot connect, with the URL shown without its password', async () => {
    const pw = server!.password;
    const cases: [string, RegExp][] = [
      [`postgres://postgres:${pw}@127.0.0.1:1/x`, /connection refused: is a PostgreSQL server listening there\?.*\[ECONNREFUSED\]/],
      [server!.url().replace(pw, `${pw}-wrong`), /password authentication failed.*\[28P01\]/],
      [server!.url('no_such_db'), /the database does not exist.*\[3D000\]/],
    ];
    for (const [url, why] of cases) {
      const s = new PostgresStore(url);
      const err = await s.readHistory().then(
        () => null,
        (e: Error & { code?: string }) => e,
      );
      expect(err?.code, url).toBe('E_STORE');
      expect(err!.message).toMatch(why);
      expect(err!.message).toContain(redactUrl(url));
      expect(err!.message).toContain('postgres:***@');
      expect(err!.message).not.toContain(pw);
      await s.close();
    }
  });

  it('keeps every run of 8 writers in separate processes, each run whole, while a reader sees only whole runs', async () => {
    const { url, store } = await freshStore();
    await store.ready(true);
    const writers = 8;
    const runs = 15;
    const child = path.join(import.meta.dirname, 'pg-writer.ts');
    const done = Promise.all(Array.from({ length: writers }, (_, w) => runNode([...TS, child, url, String(w), String(runs)])));
    let finished = false;
    void done.then(() => (finished = true));
    const seen: number[] = [];
    while (!finished) {
      const read = await store.readHistory();
      // A run is visible with all its benchmarks or not at all.
      for (const e of read.entries) expect(e.benchmarks).toHaveLength(5);
      seen.push(read.entries.length);
    }
    for (const r of await done) expect(JSON.parse(r.stdout.trim() || '{}'), r.stderr).toEqual({ ok: true });
    const read = await store.readHistory();
    expect(read.entries).toHaveLength(writers * runs);
    expect(new Set(read.entries.map((e) => e.tag)).size).toBe(writers * runs);
    expect(seen.every((k, i) => i === 0 || k >= seen[i - 1])).toBe(true);
    expect(await sql(url, 'SELECT 1 FROM statistics')).toHaveLength(writers * runs * 5);
    expect(await sql(url, 'SELECT 1 FROM samples')).toHaveLength(writers * runs * 5);
    await store.close();
  }, 120_000);

  it('stores several runs all or none: a run the database refuses leaves no trace of the others', async () => {
    const { url, store } = await freshStore();
    const good = historyEntry(makeRun(1));
    const bad = { ...historyEntry(makeRun(2)), time: 'not a time' };
    await expect(store.appendHistory([{ entry: good }, { entry: bad }])).rejects.toMatchObject({ code: 'E_STORE' });
    expect(await sql(url, 'SELECT 1 FROM runs')).toEqual([]);
    expect(await sql(url, 'SELECT 1 FROM statistics')).toEqual([]);
    await store.close();
  });

  it("keeps a run's raw samples and environment exactly, and its line as written", async () => {
    const { url, store } = await freshStore();
    const run = realRun();
    await store.appendHistory([{ entry: historyEntry(run), run }]);
    await store.close();
    const rows = await sql<{ name: string; samples: number[]; iterations: number[] | null }>(
      url,
      'SELECT b.name, s.samples, s.iterations FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id',
    );
    const withSamples = run.benchmarks.filter((b) => b.samples?.length);
    expect(rows.length).toBe(withSamples.length);
    for (const b of withSamples) {
      const row = rows.find((r) => r.name === b.id)!;
      expect(row.samples).toEqual(b.samples);
      expect(row.iterations).toEqual(b.iterations ?? null);
    }
    const [r] = await sql<{ environment: unknown; line: string }>(url, 'SELECT environment, line::text AS line FROM runs');
    expect(r.environment).toEqual(run.environment);
    expect(r.line).toBe(JSON.stringify(historyEntry(run)));
  });
});
