// Issue 20 as cyclebench sees it: the dependent integer loop in a `new Function` closure.
//   node-<v> bin/cyclebench.js run bench/tiering/lcg.suite.mjs [--json r.json]
import { bench } from '../../dist/index.js';

const f = new Function('n', 'let x = 1; for (let i = 0; i < n; i++) x = (Math.imul(x, 1103515245) + 12345) | 0; return x;');
bench('lcg 40000 steps', () => f(40000));
