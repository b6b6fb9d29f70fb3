import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // vitest's default is one worker fewer than the CPUs: a single worker on the 2-core CI machine,
    // which leaves one core idle while a test waits on a child process. Two files at a time there
    // (docs/testing.md has the times); assertions about timing have margins for a busy machine.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
