/**
 * The one contract both stores keep: the files store and the PostgreSQL store (a real server, started
 * by test/store/pg-server.ts) are given the same runs and names and must answer the same. History
 * queries are checked against applyHistoryQuery, whose meaning is pinned down first on a hand-made
 * history.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/store/file-store.js';
import { applyHistoryQuery } from '../../src/store/history-query.js';
import { historyEntry, type HistoryEntry } from '../../src/store/history-file.js';
import { PostgresStore } from '../../src/store/postgres/pg-store.js';
import { checkStoreName } from '../../src/store/refs.js';
import type { HistoryQuery, Store } from '../../src/store/store.js';
import { CycleBenchError } from '../../src/errors.js';
import { makeRun } from '../compare/fixtures.js';
import { startPostgres } from './pg-server.js';

const pg = await startPostgres();
const dirs: string[] = [];
afterAll(async () => {
  await pg?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

let databases = 0;
const kinds: { name: string; fresh: () => Promise<Store> }[] = [
  {
    name: 'files',
    fresh: async () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-contract-'));
      dirs.push(d);
      return new FileStore(d);
    },
  },
  ...(pg ? [{ name: 'postgres', fresh: async () => new PostgresStore(await pg.createDatabase(`contract_${++databases}`)) }] : []),
];

/** A history line of a run at minute `i` on `cpu`/`branch`/`commit`, with benchmarks `ids`. */
function line(i: number, o: { cpu?: string; branch?: string | null; commit?: string | null; ids?: string[] } = {}): HistoryEntry {
  const run = makeRun(i, {
    only: o.ids ?? ['parse', 'db/query'],
    env: { cpu: { model: o.cpu ?? 'A', logicalCores: 2, governor: null, arch: 'x64' } },
  });
  run.finishedAt = new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString();
  const e = historyEntry(run);
  return { ...e, branch: o.branch === undefined ? 'main' : o.branch, commit: o.commit === undefined ? `c${i}` : o.commit };
}

/** Runs over two machine classes, two branches, repeated commits, a run without a commit, and differing benchmarks. */
const HISTORY: HistoryEntry[] = [
  line(1, { commit: 'c1' }),
  line(2, { commit: 'c1' }),
  line(3, { commit: 'c2', cpu: 'B' }),
  line(4, { commit: 'c3', branch: 'feature' }),
  line(5, { commit: null, ids: ['parse'] }),
  line(6, { commit: 'c4', ids: ['db/query', 'json/stringify'] }),
  line(7, { commit: 'c2' }),
  line(8, { commit: 'c5', branch: null, cpu: 'B' }),
];

const QUERIES: HistoryQuery[] = [
  {},
  { ids: ['parse'] },
  { ids: ['json/stringify', 'nothing'] },
  { ids: [] },
  { match: (id) => id.startsWith('db/') },
  { ids: ['parse', 'db/query'], match: (id) => id === 'parse' },
  { cpu: 'B' },
  { branch: 'main' },
  { branch: 'main', cpu: 'A', ids: ['db/query'] },
  { before: new Date(Date.UTC(2025, 0, 1, 0, 4)).toISOString() },
  { commits: 2 },
  { commits: 1, branch: 'main' },
  { last: 3 },
  { last: 2, ids: ['parse'], cpu: 'A', branch: 'main' },
  { commits: 3, last: 2 },
];

describe('what a history query means (the reference both stores follow)', () => {
  const tags = (q: HistoryQuery) => applyHistoryQuery(HISTORY, q).map((e) => e.time.slice(14, 16));
  it('narrows by machine class, branch and time; keeps the asked-for benchmarks of the runs that have any', () => {
    expect(tags({ cpu: 'B' })).toEqual(['03', '08']);
    expect(tags({ branch: 'main', cpu: 'A' })).toEqual(['01', '02', '05', '06', '07']);
    expect(tags({ before: HISTORY[3].time })).toEqual(['01', '02', '03']);
    const parse = applyHistoryQuery(HISTORY, { ids: ['parse'] });
    expect(parse.map((e) => e.time.slice(14, 16))).toEqual(['01', '02', '03', '04', '05', '07', '08']);
    expect(parse.every((e) => e.benchmarks.length === 1 && e.benchmarks[0].id === 'parse')).toBe(true);
  });

  it('commits: the runs of the latest N commits by their newest run; last: the latest N runs, oldest first', () => {
    expect(tags({ commits: 2 })).toEqual(['03', '07', '08']); // c5 (run 8) and c2 (runs 3, 7); run 5 has no commit
    expect(tags({ commits: 2, cpu: 'A' })).toEqual(['06', '07']);
    expect(tags({ last: 3 })).toEqual(['06', '07', '08']);
    expect(tags({ commits: 3, last: 2 })).toEqual(['07', '08']);
  });

  it('refuses counts that are not whole numbers >= 1', () => {
    expect(() => applyHistoryQuery(HISTORY, { last: 0 })).toThrow(/last must be a whole number >= 1/);
    expect(() => applyHistoryQuery(HISTORY, { commits: 1.5 })).toThrow(CycleBenchError);
  });
});

describe.each(kinds)('the $name store', ({ name, fresh }) => {
  it('appends runs all at once and reads them back in order, as written', async () => {
    const s = await fresh();
    expect(await s.appendHistory(HISTORY.map((entry) => ({ entry })))).toContain(s.location);
    const read = await s.readHistory();
    expect(read.problems).toEqual([]);
    expect(read.entries).toEqual(HISTORY);
    expect([...read.ids].sort()).toEqual(['db/query', 'json/stringify', 'parse']);
    await s.close();
  });

  it('answers every query as the reference does', async () => {
    const s = await fresh();
    await s.appendHistory(HISTORY.slice(0, 4).map((entry) => ({ entry })));
    await s.appendHistory(HISTORY.slice(4).map((entry) => ({ entry })));
    for (const q of QUERIES)
      expect(await s.readHistory(q).then((r) => r.entries), JSON.stringify(q)).toEqual(applyHistoryQuery(HISTORY, q));
    await s.close();
  });

  it('keeps a result run appended with its line (samples included where it can) and whole runs only', async () => {
    const s = await fresh();
    const run = makeRun(3, { tag: 'nightly' });
    await s.appendHistory([{ entry: historyEntry(run), run }]);
    const [e] = (await s.readHistory()).entries;
    expect(e).toEqual(historyEntry(run));
    expect(e.benchmarks.map((b) => b.id)).toEqual(run.benchmarks.map((b) => b.id));
    await s.close();
  });

  it('refuses non-finite numbers before writing anything', async () => {
    const s = await fresh();
    const bad = line(1);
    bad.benchmarks[0].median = Number.NaN;
    await expect(s.appendHistory([{ entry: line(0) }, { entry: bad }])).rejects.toThrow(
      /benchmarks\[0\]\.median: expected a finite number/,
    );
    expect(await s.appendHistory([])).toContain(s.location);
    if (name === 'files') expect((await s.readHistory()).entries).toEqual([]);
    await s.close();
  });

  it('saves, loads, lists (sorted by name), replaces and removes baselines and tags', async () => {
    const s = await fresh();
    const a = makeRun(1);
    const b = makeRun(2, { tag: 'x' });
    await s.ready(true);
    await s.saveNamed('baseline', 'main', a);
    await s.saveNamed('baseline', 'Zeta', a);
    await s.saveNamed('baseline', 'alpha', b);
    await s.saveNamed('tag', 'main', b);
    expect(await s.loadNamed('baseline', 'main')).toEqual(a);
    expect(await s.loadNamed('tag', 'main')).toEqual(b);
    expect(await s.loadNamed('baseline', 'missing')).toBeUndefined();
    const list = await s.listNamed('baseline');
    expect(list.map((e) => e.name)).toEqual(['Zeta', 'alpha', 'main']);
    expect(list[0].bytes).toBeGreaterThan(1000);
    await s.saveNamed('baseline', 'main', b);
    expect(await s.loadNamed('baseline', 'main')).toEqual(b);
    expect(await s.removeNamed('baseline', 'main')).toContain('main');
    expect(await s.removeNamed('baseline', 'main')).toBeUndefined();
    expect((await s.listNamed('baseline')).map((e) => e.name)).toEqual(['Zeta', 'alpha']);
    expect((await s.listNamed('tag')).map((e) => e.name)).toEqual(['main']);
    await s.close();
  });

  it('refuses a name that differs only in case from a stored one, and names that are not names', async () => {
    const s = await fresh();
    await s.ready(true);
    await s.saveNamed('tag', 'Before', makeRun(1));
    await expect(checkStoreName(s, 'tag', 'before')).rejects.toMatchObject({ code: 'E_BAD_NAME' });
    await expect(s.saveNamed('tag', 'before', makeRun(1))).rejects.toMatchObject({ code: 'E_BAD_NAME' });
    await expect(s.saveNamed('tag', '../x', makeRun(1))).rejects.toMatchObject({ code: 'E_BAD_NAME' });
    await checkStoreName(s, 'baseline', 'before'); // another kind: no clash
    expect((await s.listNamed('tag')).map((e) => e.name)).toEqual(['Before']);
    await s.close();
  });
});
