/**
 * Shared pieces of the importers: a RunResult envelope for figures another tool measured, and the
 * checks that turn a malformed file into an error naming the file and what is wrong.
 */
import { CycleBenchError } from '../errors.js';
import {
  SCHEMA_VERSION,
  type BenchResult,
  type Environment,
  type ImportedFrom,
  type RunResult,
  type SampleStats,
} from '../result/types.js';

/** What every importer gets besides the parsed JSON. */
export interface ImportContext {
  /** The file, as given on the command line (named in errors and in `importedFrom.file`). */
  file: string;
  /** This cyclebench's version, for `tool.version`. */
  version: string;
  /** When the file was written (its modification time), for tools that record no time. */
  writtenAt: Date;
}

/**
 * The result format allows null where a figure could not be had (the schema and the validator say so;
 * the TypeScript types predate it). Imported results use it for what the other tool did not record.
 */
export const UNKNOWN = null as unknown as number;

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `E_CORRUPT_FILE`: the file is not what the importer reads, and what it should be. */
export function notThe(ctx: ImportContext, what: string, problem: string): CycleBenchError {
  return new CycleBenchError('E_CORRUPT_FILE', `${ctx.file} is not ${what}: ${problem}. The file was not changed.`);
}

/** An environment where only what the other tool recorded is filled in; the rest says unknown. */
export function importedEnvironment(
  tool: string,
  known: { cpu?: string | null; arch?: string | null; platform?: string | null; runtime?: string | null } = {},
): Environment {
  return {
    // logicalCores must be a number in the format: 0 stands for unknown.
    cpu: { model: known.cpu ?? 'unknown', logicalCores: 0, governor: null, arch: known.arch ?? 'unknown' },
    os: { platform: known.platform ?? 'unknown', type: 'unknown', kernel: 'unknown' },
    runtime: { node: known.runtime ?? 'unknown', v8: 'unknown', execArgv: [] },
    clock: {
      name: `${tool}'s clock`,
      frequencyHz: UNKNOWN,
      frequencySource: `not recorded by ${tool}`,
      resolutionNs: UNKNOWN,
      overheadNs: UNKNOWN,
    },
    native: { available: false, reason: `measured by ${tool}, not by cyclebench`, source: 'none' },
  };
}

/** A benchmark that the other tool reports as failed (no statistics). */
export function failedBench(id: string, name: string, group: string | undefined, message: string): BenchResult {
  return {
    id,
    name,
    ...(group ? { group } : {}),
    status: 'error',
    error: { name: 'Error', message },
    kind: 'cpu',
    unit: 'ns',
    totalIterations: 0,
    stopReason: 'error',
    wallMs: 0,
    flags: {},
  };
}

/** A measured benchmark from imported statistics (nanoseconds per iteration); no raw samples. */
export function measuredBench(
  id: string,
  name: string,
  group: string | undefined,
  stats: SampleStats,
  totalIterations: number,
  wallMs: number,
): BenchResult {
  return {
    id,
    name,
    ...(group ? { group } : {}),
    status: 'ok',
    kind: 'cpu',
    unit: 'ns',
    stats,
    // The other tool decided when to stop; both importers' tools stop on a time budget.
    totalIterations,
    stopReason: 'budget',
    wallMs,
    flags: {},
  };
}

/** The run envelope. Ids must be unique: a repeated id gets ` #2`, ` #3` (both tools allow repeated names). */
export function importedRun(
  ctx: ImportContext,
  from: Omit<ImportedFrom, 'file' | 'samples'>,
  environment: Environment,
  benchmarks: BenchResult[],
  startedAt: Date,
): RunResult {
  const seen = new Map<string, number>();
  for (const b of benchmarks) {
    const k = (seen.get(b.id) ?? 0) + 1;
    seen.set(b.id, k);
    if (k > 1) b.id = `${b.id} #${k}`;
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'cyclebench', version: ctx.version, importedFrom: { tool: from.tool, file: ctx.file, samples: false, ci: from.ci } },
    startedAt: startedAt.toISOString(),
    finishedAt: ctx.writtenAt.toISOString(),
    mode: 'time',
    environment,
    benchmarks,
    groups: [],
    complexity: [],
  };
}
