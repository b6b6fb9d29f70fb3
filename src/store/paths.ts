/**
 * Where cyclebench keeps its files under a project, and the one rule for names of baselines and tags.
 *
 * ```
 * .cyclebench/
 *   last.json            the latest run (written by `cyclebench run`)
 *   baselines/NAME.json  named baselines (`cyclebench baseline save NAME`)
 *   tags/TAG.json        tagged runs (`cyclebench run --tag TAG`)
 *   history.jsonl        one compact line per run (`cyclebench run --history`)
 * ```
 */
import path from 'node:path';
import { CycleBenchError } from '../errors.js';

/** Directory name under the project root. */
export const STORE_DIR = '.cyclebench';

/** The characters and length of baseline and tag names: a letter or digit first, then letters, digits, `.`, `_`, `-`; 1-100 chars. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Device names Windows reserves whatever the extension and case (`nul.json` cannot be created there). */
const WINDOWS_DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/i;

/** The whole rule, as every refusal states it. */
export const NAME_RULE =
  "Names are 1-100 letters, digits, '.', '_' or '-', start with a letter or digit and have no '..'; " +
  'they may not be a Windows device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with any extension, in any case) ' +
  "or 'last' (the keyword for the latest run), and may not differ only in case from an existing name " +
  '(checkouts on macOS and Windows are case-insensitive).';

/** The paths of one project's store. */
export interface StorePaths {
  root: string;
  last: string;
  baselines: string;
  tags: string;
  history: string;
}

/** Paths of the store rooted at `cwd`. */
export function storePaths(cwd: string): StorePaths {
  const root = path.resolve(cwd, STORE_DIR);
  return {
    root,
    last: path.join(root, 'last.json'),
    baselines: path.join(root, 'baselines'),
    tags: path.join(root, 'tags'),
    history: path.join(root, 'history.jsonl'),
  };
}

/** Why `name` could escape the store or is not a name at all, or null. */
function pathProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'it is empty';
  if (name.includes('\0')) return 'it contains a NUL byte';
  if (/[/\\]/.test(name)) return 'it contains a path separator';
  if (name.includes('..')) return "it contains '..'";
  if (name.length > 100) return `it is ${name.length} characters long`;
  if (!/^[A-Za-z0-9]/.test(name)) return 'it does not start with a letter or digit';
  if (!NAME_PATTERN.test(name)) return "it contains a character other than letters, digits, '.', '_' and '-'";
  return null;
}

/** Why `name` may not be given to a new baseline or tag, or null. */
function reservedProblem(name: string): string | null {
  const stem = name.split('.')[0];
  if (WINDOWS_DEVICE.test(stem)) return `${stem.toUpperCase()} is a device name reserved by Windows`;
  if (name.toLowerCase() === 'last') return "'last' is the keyword for the latest run";
  return null;
}

function badName(what: string, name: unknown, why: string): CycleBenchError {
  const shown = typeof name === 'string' && name.length > 60 ? `${JSON.stringify(name.slice(0, 60))}...` : JSON.stringify(name);
  return new CycleBenchError('E_BAD_NAME', `Invalid ${what} name ${shown}: ${why}. ${NAME_RULE}`);
}

/**
 * Checks a name for a new baseline or tag and returns it: `E_BAD_NAME`, with the reason and the rule,
 * for anything that could leave the store directory ({@link NAME_PATTERN}, no `..`), a Windows device
 * name, or `last`. (Names that differ only in case from an existing one are refused by `saveNamed`.)
 */
export function validateName(name: string, what: 'baseline' | 'tag' = 'baseline'): string {
  const why = pathProblem(name) ?? reservedProblem(name);
  if (why) throw badName(what, name, why);
  return name;
}

/**
 * The file of a named baseline or tag. Only the path rules apply here, so that a name stored before
 * the reserved names were refused can still be read, listed and removed.
 */
export function namedFile(cwd: string, kind: 'baseline' | 'tag', name: string): string {
  const why = pathProblem(name);
  if (why) throw badName(kind, name, why);
  const p = storePaths(cwd);
  const dir = kind === 'baseline' ? p.baselines : p.tags;
  const file = path.join(dir, `${name}.json`);
  // Belt and braces: the pattern already excludes separators.
  if (path.dirname(file) !== dir) throw badName(kind, name, 'it leaves the store directory');
  return file;
}
