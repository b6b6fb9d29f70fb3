/**
 * Validation of result files: the schema (`schema/result.schema.json`, see schema.ts) plus the two
 * rules JSON Schema cannot say: benchmark ids are unique, and no number anywhere (also in free-form
 * parts such as `gpu`) is NaN or infinite. Unknown extra fields are allowed, so that a reader tolerates
 * additions that do not bump {@link SCHEMA_VERSION}.
 */
import { CycleBenchError } from '../errors.js';
import { SCHEMA_VERSION, type RunResult } from '../result/types.js';
import { describe, jsonPath, schemaProblems, type Problem } from './schema.js';

export type { Problem } from './schema.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Paths of numbers that JSON cannot carry (NaN, ±Infinity; `JSON.stringify` would write them as null)
 * and of BigInts (it would throw), at most `max`. JSON text can yield Infinity too: `1e999` parses to it.
 */
export function nonFiniteProblems(value: unknown, max = 20): Problem[] {
  const out: Problem[] = [];
  const bad = (v: unknown): boolean => (typeof v === 'number' && !Number.isFinite(v)) || typeof v === 'bigint';
  // Iterative: JSON.parse accepts nesting far deeper than the call stack. `seen`: an object handed to
  // writeResult may be cyclic (JSON.stringify then refuses it).
  const stack: [unknown, string][] = [[value, '']];
  const seen = new Set<object>();
  while (stack.length && out.length < max) {
    const [v, pointer] = stack.pop()!;
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) continue;
      seen.add(v);
    }
    if (bad(v)) {
      const got = typeof v === 'bigint' ? `the BigInt ${v}` : describe(v);
      out.push({ path: jsonPath(pointer), message: `expected a finite number, got ${got}` });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const x = v[i];
        if (typeof x === 'object' ? x !== null : bad(x)) stack.push([x, `${pointer}/${i}`]);
      }
    } else if (isObj(v)) {
      for (const k of Object.keys(v).reverse()) stack.push([v[k], `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  }
  return out;
}

function duplicateIds(v: unknown): Problem[] {
  if (!isObj(v) || !Array.isArray(v.benchmarks)) return [];
  const seen = new Set<string>();
  const out: Problem[] = [];
  v.benchmarks.forEach((b, i) => {
    const id = isObj(b) ? b.id : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(id)) out.push({ path: `benchmarks[${i}].id`, message: `duplicate benchmark id ${JSON.stringify(id)}` });
    seen.add(id);
  });
  return out;
}

/** Returns the problems of a parsed result (empty when it is a valid {@link RunResult}). */
export function runResultProblems(v: unknown): Problem[] {
  const numbers = nonFiniteProblems(v);
  const schema = schemaProblems('result', v).filter((p) => !numbers.some((q) => q.path === p.path));
  return [...numbers, ...schema, ...duplicateIds(v)];
}

/** Throws `E_NEWER_FORMAT` when `v` says it is a newer result format than this cyclebench reads. */
export function checkNotNewer(v: unknown, file: string): void {
  if (isObj(v) && typeof v.schemaVersion === 'number' && v.schemaVersion > SCHEMA_VERSION) {
    throw new CycleBenchError(
      'E_NEWER_FORMAT',
      `${file} uses result format version ${v.schemaVersion}, newer than this cyclebench understands ` +
        `(version ${SCHEMA_VERSION}). Upgrade cyclebench to read it; the file was not changed.`,
    );
  }
}

/** The `E_CORRUPT_FILE` error listing the first problems of `what`. */
export function problemsError(what: string, problems: Problem[], advice: string, kind = 'result'): CycleBenchError {
  const list = problems
    .slice(0, 5)
    .map((p) => `  ${p.path}: ${p.message}`)
    .join('\n');
  const more = problems.length > 5 ? `\n  ... and ${problems.length - 5} more` : '';
  return new CycleBenchError('E_CORRUPT_FILE', `${what} is not a valid cyclebench ${kind}:\n${list}${more}\n${advice}`);
}

/**
 * Validates a parsed result read from `file` and returns it typed. Throws `E_NEWER_FORMAT` for a file
 * written by a newer cyclebench, `E_CORRUPT_FILE` naming the file and the first problems otherwise.
 */
export function validateRunResult(v: unknown, file: string): RunResult {
  checkNotNewer(v, file);
  const problems = runResultProblems(v);
  if (problems.length > 0) throw problemsError(file, problems, 'The file was not changed. Delete it or replace it with a fresh run.');
  return v as RunResult;
}
