// Issue 20 inside cyclebench, with the tiers of the benchmark's functions printed after sampling.
//   node-<v> --allow-natives-syntax bin/cyclebench.js run bench/tiering/lcg-status.suite.mjs
// The `after` hook (untimed, once sampling is over) prints the tier of the arrow cyclebench calls
// and of the closure f it calls (decoded %GetOptimizationStatus; layout detected as in lcg.mjs).
import { bench } from '../../dist/index.js';

const f = new Function('n', 'let x = 1; for (let i = 0; i < n; i++) x = (Math.imul(x, 1103515245) + 12345) | 0; return x;');
const body = () => f(40000);
const getStatus = new Function('f', 'return %GetOptimizationStatus(f);');
function tier(fn) {
  const sh = getStatus(function neverCalled() {}) & (1 << 18) ? 0 : -1;
  const s = getStatus(fn),
    B = (k) => 1 << (k + sh);
  return s & B(6) ? 'TF' : s & B(5) ? 'maglev' : s & B(15) ? 'sparkplug' : s & B(7) ? 'ignition' : '?';
}
bench('lcg 40000 steps', body, { after: () => console.error(`TIERS arrow=${tier(body)} f=${tier(f)}`) });
