import { Bench } from 'tinybench';
// tinybench's documented usage (README "Usage", "Events", "Retaining Samples"), written for these
// tests with known-truth workloads: a loop of N steps and one of 2N steps. The import line is the only
// line the tests change. The last line prints what the tests check.

const steps = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i + 0.5);
  return s;
};

const bench = new Bench({ name: 'loops', time: 150, retainSamples: true });
const events = [];
bench.addEventListener('add', (evt) => events.push(`add ${evt.task.name}`));
bench.addEventListener('start', () => events.push('start'));
bench.addEventListener('cycle', (evt) => events.push(`cycle ${evt.task.name}`));
bench.addEventListener('complete', () => events.push('complete'));

bench
  .add('1000 steps', () => steps(1000))
  .add('2000 steps', () => steps(2000))
  .add('async 2000 steps', async () => steps(2000));

const task = bench.getTask('1000 steps');
task.addEventListener('cycle', (evt) => events.push(`task cycle ${evt.task.name}`));

await bench.run();

console.log(bench.name);
console.table(bench.table());

const strip = (stats) => ({ ...stats, samples: stats.samples?.length });
const results = bench.tasks.map((t) => {
  const { latency, throughput, ...rest } = t.result;
  return { name: t.name, runs: t.runs, ...rest, latency: strip(latency), throughput: strip(throughput), cyclebench: undefined };
});
console.log('RESULT ' + JSON.stringify({ events, results, table: bench.table() }));
