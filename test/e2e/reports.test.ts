/**
 * Reports end to end through the real CLI: throughput beside time and as targets, grades in every
 * format, and the HTML report's inputs (a run, two results, a verdict file, the history). What the
 * page draws in a browser is test/report/html-browser.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchProject, type Project } from './project.js';
import { historyLines, REPORT_BENCH, XSS_NAME } from './report-suite.js';

let p: Project;
let first: { code: number | null; stdout: string; stderr: string };
const TARGETS = ['--target', 'parse: throughput > 1kB/s', '--target', 'sum*: items > 1k/s'];

/** The JSON data embedded in an HTML report. */
function data(html: string): {
  run?: { benchmarks: { id: string; summary: [string, string][] }[] };
  comparison?: { outcome: string; bars: { name: string; tone: string }[] };
  history?: { series: { id: string; crossing: unknown; changes: unknown[] }[] };
} {
  const m = /<script type="application\/json" id="cyclebench-data">([^<]*)<\/script>/.exec(html);
  expect(m, 'the report embeds its data').toBeTruthy();
  return JSON.parse(m![1]);
}

beforeAll(async () => {
  p = scratchProject({ 'bench/r.bench.mjs': REPORT_BENCH });
  first = await p.cli(['run', '--quick', '--json', 'base.json', '--html', 'run.html', ...TARGETS]);
}, 120_000);
afterAll(() => p.remove());

describe('throughput', () => {
  it('run prints bytes/s and items/s beside time, with grades, and judges the throughput targets', () => {
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/benchmark\s+median.*throughput.*grade/);
    expect(first.stdout).toMatch(/\nparse\s+\S+ [nµ]s .* \d[\d.]* [kMG]?B\/s\s+\d+\s+\w+\s+(A\+|[A-F]) \(\d+\.\d%\)/);
    expect(first.stdout).toMatch(/\nsum\[n=1000\]\s.* \d[\d.]*[kMG]? items\/s/);
    expect(first.stdout).toMatch(/parse\s+throughput > 1kB\/s\s+\S+ [kMG]?B\/s\s+PASS/);
    expect(first.stdout).toMatch(/sum\[n=100\]\s+items > 1k\/s\s+\S+ items\/s\s+PASS/);
  });

  it('the result records what one iteration processes, per argument point', () => {
    const r = JSON.parse(p.read('base.json'));
    const by = (id: string) => r.benchmarks.find((b: { id: string }) => b.id === id);
    expect(by('parse').throughput).toEqual({ bytes: JSON.stringify({ a: [1, 2, 3], b: 'x'.repeat(200) }).length });
    expect(by('sum[n=100]').throughput).toEqual({ items: 100 });
    expect(by('sum[n=1000]').throughput).toEqual({ items: 1000 });
    expect(by(XSS_NAME).throughput).toBeUndefined();
  });

  it('a missed throughput target exits 3 and caps the grade at C', async () => {
    const r = await p.cli(['run', '--quick', '--no-save', '--filter', 'parse', '--target', 'parse: throughput > 500TB/s']);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/parse\s+throughput > 500TB\/s\s+\S+ [kMG]?B\/s\s+FAIL\s+[\d,.]+x below target/);
    expect(r.stdout).toMatch(/parse: [CDF] \(\d+\.\d%\): .*missed target throughput > 500TB\/s/);
  });

  it('an invalid declaration errors that benchmark (exit 5), never a rate from 0', async () => {
    p.write(
      'bench/bad.bench.mjs',
      `import { bench } from 'cyclebench';\nbench('bad', ({ n }) => n * 2, { args: { n: [0] }, throughput: { bytes: ({ n }) => n } });\n`,
    );
    try {
      const r = await p.cli(['run', 'bench/bad.bench.mjs', '--quick', '--no-save']);
      expect(r.code, r.stdout + r.stderr).toBe(5);
      expect(r.stdout).toMatch(/bad\[n=0\]: throughput\.bytes must be a positive finite number per iteration, got 0/);
    } finally {
      p.write('bench/bad.bench.mjs', '');
    }
  });
});

describe('cyclebench report', () => {
  it('csv, markdown and json carry throughput and grades; --target caps a grade', async () => {
    const csv = await p.cli(['report', 'base.json', '--format', 'csv']);
    const [head, ...rows] = csv.stdout.trim().split('\n');
    expect(head).toMatch(/,bytes_per_iteration,items_per_iteration,bytes_per_sec,items_per_sec,grade,consistency,states$/);
    expect(rows.find((r) => r.startsWith('parse,'))).toMatch(/,\d+,,\d+(\.\d+)?,,(A\+|[A-F]),(0|1)(\.\d+)?,("[^"]*"|[^,]*)$/);
    const md = await p.cli(['report', 'base.json', '--format', 'markdown']);
    expect(md.stdout).toMatch(/\| throughput \|.*\| grade \|/);
    const json = JSON.parse((await p.cli(['report', 'base.json', '--format', 'json', '--target', 'parse: median < 1ns'])).stdout);
    const parse = json.benchmarks.find((b: { id: string }) => b.id === 'parse');
    expect(parse.grade).toMatchObject({
      targets: { total: 1, missed: 1 },
      reasons: expect.arrayContaining([expect.stringMatching(/^missed target median < 1ns/)]),
    });
    expect(['C', 'D', 'F']).toContain(parse.grade.grade);
  });

  it('run --html writes one self-contained page with every benchmark, the name as data', () => {
    const html = p.read('run.html');
    expect(first.stdout).toMatch(/wrote HTML report .*run\.html/);
    expect(html).not.toContain(XSS_NAME);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    const d = data(html);
    expect(d.run!.benchmarks.map((b) => b.id)).toEqual([
      'parse',
      XSS_NAME,
      'sum[n=100]',
      'sum[n=1000]',
      'sort/Array#sort',
      'sort/Float64Array#sort',
    ]);
    expect(d.comparison!.outcome).toMatch(/OK: 3 targets met/);
  });

  it('run --baseline --html: the page holds the comparison with the base', async () => {
    const r = await p.cli([
      'run',
      '--quick',
      '--no-save',
      '--baseline',
      'base.json',
      '--confirm',
      '0',
      '--filter',
      'sum',
      '--html',
      'gate.html',
    ]);
    expect([0, 1], r.stdout + r.stderr).toContain(r.code);
    const d = data(p.read('gate.html'));
    expect(d.comparison!.bars.map((b) => b.name)).toEqual(['sum[n=100]', 'sum[n=1000]']);
    expect(d.comparison!.outcome).toMatch(/\(exit [01]\)$/);
    expect(d.run!.benchmarks.map((b) => b.id)).toEqual(['sum[n=100]', 'sum[n=1000]']);
  });

  it('two results: the current run and its comparison; a verdict file from compare --json too', async () => {
    const cur = await p.cli(['run', '--quick', '--no-save', '--quiet', '--json', 'cur.json'], { env: { WORK: '3' } });
    expect(cur.code, cur.stderr).toBe(0);
    const two = await p.cli(['report', 'base.json', 'cur.json', '--format', 'html', '--out', 'cmp.html']);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).toMatch(/wrote .*cmp\.html \(\d+ KB\)/);
    const cmp = data(p.read('cmp.html'));
    expect(cmp.comparison!.bars.map((b) => b.name)).toContain('parse');
    expect(cmp.run!.benchmarks).toHaveLength(6);
    await p.cli(['compare', 'base.json', 'cur.json', '--json', 'verdict.json']);
    const v = await p.cli(['report', 'verdict.json', '--format', 'html', '--out', '-']);
    expect(v.code, v.stderr).toBe(0);
    const only = data(v.stdout);
    expect(only.run).toBeUndefined();
    expect(only.comparison!.bars.find((b) => b.name === 'parse')).toBeTruthy();
  });

  it('--history: trend lines with change points and the projected crossing', async () => {
    p.write('.cyclebench/history.jsonl', historyLines());
    const r = await p.cli(['report', '--history', '--format', 'html', '--threshold', '2us']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote .*cyclebench-report\.html/);
    const s = data(p.read('cyclebench-report.html')).history!.series[0];
    expect(s.id).toBe('parse');
    expect(s.changes.length).toBeGreaterThan(0);
    expect(s.crossing).toBeTruthy();
    const text = await p.cli(['report', '--history', '--format', 'markdown', '--out', '-']);
    expect(text.stdout).toMatch(/## cyclebench history/);
  });

  it('usage errors exit 4 before writing anything', async () => {
    for (const args of [
      ['report', 'base.json', 'cur.json'], // a comparison is html here; text is `compare`
      ['report', '--history', '--format', 'csv'],
      ['report', 'base.json', 'cur.json', 'base.json', '--format', 'html'],
      ['report', 'base.json', '--format', 'pdf'],
    ]) {
      const r = await p.cli([...args, '--out', 'never.html']);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(4);
    }
    expect(p.exists('never.html')).toBe(false);
    p.write('newer.json', JSON.stringify({ kind: 'cyclebench-verdict', version: 99 }));
    const newer = await p.cli(['report', 'newer.json', '--format', 'html']);
    expect(newer.code).toBe(4);
    expect(newer.stderr).toMatch(/verdict of version 99.*upgrade cyclebench/);
  });
});
