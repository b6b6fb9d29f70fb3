import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evaluateRun, evaluateTargets, parseTarget } from '../../src/compare/index.js';
import {
  consoleTable,
  renderRun,
  renderVerdictConsole,
  renderVerdictJson,
  renderVerdictMarkdown,
  useColor,
} from '../../src/report/index.js';
import { erroredBench, makeRun } from '../compare/fixtures.js';

describe('console tables', () => {
  it('aligns columns, numbers to the right', () => {
    const t = consoleTable(
      ['name', 'value'],
      [
        ['a', '1.00 ms'],
        ['longer', '12 ns'],
      ],
      [1],
    ).split('\n');
    expect(t).toEqual(['name      value', '------  -------', 'a       1.00 ms', 'longer    12 ns']);
  });
  it('colours only on a TTY without NO_COLOR', () => {
    expect(useColor({ write() {}, isTTY: true }, {})).toBe(true);
    expect(useColor({ write() {}, isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ write() {}, isTTY: false }, {})).toBe(false);
  });
});

describe('verdict rendering', async () => {
  const base = makeRun(1);
  const cur = makeRun(2, { slow: { parse: 1.1 }, env: { cpu: { model: 'Other CPU', logicalCores: 2, governor: null, arch: 'x64' } } });
  cur.benchmarks.push(erroredBench('broken', 'kaboom'));
  const policy = { ...DEFAULT_POLICY, targets: [parseTarget('db/query', 'p95 < 100ms', 't')] };
  const report = await evaluateRun(cur, policy, { base, baseLabel: 'tag before', currentLabel: 'tag after' });

  it('console: banner, table, regression with hint, no ANSI without colour, no NaN', () => {
    const text = renderVerdictConsole(report);
    expect(text).toMatch(/ENVIRONMENT MISMATCH/);
    expect(text).toMatch(/CPU model differs: Test CPU @ 2.60GHz \(base\) vs Other CPU \(current\)/);
    expect(text).toMatch(/parse: \d+\.\d% slower \(CI .*, p[=<].*\)/);
    expect(text).toContain('look closer: cyclebench run --filter parse --profile');
    expect(text).toMatch(/db\/query\s+p95 < 100ms\s+\S+ ms\s+PASS\s+\d+\.\d% under target/);
    expect(text).toMatch(/broken: Error: kaboom/);
    expect(text).toContain('Added (only in current): broken');
    expect(text).toContain('Result: BENCHMARK ERRORED (exit 5)');
    expect(text).not.toContain('\u001b[');
    expect(text).not.toMatch(/NaN/);
    expect(renderVerdictConsole(report, { color: true })).toContain('\u001b[31m');
  });

  it('markdown: a warning banner and a table', () => {
    const md = renderVerdictMarkdown(report);
    expect(md).toContain('> [!WARNING]');
    expect(md).toMatch(/\| `parse` \| .* \| 🔴 \*\*REGRESSION\*\* \|/);
    expect(md).toContain('### Targets');
    expect(md).not.toMatch(/NaN/);
  });

  it('json: machine-readable verdicts and the environment warning field', () => {
    const j = JSON.parse(renderVerdictJson(report));
    expect(j).toMatchObject({ kind: 'cyclebench-verdict', exitCode: 5, outcome: { regression: true, benchError: true } });
    expect(j.environmentWarnings).toHaveLength(1);
    expect(j.comparison.benchmarks.find((b: { id: string }) => b.id === 'parse').verdict).toBe('slower');
  });
});

describe('run rendering', () => {
  const run = makeRun(1);
  run.benchmarks.push(erroredBench('broken', 'kaboom'));
  it.each(['console', 'markdown', 'csv'] as const)('%s shows every benchmark, and the errored one with its error, never NaN', (f) => {
    const text = renderRun(run, f);
    for (const b of run.benchmarks) expect(text).toContain(b.id);
    expect(text).not.toMatch(/NaN/);
    if (f !== 'csv') expect(text).toMatch(/error \(below\)[\s\S]*: kaboom/);
  });
  it('csv quotes ids with commas and leaves unavailable values empty', () => {
    const r = makeRun(1, { only: ['math/sum[n=1000]'] });
    r.benchmarks[0].id = 'math/sum[n=1000,m=2]';
    r.benchmarks.push(erroredBench('broken'));
    const lines = renderRun(r, 'csv').trim().split('\n');
    expect(lines[0]).toMatch(/^id,status,unit,n,median/);
    expect(lines[1]).toMatch(/^"math\/sum\[n=1000,m=2\]",ok,ns,100,/);
    expect(lines[2]).toMatch(/^broken,error,ns,0,,,/);
  });
  it('json is the result file with each benchmark graded', () => {
    const json = JSON.parse(renderRun(run, 'json'));
    expect({ ...json, benchmarks: json.benchmarks.map(({ grade: _, ...b }: Record<string, unknown>) => b) }).toEqual(run);
    expect(json.benchmarks.map((b: { grade: { grade: string } }) => b.grade.grade)).toContain('F');
  });
  it('every format shows grades, and a missed target caps one at C', () => {
    const targets = evaluateTargets(run, [parseTarget('parse', 'median < 1ns', 't')]);
    expect(renderRun(run, 'console', { targets })).toMatch(/parse: [CD] \(\d+\.\d%\): missed target median < 1ns/);
    expect(renderRun(run, 'markdown', { targets })).toMatch(/\| `parse` \|.*\| [CD] \(\d+\.\d%\) \|/);
    const csv = renderRun(run, 'csv', { targets }).split('\n');
    expect(csv[0]).toMatch(/,grade,consistency,states$/);
    expect(csv[1]).toMatch(/^parse,.*,[CD],0\.9\d+,$/);
  });
  it('a throughput column appears only when declared, in decimal units', () => {
    expect(renderRun(run, 'console')).not.toMatch(/throughput/);
    const r = makeRun(1, { only: ['parse'] });
    r.benchmarks[0].throughput = { bytes: 12_000 };
    expect(renderRun(r, 'console')).toMatch(/throughput[\s\S]*parse .* 997 MB\/s/);
    expect(renderRun(r, 'csv').split('\n')[1]).toMatch(/,12000,,9\d{8}(\.\d+)?,,/);
  });
});
