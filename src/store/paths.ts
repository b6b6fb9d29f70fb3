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

/** Allowed baseline and tag names: a letter or digit first, then letters, digits, `.`, `_`, `-`; 1-100 chars. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

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

/**
 * Checks a baseline or tag name and returns it. Refuses with `E_BAD_NAME` anything that is not
 * {@link NAME_PATTERN}, contains `..`, or would leave the store directory.
 */
export function validateName(name: string, what: 'baseline' | 'tag' = 'baseline'): string {
  const ok = typeof name === 'string' && NAME_PATTERN.test(name) && !name.includes('..');
  if (!ok) {
    throw new CycleBenchError(
      'E_BAD_NAME',
      `Invalid ${what} name ${JSON.stringify(name)}: use 1-100 letters, digits, '.', '_' or '-', ` +
        `starting with a letter or digit, without '..' or path separators.`,
    );
  }
  return name;
}

/** The file of a named baseline or tag, after validating the name. */
export function namedFile(cwd: string, kind: 'baseline' | 'tag', name: string): string {
  validateName(name, kind);
  const p = storePaths(cwd);
  const dir = kind === 'baseline' ? p.baselines : p.tags;
  const file = path.join(dir, `${name}.json`);
  // Belt and braces: the pattern already excludes separators.
  if (path.dirname(file) !== dir) throw new CycleBenchError('E_BAD_NAME', `Invalid ${kind} name ${JSON.stringify(name)}.`);
  return file;
}
