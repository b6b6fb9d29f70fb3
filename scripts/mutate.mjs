#!/usr/bin/env node
/**
 * Runs Stryker on the given source folders (compare, store, stats, engine; all four when none is
 * named), one after another, each with its own incremental file (see stryker.config.mjs).
 * Extra arguments after `--` go to `stryker run` (e.g. `-- --force` to ignore the incremental file).
 */
import { spawnSync } from 'node:child_process';

const ALL = ['compare', 'store', 'stats', 'engine'];
const dash = process.argv.indexOf('--');
const names = dash === -1 ? process.argv.slice(2) : process.argv.slice(2, dash);
const extra = dash === -1 ? [] : process.argv.slice(dash + 1);
const folders = names.length ? names : ALL;
for (const f of folders) if (!ALL.includes(f)) throw new Error(`unknown folder ${f}: one of ${ALL.join(', ')}`);

let failed = 0;
for (const folder of folders) {
  const started = Date.now();
  console.log(`\n== mutating src/${folder}`);
  const r = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, CYCLEBENCH_MUTATE: folder },
  });
  console.log(`== src/${folder}: exit ${r.status}, ${Math.round((Date.now() - started) / 1000)} s`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
