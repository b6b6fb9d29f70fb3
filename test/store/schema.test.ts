/**
 * Keeps schema/result.schema.json and the hand-written validator in sync: a real result validates
 * against the schema (a small draft-2020-12 subset checker: type, const, enum, required, properties,
 * items, $ref), and every field the schema requires is also required by the validator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/result/types.js';
import { runResultProblems } from '../../src/store/index.js';
import { bench, erroredBench, makeRun, runOf, samples } from '../compare/fixtures.js';
import { loadBench } from '../load/fixtures.js';

type Schema = Record<string, unknown>;
const schema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../schema/result.schema.json'), 'utf8')) as Schema;

function resolve(s: Schema): Schema {
  const ref = s.$ref as string | undefined;
  if (!ref) return s;
  const name = ref.replace('#/$defs/', '');
  return (schema.$defs as Record<string, Schema>)[name];
}

function typeOk(t: string, v: unknown): boolean {
  if (t === 'null') return v === null;
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  if (t === 'integer') return Number.isInteger(v);
  return typeof v === t;
}

function validate(s0: Schema, v: unknown, at = '$', errors: string[] = []): string[] {
  const s = resolve(s0);
  if (s.type) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeOk(t, v))) {
      errors.push(`${at}: expected ${types.join('|')}`);
      return errors;
    }
  }
  if ('const' in s && s.const !== v) errors.push(`${at}: expected const ${String(s.const)}`);
  if (s.enum && !(s.enum as unknown[]).includes(v)) errors.push(`${at}: not in enum`);
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of (s.required as string[]) ?? []) if (!(k in o)) errors.push(`${at}.${k}: required`);
    for (const [k, sub] of Object.entries((s.properties as Record<string, Schema>) ?? {})) if (o[k] !== undefined) validate(sub, o[k], `${at}.${k}`, errors);
  }
  if (Array.isArray(v) && s.items) v.forEach((x, i) => validate(s.items as Schema, x, `${at}[${i}]`, errors));
  return errors;
}

/** Every path of a required field in `v` according to the schema. */
function requiredPaths(s0: Schema, v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  const s = resolve(s0);
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of (s.required as string[]) ?? []) out.push([...at, k]);
    for (const [k, sub] of Object.entries((s.properties as Record<string, Schema>) ?? {})) if (o[k] !== undefined && o[k] !== null) requiredPaths(sub, o[k], [...at, k], out);
  }
  if (Array.isArray(v) && s.items && v.length) requiredPaths(s.items as Schema, v[0], [...at, 0], out);
  return out;
}

describe('schema/result.schema.json', () => {
  it('declares the current format version', () => {
    expect((schema.properties as Record<string, Schema>).schemaVersion.const).toBe(SCHEMA_VERSION);
  });

  it('accepts a real result, including an errored benchmark', () => {
    const run = makeRun(3);
    run.benchmarks.push(erroredBench('broken'));
    const json = JSON.parse(JSON.stringify(run));
    expect(validate(schema, json)).toEqual([]);
    expect(runResultProblems(json)).toEqual([]);
  });

  it('rejects what the validator rejects for a few mutations', () => {
    const bad = JSON.parse(JSON.stringify(makeRun(3)));
    bad.benchmarks[0].unit = 'parsecs';
    expect(validate(schema, bad).length).toBeGreaterThan(0);
    expect(runResultProblems(bad).length).toBeGreaterThan(0);
    for (const method of ['order-statistics', 'batch-medians', 'guesswork']) {
      const run = JSON.parse(JSON.stringify(makeRun(3)));
      run.benchmarks[0].stats.medianCI.method = method;
      const ok = method !== 'guesswork';
      expect(validate(schema, run).length === 0, method).toBe(ok);
      expect(runResultProblems(run).length === 0, method).toBe(ok);
    }
  });

  it('every field the schema requires is required by the hand-written validator', () => {
    // A load test with sampled resources first (only the first element of an array is walked): its optional sections' required fields are checked too.
    const run = JSON.parse(JSON.stringify(runOf([loadBench('search'), bench('a', samples(100, 20, 1))])));
    expect(validate(schema, run)).toEqual([]);
    expect(runResultProblems(run)).toEqual([]);
    const paths = requiredPaths(schema, run);
    expect(paths.length).toBeGreaterThan(40);
    const missed: string[] = [];
    for (const p of paths) {
      const copy = JSON.parse(JSON.stringify(run));
      let o = copy;
      for (const k of p.slice(0, -1)) o = o[k];
      delete o[p[p.length - 1]];
      expect(validate(schema, copy).length, `schema should reject missing ${p.join('.')}`).toBeGreaterThan(0);
      if (runResultProblems(copy).length === 0) missed.push(p.join('.'));
    }
    expect(missed).toEqual([]);
  });
});
