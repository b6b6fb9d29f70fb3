import { bench, describe } from 'vitest';
// vitest's documented benchmark API (bench inside describe, options), written for these tests with
// known-truth workloads. Unchanged whether tinybench or cyclebench measures it: only the config differs.

const steps = (n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.sqrt(i + 0.5);
  return s;
};

describe('loops', () => {
  bench(
    '1000 steps',
    () => {
      steps(1000);
    },
    { time: 200 },
  );

  bench(
    '2000 steps',
    () => {
      steps(2000);
    },
    { time: 200 },
  );
});

describe('sort', () => {
  const data = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
  bench(
    'copy and sort',
    () => {
      data.slice().sort((a, b) => a - b);
    },
    { time: 200 },
  );
});
