/**
 * A vitest runner: `vitest bench` keeps vitest's `bench()` API, files, reporters and `--compare`,
 * and measures with cyclebench instead of tinybench. vitest 4's benchmark runner gets tinybench
 * through one method, `importTinybench()`; this runner returns cyclebench's tinybench 2 shim from
 * it. In test mode (`vitest run`) it is vitest's own test runner, so one config serves both.
 *
 * With CYCLEBENCH_JSON set, each bench file's results are merged into that result file under a lock
 * (vitest runs files in several worker processes), replacing that file's earlier entries.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { BenchmarkRunner, TestRunner } from 'vitest';
import { runEnvelope } from '../../engine/environment.js';
import type { BenchResult } from '../../result/types.js';
import { readResult, writeResult } from '../../store/files.js';
import { gitState } from '../../store/git.js';
import { withLockSync } from '../../store/lock.js';
import { resultPath, resultTag } from '../core/options.js';
import * as tinybench2 from './tinybench2.js';

/** The parts of vitest's task tree read here. */
interface TaskNode {
  name: string;
  type: string;
  meta?: { benchmark?: boolean };
  tasks?: TaskNode[];
  filepath?: string;
}

/** Names each benchmark function by its describe path (`sort > normal`), the file left out. */
function label(node: TaskNode, path: string[]): void {
  for (const t of node.tasks ?? []) {
    if (t.meta?.benchmark) tinybench2.labels.set(TestRunner.getBenchFn(t as never) as Function, [...path, t.name].join(' > '));
    else if (t.tasks) label(t, [...path, t.name]);
  }
}

function collect(node: TaskNode, out: BenchResult[]): BenchResult[] {
  for (const t of node.tasks ?? []) {
    const r = t.meta?.benchmark ? tinybench2.measured.get(TestRunner.getBenchFn(t as never) as Function) : undefined;
    if (r) out.push(r);
    collect(t, out);
  }
  return out;
}

/** Replaces this bench file's entries in the result file (under a lock: workers write concurrently). */
async function record(file: TaskNode, startedAt: string): Promise<void> {
  const path = resultPath(undefined);
  if (!path) return;
  const rel = relative(process.cwd(), file.filepath ?? file.name);
  const mine = collect(file, []).map((b) => ({ ...b, file: rel }));
  if (!mine.length) return;
  mkdirSync(dirname(path), { recursive: true });
  const git = await gitState(process.cwd());
  withLockSync(`${path}.lock`, () => {
    const before = existsSync(path) ? readResult(path) : undefined;
    const run = runEnvelope({
      startedAt: before?.startedAt ?? startedAt,
      mode: 'time',
      tag: resultTag(undefined),
      benchmarks: [...(before?.benchmarks.filter((b) => b.file !== rel) ?? []), ...mine],
    });
    writeResult(path, git ? { ...run, environment: { ...run.environment, git } } : run);
  });
}

export default class CyclebenchRunner extends BenchmarkRunner {
  constructor(config: ConstructorParameters<typeof BenchmarkRunner>[0]) {
    // Test mode: vitest's own runner (a constructor may return another object).
    if (config.mode !== 'benchmark') return new TestRunner(config) as unknown as CyclebenchRunner;
    super(config);
  }

  override async importTinybench(): Promise<any> {
    return tinybench2;
  }

  override async runSuite(suite: Parameters<BenchmarkRunner['runSuite']>[0]): Promise<void> {
    const startedAt = new Date().toISOString();
    label(suite as unknown as TaskNode, []);
    await super.runSuite(suite);
    await record(suite as unknown as TaskNode, startedAt);
  }
}
