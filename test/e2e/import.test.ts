/**
 * `cyclebench import` on files the tools themselves wrote: `vitest bench --outputJson` and mitata's
 * `run({ format: 'json' })`, both devDependencies here, run in a scratch project; then compare, the
 * gate's outputs and history on the imported results, through the real bin.
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRunResult } from '../../src/store/index.js';
import { PACKAGE_ROOT, scratchProject, type Project } from './project.js';

const VITEST_BENCH = `import { bench, describe } from 'vitest';
const opts = { time: 40, iterations: 20, warmupTime: 10 };
describe('sort', () => {
  bench('Array#sort', () => { [3, 1, 2].sort(); }, opts);
  bench('toSorted', () => { [3, 1, 2].toSorted(); }, opts);
});
bench('JSON.parse', () => { JSON.parse('{"a":1}'); }, opts);
bench('throws', () => { throw new Error('nope'); }, opts);
`;

const MITATA_BENCH = `import { bench, do_not_optimize, group, run } from 'mitata';
import { writeFileSync } from 'node:fs';
group('strings', () => { bench('concat', () => do_not_optimize('a' + Math.random())); });
bench('sum $n', function* (state) {
  const n = state.get('n');
  yield () => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; };
}).args('n', [10, 100]);
let out = '';
await run({ format: 'json', print: (s) => (out += s) });
writeFileSync('mitata.json', out);
`;

let p: Project;
beforeAll(() => {
  p = scratchProject({ 'bench/sort.bench.ts': VITEST_BENCH, 'm.mjs': MITATA_BENCH });
  for (const pkg of ['vitest', 'mitata']) symlinkSync(join(PACKAGE_ROOT, 'node_modules', pkg), join(p.dir, 'node_modules', pkg), 'dir');
  // The child tools must not think they run inside this test run.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST'),
  );
  const v = spawnSync(
    process.execPath,
    [join(PACKAGE_ROOT, 'node_modules/vitest/vitest.mjs'), 'bench', '--run', '--outputJson', 'vitest.json'],
    { cwd: p.dir, env, encoding: 'utf8', timeout: 120_000 },
  );
  expect(p.exists('vitest.json'), `${v.stdout}\n${v.stderr}`).toBe(true);
  const m = spawnSync(process.execPath, ['m.mjs'], { cwd: p.dir, env, encoding: 'utf8', timeout: 120_000 });
  expect(m.status, m.stderr).toBe(0);
}, 240_000);
afterAll(() => p.remove());

describe('import from vitest', () => {
  it('converts the real file into a valid result, the failed benchmark as errored', async () => {
    const r = await p.cli(['import', 'vitest.json', '--json', 'v.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/imported 4 benchmarks \(1 without statistics\) from vitest \(vitest\.json\); wrote v\.json/);
    const run = validateRunResult(JSON.parse(p.read('v.json')), 'v.json');
    expect(run.tool.importedFrom).toMatchObject({ tool: 'vitest', file: 'vitest.json', samples: false });
    expect(run.benchmarks.map((b) => [b.id, b.status]).sort()).toEqual([
      ['JSON.parse', 'ok'],
      ['sort/Array#sort', 'ok'],
      ['sort/toSorted', 'ok'],
      ['throws', 'error'],
    ]);
    const parse = run.benchmarks.find((b) => b.id === 'JSON.parse')!.stats!;
    expect(parse.median).toBeGreaterThan(10); // nanoseconds, not vitest's milliseconds
    expect(parse.medianCI.lo).toBeLessThanOrEqual(parse.median);
    expect(parse.medianCI.hi).toBeGreaterThanOrEqual(parse.median);
  });

  it('compare makes the labelled summary-only comparison, and the CI outputs work on it', async () => {
    const r = await p.cli(['compare', 'v.json', 'v.json', '--output-dir', 'out', '--json', 'verdict.json']);
    expect(r.code, r.stdout + r.stderr).toBe(5); // the benchmark that failed in vitest is errored
    expect(r.stdout).toMatch(/Summary-only comparison \(raw samples missing\) for: .*JSON\.parse/);
    const verdict = JSON.parse(p.read('verdict.json'));
    expect(
      verdict.comparison.benchmarks.filter((b: { status: string }) => b.status === 'compared').map((b: { method: string }) => b.method),
    ).toEqual(['summary-only', 'summary-only', 'summary-only']);
    expect(p.read('out/pr-comment.md')).toMatch(/_Summary-only \(no raw samples\) for 3 benchmarks/);
    expect(p.exists('out/junit.xml')).toBe(true);
  });
});

describe('import from mitata', () => {
  it('converts the real file, groups and arguments in the ids; a tag, a baseline and history take it', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await p.cli(['import', 'mitata.json', '--tag', 'm', '--save-baseline', 'mb', '--history']);
      expect(r.code, r.stderr).toBe(0);
    }
    const run = validateRunResult(JSON.parse(p.read('.cyclebench/tags/m.json')), 'm.json');
    expect(run.tool.importedFrom?.tool).toBe('mitata');
    expect(run.benchmarks.map((b) => b.id)).toEqual(['strings/concat', 'sum 10', 'sum 100']);
    expect(run.benchmarks.every((b) => b.stats!.medianCI.method === 'order-statistics' && b.samples === undefined)).toBe(true);
    const c = await p.cli(['compare', 'mb', 'm']);
    expect(c.code, c.stdout).toBe(0);
    expect(c.stdout).toMatch(/Summary-only comparison/);
    const h = await p.cli(['history']);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toMatch(/2 run\(s\)/);
    expect(h.stdout).toMatch(/strings\/concat/);
  });
});

describe('refusals', () => {
  it('a missing file, a file that is not JSON, or JSON of neither tool: exit 4, saying which', async () => {
    p.write('not.json', 'hello');
    p.write('other.json', '{"results": []}');
    const cases: [string[], RegExp][] = [
      [['import', 'missing.json'], /cannot read missing\.json.*\[E_NOT_FOUND\]/],
      [['import', 'not.json'], /not\.json is not JSON/],
      [['import', 'other.json'], /other\.json is neither vitest's .* nor mitata's/],
      [['import', 'vitest.json', '--from', 'benchmarkjs'], /--from takes vitest, mitata/],
      [['import', 'vitest.json', '--tag', '../x'], /Invalid tag name/],
    ];
    for (const [args, message] of cases) {
      const r = await p.cli(args);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});
