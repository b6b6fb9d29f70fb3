const { bench, run, summary } = require('cyclebench/mitata');
// CommonJS: the same API through require().
summary(() => {
  bench('sqrt', () => Math.sqrt(Math.random()));
  bench('cbrt', () => Math.cbrt(Math.random()));
});
run({ format: 'quiet' }).then((r) => {
  console.log(
    'RESULT ' +
      JSON.stringify({
        aliases: r.benchmarks.map((t) => t.alias),
        ok: r.benchmarks.every((t) => t.runs[0].stats.p50 > 0),
        groups: r.cyclebench.groups.length,
      }),
  );
});
