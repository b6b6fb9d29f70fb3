// Child of bench/store/append-query.ts: one of the concurrent writers. Appends COUNT runs of BENCHES
// benchmarks with SAMPLES raw samples each, one append (one transaction, or one locked file append)
// per run, to the store named by SPEC ('files:DIR' or a postgres:// URL). It makes its runs first,
// connects, prints "ready", waits for a line on stdin (so all writers start together, start-up not timed), then
// prints {"ok":true} or the error as one JSON line. Usage: writer.ts SPEC WORKER COUNT BENCHES SAMPLES
import { FileStore } from '../../src/store/file-store.js';
import { historyEntry } from '../../src/store/history-file.js';
import { PostgresStore } from '../../src/store/postgres/pg-store.js';
import type { Store } from '../../src/store/store.js';
import { bench, runOf, samples } from '../../test/compare/fixtures.js';

const [spec, workerText, countText, benchesText, samplesText] = process.argv.slice(2);
const [worker, count, benches, n] = [workerText, countText, benchesText, samplesText].map(Number);
const store: Store = spec.startsWith('files:') ? new FileStore(spec.slice('files:'.length)) : new PostgresStore(spec);
const runs = Array.from({ length: count }, (_, i) => {
  const seq = worker * count + i;
  const list = Array.from({ length: benches }, (_, b) =>
    bench(`suite/b${String(b).padStart(3, '0')}`, samples(1000 + b, n, seq * benches + b)),
  );
  const run = runOf(list, { tag: `w${worker}-r${i}` });
  // Distinct times and commits, so "the last 200 points" has an order to follow.
  run.finishedAt = new Date(Date.UTC(2025, 0, 1) + seq * 60_000).toISOString();
  run.environment.git = { commit: seq.toString(16).padStart(40, '0'), branch: 'main', dirty: false };
  return run;
});
await store.ready(true); // connected (and the schema checked) before the clock starts
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  for (const run of runs) await store.appendHistory([{ entry: historyEntry(run), run }]);
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (e) {
  const err = e as Error & { code?: string };
  process.stdout.write(`${JSON.stringify({ ok: false, code: err.code, message: err.message })}\n`);
} finally {
  await store.close();
  process.stdin.destroy();
}
