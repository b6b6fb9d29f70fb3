// Why test/engine/run.test.ts "fits complexity when one numeric axis varies" fails on Node 24:
// the same quadratic benchmark and the test's short settings (warm-up 60 ms, budget 150 ms); prints
// per n the median, median/n^2 (constant when every point runs the same code) and the fit.
//   node-<v> bench/tiering/complexity-fit.mjs [--warmup-ms 60] [--max-ms 150]
import { Suite, doNotOptimize } from '../../dist/index.js';
const arg = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i < 0 ? d : process.argv[i + 1];
};
const s = new Suite();
s.add(
  'quadratic',
  ({ n }) => {
    let x = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) x = (x + i * j) | 0;
    return doNotOptimize(x);
  },
  { args: { n: [40, 80, 160, 320] } },
);
const r = await s.run({ maxTimeMs: +arg('max-ms', 150), warmupMs: +arg('warmup-ms', 60), minTimeMs: 10, quiet: true });
const pts = r.benchmarks.map((b) => {
  const n = +b.id.match(/n=(\d+)/)[1];
  return `n=${n}: ${b.stats.median.toFixed(0)} ns (${(b.stats.median / n / n).toFixed(2)} ns/n^2, ${b.stopReason})`;
});
console.log(`${process.version}: ${pts.join('; ')} -> best ${r.complexity[0]?.best}`);
