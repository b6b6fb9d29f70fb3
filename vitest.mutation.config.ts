/**
 * The tests Stryker runs against mutants (`npm run mutate`, see docs/testing.md): for a source
 * folder `src/<folder>` the fast unit tests of its mirror `test/<folder>`, chosen by
 * CYCLEBENCH_MUTATE. Stryker activates a mutant only inside the vitest worker, so tests that
 * measure in child processes, worker threads or under callgrind cannot kill a mutant, and are slow;
 * they are excluded here (the list and the reasons are in docs/testing.md). No globalSetup: nothing
 * here runs the built bundle in dist/.
 */
import { defineConfig } from 'vitest/config';

const folder = process.env.CYCLEBENCH_MUTATE ?? 'compare';

/** Test files of a folder that spawn processes, threads or valgrind: they cannot see a mutant. */
export const SLOW: Record<string, string[]> = {
  compare: [],
  stats: [],
  store: ['test/store/processes.test.ts'],
  engine: [
    'test/engine/isolation.test.ts',
    'test/engine/instructions.test.ts',
    'test/engine/faults.test.ts',
    'test/engine/load-file.test.ts',
    'test/engine/gpu.test.ts',
  ],
};

export default defineConfig({
  test: {
    pool: 'forks',
    include: [`test/${folder}/**/*.test.ts`],
    exclude: ['**/node_modules/**', ...(SLOW[folder] ?? [])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
