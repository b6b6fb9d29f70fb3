import { Bench } from 'tinybench';
import { now, timestampProvider } from 'cyclebench/tinybench';
// Keeping tinybench itself, timed by cyclebench's clock: `now` (ms) and a timestamp provider (ticks).
const withNow = new Bench({ now, time: 50 }).add('sqrt', () => Math.sqrt(Math.random()));
const withProvider = new Bench({ timestampProvider, time: 50 }).add('sqrt', () => Math.sqrt(Math.random()));
await withNow.run();
await withProvider.run();
const p50 = (b) => b.tasks[0].result.latency.p50;
console.log(
  'RESULT ' +
    JSON.stringify({
      states: [withNow.tasks[0].result.state, withProvider.tasks[0].result.state],
      p50: [p50(withNow), p50(withProvider)],
      provider: withProvider.timestampProvider.name,
    }),
);
