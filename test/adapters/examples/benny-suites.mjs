import { add, complete, configure, cycle, save, suite } from 'benny';
// benny's documented setup forms (sync and async), skip/only, configure, custom handlers and CSV/HTML
// saving (README "API", "Working with async code", "Tweaking benchmarks"), written for these tests
// with known-truth workloads. Only the import line changes between benny and cyclebench.

const steps = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i + 0.5);
  return s;
};
const delay = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

const cycles = [];
const completed = [];
const summary = await suite(
  'Steps',
  add('1000 steps', () => {
    steps(1000);
  }),
  add('2000 steps with setup', () => {
    const n = 2000;
    return () => steps(n);
  }),
  add('2000 steps with async setup', async () => {
    await delay(0.01);
    return () => steps(2000);
  }),
  add('async 1000 steps', async () => {
    steps(1000);
  }),
  add.skip('skipped', () => {
    throw new Error('never run');
  }),
  configure({ cases: { maxTime: 0.5, minSamples: 5 }, minDisplayPrecision: 2 }),
  cycle((result, all) => {
    cycles.push([result.name, all.results.length]);
  }),
  complete((s) => {
    completed.push(s.results.length);
  }),
  save({ file: 'steps', format: 'csv', details: true }),
  save({ file: 'steps', format: 'table.html' }),
);

const only = await suite(
  'Only',
  add('not this one', () => steps(10)),
  add.only('just this one', () => steps(10)),
  configure({ cases: { maxTime: 0.2 } }),
);

const ops = Object.fromEntries(summary.results.map((r) => [r.name, r.ops]));
console.log(
  'RESULT ' +
    JSON.stringify({
      names: summary.results.map((r) => r.name),
      ops,
      promise: summary.results.map((r) => r.promise),
      percentSlower: summary.results.map((r) => r.percentSlower),
      fastest: summary.fastest,
      slowest: summary.slowest,
      options: summary.results[0].options.maxTime,
      cycles,
      completed,
      only: only.results.map((r) => r.name),
    }),
);
