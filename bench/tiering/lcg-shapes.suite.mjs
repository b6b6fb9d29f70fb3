// Issue 20 in cyclebench: two body shapes calling a new Function closure (x as a parameter / x local).
//   node-<v> bin/cyclebench.js run bench/tiering/lcg-shapes.suite.mjs   (run several processes: the slow state is random)
import { bench } from '../../dist/index.js';
const step = 'x = (Math.imul(x, 1103515245) + 12345) | 0;';
const f = new Function('x', 'n', `for (let i = 0; i < n; i++) ${step} return x;`);
const g = new Function('n', `let x = 1; for (let i = 0; i < n; i++) ${step} return x;`);
bench('p1 arrow->f(1,n)', () => f(1, 40000));
bench('p2 arrow->g(n)', () => g(40000));
