/**
 * The CLI's contract in CI, end to end: nothing passes by mistake, every flag means something, help
 * and version exist, typos are named, outputs go where they are asked to. Real bin, scratch project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, scratchProject, WORK_BENCH, type Project } from './project.js';

const FAST = ['--quick', '--time', '60ms'];
let p: Project;
beforeAll(async () => {
  p = scratchProject({ 'bench/work.bench.mjs': WORK_BENCH });
  expect((await p.cli(['run', ...FAST, '--save-baseline', 'main'])).code).toBe(0);
}, 60_000);
afterAll(() => p.remove());

describe('help, version and typos', () => {
  it('every command has --help (exit 0); the CLI has --version', async () => {
    for (const command of ['run', 'compare', 'baseline', 'history', 'report', 'info', 'import', 'init']) {
      const r = await p.cli([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(/Usage:\s+cyclebench/);
    }
    const v = await p.cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
  });

  it('an unknown flag or command suggests the nearest one (exit 4)', async () => {
    const flag = await p.cli(['run', '--fliter', 'work']);
    expect(flag.code).toBe(4);
    expect(flag.stderr).toMatch(/unknown option '--fliter'\. Did you mean '--filter'\?/);
    const command = await p.cli(['compre', 'main']);
    expect(command.code).toBe(4);
    expect(command.stderr).toMatch(/Did you mean 'compare'\?/);
  });

  it('a target, config target or config key that matches nothing is an error naming the nearest name', async () => {
    const flag = await p.cli(['run', ...FAST, '--target', 'wokr: median < 1ms']);
    expect(flag.code).toBe(4);
    expect(flag.stderr).toMatch(/'wokr' matches no benchmark\. Did you mean 'work'\?/);
    p.write('cyclebench.config.json', JSON.stringify({ targets: { stedy: 'median < 1ms' } }));
    const config = await p.cli(['run', ...FAST]);
    expect(config.code).toBe(4);
    expect(config.stderr).toMatch(/'stedy' matches no benchmark\. Did you mean 'steady'\?/);
    p.write('cyclebench.config.json', JSON.stringify({ nosie: 0.02 }));
    const key = await p.cli(['compare', 'main', 'main']);
    expect(key.code).toBe(4);
    expect(key.stderr).toMatch(/unknown key 'nosie'\. Did you mean 'noise'\?/);
    p.write('cyclebench.config.json', '{}');
  });

  it('flags that would be ignored are refused', async () => {
    for (const args of [
      ['run', '--iterations', '50'],
      ['run', '--cache-sim'],
      ['compare', 'main', '--confirm', '2'],
    ]) {
      const r = await p.cli(args);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr).toMatch(
        /--iterations applies only to --mode instructions|--cache-sim applies only|--confirm does not apply to compare/,
      );
    }
  });
});

describe('nothing passes by mistake', () => {
  it('a filter that matches nothing is an error naming the filter and the files; nothing is saved', async () => {
    const before = p.read('.cyclebench/last.json');
    const r = await p.cli(['run', '--filter', 'nothing-matches', '--baseline', 'main']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--filter "nothing-matches" matches none of the 2 benchmarks in bench\/work\.bench\.mjs: work, steady/);
    expect(p.read('.cyclebench/last.json')).toBe(before);
  });

  it('benchmarks that disappeared fail the gate unless --allow-removed', async () => {
    const q = scratchProject({ 'bench/work.bench.mjs': WORK_BENCH });
    try {
      expect((await q.cli(['run', ...FAST, '--save-baseline', 'main'])).code).toBe(0);
      q.write(
        'bench/work.bench.mjs',
        WORK_BENCH.split('\n')
          .filter((l) => !l.includes("'steady'"))
          .join('\n'),
      );
      const r = await q.cli(['run', ...FAST, '--baseline', 'main', '--no-save']);
      expect(r.code, r.stdout).toBe(1);
      expect(r.stdout).toMatch(/Removed \(in the base, not measured now\): steady; this fails the gate \(exit 1\)/);
      const allowed = await q.cli(['run', ...FAST, '--baseline', 'main', '--no-save', '--allow-removed']);
      expect([0, 1]).toContain(allowed.code);
      expect(allowed.stdout).toMatch(/steady; accepted/);
      expect(allowed.stdout).not.toMatch(/REGRESSION.*steady|steady.*REGRESSION/);
    } finally {
      q.remove();
    }
  });

  it('an unwritable $GITHUB_STEP_SUMMARY is a warning: the verdict and its exit code stand', async () => {
    const r = await p.cli(['compare', 'main', 'main', '--target', 'work: median < 1ns'], {
      env: { GITHUB_STEP_SUMMARY: '/nonexistent-dir/x/summary.md' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/warning: cannot write the GitHub step summary/);
    expect(r.stdout).toMatch(/TARGET MISSED \(exit 3\)/);
  });
});

describe('outputs hold the results', () => {
  it('run --markdown without a baseline writes the results table, and does not claim "no regression"', async () => {
    const r = await p.cli(['run', ...FAST, '--markdown', 'results.md', '--no-save']);
    expect(r.code, r.stderr).toBe(0);
    const md = p.read('results.md');
    expect(md).toMatch(/\| `work` \|/);
    expect(md).not.toMatch(/no regression/);
  });

  it('a plain run appends the results table to $GITHUB_STEP_SUMMARY', async () => {
    p.write('summary.md', '');
    const r = await p.cli(['run', ...FAST, '--no-save'], { env: { GITHUB_STEP_SUMMARY: `${p.dir}/summary.md` } });
    expect(r.code).toBe(0);
    expect(p.read('summary.md')).toMatch(/## cyclebench run[\s\S]*\| `steady` \|/);
  });
});

describe('run --history', () => {
  it('judges the history at this run: a step up in the latest runs exits 1, as the exit-code table says', async () => {
    const q = scratchProject({ 'bench/work.bench.mjs': WORK_BENCH });
    try {
      for (let i = 0; i < 6; i++) expect((await q.cli(['run', ...FAST, '--filter', 'work', '--history'])).code).toBe(0);
      const codes: (number | null)[] = [];
      let last = '';
      for (let i = 0; i < 3; i++) {
        const r = await q.cli(['run', ...FAST, '--filter', 'work', '--history'], { env: { WORK: '4000' } });
        codes.push(r.code);
        last = r.stdout;
      }
      expect(codes[2], last).toBe(1);
      expect(last).toMatch(/work: .*\(history\)/);
      expect(last).toMatch(/look closer: cyclebench run bench\/work\.bench\.mjs --filter/);
    } finally {
      q.remove();
    }
  });
});

describe('the README example', () => {
  it('saved as bench/x.bench.ts in a project without "type": "module" runs (top-level await included)', async () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(readme)![1];
    expect(example).toMatch(/await run\(\)/);
    const q = scratchProject({ 'bench/x.bench.ts': example }, { type: 'commonjs' });
    try {
      const r = await q.cli(['run', '--quick', '--json', 'r.json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(q.read('r.json')).benchmarks.map((b: { id: string }) => b.id)).toContain('JSON.parse');
      expect(q.exists('bench/.x.cyclebench-esm.mts')).toBe(false); // the ESM copy is gone
    } finally {
      q.remove();
    }
  });
});
