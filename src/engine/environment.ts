/** What a run was measured on, and the result envelope every kind of run (time, instructions) shares. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capabilities } from '../capabilities.js';
import { packageRoot } from '../native/load.js';
import {
  SCHEMA_VERSION,
  type BenchResult,
  type ComplexityFit,
  type Environment,
  type GroupComparison,
  type RunResult,
} from '../result/types.js';

/** This package's version. */
export function toolVersion(): string {
  try {
    return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

let cachedEnvironment: Environment | undefined;

/**
 * The environment fingerprint stored with results, measured once per process (the machine does not
 * change within one). Its clock is the one the engine uses: `capabilities().clocks[0]`.
 */
export function environment(): Environment {
  if (cachedEnvironment) return cachedEnvironment;
  const caps = capabilities({ valgrind: false });
  const c = caps.clocks[0];
  cachedEnvironment = {
    cpu: caps.cpu,
    os: caps.os,
    runtime: caps.runtime,
    clock: {
      name: c.name,
      frequencyHz: c.frequencyHz,
      frequencySource: c.frequencySource,
      resolutionNs: c.resolutionNs,
      overheadNs: c.overheadNs,
    },
    native: caps.native.available
      ? { available: true, source: caps.native.source }
      : { available: false, reason: caps.native.reason, source: 'none' },
    counters: caps.counters.perfEvent,
    cuda: caps.cuda.available ? { available: true } : { available: false, reason: caps.cuda.reason },
  };
  return cachedEnvironment;
}

/** The parts of a run that differ between kinds of run. */
export interface RunBody {
  startedAt: string;
  mode: RunResult['mode'];
  tag?: string;
  benchmarks: BenchResult[];
  groups?: GroupComparison[];
  complexity?: ComplexityFit[];
}

/** A complete result: the body wrapped with the schema version, tool, finish time and environment. */
export function runEnvelope(body: RunBody): RunResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'cyclebench', version: toolVersion() },
    startedAt: body.startedAt,
    finishedAt: new Date().toISOString(),
    ...(body.tag ? { tag: body.tag } : {}),
    mode: body.mode,
    environment: { ...environment() },
    benchmarks: body.benchmarks,
    groups: body.groups ?? [],
    complexity: body.complexity ?? [],
  };
}

/** A result with no benchmarks: what module-level `run()` returns while the CLI collects files. */
export function emptyRun(): RunResult {
  return runEnvelope({ startedAt: new Date().toISOString(), mode: 'time', benchmarks: [] });
}
