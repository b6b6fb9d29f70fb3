/**
 * Names and references over any {@link Store}: the checks a new baseline or tag name passes, and the
 * references `compare`, `report`, `run --baseline` and `baseline save --from` accept. `last` is always
 * the local `.cyclebench/last.json`; files given by path are always files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CycleBenchError } from '../errors.js';
import type { RunResult } from '../result/types.js';
import { readResult } from './files.js';
import { caseTwinError, type NamedKind, type ResolvedRef } from './named.js';
import { namedFile, storePaths, validateName } from './paths.js';
import type { Store } from './store.js';

/**
 * Checks a name for saving a baseline or tag in `store`: `E_BAD_NAME` for a name {@link validateName}
 * refuses, or one that differs only in case from a stored one (on a case-insensitive checkout, macOS
 * or Windows, both would be one file, so the database refuses them too: its history can always be
 * exported to files). Callers check before measuring.
 */
export async function checkStoreName(store: Store, kind: NamedKind, name: string): Promise<void> {
  validateName(name, kind);
  const twin = (await store.listNamed(kind)).find((e) => e.name !== name && e.name.toLowerCase() === name.toLowerCase());
  if (twin) throw caseTwinError(kind, name, twin.name);
}

/** A stored baseline or tag, or `E_NOT_FOUND` listing the names that exist. */
export async function loadStored(store: Store, kind: NamedKind, name: string): Promise<RunResult> {
  const run = await store.loadNamed(kind, name);
  if (run) return run;
  const names = (await store.listNamed(kind)).map((e) => e.name);
  throw new CycleBenchError(
    'E_NOT_FOUND',
    `No ${kind} named ${JSON.stringify(name)}${store.kind === 'files' ? '' : ` in ${store.location}`}. ${names.length ? `Existing ${kind}s: ${names.join(', ')}.` : `There are no ${kind}s yet.`}`,
  );
}

/**
 * Resolves a reference: an existing file path (relative to `cwd`), else a tag, else a baseline name in
 * `store`, else `last` for the latest run. Otherwise `E_NOT_FOUND` listing the tags and baselines.
 */
export async function resolveStoredRef(store: Store, cwd: string, ref: string): Promise<ResolvedRef> {
  const asFile = path.resolve(cwd, ref);
  const onDisk = fs.existsSync(asFile);
  if (onDisk && fs.statSync(asFile).isFile()) return { ref, source: 'file', file: asFile, run: readResult(asFile) };
  let validName = true;
  try {
    namedFile(cwd, 'tag', ref);
  } catch {
    validName = false;
  }
  const last = storePaths(cwd).last;
  if (validName) {
    for (const kind of ['tag', 'baseline'] as const) {
      const run = await store.loadNamed(kind, ref);
      if (run)
        return { ref, source: kind, file: store.kind === 'files' ? namedFile(cwd, kind, ref) : `${store.location} (${kind} ${ref})`, run };
    }
    if (ref === 'last' && fs.existsSync(last)) return { ref, source: 'last', file: last, run: readResult(last) };
  }
  if (onDisk) readResult(asFile); // a directory or a FIFO by that name: refused, saying what it is
  const tags = (await store.listNamed('tag')).map((e) => e.name);
  const baselines = (await store.listNamed('baseline')).map((e) => e.name);
  throw new CycleBenchError(
    'E_NOT_FOUND',
    `${JSON.stringify(ref)} is neither a file, a tag nor a baseline${store.kind === 'files' ? '' : ` in ${store.location}`}.\n` +
      `  tags: ${tags.length ? tags.join(', ') : '(none)'}\n` +
      `  baselines: ${baselines.length ? baselines.join(', ') : '(none)'}\n` +
      `  latest run: ${fs.existsSync(last) ? "'last'" : '(none)'}`,
  );
}
