/**
 * Structural validation of result files on read. Hand-written (no dependency) and kept in sync with
 * `schema/result.schema.json` by `test/store/schema.test.ts`. Unknown extra fields are allowed so that a
 * reader tolerates additions that do not bump {@link SCHEMA_VERSION}.
 */
import { CycleBenchError } from '../errors.js';
import { SCHEMA_VERSION, type RunResult } from '../result/types.js';

/** One structural problem: where (a JSON path like `benchmarks[2].stats.median`) and what. */
export interface Problem {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const STAT_FIELDS = [
  'n', 'mean', 'median', 'p50', 'p75', 'p90', 'p95', 'p99', 'p999', 'min', 'max', 'stddev', 'mad', 'cv',
] as const;

class Checker {
  readonly problems: Problem[] = [];
  fail(path: string, message: string): void {
    if (this.problems.length < 20) this.problems.push({ path, message });
  }
  obj(v: unknown, path: string): v is Obj {
    if (isObj(v)) return true;
    this.fail(path, `expected an object, got ${describe(v)}`);
    return false;
  }
  str(o: Obj, key: string, path: string, optional = false): void {
    const v = o[key];
    if (v === undefined && optional) return;
    if (typeof v !== 'string') this.fail(`${path}.${key}`, `expected a string, got ${describe(v)}`);
  }
  num(o: Obj, key: string, path: string, opts: { optional?: boolean; nullable?: boolean } = {}): void {
    const v = o[key];
    if (v === undefined && opts.optional) return;
    if (v === null && opts.nullable) return;
    if (typeof v !== 'number') this.fail(`${path}.${key}`, `expected a number, got ${describe(v)}`);
  }
  bool(o: Obj, key: string, path: string, optional = false): void {
    const v = o[key];
    if (v === undefined && optional) return;
    if (typeof v !== 'boolean') this.fail(`${path}.${key}`, `expected true or false, got ${describe(v)}`);
  }
  oneOf(o: Obj, key: string, path: string, values: readonly string[]): void {
    const v = o[key];
    if (typeof v !== 'string' || !values.includes(v)) {
      this.fail(`${path}.${key}`, `expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${describe(v)}`);
    }
  }
  numArray(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (v === undefined) return;
    if (!Array.isArray(v)) return this.fail(`${path}.${key}`, `expected an array of numbers, got ${describe(v)}`);
    const bad = v.findIndex((x) => typeof x !== 'number');
    if (bad >= 0) this.fail(`${path}.${key}[${bad}]`, `expected a number, got ${describe(v[bad])}`);
  }
  strArray(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.fail(`${path}.${key}`, `expected an array of strings, got ${describe(v)}`);
    }
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v} ${typeof v === 'object' ? '' : String(v)}`.trim();
}

function checkStats(c: Checker, v: unknown, path: string): void {
  if (v === undefined) return;
  if (!c.obj(v, path)) return;
  for (const k of STAT_FIELDS) c.num(v, k, path, { nullable: k !== 'n' && k !== 'median' });
  if (v.opsPerSec !== undefined) c.num(v, 'opsPerSec', path, { nullable: true });
  if (c.obj(v.medianCI, `${path}.medianCI`)) {
    const ci = v.medianCI;
    c.num(ci, 'lo', `${path}.medianCI`, { nullable: true });
    c.num(ci, 'hi', `${path}.medianCI`, { nullable: true });
    c.num(ci, 'confidence', `${path}.medianCI`);
    if (ci.method !== undefined) c.oneOf(ci, 'method', `${path}.medianCI`, ['order-statistics', 'batch-medians']);
  }
}

function checkEnvironment(c: Checker, v: unknown): void {
  const p = 'environment';
  if (!c.obj(v, p)) return;
  if (c.obj(v.cpu, `${p}.cpu`)) {
    c.str(v.cpu, 'model', `${p}.cpu`);
    c.num(v.cpu, 'logicalCores', `${p}.cpu`);
    if (v.cpu.governor !== null) c.str(v.cpu, 'governor', `${p}.cpu`);
    c.str(v.cpu, 'arch', `${p}.cpu`);
  }
  if (c.obj(v.os, `${p}.os`)) for (const k of ['platform', 'type', 'kernel']) c.str(v.os, k, `${p}.os`);
  if (c.obj(v.runtime, `${p}.runtime`)) {
    c.str(v.runtime, 'node', `${p}.runtime`);
    c.str(v.runtime, 'v8', `${p}.runtime`);
    c.strArray(v.runtime, 'execArgv', `${p}.runtime`);
  }
  if (c.obj(v.clock, `${p}.clock`)) {
    c.str(v.clock, 'name', `${p}.clock`);
    c.str(v.clock, 'frequencySource', `${p}.clock`);
    for (const k of ['frequencyHz', 'resolutionNs', 'overheadNs']) c.num(v.clock, k, `${p}.clock`, { nullable: true });
  }
  if (c.obj(v.native, `${p}.native`)) {
    c.bool(v.native, 'available', `${p}.native`);
    c.str(v.native, 'source', `${p}.native`);
  }
  for (const k of ['counters', 'cuda']) {
    if (v[k] !== undefined && c.obj(v[k], `${p}.${k}`)) c.bool(v[k] as Obj, 'available', `${p}.${k}`);
  }
  if (v.git !== undefined && v.git !== null && c.obj(v.git, `${p}.git`)) {
    c.str(v.git, 'commit', `${p}.git`);
    if (v.git.branch !== null) c.str(v.git, 'branch', `${p}.git`);
    c.bool(v.git, 'dirty', `${p}.git`);
  }
}

function checkResources(c: Checker, v: unknown, path: string): void {
  if (!c.obj(v, path)) return;
  for (const k of ['intervalMs', 'samples', 'durationMs']) c.num(v, k, path);
  const peakMean = (o: Obj, keys: string[], at: string) => {
    for (const k of keys) if (c.obj(o[k], `${at}.${k}`)) for (const s of ['peak', 'mean']) c.num(o[k] as Obj, s, `${at}.${k}`);
  };
  if (c.obj(v.cpu, `${path}.cpu`)) peakMean(v.cpu, ['user', 'system', 'total'], `${path}.cpu`);
  if (c.obj(v.memory, `${path}.memory`)) peakMean(v.memory, ['rss', 'heapUsed', 'external', 'arrayBuffers'], `${path}.memory`);
  if (v.eventLoopDelay !== undefined && c.obj(v.eventLoopDelay, `${path}.eventLoopDelay`)) for (const k of ['mean', 'p50', 'p99', 'max']) c.num(v.eventLoopDelay, k, `${path}.eventLoopDelay`);
  c.obj(v.gc, `${path}.gc`);
  if (c.obj(v.series, `${path}.series`)) {
    const series = v.series;
    for (const k of ['t', 'cpu', 'rss', 'heapUsed']) {
      if (Array.isArray(series[k])) c.numArray(series, k, `${path}.series`);
      else c.fail(`${path}.series.${k}`, `expected an array of numbers, got ${describe(series[k])}`);
    }
  }
  if (c.obj(v.overhead, `${path}.overhead`)) for (const k of ['perSampleNs', 'fraction']) c.num(v.overhead, k, `${path}.overhead`);
}

function checkLoad(c: Checker, v: unknown, path: string): void {
  if (!c.obj(v, path)) return;
  c.oneOf(v, 'model', path, ['closed', 'open']);
  c.oneOf(v, 'isolate', path, ['none', 'worker', 'process']);
  c.oneOf(v, 'latencyFrom', path, ['start', 'scheduled']);
  for (const k of ['concurrency', 'workers', 'requests', 'ok', 'failed', 'successRate', 'timeouts', 'durationMs', 'throughput', 'warmup']) c.num(v, k, path);
  if (!Array.isArray(v.errors)) c.fail(`${path}.errors`, `expected an array, got ${describe(v.errors)}`);
  if (c.obj(v.clock, `${path}.clock`)) {
    c.str(v.clock, 'name', `${path}.clock`);
    c.num(v.clock, 'readNs', `${path}.clock`);
  }
}

function checkBenchmark(c: Checker, b: unknown, path: string, ids: Set<string>): void {
  if (!c.obj(b, path)) return;
  c.str(b, 'id', path);
  c.str(b, 'name', path);
  c.str(b, 'group', path, true);
  c.oneOf(b, 'status', path, ['ok', 'error', 'skipped']);
  c.oneOf(b, 'kind', path, ['cpu', 'gpu', 'instructions', 'load']);
  c.oneOf(b, 'unit', path, ['ns', 'instructions']);
  checkStats(c, b.stats, `${path}.stats`);
  checkStats(c, b.rawStats, `${path}.rawStats`);
  c.numArray(b, 'samples', path);
  c.numArray(b, 'iterations', path);
  c.num(b, 'totalIterations', path);
  c.oneOf(b, 'stopReason', path, ['precision', 'budget', 'max-samples', 'fixed', 'error']);
  c.num(b, 'wallMs', path);
  c.obj(b.flags, `${path}.flags`);
  if (b.load !== undefined) checkLoad(c, b.load, `${path}.load`);
  if (b.resources !== undefined) checkResources(c, b.resources, `${path}.resources`);
  if (b.status === 'ok' && b.stats === undefined) c.fail(`${path}.stats`, 'a benchmark with status "ok" must have stats');
  if (typeof b.id === 'string') {
    if (ids.has(b.id)) c.fail(`${path}.id`, `duplicate benchmark id ${JSON.stringify(b.id)}`);
    ids.add(b.id);
  }
}

/** Returns the structural problems of a parsed result (empty when it is a valid {@link RunResult}). */
export function runResultProblems(v: unknown): Problem[] {
  const c = new Checker();
  if (!c.obj(v, '$')) return c.problems;
  c.num(v, 'schemaVersion', '$');
  if (c.obj(v.tool, 'tool')) {
    if (v.tool.name !== 'cyclebench') c.fail('tool.name', `expected "cyclebench", got ${describe(v.tool.name)}`);
    c.str(v.tool, 'version', 'tool');
  }
  c.str(v, 'startedAt', '$');
  c.str(v, 'finishedAt', '$');
  c.str(v, 'tag', '$', true);
  c.oneOf(v, 'mode', '$', ['time', 'instructions']);
  checkEnvironment(c, v.environment);
  if (!Array.isArray(v.benchmarks)) c.fail('benchmarks', `expected an array, got ${describe(v.benchmarks)}`);
  else {
    const ids = new Set<string>();
    v.benchmarks.forEach((b, i) => checkBenchmark(c, b, `benchmarks[${i}]`, ids));
  }
  for (const k of ['groups', 'complexity']) {
    if (!Array.isArray(v[k])) c.fail(k, `expected an array, got ${describe(v[k])}`);
  }
  return c.problems.map((p) => ({ ...p, path: p.path.replace(/^\$\./, '') }));
}

/**
 * Validates a parsed result read from `file` and returns it typed. Throws `E_NEWER_FORMAT` for a file
 * written by a newer cyclebench, `E_CORRUPT_FILE` naming the file and the first problems otherwise.
 */
export function validateRunResult(v: unknown, file: string): RunResult {
  if (isObj(v) && typeof v.schemaVersion === 'number' && v.schemaVersion > SCHEMA_VERSION) {
    throw new CycleBenchError(
      'E_NEWER_FORMAT',
      `${file} uses result format version ${v.schemaVersion}, newer than this cyclebench understands ` +
        `(version ${SCHEMA_VERSION}). Upgrade cyclebench to read it; the file was not changed.`,
    );
  }
  const problems = runResultProblems(v);
  if (isObj(v) && typeof v.schemaVersion === 'number' && (v.schemaVersion < 1 || !Number.isInteger(v.schemaVersion))) {
    problems.unshift({ path: 'schemaVersion', message: `unknown version ${v.schemaVersion}` });
  }
  if (problems.length > 0) {
    const list = problems.slice(0, 5).map((p) => `  ${p.path}: ${p.message}`).join('\n');
    const more = problems.length > 5 ? `\n  ... and ${problems.length - 5} more` : '';
    throw new CycleBenchError(
      'E_CORRUPT_FILE',
      `${file} is not a valid cyclebench result file:\n${list}${more}\n` +
        `The file was not changed. Delete it or replace it with a fresh run.`,
    );
  }
  return v as unknown as RunResult;
}
