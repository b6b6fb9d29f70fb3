/**
 * Instruction-count mode (`cyclebench run --mode instructions`): the benchmark files run again in a
 * child under `valgrind --tool=callgrind` with instrumentation off; after each benchmark's warm-up,
 * its loop and its empty loop each run N times inside a labelled client-request window. The parent
 * parses the dumps: instructions per iteration = (Ir(loop) - Ir(empty loop)) / N, the same on every
 * run of the same code. See docs/counters.md for the V8 flags that make it so.
 */
import { rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CycleBenchError } from '../errors.js';
import { deterministicNodeFlags, runUnderCallgrind, valgrindCapability } from '../counters/valgrind.js';
import { measureInstructions } from '../counters/instructions.js';
import { bestClock } from '../clock/index.js';
import { argPoints, benchId, matchesFilter } from './expand.js';
import { loadBenchFile } from './load-file.js';
import { DEFAULT_INSTRUCTION_NOISE, resolveSampling, type Args, type RunOptions } from './options.js';
import { defaultSuite, setCollectOnly } from './registry.js';
import { groupBaseline, serializeFilter, skipReason, type BenchDef } from './defs.js';
import { failedResult, sampleStats } from './result.js';
import { Contender, emptyLabel } from './sampler.js';
import { runEnvelope } from './environment.js';
import { packageRoot } from '../native/load.js';
import { bandVerdict } from '../stats/index.js';
import type { BenchResult, CounterValue, GroupComparison, RunResult } from '../result/types.js';

/** Iterations counted per benchmark when not given: deterministic, unlike a time-calibrated count. */
export const DEFAULT_INSTRUCTION_ITERATIONS = 100;

/**
 * Warm-up calls before counting: a fixed number, so V8 reaches the same tier on every run. V8 11
 * optimises a small function with TurboFan after about 5,000 calls (docs/counters.md).
 */
export const DEFAULT_WARMUP_CALLS = 10_000;

/** What the child is asked to do (in the environment: no random path reaches the child). */
interface InstructionRequest {
  files: string[];
  filter?: string;
  iterations: number;
  warmupCalls: number;
}

/** The environment variable that carries the request to the child. */
const REQUEST_ENV = 'CYCLEBENCH_INSTRUCTION_REQUEST';
/** Prefix of the child's one stdout line that carries its results. */
const META_PREFIX = 'cyclebench-instructions:';

/** One measured benchmark, as the child reports it. */
export interface InstructionMeta {
  id: string;
  name: string;
  group?: string;
  baseline?: string;
  args: Args;
  file?: string;
  status: 'ok' | 'error' | 'skipped';
  message?: string;
}

/**
 * Plain-JavaScript copies of the files the child imports, made with esbuild beside each original
 * (so relative paths and `import.meta.url` keep working), with packages left external. Measured: the
 * tsx loader's hook thread made counts of allocating benchmarks vary by up to 0.3% between runs
 * (JSON.parse, Array#sort); from plain JavaScript they were identical in every run.
 */
async function plainCopies(files: string[]): Promise<{ files: string[]; originals: Map<string, string>; cleanup(): void }> {
  const { build } = await import('esbuild');
  const originals = new Map<string, string>();
  for (const file of files) {
    const out = join(dirname(file), `.${basename(file)}.cyclebench-instructions.mjs`);
    await build({
      entryPoints: [file],
      outfile: out,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    originals.set(out, file);
  }
  return { files: [...originals.keys()], originals, cleanup: () => originals.forEach((_, out) => rmSync(out, { force: true })) };
}

/** The child entry as plain JavaScript: the bundled worker.js, or from source a bundle of child.ts. */
async function childScript(): Promise<{ script: string; cleanup(): void }> {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { script: fileURLToPath(new URL('./worker.js', here)), cleanup: () => {} };
  const source = fileURLToPath(new URL('./child.ts', here));
  // Inside the package, so the bundled loader still finds the package root and its addon.
  const script = join(packageRoot(), 'node_modules', '.cache', 'cyclebench', `instructions-child-${process.pid}.mjs`);
  const { build } = await import('esbuild');
  await build({
    entryPoints: [source],
    outfile: script,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  return { script, cleanup: () => rmSync(script, { force: true }) };
}

/** Parent side: runs the files under callgrind and returns a result in instruction units. */
export async function runInstructionMode(
  files: string[],
  options: RunOptions & { iterations?: number; warmupCalls?: number; cacheSim?: boolean },
): Promise<RunResult> {
  const cap = valgrindCapability();
  if (!cap.available) throw new CycleBenchError('E_VALGRIND_UNAVAILABLE', `--mode instructions needs valgrind: ${cap.reason}`);
  const startedAt = new Date().toISOString();
  const copies = await plainCopies(files);
  const child = await childScript();
  try {
    return await measureUnderCallgrind(copies, child.script, options, startedAt);
  } finally {
    copies.cleanup();
    child.cleanup();
  }
}

async function measureUnderCallgrind(
  copies: { files: string[]; originals: Map<string, string> },
  script: string,
  options: RunOptions & { iterations?: number; warmupCalls?: number; cacheSim?: boolean },
  startedAt: string,
): Promise<RunResult> {
  const request: InstructionRequest = {
    files: copies.files,
    filter: serializeFilter(options.filter),
    iterations: options.iterations ?? DEFAULT_INSTRUCTION_ITERATIONS,
    warmupCalls: options.warmupCalls ?? DEFAULT_WARMUP_CALLS,
  };
  options.onProgress?.({ type: 'start', total: 0, estimateMs: 0 });
  // The child's inputs are the same on every run (no temporary paths, no pids): strings it hashes,
  // and so hash-table layouts, must not differ between runs of the same code.
  let stdout = '';
  const totals = await runUnderCallgrind({
    script,
    args: ['--instructions'],
    cacheSim: options.cacheSim,
    env: { [REQUEST_ENV]: JSON.stringify(request) },
    onStdout: (chunk) => (stdout += chunk),
  });
  const line = stdout.split('\n').find((l) => l.startsWith(META_PREFIX));
  if (!line)
    throw new CycleBenchError(
      'E_VALGRIND_UNAVAILABLE',
      `the instruction-count child reported no results; its output ended with: ${stdout.slice(-2000)}`,
    );
  const metas = JSON.parse(line.slice(META_PREFIX.length)) as InstructionMeta[];
  for (const m of metas) {
    const original = m.file && copies.originals.get(resolve(m.file));
    if (original) m.file = relative(process.cwd(), original);
  }
  // The child's V8 flags (checked against this Node's) go with each count: counts taken with other
  // flags, or on another Node line, count other code (compare warns when they differ).
  const flags = deterministicNodeFlags();
  const benchmarks = metas
    .map((m) => instructionResult(m, totals, request.iterations))
    .map((b) => (b.status === 'ok' ? { ...b, processFlags: flags } : b));
  const band = options.instructionNoise ?? DEFAULT_INSTRUCTION_NOISE;
  return runEnvelope({ startedAt, mode: 'instructions', tag: options.tag, benchmarks, groups: groupComparisons(metas, benchmarks, band) });
}

/** One benchmark's result from its two windows' totals. */
export function instructionResult(m: InstructionMeta, totals: Map<string, Record<string, number>>, iterations: number): BenchResult {
  const base = { id: m.id, name: m.name, group: m.group, args: m.args, file: m.file };
  if (m.status !== 'ok') return failedResult(base, m.status, new Error(m.message ?? m.status), 0);
  const real = totals.get(m.id);
  const empty = totals.get(emptyLabel(m.id));
  if (!real || !empty)
    return failedResult(base, 'error', new Error(`callgrind wrote no dump labelled '${real ? emptyLabel(m.id) : m.id}'`), 0);
  const perIteration = (real.Ir - empty.Ir) / iterations;
  const counters: Record<string, CounterValue> = {};
  for (const [event, value] of Object.entries(real))
    if (event !== 'Ir' && empty[event] !== undefined) counters[event] = { available: true, value: (value - empty[event]) / iterations };
  return {
    ...base,
    args: Object.keys(m.args).length ? m.args : undefined,
    status: 'ok',
    kind: 'instructions',
    unit: 'instructions',
    stats: sampleStats([perIteration]),
    rawStats: sampleStats([real.Ir / iterations]),
    overhead: empty.Ir / iterations,
    samples: [perIteration],
    iterations: [iterations],
    totalIterations: iterations,
    stopReason: 'fixed',
    wallMs: 0,
    flags: {},
    ...(Object.keys(counters).length ? { counters } : {}),
  };
}

/** Group ratios from exact counts: no interval to estimate, the band (instructionNoise) alone decides. */
export function groupComparisons(metas: InstructionMeta[], results: BenchResult[], band: number): GroupComparison[] {
  const out = new Map<string, GroupComparison>();
  const byId = new Map(results.map((r) => [r.id, r]));
  for (const m of metas) {
    if (!m.group || !m.baseline || m.name === m.baseline) continue;
    const base = byId.get(benchId(m.baseline, m.group, m.args));
    const cur = byId.get(m.id);
    if (!base?.stats || !cur?.stats || !(base.stats.median > 0)) continue;
    const key = `${m.group}${JSON.stringify(m.args)}`;
    const g = out.get(key) ?? {
      group: m.group,
      baseline: m.baseline,
      ...(Object.keys(m.args).length ? { args: m.args } : {}),
      entries: [],
    };
    out.set(key, g);
    const ratio = cur.stats.median / base.stats.median;
    g.entries.push({
      id: m.id,
      name: m.name,
      ratio,
      ci: [ratio, ratio],
      pValue: ratio === 1 ? 1 : 0,
      verdict: bandVerdict([ratio, ratio], null, 0.05, band),
    });
  }
  return [...out.values()];
}

/** Child side (under callgrind): warms each benchmark, then counts its loop and its empty loop. */
export async function serveInstructions(): Promise<void> {
  const text = process.env[REQUEST_ENV];
  if (!text) throw new Error(`${REQUEST_ENV} is not set: this entry is started by runInstructionMode`);
  const request = JSON.parse(text) as InstructionRequest;
  setCollectOnly(true);
  for (const f of request.files) await loadBenchFile(f);
  // A constant clock: windows count instructions, not time, and real readings would make the loop's
  // `t1 - t0` a small integer in one run and a double in another (ticks pass 2^31 after 0.88 s),
  // which can give V8 different type feedback, so different code, so different counts.
  const clock = { ...bestClock(), now: () => 0 };
  const resolutionNs = 1;
  const sampling = resolveSampling({});
  const metas: InstructionMeta[] = [];
  const measureOne = async (def: BenchDef, args: Args, group?: string, baseline?: string) => {
    const id = benchId(def.name, group, args);
    if (!matchesFilter(id, request.filter)) return;
    const meta: InstructionMeta = {
      id,
      name: def.name,
      group,
      baseline,
      args,
      file: def.file && relative(process.cwd(), def.file),
      status: 'ok',
    };
    metas.push(meta);
    const skip = def.options.gpu
      ? 'instruction-count mode does not measure GPU benchmarks'
      : def.options.load
        ? 'instruction-count mode does not run load tests'
        : skipReason(def);
    if (skip) {
      meta.status = 'skipped';
      meta.message = skip;
      return;
    }
    try {
      const c = new Contender(id, def, args, sampling, clock, resolutionNs, group);
      await c.prepare();
      if (c.isAsync) {
        meta.status = 'skipped';
        meta.message = 'instruction-count mode measures synchronous benchmarks only (a window would end at the first await)';
        return;
      }
      await c.warmupCalls(request.warmupCalls, request.iterations);
      await c.countInstructions(request.iterations, id, measureInstructions);
      await c.finish();
    } catch (err) {
      meta.status = 'error';
      meta.message = (err as Error).message;
    }
  };
  for (const task of defaultSuite().tasks) {
    if (task.kind === 'bench') for (const args of argPoints(task.bench.options.args)) await measureOne(task.bench, args);
    else {
      const baseline = groupBaseline(task.group);
      for (const args of argPoints(task.group.options.args))
        for (const def of task.group.benches) await measureOne(def, args, task.group.name, baseline);
    }
  }
  process.stdout.write(`\n${META_PREFIX}${JSON.stringify(metas)}\n`);
}
