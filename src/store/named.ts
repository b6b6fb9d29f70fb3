/**
 * Named results in files: the latest run (`last.json`), baselines (`baselines/NAME.json`) and tags
 * (`tags/TAG.json`). References (`compare BASE`) are resolved over any store in refs.ts.
 */
import fs from 'node:fs';
import { CycleBenchError } from '../errors.js';
import type { RunResult } from '../result/types.js';
import { readResult, writeResult } from './files.js';
import { namedFile, storePaths, validateName } from './paths.js';

/** What a stored name is. */
export type NamedKind = 'baseline' | 'tag';

/** One stored baseline or tag, as listed. */
export interface NamedEntry {
  name: string;
  kind: NamedKind;
  file: string;
  /** Size in bytes and modification time of the file. */
  bytes: number;
  modified: Date;
}

/** Saves `run` as the latest run (`.cyclebench/last.json`). `cyclebench run` calls this after every run. */
export function saveLast(cwd: string, run: RunResult): string {
  const file = storePaths(cwd).last;
  writeResult(file, run);
  return file;
}

/** Reads a result; a missing file throws `missing()` instead (anything else there is refused by readResult, naming it). */
function readOr(file: string, missing: () => CycleBenchError): RunResult {
  try {
    return readResult(file);
  } catch (err) {
    throw (err as CycleBenchError).code === 'E_NOT_FOUND' ? missing() : err;
  }
}

/** Reads the latest run, or throws `E_NOT_FOUND` saying how to make one. */
export function loadLast(cwd: string): RunResult {
  const file = storePaths(cwd).last;
  return readOr(
    file,
    () => new CycleBenchError('E_NOT_FOUND', `No latest run at ${file}: run \`cyclebench run\` first, or pass --from FILE.`),
  );
}

/**
 * Checks a name for saving a baseline or tag under `cwd` and returns its file: `E_BAD_NAME` for a name
 * {@link validateName} refuses or that differs only in case from an existing one (on a case-insensitive
 * checkout, macOS or Windows, both would be one file). Callers can check before measuring.
 */
export function checkNewName(cwd: string, kind: NamedKind, name: string): string {
  validateName(name, kind);
  const file = namedFile(cwd, kind, name);
  const twin = listNamed(cwd, kind).find((e) => e.name !== name && e.name.toLowerCase() === name.toLowerCase());
  if (twin) throw caseTwinError(kind, name, twin.name);
  return file;
}

/** `E_BAD_NAME`: `name` differs only in case from the stored `twin`. */
export function caseTwinError(kind: NamedKind, name: string, twin: string): CycleBenchError {
  return new CycleBenchError(
    'E_BAD_NAME',
    `Cannot save ${kind} ${JSON.stringify(name)}: ${kind} ${JSON.stringify(twin)} exists, and names that differ only in case ` +
      `are one file on case-insensitive checkouts (macOS, Windows). Use ${JSON.stringify(twin)} to replace it, or another name.`,
  );
}

/** Saves `run` under a baseline or tag name ({@link checkNewName}) and returns the path. Never overwrites a corrupt or unreadable file. */
export function saveNamed(cwd: string, kind: NamedKind, name: string, run: RunResult): string {
  const file = checkNewName(cwd, kind, name);
  writeResult(file, run);
  return file;
}

/** Reads a baseline or tag by name; `E_NOT_FOUND` lists the names that exist. */
export function loadNamed(cwd: string, kind: NamedKind, name: string): RunResult {
  const file = namedFile(cwd, kind, name);
  return readOr(file, () => {
    const names = listNamed(cwd, kind).map((e) => e.name);
    return new CycleBenchError(
      'E_NOT_FOUND',
      `No ${kind} named ${JSON.stringify(name)}. ${names.length ? `Existing ${kind}s: ${names.join(', ')}.` : `There are no ${kind}s yet.`}`,
    );
  });
}

/** Removes a baseline or tag; `E_NOT_FOUND` when it does not exist. */
export function removeNamed(cwd: string, kind: NamedKind, name: string): string {
  const file = namedFile(cwd, kind, name);
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new CycleBenchError('E_NOT_FOUND', `No ${kind} named ${JSON.stringify(name)}.`);
    throw err;
  }
  return file;
}

/**
 * Lists stored baselines or tags, sorted by name. Entries whose names are not names (such as the temp
 * files of killed writers) and entries that are not regular files are ignored.
 */
export function listNamed(cwd: string, kind: NamedKind): NamedEntry[] {
  const p = storePaths(cwd);
  const dir = kind === 'baseline' ? p.baselines : p.tags;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: NamedEntry[] = [];
  for (const f of names.sort()) {
    if (!f.endsWith('.json')) continue;
    let file: string;
    let st: fs.Stats;
    try {
      file = namedFile(cwd, kind, f.slice(0, -5)); // temp files (.NAME.json.PID.RANDOM.tmp) never match
      st = fs.statSync(file);
    } catch {
      continue; // not a name, or removed meanwhile
    }
    if (st.isFile()) out.push({ name: f.slice(0, -5), kind, file, bytes: st.size, modified: st.mtime });
  }
  return out;
}

/** A result found for a reference given on the command line, and where it came from. */
export interface ResolvedRef {
  ref: string;
  source: 'file' | 'tag' | 'baseline' | 'last';
  file: string;
  run: RunResult;
}
