/**
 * A tiny suite for report tests: declared throughput (bytes; items as a function of the arguments),
 * an argument product, a group, and a benchmark whose name is markup. WORK scales `parse`, so a second
 * run can be slower without sleeping.
 */
export const XSS_NAME = '<img src=x onerror=alert(1)>';

export const REPORT_BENCH = `import { bench, group, doNotOptimize } from 'cyclebench';
const text = JSON.stringify({ a: [1, 2, 3], b: 'x'.repeat(200) });
const work = Number(process.env.WORK ?? 1);
bench('parse', () => { let r; for (let i = 0; i < work; i++) r = JSON.parse(text); return doNotOptimize(r); }, { throughput: { bytes: text.length } });
bench(${JSON.stringify(XSS_NAME)}, () => doNotOptimize(text.indexOf('b')));
bench('sum', ({ n }) => { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }, { args: { n: [100, 1000] }, throughput: { items: ({ n }) => n } });
group('sort', { baseline: 'Array#sort' }, () => {
  const a = Array.from({ length: 200 }, (_, i) => (i * 7919) % 200);
  bench('Array#sort', () => doNotOptimize(a.slice().sort((x, y) => x - y)));
  bench('Float64Array#sort', () => doNotOptimize(Float64Array.from(a).sort()));
});
`;

/** History lines (the format of .cyclebench/history.jsonl) with a step up at run 8 and a rising trend. */
export function historyLines(runs = 14): string {
  return (
    Array.from({ length: runs }, (_, i) => {
      const median = 1000 * (1 + 0.01 * i) * (i >= 7 ? 1.3 : 1);
      const b = {
        id: 'parse',
        unit: 'ns',
        status: 'ok',
        n: 100,
        median,
        lo: median * 0.99,
        hi: median * 1.01,
        mean: median,
        p95: median * 1.05,
        p99: median * 1.1,
        min: median * 0.95,
        max: median * 1.2,
      };
      return JSON.stringify({
        v: 1,
        time: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
        commit: `c0ffee${String(i).padStart(2, '0')}`,
        branch: 'main',
        dirty: false,
        mode: 'time',
        cpu: 'Test CPU',
        node: 'v20.20.2',
        benchmarks: [b],
      });
    }).join('\n') + '\n'
  );
}
