import { run, bench, boxplot, summary } from 'mitata';
// mitata's quick start (README), written for these tests: a recursive function, a summary of two
// parameterised generator benchmarks over a range, and a known-truth pair (N and 2N steps).
// Only the import line changes between mitata and cyclebench.

function fibonacci(n) {
  if (n <= 1) return n;
  return fibonacci(n - 1) + fibonacci(n - 2);
}

const steps = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i + 0.5);
  return s;
};

bench('fibonacci(15)', () => fibonacci(15));

boxplot(() => {
  summary(() => {
    bench('Array.from($size)', function* (state) {
      const size = state.get('size');
      yield () => Array.from({ length: size });
    }).range('size', 8, 512);

    bench('new Array($size)', function* (state) {
      const size = state.get('size');
      yield () => new Array(size);
    }).range('size', 8, 512);
  });
});

bench('$n steps', function* (state) {
  const n = state.get('n');
  yield () => steps(n);
}).args('n', [1000, 2000]);

const result = await run();
const lean = (k, v) => (k === 'samples' || k === 'debug' || k === 'cyclebench' ? undefined : v);
console.log('RESULT ' + JSON.stringify(result, lean));
