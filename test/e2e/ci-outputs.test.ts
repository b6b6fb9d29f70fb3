/**
 * The CI outputs through the real CLI: `--output-dir` with every artifact, `--pr-comment`, `--badge`,
 * `--junit` on run and compare, `compare --format pr-comment`, `report --format bmf|gab`, and the
 * flags that would be ignored or name nothing refused before anything is measured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRunResult } from '../../src/store/index.js';
import { parseJunit, list, type Node } from '../report/junit-shape.js';
import { scratchProject, WORK_BENCH, type Project } from './project.js';

const FAST = ['--quick', '--time', '60ms'];
let p: Project;
beforeAll(async () => {
  p = scratchProject({ 'bench/work.bench.mjs': WORK_BENCH });
  const saved = await p.cli(['run', ...FAST, '--save-baseline', 'main']);
  expect(saved.code, saved.stderr).toBe(0);
}, 120_000);
afterAll(() => p.remove());

const json = (rel: string) => JSON.parse(p.read(rel));

describe('run --baseline main --output-dir out', () => {
  it('writes every artifact with its stable name, each valid, and the verdict they agree on', async () => {
    const r = await p.cli(['run', '--baseline', 'main', '--no-save', '--output-dir', 'out', '--target', 'steady: median < 1s'], {
      env: { WORK: '2600' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);

    const current = validateRunResult(json('out/benchmark-results.json'), 'benchmark-results.json');
    expect(current.benchmarks.map((b) => b.id)).toEqual(['work', 'steady']);
    expect(json('out/baseline-metrics.json')).toEqual(json('.cyclebench/baselines/main.json'));

    const verdict = json('out/comparison.json');
    expect(verdict).toMatchObject({ kind: 'cyclebench-verdict', exitCode: 1, regressions: [{ id: 'work' }] });
    expect(verdict.confirmation.confirmed).toEqual(['work']);
    expect(p.read('out/comparison.md')).toMatch(/## cyclebench run[\s\S]*## cyclebench verdict[\s\S]*\| `work` \|.*REGRESSION/);

    const { suites } = parseJunit(p.read('out/junit.xml'));
    const cases = (name: string) => new Map(list(suites.find((s) => s.name === name)?.testcase).map((c) => [c.name, c]));
    expect((cases('benchmarks').get('work')!.failure as Node).type).toBe('regression');
    expect(cases('benchmarks').get('steady')).not.toHaveProperty('failure');
    expect(cases('targets').get('steady: median < 1s')).not.toHaveProperty('failure');

    expect(json('out/badge.json')).toEqual({ schemaVersion: 1, label: 'cyclebench', message: '1 regression', color: 'red' });

    const comment = p.read('out/pr-comment.md');
    const [marker, title] = comment.split('\n');
    expect(marker).toBe('<!-- cyclebench:pr-comment -->');
    // steady's own verdict depends on the machine's noise; work's does not.
    expect(title).toMatch(/^### ❌ cyclebench: 1 regression, \d improvements?, \d unchanged, .*1 target met$/);
    expect(comment).toMatch(/\*\*Confirmation\*\*: 1 suspect re-run in fresh processes .* confirmed `work`/);
    expect(comment).toMatch(/\| `work` \| .* \| 2\/2 re-runs \|/);
    const html = p.read('out/report.html');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('cyclebench');
  });

  it('without a base: the results, JUnit, badge and comment, but no comparison files', async () => {
    const r = await p.cli(['run', ...FAST, '--no-save', '--output-dir', 'solo', '--badge-bench', 'work']);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['benchmark-results.json', 'junit.xml', 'badge.json', 'pr-comment.md']) expect(p.exists(`solo/${f}`), f).toBe(true);
    for (const f of ['comparison.json', 'comparison.md', 'baseline-metrics.json']) expect(p.exists(`solo/${f}`), f).toBe(false);
    expect(json('solo/badge.json')).toMatchObject({
      label: 'work',
      message: expect.stringMatching(/^\d+(\.\d+)? µs$/),
      color: 'brightgreen',
    });
    expect(p.read('solo/pr-comment.md').split('\n')[1]).toBe('### ✅ cyclebench: no base to compare with');
  });
});

describe('compare with the CI outputs', () => {
  it('--format pr-comment prints the comment; --comment-id, --badge, --junit and --pr-comment write theirs', async () => {
    expect((await p.cli(['run', ...FAST, '--filter', 'work', '--json', 'a.json', '--no-save'])).code).toBe(0);
    expect((await p.cli(['run', ...FAST, '--filter', 'work', '--json', 'b.json', '--no-save'], { env: { WORK: '4000' } })).code).toBe(0);
    const r = await p.cli([
      'compare',
      'a.json',
      'b.json',
      '--format',
      'pr-comment',
      '--comment-id',
      'cpu',
      '--badge',
      'b/badge.json',
      '--badge-bench',
      'work',
      '--junit',
      'j.xml',
      '--pr-comment',
      'c.md',
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '<!-- cyclebench:pr-comment:cpu -->',
      '### ❌ cyclebench: 1 regression, 0 improvements, 0 unchanged',
    ]);
    expect(p.read('c.md')).toBe(r.stdout);
    expect(json('b/badge.json')).toMatchObject({ label: 'work', message: expect.stringMatching(/µs \(\+\d+(\.\d)?%\)$/), color: 'red' });
    expect(parseJunit(p.read('j.xml')).root.failures).toBe('1');
  });
});

describe('refused before measuring', () => {
  it('an output flag that would be ignored, or a badge benchmark that does not exist (exit 4, nothing printed)', async () => {
    const cases: [string[], RegExp][] = [
      [['run', '--comment-id', 'x'], /--comment-id applies to a pull-request comment/],
      [['run', '--badge-bench', 'work'], /--badge-bench applies to a badge/],
      [['run', '--badge', 'b.json', '--badge-bench', 'wokr'], /--badge-bench 'wokr' is not a benchmark id\. Did you mean 'work'\?/],
      [['run', '--pr-comment', 'c.md', '--comment-id', 'a b'], /--comment-id: .*letters, digits/],
      [['run', '--junit', '-'], /--junit takes a file name/],
      [['compare', 'main', 'main', '--badge', 'b.json', '--badge-bench', 'nope'], /is not a benchmark id/],
    ];
    for (const [args, message] of cases) {
      const r = await p.cli(args);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout, args.join(' ')).toBe('');
    }
  });
});

describe('report --format bmf|gab', () => {
  it('converts a stored result for Bencher and github-action-benchmark', async () => {
    const bmf = JSON.parse((await p.cli(['report', 'main', '--format', 'bmf'])).stdout);
    expect(Object.keys(bmf)).toEqual(['work', 'steady']);
    expect(bmf.work.latency).toEqual({ value: expect.any(Number), lower_value: expect.any(Number), upper_value: expect.any(Number) });
    const gab = JSON.parse((await p.cli(['report', 'main', '--format', 'gab'])).stdout);
    expect(gab.map((e: { name: string; unit: string }) => [e.name, e.unit])).toEqual([
      ['work', 'ns'],
      ['steady', 'ns'],
    ]);
  });
});
