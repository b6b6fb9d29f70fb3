import { bench, group, run, do_not_optimize } from 'mitata';
// mitata's documented arguments, generator and iterator benchmarks, computed parameters and errors
// (README "adding arguments", "computed parameters", "writing good benchmarks"), written for these
// tests. Only the import line changes between mitata and cyclebench.

bench(function* look_mom_no_spaghetti(state) {
  const len = state.get('len');
  const len2 = state.get('len2');
  yield () => new Array(len * len2);
}).args({ len: [1, 2], len2: ['4', '5'] });

bench('range $len', function* (state) {
  const len = state.get('len');
  yield () => do_not_optimize(new Array(len));
}).range('len', 1, 64);

bench('dense $len', function* (state) {
  const len = state.get('len');
  yield () => do_not_optimize(new Array(len));
}).dense_range('len', 1, 3);

bench('x is $x', () => do_not_optimize(Math.sqrt(Math.random()))).args([7, 9]);

bench('deleting $keys from object', function* (state) {
  const keys = state.get('keys');
  const obj = {};
  for (let i = 0; i < keys; i++) obj[i] = i;
  yield {
    [0]() {
      return { ...obj };
    },
    bench(p0) {
      for (let i = 0; i < keys; i++) delete p0[i];
      return p0;
    },
  };
}).args('keys', [1, 10]);

bench('iterator', function (state) {
  for (const _ of state) do_not_optimize(Math.sqrt(Math.random()));
});

bench('async', async () => do_not_optimize(await Promise.resolve(1)));

bench('fails', () => {
  throw new Error('broken benchmark');
});

group('sqrt vs cbrt', () => {
  bench('sqrt', () => do_not_optimize(Math.sqrt(Math.random())));
  bench('cbrt', () => do_not_optimize(Math.cbrt(Math.random()))).baseline();
});

const result = await run({ format: 'quiet' });
console.log(
  'RESULT ' +
    JSON.stringify({
      trials: result.benchmarks.map((t) => ({
        alias: t.alias,
        kind: t.kind,
        baseline: t.baseline,
        args: t.args,
        runs: t.runs.map((r) => ({
          name: r.name,
          args: r.args,
          kind: r.stats?.kind,
          error: r.error ? String(r.error.message ?? r.error) : null,
        })),
      })),
    }),
);
