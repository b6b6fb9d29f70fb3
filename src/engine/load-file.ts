import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { setCurrentFile } from './collect.js';
import { benchFileError } from './file-error.js';

/**
 * Imports a benchmark file (TypeScript through tsx), recording it as the registering file.
 * @throws CycleBenchError `E_BENCH_FILE` naming the file, line and column when it does not load
 */
export async function loadBenchFile(file: string): Promise<void> {
  const abs = resolve(file);
  setCurrentFile(abs);
  try {
    if (/\.[cm]?tsx?$/.test(abs)) {
      const { tsImport } = await import('tsx/esm/api');
      await tsImport(pathToFileURL(abs).href, import.meta.url);
    } else {
      await import(pathToFileURL(abs).href);
    }
  } catch (err) {
    throw await benchFileError(abs, err);
  } finally {
    setCurrentFile(undefined);
  }
}
