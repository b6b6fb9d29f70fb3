/**
 * Joining results measured apart (the shards of a CI matrix, or separate suites) into one result that
 * compare, reports and the gate read like any other. Refused: a benchmark id in two inputs, shards of
 * different plans or a shard missing, and, unless allowed, inputs measured in differing environments
 * (then each benchmark records its own environment).
 */
import { CycleBenchError } from '../errors.js';
import type { RunResult } from './types.js';

/** One input: the result and its name for messages (the file). */
export interface MergeInput {
  name: string;
  run: RunResult;
}

const major = (v: string) => /^v?(\d+)/.exec(v)?.[1] ?? v;

/** The fields that must agree for benchmarks to be comparable as one run, as text. */
function fingerprint(run: RunResult): Record<string, string> {
  const e = run.environment;
  return {
    'CPU model': e.cpu.model,
    'Node major version': major(e.runtime.node),
    mode: run.mode,
    execArgv: e.runtime.execArgv.join(' ') || '(none)',
    clock: e.clock.name,
    'git commit': e.git?.commit ?? '(not a checkout)',
  };
}

/** Each field in which `inputs` differ, with the value of each input. */
function differences(inputs: readonly MergeInput[]): string[] {
  const prints = inputs.map((i) => fingerprint(i.run));
  return Object.keys(prints[0])
    .filter((k) => prints.some((p) => p[k] !== prints[0][k]))
    .map((k) => `${k}: ${inputs.map((i, n) => `${prints[n][k]} (${i.name})`).join(' vs ')}`);
}

/** Refuses a set of shards that is not one whole plan: mixed with non-shards, other plans, repeated or missing shards. */
function checkShards(inputs: readonly MergeInput[]): void {
  const shards = inputs.filter((i) => i.run.shard);
  if (!shards.length) return;
  if (shards.length !== inputs.length) {
    const plain = inputs.find((i) => !i.run.shard)!;
    throw new CycleBenchError(
      'E_USAGE',
      `cannot merge shards with a whole run: ${shards[0].name} is shard ${shards[0].run.shard!.index}/${shards[0].run.shard!.count}, ${plain.name} is not a shard. Merge the shards first.`,
    );
  }
  const first = shards[0].run.shard!;
  for (const s of shards) {
    const x = s.run.shard!;
    if (x.count !== first.count || x.plan !== first.plan)
      throw new CycleBenchError(
        'E_USAGE',
        `${s.name} (shard ${x.index}/${x.count}, plan ${x.plan}) and ${shards[0].name} (shard ${first.index}/${first.count}, plan ${first.plan}) were planned differently ` +
          `(another shard count, suite, --filter, or history durations), so together they need not cover the suite once. Re-run the shards alike.`,
      );
  }
  for (let k = 1; k <= first.count; k++) {
    const got = shards.filter((s) => s.run.shard!.index === k);
    if (got.length > 1)
      throw new CycleBenchError('E_USAGE', `shard ${k}/${first.count} is given twice: ${got.map((g) => g.name).join(' and ')}.`);
    if (!got.length)
      throw new CycleBenchError(
        'E_USAGE',
        `shard ${k}/${first.count} is missing (got ${shards
          .map((s) => s.run.shard!.index)
          .sort((a, b) => a - b)
          .join(', ')}); pass every shard's file (an empty shard writes one too).`,
      );
  }
}

/** The value all runs share, or undefined. */
function shared<T>(runs: readonly RunResult[], f: (r: RunResult) => T | undefined): T | undefined {
  const v = f(runs[0]);
  return runs.every((r) => f(r) === v) ? v : undefined;
}

/**
 * Merges results into one. Shards are taken in shard order, other inputs in the order given; the
 * first input's tool and environment head the result. `allowMixed`: inputs from differing
 * environments are joined, each benchmark then carrying its own `environment`.
 */
export function mergeRuns(given: readonly MergeInput[], options: { allowMixed?: boolean } = {}): RunResult {
  if (!given.length) throw new CycleBenchError('E_USAGE', 'nothing to merge: give the result files.');
  checkShards(given);
  const inputs = [...given].sort((a, b) => (a.run.shard?.index ?? 0) - (b.run.shard?.index ?? 0));
  const owner = new Map<string, string>();
  for (const i of inputs)
    for (const b of i.run.benchmarks) {
      const other = owner.get(b.id);
      if (other !== undefined)
        throw new CycleBenchError(
          'E_USAGE',
          `benchmark ${JSON.stringify(b.id)} is in both ${other} and ${i.name}; a merged result holds each benchmark once.`,
        );
      owner.set(b.id, i.name);
    }
  const mixed = differences(inputs);
  if (mixed.length && !options.allowMixed)
    throw new CycleBenchError(
      'E_USAGE',
      `the results were measured in differing environments, so their benchmarks are not comparable as one run:\n  ${mixed.join('\n  ')}\n` +
        `Pass --allow-mixed to merge them anyway (each benchmark then records its environment).`,
    );
  const runs = inputs.map((i) => i.run);
  const tag = shared(runs, (r) => r.tag);
  const processes = shared(runs, (r) => r.processes);
  return {
    schemaVersion: runs[0].schemaVersion,
    tool: runs[0].tool,
    startedAt: runs.map((r) => r.startedAt).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)),
    finishedAt: runs.map((r) => r.finishedAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
    ...(tag !== undefined ? { tag } : {}),
    ...(processes !== undefined ? { processes } : {}),
    mode: runs[0].mode,
    environment: runs[0].environment,
    benchmarks: runs.flatMap((r) =>
      mixed.length ? r.benchmarks.map((b) => ({ ...b, environment: b.environment ?? r.environment })) : r.benchmarks,
    ),
    groups: runs.flatMap((r) => r.groups),
    complexity: runs.flatMap((r) => r.complexity),
  };
}
