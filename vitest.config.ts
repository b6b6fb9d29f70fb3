import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Files whose assertions read a gate's verdict on real timings (an A/A pair must pass, an injected
 * slowdown must be found). They run after the rest, one at a time: beside a compiling or callgrind
 * file on the 2-core CI machine they measured 2 levels 45% apart within one process and failed
 * (docs/testing.md, "Suite time").
 */
const TIMING = ['gate', 'processes', 'ab', 'cli-contract', 'ci-outputs', 'states'].map((f) => `test/e2e/${f}.test.ts`);

export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...TIMING],
          // vitest's default is one worker fewer than the CPUs: a single worker on the 2-core CI
          // machine, which leaves one core idle while a test waits on a child process. Two files at a
          // time there (docs/testing.md has the times).
          maxWorkers: Math.max(2, availableParallelism() - 1),
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'timing', include: TIMING, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
