/**
 * The one definition of the file formats: `schema/result.schema.json` and
 * `schema/history-line.schema.json` (JSON Schema draft 2020-12), compiled with ajv once, on first use,
 * and their errors turned into problems with JSON paths (`benchmarks[2].stats.median`) and a sentence.
 */
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import resultSchema from '../../schema/result.schema.json' with { type: 'json' };
import historySchema from '../../schema/history-line.schema.json' with { type: 'json' };

/** One problem: where (a JSON path like `benchmarks[2].stats.median`, `$` for the whole value) and what. */
export interface Problem {
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;
type Format = 'result' | 'history';
const SCHEMAS: Record<Format, Schema> = { result: resultSchema, history: historySchema };

/** ajv options: the production ones; the schema test compiles with the same. */
export const AJV_OPTIONS = {
  // strict also checks the schema itself (unknown or untyped keywords) and, through strictNumbers,
  // makes "number" mean a finite number: NaN and Infinity fail where a number is expected. Not
  // strictRequired: it wants every `required` of an if/then restated in `properties`; a misspelt
  // required field fails on every real result instead (test/store/schema.test.ts).
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  // verbose keeps the offending value and schema in each error, for the messages below.
  verbose: true,
  // The schema files are checked against the draft 2020-12 meta-schema by the tests; doing it at
  // every start costs about 40% of the compile time.
  validateSchema: false,
} as const;

/**
 * Two validators per format, compiled on first use (ajv is loaded then too, so that processes that
 * never validate, such as isolation children, do not pay for it): `first` stops at the first error
 * and decides; `all` lists the problems, and is run only on invalid input, pruned (below).
 */
const cache = new Map<string, ValidateFunction>();
function validator(format: Format, allErrors: boolean): ValidateFunction {
  const key = `${format}/${allErrors}`;
  const cached = cache.get(key);
  if (!cached) {
    const require = createRequire(import.meta.url);
    const Ajv = (require('ajv/dist/2020.js') as { default: typeof Ajv2020 }).default;
    const addFormats = (require('ajv-formats') as { default: FormatsPlugin }).default;
    const ajv = new Ajv({ ...AJV_OPTIONS, allErrors });
    addFormats(ajv, ['date-time']);
    const compiled = ajv.compile(SCHEMAS[format]);
    cache.set(key, compiled);
    return compiled;
  }
  return cached;
}

/** `a.b[2]` style path of a JSON pointer (`/a/b/2`), with an optional child key. */
export function jsonPath(pointer: string, child?: string | number): string {
  const keys: (string | number)[] = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) keys.push(child);
  let out = '';
  for (const k of keys) {
    if (typeof k === 'number' || /^\d+$/.test(k)) out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out || '$';
}

/** A short description of a value for messages. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v} (not a finite number)`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  integer: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** What a (sub)schema expects, in words. */
function expected(s: Schema | undefined, root: Schema): string {
  if (!s) return 'a value';
  if (typeof s.$ref === 'string') return expected((root.$defs as Record<string, Schema>)[s.$ref.replace('#/$defs/', '')], root);
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((x) => JSON.stringify(x)).join(', ')}`;
  const types = ([] as unknown[]).concat(s.type ?? []) as string[];
  return types.length ? types.map((t) => TYPE_WORDS[t] ?? t).join(' or ') : 'a value';
}

function problemOf(e: ErrorObject, root: Schema): Problem {
  const got = `got ${describe(e.data)}`;
  const parent = e.parentSchema as Schema | undefined;
  const p = e.params as Record<string, unknown>;
  let path = jsonPath(e.instancePath);
  let message: string;
  switch (e.keyword) {
    case 'required': {
      const key = String(p.missingProperty);
      path = jsonPath(e.instancePath, key);
      const props = (parent?.properties ?? {}) as Record<string, Schema>;
      const want = expected(props[key], root);
      message = want === 'a value' ? 'missing' : `expected ${want}, got nothing (missing)`;
      break;
    }
    case 'type':
      message = `expected ${expected(parent, root)}, ${got}`;
      break;
    case 'const':
    case 'enum':
      message = `expected ${expected({ [e.keyword]: e.schema }, root)}, ${got}`;
      break;
    case 'format':
      message = `expected ${p.format === 'date-time' ? 'an ISO 8601 date and time with a time zone' : `format ${String(p.format)}`}, ${got}`;
      break;
    case 'minimum':
    case 'maximum':
      message = `expected a number ${String(p.comparison)} ${String(p.limit)}, ${got}`;
      break;
    case 'minItems':
    case 'maxItems':
      message = `expected ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p.limit)} items, ${got}`;
      break;
    default:
      message = `${e.message ?? e.keyword}, ${got}`;
  }
  // A rule that holds only in some cases (if/then) says which, from the schema's description.
  if (/\/(then|else)\//.test(e.schemaPath) && typeof parent?.description === 'string') message += ` (${parent.description})`;
  return { path, message };
}

/**
 * A copy of `v` with every array cut to its first 100 items, for listing problems: `all` on a file of a
 * million bad samples would build a million errors (seconds, hundreds of MB). Values nested deeper than
 * any schema looks are kept as they are (JSON.parse accepts nesting deeper than the call stack).
 */
function pruned(v: unknown, depth = 0): unknown {
  if (depth > 16 || typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.slice(0, 100).map((x) => pruned(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = pruned((v as Record<string, unknown>)[k], depth + 1);
  return out;
}

/**
 * The problems of `value` against the format's schema, at most `max` (empty when valid): the first in
 * document order, then the others found in the pruned copy.
 */
export function schemaProblems(format: Format, value: unknown, max = 20): Problem[] {
  const first = validator(format, false);
  if (first(value)) return [];
  const errors = [...(first.errors ?? [])];
  const all = validator(format, true);
  if (!all(pruned(value))) errors.push(...(all.errors ?? []));
  const out: Problem[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue; // says only "must match then"; the error inside then says what
    const p = problemOf(e, SCHEMAS[format]);
    if (!out.some((q) => q.path === p.path && q.message === p.message)) out.push(p);
    if (out.length >= max) break;
  }
  return out;
}
