// @ts-check
/**
 * Mutation testing (StrykerJS with its vitest runner), one source folder at a time:
 *   npm run mutate            all four folders, one after another
 *   npm run mutate:compare    (also :store, :stats, :engine) one folder
 * The folder comes from CYCLEBENCH_MUTATE (set by scripts/mutate.mjs); each folder keeps its own
 * incremental file and reports under reports/mutation/<folder>/ (git-ignored), so a re-run only
 * tests mutants whose code or covering tests changed. Scores and the equivalent mutants: docs/testing.md.
 */
const folder = process.env.CYCLEBENCH_MUTATE ?? 'compare';

/**
 * What is mutated per folder. Engine files that run only in a child process, a worker thread, under
 * callgrind or on a GPU are left out: a mutant there is never active in the vitest worker.
 */
const ALL = {
  compare: ['src/compare/**/*.ts', '!src/compare/index.ts'],
  store: ['src/store/**/*.ts', '!src/store/index.ts'],
  stats: ['src/stats/**/*.ts', '!src/stats/index.ts'],
  engine: [
    'src/engine/**/*.ts',
    '!src/engine/child.ts',
    '!src/engine/spawn.ts',
    '!src/engine/isolate.ts',
    '!src/engine/instructions.ts',
    '!src/engine/gpu.ts',
    '!src/engine/load-file.ts',
    '!src/engine/file-error.ts',
  ],
};
/**
 * The default: on this project's shared 2-core machine a whole folder takes from half an hour
 * (compare) to hours (engine), so each folder is mutated on the files behind the promises the tests
 * must keep: the verdict and its correction; atomic writes and the lock; the corrections and tests
 * behind a p-value; dead code and the isolation decision (engine tests measure for real: every
 * mutant costs seconds).
 * CYCLEBENCH_MUTATE_ALL=1 mutates the whole folder (ALL). docs/testing.md gives the scores.
 */
const FOCUS = {
  compare: ['src/compare/compare-runs.ts', 'src/compare/stats.ts'],
  store: ['src/store/files.ts', 'src/store/lock.ts'],
  stats: ['src/stats/multiple.ts', 'src/stats/welch.ts', 'src/stats/paired.ts'],
  engine: ['src/engine/dead-code.ts', 'src/engine/run-suite.ts'],
};
const MUTATE = process.env.CYCLEBENCH_MUTATE_ALL === '1' ? ALL : FOCUS;
if (!(folder in MUTATE)) throw new Error(`CYCLEBENCH_MUTATE must be one of ${Object.keys(MUTATE).join(', ')}, got ${folder}`);

const out = `reports/mutation/${folder}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: MUTATE[/** @type {keyof typeof MUTATE} */ (folder)],
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${out}/index.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: ['build-cmake', 'prebuilds', '.cyclebench', 'coverage', 'reports', 'docs', '*.tgz'],
  // Engine tests measure real loops: a mutant that makes a loop endless is a timeout, not a hang.
  timeoutFactor: 2,
  timeoutMS: 10_000,
  dryRunTimeoutMinutes: 15,
  thresholds: { high: 90, low: 80, break: null },
};
