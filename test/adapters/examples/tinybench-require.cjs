const { Bench, now, timestampProvider } = require('cyclebench/tinybench');
// CommonJS: the same API through require().
const bench = new Bench({ time: 50 });
bench.add('sqrt', () => Math.sqrt(Math.random()));
bench.run().then(() => {
  const t0 = now();
  const ticks = timestampProvider.fn();
  console.log('RESULT ' + JSON.stringify({ state: bench.tasks[0].result.state, now: typeof t0, ms: timestampProvider.toMs(ticks) > 0 }));
});
