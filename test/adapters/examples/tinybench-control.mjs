import { Bench } from 'tinybench';
// tinybench's documented hooks, errors and aborting (README "Aborting Benchmarks", task options),
// written for these tests. Only the import line changes between tinybench and cyclebench.

const calls = { setup: 0, teardown: 0, beforeAll: 0, afterAll: 0, beforeEach: 0, afterEach: 0 };
const bench = new Bench({
  time: 50,
  setup: () => void calls.setup++,
  teardown: () => void calls.teardown++,
});
const errors = [];
bench.addEventListener('error', (evt) => errors.push(`${evt.task.name}: ${evt.error.message}`));

const taskController = new AbortController();
let aborted = 0;
bench
  .add('hooked', () => Math.sqrt(Math.random()), {
    beforeAll: () => void calls.beforeAll++,
    afterAll: () => void calls.afterAll++,
    beforeEach: () => void calls.beforeEach++,
    afterEach: () => void calls.afterEach++,
  })
  .add('throws', () => {
    throw new Error('boom');
  })
  .add('abortable task', () => Math.sqrt(2), { signal: taskController.signal });
bench.getTask('abortable task').addEventListener('abort', () => aborted++);
taskController.abort();
await bench.run();

// Bench-level abort: nothing is measured.
const controller = new AbortController();
const stopped = new Bench({ signal: controller.signal, time: 50 }).add('task1', () => 1).add('task2', () => 2);
controller.abort();
await stopped.run();

// `throws: true`: run() rejects with the task's error.
let rejected = null;
try {
  await new Bench({ throws: true, time: 50 })
    .add('bad', () => {
      throw new TypeError('nope');
    })
    .run();
} catch (err) {
  rejected = `${err.name}: ${err.message}`;
}

const states = (b) => Object.fromEntries(b.tasks.map((t) => [t.name, t.result.state]));
console.log(
  'RESULT ' +
    JSON.stringify({
      states: states(bench),
      stopped: states(stopped),
      errored: bench.getTask('throws').result.error.message,
      errors,
      aborted,
      rejected,
      hooks: {
        setup: calls.setup > 0,
        teardown: calls.teardown > 0,
        beforeAll: calls.beforeAll > 0,
        afterAll: calls.afterAll > 0,
        each: calls.beforeEach > 0 && calls.beforeEach === calls.afterEach,
      },
    }),
);
