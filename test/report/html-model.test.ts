import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evaluateRun } from '../../src/compare/index.js';
import { analyzeHistory } from '../../src/compare/history-analysis.js';
import { histogram, htmlModel } from '../../src/report/html-model.js';
import { renderHtml, scriptJson } from '../../src/report/html.js';
import type { BenchResult } from '../../src/result/types.js';
import type { HistoryEntry } from '../../src/store/history-file.js';
import { bench, erroredBench, makeRun, samples } from '../compare/fixtures.js';

const XSS = '<img src=x onerror=alert(1)>';

/** A GPU result as the engine writes it (no GPU is needed to render one). */
function gpuBench(gpu: Record<string, unknown>): BenchResult {
  return bench('copy', samples(250_000, 40, 7), {
    kind: 'gpu',
    throughput: { bytes: 512 * 2 ** 20 },
    gpu: {
      mode: 'hot',
      device: 0,
      deviceName: 'NVIDIA H200',
      relativeNoise: 0.003,
      smClockMHz: 1980,
      smClockDefaultMHz: 1980,
      notes: [],
      ...gpu,
    },
  });
}

describe('histogram', () => {
  it('counts every sample once: in a bin, or beyond the severe-outlier fence', () => {
    const x = [...samples(1000, 500, 3), 50_000, 80_000];
    const h = histogram(x);
    expect(h.counts.reduce((a, b) => a + b, 0) + h.hiddenAbove).toBe(x.length);
    expect(h.hiddenAbove).toBe(2);
    expect(h.counts.length).toBeGreaterThanOrEqual(10);
    expect(h.counts.length).toBeLessThanOrEqual(60);
  });
  it('identical samples (an instruction count) make one bin', () => {
    expect(histogram([42, 42, 42])).toMatchObject({ counts: [3], hiddenAbove: 0 });
  });
});

describe('html model', () => {
  it('a run: every benchmark with summary, grade, samples in run order and histogram; no NaN anywhere', () => {
    const run = makeRun(1);
    run.benchmarks.push(erroredBench('broken', 'kaboom'));
    const m = htmlModel({ run });
    expect(m.run!.benchmarks.map((b) => b.id)).toEqual(run.benchmarks.map((b) => b.id));
    const parse = m.run!.benchmarks[0];
    expect(parse.samples).toHaveLength(100);
    expect(parse.samples![0]).toBeCloseTo(run.benchmarks[0].samples![0], 0);
    expect(parse.summary.find((p) => p[0] === 'stopped by')![1]).toMatch(/^precision: /);
    expect(m.run!.benchmarks.at(-1)).toMatchObject({ problem: 'errored: Error: kaboom', grade: 'F' });
    expect(m.run!.environment.map((p) => p[0])).toEqual(expect.arrayContaining(['CPU', 'runtime', 'clock', 'git']));
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  it('GPU: device details and bandwidth as a fraction of the peak, or unavailable with the reason', () => {
    const known = htmlModel({
      run: { ...makeRun(1, { only: ['parse'] }), benchmarks: [gpuBench({ memoryClockMHz: 3201, memoryBusWidthBits: 6144 })] },
    });
    const pairs = Object.fromEntries(known.run!.benchmarks[0].gpu!);
    expect(pairs.device).toBe('NVIDIA H200 #0');
    expect(pairs['memory bandwidth']).toMatch(/^2\.\d+ TB\/s = \d+\.\d% of the peak 4\.92 TB\/s/);
    const unknown = htmlModel({ run: { ...makeRun(1, { only: ['parse'] }), benchmarks: [gpuBench({})] } });
    expect(Object.fromEntries(unknown.run!.benchmarks[0].gpu!)['memory bandwidth']).toBe(
      'of peak: unavailable: the driver did not report the memory clock and bus width',
    );
  });

  it('a comparison: change bars with CIs and a tone per verdict', async () => {
    const verdict = await evaluateRun(makeRun(2, { slow: { parse: 1.2 } }), DEFAULT_POLICY, { base: makeRun(1) });
    const bars = htmlModel({ verdict }).comparison!.bars;
    const parse = bars.find((b) => b.name === 'parse')!;
    expect(parse.tone).toBe('bad');
    expect(parse.pct!).toBeGreaterThan(15);
    expect(parse.lo!).toBeLessThan(parse.pct!);
    expect(parse.hi!).toBeGreaterThan(parse.pct!);
  });

  it('a history: medians per run, change points, and the projected crossing of the threshold', () => {
    const entries: HistoryEntry[] = Array.from({ length: 12 }, (_, i) => ({
      v: 1,
      time: `2025-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`,
      commit: null,
      branch: null,
      dirty: false,
      mode: 'time',
      cpu: 'c',
      node: 'v20',
      benchmarks: [{ id: 'parse', unit: 'ns', status: 'ok', n: 100, median: 1000 + 20 * i, lo: 990 + 20 * i, hi: 1010 + 20 * i }],
    })) as HistoryEntry[];
    const a = analyzeHistory(entries, {
      alpha: 0.05,
      noise: 0.05,
      window: 10,
      minRuns: 5,
      seed: 1,
      threshold: () => ({ value: 1400, stat: 'median', text: 'median < 1.4µs' }),
    });
    const s = htmlModel({ history: a }).history!.series[0];
    expect(s.runs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.threshold).toEqual({ value: 1400, text: 'median < 1.4µs' });
    expect(s.crossing!.value).toBe(1400);
    expect(s.crossing!.run).toBeGreaterThan(12);
    expect(Object.fromEntries(s.lines).projection).toMatch(/crossed in ~\d+ runs/);
  });
});

describe('renderHtml', () => {
  const run = makeRun(1, { only: ['parse'] });
  run.benchmarks[0].id = run.benchmarks[0].name = XSS;
  const html = renderHtml({ run, generated: '2025-01-01T00:00:00.000Z' });

  it('embeds the data as JSON with < escaped: no markup from a benchmark name', () => {
    expect(html).not.toContain(XSS);
    expect(html).toContain(scriptJson(XSS).slice(1, -1));
    expect(scriptJson('</script><!--')).toBe('"\\u003c/script>\\u003c!--"');
    const data = /<script type="application\/json" id="cyclebench-data">([^<]*)<\/script>/.exec(html)!;
    expect(JSON.parse(data[1]).run.benchmarks[0].id).toBe(XSS);
  });

  it('is self-contained: no external resources; only its own script may run (CSP hash)', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    const script = /<script>([\s\S]*)<\/script>\s*<\/body>/.exec(html)![1];
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
  });

  it('the page without data stays under 300 KB (uPlot and the page script, minified)', () => {
    const shell = renderHtml({ run: { ...run, benchmarks: [] }, generated: 'x' });
    expect(Buffer.byteLength(shell)).toBeLessThan(300 * 1024);
  });
});
