// Example benchmarks: `npx cyclebench run` runs this file.
import { bench, group, doNotOptimize } from '../../src/index.js';

const text = JSON.stringify({ users: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `user${i}`, tags: ['a', 'b'] })) });
bench('JSON.parse', () => doNotOptimize(JSON.parse(text)));

bench(
  'sum',
  ({ n }) => {
    let s = 0;
    for (let i = 0; i < (n as number); i++) s += i;
    return s;
  },
  { args: { n: [100, 1_000, 10_000] } },
);

const data = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1009);
group('sort 1000 numbers', { baseline: 'Array#sort' }, () => {
  bench('Array#sort', () => doNotOptimize(data.slice().sort((x, y) => x - y)));
  bench('Float64Array#sort', () => doNotOptimize(Float64Array.from(data).sort()));
});

bench('async: resolved promise', async () => 42);
