import { pathToFileURL } from 'node:url';
import { basename, dirname, join, resolve } from 'node:path';
import { copyFileSync, rmSync } from 'node:fs';
import { setCurrentFile } from './collect.js';
import { benchFileError } from './file-error.js';

/** esbuild's refusal of top-level await in a `.ts` file that a CommonJS package makes CommonJS. */
const TLA_IN_CJS = /Top-level await is currently not supported with the "cjs" output format/;

async function importFile(abs: string): Promise<void> {
  if (/\.[cm]?tsx?$/.test(abs)) {
    const { tsImport } = await import('tsx/esm/api');
    await tsImport(pathToFileURL(abs).href, import.meta.url);
  } else {
    await import(pathToFileURL(abs).href);
  }
}

/**
 * Imports a benchmark file (TypeScript through tsx), recording it as the registering file. A `.ts`
 * file with top-level await (`await run()`, as the README's example ends) in a package without
 * `"type": "module"` is loaded as ESM from a hidden `.mts` copy beside it, so its relative imports
 * still resolve; the copy is removed afterwards.
 * @throws CycleBenchError `E_BENCH_FILE` naming the file, line and column when it does not load
 */
export async function loadBenchFile(file: string): Promise<void> {
  const abs = resolve(file);
  setCurrentFile(abs);
  try {
    try {
      await importFile(abs);
    } catch (err) {
      if (!/\.tsx?$/.test(abs) || !TLA_IN_CJS.test(String((err as Error)?.message))) throw err;
      const copy = join(dirname(abs), `.${basename(abs).replace(/\.tsx?$/, '')}.cyclebench-esm.mts`);
      copyFileSync(abs, copy);
      try {
        await importFile(copy);
      } finally {
        rmSync(copy, { force: true });
      }
    }
  } catch (err) {
    throw await benchFileError(abs, err);
  } finally {
    setCurrentFile(undefined);
  }
}
