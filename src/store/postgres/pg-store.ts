/**
 * The PostgreSQL store: history, baselines and tags in one database that many machines and CI jobs
 * share. Each run is appended in one transaction (readers, at READ COMMITTED, see whole runs only);
 * the schema is created or migrated on first use (migrate.ts). One connection per process, opened on
 * first use; the `pg` driver is loaded only then, so the files store costs nothing extra.
 */
import type { Client, ClientBase } from 'pg';
import { CycleBenchError } from '../../errors.js';
import type { RunResult } from '../../result/types.js';
import { checkedText, resultFromText } from '../files.js';
import { checkEntry, type HistoryEntry, type HistoryProblem } from '../history-file.js';
import { applyHistoryQuery, checkHistoryQuery, keepsBenchmark } from '../history-query.js';
import { caseTwinError, type NamedEntry, type NamedKind } from '../named.js';
import { validateName } from '../paths.js';
import type { HistoryItem, HistoryQuery, Store, StoredHistory } from '../store.js';
import { nonFiniteProblems, problemsError } from '../validate.js';
import { migrate } from './migrate.js';
import { redactUrl, urlSecrets } from './url.js';

/** Rows of samples per INSERT: 4 parameters each, far below the protocol's 65,535. */
const SAMPLE_ROWS = 500;

const CONNECT_HINTS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is a PostgreSQL server listening there?',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the server closed the connection',
  '28P01': 'password authentication failed',
  '28000': 'the server refused this user',
  '3D000': 'the database does not exist (create it, or correct the URL)',
};

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly location: string;
  private client: Client | undefined;
  private schemaChecked = false;

  constructor(private readonly url: string) {
    this.location = redactUrl(url);
  }

  async ready(write: boolean): Promise<void> {
    await this.use(write, async () => {});
  }

  async appendHistory(items: readonly HistoryItem[]): Promise<string> {
    const entries = items.map((i) => i.entry);
    const numbers = nonFiniteProblems(entries.length === 1 ? entries[0] : entries);
    if (numbers.length)
      throw problemsError(`the history line to be stored in ${this.location}`, numbers, 'Nothing was written.', 'history line');
    if (!items.length) return this.location;
    return this.use(true, async (c) => {
      const names = [...new Set(entries.flatMap((e) => e.benchmarks.map((b) => b.id)))];
      // Names first, in their own statement and in one order: a name without runs is harmless, and
      // concurrent jobs adding the same new names neither deadlock nor wait for each other's runs.
      await c.query('INSERT INTO benchmarks (name) SELECT n FROM unnest($1::text[]) AS n ORDER BY n ON CONFLICT (name) DO NOTHING', [
        names,
      ]);
      const { rows } = await c.query<{ id: number; name: string }>('SELECT id, name FROM benchmarks WHERE name = ANY($1::text[])', [names]);
      const idOf = new Map(rows.map((r) => [r.name, r.id]));
      await inTransaction(c, async () => {
        for (const item of items) await insertRun(c, item, idOf);
      });
      return this.location;
    });
  }

  async readHistory(query: HistoryQuery = {}): Promise<StoredHistory> {
    checkHistoryQuery(query);
    return this.use(false, async (c) => {
      const params: unknown[] = [];
      const p = (v: unknown): string => `$${params.push(v)}`;
      const runConds: string[] = [];
      const statConds: string[] = [];
      if (query.cpu !== undefined) {
        const x = p(query.cpu);
        runConds.push(`r.machine = ${x}`);
        statConds.push(`s.machine = ${x}`);
      }
      if (query.branch !== undefined) {
        const x = p(query.branch);
        runConds.push(`r.branch = ${x}`);
        statConds.push(`s.branch = ${x}`);
      }
      if (query.before !== undefined) runConds.push(`r.finished_at < ${p(query.before)}::timestamptz`);
      if (query.ids !== undefined || query.match !== undefined) {
        const names = await c.query<{ id: number; name: string }>(
          query.match ? 'SELECT id, name FROM benchmarks' : 'SELECT id, name FROM benchmarks WHERE name = ANY($1::text[])',
          query.match ? [] : [query.ids],
        );
        const ids = names.rows.filter((r) => keepsBenchmark(query, r.name)).map((r) => r.id);
        // Selected through statistics_series: (benchmark, machine class, branch, latest run first).
        runConds.push(
          `r.id IN (SELECT s.run_id FROM statistics s WHERE ${[`s.benchmark_id = ANY(${p(ids)}::int[])`, ...statConds].join(' AND ')})`,
        );
      }
      const commits =
        query.commits === undefined
          ? ''
          : `WHERE m.commit IN (SELECT commit FROM m WHERE commit IS NOT NULL GROUP BY commit ORDER BY max(id) DESC LIMIT ${p(query.commits)})`;
      const limit = query.last === undefined ? '' : `LIMIT ${p(query.last)}`;
      const sql = `WITH m AS (SELECT r.id, r.commit FROM runs r WHERE ${runConds.join(' AND ') || 'true'})
        SELECT r.id::text AS id, r.line::text AS line FROM runs r JOIN m ON m.id = r.id ${commits} ORDER BY r.id DESC ${limit}`;
      const { rows } = await c.query<{ id: string; line: string }>(sql, params);
      const entries: HistoryEntry[] = [];
      const problems: HistoryProblem[] = [];
      for (const row of rows.reverse()) {
        const v: unknown = JSON.parse(row.line);
        const bad = checkEntry(v);
        if (bad) problems.push({ line: Number(row.id), reason: `run ${row.id}: ${bad}` });
        else entries.push(v as HistoryEntry);
      }
      const known = await c.query<{ name: string }>(
        'SELECT b.name FROM benchmarks b WHERE EXISTS (SELECT 1 FROM statistics s WHERE s.benchmark_id = b.id) ORDER BY b.id',
      );
      // The SQL selected the runs; the shared definition cuts each to the benchmarks asked for.
      return { file: this.location, entries: applyHistoryQuery(entries, query), problems, ids: known.rows.map((r) => r.name) };
    });
  }

  async saveNamed(kind: NamedKind, name: string, run: RunResult): Promise<string> {
    validateName(name, kind);
    const where = this.where(kind, name);
    const text = checkedText(run, where);
    return this.use(true, async (c) => {
      const twin = await c.query<{ name: string }>('SELECT name FROM named WHERE kind = $1 AND lower(name) = lower($2) AND name <> $2', [
        kind,
        name,
      ]);
      if (twin.rows.length) throw caseTwinError(kind, name, twin.rows[0].name);
      try {
        await c.query(
          `INSERT INTO named (kind, name, result) VALUES ($1, $2, $3::json)
           ON CONFLICT (kind, name) DO UPDATE SET result = EXCLUDED.result, saved_at = now()`,
          [kind, name, text],
        );
      } catch (err) {
        // Another job saved a case twin between the check and the insert.
        if ((err as { constraint?: string }).constraint === 'named_case') throw caseTwinError(kind, name, name);
        throw err;
      }
      return where;
    });
  }

  async loadNamed(kind: NamedKind, name: string): Promise<RunResult | undefined> {
    return this.use(false, async (c) => {
      const { rows } = await c.query<{ result: string }>('SELECT result::text AS result FROM named WHERE kind = $1 AND name = $2', [
        kind,
        name,
      ]);
      return rows.length ? resultFromText(rows[0].result, this.where(kind, name)) : undefined;
    });
  }

  async listNamed(kind: NamedKind): Promise<NamedEntry[]> {
    return this.use(false, async (c) => {
      const { rows } = await c.query<{ name: string; bytes: number; saved_at: Date }>(
        'SELECT name, octet_length(result::text) AS bytes, saved_at FROM named WHERE kind = $1',
        [kind],
      );
      // Sorted here, by code unit as the files store does, not by the database's collation.
      return rows
        .map((r) => ({ name: r.name, kind, file: this.where(kind, r.name), bytes: r.bytes, modified: r.saved_at }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  async removeNamed(kind: NamedKind, name: string): Promise<string | undefined> {
    return this.use(false, async (c) => {
      const { rowCount } = await c.query('DELETE FROM named WHERE kind = $1 AND name = $2', [kind, name]);
      return rowCount ? this.where(kind, name) : undefined;
    });
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }

  private where(kind: NamedKind, name: string): string {
    return `${this.location} (${kind} ${name})`;
  }

  /** Runs `fn` on the connection (opened and schema-checked on first use), turning driver errors into `E_STORE`. */
  private async use<T>(write: boolean, fn: (c: Client) => Promise<T>): Promise<T> {
    try {
      const c = await this.connect();
      if (!this.schemaChecked) {
        await migrate(c, write, this.location);
        this.schemaChecked = true;
      }
      return await fn(c);
    } catch (err) {
      throw this.storeError(err);
    }
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000, application_name: 'cyclebench' });
    // A connection the server drops while idle emits 'error'; the next call opens a new one.
    c.on('error', () => {
      if (this.client === c) this.client = undefined;
    });
    try {
      await c.connect();
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    this.client = c;
    return c;
  }

  private storeError(err: unknown): Error {
    if (err instanceof CycleBenchError) return err;
    const e = err as { code?: string; message?: string };
    let message = e.message || String(err);
    for (const secret of urlSecrets(this.url)) message = message.split(secret).join('***');
    const hint = e.code ? CONNECT_HINTS[e.code] : undefined;
    return new CycleBenchError(
      'E_STORE',
      `cannot use the store ${this.location}: ${hint ? `${hint} (${message})` : message}${e.code ? ` [${e.code}]` : ''}.`,
      { cause: err },
    );
  }
}

async function inTransaction(c: ClientBase, fn: () => Promise<void>): Promise<void> {
  await c.query('BEGIN');
  try {
    await fn();
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** Inserts one run: its row, each benchmark's statistics, and the raw samples the result carries. */
async function insertRun(c: ClientBase, item: HistoryItem, idOf: Map<string, number>): Promise<void> {
  const e = item.entry;
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO runs (finished_at, commit, branch, dirty, tag, mode, machine, node, environment, line)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::json, $10::json) RETURNING id::text`,
    [
      e.time,
      e.commit,
      e.branch,
      e.dirty,
      e.tag ?? null,
      e.mode,
      e.cpu,
      e.node,
      item.run ? JSON.stringify(item.run.environment) : null,
      JSON.stringify(e),
    ],
  );
  const runId = rows[0].id;
  const bs = e.benchmarks;
  const col = <T>(f: (b: (typeof bs)[number]) => T): T[] => bs.map(f);
  await c.query(
    `INSERT INTO statistics (run_id, machine, branch, benchmark_id, unit, status, n, median, lo, hi, mean, p95, p99, min, max, wall_ms)
     SELECT $1::bigint, $2, $3, * FROM unnest($4::int[], $5::text[], $6::text[], $7::int[], $8::float8[], $9::float8[], $10::float8[],
       $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::float8[], $16::float8[])
     ON CONFLICT DO NOTHING`,
    [
      runId,
      e.cpu,
      e.branch,
      col((b) => idOf.get(b.id)),
      col((b) => b.unit),
      col((b) => b.status),
      col((b) => b.n),
      col((b) => b.median),
      col((b) => b.lo),
      col((b) => b.hi),
      col((b) => b.mean ?? null),
      col((b) => b.p95 ?? null),
      col((b) => b.p99 ?? null),
      col((b) => b.min ?? null),
      col((b) => b.max ?? null),
      col((b) => b.wallMs ?? null),
    ],
  );
  const withSamples = (item.run?.benchmarks ?? []).filter((b) => b.samples?.length && idOf.has(b.id));
  for (let i = 0; i < withSamples.length; i += SAMPLE_ROWS) {
    const chunk = withSamples.slice(i, i + SAMPLE_ROWS);
    const values = chunk.map((_, j) => `($1::bigint, $${j * 3 + 2}::int, $${j * 3 + 3}::float8[], $${j * 3 + 4}::float8[])`).join(', ');
    await c.query(`INSERT INTO samples (run_id, benchmark_id, samples, iterations) VALUES ${values} ON CONFLICT DO NOTHING`, [
      runId,
      ...chunk.flatMap((b) => [idOf.get(b.id), b.samples, b.iterations ?? null]),
    ]);
  }
}
