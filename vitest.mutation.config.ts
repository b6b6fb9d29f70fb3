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

/**
 * Engine tests measure for real, so a mutant covered by all of them costs minutes: the engine's
 * mutation run uses the tests of what FOCUS in stryker.config.mjs mutates (dead code, the run and its
 * isolation decision). CYCLEBENCH_MUTATE_ALL=1 runs every fast test of the folder.
 */
const ENGINE_FOCUS = [
  'test/engine/dead-code.test.ts',
  'test/engine/dead-code-rules.test.ts',
  'test/engine/run-suite.test.ts',
  'test/engine/run-suite-units.test.ts',
  'test/engine/isolate-choice.test.ts',
  'test/engine/known-truth.test.ts',
];
/**
 * Likewise the store's: the property-based fuzzing of bad files (bad-files, history-fuzz) takes
 * over five minutes here, past Stryker's initial run, although it reaches files.ts's bad-file
 * handling; its mutants there count as not covered (docs/testing.md).
 */
const STORE_FOCUS = [
  'test/store/atomic-in-process.test.ts',
  'test/store/files.test.ts',
  'test/store/files-units.test.ts',
  'test/store/lock.test.ts',
  'test/store/lock-units.test.ts',
  'test/store/history-file.test.ts',
  'test/store/named.test.ts',
];
const FOCUS: Record<string, string[]> = { engine: ENGINE_FOCUS, store: STORE_FOCUS };
const include = (process.env.CYCLEBENCH_MUTATE_ALL !== '1' && FOCUS[folder]) || [`test/${folder}/**/*.test.ts`];

export default defineConfig({
  test: {
    pool: 'forks',
    include,
    exclude: ['**/node_modules/**', ...(SLOW[folder] ?? [])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
