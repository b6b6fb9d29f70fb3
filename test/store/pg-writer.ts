// Child process of test/store/pg-store.test.ts: one of several concurrent writers. Appends COUNT runs
// (each its own transaction, with samples) to the database at URL through the PostgreSQL store, and
// prints {"ok":true} or the error as one JSON line. Usage: pg-writer.ts URL WORKER COUNT
import { historyEntry } from '../../src/store/history-file.js';
import { PostgresStore } from '../../src/store/postgres/pg-store.js';
import { makeRun } from '../compare/fixtures.js';

const [url, worker, count] = process.argv.slice(2);
const store = new PostgresStore(url);
try {
  for (let i = 0; i < Number(count); i++) {
    const run = { ...makeRun(Number(worker) * 1000 + i, { n: 20 }), tag: `w${worker}-${i}` };
    await store.appendHistory([{ entry: historyEntry(run), run }]);
  }
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (e) {
  const err = e as Error & { code?: string };
  process.stdout.write(`${JSON.stringify({ ok: false, code: err.code, message: err.message })}\n`);
} finally {
  await store.close();
}
