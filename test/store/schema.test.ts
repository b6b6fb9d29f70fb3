/**
 * schema/result.schema.json and schema/history-line.schema.json are what the store validates with: they
 * are valid draft 2020-12 schemas that compile in ajv's strict mode; real results from the engine pass;
 * every required field missing, every field of the wrong type and a list of hand-made bad results are
 * refused with the JSON path of the problem and a sentence that says what was expected.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { SCHEMA_VERSION, type RunResult } from '../../src/result/types.js';
import { HISTORY_VERSION, historyEntry, readResult, runResultProblems } from '../../src/store/index.js';
import { AJV_OPTIONS, schemaProblems } from '../../src/store/schema.js';
import { captureIO } from '../compare/fixtures.js';
import { ROOT, realRun, tempDirs } from './helpers.js';
import { renderRun } from '../../src/report/run-report.js';
import { withGrades } from '../../src/report/grade.js';
import { bench, erroredBench, makeRun, runOf, samples } from '../compare/fixtures.js';
import { loadBench } from '../load/fixtures.js';
import { importResult } from '../../src/importers/index.js';

type Schema = Record<string, unknown>;
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', name), 'utf8')) as Schema;
const resultSchema = load('result.schema.json');
const historySchema = load('history-line.schema.json');
const dir = tempDirs('cb-schema-');

/** A deep copy of a real result, mutated by `fn`. */
function mutated(fn: (r: any) => void): unknown {
  const r = realRun() as any;
  fn(r);
  return r;
}

function resolve(s: Schema): Schema {
  const ref = s.$ref as string | undefined;
  return ref ? (resultSchema.$defs as Record<string, Schema>)[ref.replace('#/$defs/', '')] : s;
}

/** Paths (as key lists) of every field the schema requires that is present in `v`, recursing into all array items. */
function requiredPaths(s0: Schema, v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  const s = resolve(s0);
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of (s.required as string[]) ?? []) if (k in o) out.push([...at, k]);
    for (const [k, sub] of Object.entries((s.properties as Record<string, Schema>) ?? {}))
      if (o[k] !== undefined && o[k] !== null) requiredPaths(sub, o[k], [...at, k], out);
  }
  if (Array.isArray(v) && s.items) v.forEach((x, i) => requiredPaths(s.items as Schema, x, [...at, i], out));
  return out;
}

const pathText = (keys: (string | number)[]) =>
  keys
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? (i ? `.${k}` : k) : `[${JSON.stringify(k)}]`))
    .join('');

function at(r: any, keys: (string | number)[]): { parent: any; key: string | number } {
  let o = r;
  for (const k of keys.slice(0, -1)) o = o[k];
  return { parent: o, key: keys[keys.length - 1] };
}

describe('the schema files', () => {
  it('are valid draft 2020-12 schemas and compile in strict mode', () => {
    const ajv = new Ajv2020.default({ ...AJV_OPTIONS, validateSchema: true });
    addFormats.default(ajv, ['date-time']);
    for (const s of [resultSchema, historySchema]) {
      expect(ajv.validateSchema(s), JSON.stringify(ajv.errors)).toBe(true);
      expect(() => ajv.compile(s)).not.toThrow();
    }
  });

  it('declare the current format versions', () => {
    expect((resultSchema.properties as Record<string, Schema>).schemaVersion.const).toBe(SCHEMA_VERSION);
    expect((historySchema.properties as Record<string, Schema>).v.const).toBe(HISTORY_VERSION);
  });
});

describe('real results', () => {
  it('a result the engine wrote (committed fixture) is valid, and so is its history line', () => {
    expect(runResultProblems(realRun())).toEqual([]);
    expect(schemaProblems('history', JSON.parse(JSON.stringify(historyEntry(realRun()))))).toEqual([]);
  });

  it('a fresh engine run (args, group, error, counters) writes a valid result', async () => {
    const out = path.join(dir(), 'out.json');
    const c = captureIO(dir(), { NO_COLOR: '1' });
    const tiny = path.join(import.meta.dirname, 'fixtures', 'tiny.bench.ts');
    const code = await main(['run', tiny, '--quick', '--samples', '6', '--counters', 'default', '--json', out], c.io);
    expect(code, c.stderr()).toBe(5); // 'broken' throws on purpose
    const run = readResult(out);
    expect(run.groups.length).toBe(1);
    expect(run.complexity.length).toBe(1);
    expect(run.benchmarks.find((b) => b.status === 'error')?.error?.message).toBe('boom');
    expect(schemaProblems('history', JSON.parse(JSON.stringify(historyEntry(run))))).toEqual([]);
  });
});

describe('refusals name the path', () => {
  const real = realRun();
  const required = requiredPaths(resultSchema, real);

  it('every required field, missing, is refused at its path', () => {
    expect(required.length).toBeGreaterThan(150);
    const missed: string[] = [];
    for (const keys of required) {
      const r = mutated((x) => {
        const { parent, key } = at(x, keys);
        delete parent[key];
      });
      const problems = runResultProblems(r);
      if (!problems.some((p) => p.path === pathText(keys) && /missing/.test(p.message)))
        missed.push(`${pathText(keys)}: ${JSON.stringify(problems)}`);
    }
    expect(missed).toEqual([]);
  });

  it('every required field, of a type no field has, is refused at or under its path', () => {
    const missed: string[] = [];
    for (const keys of required) {
      const r = mutated((x) => {
        const { parent, key } = at(x, keys);
        parent[key] = [[{}]]; // an array of arrays: nothing in the format is that
      });
      if (!runResultProblems(r).some((p) => p.path.startsWith(pathText(keys)))) missed.push(pathText(keys));
    }
    expect(missed).toEqual([]);
  });

  const bad: [string, (r: any) => void, string, RegExp][] = [
    [
      'a string median',
      (r) => (r.benchmarks[2].stats.median = 'fast'),
      'benchmarks[2].stats.median',
      /expected a number, got the string "fast"/,
    ],
    ['an unknown mode', (r) => (r.mode = 'turbo'), 'mode', /expected one of "time", "instructions", got the string "turbo"/],
    [
      'status ok without stats',
      (r) => delete r.benchmarks[0].stats,
      'benchmarks[0].stats',
      /missing \(a benchmark with status "ok" has stats, unless statsUnavailable says why not\)/,
    ],
    [
      'status error without error',
      (r) => delete r.benchmarks[5].error,
      'benchmarks[5].error',
      /missing \(a benchmark with status "error" has an error\)/,
    ],
    ['a duplicate id', (r) => (r.benchmarks[1].id = r.benchmarks[0].id), 'benchmarks[1].id', /duplicate benchmark id "sum\[n=10\]"/],
    ['a date that is not ISO 8601', (r) => (r.startedAt = 'yesterday'), 'startedAt', /ISO 8601/],
    ['another tool', (r) => (r.tool.name = 'mitata'), 'tool.name', /expected "cyclebench", got the string "mitata"/],
    ['a string among samples', (r) => (r.benchmarks[0].samples[3] = '12'), 'benchmarks[0].samples[3]', /expected a number/],
    [
      'an unknown CI method',
      (r) => (r.benchmarks[0].stats.medianCI.method = 'guesswork'),
      'benchmarks[0].stats.medianCI.method',
      /one of "order-statistics", "batch-medians"/,
    ],
    [
      'an unavailable counter without reason',
      (r) => delete r.benchmarks[0].counters.cycles.reason,
      'benchmarks[0].counters.cycles.reason',
      /missing \(an unavailable counter says why\)/,
    ],
    [
      'a counter with an odd name',
      (r) => (r.benchmarks[0].counters['branch-misses'].available = 'yes'),
      'benchmarks[0].counters["branch-misses"].available',
      /expected true or false/,
    ],
    ['an unknown group verdict', (r) => (r.groups[0].entries[0].verdict = 'better'), 'groups[0].entries[0].verdict', /one of "faster"/],
    ['a CI of three ends', (r) => r.groups[0].entries[0].ci.push(1), 'groups[0].entries[0].ci', /at most 2 items/],
    ['a p-value above 1', (r) => (r.groups[0].entries[0].pValue = 2), 'groups[0].entries[0].pValue', /<= 1/],
    ['an rms that is not a number', (r) => (r.complexity[0].rms['O(n)'] = 'x'), 'complexity[0].rms["O(n)"]', /expected a number/],
    ['format version 0', (r) => (r.schemaVersion = 0), 'schemaVersion', /expected 1, got number 0/],
    ['format version 1.5', (r) => (r.schemaVersion = 1.5), 'schemaVersion', /expected 1, got number 1.5/],
    ['negative sample count', (r) => (r.benchmarks[0].stats.n = -1), 'benchmarks[0].stats.n', />= 0/],
    [
      'a git state without commit',
      (r) => (r.environment.git = { branch: null, dirty: true }),
      'environment.git.commit',
      /expected a string, got nothing \(missing\)/,
    ],
  ];
  it.each(bad)('%s', (_, fn, where, message) => {
    const problems = runResultProblems(mutated(fn));
    expect(problems.find((p) => p.path === where)?.message, JSON.stringify(problems)).toMatch(message);
  });

  it('a value that is not an object at all', () => {
    for (const v of [null, [], 'result', 42])
      expect(runResultProblems(v)[0]).toMatchObject({ path: '$', message: expect.stringMatching(/expected an object/) });
  });

  it.each([NaN, Infinity, -Infinity])('%s is refused wherever it is, typed field or free-form', (x) => {
    for (const [where, fn] of [
      ['benchmarks[0].stats.mean', (r: any) => (r.benchmarks[0].stats.mean = x)],
      ['benchmarks[0].samples[0]', (r: any) => (r.benchmarks[0].samples[0] = x)],
      ['benchmarks[0].gpu.clockMHz', (r: any) => (r.benchmarks[0].gpu = { clockMHz: x })],
      ['groups[0].entries[0].ratio', (r: any) => (r.groups[0].entries[0].ratio = x)],
    ] as const) {
      const problems = runResultProblems(mutated(fn));
      expect(problems.find((p) => p.path === where)?.message, where).toMatch(
        /expected a finite number, got -?(NaN|Infinity) \(not a finite number\)/,
      );
    }
  });

  it('lists the first problem of a file with a million bad samples without listing a million', () => {
    const r = mutated((x) => (x.benchmarks[0].samples = Array.from({ length: 1_000_000 }, () => 'x')));
    const problems = runResultProblems(r);
    expect(problems[0].path).toBe('benchmarks[0].samples[0]');
    expect(problems.length).toBeLessThanOrEqual(40);
  });

  it('history lines: mutations are refused at their path', () => {
    const line = JSON.parse(JSON.stringify(historyEntry(realRun() as RunResult)));
    line.benchmarks[1].lo = 'low';
    delete line.time;
    const problems = schemaProblems('history', line);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'benchmarks[1].lo', message: 'expected a number or null, got the string "low"' },
        { path: 'time', message: 'expected a string, got nothing (missing)' },
      ]),
    );
  });
});

describe('results from other parts of cyclebench', () => {
  it('accept an imported result (tool.importedFrom; null for what the other tool did not record)', () => {
    const json = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../importers/examples/mitata.json'), 'utf8'));
    const run = JSON.parse(JSON.stringify(importResult(json, { file: 'mitata.json', version: '0.1.0', writtenAt: new Date(0) })));
    expect(runResultProblems(run)).toEqual([]);
    run.tool.importedFrom.samples = true;
    expect(runResultProblems(run).map((p) => p.path)).toContain('tool.importedFrom.samples');
  });

  it('accept declared throughput and the grades report --format json adds; refuse a made-up grade', () => {
    const run = withGrades(makeRun(3));
    run.benchmarks[0].throughput = { bytes: 4096, items: 16 };
    run.benchmarks.push(erroredBench('broken'));
    const json = JSON.parse(renderRun(run, 'json'));
    expect(json.benchmarks[0].grade.grade).toMatch(/^(A\+|[A-F])$/);
    expect(runResultProblems(json)).toEqual([]);
    json.benchmarks[0].grade.grade = 'E';
    expect(runResultProblems(json).length).toBeGreaterThan(0);
  });

  it('accept a result pooled over processes, and its interval method', () => {
    const run = JSON.parse(JSON.stringify(makeRun(3)));
    run.processes = 3;
    run.benchmarks[0].processes = { medians: [1, 2, 3], betweenCV: 0.5, withinHalfWidth: 0.01 };
    run.benchmarks[0].stats.medianCI.method = 'processes';
    expect(runResultProblems(run)).toEqual([]);
    run.benchmarks[0].stats.medianCI.method = 'guesswork';
    expect(runResultProblems(run).length).toBeGreaterThan(0);
  });
});

describe('load tests and sampled resources', () => {
  it('a load result with its resources section passes; its required fields are required', () => {
    const run = JSON.parse(JSON.stringify(runOf([loadBench('search'), bench('a', samples(100, 20, 1))])));
    expect(runResultProblems(run)).toEqual([]);
    delete run.benchmarks[0].load.successRate;
    expect(runResultProblems(run).map((p) => p.path)).toContain('benchmarks[0].load.successRate');
  });
});
