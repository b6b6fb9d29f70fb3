/**
 * The PostgreSQL store through the real CLI, against a real server started by the test
 * (test/store/pg-server.ts): run, history, compare, baseline and sharding read and write the database
 * chosen by --store, CYCLEBENCH_STORE or the config; last.json stays local; bad URLs, unreachable
 * servers and missing or newer schemas exit 4 without touching the files and without printing the
 * password; store import/export carry history, baselines and tags between files and the database
 * without loss.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../store/pg-server.js';
import { scratchProject, WORK_BENCH, type Project } from './project.js';

const server = await startPostgres();
const FAST = ['--quick', '--time', '60ms'];

let p: Project;
let url: string;
beforeAll(async () => {
  if (!server) return;
  url = await server.createDatabase('e2e');
  p = scratchProject({ 'bench/work.bench.mjs': WORK_BENCH });
});
afterAll(async () => {
  p?.remove();
  await server?.stop();
});

/** Every file under `dir`, relative path -> bytes, sorted. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (!e.name.endsWith('.lock')) out[path.relative(dir, f)] = fs.readFileSync(f, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe.runIf(server)('--store postgres://', () => {
  it('run --history --tag --save-baseline write to the database; only last.json is a local file', async () => {
    for (const tag of ['t1', 't2', 't3']) {
      const r = await p.cli(['run', ...FAST, '--history', '--tag', tag, '--store', url]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain(`saved tag ${tag} to postgres://postgres:***@127.0.0.1:${server!.port}/e2e (tag ${tag})`);
      expect(r.stdout).toMatch(/appended to history postgres:\/\/postgres:\*\*\*@/);
      expect(r.stdout + r.stderr).not.toContain(server!.password);
    }
    const b = await p.cli(['run', ...FAST, '--save-baseline', 'main', '--no-save', '--store', url]);
    expect(b.code, b.stderr).toBe(0);
    expect(p.exists('.cyclebench/last.json')).toBe(true);
    for (const local of ['.cyclebench/history.jsonl', '.cyclebench/tags', '.cyclebench/baselines'])
      expect(p.exists(local), local).toBe(false);
  }, 120_000);

  it('history, compare, report and baseline read the database', async () => {
    const h = await p.cli(['history', 'work', '--store', url, '--json', '-']);
    expect(h.code, h.stderr).toBe(0);
    const analysis = JSON.parse(h.stdout);
    expect(analysis.runs).toBe(3);
    expect(analysis.series.map((s: { id: string }) => s.id)).toEqual(['work']);
    const last2 = await p.cli(['history', '--store', url, '--last', '2', '--json', '-']);
    expect(JSON.parse(last2.stdout).runs).toBe(2);
    const cmp = await p.cli(['compare', 't1', 't3', '--store', url, '--noise', '0.9']);
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(cmp.stdout).toMatch(/compare: tag t1, .* -> {2}tag t3/);
    const rep = await p.cli(['report', 'main', '--format', 'markdown', '--store', url]);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stdout).toContain('work');
    const list = await p.cli(['baseline', 'list', '--json', '--store', url]);
    expect(JSON.parse(list.stdout).map((e: { name: string; file: string }) => [e.name, e.file])).toEqual([
      ['main', `postgres://postgres:***@127.0.0.1:${server!.port}/e2e (baseline main)`],
    ]);
    expect((await p.cli(['baseline', 'save', 'copy', '--from', 't2', '--store', url])).code).toBe(0);
    expect((await p.cli(['baseline', 'show', 'copy', '--format', 'json', '--store', url])).stdout).toContain('"tag": "t2"');
    const rm = await p.cli(['baseline', 'rm', 'copy', '--store', url]);
    expect(rm.stdout).toMatch(/removed baseline copy/);
    expect((await p.cli(['baseline', 'rm', 'copy', '--store', url])).code).toBe(4);
    const gate = await p.cli(['run', ...FAST, '--no-save', '--baseline', 'main', '--noise', '0.9', '--confirm', '0', '--store', url]);
    expect(gate.code, gate.stdout + gate.stderr).toBe(0);
    expect(gate.stdout).toMatch(/compare: baseline main/);
  }, 120_000);

  it('CYCLEBENCH_STORE and the config key choose the store too; --store wins over both', async () => {
    const env = await p.cli(['history', '--json', '-'], { env: { CYCLEBENCH_STORE: url } });
    expect(JSON.parse(env.stdout).runs).toBe(3);
    p.write('cyclebench.config.json', JSON.stringify({ store: url }));
    try {
      const cfg = await p.cli(['history', '--json', '-']);
      expect(JSON.parse(cfg.stdout).runs).toBe(3);
      const files = await p.cli(['history', '--json', '-', '--store', 'files']);
      expect(JSON.parse(files.stdout).runs).toBe(0);
      const bad = await p.cli(['baseline', 'list'], { env: { CYCLEBENCH_STORE: 'mysql://x@y/z' } });
      expect(bad.code).toBe(4);
      expect(bad.stderr).toMatch(/CYCLEBENCH_STORE: expected 'files' or a postgres:\/\/ URL, got "mysql:\/\/x@y\/z"/);
    } finally {
      fs.rmSync(path.join(p.dir, 'cyclebench.config.json'));
    }
  });

  it('sharding reads the durations from the database', async () => {
    const r = await p.cli(['run', '--shard', '1/2', ...FAST, '--no-save', '--store', url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^shard 1\/2: 1 of 2 task\(s\), 1 of 2 benchmarks, balanced by last known durations \(2 of 2 benchmarks known in history\)/,
    );
  });

  it('an unreachable server, a missing database, no schema or a newer one: exit 4 before measuring, files untouched, no password shown', async () => {
    const pw = server!.password;
    const fresh = await server!.createDatabase('empty');
    const newer = await server!.createDatabase('newer');
    const c = new pg.Client({ connectionString: newer });
    await c.connect();
    await c.query(
      'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    await c.query(`INSERT INTO schema_migrations (version, name) VALUES (99, 'future')`);
    await c.end();
    const before = tree(path.join(p.dir, '.cyclebench'));
    const cases: [string[], RegExp][] = [
      [
        ['run', ...FAST, '--history', '--store', `postgres://postgres:${pw}@127.0.0.1:1/e2e`],
        /cannot use the store postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/e2e: connection refused/,
      ],
      [['run', ...FAST, '--tag', 'x', '--store', server!.url('missing')], /the database does not exist/],
      [['history', '--store', fresh], /has no cyclebench schema \(no schema_migrations table\)/],
      [['compare', 't1', 't2', '--store', fresh], /has no cyclebench schema/],
      [['run', ...FAST, '--history', '--store', newer], /schema version 99, newer than this cyclebench understands/],
      [['history', '--store', 'postgres://postgres@127.0.0.1/'], /names no database/],
    ];
    for (const [args, why] of cases) {
      const r = await p.cli(args);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr).toMatch(why);
      expect(r.stdout + r.stderr).not.toContain(pw);
      expect(r.stderr).not.toMatch(/running \d+ benchmark/);
    }
    expect(tree(path.join(p.dir, '.cyclebench'))).toEqual(before);
  }, 120_000);
});

describe.runIf(server)('cyclebench store import|export', () => {
  it('files -> database -> files gives the same history, baselines and tags, and a repeated import adds nothing', async () => {
    const src = scratchProject({ 'bench/work.bench.mjs': WORK_BENCH });
    const out = fs.mkdtempSync(path.join(path.dirname(src.dir), 'cb-export-'));
    try {
      for (const args of [
        ['--history', '--tag', 'before'],
        ['--history', '--save-baseline', 'main'],
        ['--history', '--tag', 'after'],
      ]) {
        const r = await src.cli(['run', ...FAST, '--no-save', ...args]);
        expect(r.code, r.stderr).toBe(0);
      }
      // A line written before wallMs was kept, and one no reader can use (skipped with a warning).
      src.write(
        '.cyclebench/history.jsonl',
        `${src.read('.cyclebench/history.jsonl')}{"v":1,"time":"2024-01-01T00:00:00.000Z","commit":null,"branch":null,"dirty":null,"mode":"time","cpu":"old","node":"v20.0.0","benchmarks":[{"id":"work","unit":"ns","status":"ok","n":3,"median":5,"lo":4,"hi":6}]}\n{"torn`,
      );
      const db = await server!.createDatabase('roundtrip');
      const imp = await src.cli(['store', 'import', '--store', db]);
      expect(imp.code, imp.stderr).toBe(0);
      expect(imp.stdout).toMatch(/^imported 4 runs of history, 1 baseline and 2 tags from .*\.cyclebench to postgres:\/\/postgres:\*\*\*@/);
      expect(imp.stderr).toMatch(/warning: .*history\.jsonl: skipped history line 5: torn/);
      const again = await src.cli(['store', 'import', '--store', db]);
      expect(again.stdout).toMatch(/^imported 0 runs of history \(4 already there\)/);
      const exp = await src.cli(['store', 'export', '--store', db, '--dir', out]);
      expect(exp.code, exp.stderr).toBe(0);
      expect(exp.stdout).toMatch(/^exported 4 runs of history, 1 baseline and 2 tags from postgres/);
      const original = tree(path.join(src.dir, '.cyclebench'));
      original['history.jsonl'] = original['history.jsonl'].replace(/\{"torn$/, ''); // the unusable line is reported, not copied
      expect(tree(path.join(out, '.cyclebench'))).toEqual(original);
    } finally {
      src.remove();
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('needs a database: with the files store it says so (exit 4)', async () => {
    const r = await p.cli(['store', 'import']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/give the database with --store postgres:\/\//);
    expect((await p.cli(['store', 'sync', '--store', url])).code).toBe(4);
  });
});
