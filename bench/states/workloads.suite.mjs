// The bench/states workloads as cyclebench benchmarks (plain JavaScript, no tsx loader thread):
//   node [v8 flags] bin/cyclebench.js run bench/states/workloads.suite.mjs [--filter NAME] [--json r.json]
// fresh.mjs runs it in many processes: --cb "bench/states/workloads.suite.mjs".
import { bench, doNotOptimize } from '../../dist/index.js';
import { workloads } from './workloads.mjs';

for (const name of ['json-parse', 'object-build', 'stringify', 'concat', 'sort-fresh', 'lcg']) {
  const fn = workloads[name]();
  bench(name, () => doNotOptimize(fn()));
}
