import { expect, test } from 'vitest';
// A plain test file: `vitest run` must keep working with the cyclebench runner configured.
test('adds', () => {
  expect(1 + 1).toBe(2);
});
