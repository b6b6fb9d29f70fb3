/**
 * Sharding and merging through the real CLI in a scratch git project: N shards cover the suite once
 * with whole tasks and one plan, balanced by the durations history held before HEAD was committed;
 * an empty shard exits 0 and stores nothing; the merge joins shards for compare, report and the gate,
 * and refuses duplicates, missing shards, other plans and mixed environments (unless allowed).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/result/types.js';
import { scratchProject, type Project } from './project.js';

const FAST = ['--quick', '--time', '60ms', '--no-save'];
const SUITE = `import { bench, group } from 'cyclebench';
const work = (k) => () => { let s = 0; for (let i = 0; i < k; i++) s += Math.sqrt(i); return s; };
bench('a', work(100));
bench('b', work(200));
bench('c', ({ n }) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }, { args: { n: [10, 100, 1000] } });
group('g', () => { bench('x', work(50)); bench('y', work(60)); });
group('h', { baseline: 'p' }, () => { bench('p', work(70)); bench('q', work(80)); });
bench('d', work(300));
`;
const ALL = ['a', 'b', 'c[n=10]', 'c[n=100]', 'c[n=1000]', 'g/x', 'g/y', 'h/p', 'h/q', 'd'];

let p: Project;
const git = (...args: string[]) => execFileSync('git', args, { cwd: p.dir, stdio: 'pipe' }).toString();
const result = (file: string): RunResult => JSON.parse(p.read(file));
const ids = (file: string) => result(file).benchmarks.map((b) => b.id);

beforeAll(() => {
  p = scratchProject({ 'bench/suite.bench.mjs': SUITE, '.gitignore': 'node_modules\n.cyclebench\n*.json\n!package.json\n' });
  git('init', '-q');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'suite');
});
afterAll(() => p.remove());

describe('run --shard K/N', () => {
  beforeAll(async () => {
    for (const k of [1, 2, 3]) {
      const r = await p.cli(['run', '--shard', `${k}/3`, ...FAST, '--json', `s${k}.json`]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          `^shard ${k}/3: \\d of 6 task\\(s\\), \\d+ of 10 benchmarks, balanced by count \\(no durations in history\\) \\[plan [0-9a-f]{16}\\]`,
        ),
      );
    }
  }, 180_000);

  it('three shards cover the suite once, whole tasks each, from one plan', () => {
    const shards = [1, 2, 3].map((k) => ids(`s${k}.json`));
    expect(shards.flat().sort()).toEqual([...ALL].sort());
    for (const s of shards) expect(s.length).toBeGreaterThan(0);
    const home = (id: string) => shards.findIndex((s) => s.includes(id));
    expect(home('g/x')).toBe(home('g/y'));
    expect(home('h/p')).toBe(home('h/q'));
    expect(new Set(['c[n=10]', 'c[n=100]', 'c[n=1000]'].map(home)).size).toBe(1);
    const infos = [1, 2, 3].map((k) => result(`s${k}.json`).shard!);
    expect(infos.map((s) => [s.index, s.count])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(new Set(infos.map((s) => s.plan)).size).toBe(1);
  });

  it('the same suite and history give the same shard again', async () => {
    const r = await p.cli(['run', '--shard', '2/3', ...FAST, '--json', 'again.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(ids('again.json')).toEqual(ids('s2.json'));
    expect(result('again.json').shard).toEqual(result('s2.json').shard);
  });

  it('refuses K/N that is not a shard (exit 4), before measuring', async () => {
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '2', '1/2/3', '1/1001']) {
      const r = await p.cli(['run', '--shard', bad, ...FAST]);
      expect(r.code, bad).toBe(4);
      expect(r.stderr).toContain(`--shard takes K/N with whole numbers 1 <= K <= N <= 1000 (shard K of N, such as 2/4), got '${bad}'`);
      expect(r.stdout).not.toMatch(/running/);
    }
    const both = await p.cli(['run', '--shard', '1/2', '--ids-from', 's1.json', ...FAST]);
    expect(both.code).toBe(4);
    expect(both.stderr).toMatch(/--shard and --ids-from both choose what to measure/);
  });

  it('a shard with no benchmarks says so, exits 0, stores nothing, and still writes its --json for the merge', async () => {
    const q = scratchProject({
      'bench/two.bench.mjs': `import { bench } from 'cyclebench';\nbench('one', () => 1 + 1);\nbench('two', () => 2 + 2);\n`,
    });
    try {
      const r = await q.cli(['run', '--shard', '3/3', '--quick', '--time', '60ms', '--tag', 'empty', '--history', '--json', 'e.json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /^shard 3\/3: no benchmarks in this shard \(the suite has 2 task\(s\) for 3 shards\); nothing to measure, no stored result written/,
      );
      expect(q.exists('.cyclebench/last.json')).toBe(false);
      expect(q.exists('.cyclebench/tags/empty.json')).toBe(false);
      expect(q.exists('.cyclebench/history.jsonl')).toBe(false);
      const e = JSON.parse(q.read('e.json')) as RunResult;
      expect(e.benchmarks).toEqual([]);
      expect(e.shard).toMatchObject({ index: 3, count: 3 });
      for (const k of [1, 2])
        expect((await q.cli(['run', '--shard', `${k}/3`, '--quick', '--time', '60ms', '--no-save', '--json', `${k}.json`])).code).toBe(0);
      const m = await q.cli(['merge', '1.json', '2.json', 'e.json', '-o', 'all.json']);
      expect(m.code, m.stderr).toBe(0);
      expect((JSON.parse(q.read('all.json')) as RunResult).benchmarks.map((b) => b.id).sort()).toEqual(['one', 'two']);
    } finally {
      q.remove();
    }
  }, 60_000);

  it('balances by the durations history held before HEAD was committed (lines from older versions count as unknown)', async () => {
    const line = (time: string, walls: Record<string, number | undefined>) =>
      JSON.stringify({
        v: 1,
        time,
        commit: null,
        branch: 'main',
        dirty: false,
        mode: 'time',
        cpu: 'x',
        node: 'v20.0.0',
        benchmarks: Object.entries(walls).map(([id, wallMs]) => ({
          id,
          unit: 'ns',
          status: 'ok',
          n: 10,
          median: 1,
          lo: 1,
          hi: 1,
          ...(wallMs === undefined ? {} : { wallMs }),
        })),
      });
    const short = Object.fromEntries(ALL.map((id) => [id, 10]));
    p.write(
      '.cyclebench/history.jsonl',
      [
        line('2020-01-01T00:00:00.000Z', { ...short, a: 5000, d: undefined }),
        // Appended after HEAD was committed (by another job of this commit): not read, or shards would disagree.
        line('2999-01-01T00:00:00.000Z', { ...short, d: 9000 }),
      ].join('\n') + '\n',
    );
    try {
      const r = await p.cli(['run', '--shard', '1/2', ...FAST, '--json', 'heavy.json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /^shard 1\/2: 1 of 6 task\(s\), 1 of 10 benchmarks, balanced by last known durations \(9 of 10 benchmarks known in history\): about 5\.0 s of 5\.1 s/,
      );
      expect(ids('heavy.json')).toEqual(['a']);
      const other = await p.cli(['run', '--shard', '2/2', ...FAST, '--json', 'light.json']);
      expect(ids('light.json').sort()).toEqual(ALL.filter((id) => id !== 'a').sort());
      expect(result('light.json').shard!.plan).toBe(result('heavy.json').shard!.plan);
      expect(other.code).toBe(0);
    } finally {
      p.write('.cyclebench/history.jsonl', '');
    }
  }, 60_000);

  it('--ids-from measures the benchmarks a shard result holds, as that shard (the base side of a CI shard)', async () => {
    const r = await p.cli(['run', '--ids-from', 's2.json', ...FAST, '--json', 'base2.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^measuring the ${ids('s2.json').length} of ${ids('s2.json').length} benchmarks of s2\\.json \\(shard 2/3\\) that this suite has`,
      ),
    );
    expect(ids('base2.json')).toEqual(ids('s2.json'));
    expect(result('base2.json').shard).toEqual(result('s2.json').shard);
  });
});

describe('cyclebench merge', () => {
  it('joins the shards: every benchmark once, groups and complexity fits carried over', async () => {
    const r = await p.cli(['merge', 's3.json', 's1.json', 's2.json', '-o', 'all.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^merged 3 files \(shards 1-3 of 3\): 10 benchmarks, \d+ group comparisons? -> all\.json/);
    const all = result('all.json');
    const shards = [1, 2, 3].map((k) => result(`s${k}.json`));
    expect(all.benchmarks.map((b) => b.id)).toEqual(shards.flatMap((s) => s.benchmarks.map((b) => b.id)));
    expect(all.groups.map((g) => g.group).sort()).toEqual(['g', 'h']);
    expect(all.groups).toEqual(shards.flatMap((s) => s.groups));
    expect(all.complexity).toEqual(shards.flatMap((s) => s.complexity));
    expect(all.complexity.map((c) => c.id)).toContain('c');
    expect(all.shard).toBeUndefined();
    expect(all.benchmarks.some((b) => b.environment)).toBe(false);
    expect(all.startedAt <= all.finishedAt).toBe(true);
  });

  it('compare, report and the gate read the merged file', async () => {
    const cmp = await p.cli(['compare', 'all.json', 'all.json', '--json', '-']);
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(
      JSON.parse(cmp.stdout)
        .comparison.benchmarks.map((row: { id: string }) => row.id)
        .sort(),
    ).toEqual([...ALL].sort());
    const md = await p.cli(['report', 'all.json', '--format', 'markdown']);
    expect(md.code, md.stderr).toBe(0);
    for (const id of ALL) expect(md.stdout).toContain(id);
    // One shard gated against the merged baseline: the other shards' benchmarks are out of its scope, not "removed".
    const gate = await p.cli(['run', '--shard', '1/3', ...FAST, '--baseline', 'all.json', '--noise', '0.9', '--confirm', '0']);
    expect(gate.code, gate.stdout + gate.stderr).toBe(0);
    expect(gate.stdout).toMatch(/Result: OK/);
    expect(gate.stdout).not.toMatch(/Removed/);
  }, 60_000);

  it('refuses a benchmark in two files, a shard given twice or missing, and shards of another plan; writes nothing', async () => {
    const refuse = async (args: string[], why: RegExp) => {
      const r = await p.cli(['merge', ...args, '-o', 'refused.json']);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr).toMatch(why);
      expect(p.exists('refused.json')).toBe(false);
    };
    await refuse(['s1.json', 's2.json'], /shard 3\/3 is missing \(got 1, 2\); pass every shard's file/);
    await refuse(['s1.json', 's1.json', 's2.json', 's3.json'], /shard 1\/3 is given twice: s1\.json and s1\.json/);
    const other = result('s2.json');
    p.write('other-plan.json', JSON.stringify({ ...other, shard: { ...other.shard!, plan: '0000000000000000' } }));
    await refuse(['s1.json', 'other-plan.json', 's3.json'], /were planned differently/);
    await refuse(['s1.json', 'all.json'], /cannot merge shards with a whole run/);
    const whole = result('all.json');
    p.write('part.json', JSON.stringify({ ...whole, benchmarks: whole.benchmarks.slice(0, 2), groups: [], complexity: [] }));
    await refuse(
      ['all.json', 'part.json'],
      new RegExp(`benchmark "${whole.benchmarks[0].id.replace(/[[\]]/g, '\\$&')}" is in both all\\.json and part\\.json`),
    );
  });

  it('refuses mixed environments naming the field, unless --allow-mixed: then each benchmark records its own', async () => {
    const s2 = result('s2.json');
    p.write(
      'elsewhere.json',
      JSON.stringify({ ...s2, environment: { ...s2.environment, cpu: { ...s2.environment.cpu, model: 'Other CPU 9000' } } }),
    );
    const r = await p.cli(['merge', 's1.json', 'elsewhere.json', 's3.json', '-o', 'mixed.json']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      /measured in differing environments[\s\S]*CPU model: .* \(s1\.json\) vs Other CPU 9000 \(elsewhere\.json\)[\s\S]*--allow-mixed/,
    );
    expect(p.exists('mixed.json')).toBe(false);
    const ok = await p.cli(['merge', 's1.json', 'elsewhere.json', 's3.json', '--allow-mixed', '-o', 'mixed.json']);
    expect(ok.code, ok.stderr).toBe(0);
    const m = result('mixed.json');
    for (const b of m.benchmarks)
      expect(b.environment!.cpu.model).toBe(ids('s2.json').includes(b.id) ? 'Other CPU 9000' : s2.environment.cpu.model);
    const cmp = await p.cli(['compare', 'mixed.json', 'all.json']);
    expect(cmp.code, cmp.stderr).toBe(0);
  });
});
