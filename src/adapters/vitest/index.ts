/**
 * `cyclebench/vitest`: a vitest runner that measures `vitest bench` benchmarks with cyclebench.
 * In `vitest.config.ts`: `test: { runner: 'cyclebench/vitest' }`. See docs/migrating.md.
 * @packageDocumentation
 */
export { default } from './runner.js';
