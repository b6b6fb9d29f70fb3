/**
 * Importers: results measured by other tools (vitest bench, mitata), converted into cyclebench's
 * result format so that `compare`, history and the gate work on them. Pure: the CLI reads the file.
 */
import { CycleBenchError } from '../errors.js';
import type { RunResult } from '../result/types.js';
import type { ImportContext } from './build.js';
import { fromMitata, looksLikeMitata } from './mitata.js';
import { fromVitest, looksLikeVitest } from './vitest.js';

export type { ImportContext } from './build.js';
export { fromVitest, looksLikeVitest, VITEST_CI } from './vitest.js';
export { fromMitata, looksLikeMitata, MITATA_CI } from './mitata.js';

/** The tools an import can come from. */
export const IMPORT_SOURCES = ['vitest', 'mitata'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** Converts parsed JSON from `from`, or from whichever tool's shape it has. */
export function importResult(json: unknown, ctx: ImportContext, from?: ImportSource): RunResult {
  const source = from ?? (looksLikeVitest(json) ? 'vitest' : looksLikeMitata(json) ? 'mitata' : undefined);
  if (!source)
    throw new CycleBenchError(
      'E_CORRUPT_FILE',
      `${ctx.file} is neither vitest's benchmark JSON (vitest bench --outputJson) nor mitata's (run({ format: 'json' })); pass --from vitest|mitata to see what is missing.`,
    );
  return source === 'vitest' ? fromVitest(json, ctx) : fromMitata(json, ctx);
}
